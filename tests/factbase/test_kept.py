"""Facts kept as JSON come back as they were, every field of `Fact` included."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest
from conftest import fixture_root

from briefing.factbase import kept
from briefing.factbase.facts import Citation, Fact
from briefing.factbase.load import load_factbase
from briefing.project import Project


def test_every_field_of_a_fact_and_citation_is_kept():
    """A field added to Fact or Citation must be added to `kept` too (or be given)."""
    assert {f.name for f in fields(Fact)} == set(kept.FACT_FIELDS) | {"file", "order"}
    assert {f.name for f in fields(Citation)} == set(kept.CITATION_FIELDS) | {"file"}


def test_the_test_projects_facts_come_back_equal_with_their_digests():
    facts = load_factbase(Project(fixture_root())).require_valid().facts
    raw = json.dumps(kept.plain("tag", facts)).encode()
    located_in, back = kept.facts_of(raw, facts[0].file)
    assert located_in == "tag" and len(back) == len(facts)
    for old, new in zip(facts, back):
        assert new.digest == old.digest and vars(new)["digest"] == old.digest
        new.file = old.file
        for a, b in zip(old.citations, new.citations):
            b.file = a.file
        new.order = old.order
        assert new == old


@pytest.mark.parametrize("raw", [b"", b"[]", b'{"format": 2}', b'{"format": 1}',
                                 b'{"format": 1, "located_in": "t", "facts": [[1, 2]]}',
                                 b'{"format": 1, "located_in": "t", "facts": {}}',
                                 b'{"format": 1, "located_in": "t", "facts": ["\\u0007"]}',
                                 b'[' * 100000])
def test_anything_else_is_damaged(raw):
    with pytest.raises(kept.Damaged):
        kept.facts_of(raw, "x.yaml")


def test_a_fact_naming_several_meetings_is_kept_with_each():
    fact = Fact("held", "meeting", "Two consultations were held.",
                [Citation("s1", "were held", line=3)], meetings=("one", "two"), line=2)
    _, (back,) = kept.facts_of(json.dumps(kept.plain("tag", [fact])).encode(), "f.yaml")
    assert back.meetings == ("one", "two") and back.digest == fact.digest


def test_a_digest_of_one_meeting_is_what_it_was_before_a_fact_could_name_several():
    """A judgement pins its facts by digest: naming one meeting in the new field must not
    make every pinned judgement stale. The values were computed by the code before."""
    cite = [Citation("s1", "was held")]
    assert Fact("x", "meeting", "The meeting was held.", cite, meetings=("m-1",),
                partners=("p",)).digest == (
        "c282f9e66461b76e74de26cbd2282cb0e9a85be8fb73ef756204428fb64f4ae8")
    assert Fact("x", "meeting", "The meeting was held.", cite).digest == (
        "aa79c531c0a4bfa611b07bf8efd1b7e3bb066a06d40fbe5bd89a4d19f3383c55")
    two = Fact("x", "meeting", "The meeting was held.", cite, meetings=("m-1", "m-2"))
    assert two.digest not in {Fact("x", "meeting", "The meeting was held.", cite,
                                   meetings=(m,)).digest for m in ("m-1", "m-2")}
