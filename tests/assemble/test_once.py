"""Each fact once: where a fact stands, and what a later mention of it becomes."""

from __future__ import annotations

from briefing import model as m
from briefing.assemble.once import Placement, resolve_references


def _show(text: str, note: int):
    return lambda: (m.Text(text), m.NoteRef(note))


def test_the_first_showing_is_anchored_and_a_later_one_refers_to_it():
    place = Placement()
    first = place.mention("a", "refer", _show("Fact A.", 1))
    assert first == (m.Anchor("fact-a"), m.Text("Fact A."), m.NoteRef(1))
    again = place.mention("a", "refer", _show("Fact A.", 2))
    assert again == (m.XRef((), "fact-a"), m.Text("."))
    assert place.shown() == {"a"}


def test_a_section_that_restates_shows_in_full_and_is_not_where_the_fact_stands():
    place = Placement()
    assert place.mention("a", "restate", _show("Fact A.", 1)) == (m.Text("Fact A."),
                                                                  m.NoteRef(1))
    assert place.shown() == set()
    assert place.mention("a", "refer", _show("Fact A.", 2))[0] == m.Anchor("fact-a")
    assert place.mention("a", "restate", _show("Fact A.", 3)) == (m.Text("Fact A."),
                                                                  m.NoteRef(3))


def _brief_blocks():
    place = Placement()
    item = lambda fid, mode="refer": m.ListItem(place.mention(fid, mode, _show(f"{fid}.", 1)))
    return [
        m.Heading(1, (m.Text("Meetings"),), ""),
        m.Heading(2, (m.Text("25th SOMTC"),), ""),
        m.BulletList((item("a"), item("b"), item("c"))),
        m.Heading(1, (m.Text("Crimes"),), ""),
        m.BulletList((item("a"), item("b"), item("d"), item("c"))),
        m.Table(((m.Text("h"),),), (((m.Strong(place.mention("e", "refer", _show("e.", 1))),),),
                                     ((*place.mention("a", "refer", _show("a.", 1)),),))),
    ]


def test_references_are_worded_after_the_heading_the_fact_stands_under():
    blocks = resolve_references(_brief_blocks())
    crimes = blocks[4].items
    # Two references in a row under one heading read as one.
    assert [m.plain_text(i.children) for i in crimes] == [
        "See 25th SOMTC, above.", "d.", "See 25th SOMTC, above."]
    link = crimes[0].children[0]
    assert isinstance(link, m.XRef) and link.anchor == "fact-a"
    cell = blocks[5].rows[1][0]
    assert cell[0] == m.XRef((m.Text("See 25th SOMTC, above"),), "fact-a")


def test_only_anchors_a_reference_links_to_remain():
    blocks = resolve_references(_brief_blocks())
    anchors = [n.name for b in blocks for run in m.inline_runs(b) for n in run
               if isinstance(n, m.Anchor)]
    assert anchors == ["fact-a", "fact-b", "fact-c"]  # d and e are never referred to
    nested = blocks[5].rows[0][0][0]
    assert nested == m.Strong((m.Text("e."), m.NoteRef(1)))


def test_a_brief_without_anchors_is_returned_as_it_is():
    blocks = [m.Paragraph((m.Text("x"),))]
    assert resolve_references(blocks) is blocks
