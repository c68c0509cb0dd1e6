"""Every shipped brief, built in its formats and read back by real readers.

For each brief, the DOCX (python-docx and its footnotes part), the PDF (pdftotext or
pypdf) and the Markdown (pandoc, when installed) must carry the same facts, the same
note numbers and the same quoted words as the document model: one note per passage (no
two notes read alike), a passage cited again showing its note's number, runs of notes as
ranges. These hold for any valid fact base, so they run on the shipped project (and on a
copy with a new source, see test_own_sources.py); the one-page quick brief is checked on
the test project.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import ROOT, fixture_root
from readers import docx_body_paragraphs, docx_markers, docx_notes, pdf_pages, squash

from briefing import model as m
from briefing.assemble.compose import assemble
from briefing.assemble.outline import outline_names
from briefing.assemble.templates import Templates
from briefing.build import build, load_outlines
from briefing.factbase.load import load_factbase
from briefing.project import Project

OUTLINES = outline_names(ROOT / "templates" / "outlines")

pytestmark = pytest.mark.shipped


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
    viewers = sum(len(briefs[o.name].sources) for o in outlines if "html" in o.formats)
    # Every format of every outline, the Markdown's figure PNGs, the HTML's source pages.
    assert result.count("written") == sum(len(o.formats) for o in outlines) + figures + viewers
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


def fact_texts(brief: m.Brief, introduced: dict | None = None) -> list[tuple[str, list]]:
    """Return (text, printed markers) of every list item and paragraph that carries a
    note: a marker as its number, a range as its first number, "–", its last.

    `introduced`, if given, gains for each item's index the notes first cited there (in
    reading order over the whole brief, tables and figures included)."""
    items = []
    seen: set[int] = set()

    def add(inlines):
        numbers = m.note_numbers(inlines)
        if introduced is not None:
            introduced[len(items)] = set(numbers) - seen
        seen.update(numbers)
        items.append((m.plain_text(inlines), printed(inlines)))

    def visit(blocks):
        for b in blocks:
            if isinstance(b, m.Paragraph) and m.note_numbers(b.children):
                add(b.children)
            elif isinstance(b, m.BulletList):
                for i in b.items:
                    if m.note_numbers(i.children):
                        add(i.children)
            elif isinstance(b, m.Callout):
                seen.update(m.note_numbers(b.title))
                visit(b.blocks)
            else:
                seen.update(m.block_note_numbers(b))
    visit(brief.blocks)
    return items


def shown(inlines) -> str:
    """Return the text of `inlines` with markers as the PDF and the DOCX print them:
    adjacent markers parted by ",", a range as "first–last"."""
    out, prev = [], False
    for node in inlines:
        marker = isinstance(node, m.NOTE_MARKERS)
        if marker and prev:
            out.append(",")
        if isinstance(node, m.NoteRef):
            out.append(str(node.number))
        elif isinstance(node, m.NoteRange):
            out.append(f"{node.first}\u2013{node.last}")
        elif isinstance(node, (m.Emph, m.Strong, m.Link)):
            out.append(shown(node.children))
        elif not marker:
            out.append(m.plain_text((node,)))
        prev = marker
    return "".join(out)


def marked_items(brief: m.Brief):
    """Yield (inlines, numbers introduced there) for every paragraph, list item, table
    row and box title that prints a marker, in reading order."""
    seen: set[int] = set()

    def runs(blocks):
        for b in blocks:
            if isinstance(b, (m.Paragraph, m.Heading)):
                yield b.children
            elif isinstance(b, m.BulletList):
                yield from (i.children for i in b.items)
            elif isinstance(b, m.Table):
                yield b.caption
                yield from (tuple(n for cell in row for n in cell)
                            for row in (b.header, *b.rows))
            elif isinstance(b, m.Callout):
                yield b.title
                yield from runs(b.blocks)
            elif isinstance(b, m.Figure):
                yield tuple(b.introduces)

    for inlines in runs(brief.blocks):
        numbers = m.note_numbers(inlines)
        if numbers:
            yield inlines, set(numbers) - seen
            seen.update(numbers)


def printed(inlines) -> list:
    """Return the markers `inlines` print: numbers, and "–" for a range's dash."""
    out: list = []
    for node in inlines:
        if isinstance(node, m.NoteRef):
            out.append(node.number)
        elif isinstance(node, m.NoteRange):
            out += [node.first, "\u2013", node.last]
        elif isinstance(node, (m.Emph, m.Strong, m.Link)):
            out += printed(node.children)
    return out


