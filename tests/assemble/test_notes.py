"""The note book: one note per citation, numbered in the order facts are cited."""

from __future__ import annotations

from conftest import fixture_root

from briefing.assemble.notes import NoteBook
from briefing.factbase.load import load_factbase
from briefing.project import Project

BASE = load_factbase(Project(fixture_root())).require_valid()


def test_note_book_knows_which_facts_it_has_cited():
    first, second, third = BASE.facts[:3]
    notes = NoteBook(BASE.sources, 200)
    assert not notes.has_cited(first.id)
    notes.cite(first)
    notes.cite_once(second)
    assert notes.has_cited(first.id) and notes.has_cited(second.id)
    assert not notes.has_cited(third.id)
    assert [n.fact_id for n in notes.notes] == [first.id] * len(first.citations) + [
        second.id] * len(second.citations)
