"""Sentences of a seed text: where each starts and ends.

A sentence ends at a line break, or at `.`, `!` or `?` (with any closing quotes or
brackets after it) followed by white space, except where the full stop belongs to a
word: an abbreviation ("Pol. Maj. Gen.", "Dr.", "No."), an initial ("Lee J. Soo"), a
dotted acronym ("U.N.", "U.S."), or a stop followed by a lower-case word ("approx. ten");
and except inside a quotation still open (“We must act. Now,” he said.), so that quoted
speech stays one sentence with its speaker.
"""

from __future__ import annotations

import re

# Abbreviations whose full stop does not end a sentence (compared without the stop,
# case-insensitively): titles and ranks of the region's officials, and common short forms.
ABBREVIATIONS = frozenset("""
    mr mrs ms mdm dr prof sir hon rev fr sr jr st yb ybhg yab yam ybm
    gen lt col maj capt cpt cmdr adm brig sgt cpl pvt pol insp supt asst comm dep
    sen rep gov pres amb sec gen.-sec dir
    no nos vol vols fig figs art para pp p op cf al approx ca est dept govt assn
    corp inc ltd co bhd sdn pte plc mt ft rd ave
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    e.g i.e vs viz
""".split())
# Candidate ends: a line break, or a stop (and closing marks) before white space or the end.
_END = re.compile(r"\n|[.!?]+['\"’”)\]»]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"([\w.’'-]+)$")
_NEXT_WORD = re.compile(r"\s*(\S)")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the [start, end) offsets of each sentence of text[start:end], without the
    white space around it; blank lines are not sentences."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for match in _END.finditer(text, start, end):
        if match.group() != "\n" and (_quoting(text, pos, match.end()) or not
                                      _ends_sentence(text, match.start(), match.end(), end)):
            continue
        _add(text, pos, match.end() if match.group() != "\n" else match.start(), spans)
        pos = match.end()
    _add(text, pos, end, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def _quoting(text: str, start: int, stop: int) -> bool:
    """Whether a quotation opened in text[start:stop] is still open at `stop`."""
    piece = text[start:stop]
    return piece.count("“") > piece.count("”") or piece.count('"') % 2 == 1


def _ends_sentence(text: str, stop: int, after: int, end: int) -> bool:
    """Whether the stop at `stop` (its marks running to `after`) ends a sentence."""
    if text[stop] != ".":
        return True  # ! and ? always do
    word = _WORD_BEFORE.search(text, max(0, stop - 40), stop + 1)
    token = word.group(1).rstrip(".") if word else ""
    bare = token.lstrip("(\"'“‘").lower()
    if bare in ABBREVIATIONS:
        return False
    letters = bare.replace(".", "")
    if len(letters) == 1 and letters.isalpha():
        return False  # an initial, or the last letter of "U.N."
    if "." in bare and all(len(part) <= 2 for part in bare.split(".") if part):
        return False  # a dotted acronym: U.N., e.g., U.S.A.
    following = _NEXT_WORD.match(text, after, end)
    if following and (following.group(1).islower() or following.group(1) in ",;:"):
        return False
    return True


def overlap_test(spans: list[tuple[int, int]]):
    """Return a test of whether [start, end) overlaps any of `spans` (a sorted list of
    [start, end) pairs), in log time: a bisection and the furthest end reached so far."""
    import bisect

    starts = [s for s, _ in spans]
    reach, furthest = [], -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)

    def overlaps(start: int, end: int) -> bool:
        before = bisect.bisect_left(starts, end)  # spans starting before `end`
        return bool(before) and reach[before - 1] > start
    return overlaps


def without_debris(spans: list[tuple[int, int]],
                   debris: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the spans that overlap no span of declared debris (both sorted lists)."""
    if not debris:
        return spans
    overlaps = overlap_test(debris)
    return [(s, e) for s, e in spans if not overlaps(s, e)]
