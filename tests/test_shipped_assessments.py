"""The shipped assessments (issue 18), on what real readers see.

- `check` finds no error in them and no stale or unreviewed judgement;
- every judgement of every shipped brief shows its confidence term and at least one
  note marker, read back from the PDF (pdftotext) and the DOCX (its XML, as Word and
  LibreOffice read it);
- the one-page brief is one page in PDF and in the DOCX laid out by LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT
from lxml import etree
from readers import docx_parts, pdf_pages, squash

from briefing import model as m
from briefing.assemble.assessment import CONFIDENCE, assessment_names, check_assessments
from briefing.factbase.load import load_factbase
from briefing.project import Project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
pytestmark = pytest.mark.shipped


@pytest.fixture
def shipped(shipped_build):
    """Every shipped outline built (PDF and DOCX among its formats): (out, {name: Brief})."""
    out, briefs, _, _ = shipped_build
    return out, briefs


def _judgements(brief: m.Brief) -> list[m.Judgement]:
    return [b for b in brief.blocks if isinstance(b, m.Judgement)]


def test_the_shipped_assessments_check_clean_and_current():
    project = Project(ROOT)
    base = load_factbase(project).require_valid()
    assert assessment_names(project), "no shipped assessment"
    errors, warnings = check_assessments(project, base)
    assert errors == [] and warnings == [], [p.format() for p in errors + warnings]


def test_the_full_brief_opens_with_three_to_five_judgements(shipped):
    _, briefs = shipped
    blocks = briefs["full-brief"].blocks
    first = next(i for i, b in enumerate(blocks) if isinstance(b, m.Judgement))
    # The brief's first section: only its currency line (a paragraph) comes before.
    assert isinstance(blocks[first - 1], m.Heading)
    assert all(isinstance(b, m.Paragraph) for b in blocks[:first - 1])
    opening = []
    for block in blocks[first:]:
        if not isinstance(block, m.Judgement):
            break
        opening.append(block)
    assert 3 <= len(opening) <= 5
    assert all(j.label == "Assessment" and not j.under_review for j in opening)


def test_every_shipped_judgement_has_a_confidence_term_and_a_note(shipped):
    """In the model first: each judgement (label "Assessment") has a term of the list and
    a note marker; lines to take and be-aware items have a note marker."""
    _, briefs = shipped
    assert any(_judgements(b) for b in briefs.values())
    for name, brief in briefs.items():
        for j in _judgements(brief):
            assert m.note_numbers(j.children), (name, m.plain_text(j.children))
            if j.label:
                assert j.confidence in CONFIDENCE, (name, j.confidence)


@pytest.mark.parametrize("name", ["full-brief", "quick-brief"])
def test_the_pdf_shows_each_judgement_with_its_term_and_notes(shipped, name):
    out, briefs = shipped
    # The PDF prints markers cited together as "2,3": commas left out on both sides.
    text = squash(" ".join(pdf_pages(out / f"{name}.pdf"))).replace(",", "")
    for j in _judgements(briefs[name]):
        lead = squash("".join(t for t, _ in j.prefix())).replace(",", "")
        body = squash(m.plain_text(j.children, notes=True)).replace(",", "")
        assert lead + body in text, (lead, body)
        if j.label:
            assert squash(f"({j.confidence}):") in lead


@pytest.mark.parametrize("name", ["full-brief", "quick-brief"])
def test_the_docx_shows_each_judgement_with_its_term_and_notes(shipped, name):
    out, briefs = shipped
    root = etree.fromstring(docx_parts(out / f"{name}.docx")["word/document.xml"])
    found = []
    for par in root.iter(f"{W}p"):
        style = par.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") != "Judgement":
            continue
        runs = {}
        for run in par.iter(f"{W}r"):
            rstyle = run.find(f"{W}rPr/{W}rStyle")
            key = rstyle.get(f"{W}val") if rstyle is not None else ""
            runs[key] = runs.get(key, "") + "".join(t.text or "" for t in run.iter(f"{W}t"))
        refs = list(par.iter(f"{W}footnoteReference")) + [
            i for i in par.iter(f"{W}instrText") if "NOTEREF" in (i.text or "")]
        found.append((runs.get("JudgementLead", ""), runs.get("Confidence", ""), len(refs)))
    expected = _judgements(briefs[name])
    assert len(found) == len(expected)
    for (lead, term, refs), j in zip(found, expected):
        assert (lead, term) == (j.lead, j.confidence)
        assert refs >= 1
        if j.label:
            assert term in CONFIDENCE


def test_the_one_page_brief_pdf_is_one_page(shipped):
    out, _ = shipped
    assert len(pdf_pages(out / "quick-brief.pdf")) == 1


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_the_one_page_brief_docx_is_one_page_in_libreoffice(shipped, tmp_path):
    out, briefs = shipped
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(out / "quick-brief.docx")], capture_output=True, check=True, timeout=300)
    pages = pdf_pages(tmp_path / "quick-brief.pdf")
    assert len(pages) == 1
    # And it is the whole brief: every judgement's words are on that page.
    text = squash(pages[0])
    for j in _judgements(briefs["quick-brief"]):
        assert squash(m.plain_text(j.children))[:40] in text