@pytest.mark.parametrize("name", OUTLINES)
def test_docx_has_every_note_as_a_real_footnote_in_order(built, name):
    out, briefs = built
    brief = briefs[name]
    kind = "endnote" if brief.meta.note_placement == "endnotes" else "footnote"
    notes = docx_notes(output(out, name, "docx"), kind)
    assert len(notes) == len(brief.notes)
    for note, (nid, text) in zip(brief.notes, sorted(notes.items())):
        assert squash(note.text) in squash(text), (note.number, text)
    refs = [r for _, rs in docx_body_paragraphs(output(out, name, "docx"), kind) for r in rs]
    assert refs == sorted(notes)  # body order = note order, each once


@pytest.mark.parametrize("name", OUTLINES)
def test_docx_paragraph_with_a_fact_carries_its_notes(built, name):
    out, briefs = built
    kind = "endnote" if briefs[name].meta.note_placement == "endnotes" else "footnote"
    paragraphs = docx_markers(output(out, name, "docx"), kind)
    first_id = min(docx_notes(output(out, name, "docx"), kind))
    at = 0  # facts repeat across sections: match them in reading order
    for text, markers in fact_texts(briefs[name]):
        while at < len(paragraphs) and squash(paragraphs[at][0]) != squash(text):
            at += 1
        assert at < len(paragraphs), f"not in the DOCX (in order): {text}"
        # A note's own reference, or a NOTEREF field whose bookmark holds it.
        got = [r if r == "\u2013" else r - first_id + 1 for r in paragraphs[at][1]]
        assert got == markers, text
        at += 1


@pytest.mark.parametrize("name", OUTLINES)
def test_pdf_has_every_fact_and_note_text(built, name):
    out, briefs = built
    brief = briefs[name]
    pages = pdf_pages(output(out, name, "pdf"))
    whole = squash("".join(pages))
    # A paragraph may run on to the next page: between its parts stand the page's notes,
    # its footer and the next page's header. Read the body without them as well.
    body = whole
    for note in brief.notes:
        body = body.replace(squash(f"{note.number}. {note.text}"), "", 1)
    for i in range(len(pages), 0, -1):
        body = body.replace(squash(f"Page {i} of {len(pages)}"), "")
    for furniture in (brief.meta.classification, brief.meta.title, brief.meta.organisation):
        body = body.replace(squash(furniture), "")
    for text, _ in fact_texts(brief):
        assert squash(text) in whole or squash(text) in body, f"not in the PDF: {text}"
    for note in brief.notes:
        assert squash(f"{note.number}") and squash(note.text) in whole, note.number


@pytest.mark.parametrize("name", OUTLINES)
def test_pdf_footnotes_sit_on_the_page_of_their_marker(built, name):
    out, briefs = built
    brief = briefs[name]
    if brief.meta.note_placement != "footnotes":
        pytest.skip("endnotes")
    pages = [squash(p) for p in pdf_pages(output(out, name, "pdf"))]
    page_of_note = {}
    for note in brief.notes:
        holders = [i for i, p in enumerate(pages) if squash(note.text) in p]
        assert holders, f"note {note.number} is on no page"
        page_of_note[note.number] = holders
    # A note's marker ends its sentence: the sentence where a note is first cited shares
    # its page; where it is cited again, the note is on that page or an earlier one.
    introduced: dict[int, set[int]] = {}
    for at, (text, markers) in enumerate(fact_texts(brief, introduced)):
        tail = squash(text)[-20:]
        here = [i for i, p in enumerate(pages) if tail in p]
        for number in (n for n in markers if n != "\u2013"):
            if number in introduced[at]:
                assert set(here) & set(page_of_note[number]), (number, text)
            else:
                assert min(page_of_note[number]) <= max(here), (number, text)


@pytest.mark.parametrize("name", OUTLINES)
def test_markdown_has_every_note(built, name):
    out, briefs = built
    md = output(out, name, "md").read_text(encoding="utf-8")
    for note in briefs[name].notes:
        assert f"[^{note.number}]: " in md
    if shutil.which("pandoc"):
        plain = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
                               input=md, capture_output=True, text=True, check=True).stdout
        for note in briefs[name].notes:
            assert squash(note.text) in squash(plain)


