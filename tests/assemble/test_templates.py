"""What section templates see of a fact."""

from __future__ import annotations

from conftest import fixture_root

from briefing.assemble.templates import FactView, fact_view
from briefing.factbase.dates import display_date
from briefing.factbase.load import load_factbase
from briefing.project import Project


def test_fact_view_fields_say_what_the_fact_says():
    base = load_factbase(Project(fixture_root())).require_valid()
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
    base = load_factbase(Project(fixture_root())).require_valid()
    first, second = base.facts[:2]
    a, b = fact_view(first, base.vocab), fact_view(first, base.vocab)
    assert a == b and hash(a) == hash(b) and a != fact_view(second, base.vocab)
    assert repr(a).startswith(f"FactView(id={first.id!r}, kind={first.kind!r}, ")
    assert all(f"{name}=" in repr(a) for name in FactView.FIELDS)
