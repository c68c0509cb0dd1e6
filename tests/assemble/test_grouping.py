"""Grouping helpers for templates (`grouping.py`): facts under the entries they name, one
shared group for facts naming several, sessions under the meeting they were held at."""

from __future__ import annotations

from conftest import fixture_root

from briefing.assemble.grouping import group_by, meeting_rows
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


def _family(vocab):
    """Return a meeting with two or more sessions held under it, and two of those."""
    meetings = vocab["meetings"]
    parents = [e for e in meetings.values()
               if sum(1 for m in meetings.values() if m.get("part_of") == e.id) >= 2]
    parent = parents[0]
    one, two = [m for m in meetings.values() if m.get("part_of") == parent.id][:2]
    return parent, one, two


def test_group_by_roots_puts_a_consultation_under_the_meeting_it_was_held_at():
    base = load_factbase(Project(fixture_root())).require_valid()
    meetings = base.vocab["meetings"]
    child = next(e for e in meetings.values() if e.get("part_of"))
    parent = meetings[child.get("part_of")]
    vocab, views = _views(("a", {"meetings": (child.id,)}), ("b", {"meetings": (parent.id,)}))
    for spelling in ("meeting", "meetings"):  # templates written before `meetings` hold
        assert _group_ids(group_by(vocab, views, spelling)) == [(child.name, ["a"]),
                                                                 (parent.name, ["b"])]
    assert _group_ids(group_by(vocab, views, "meetings", roots=True)) == [
        (parent.name, ["a", "b"])]


def test_a_fact_naming_several_meetings_stands_under_each_or_once_under_their_root():
    vocab, _ = _views()
    parent, one, two = _family(vocab)
    vocab, views = _views(("both", {"meetings": (one.id, two.id)}),
                          ("first", {"meetings": (one.id,)}), ("none", {}))
    assert _group_ids(group_by(vocab, views, "meetings")) == [
        (one.name, ["both", "first"]), (two.name, ["both"]), (None, ["none"])]
    assert _group_ids(group_by(vocab, views, "meetings", roots=True)) == [
        (parent.name, ["both", "first"]), (None, ["none"])]
    assert _group_ids(group_by(vocab, views, "meetings", several="Several meetings")) == [
        ("Several meetings", ["both"]), (one.name, ["first"]), (None, ["none"])]


def test_the_view_of_a_fact_naming_several_meetings_is_about_the_meeting_they_share():
    vocab, _ = _views()
    parent, one, two = _family(vocab)
    vocab, (both, alone, unrelated) = _views(
        ("both", {"meetings": (one.id, two.id)}), ("alone", {"meetings": (one.id,)}),
        ("unrelated", {"meetings": (one.id, next(
            mid for mid in vocab["meetings"] if parent.id not in vocab.held_under(mid)))}))
    assert both.meetings == (one, two) and both.meeting == parent
    assert alone.meeting == one
    assert unrelated.meeting is None and len(unrelated.meetings) == 2


def test_meeting_rows_date_each_meeting_a_fact_names_and_summarise_it_alone():
    from briefing.factbase.dates import parse_date

    vocab, _ = _views()
    _parent, one, two = _family(vocab)
    vocab, views = _views(
        ("held", {"meetings": (one.id, two.id), "date": parse_date("2025-06-25")}),
        ("chair-two", {"meetings": (two.id,)}))
    rows = {row.meeting.id: row for row in meeting_rows(views)}
    assert set(rows) == {one.id, two.id}
    assert rows[one.id].date.id == rows[two.id].date.id == "held"
    assert rows[one.id].summary.id == "held"  # no fact about it alone
    assert rows[two.id].summary.id == "chair-two"


def test_a_row_whose_facts_state_no_date_or_place_takes_them_from_the_fact_base():
    from functools import partial

    base = load_factbase(Project(fixture_root())).require_valid()
    vocab = base.vocab
    meeting = next(e for e in vocab["meetings"].values() if e.dating and e.placing)
    naming = [f for f in base.facts if meeting.id in f.meetings]
    earliest = min((f for f in naming if f.date), key=lambda f: (f.date.iso(), len(f.date.iso())))
    assert meeting.dating.date == earliest.date
    assert meeting.placing is next(f for f in naming if f.place)
    _, views = _views(("undated", {"meetings": (meeting.id,)}))
    (row,) = meeting_rows(views, view=partial(fact_view, vocab=vocab))
    assert (row.date.id, row.place.id, row.summary.id) == (
        meeting.dating.id, meeting.placing.id, "undated")
    (row,) = meeting_rows(views)  # without the fact base: nothing to take them from
    assert row.date is None and row.place is None
    undated = [e for e in vocab["meetings"].values() if not e.dated]
    assert undated and all(e.dating is None for e in undated)
