"""Time in words: the dates a text writes, and the words that speak of time relative to
the day they were written ("this October", "last Thursday", "recently").

A date written in a text is a (year, month, day) triple in which any part may be
missing: "24 June 2025", "January 19th, 2025", "24-06-2025", "2025-06-24", "September
2025", "June 24" (no year: a dateline), "in 2024".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.factbase.dates import MONTHS, PartialDate

_MONTH = "|".join(MONTHS) + "|" + "|".join(m[:3] + r"\.?" for m in MONTHS)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>[12]\d{3})"
_DAY1 = r"(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|\u2013|\u2014|to|until|till|through)\s*"
# A span of days names both ends: each is a date the text writes ("20-22 October 2025"
# writes 20 October 2025 as well as 22 October 2025).
_RANGES = [
    # 20-22 October 2025, 20 to 22 October, 30 June to 2 July 2025
    re.compile(rf"\b{_DAY1}(?: (?P<month1>{_MONTH}))?{_TO}{_DAY} (?P<month>{_MONTH})\b"
               rf"(?:,? {_YEAR}\b)?"),
    # October 20-22, 2025; June 30 to July 2, 2025
    re.compile(rf"\b(?P<month1>{_MONTH}) {_DAY1}{_TO}(?:(?P<month>{_MONTH}) )?{_DAY}\b"
               rf"(?:,? {_YEAR}\b)?"),
]
_WRITTEN = [
    # 24 June 2025, 24 June
    re.compile(rf"\b{_DAY} (?P<month>{_MONTH})\b(?:,? {_YEAR}\b)?"),
    # June 24, 2025; January 19th, 2025; June 24
    re.compile(rf"\b(?P<month>{_MONTH}) {_DAY}\b(?:,? {_YEAR}\b)?"),
    # September 2025
    re.compile(rf"\b(?P<month>{_MONTH}),? {_YEAR}\b"),
    # 24-06-2025, 24/06/2025
    re.compile(r"\b(?P<day>[0-3]\d)[-/](?P<mnum>[01]\d)[-/](?P<year>[12]\d{3})\b"),
    # 2025-06-24, 2025-06
    re.compile(r"\b(?P<year>[12]\d{3})-(?P<mnum>[01]\d)(?:-(?P<day>[0-3]\d))?\b"),
    # 2025 (a year alone)
    re.compile(rf"\b{_YEAR}\b"),
]


@dataclass(frozen=True)
class Written:
    """A date as a text writes it: the parts it states, and where it stands."""

    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int

    def states(self, date: PartialDate, year_of_text: int | None = None) -> bool:
        """Whether these words state `date` to its precision. Words without a year (a
        dateline's "June 24") state it when the text's own date has that year."""
        year = self.year if self.year is not None else year_of_text
        if year != date.year:
            return False
        if date.month is not None and self.month != date.month:
            return False
        return date.day is None or self.day == date.day


def _month_number(name: str) -> int:
    return next(i for i, m in enumerate(MONTHS, 1) if name.rstrip(".")[:3] == m[:3])


def written_dates(text: str) -> list[Written]:
    """Return every date `text` writes, the longest reading of each passage first."""
    return sorted(_written(text), key=lambda w: w.start)


def _written(text: str):
    """Yield the dates `text` writes, pattern by pattern. Whether a passage is read is
    settled by the patterns before its own (a longer date read first takes its words),
    never by those after it: a caller may stop at any date and what it saw is final."""
    taken: list[tuple[int, int]] = []
    for pattern in _RANGES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = _month_number(parts["month"] or parts["month1"])
            first_month = _month_number(parts["month1"]) if parts["month1"] else month
            year = int(parts["year"]) if parts["year"] else None
            day1, day = int(parts["day1"]), int(parts["day"])
            if not (1 <= day1 <= 31 and 1 <= day <= 31):
                continue
            start, end = match.span()
            # "30 December to 2 January 2026": the first day is of the year before.
            year1 = year - 1 if year is not None and first_month > month else year
            taken.append((start, end))
            yield Written(year1, first_month, day1, start, end)
            yield Written(year, month, day, start, end)
    for pattern in _WRITTEN:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s <= start < e or s < end <= e for s, e in taken):
                continue  # part of a longer date already read
            parts = match.groupdict()
            month = (_month_number(parts["month"]) if parts.get("month")
                     else int(parts["mnum"]) if parts.get("mnum") else None)
            day = int(parts["day"]) if parts.get("day") else None
            if (month is not None and not 1 <= month <= 12) or (
                    day is not None and not 1 <= day <= 31):
                continue
            taken.append((start, end))
            yield Written(int(parts["year"]) if parts.get("year") else None, month, day,
                          start, end)


def states_date(text: str, date: PartialDate, year_of_text: int | None = None) -> bool:
    """Whether `text` writes `date` (to its precision) anywhere."""
    if f"{date.year:04d}" not in text and year_of_text != date.year:
        return False  # no year written, nor the text's own: read no further
    # The first date that states it will do: the patterns after it need not be run.
    return any(w.states(date, year_of_text) for w in _written(text))


# Words that speak of time relative to the day they were written. A brief is read on
# another day, so in curated text each must be resolved to a date the source supports,
# or kept as the source's words (in quotation marks) on a fact marked `as_reported`.
# Documented in seeds/README.md ("Time words"); tests/factbase/test_when.py holds each.
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_UNIT = "week|month|year|decade|weekend|" + _WEEKDAY + "|" + "|".join(MONTHS)
RELATIVE_WORDS = (
    "this / last / next / coming / earlier this / later this + a weekday, month, week, "
    "month, year, decade or weekend", "recently", "recent", "upcoming", "forthcoming",
    "will", "yesterday", "today", "tonight", "tomorrow", "N days / weeks / months / "
    "years ago")
RELATIVE = re.compile(
    rf"\b(?:(?:this|last|next|coming|earlier this|later this) (?:{_UNIT})"
    r"|recently|recent|upcoming|forthcoming|will|yesterday|today|tonight|tomorrow"
    r"|\d+ (?:days?|weeks?|months?|years?) ago)\b",
    re.IGNORECASE)
# Text in quotation marks is the source's own words.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|(?<!\w)'[^']*'(?!\w)|(?<!\w)‘[^’]*’(?!\w)")


@dataclass(frozen=True)
class TimeWord:
    """A relative time word in a text: the words, and whether they stand in quotation
    marks (the source's own words)."""

    words: str
    quoted: bool


# Words one of which every relative time word holds: a text with none is read no further.
_HINTS = ("this ", "last ", "next ", "coming ", "recent", "upcoming", "forthcoming", "will",
          "yesterday", "today", "tonight", "tomorrow", " ago")


def relative_words(text: str) -> list[TimeWord]:
    """Return the relative time words of `text`, in order."""
    lower = text.lower()
    if not any(hint in lower for hint in _HINTS):
        return []
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    return [TimeWord(m.group(), any(s <= m.start() < e for s, e in quoted))
            for m in RELATIVE.finditer(text)]
