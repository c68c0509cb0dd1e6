"""The review cycle of a judgement: reviewed, a fact it rests on edited, reported stale
by `check` (file:line, fact id, old and new text), marked "under review" in every
format, reviewed again and accepted, current once more. Also: what `review` writes and
refuses to write.
"""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from readers import docx_parts, pdf_pages, squash

from briefing.factbase.load import load_factbase
from briefing.model import UNDER_REVIEW
from briefing.project import Project

ASSESSMENT = "templates/assessments/test.yaml"


def setup(root: Path) -> tuple:
    """Give the project an assessment (a judgement and a line to take citing two facts
    from different files) and an outline showing it; return the two facts."""
    base = load_factbase(Project(root)).require_valid()
    a = base.facts[0]
    b = next(f for f in base.facts if f.file != a.file)
    (root / "templates" / "assessments").mkdir()
    (root / ASSESSMENT).write_text(
        "# The analyst's judgements (this comment stays).\n"
        "judgements:\n"
        "  - id: first\n"
        f"    text: It holds [@{a.id}], and so does this [@{b.id}].\n"
        "    confidence: realistic possibility  # kept too\n"
        "\n"
        "lines_to_take:\n"
        "  - id: welcome\n"
        f"    text: Welcome it [@{b.id}].\n", encoding="utf-8")
    (root / "templates" / "outlines" / "judged.yaml").write_text(
        "extends: _base\ntitle: Judged\nsections:\n"
        "  - title: Assessment\n    assessment: test\n"
        "  - title: Lines to take\n    assessment: test\n    part: lines_to_take\n",
        encoding="utf-8")
    return a, b


def edit_fact_text(root: Path, fact) -> str:
    """Change the text of `fact` in its file; return the new text."""
    path = root / fact.file
    text = path.read_text(encoding="utf-8")
    old = f"text: {fact.text}"
    assert old in text, f"{fact.id}'s text is not written on one line"
    new = "Edited, " + fact.text
    path.write_text(text.replace(old, f"text: {new}", 1), encoding="utf-8")
    return new


def test_an_unreviewed_judgement_fails_strict_until_reviewed(project, cli):
    setup(project)
    result = cli("check", "--strict", root=project)
    assert result.code == 1 and "has not been reviewed" in result.err
    result = cli("review", "test", "--accept", root=project)
    assert result.code == 0, result.err
    assert "recorded the pins of 2 items" in result.out
    result = cli("check", "--strict", root=project)
    assert result.code == 0, result.err
    assert "0 stale or unreviewed judgements" in result.out


@pytest.fixture
def edited(project, cli):
    """The project with its judgement reviewed, then a fact it rests on edited; return
    (project, the fact as it was, its new text)."""
    a, _ = setup(project)
    assert cli("review", "test", "--accept", root=project).code == 0
    return project, a, edit_fact_text(project, a)


def test_check_reports_a_judgement_whose_fact_changed(edited, cli):
    project, a, new = edited
    result = cli("check", root=project)
    assert result.code == 0
    assert (f"{ASSESSMENT}:3: warning: judgement 'first' is stale: 1 of the facts it rests "
            "on changed since it was reviewed") in result.err
    assert f"fact '{a.id}' changed" in result.err
    assert f"was: “{' '.join(a.text.split())}”" in result.err
    assert f"now: “{new}”" in result.err
    assert "line to take 'welcome'" not in result.err  # it rests on the other fact only
    strict = cli("check", "--strict", root=project)
    assert strict.code == 1 and "--strict fails on any" in strict.err


def test_the_build_marks_it_under_review_in_every_format(edited, cli, tmp_path):
    project, _, _ = edited
    out = tmp_path / "out"
    result = cli("build", "judged", "--out", str(out), root=project)
    assert result.code == 0, result.err
    assert "judgement 'first' is stale" in result.err
    md = (out / "judged.md").read_text(encoding="utf-8")
    assert md.count("::: {.judgement .under-review}") == 1
    assert "**Assessment (under review)**" in md
    pdf = " ".join(pdf_pages(out / "judged.pdf"))
    assert squash(UNDER_REVIEW) in squash(pdf) and "Assessment (under review)" in pdf
    document = docx_parts(out / "judged.docx")["word/document.xml"].decode()
    assert document.count('<w:rStyle w:val="UnderReview"/>') == 1
    assert "Assessment (under review)" in document


def test_review_then_acceptance_clears_it(edited, cli, tmp_path):
    project, _, new = edited
    # Review shows the old and the new text and, without --accept, records nothing.
    before = (project / ASSESSMENT).read_bytes()
    result = cli("review", "test", "--no-input", root=project)
    assert result.code == 0
    assert f"{ASSESSMENT}:3: judgement 'first' (1 fact)" in result.out
    assert f"now: “{new}”" in result.out and "nothing recorded" in result.out
    assert (project / ASSESSMENT).read_bytes() == before
    # Accepted: current again, and the build shows it as current.
    assert cli("review", "test", "--accept", root=project).code == 0
    assert cli("check", "--strict", root=project).code == 0
    out = tmp_path / "out"
    assert cli("build", "judged", "--out", str(out), root=project).code == 0
    assert "under-review" not in (out / "judged.md").read_text(encoding="utf-8")
    assert "under review" not in " ".join(pdf_pages(out / "judged.pdf"))
    document = docx_parts(out / "judged.docx")["word/document.xml"].decode()
    assert "UnderReview" not in document


