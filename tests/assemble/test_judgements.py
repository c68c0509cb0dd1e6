"""Assessment sections in a brief: Judgement blocks whose notes are the facts' own.

The facts cited are taken from the test project's fact base, so the tests hold for any
valid one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import model as m
from briefing.assemble.compose import assemble
from briefing.assemble.judgements import placed_citations
from briefing.assemble.templates import Templates
from briefing.build import load_outlines
from briefing.errors import DataInvalid
from briefing.factbase.load import load_factbase
from briefing.project import Project


def brief_of(root: Path, assessment: str, sections: str) -> tuple[m.Brief, object]:
    """Write an assessment and an outline of `sections`; return the assembled brief and
    the fact base."""
    (root / "templates" / "assessments").mkdir(exist_ok=True)
    (root / "templates" / "assessments" / "test.yaml").write_text(assessment, encoding="utf-8")
    (root / "templates" / "outlines" / "judged.yaml").write_text(
        "extends: _base\ntitle: Judged\nsections:\n" + sections, encoding="utf-8")
    project = Project(root)
    base = load_factbase(project).require_valid()
    templates = Templates(root / "templates" / "sections", root, base.vocab)
    [outline] = load_outlines(project, base, ["judged"], templates)
    return assemble(base, outline, templates, "x"), base


def two_facts(root: Path):
    base = load_factbase(Project(root)).require_valid()
    a = base.facts[0]
    return a, next(f for f in base.facts if f.file != a.file)


def judgements(brief: m.Brief) -> list[m.Judgement]:
    return [b for b in brief.blocks if isinstance(b, m.Judgement)]


def test_a_judgement_cites_with_the_numbers_its_facts_have_elsewhere(project):
    a, b = two_facts(project)
    brief, _ = brief_of(project, f"judgements:\n  - id: one\n    confidence: likely\n"
                                 f"    text: It holds [@{a.id}], and more [@{b.id}].\n",
                        "  - title: Assessment\n    assessment: test\n"
                        f"  - title: Facts\n    template: bullets.md.j2\n"
                        f"    select: {{facts: [{b.id}, {a.id}]}}\n")
    [j] = judgements(brief)
    assert (j.label, j.confidence, j.under_review) == ("Assessment", "likely", True)
    marked = m.note_numbers(j.children)
    facts_list = next(b for b in brief.blocks if isinstance(b, m.BulletList))
    later = [n for item in facts_list.items for n in m.note_numbers(item.children)]
    assert marked and set(later) == set(marked)  # the same notes, not new ones
    for number in marked:
        assert set(brief.notes[number - 1].fact_ids) & {a.id, b.id}
    # The markers stand after the punctuation, with no space before them.
    text = m.plain_text(j.children)
    assert "It holds, and more." == text


def test_rests_on_facts_are_marked_at_the_end(project):
    a, b = two_facts(project)
    brief, _ = brief_of(project, f"judgements:\n  - id: one\n    confidence: likely\n"
                                 f"    text: It holds [@{a.id}].\n    rests_on: [{b.id}]\n",
                        "  - title: Assessment\n    assessment: test\n")
    [j] = judgements(brief)
    assert isinstance(j.children[-1], (m.NoteRef, m.NoteRange))
    cited = {f for n in m.note_numbers(j.children) for f in brief.notes[n - 1].fact_ids}
    assert {a.id, b.id} <= cited


def test_a_section_picks_items_and_parts_in_order(project):
    a, _ = two_facts(project)
    item = "  - id: {0}\n    text: {0} holds [@" + a.id + "].\n"
    brief, _ = brief_of(project, "judgements:\n" + item.format("one") + "    confidence: likely\n"
                        "lines_to_take:\n" + item.format("two") + item.format("three"),
                        "  - title: Lines\n    assessment: test\n    part: lines_to_take\n"
                        "    items: [three, two]\n")
    shown = [m.plain_text(j.children) for j in judgements(brief)]
    assert shown == ["three holds.", "two holds."]
    assert all(j.label == "" and j.confidence == "" for j in judgements(brief))


def test_an_unknown_item_is_an_error_naming_the_outline(project):
    a, _ = two_facts(project)
    with pytest.raises(DataInvalid) as caught:
        brief_of(project, f"judgements:\n  - id: one\n    confidence: likely\n"
                          f"    text: It holds [@{a.id}].\n",
                 "  - title: Assessment\n    assessment: test\n    items: [oen]\n")
    problem = caught.value.problems[0]
    assert "shows unknown judgement 'oen' of assessment 'test'" in problem.message
    assert problem.file == "templates/outlines/judged.yaml" and problem.line == 4
    assert "did you mean 'one'?" in problem.hint


def test_an_unknown_assessment_is_an_error_with_did_you_mean(project):
    a, _ = two_facts(project)
    with pytest.raises(DataInvalid) as caught:
        brief_of(project, f"judgements:\n  - id: one\n    confidence: likely\n"
                          f"    text: It holds [@{a.id}].\n",
                 "  - title: Assessment\n    assessment: tets\n")
    assert "unknown assessment 'tets'" in caught.value.problems[0].message
    assert "did you mean 'test'?" in caught.value.problems[0].hint


def test_a_template_field_beside_an_assessment_is_an_error(project):
    a, _ = two_facts(project)
    with pytest.raises(DataInvalid, match="'select' has no use in a section that shows an "
                                          "assessment"):
        brief_of(project, f"judgements:\n  - id: one\n    confidence: likely\n"
                          f"    text: It holds [@{a.id}].\n",
                 "  - title: Assessment\n    assessment: test\n    select: {kinds: [meeting]}\n")


def test_a_judgement_of_more_than_one_paragraph_is_an_error(project):
    a, _ = two_facts(project)
    with pytest.raises(DataInvalid, match="its text must be one paragraph"):
        brief_of(project, f"judgements:\n  - id: one\n    confidence: likely\n"
                          f"    text: \"- It holds [@{a.id}].\\n- Twice [@{a.id}].\"\n",
                 "  - title: Assessment\n    assessment: test\n")


def test_placed_citations():
    assert placed_citations("A [@a]. B [@b; @c], C [@d]") == "A.[@a] B,[@b; @c] C[@d]"


@pytest.mark.parametrize("name", ["../outlines/judged", "/etc/passwd", "Test"])
def test_an_assessment_name_is_a_plain_file_name(project, name):
    a, _ = two_facts(project)
    with pytest.raises(DataInvalid, match="unknown assessment"):
        brief_of(project, f"judgements:\n  - id: one\n    confidence: likely\n"
                          f"    text: It holds [@{a.id}].\n",
                 f"  - title: Assessment\n    assessment: '{name}'\n")
