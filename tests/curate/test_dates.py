"""Dates as a sentence writes them: days, months, years; no year stays no year."""

from __future__ import annotations

import pytest

from briefing.curate.dates import dateline, dates_in


@pytest.mark.parametrize("text, found", [
    ("On January 19th, 2025, the retreat was convened", [("January 19th, 2025", "2025-01-19")]),
    ("held on 24 June 2025 in Putrajaya", [("24 June 2025", "2025-06-24")]),
    ("24-06-2025", [("24-06-2025", "2025-06-24")]),
    ("the AMMTC in September 2025", [("September 2025", "2025-09")]),
    ("the meeting in Vientiane in 2024", [("2024", "2024")]),
    ("began on 23 June", [("23 June", None)]),  # no year: never completed by inference
    ("June 24 (Xinhua)", [("June 24", None)]),
    ("APSC Blueprint 2025 and the ASEAN Community Vision 2045", []),  # names, not dates
    ("on 30 February 2025", []),  # no such day: not a date, nor a month
])
def test_dates_in(text, found):
    assert [(d.words, d.iso) for d in dates_in(text)] == found


@pytest.mark.parametrize("text, line", [
    ("PUTRAJAYA, Malaysia, June 24 (Xinhua) -- Stronger cooperation", "PUTRAJAYA, Malaysia, June 24 (Xinhua) --"),
    ("KUALA LUMPUR: The 25th ASEAN Senior Officials Meeting", "KUALA LUMPUR:"),
    ("KUALA LUMPUR, 2 July 2025 – Police forces", "KUALA LUMPUR, 2 July 2025 –"),
    ("ASEAN Must Work Closer Together", None),
    ("The ministers met.", None),
])
def test_dateline(text, line):
    assert dateline(text) == line