def test_review_keeps_the_file_as_written_and_records_old_text(project, cli):
    a, b = setup(project)
    written = (project / ASSESSMENT).read_text(encoding="utf-8")
    assert cli("review", "test", "--accept", root=project).code == 0
    text = (project / ASSESSMENT).read_text(encoding="utf-8")
    # Every line the analyst wrote is there, in order; the pins are added after each item.
    kept = [line for line in text.splitlines() if line in written.splitlines()]
    assert kept == written.splitlines()
    assert text.count("    reviewed:\n") == 2
    assert f"      - fact: {a.id}\n        digest: {a.digest}\n" in text
    # A second review replaces the pins rather than adding more.
    edit_fact_text(project, b)
    assert cli("review", "test", "--accept", root=project).code == 0
    again = (project / ASSESSMENT).read_text(encoding="utf-8")
    assert again.count("    reviewed:\n") == 2 and again.count(f"- fact: {b.id}") == 2
    assert "Edited, " in again  # the text as reviewed, recoverable when it changes next


def test_nothing_to_review(project, cli):
    setup(project)
    cli("review", "test", "--accept", root=project)
    result = cli("review", "test", root=project)
    assert result.code == 0 and "nothing to do" in result.out


def test_review_of_an_unknown_assessment_is_exit_2(project, cli):
    setup(project)
    result = cli("review", "tset", root=project)
    assert result.code == 2 and "unknown assessment 'tset'" in result.err
    assert "assessments: test" in result.err
    assert cli("review", "../x", root=project).code == 2


def test_review_never_writes_through_a_symlink(project, cli, tmp_path):
    setup(project)
    real = project / "templates" / "assessments" / "real.yaml"
    os.replace(project / ASSESSMENT, real)
    os.symlink("real.yaml", project / ASSESSMENT)
    before = real.read_bytes()
    result = cli("review", "test", "--accept", root=project)
    assert result.code == 2 and "Traceback" not in result.err
    assert "symlink" in result.err
    assert real.read_bytes() == before and (project / ASSESSMENT).is_symlink()


def test_review_asks_on_a_terminal_and_records_only_on_yes(project):
    """Through a pseudo-terminal: the prompt, "n" records nothing, "y" records."""
    import pty

    setup(project)
    before = (project / ASSESSMENT).read_bytes()
    for answer, changed in ((b"n\n", False), (b"y\n", True)):
        pid, fd = pty.fork()
        if pid == 0:  # the child: briefing on the terminal
            os.execv(_briefing(), [_briefing(), "--root", str(project), "review", "test"])
        seen = b""
        while b"[y/N]" not in seen:
            seen += os.read(fd, 1024)
        os.write(fd, answer)
        try:
            while os.read(fd, 1024):
                pass
        except OSError:
            pass
        os.waitpid(pid, 0)
        assert ((project / ASSESSMENT).read_bytes() != before) == changed


def _briefing() -> str:
    exe = Path(subprocess.sys.executable).parent / "briefing"
    assert exe.exists()
    return str(exe)


def test_the_docx_names_the_judgement_styles(project, cli, tmp_path):
    setup(project)
    cli("review", "test", "--accept", root=project)
    out = tmp_path / "out"
    assert cli("build", "judged", "--format", "docx", "--out", str(out), root=project).code == 0
    with zipfile.ZipFile(out / "judged.docx") as z:
        styles = z.read("word/styles.xml").decode()
        document = z.read("word/document.xml").decode()
    for name in ("Judgement", "Judgement Lead", "Confidence", "Under Review"):
        assert f'<w:name w:val="{name}"/>' in styles
    assert document.count('<w:pStyle w:val="Judgement"/>') == 2
    assert document.count('<w:rStyle w:val="Confidence"/>') == 1
    # What python-docx (a Word reader) sees: the named styles, the term in its own run.
    import docx

    paragraphs = [p for p in docx.Document(str(out / "judged.docx")).paragraphs
                  if p.style.name == "Judgement"]
    assert len(paragraphs) == 2
    terms = [r.text for r in paragraphs[0].runs if r.style.name == "Confidence"]
    assert terms == ["realistic possibility"]
    assert [r.text for r in paragraphs[0].runs if r.style.name == "Judgement Lead"] == [
        "Assessment"]


def test_a_fact_whose_text_stayed_is_said_to_have_changed_elsewhere(project, cli):
    """A pin is the fact's digest: a new tag or citation makes the judgement stale too,
    and the report says the text itself is unchanged rather than show it twice."""
    a, _ = setup(project)
    assert cli("review", "test", "--accept", root=project).code == 0
    path = project / a.file
    text = path.read_text(encoding="utf-8")
    old = f"  - id: {a.id}\n"
    assert old in text
    path.write_text(text.replace(old, old + "    rank: 99\n", 1), encoding="utf-8")
    result = cli("check", root=project)
    assert f"fact '{a.id}' changed, its text as it was" in result.err
    assert f"text: “{a.text}”" in result.err and "was: " not in result.err
