"""Assessment files: every check `briefing check` makes of them, with file and line.

The facts the judgements cite are taken from the project's own fact base (the first
facts of two files), so the tests hold for any valid fact base.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.assemble.assessment import (
    CONFIDENCE,
    check_assessments,
    cited_ids,
    load_assessment,
    uncited_sentences,
)
from briefing.errors import DataInvalid
from briefing.factbase.load import load_factbase
from briefing.project import Project


def facts_of(root: Path):
    """Return the fact base and two of its facts from different files."""
    base = load_factbase(Project(root)).require_valid()
    first = base.facts[0]
    other = next(f for f in base.facts if f.file != first.file)
    return base, first, other


def write(root: Path, text: str, name: str = "test") -> Path:
    folder = root / "templates" / "assessments"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(root: Path, text: str):
    base = load_factbase(Project(root)).require_valid()
    write(root, text)
    return check_assessments(Project(root), base)


def test_a_judgement_citing_known_facts_loads_with_its_facts_in_order(project):
    base, a, b = facts_of(project)
    write(project, f"judgements:\n  - id: one\n    text: First [@{a.id}]. Then [@{b.id}].\n"
                   f"    confidence: likely\n    rests_on: [{a.id}]\n")
    found = load_assessment(Project(project), "test", base)
    item = found.items["judgements"][0]
    assert (item.id, item.confidence, item.facts, item.extra) == ("one", "likely",
                                                                  (a.id, b.id), ())
    assert item.line == 2


def test_an_unknown_fact_id_is_an_error_at_its_line_with_did_you_mean(project):
    _, a, _ = facts_of(project)
    errors, _ = problems(project, f"judgements:\n  - id: one\n    confidence: likely\n"
                                  f"    text: It holds [@{a.id}x].\n")
    assert len(errors) == 1
    text = errors[0].format()
    assert text.startswith("templates/assessments/test.yaml:4: error: judgement 'one' rests on "
                           f"unknown fact '{a.id}x'")
    assert f"did you mean '{a.id}'?" in text


def test_an_unknown_fact_under_rests_on_is_placed_at_rests_on(project):
    _, a, _ = facts_of(project)
    errors, _ = problems(project, f"judgements:\n  - id: one\n    confidence: likely\n"
                                  f"    text: It holds [@{a.id}].\n    rests_on: [no-such]\n")
    assert [(e.line, "unknown fact 'no-such'" in e.message) for e in errors] == [(5, True)]


def test_a_judgement_resting_on_no_fact_is_an_error(project):
    errors, _ = problems(project, "judgements:\n  - id: one\n    confidence: likely\n"
                                  "    text: It holds.\n")
    assert [e.message for e in errors] == ["judgement 'one' rests on no fact"]
    assert errors[0].line == 4


@pytest.mark.parametrize("term,close", [("Likely", "likely"), ("probable", None),
                                        ("highly-likely", "highly likely")])
def test_a_confidence_term_outside_the_list_is_an_error(project, term, close):
    _, a, _ = facts_of(project)
    errors, _ = problems(project, f"judgements:\n  - id: one\n    text: It holds [@{a.id}].\n"
                                  f"    confidence: {term}\n")
    assert len(errors) == 1 and errors[0].line == 4
    assert f"confidence '{term}' is not a term of the list" in errors[0].message
    assert ("did you mean" in errors[0].hint) == (close is not None)
    assert all(t in errors[0].hint for t in CONFIDENCE)


def test_a_judgement_needs_a_confidence_term_a_line_to_take_does_not(project):
    _, a, _ = facts_of(project)
    errors, _ = problems(project, f"judgements:\n  - id: one\n    text: It holds [@{a.id}].\n"
                                  f"lines_to_take:\n  - id: two\n"
                                  f"    text: Welcome it [@{a.id}].\n")
    assert [e.message for e in errors] == ["judgement 'one' has no confidence term"]


def test_a_sentence_without_a_citation_warns_and_with_strict_fails(project):
    _, a, _ = facts_of(project)
    body = (f"judgements:\n  - id: one\n    confidence: likely\n"
            f"    text: It holds [@{a.id}]. It will hold next year.\n")
    errors, warnings = problems(project, body)
    uncited = [w for w in warnings if "cites no fact" in w.message]
    assert not errors and len(uncited) == 1
    assert uncited[0].severity == "warning" and uncited[0].line == 4
    assert "“It will hold next year.”" in uncited[0].message
    errors, _ = problems(project, "strict: true\n" + body)
    assert [e.line for e in errors] == [5] and "cites no fact" in errors[0].message


def test_unknown_keys_are_errors_with_did_you_mean(project):
    _, a, _ = facts_of(project)
    errors, _ = problems(project, f"judgement:\n  - id: one\n    text: x [@{a.id}].\n")
    assert "assessment: unknown field 'judgement'" in errors[0].message
    assert "did you mean 'judgements'?" in errors[0].hint
    errors, _ = problems(project, f"judgements:\n  - id: one\n    text: x [@{a.id}].\n"
                                  "    confidence: likely\n    confidense: likely\n")
    assert errors[0].line == 5 and "did you mean 'confidence'?" in errors[0].hint


def test_an_id_used_twice_is_an_error(project):
    _, a, _ = facts_of(project)
    item = f"  - id: one\n    text: x [@{a.id}].\n    confidence: likely\n"
    errors, _ = problems(project, "judgements:\n" + item + "be_aware:\n" + item)
    assert [e.message for e in errors] == ["be-aware item 'one': id used twice (first on "
                                           "line 2)"]


def test_an_unreviewed_judgement_is_stale_and_names_its_facts(project):
    _, a, _ = facts_of(project)
    _, warnings = problems(project, f"judgements:\n  - id: one\n    text: x [@{a.id}].\n"
                                    "    confidence: likely\n")
    assert len(warnings) == 1 and warnings[0].line == 2
    assert "has not been reviewed" in warnings[0].message
    assert f"fact '{a.id}' not reviewed yet" in warnings[0].detail
    assert " ".join(a.text.split()) in warnings[0].detail


def test_a_pin_of_another_text_makes_the_judgement_stale_showing_old_and_new(project):
    base, a, _ = facts_of(project)
    write(project, f"judgements:\n  - id: one\n    text: x [@{a.id}].\n"
                   "    confidence: likely\n    reviewed:\n"
                   f"      - fact: {a.id}\n        digest: '0000'\n        text: Old words.\n")
    found = load_assessment(Project(project), "test", base)
    [change] = found.stale["one"]
    assert (change.fact, change.old, change.new) == (a.id, "Old words.", a.text)
    assert "was: “Old words.”" in found.warnings[0].detail


def test_a_pin_matching_the_fact_is_current(project):
    base, a, _ = facts_of(project)
    write(project, f"judgements:\n  - id: one\n    text: x [@{a.id}].\n"
                   "    confidence: likely\n    reviewed:\n"
                   f"      - fact: {a.id}\n        digest: {a.digest}\n        text: t\n")
    found = load_assessment(Project(project), "test", base)
    assert found.stale == {} and found.warnings == []


def test_an_assessment_that_is_not_a_mapping_is_an_error(project):
    base, _, _ = facts_of(project)
    write(project, "- id: one\n")
    with pytest.raises(DataInvalid, match="an assessment must be a mapping"):
        load_assessment(Project(project), "test", base)


def test_cited_ids_and_uncited_sentences():
    assert cited_ids("A [@a; @b]. B [@a] [@c].") == ["a", "b", "c"]
    assert uncited_sentences("A holds [@a]. B holds. “C” holds [@c].", extra=False) == [
        "B holds."]
    assert uncited_sentences("A holds. B holds.", extra=True) == ["A holds."]
