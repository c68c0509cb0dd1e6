"""Locating quotes in seed texts under the documented normalisation (`textnorm`): every
quote of a seed in one pass, one quote within a source's span, and the closest passage
when a quote is not there (`closest`).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.factbase.sources import SeedFile, Source
from briefing.factbase.textnorm import normalise


@dataclass(frozen=True)
class Location:
    """Where a quote was found: offsets in the seed text and 1-based line and column."""

    start: int
    end: int
    line: int
    column: int
    end_line: int


@dataclass(frozen=True)
class Miss:
    """Why a quote was not located, with the closest passage when there is one: in the
    seed's own characters, where it starts, and its first difference from the quote."""

    reason: str  # "not-found", "ambiguous", "empty"
    count: int = 0
    closest: str = ""
    closest_line: int = 0
    lines: tuple[int, ...] = ()
    closest_column: int = 0
    difference: str = ""  # "line 7, col 41: quote has U+0020 SPACE, source has 'h' (U+0068)"
    caret: int = -1  # where in `closest` the first difference stands


# Below this many quotes in one seed, searching for each is quicker than building an
# automaton; above it, one pass over the seed finds them all.
_BATCH_FROM = 32
# The automaton holds this many leading characters of each quote; a longer quote is then
# checked where its start was found. Long enough that starts rarely recur by chance.
_KEY_CHARS = 24


def find_all(seed: SeedFile, needles: set[str]) -> dict[str, list[int]]:
    """Return the offsets in `seed.norm` of every occurrence (overlaps included) of each
    needle, in increasing order.

    One Aho-Corasick pass over the seed instead of a scan per quote: with thousands of
    quotes on one long seed, the scans made `check` grow as quotes x seed length.
    """
    text = seed.norm
    found: dict[str, list[int]] = {needle: [] for needle in needles}
    if len(needles) < _BATCH_FROM:
        for needle in needles:
            at = text.find(needle) if needle else -1
            while at != -1:
                found[needle].append(at)
                at = text.find(needle, at + 1)
        return found
    import ahocorasick

    by_key: dict[str, list[str]] = {}
    for needle in needles:
        if needle:
            by_key.setdefault(needle[:_KEY_CHARS], []).append(needle)
    automaton = ahocorasick.Automaton()
    for key, group in by_key.items():
        automaton.add_word(key, (len(key), group))
    automaton.make_automaton()
    for end, (length, group) in automaton.iter(text):
        start = end - length + 1
        for needle in group:
            if len(needle) == length or text.startswith(needle, start):
                found[needle].append(start)
    return found


def locate(source: Source, quote: str, prefix: str | None = None,
           suffix: str | None = None, found: dict[str, list[int]] | None = None,
           needle: str | None = None) -> Location | Miss:
    """Return where `quote` occurs in `source` under the documented normalisation.

    `found` is `find_all`'s result for the seed when many quotes are located at once, and
    `needle` the normalised quote when the caller has it already.
    """
    if needle is None:
        needle = normalise(quote)
    if not needle:
        return Miss("empty")
    seed = source.seed
    lo, hi = source.norm_span
    if found is None or needle not in found:
        found = find_all(seed, {needle})
    hits = [at for at in found[needle] if lo <= at and at + len(needle) <= hi]
    if prefix:
        want = normalise(prefix)
        hits = [h for h in hits if seed.norm[lo:h].rstrip().endswith(want)]
    if suffix:
        want = normalise(suffix)
        hits = [h for h in hits if seed.norm[h + len(needle):hi].lstrip().startswith(want)]
    if len(hits) == 1:
        start = seed.origin[hits[0]]
        end = seed.origin[hits[0] + len(needle) - 1] + 1
        line, column = seed.position(start)
        return Location(start, end, line, column, seed.position(end - 1)[0])
    if hits:
        lines = tuple(seed.position(seed.origin[h])[0] for h in hits)
        return Miss("ambiguous", len(hits), lines=lines)
    from briefing.factbase.closest import closest_passage

    near = closest_passage(seed, lo, hi, needle)
    if near is None:
        return Miss("not-found")
    return Miss("not-found", closest=near.text, closest_line=near.line,
                closest_column=near.column, difference=near.difference, caret=near.caret)
