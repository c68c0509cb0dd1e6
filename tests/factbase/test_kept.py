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
