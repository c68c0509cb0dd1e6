"""Every shipped brief, built in its formats and read back by real readers.

For each brief, the DOCX (python-docx and its footnotes part), the PDF (pdftotext or
pypdf) and the Markdown (pandoc, when installed) must carry the same facts, the same
note numbers and the same quoted words as the document model. These hold for any valid
fact base, so they run on the shipped project (and on a copy with a new source, see
test_own_sources.py); the one-page quick brief is checked on the test project.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT, fixture_root
from readers import docx_body_paragraphs, docx_notes, pdf_pages, squash

from briefing import model as m
from briefing.assemble.compose import assemble
from briefing.assemble.outline import outline_names
from briefing.assemble.templates import Templates
from briefing.build import build, load_outlines
from briefing.factbase.load import load_factbase
from briefing.project import Project

pytestmark = pytest.mark.shipped

OUTLINES = outline_names(ROOT / "templates" / "outlines")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build every shipped outline in every format once; return (out dir, briefs)."""
    out = tmp_path_factory.mktemp("out")
    project = Project(ROOT)
    result = build(project, [], None, out, force=True)
    base = load_factbase(project)
    templates = Templates(ROOT / "templates/sections", ROOT, base.vocab)
    outlines = load_outlines(project, base, [])
    briefs = {o.name: assemble(base, o, templates, "x") for o in outlines}
    figures = sum(isinstance(b, m.Figure) for o in outlines if "md" in o.formats
                  for b in briefs[o.name].blocks)
    # Every format of every outline, and the Markdown's figure PNGs.
    assert result.count("written") == sum(len(o.formats) for o in outlines) + figures
    return out, briefs


@pytest.fixture(scope="module")
def quick_brief(tmp_path_factory):
    """The quick brief of the test project, built as DOCX and PDF."""
    out = tmp_path_factory.mktemp("quick")
    build(Project(fixture_root()), ["quick-brief"], ["docx", "pdf"], out, force=True)
    return out


def output(out, name: str, ext: str):
    """Return the path of a brief's output, skipping when its outline leaves the format
    out (the `built` fixture checks every format an outline names was written)."""
    path = out / f"{name}.{ext}"
    if not path.exists():
        pytest.skip(f"outline {name} does not build {ext}")
    return path


def fact_texts(brief: m.Brief) -> list[tuple[str, list[int]]]:
    """Return (text, notes) of every list item and paragraph that carries a note."""
    items = []

    def visit(blocks):
        for b in blocks:
            if isinstance(b, m.Paragraph) and m.note_numbers(b.children):
                items.append((m.plain_text(b.children), m.note_numbers(b.children)))
            elif isinstance(b, m.BulletList):
                for i in b.items:
                    if m.note_numbers(i.children):
                        items.append((m.plain_text(i.children), m.note_numbers(i.children)))
            elif isinstance(b, m.Callout):
                visit(b.blocks)
    visit(brief.blocks)
    return items


@pytest.mark.parametrize("name", OUTLINES)
def test_docx_has_every_note_as_a_real_footnote_in_order(built, name):
    out, briefs = built
    brief = briefs[name]
    kind = "endnote" if brief.meta.note_style == "endnotes" else "footnote"
    notes = docx_notes(output(out, name, "docx"), kind)
    assert len(notes) == len(brief.notes)
    for note, (nid, text) in zip(brief.notes, sorted(notes.items())):
        assert squash(note.text) in squash(text), (note.number, text)
    refs = [r for _, rs in docx_body_paragraphs(output(out, name, "docx"), kind) for r in rs]
    assert refs == sorted(notes)  # body order = note order, each once


