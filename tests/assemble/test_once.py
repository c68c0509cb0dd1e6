"""Each fact once: where a fact stands, and what a later mention of it becomes."""

from __future__ import annotations

from briefing import model as m
from briefing.assemble.once import Placement, resolve_references


def test_the_first_showing_is_anchored_and_a_later_one_refers_to_it():
    place = Placement()
    assert place.mention("a", "refer") == m.Anchor("fact-a")
    assert place.referred == set()
    assert place.mention("a", "refer") == m.XRef((), "fact-a")
    assert place.mention("a", "omit") == m.XRef((), "fact-a")
    assert place.shown() == {"a"} and place.referred == {"fact-a"}


def test_a_section_that_restates_is_not_where_the_fact_stands():
    place = Placement()
    assert place.mention("a", "restate") is None
    assert place.shown() == set()
    assert place.mention("a", "refer") == m.Anchor("fact-a")
    assert place.mention("a", "restate") is None
    assert place.referred == set()


def _blocks():
    place = Placement()

    def said(fid, note=1):
        mark = place.mention(fid, "refer")
        if isinstance(mark, m.XRef):
            return (mark, m.Text("."))
        return (mark, m.Text(f"{fid}."), m.NoteRef(note))

    blocks = [
        m.Heading(1, (m.Text("Meetings"),), ""),
        m.Heading(2, (m.Text("25th SOMTC"),), ""),
        m.BulletList(tuple(m.ListItem(said(f)) for f in "abc")),
        m.Heading(1, (m.Text("Crimes"),), ""),
        m.BulletList(tuple(m.ListItem(said(f)) for f in "abdc")),
        m.Table(((m.Text("h"),),), (((m.Strong(said("e")),),), (said("a"),))),
    ]
    return blocks, place.referred


def test_references_are_worded_after_the_heading_the_fact_stands_under():
    blocks = resolve_references(*_blocks())
    crimes = blocks[4].items
    # Two references in a row under one heading read as one.
    assert [m.plain_text(i.children) for i in crimes] == [
        "See 25th SOMTC, above.", "d.", "See 25th SOMTC, above."]
    link = crimes[0].children[0]
    assert isinstance(link, m.XRef) and link.anchor == "fact-a"
    cell = blocks[5].rows[1][0]
    assert cell[0] == m.XRef((m.Text("See 25th SOMTC, above"),), "fact-a")


def test_only_anchors_a_reference_links_to_remain():
    blocks = resolve_references(*_blocks())
    anchors = [n.name for b in blocks for run in m.inline_runs(b) for n in run
               if isinstance(n, m.Anchor)]
    assert anchors == ["fact-a", "fact-b", "fact-c"]  # d and e are never referred to
    nested = blocks[5].rows[0][0][0]
    assert nested == m.Strong((m.Text("e."), m.NoteRef(1)))


def test_a_brief_without_references_keeps_its_blocks_but_loses_its_anchors():
    plain = m.Paragraph((m.Text("x"),))
    listed = m.BulletList((m.ListItem((m.Anchor("fact-z"), m.Text("z."))),))
    out = resolve_references([plain, listed], set())
    assert out[0] is plain
    assert out[1] == m.BulletList((m.ListItem((m.Text("z."),)),))
