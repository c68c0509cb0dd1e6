"""Note markers in the model (`markers.py`): once per row, item or paragraph, at the last
place; groups sorted and joined into ranges where the notes between were cited before."""

from __future__ import annotations

import pytest

from briefing import model as m
from briefing.assemble.markers import join_ranges, one_marker_per_unit


def markers(inlines) -> list:
    return [n.number if isinstance(n, m.NoteRef) else (n.first, n.last)
            for n in inlines if isinstance(n, m.NOTE_MARKERS)]


def _para(*numbers) -> m.Paragraph:
    return m.Paragraph((m.Text("x"), *(m.NoteRef(n) for n in numbers)))


@pytest.mark.parametrize("before, group, expected", [
    ((), (1, 2, 3), [1, 2, 3]),  # introduced here: each printed
    ((1, 2, 3), (3, 1, 2), [(1, 3)]),  # sorted, joined
    ((1, 2), (1, 2), [1, 2]),  # two are two
    ((1, 2, 3), (1, 2, 3, 4), [(1, 4)]),  # a new last end is printed: fine
    ((1, 2, 3), (1, 2, 3, 4, 5), [(1, 4), 5]),  # a new number never falls inside
    ((1, 2, 3, 4, 5), (1, 2, 4, 5), [1, 2, 4, 5]),
    ((1, 2, 3, 4, 5, 6, 7), (7, 5, 6, 1, 2, 3), [(1, 3), (5, 7)]),
    ((1,), (1, 1), [1]),
])
def test_join_ranges(before, group, expected):
    blocks = (_para(*before), _para(*group)) if before else (_para(*group),)
    out = join_ranges(blocks)
    assert markers(out[-1].children) == expected


def test_join_ranges_leaves_figures_marks_alone():
    mark = m.FigureMark(0, -1, "day", (m.NoteRef(1), m.NoteRef(2), m.NoteRef(3)))
    figure = m.Figure("timeline", "timeline", 1, "T", "alt", ("r",), (), (mark,),
                      introduces=(m.NoteRef(1), m.NoteRef(2), m.NoteRef(3)))
    out = join_ranges((figure, _para(1, 2, 3)))
    assert out[0] is figure
    assert markers(out[1].children) == [(1, 3)]


def test_one_marker_per_unit_keeps_the_last_in_a_row_item_or_paragraph():
    row = ((m.Text("a"), m.NoteRef(4)), (m.Text("b"), m.NoteRef(4), m.NoteRef(5)),
           (m.Strong((m.Text("c"), m.NoteRef(4))),))
    table = m.Table(((m.Text("h"),),) * 3, (row,))
    lst = m.BulletList((m.ListItem((m.Text("i"), m.NoteRef(1), m.Text("j"), m.NoteRef(1))),))
    out = one_marker_per_unit((table, lst, _para(2, 3, 2)))
    assert [markers(c) for c in out[0].rows[0]] == [[], [5], []]
    assert markers(out[0].rows[0][2][0].children) == [4]
    assert markers(out[1].items[0].children) == [1]
    assert m.plain_text(out[1].items[0].children) == "ij"
    assert markers(out[2].children) == [3, 2]


def test_one_marker_per_unit_returns_blocks_without_repeats_as_they_are():
    blocks = (_para(1, 2), m.BulletList((m.ListItem((m.NoteRef(3),)),)))
    assert all(a is b for a, b in zip(one_marker_per_unit(blocks), blocks))
