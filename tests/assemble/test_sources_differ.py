"""The "Sources differ" boxes: one per conflict, after the block where it first appears."""

from __future__ import annotations

import pytest
from conftest import edit
from factbase_fixtures import MINIMAL_FACTS, TEST_OUTLINE, use_facts, use_outline

from briefing import model as m
from tests.assemble.test_compose import brief_for


@pytest.fixture(autouse=True)
def test_outline(project):
    """Every test here builds the test outline (unless it writes its own)."""
    return use_outline(project)


def _boxes(brief: m.Brief) -> list[tuple[int, m.Callout]]:
    return [(i, b) for i, b in enumerate(brief.blocks)
            if isinstance(b, m.Callout) and b.kind == "sources-differ"]


def test_a_box_appears_once_after_the_first_block_to_cite_its_facts(project):
    use_facts(project)  # the timeline, then Meetings, both cite the facts in conflict
    brief = brief_for(project)
    (at, box), = _boxes(brief)
    cited = {f for n in m.block_note_numbers(brief.blocks[at - 1])
             for f in brief.notes[n - 1].fact_ids}
    assert cited & {"somtc25-three-days", "somtc25-five-days"}
    before = [b for b in brief.blocks[:at - 1]
              if {f for n in m.block_note_numbers(b) for f in brief.notes[n - 1].fact_ids}
              & {"somtc25-three-days", "somtc25-five-days"}]
    assert not before  # no block above cites them


def test_a_box_shows_each_value_once_with_the_notes_of_every_fact_giving_it(project):
    facts = MINIMAL_FACTS.replace("""  - id: ammtc9
    kind: meeting""", """  - id: somtc25-three-days-again
    kind: meeting
    text: The 25th SOMTC lasted three days.
    meeting: somtc-25
    attributes: {length_days: 3}
    citations:
      - source: s002-malaysiakini
        quote: Throughout the three-days meeting
  - id: ammtc9
    kind: meeting""")
    use_facts(project, facts)
    (_, box), = _boxes(brief_for(project))
    (values,) = box.blocks
    assert [m.plain_text(i.children) for i in values.items] == ["Malaysiakini: 3", "The Sun: 5"]
    assert [len(m.note_numbers(i.children)) for i in values.items] == [2, 1]


def test_a_conflict_only_the_key_points_cite_gets_its_box_there(project):
    use_facts(project, MINIMAL_FACTS.replace(
        "  - id: somtc25-five-days\n", "  - id: somtc25-five-days\n    tags: [key]\n"))
    use_outline(project, TEST_OUTLINE.replace("select: {kinds: [meeting], sort: date}",
                                              "select: {kinds: [statement]}")
                .replace("select: {kinds: [meeting]}", "select: {kinds: [initiative]}"))
    brief = brief_for(project)
    (at, _), = _boxes(brief)
    assert isinstance(brief.blocks[at - 1], m.BulletList)
    assert brief.blocks[at - 1].style == "key-points"


def test_a_box_waits_for_the_body_when_the_key_points_cite_its_facts_first(project):
    use_facts(project, MINIMAL_FACTS.replace(
        "  - id: somtc25-five-days\n", "  - id: somtc25-five-days\n    tags: [key]\n"))
    brief = brief_for(project)
    (at, _), = _boxes(brief)
    assert not (isinstance(brief.blocks[at - 1], m.BulletList)
                and brief.blocks[at - 1].style == "key-points")
    assert isinstance(brief.blocks[at - 1], m.Table)  # the timeline: the body's first use


def test_no_box_when_the_values_agree(project):
    path = use_facts(project)
    edit(path, "attributes: {length_days: 5}", "attributes: {length_days: 3}")
    assert not _boxes(brief_for(project))