@pytest.mark.parametrize("name", OUTLINES)
def test_no_two_notes_read_alike_in_any_format(built, name):
    out, briefs = built
    brief = briefs[name]
    texts = [n.text for n in brief.notes]
    assert len(set(texts)) == len(texts)
    kind = "endnote" if brief.meta.note_placement == "endnotes" else "footnote"
    docx = list(docx_notes(output(out, name, "docx"), kind).values())
    assert len(docx) == len(texts) and len(set(docx)) == len(docx)
    md = [line.split(": ", 1)[1] for line in
          output(out, name, "md").read_text(encoding="utf-8").splitlines()
          if line.startswith("[^") and "]: " in line]
    assert len(md) == len(texts) and len(set(md)) == len(md)
    whole = squash("".join(pdf_pages(output(out, name, "pdf"))))
    for note in brief.notes:  # printed once: at the foot of one page, or in the endnotes
        assert whole.count(squash(note.text)) == 1, note.number


@pytest.mark.parametrize("name", OUTLINES)
def test_runs_of_notes_print_as_ranges_in_every_format(built, name):
    out, briefs = built
    brief = briefs[name]
    ranges = []
    introduced: set[int] = set()
    for inlines, new in marked_items(brief):
        for group in _marker_groups(inlines):
            numbers = [n for node in group for n in
                       ((node.number,) if isinstance(node, m.NoteRef) else node.numbers)]
            assert numbers == sorted(set(numbers)), shown(inlines)  # ascending, once each
            printed_ = [n.number for n in group if isinstance(n, m.NoteRef)]
            # Three in a row whose middle was cited before would have been a range.
            for a, b, c in zip(printed_, printed_[1:], printed_[2:]):
                assert not (b == a + 1 and c == b + 1 and b in introduced), shown(inlines)
            ranges += [(inlines, n) for n in group if isinstance(n, m.NoteRange)]
        introduced |= new
    md = output(out, name, "md").read_text(encoding="utf-8")
    assert md.count("]^\u2013^[^") == len(ranges)
    for _, r in ranges:
        assert f"[^{r.first}]^\u2013^[^{r.last}]" in md
    pdf = squash("".join(pdf_pages(output(out, name, "pdf"))))
    for inlines, r in ranges:
        assert squash(shown(inlines))[-40:] in pdf, shown(inlines)


def _marker_groups(inlines):
    """Yield the runs of adjacent markers in `inlines` (nested ones too)."""
    group: list = []
    for node in inlines:
        if isinstance(node, m.NOTE_MARKERS):
            group.append(node)
            continue
        if group:
            yield group
            group = []
        if isinstance(node, (m.Emph, m.Strong, m.Link)):
            yield from _marker_groups(node.children)
    if group:
        yield group


@pytest.mark.parametrize("name", OUTLINES)
def test_every_marker_resolves_to_a_note(built, name):
    out, briefs = built
    brief = briefs[name]
    numbers = {n.number for n in brief.notes}
    for b in brief.blocks:
        assert set(m.block_note_numbers(b)) <= numbers
    kind = "endnote" if brief.meta.note_placement == "endnotes" else "footnote"
    ids = set(docx_notes(output(out, name, "docx"), kind))
    for text, markers in docx_markers(output(out, name, "docx"), kind):
        assert all(mk == "\u2013" or mk in ids for mk in markers), (text, markers)
    md = output(out, name, "md").read_text(encoding="utf-8")
    defined = {int(x) for x in re.findall(r"^\[\^(\d+)\]: ", md, re.M)}
    assert {int(x) for x in re.findall(r"\[\^(\d+)\](?!:)", md)} == defined == numbers


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
    # A note cited again (a NOTEREF field) shows its number where it is cited again.
    _, briefs = built
    for name, brief in briefs.items():
        text = squash("".join(pdf_pages(tmp_path / f"{name}.pdf")))
        for inlines, new in marked_items(brief):
            if set(m.note_numbers(inlines)) - new and m.plain_text(inlines, notes=False):
                assert squash(shown(inlines))[-30:] in text, (name, shown(inlines))
