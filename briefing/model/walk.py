"""Walking the model: the text of inlines, the notes they mark, every inline run of a
block, and a copy of blocks with their inlines changed."""

from __future__ import annotations

from dataclasses import replace

from briefing.model.blocks import (
    Block,
    BulletList,
    Callout,
    Figure,
    Heading,
    Judgement,
    ListItem,
    Paragraph,
    Table,
)
from briefing.model.inlines import (
    Code,
    Emph,
    Inline,
    LineBreak,
    Link,
    NoteRange,
    NoteRef,
    Strong,
    Text,
    XRef,
)


def plain_text(inlines: tuple[Inline, ...], notes: bool = False) -> str:
    """Return the text of `inlines`; note markers appear as their numbers if `notes`."""
    out = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            out.append(node.text)
        elif isinstance(node, (Emph, Strong, Link, XRef)):
            out.append(plain_text(node.children, notes))
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, NoteRef) and notes:
            out.append(str(node.number))
        elif isinstance(node, NoteRange) and notes:
            out.append(f"{node.first}\u2013{node.last}")
    return "".join(out)


def note_numbers(inlines: tuple[Inline, ...], printed: bool = False) -> list[int]:
    """Return the note numbers referenced in `inlines`, in order (a range: each number
    it stands for; with `printed`, its two ends)."""
    found: list[int] = []
    _add_note_numbers(inlines, found, printed)
    return found


def _add_note_numbers(inlines: tuple[Inline, ...], found: list[int],
                      printed: bool = False) -> None:
    for node in inlines:
        if isinstance(node, NoteRef):
            found.append(node.number)
        elif isinstance(node, NoteRange):
            found.extend((node.first, node.last) if printed else node.numbers)
        elif isinstance(node, (Emph, Strong, Link, XRef)):
            _add_note_numbers(node.children, found, printed)


def map_inlines(blocks: tuple[Block, ...], fn) -> tuple[Block, ...]:
    """Return `blocks` with every inline sequence replaced by `fn(inlines)`, in reading
    order (headings, paragraphs, list items, table caption then cells row by row, callout
    title then its blocks, a figure's marks in order)."""
    def inl(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        nodes = tuple(replace(n, children=inl(n.children))
                      if isinstance(n, (Emph, Strong, Link, XRef)) else n for n in nodes)
        return fn(nodes)

    def block(b: Block) -> Block:
        if isinstance(b, Heading):
            return Heading(b.level, inl(b.children), b.anchor)
        if isinstance(b, Paragraph):
            return Paragraph(inl(b.children))
        if isinstance(b, Judgement):
            return replace(b, children=inl(b.children))
        if isinstance(b, BulletList):
            return BulletList(tuple(ListItem(inl(i.children)) for i in b.items), b.style)
        if isinstance(b, Table):
            caption = inl(b.caption)
            header = tuple(inl(c) for c in b.header)
            rows = tuple(tuple(inl(c) for c in row) for row in b.rows)
            return Table(header, rows, b.widths, caption)
        if isinstance(b, Callout):
            return Callout(inl(b.title), map_inlines(b.blocks, fn), b.kind)
        if isinstance(b, Figure):
            marks = tuple(replace(k, notes=inl(k.notes)) for k in b.marks)
            return replace(b, marks=marks)
        return b

    return tuple(block(b) for b in blocks)


def block_note_numbers(block: Block, printed: bool = False) -> list[int]:
    """Return the note numbers referenced anywhere in `block`, in reading order; with
    `printed`, only those it prints (a range's ends; a figure's caption markers)."""
    found: list[int] = []
    if printed and isinstance(block, Figure):
        return [ref.number for ref in block.introduces]
    for run in inline_runs(block):
        _add_note_numbers(run, found, printed)  # one list: a long list has a run per item
    return found


def inline_runs(block: Block):
    """Yield each inline sequence of `block` (not its nested links' children) in the
    order `map_inlines` visits them."""
    if isinstance(block, (Heading, Paragraph, Judgement)):
        yield block.children
    elif isinstance(block, BulletList):
        for item in block.items:
            yield item.children
    elif isinstance(block, Table):
        yield block.caption
        yield from block.header
        for row in block.rows:
            yield from row
    elif isinstance(block, Callout):
        yield block.title
        for inner in block.blocks:
            yield from inline_runs(inner)
    elif isinstance(block, Figure):
        for mark in block.marks:
            yield mark.notes
