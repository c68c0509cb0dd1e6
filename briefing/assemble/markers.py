"""Note markers in the model: each note marked once per table row, list item or paragraph;
notes numbered 1..N in reading order; markers cited together sorted, with runs of three or
more consecutive notes as ranges ("5–7") where the notes between were cited before.

Assembly runs them in that order: `relabel` (notes of one passage made one),
`one_marker_per_unit` and `renumber` on the blocks it built, `join_ranges` last, once
every number is final.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.model import (
    Block,
    BulletList,
    Callout,
    Emph,
    Figure,
    Heading,
    Inline,
    Link,
    ListItem,
    Note,
    NoteRange,
    NoteRef,
    Paragraph,
    Strong,
    Table,
    XRef,
    block_note_numbers,
    map_inlines,
)


def relabel(blocks: tuple[Block, ...], number_of: dict[int, int]) -> tuple[Block, ...]:
    """Return `blocks` with each note marker numbered as `number_of` says (the same
    blocks when it is empty)."""
    if not number_of:
        return blocks
    return map_inlines(blocks, lambda nodes: tuple(
        NoteRef(number_of[n.number]) if n.__class__ is NoteRef else n for n in nodes))


def one_marker_per_unit(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Return `blocks` with each note marked once per table row, list item, paragraph,
    heading, caption or box title: at its last place there (a note at the end covers
    what comes before it). Markers cited together stay together (`join_ranges` sorts
    them)."""
    return tuple(_unit_block(b) for b in blocks)


def _unit_block(block: Block) -> Block:
    if isinstance(block, (Heading, Paragraph)):
        (children,) = _last_only((block.children,))
        return block if children is block.children else replace(block, children=children)
    if isinstance(block, BulletList):
        items = tuple(_unit_item(i) for i in block.items)
        return block if all(a is b for a, b in zip(items, block.items)) else \
            replace(block, items=items)
    if isinstance(block, Table):
        (caption,) = _last_only((block.caption,))
        header = _last_only(block.header)
        rows = tuple(_last_only(row) for row in block.rows)
        return replace(block, caption=caption, header=header, rows=rows)
    if isinstance(block, Callout):
        (title,) = _last_only((block.title,))
        return replace(block, title=title, blocks=one_marker_per_unit(block.blocks))
    return block


def _unit_item(item: ListItem) -> ListItem:
    (children,) = _last_only((item.children,))
    return item if children is item.children else replace(item, children=children)


