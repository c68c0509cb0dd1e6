"""The test project (tests/fixtures/project/) holds what other tests rely on: these were
tests of the shipped data until the shipped data became the user's to change."""

from __future__ import annotations

import pytest
from conftest import fixture_root

from briefing.factbase.load import load_factbase
from briefing.project import Project


@pytest.fixture(scope="module")
def base():
    return load_factbase(Project(fixture_root()))


def test_test_project_is_valid_and_has_every_kind(base):
    assert base.errors == [] and base.warnings == []
    assert 80 <= len(base.facts) <= 150
    assert {f.kind for f in base.facts} == {"meeting", "priority", "engagement", "initiative",
                                            "statement", "context"}
    assert {c.source for f in base.facts for c in f.citations} == set(base.sources)


def test_the_two_somtc_conflicts_are_found(base):
    found = {(c.subject, c.attribute): {cl.value for cl in c.claims} for c in base.conflicts}
    assert found[("somtc-25", "length_days")] == {"3", "5"}
    assert found[("somtc-25", "start_day")] == {"24 June", "23 June"}
    sources = {c.attribute: {s for cl in c.claims for s in cl.sources} for c in base.conflicts}
    assert sources["length_days"] == {"s002-malaysiakini", "s002-thesun"}


def test_every_somtc_plus_consultation_has_a_fact(base):
    consultations = [e.id for e in base.vocab["meetings"].values()
                     if e.get("series") == "somtc-plus"]
    assert len(consultations) == 11
    for meeting in consultations:
        assert any(meeting in f.meetings for f in base.facts), meeting


def test_relative_dates_stay_undated(base):
    wang = next(f for f in base.facts if f.meetings == ("wang-yi-asean-envoys",))
    assert wang.date is None
    sun_start = next(f for f in base.facts if f.attributes.get("start_day") == "23 June")
    assert sun_start.date is None  # The Sun gives no year
