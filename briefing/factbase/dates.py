"""Dates with their precision: a day, a month, a year, or not stated."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from briefing.errors import shown_value

_FORMAT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# The years every part of a brief can show: Python's dates end with 9999, and a timeline
# reaches to the month after its last date.
FIRST_YEAR, LAST_YEAR = 1000, 9998
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the day, the month or the year only.

    Dates order by their first possible day, then the coarser first ("2025-09" before
    "2025-09-01", "2025" before "2025-01"): a total order over any mix of precisions
    (the fields themselves cannot be compared, as a missing month is None).
    """

    year: int
    month: int | None = None
    day: int | None = None

    def sort_key(self) -> tuple[int, int, int, int]:
        """Return a key that orders dates of any precision: first day, then coarser first."""
        return (self.year, self.month or 1, self.day or 1,
                (self.month is not None) + (self.day is not None))

    def __lt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() >= other.sort_key()

    def last_day(self) -> str:
        """Return the last day the date may be (ISO)."""
        return self.bounds()[1]

    @property
    def precision(self) -> str:
        """Return "day", "month" or "year"."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """Return the date as YYYY-MM-DD, YYYY-MM or YYYY."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def display(self) -> str:
        """Return the date as a reader sees it: "24 June 2025", "June 2025", "2025"."""
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def bounds(self) -> tuple[str, str]:
        """Return the first and last day the date may be, as ISO strings."""
        if self.day:
            return self.iso(), self.iso()
        if self.month:
            last = calendar.monthrange(self.year, self.month)[1]
            return f"{self.iso()}-01", f"{self.iso()}-{last:02d}"
        return f"{self.year:04d}-01-01", f"{self.year:04d}-12-31"


def parse_date(value: object) -> PartialDate:
    """Return the PartialDate for `value`, or raise ValueError saying what is wrong."""
    text = str(value).strip()
    match = _FORMAT.fullmatch(text)
    if not match:
        raise ValueError(f"{shown_value(text)} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{text}' is out of range: years run from {FIRST_YEAR} to "
                         f"{LAST_YEAR}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}' has no month {month}")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"'{text}' is not a real date: {MONTHS[month - 1]} {year} "
                         f"has {calendar.monthrange(year, month)[1]} days")
    return PartialDate(year, month, day)


def display_date(date: PartialDate | None) -> str:
    """Return the date for a reader, or "date not stated"."""
    return date.display() if date else "date not stated"
