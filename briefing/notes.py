"""Numbering notes once, in reading order, and the text every format shows for them."""

from __future__ import annotations

from briefing.facts import Fact
from briefing.model import Note, NoteRef
from briefing.sources import Source


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

    def cite(self, fact: Fact) -> tuple[NoteRef, ...]:
        """Return the markers for every citation of `fact`, adding their notes."""
        refs = []
        for cit in fact.citations:
            source = self.sources[cit.source]
            loc = cit.location
            # The note quotes the seed's own characters, not the curator's typing of them.
            words = source.seed.text[loc.start:loc.end]
            note = Note(number=len(self.notes) + 1, fact_id=fact.id, source_id=source.id,
                        heading=source.heading, file=source.file, line=loc.line,
                        quote=cut_quote(words, self.quote_length))
            self.notes.append(note)
            refs.append(NoteRef(note.number))
        return tuple(refs)
