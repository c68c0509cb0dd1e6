"""Dates of any precision: parsing, display, and a total order over any mix."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from briefing.factbase.dates import PartialDate, parse_date

days = st.dates(min_value=datetime.date(1000, 1, 1),
                max_value=datetime.date(9998, 12, 31))
partial = days.flatmap(lambda d: st.sampled_from([
    PartialDate(d.year), PartialDate(d.year, d.month), PartialDate(d.year, d.month, d.day)]))


def test_a_month_sorts_against_a_day_of_that_month():
    dates = [parse_date("2025-09-10"), parse_date("2025-09"), parse_date("2025")]
    assert [d.iso() for d in sorted(dates)] == ["2025", "2025-09", "2025-09-10"]


@given(st.lists(partial, max_size=30))
def test_any_mix_of_year_month_and_day_dates_sorts(dates):
    ordered = sorted(dates)
    assert sorted(ordered, reverse=True)[::-1] == ordered
    for earlier, later in zip(ordered, ordered[1:]):
        assert earlier <= later and not later < earlier
        # the first day a date may be never goes backwards
        assert earlier.bounds()[0] <= later.bounds()[0]


@given(partial, partial, partial)
def test_the_order_is_total_and_transitive(a, b, c):
    assert (a < b) + (b < a) + (a == b) == 1
    if a <= b and b <= c:
        assert a <= c
    assert max(a, b) in (a, b) and min(a, b) in (a, b)


@given(partial)
def test_a_date_reads_back_from_its_iso_form(date):
    assert parse_date(date.iso()) == date
