"""What section templates see of a fact."""

from __future__ import annotations

from conftest import ROOT

from briefing.assemble.templates import FactView, fact_view
from briefing.factbase.dates import display_date
from briefing.factbase.load import load_factbase
from briefing.project import Project


def test_fact_view_fields_say_what_the_fact_says():
    base = load_factbase(Project(ROOT)).require_valid()
    vocab = base.vocab
    for fact in base.facts:
        view = fact_view(fact, vocab)
        assert (view.id, view.kind, view.text, view.tags) == (fact.id, fact.kind, fact.text,
                                                              fact.tags)
        assert view.date == display_date(fact.date)
        assert view.date_iso == (fact.date.iso() if fact.date else "")
        assert view.meeting == (vocab["meetings"][fact.meeting] if fact.meeting else None)
        for kind in ("crime_types", "partners", "member_states", "people", "initiatives"):
            assert getattr(view, kind) == tuple(vocab[kind][i] for i in getattr(fact, kind))
        assert view.place == (fact.place or "")
        assert view.sources == tuple(fact.sources)


def test_fact_views_compare_and_print_as_values():
    base = load_factbase(Project(ROOT)).require_valid()
    first, second = base.facts[:2]
    a, b = fact_view(first, base.vocab), fact_view(first, base.vocab)
    assert a == b and hash(a) == hash(b) and a != fact_view(second, base.vocab)
    assert repr(a).startswith(f"FactView(id={first.id!r}, kind={first.kind!r}, ")
    assert all(f"{name}=" in repr(a) for name in FactView.FIELDS)


def _group_ids(groups):
    return [((entry.name if entry else None), [f.id for f in facts]) for entry, facts in groups]


def _views(*facts):
    from briefing.factbase.facts import Fact

    base = load_factbase(Project(ROOT)).require_valid()
    return base.vocab, [fact_view(Fact(fid, "priority", "t", [], **fields), base.vocab)
                        for fid, fields in facts]


def test_group_by_list_field_puts_each_fact_under_every_entry_it_names():
    from briefing.assemble.templates import _group_by

    vocab, views = _views(("a", {"crime_types": ("terrorism", "cybercrime")}),
                          ("b", {"crime_types": ("cybercrime",)}), ("c", {}))
    assert _group_ids(_group_by(vocab, views, "crime_types")) == [
        ("Terrorism and violent extremism", ["a"]), ("Cybercrime", ["a", "b"]), (None, ["c"])]


def test_group_by_several_puts_a_fact_naming_several_entries_in_one_group_first():
    from briefing.assemble.templates import _group_by

    vocab, views = _views(
        ("a", {"crime_types": ("terrorism", "cybercrime")}),
        ("b", {"crime_types": ("cybercrime",)}),
        ("c", {}),
        # online scams sit under cybercrime: a fact naming both is about cybercrime
        ("d", {"crime_types": ("online-scams", "cybercrime")}),
        ("e", {"crime_types": ("online-scams",)}))
    assert _group_ids(_group_by(vocab, views, "crime_types", several="Several")) == [
        ("Several", ["a"]), ("Cybercrime", ["b", "d"]), ("Online scams and fraud", ["e"]),
        (None, ["c"])]
    vocab, views = _views(("p", {"partners": ("plus-three", "china", "japan")}),
                          ("q", {"partners": ("uk", "us")}), ("r", {"partners": ("china",)}))
    groups = _group_ids(_group_by(vocab, views, "partners", several="Several partners"))
    assert groups == [("Several partners", ["q"]), (vocab["partners"]["plus-three"].name, ["p"]),
                      ("China", ["r"])]


def test_group_by_roots_puts_a_consultation_under_the_meeting_it_was_held_at():
    from briefing.assemble.templates import _group_by

    base = load_factbase(Project(ROOT)).require_valid()
    meetings = base.vocab["meetings"]
    child = next(e for e in meetings.values() if e.get("part_of"))
    parent = meetings[child.get("part_of")]
    vocab, views = _views(("a", {"meeting": child.id}), ("b", {"meeting": parent.id}))
    assert _group_ids(_group_by(vocab, views, "meeting")) == [(child.name, ["a"]),
                                                              (parent.name, ["b"])]
    assert _group_ids(_group_by(vocab, views, "meeting", roots=True)) == [
        (parent.name, ["a", "b"])]
