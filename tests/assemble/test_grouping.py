"""Grouping helpers for templates (`grouping.py`): facts under the entries they name, one
shared group for facts naming several, sessions under the meeting they were held at."""

from __future__ import annotations

from conftest import fixture_root

from briefing.assemble.grouping import group_by
from briefing.assemble.templates import fact_view
from briefing.factbase.load import load_factbase
from briefing.project import Project


def _group_ids(groups):
    return [((entry.name if entry else None), [f.id for f in facts]) for entry, facts in groups]


def _views(*facts):
    from briefing.factbase.facts import Fact

    base = load_factbase(Project(fixture_root())).require_valid()
    return base.vocab, [fact_view(Fact(fid, "priority", "t", [], **fields), base.vocab)
                        for fid, fields in facts]


def test_group_by_list_field_puts_each_fact_under_every_entry_it_names():
    vocab, views = _views(("a", {"crime_types": ("terrorism", "cybercrime")}),
                          ("b", {"crime_types": ("cybercrime",)}), ("c", {}))
    assert _group_ids(group_by(vocab, views, "crime_types")) == [
        ("Terrorism and violent extremism", ["a"]), ("Cybercrime", ["a", "b"]), (None, ["c"])]


def test_group_by_several_puts_a_fact_naming_several_entries_in_one_group_first():
    vocab, views = _views(
        ("a", {"crime_types": ("terrorism", "cybercrime")}),
        ("b", {"crime_types": ("cybercrime",)}),
        ("c", {}),
        # online scams sit under cybercrime: a fact naming both is about cybercrime
        ("d", {"crime_types": ("online-scams", "cybercrime")}),
        ("e", {"crime_types": ("online-scams",)}))
    assert _group_ids(group_by(vocab, views, "crime_types", several="Several")) == [
        ("Several", ["a"]), ("Cybercrime", ["b", "d"]), ("Online scams and fraud", ["e"]),
        (None, ["c"])]
    vocab, views = _views(("p", {"partners": ("plus-three", "china", "japan")}),
                          ("q", {"partners": ("uk", "us")}), ("r", {"partners": ("china",)}))
    groups = _group_ids(group_by(vocab, views, "partners", several="Several partners"))
    assert groups == [("Several partners", ["q"]), (vocab["partners"]["plus-three"].name, ["p"]),
                      ("China", ["r"])]


def test_group_by_roots_puts_a_consultation_under_the_meeting_it_was_held_at():
    base = load_factbase(Project(fixture_root())).require_valid()
    meetings = base.vocab["meetings"]
    child = next(e for e in meetings.values() if e.get("part_of"))
    parent = meetings[child.get("part_of")]
    vocab, views = _views(("a", {"meeting": child.id}), ("b", {"meeting": parent.id}))
    assert _group_ids(group_by(vocab, views, "meeting")) == [(child.name, ["a"]),
                                                              (parent.name, ["b"])]
    assert _group_ids(group_by(vocab, views, "meeting", roots=True)) == [
        (parent.name, ["a", "b"])]
