"""Numbering notes once, in reading order, and the text every format shows for them."""

from __future__ import annotations

from dataclasses import replace

from briefing.factbase.facts import Fact
from briefing.factbase.sources import Source
from briefing.model import Block, Note, NoteRef, block_note_numbers, map_inlines


def cut_quote(text: str, limit: int) -> str:
    """Return `text` on one line, cut at a word boundary with "…" when over `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else text[:limit]
    return cut.rstrip(" ,;:-–—") + "…"


class NoteBook:
    """Hands out note numbers in the order facts are cited, one note per citation."""

    def __init__(self, sources: dict[str, Source], quote_length: int):
        self.sources = sources
        self.quote_length = quote_length
        self.notes: list[Note] = []
        self._of_fact: dict[str, tuple[NoteRef, ...]] = {}
        self._headings: dict[str, str] = {}  # source id -> heading, built once

    def has_cited(self, fact_id: str) -> bool:
        """Return whether a note of fact `fact_id` has been handed out."""
        return fact_id in self._of_fact

    def cite_once(self, fact: Fact) -> tuple[NoteRef, ...]:
        """Return the markers of `fact`'s notes already in the brief, or cite it anew.

        A figure points to the notes the text above it already gave its facts, rather
        than repeating a page of identical notes under the drawing.
        """
        return self._of_fact.get(fact.id) or self.cite(fact)

    def cite(self, fact: Fact) -> tuple[NoteRef, ...]:
        """Return the markers for every citation of `fact`, adding their notes."""
        refs = []
        for cit in fact.citations:
            source = self.sources[cit.source]
            loc = cit.location
            # The note quotes the seed's own characters, not the curator's typing of them.
            words = source.seed.text[loc.start:loc.end]
            heading = self._headings.get(source.id)
            if heading is None:
                heading = self._headings[source.id] = source.heading
            number = len(self.notes) + 1
            # Fields by position: matching seven keywords per note was 4% of assembling
            # a brief of 10,000 facts.
            self.notes.append(Note(number, fact.id, source.id, heading, source.file, loc.line,
                                   cut_quote(words, self.quote_length)))
            refs.append(NoteRef(number))
        markers = tuple(refs)
        self._of_fact.setdefault(fact.id, markers)
        return markers


def renumber(blocks: tuple[Block, ...], notes: list[Note]) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
    """Return blocks and notes with notes numbered 1..N in reading order.

    Assembly may cite out of order (a "Sources differ" box is added after its section
    was numbered); Word numbers footnotes by position, so every format must agree on it.
    A note may be referenced more than once (a figure shows a fact's notes at every mark
    the fact supports): its first reference in reading order gives its number.
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
