"""The note book: one note per cited passage, numbered in the order passages are cited;
short and full note texts; one marker per row or item; ranges of markers."""

from __future__ import annotations

from conftest import ROOT

from briefing import model as m
from briefing.assemble.notes import (NoteBook, join_ranges, one_marker_per_unit,
                                     short_titles)
from briefing.factbase.load import load_factbase
from briefing.project import Project

BASE = load_factbase(Project(ROOT)).require_valid()


def test_note_book_knows_which_facts_it_has_cited():
    first, second, third = BASE.facts[:3]
    notes = NoteBook(BASE.sources, 200, reuse=False)
    assert not notes.has_cited(first.id)
    notes.cite(first)
    notes.cite_once(second)
    assert notes.has_cited(first.id) and notes.has_cited(second.id)
    assert not notes.has_cited(third.id)
    assert [n.fact_ids for n in notes.finished()] == [(first.id,)] * len(first.citations) + [
        (second.id,)] * len(second.citations)
