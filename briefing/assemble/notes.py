"""Notes: one per cited passage, numbered once in reading order, and the text every format
shows for them.

A passage is a source and a located span of it. Citing a passage again reuses its note
(outline option `repeated_notes: reuse`, the default; `repeat` gives each citation a note
of its own). Within one table row, list item or paragraph a note is marked once (at its
last place). Runs of three or more consecutive notes cited together print as a range,
"5–7", where the notes between the ends were introduced before (`join_ranges`).

A short note (`note_style: short`, the default) names the source by its outlet, a short
title and its date, then the line and the words; the seed file and its hash are in the
sources list (or, for a brief without one, in the note). `note_style: full` keeps the
older text: outlet and whole title, seed file, line, words.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.factbase.dates import display_date
from briefing.factbase.facts import Fact
from briefing.factbase.sources import Source
from briefing.model import (Block, BulletList, Callout, Emph, Figure, Heading, Inline,
                            Link, ListItem, Note, NoteRange, NoteRef, Paragraph, Strong,
                            Table, block_note_numbers, map_inlines)

REPEATED_NOTES = ("reuse", "repeat")
NOTE_STYLES = ("short", "full")

# A title this long or shorter is shown whole in a short note; a longer one is cut to
# about `_SHORT` characters at a word boundary (or to its main title, before a colon),
# and a word at a time longer while two sources would read the same.
_WHOLE, _SHORT = 40, 32
# Words a cut title does not end on.
_LINKING = frozenset("a an and as at by for from in into of on or that the to with".split())


def cut_quote(text: str, limit: int) -> str:
    """Return `text` on one line, cut at a word boundary with "…" when over `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else text[:limit]
    return cut.rstrip(" ,;:-–—") + "…"


def _cut_words(words: list[str], count: int) -> str:
    """Return the first `count` words (fewer if the last are linking words) and " …"."""
    while count > 2 and words[count - 1].lower() in _LINKING:
        count -= 1
    return " ".join(words[:count]).rstrip(" ,;:-–—") + " …"


def _first_cut(title: str) -> int:
    """Return how many words of `title` a short note shows at first (all: no cut)."""
    words = title.split()
    if len(title) <= _WHOLE:
        return len(words)
    main = title.split(": ", 1)[0]
    if main != title and len(main.split()) >= 2 and len(main) <= _WHOLE:
        return len(main.split())
    count, length = 0, -1
    for word in words:
        if count >= 2 and length + 1 + len(word) > _SHORT:
            break
        count, length = count + 1, length + 1 + len(word)
    return count


def short_titles(sources) -> dict[str, str]:
    """Return, per source id, its title (or its bracketed description) as a short note
    shows it: cut to a few words with " …", and never the same for two sources whose
    titles differ."""
    full = {s.id: s.title or s.label or "untitled" for s in sources}
    words = {sid: title.split() for sid, title in full.items()}
    counts = {sid: _first_cut(title) for sid, title in full.items()}

    def shown(sid: str) -> str:
        if counts[sid] >= len(words[sid]):
            return " ".join(words[sid])
        return _cut_words(words[sid], counts[sid])

    for _ in range(max((len(w) for w in words.values()), default=0)):
        by_text: dict[str, list[str]] = {}
        for sid in full:
            by_text.setdefault(shown(sid), []).append(sid)
        clash = [sid for ids in by_text.values() if len({full[i] for i in ids}) > 1
                 for sid in ids if counts[sid] < len(words[sid])]
        if not clash:
            break
        for sid in clash:
            counts[sid] += 1
    out = {}
    for source in sources:
        text = shown(source.id)
        out[source.id] = f"‘{text}’" if source.title else f"[{text}]"
    return out


def short_source(source: Source, title: str) -> str:
    """Return how a short note names `source`: outlet (where stated), short title, date."""
    date = display_date(source.date) if source.date else "undated"
    return ", ".join(p for p in (source.outlet, title, date) if p)


class NoteBook:
    """Hands out note numbers in the order passages are cited: one note per passage
    (`reuse`), or one per citation (`repeat`)."""

    def __init__(self, sources: dict[str, Source], quote_length: int, reuse: bool = True,
                 style: str = "short", with_file: bool = False):
        self.sources = sources
        self.quote_length = quote_length
        self.reuse = reuse
        self.style = style
        self.with_file = with_file
        self.notes: list[Note] = []
        self._facts: list[list[str]] = []  # per note: the facts citing it
        self._of_fact: dict[str, tuple[NoteRef, ...]] = {}
        self._of_passage: dict[tuple[str, int, int], NoteRef] = {}
        self._of_text: dict[str, NoteRef] = {}
        self._names: dict[str, str] = {}  # source id -> how a note names it, built once
        self._short: dict[str, str] | None = None

    def has_cited(self, fact_id: str) -> bool:
        """Return whether a note of fact `fact_id` has been handed out."""
        return fact_id in self._of_fact

    def facts_of(self, number: int) -> list[str]:
        """Return the ids of the facts that cite note `number` so far."""
        return self._facts[number - 1]

    def cite_once(self, fact: Fact) -> tuple[NoteRef, ...]:
        """Return the markers of `fact`'s notes already in the brief, or cite it anew.

        A figure points to the notes the text above it already gave its facts, rather
        than repeating a page of identical notes under the drawing.
        """
        return self._of_fact.get(fact.id) or self.cite(fact)

    def cite(self, fact: Fact) -> tuple[NoteRef, ...]:
        """Return the markers for `fact`'s citations, adding notes for passages not cited
        before (with `repeat`: for every citation). A passage it cites twice is marked
        once."""
        refs: list[NoteRef] = []
        for cit in fact.citations:
            loc = cit.location
            if self.reuse:
                key = (cit.source, loc.start, loc.end)
                ref = self._of_passage.get(key)
                if ref is None:
                    ref = self._of_passage[key] = self._new_note(fact, cit.source, loc)
                else:
                    facts = self._facts[ref.number - 1]
                    if fact.id not in facts:
                        facts.append(fact.id)
                if ref in refs:
                    continue
            else:
                ref = self._new_note(fact, cit.source, loc)
            refs.append(ref)
        markers = tuple(refs)
        self._of_fact.setdefault(fact.id, markers)
        return markers

    def _new_note(self, fact: Fact, source_id: str, loc) -> NoteRef:
        """Return the marker of a new note for the passage at `loc`, or, where a note
        with the very same text exists (two passages that read alike once cut), of that
        note: the reader could not tell them apart."""
        source = self.sources[source_id]
        # The note quotes the seed's own characters, not the curator's typing of them.
        words = source.seed.text[loc.start:loc.end]
        name = self._names.get(source_id)
        if name is None:
            name = self._names[source_id] = self._name(source)
        last = source.seed.position(loc.end - 1)[0] if "\n" in words.rstrip() else loc.line
        number = len(self.notes) + 1
        # Fields by position: matching keywords per note was 4% of assembling a brief of
        # 10,000 facts.
        note = Note(number, (fact.id,), source_id, name, source.file, loc.line,
                    cut_quote(words, self.quote_length), last, self.style, self.with_file)
        ref = NoteRef(number)
        if self.reuse:
            text = note.text
            same = self._of_text.get(text)
            if same is not None:
                facts = self._facts[same.number - 1]
                if fact.id not in facts:
                    facts.append(fact.id)
                return same
            self._of_text[text] = ref
        self.notes.append(note)
        self._facts.append([fact.id])
        return ref

    def _name(self, source: Source) -> str:
        if self.style == "full":
            return source.heading
        if self._short is None:
            self._short = short_titles(self.sources.values())
        return short_source(source, self._short[source.id])

    def finished(self) -> list[Note]:
        """Return the notes, each with every fact that cites it."""
        return [note if len(facts) == 1 else replace(note, fact_ids=tuple(facts))
                for note, facts in zip(self.notes, self._facts)]


# ---------------------------------------------------------------- markers in the model


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
            elif isinstance(node, (Emph, Strong, Link)):
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
        elif kind is Emph or kind is Strong or kind is Link:
            return True
    return count > 1


def _marker_numbers(nodes: tuple[Inline, ...]) -> list[int]:
    found: list[int] = []
    for node in nodes:
        if isinstance(node, NoteRef):
            found.append(node.number)
        elif isinstance(node, (Emph, Strong, Link)):
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
        elif kind is Emph or kind is Strong or kind is Link:
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
        if isinstance(node, (Emph, Strong, Link)):
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
