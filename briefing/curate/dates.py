"""Dates written in a sentence, and a source's dateline.

Only what the words state: "19 January 2025" and "January 19th, 2025" are days,
"September 2025" a month, "in 2024" a year; "June 24" or "23 June" without a year, and
"last Thursday", stay as written (the house style never completes a date by inference)
and are reported for the curator, as is the dateline ("PUTRAJAYA, Malaysia, June 24
(Xinhua) --"), which dates the report, not necessarily the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_SHORT = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_MONTH = (r"(?P<month>(?:January|February|March|April|May|June|July|August|September|"
          r"October|November|December)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    ("day", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")),
    ("day", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("day", re.compile(r"\b(?P<day>[0-3]\d)[-/.](?P<month>[01]\d)[-/.](?P<year>(?:19|20)\d\d)\b")),
    ("day", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("month", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b")),
    ("no year", re.compile(rf"\b{_DAY}\s+{_MONTH}\b")),
    ("no year", re.compile(rf"\b{_MONTH}\s+{_DAY}\b")),
    ("year", re.compile(r"\b(?:in|In|since|Since|during|During|of|year)\s+(?P<year>(?:19|20)\d\d)\b")),
]
# A dateline: a place in capitals (and its country), a date, maybe the agency, a dash or
# colon: "PUTRAJAYA, Malaysia, June 24 (Xinhua) --", "KUALA LUMPUR:".
_PLAIN_MONTH = _MONTH.replace("(?P<month>", "(?:")
_DATELINE = re.compile(
    r"^(?P<line>[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w .'-]*?)?"
    rf"(?:,\s*(?:{_PLAIN_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_PLAIN_MONTH})(?:,?\s+\d{{4}})?)?"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:--|—|–|-|:))")


@dataclass(frozen=True)
class WrittenDate:
    """A date as a sentence writes it, with the ISO value it states (None: no year)."""

    words: str
    precision: str  # "day", "month", "year", "no year"
    iso: str | None


def dates_in(text: str) -> list[WrittenDate]:
    """Return the dates `text` writes, in order; a date inside a longer one is left out."""
    found: list[tuple[int, int, WrittenDate]] = []
    for precision, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if precision == "year":
                start = match.start("year")
            if any(s <= start and end <= e for s, e, _ in found):
                continue
            iso = _iso(match, precision)
            if precision == "day" and iso is None:
                found.append((start, end, None))  # 30 February 2025: no date, nor a part
                continue
            found.append((start, end, WrittenDate(text[start:end], precision, iso)))
    return [d for _, _, d in sorted(found, key=lambda f: f[0]) if d is not None]


def dateline(text: str) -> str | None:
    """Return the dateline at the start of `text`, if it has one."""
    match = _DATELINE.match(text)
    return match.group("line").strip() if match else None


def _iso(match: re.Match, precision: str) -> str | None:
    groups = match.groupdict()
    if precision == "no year":
        return None
    year = int(groups["year"])
    if precision == "year":
        return f"{year:04d}"
    month = _month(groups["month"])
    if month is None:
        return None
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    day = int(groups["day"])
    import calendar

    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(text: str) -> int | None:
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    word = text.rstrip(".").lower()
    if word in _MONTHS:
        return _MONTHS.index(word) + 1
    return _SHORT.get(word)
