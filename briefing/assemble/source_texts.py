"""The seed files a brief cites, as the model carries them for a source viewer.

Each file once, in the order its first note appears; its segments (the articles of a
file that holds several) with what a reader names them by; and the spans the sources
declare as web debris. The cited passages are the notes' own offsets, located at load:
nothing here searches for a quote.
"""

from __future__ import annotations

from briefing import model as m
from briefing.factbase.dates import display_date
from briefing.factbase.sources import Source
from briefing.factbase.textnorm import normalise


def source_texts(sources: dict[str, Source], notes: tuple[m.Note, ...]
                 ) -> tuple[m.SourceText, ...]:
    """Return each seed file `notes` cite, with every source declared in it."""
    by_file: dict[str, list[Source]] = {}
    for source in sources.values():
        by_file.setdefault(source.file, []).append(source)
    order = list(dict.fromkeys(sources[n.source_id].file for n in notes))
    return tuple(_source_text(sorted(by_file[file], key=lambda s: s.first_line))
                 for file in order)


def _source_text(group: list[Source]) -> m.SourceText:
    first = group[0]
    seed = first.seed
    segments = tuple(
        m.Segment(s.id, s.outlet or "",
                  f"“{s.title}”" if s.title else f"[{s.label or 'untitled'}]",
                  display_date(s.date) if s.date else "", s.first_line, s.last_line,
                  s.url or "")
        for s in group)
    # Only a source that declares debris is searched for it: finding it needs the seed's
    # normalised text, which a build from located citations otherwise never makes (at
    # 10,000 facts, 45 MB and 1.5 s).
    debris = {span for s in group if s.debris for span in s.debris_spans}
    if first.part_of and all(s.debris for s in group):
        # Lines outside every segment (a page's own heading and furniture): the file
        # entry's debris, which every segment carries.
        common = set.intersection(*(set(s.debris) for s in group))
        inside = [s.span for s in group]
        debris |= {span for span in _find_all(seed, common)
                   if not any(lo <= span[0] < hi for lo, hi in inside)}
    return m.SourceText(first.part_of or first.id, first.file, seed.sha256, segments,
                        tuple(sorted(debris)), seed.text)


def _find_all(seed, passages) -> list[tuple[int, int]]:
    """Return the [start, end) offsets of every occurrence of each passage in the whole
    seed, matched as quotes and debris are (under the documented normalisation)."""
    spans = []
    for passage in sorted(passages):
        needle = normalise(passage)
        at = seed.norm.find(needle) if needle else -1
        while at != -1:
            spans.append((seed.origin[at], seed.origin[at + len(needle) - 1] + 1))
            at = seed.norm.find(needle, at + 1)
    return spans