def _last_only(runs: tuple[tuple[Inline, ...], ...]) -> tuple[tuple[Inline, ...], ...]:
    """Return inline runs (the cells of a row, or one run) with every marker of a note but
    its last one in them removed; the same object when nothing repeats."""
    if len(runs) == 1 and not _may_repeat(runs[0]):  # most items: one marker, or none
        return runs
    numbers = [n for run in runs for n in _marker_numbers(run)]
    if len(numbers) == len(set(numbers)):
        return runs
    left: dict[int, int] = {}
    for n in numbers:
        left[n] = left.get(n, 0) + 1

    def strip(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for node in nodes:
            if isinstance(node, NoteRef):
                left[node.number] -= 1
                if left[node.number]:
                    continue
            elif isinstance(node, (Emph, Strong, Link, XRef)):
                node = replace(node, children=strip(node.children))
            out.append(node)
        return tuple(out)

    return tuple(strip(run) for run in runs)


def _may_repeat(nodes: tuple[Inline, ...]) -> bool:
    """Whether `nodes` may mark a note twice: two markers, or markers nested."""
    count = 0
    for node in nodes:
        kind = node.__class__
        if kind is NoteRef:
            count += 1
        elif kind is Emph or kind is Strong or kind is Link or kind is XRef:
            return True
    return count > 1


def _marker_numbers(nodes: tuple[Inline, ...]) -> list[int]:
    found: list[int] = []
    for node in nodes:
        if isinstance(node, NoteRef):
            found.append(node.number)
        elif isinstance(node, (Emph, Strong, Link, XRef)):
            found += _marker_numbers(node.children)
    return found


def renumber(blocks: tuple[Block, ...], notes: list[Note]) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
    """Return blocks and notes with notes numbered 1..N in reading order.

    Assembly may cite out of order (a "Sources differ" box is added after its section
    was numbered); Word numbers footnotes by position, so every format must agree on it.
    A note may be referenced more than once (a passage cited again; a figure shows a
    fact's notes at every mark the fact supports): its first reference in reading order
    gives its number. Runs before `join_ranges`.
    """
    order = list(dict.fromkeys(n for b in blocks for n in block_note_numbers(b)))
    if order == list(range(1, len(notes) + 1)):
        return blocks, tuple(notes)
    if sorted(order) != list(range(1, len(notes) + 1)):
        raise ValueError("each note must be referenced at least once")
    new_number = {old: new for new, old in enumerate(order, 1)}
    blocks = map_inlines(blocks, lambda nodes: tuple(
        NoteRef(new_number[n.number]) if isinstance(n, NoteRef) else n for n in nodes))
    notes = tuple(replace(notes[old - 1], number=new) for new, old in enumerate(order, 1))
    return blocks, notes


def join_ranges(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Return `blocks` (numbered in reading order) with the markers cited together in
    ascending order, each once, and runs of three or more consecutive notes as a
    `NoteRange` where the notes between its ends were introduced before. Figures' marks
    keep their `NoteRef`s (a figure prints its own ranges)."""
    seen: set[int] = set()
    out = []
    for block in blocks:
        if isinstance(block, Figure):
            seen.update(n.number for n in block.introduces)
            out.append(block)
            continue
        out.append(_ranged_block(block, seen))
    return tuple(out)


def _ranged_block(block: Block, seen: set[int]) -> Block:
    if isinstance(block, (Heading, Paragraph)):
        return _replaced(block, "children", _ranged(block.children, seen))
    if isinstance(block, BulletList):
        items = tuple(_replaced(i, "children", _ranged(i.children, seen)) for i in block.items)
        return block if all(a is b for a, b in zip(items, block.items)) else \
            replace(block, items=items)
    if isinstance(block, Table):
        caption = _ranged(block.caption, seen)
        header = tuple(_ranged(c, seen) for c in block.header)
        rows = tuple(tuple(_ranged(c, seen) for c in row) for row in block.rows)
        return replace(block, caption=caption, header=header, rows=rows)
    if isinstance(block, Callout):
        title = _ranged(block.title, seen)
        return replace(block, title=title,
                       blocks=tuple(_ranged_block(b, seen) for b in block.blocks))
    return block


def _replaced(obj, name: str, value):
    return obj if getattr(obj, name) is value else replace(obj, **{name: value})


def _ranged(nodes: tuple[Inline, ...], seen: set[int]) -> tuple[Inline, ...]:
    """Return `nodes` with each group of adjacent markers sorted, once each, with ranges
    joined; `seen` (the notes introduced before) gains the group's numbers."""
    # Most runs hold one marker, or markers apart: nothing to join or sort.
    last = None
    numbers = []
    for node in nodes:
        kind = node.__class__
        if kind is NoteRef:
            if last is NoteRef:
                break
            numbers.append(node.number)
        elif kind is Emph or kind is Strong or kind is Link or kind is XRef:
            break
        last = kind
    else:
        seen.update(numbers)
        return nodes
    out: list[Inline] = []
    group: list[int] = []
    changed = False
    for node in nodes:
        if isinstance(node, NoteRef):
            group.append(node.number)
            continue
        if group:
            changed |= _flush(group, seen, out)
        if isinstance(node, (Emph, Strong, Link, XRef)):
            inner = _ranged(node.children, seen)
            if inner is not node.children:
                node, changed = replace(node, children=inner), True
        out.append(node)
    if group:
        changed |= _flush(group, seen, out)
    return tuple(out) if changed else nodes


def _flush(group: list[int], seen: set[int], out: list[Inline]) -> bool:
    """Append the markers of one group of adjacent markers to `out`; return whether they
    differ from the group as it was."""
    nums = sorted(set(group))
    marks: list[Inline] = []
    i = 0
    while i < len(nums):
        j = i
        # Extend the run while the number that would fall inside it was introduced before.
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1 and (j == i or nums[j] in seen):
            j += 1
        if j - i >= 2:
            marks.append(NoteRange(nums[i], nums[j]))
        else:
            marks.extend(NoteRef(n) for n in nums[i:j + 1])
        i = j + 1
    seen.update(nums)
    out.extend(marks)
    changed = nums != group or len(marks) != len(group)
    group.clear()
    return changed