@pytest.mark.parametrize("name", OUTLINES)
def test_docx_paragraph_with_a_fact_carries_its_notes(built, name):
    out, briefs = built
    kind = "endnote" if briefs[name].meta.note_style == "endnotes" else "footnote"
    paragraphs = docx_body_paragraphs(output(out, name, "docx"), kind)
    first_id = min(docx_notes(output(out, name, "docx"), kind))
    at = 0  # facts repeat across sections: match them in reading order
    for text, numbers in fact_texts(briefs[name]):
        while at < len(paragraphs) and squash(paragraphs[at][0]) != squash(text):
            at += 1
        assert at < len(paragraphs), f"not in the DOCX (in order): {text}"
        assert [r - first_id + 1 for r in paragraphs[at][1]] == numbers
        at += 1


@pytest.mark.parametrize("name", OUTLINES)
def test_pdf_has_every_fact_and_note_text(built, name):
    out, briefs = built
    brief = briefs[name]
    pages = pdf_pages(output(out, name, "pdf"))
    whole = squash("".join(pages))
    for text, _ in fact_texts(brief):
        assert squash(text) in whole, f"not in the PDF: {text}"
    for note in brief.notes:
        assert squash(f"{note.number}") and squash(note.text) in whole, note.number


@pytest.mark.parametrize("name", OUTLINES)
def test_pdf_footnotes_sit_on_the_page_of_their_marker(built, name):
    out, briefs = built
    brief = briefs[name]
    if brief.meta.note_style != "footnotes":
        pytest.skip("endnotes")
    pages = [squash(p) for p in pdf_pages(output(out, name, "pdf"))]
    page_of_note = {}
    for note in brief.notes:
        holders = [i for i, p in enumerate(pages) if squash(note.text) in p]
        assert holders, f"note {note.number} is on no page"
        page_of_note[note.number] = holders
    # A note's marker ends its sentence: the sentence's last words share the note's page.
    for text, numbers in fact_texts(brief):
        tail = squash(text)[-20:]
        for number in numbers:
            assert any(tail in pages[i] for i in page_of_note[number]), (number, text)


@pytest.mark.parametrize("name", OUTLINES)
def test_markdown_has_every_note(built, name):
    out, briefs = built
    md = (output(out, name, "md")).read_text(encoding="utf-8")
    for note in briefs[name].notes:
        assert f"[^{note.number}]: " in md
    if shutil.which("pandoc"):
        plain = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
                               input=md, capture_output=True, text=True, check=True).stdout
        for note in briefs[name].notes:
            assert squash(note.text) in squash(plain)


def test_quick_brief_is_one_page(quick_brief):
    assert len(pdf_pages(quick_brief / "quick-brief.pdf")) == 1


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
@pytest.mark.parametrize("name", OUTLINES)
def test_pandoc_reads_the_docx_footnotes(built, name):
    out, briefs = built
    md = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", str(output(out, name, "docx"))],
                        capture_output=True, text=True, check=True).stdout
    assert md.count("[^") >= 2 * len(briefs[name].notes)


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
@pytest.mark.parametrize("name", OUTLINES)
def test_qpdf_check_passes(built, name):
    out, _ = built
    proc = subprocess.run(["qpdf", "--check", str(output(out, name, "pdf"))], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts not installed")
@pytest.mark.parametrize("name", OUTLINES)
def test_every_pdf_font_is_embedded(built, name):
    out, _ = built
    lines = subprocess.run(["pdffonts", str(output(out, name, "pdf"))], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert line.split()[-5] == "yes", line  # the "emb" column


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_converts_every_docx(built, quick_brief, tmp_path):
    out, _ = built
    docs = sorted(out.glob("*.docx"))
    # One run of LibreOffice for all: the test project's quick brief under its own name.
    shutil.copyfile(quick_brief / "quick-brief.docx", tmp_path / "test-quick-brief.docx")
    proc = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                           str(tmp_path), *map(str, docs), str(tmp_path / "test-quick-brief.docx")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for doc in docs:
        assert (tmp_path / f"{doc.stem}.pdf").stat().st_size > 1000
    # The one-page brief is one page in Word's layout too, not only in our PDF.
    assert len(pdf_pages(tmp_path / "test-quick-brief.pdf")) == 1
