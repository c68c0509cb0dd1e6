"""Dates written in text, and the relative time words check warns about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.factbase.dates import parse_date
from briefing.factbase.when import RELATIVE_WORDS, relative_words, states_date, written_dates

README = Path(__file__).resolve().parents[2] / "seeds" / "README.md"


@pytest.mark.parametrize("text,date", [
    ("Day Two (25 June 2025): Consultations", "2025-06-25"),
    ("On January 19th, 2025, the retreat", "2025-01-19"),
    ("June 24, 2025", "2025-06-24"),
    ("24-06-2025", "2025-06-24"),
    ("published 2025-06-24", "2025-06-24"),
    ("the AMMTC in September 2025", "2025-09"),
    ("in Vientiane in 2024", "2024"),
    ("Day One (24 June 2025)", "2025"),  # a day states its month and year too
])
def test_words_that_state_a_date(text, date):
    assert states_date(text, parse_date(date))


@pytest.mark.parametrize("text,date", [
    ("Day Two (25 June 2025)", "2025-06-24"),   # another day
    ("in September 2025", "2025-09-10"),        # a month does not state a day
    ("in 2025", "2025-06"),                     # nor a year a month
    ("The meeting, which began on June 23", "2025-06-23"),  # no year, text undated
    ("the ASEAN Plan of Action (2026–2035)", "2025"),
    ("May the meeting succeed", "2025-05"),     # "May" alone is no date
])
def test_words_that_do_not_state_it(text, date):
    assert not states_date(text, parse_date(date))


def test_a_dateline_without_a_year_states_a_date_of_the_texts_own_year():
    assert states_date("PUTRAJAYA, June 24 (Bernama) --", parse_date("2025-06-24"), 2025)
    assert not states_date("PUTRAJAYA, June 24 (Bernama) --", parse_date("2025-06-24"), 2024)


@pytest.mark.parametrize("text,ends", [
    ("held from 20 to 22 October 2025", [(2025, 10, 20), (2025, 10, 22)]),
    ("on 20-22 October 2025", [(2025, 10, 20), (2025, 10, 22)]),
    ("on 20\u201322 October 2025", [(2025, 10, 20), (2025, 10, 22)]),
    ("October 20-22, 2025", [(2025, 10, 20), (2025, 10, 22)]),
    ("from 30 June to 2 July 2025", [(2025, 6, 30), (2025, 7, 2)]),
    ("June 30 to July 2, 2025", [(2025, 6, 30), (2025, 7, 2)]),
    ("from 30 December to 2 January 2026", [(2025, 12, 30), (2026, 1, 2)]),
    ("June 23 to 25", [(None, 6, 23), (None, 6, 25)]),  # a dateline's year: the text's
])
def test_a_span_of_days_writes_both_its_ends(text, ends):
    assert [(w.year, w.month, w.day) for w in written_dates(text)] == ends
    for year, month, day in ends:
        assert states_date(text, parse_date(f"{year or 2025}-{month:02d}-{day:02d}"), 2025)


def test_a_date_is_read_once_at_its_longest():
    found = written_dates("On 24 June 2025 and in 2024")
    assert [(w.year, w.month, w.day) for w in found] == [(2025, 6, 24), (2024, None, None)]


@pytest.mark.parametrize("words", [
    "this October", "last Thursday", "next month", "coming week", "recently", "recent",
    "upcoming", "forthcoming", "will", "yesterday", "today", "tonight", "tomorrow",
    "3 days ago", "earlier this year", "later this month", "This October", "Last week",
])
def test_each_relative_time_word_is_found(words):
    found = relative_words(f"The ministers met {words} in Putrajaya.")
    assert [w.words.lower() for w in found] == [words.lower()]
    assert not found[0].quoted


@pytest.mark.parametrize("text", [
    "The 47th ASEAN Summit was held in October 2025.",
    "The meeting was to be held in September 2025.",
    "Mohamad Hasan said the plan would serve for two decades.",
    "The willing partners met on Thursday.",  # "will" only as a word
])
def test_resolved_time_is_not_relative(text):
    assert relative_words(text) == []


def test_words_in_quotation_marks_are_the_sources():
    found = relative_words('Malaysia was to sign it in Hanoi "this October", it said today.')
    assert [(w.words, w.quoted) for w in found] == [("this October", True), ("today", False)]
    assert relative_words("in “today’s fragmented world”")[0].quoted


def test_the_list_of_time_words_is_documented():
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("### Time words"):]
    for words in RELATIVE_WORDS:
        for word in re.findall(r"[a-z]+", words.split(" + ")[0]):
            assert word in section, f"{word!r} ({words}) not in seeds/README.md"
