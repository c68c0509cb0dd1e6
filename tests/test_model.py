"""The document model: note numbers read in reading order, whatever holds them."""

from __future__ import annotations

import pytest

from briefing import model as m


def R(n: int) -> m.NoteRef:
    return m.NoteRef(n)


T = m.Text("t")


@pytest.mark.parametrize("block,numbers", [
    (m.Paragraph((T, R(2), m.Strong((T, R(1), m.Emph((R(5),)))), R(3))), [2, 1, 5, 3]),
    (m.BulletList((m.ListItem((R(4), m.Link((R(1),), "u"))), m.ListItem(()),
                   m.ListItem((T, R(4))))), [4, 1, 4]),
    (m.Table(((R(2),),), (((R(3),), (T,)), ((m.Strong((R(4),)),), (R(5),))), (),
             (R(1),)), [1, 2, 3, 4, 5]),
    (m.Callout((R(1),), (m.Paragraph((R(2),)), m.BulletList((m.ListItem((R(3),)),)))),
     [1, 2, 3]),
    (m.PageBreak(), []),
])
def test_block_note_numbers_in_reading_order(block, numbers):
    assert m.block_note_numbers(block) == numbers
    assert m.block_note_numbers(block) == [
        n for run in m.inline_runs(block) for n in m.note_numbers(run)]


def test_note_numbers_reads_nested_inlines():
    assert m.note_numbers((R(3), m.Emph((m.Strong((R(1),)), T)), R(2))) == [3, 1, 2]
    assert m.note_numbers(()) == []


@pytest.mark.parametrize("label,term,review,shown", [
    ("Assessment", "likely", False, "Assessment (likely): "),
    ("Assessment", "likely", True, "Assessment (under review) (likely): "),
    ("Assessment", "", False, "Assessment: "),
    ("", "unlikely", False, "(unlikely) "),
    ("", "", False, ""),
    ("", "", True, "Under review: "),
])
def test_a_judgement_prefix_names_its_label_term_and_review(label, term, review, shown):
    j = m.Judgement((m.Text("x"), m.NoteRef(1)), term, label, review)
    assert "".join(text for text, _ in j.prefix()) == shown
    roles = {role for _, role in j.prefix()}
    assert ("confidence" in roles) == bool(term)
    assert m.note_numbers(j.children) == [1]
    renumbered = m.map_inlines((j,), lambda nodes: tuple(
        m.NoteRef(7) if isinstance(n, m.NoteRef) else n for n in nodes))
    assert renumbered[0].children[-1] == m.NoteRef(7) and renumbered[0].label == label
