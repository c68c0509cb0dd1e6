"""The closest passage to a quote that is not in its source, found in bounded time.

A quote that misses usually misses by little: a character typed differently, a space
more or less, a word dropped. The pieces of it that are right still occur in the seed,
side by side. A dozen chunks of the quote are searched for (each a scan at C speed; a
chunk found more than `MAX_HITS` times says little and is dropped), each hit votes for
where the quote would start, and the quote is aligned (rapidfuzz) with a window around
each of the best-voted starts. That is a few scans of the seed and a few small
alignments per quote, whatever the seed's size (a whole-seed alignment, O(seed x quote),
took ~52 s on a 50 MB seed). A source of at most `WHOLE_UP_TO` characters is also
aligned whole, which finds a passage even when no chunk of the quote is intact.

The passage is shown in the seed's own characters (an en dash stays an en dash), with
its first difference from the quote by line, column and code point.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

CHUNKS = 12  # chunks of the quote searched for
MAX_HITS = 48  # a chunk found more often than this votes for nothing
CANDIDATES = 6  # windows aligned
WHOLE_UP_TO = 1_000_000  # characters of a source also aligned whole
LEAST_SCORE = 60.0  # below this the "closest" passage is not like the quote at all


@dataclass(frozen=True)
class Closest:
    """The passage of a source most like a quote, and how the two first differ."""

    text: str  # the passage in the seed's own characters, on one line
    line: int
    column: int
    difference: str  # "line 7, col 41: quote has U+0020 SPACE, source has 'h' (U+0068)"
    caret: int  # offset in `text` of the first difference (-1: none to show)
    score: float


def closest_passage(seed, lo: int, hi: int, needle: str) -> Closest | None:
    """Return the passage of `seed.norm[lo:hi]` most like the normalised quote `needle`,
    or None when nothing there resembles it."""
    if len(needle) < 3 or hi <= lo:
        return None
    hay = seed.norm
    m = len(needle)
    best = None  # (score, start, end) in hay
    for start in _candidate_starts(hay, lo, hi, needle):
        w0, w1 = max(lo, start - m // 2 - 8), min(hi, start + m + m // 2 + 8)
        best = _better(best, fuzz.partial_ratio_alignment(needle, hay[w0:w1]), w0)
    if hi - lo <= WHOLE_UP_TO:
        best = _better(best, fuzz.partial_ratio_alignment(needle, hay[lo:hi]), lo)
    if best is None or best[0] < LEAST_SCORE:
        return None
    return _describe(seed, lo, hi, needle, best)


def _candidate_starts(hay: str, lo: int, hi: int, needle: str) -> list[int]:
    """Return where in `hay` the quote most likely starts, by the votes of its chunks."""
    m = len(needle)
    size = max(3, min(8, m // 4))
    if m <= size:
        offsets = [0]
    else:
        step = (m - size) / (CHUNKS - 1)
        offsets = sorted({round(i * step) for i in range(CHUNKS)})
    votes: dict[int, set[int]] = {}  # start bucket -> the chunks voting for it
    bucket = max(4, m // 8)
    for offset in offsets:
        chunk = needle[offset:offset + size]
        hits = []
        at = hay.find(chunk, lo, hi)
        while at != -1 and len(hits) <= MAX_HITS:
            hits.append(at)
            at = hay.find(chunk, at + 1, hi)
        if len(hits) > MAX_HITS:
            continue
        for hit in hits:
            votes.setdefault((hit - offset) // bucket, set()).add(offset)
    ranked = sorted(votes, key=lambda b: (-len(votes[b]), b))[:CANDIDATES]
    return [b * bucket for b in ranked]


def _better(best, alignment, base: int):
    found = (alignment.score, base + alignment.dest_start, base + alignment.dest_end)
    return found if best is None or found[0] > best[0] else best


def _describe(seed, lo: int, hi: int, needle: str, best) -> Closest:
    """Return the aligned passage (widened to whole words) and its first difference."""
    score, start, end = best
    hay = seed.norm
    # Align the quote with the region around the match and keep what aligns with it:
    # source characters before its first and after its last aligned one are not part of
    # the passage.
    pad = len(needle) // 4 + 4
    r0, r1 = max(lo, start - pad), min(hi, end + pad)
    ops = list(Levenshtein.opcodes(needle, hay[r0:r1]))
    while ops and ops[0].tag == "insert":
        ops.pop(0)
    while ops and ops[-1].tag == "insert":
        ops.pop()
    if ops:
        start, end = r0 + ops[0].dest_start, r0 + ops[-1].dest_end
    a, b = start, end
    while a > lo and a > start - 30 and not hay[a - 1].isspace():
        a -= 1
    while b < hi and b < end + 30 and not hay[b].isspace():
        b += 1
    origin = seed.origin
    o0, o1 = origin[a], origin[max(a, b - 1)] + 1
    text = seed.text[o0:o1].replace("\r", " ").replace("\n", " ").rstrip()
    line, column = seed.position(o0)
    differ = next((op for op in ops if op.tag != "equal"), None)
    if differ is None:
        return Closest(text, line, column, "", -1, score)
    i, j = differ.src_start, r0 + differ.dest_start
    spot = origin[j] if j < hi else o1
    at_line, at_col = seed.position(min(spot, len(seed.text) - 1))
    quote_has = _char(needle[i]) if i < len(needle) else "nothing more (the quote ends)"
    source_has = _char(hay[j]) if j < hi else "nothing more (the source ends)"
    difference = f"line {at_line}, col {at_col}: quote has {quote_has}, source has {source_has}"
    return Closest(text, line, column, difference, spot - o0, score)


def _char(ch: str) -> str:
    """Return a character as messages show it: itself and its code point, or for white
    space and invisible characters the code point and name."""
    name = unicodedata.name(ch, "")
    if ch.isspace() or not ch.isprintable():
        return f"U+{ord(ch):04X} {name}".rstrip()
    return f"'{ch}' (U+{ord(ch):04X})"
