"""Tests of the PDF writer, reading the PDF back with pypdf (and poppler/qpdf when present).

Text normalisation used when comparing extracted text (documented here once):
* `_norm`: Unicode NFC, then every run of white space (line breaks included) becomes one
  space. Used for strings that only ever wrap at spaces (the hostile string, note texts,
  "Page N of M").
* `_compact`: NFC with all white space removed. Used where a line may break inside a
  word (the very long URL, which is cut across lines) and to find a note marker glued to
  the text before it ("…a note.16"); a marker is matched only when no digit follows.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from readers import pdf_outline_titles
from sample_brief import HOSTILE, LONG_WORD, sample_brief

from briefing import model as m
from briefing.writers import writer
from briefing.writers.pdf import document as pdf

ROOT = Path(__file__).resolve().parents[3]
WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _compact(text: str) -> str:
    return WS.sub("", unicodedata.normalize("NFC", text))


def _pages(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]



def _marker_contexts(brief: m.Brief) -> dict[int, list[str]]:
    """Return, per note, the compact text that ends with its marker as the PDF shows it.

    Text is rendered whitespace-free with markers as their numbers, consecutive markers
    joined by ","; the context is the last 12 characters up to the marker.
    """
    found: dict[int, list[str]] = {}

    def inlines(nodes, out: list[str], prev_note=False):
        for node in nodes:
            if isinstance(node, (m.Text, m.Code)):
                out.append(_compact(node.text))
            elif isinstance(node, (m.Emph, m.Strong)):
                inlines(node.children, out)
            elif isinstance(node, m.Link):
                out.append(_compact(m.plain_text(node.children)))
            elif isinstance(node, m.NoteRef):
                if prev_note:
                    out.append(",")
                out.append(str(node.number))
                found.setdefault(node.number, []).append("".join(out)[-12:])
            prev_note = isinstance(node, m.NoteRef)

    def block(b):
        if isinstance(b, (m.Heading, m.Paragraph)):
            inlines(b.children, [])
        elif isinstance(b, m.BulletList):
            for item in b.items:
                inlines(item.children, [])
        elif isinstance(b, m.Table):
            inlines(b.caption, [])
            for row in (b.header, *b.rows):
                for cell in row:
                    inlines(cell, [])
        elif isinstance(b, m.Callout):
            inlines(b.title, [])
            for inner in b.blocks:
                block(inner)

    for b in brief.blocks:
        block(b)
    return found


def _lines(page_text: str) -> tuple[str, set[int]]:
    """Return the page's compact text and the offsets where its lines start or end."""
    joined, bounds = "", {0}
    for line in page_text.splitlines():
        joined += _compact(line)
        bounds.add(len(joined))
    return joined, bounds


def _has_marker(page_text: str, context: str) -> bool:
    """Whether the page shows `context` (compact) not followed by a digit on its line."""
    joined, bounds = _lines(page_text)
    for found in re.finditer(re.escape(context), joined):
        end = found.end()
        if end in bounds or not joined[end].isdigit():
            return True
    return False


def _has_note(page_text: str, note: m.Note) -> bool:
    """Whether the page prints note `note` whole: "N. text" not preceded by a digit."""
    joined, bounds = _lines(page_text)
    for found in re.finditer(re.escape(_compact(f"{note.number}. {note.text}")), joined):
        start = found.start()
        if start in bounds or not joined[start - 1].isdigit():
            return True
    return False


def assert_footnotes_with_markers(brief: m.Brief, data: bytes) -> None:
    """Every note is printed, whole, on a page that shows its marker."""
    pages = _pages(data)
    contexts = _marker_contexts(brief)
    for note in brief.notes:
        where = [i for i, page in enumerate(pages) if _has_note(page, note)]
        assert where, f"note {note.number} is not printed"
        for ctx in contexts.get(note.number, []):
            assert any(_has_marker(pages[i], ctx) for i in where), (
                f"note {note.number} printed on page(s) {[i + 1 for i in where]} "
                f"but its marker {ctx!r} is elsewhere")


@pytest.fixture(scope="module")
def footnoted() -> bytes:
    return pdf.write(sample_brief())


@pytest.fixture(scope="module")
def endnoted() -> bytes:
    return pdf.write(sample_brief("endnotes"))


def test_registered_as_a_writer():
    assert writer("pdf") is pdf.write


def test_is_a_pdf_with_metadata(footnoted):
    assert footnoted.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(footnoted))
    meta = reader.metadata
    brief = sample_brief()
    assert meta.title == brief.meta.title
    assert meta.author == brief.meta.author
    assert meta.subject == brief.meta.subject
    assert meta["/Keywords"] == "ASEAN, SOMTC, transnational crime"
    assert meta["/Creator"] == "briefing"
    assert meta["/CreationDate"].startswith("D:20261123000000")
    assert reader.page_mode == "/UseOutlines"


def test_a4_and_letter_page_sizes(footnoted):
    box = PdfReader(io.BytesIO(footnoted)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    letter = PdfReader(io.BytesIO(pdf.write(sample_brief(page_size="Letter"))))
    for page in letter.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)


def test_cover_page(footnoted):
    cover = _norm(_pages(footnoted)[0])
    for text in ("OFFICIAL", "ASEAN Cooperation Against Transnational Crime, 2025",
                 "A test brief with every block type", "Minister's office",
                 "Policy Analysis Unit", "As of 23 November 2026"):
        assert text in cover
    assert "Page 1" not in cover


def test_body_text_in_order(footnoted):
    text = _compact("".join(_pages(footnoted)[1:]))
    facts = ["The 25th SOMTC met in Putrajaya.", HOSTILE, "Two notes on one item.",
             "Plain, emphasised, strong, code <x>, a link and a break", "after it.",
             "A very long word:", "Sources differ: length of the 25th SOMTC",
             "Three days (Malaysiakini).", "Five days (The Sun).", "First numbered.",
             "Second numbered.", "Meetings in 2025, by date", "Row 0 states a fact",
             "Row 59 states a fact", "002_6ce76abb59b9a186.txt (sha256 37404e34f0d2)",
             "[report on the ASEAN Foreign Ministers' Retreat]"]
    pos = 0
    for fact in facts:
        found = text.find(_compact(fact), pos)
        assert found >= 0, f"{fact!r} missing or out of order"
        pos = found


def test_hostile_text_appears_exactly(footnoted):
    pages = [_norm(t) for t in _pages(footnoted)]
    assert any(HOSTILE in page for page in pages)
    assert any("“Lương Tam Quang & <b> * [@x] {{ 1 }}”" in page for page in pages)


def test_long_word_kept_whole_and_inside_the_margin(footnoted, tmp_path):
    assert _compact(LONG_WORD + ".") in _compact("".join(_pages(footnoted)))
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    path = tmp_path / "brief.pdf"
    path.write_bytes(footnoted)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    page_w = 595.276
    right = page_w - pdf.MARGIN
    xmax = [float(x) for x in re.findall(r'<word xMin="[^"]+" yMin="[^"]+" xMax="([^"]+)"', html)]
    assert xmax and max(xmax) <= right + 1.0


def test_every_footnote_on_the_page_of_its_marker(footnoted):
    assert_footnotes_with_markers(sample_brief(), footnoted)


def test_table_header_repeats_on_every_page(footnoted):
    pages = _pages(footnoted)
    with_rows = [p for p in pages if "states a fact with a note" in p]
    assert len(with_rows) >= 3
    for page in with_rows:
        assert "What the sources say" in page
    assert "Row 59 states a fact with a note." in "".join(pages)


def test_outline_holds_every_heading(footnoted):
    titles = pdf_outline_titles(PdfReader(io.BytesIO(footnoted)))
    brief = sample_brief()
    for block in brief.blocks:
        if isinstance(block, m.Heading):
            assert m.plain_text(block.children) in titles
    assert "Contents" in titles and titles[0] == "Cover"


def test_table_of_contents_lists_headings_with_their_pages(footnoted):
    pages = _pages(footnoted)
    brief = sample_brief()
    toc_page = next(i for i, t in enumerate(pages) if "Contents" in t and ". . ." in t)
    toc = pages[toc_page]
    for heading in brief.headings(2):
        title = m.plain_text(heading.children)
        assert title in toc
        shown = re.search(re.escape(title) + r"[\s.]*?(\d+)\s*$", toc, re.M)
        assert shown, title
        page = int(shown.group(1))
        assert title in pages[page - 1] and page - 1 != toc_page or title == "Key points"
    assert "A third-level heading" not in toc


def test_page_n_of_m_on_every_page_after_the_cover(footnoted):
    pages = _pages(footnoted)
    total = len(pages)
    for n, text in enumerate(pages[1:], 2):
        assert f"Page {n} of {total}" in _norm(text)
        assert "OFFICIAL" in text


def test_markers_and_toc_entries_are_internal_links(footnoted):
    reader = PdfReader(io.BytesIO(footnoted))
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if "/Dest" in annot:
                internal += 1
    assert internal >= len(sample_brief().notes) + len(sample_brief().headings(2))


def test_endnotes(endnoted):
    brief = sample_brief("endnotes")
    pages = _pages(endnoted)
    titles = pdf_outline_titles(PdfReader(io.BytesIO(endnoted)))
    assert titles[-1] == "Notes"
    start = next(i for i, t in enumerate(pages) if re.search(r"^Notes$", t, re.M)
                 and "1. Malaysiakini" in t)
    tail = _compact("".join(pages[start:]))
    pos = 0
    for note in brief.notes:
        found = tail.find(_compact(f"{note.number}. {note.text}"), pos)
        assert found >= 0, f"endnote {note.number} missing or out of order"
        pos = found
    body = _compact("".join(pages[:start]))
    assert "002_6ce76abb59b9a186.txt,line9" not in body  # no footnotes in endnote mode
    # every marker links to a note, every note links back to its marker
    reader = PdfReader(io.BytesIO(endnoted))
    dest_pages = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if "/Dest" in annot:
                dest_pages.append(reader.get_page_number(annot["/Dest"][0].get_object()))
    note_pages = set(range(start, len(pages)))
    assert sum(p in note_pages for p in dest_pages) >= len(brief.notes)
    assert sum(p < start for p in dest_pages) >= len(brief.notes)


def test_fonts_all_embedded(footnoted, tmp_path):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts not installed")
    path = tmp_path / "brief.pdf"
    path.write_bytes(footnoted)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out
    for line in out:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert "NotoSans" in name, line
        assert not re.search("Helvetica|Times|Courier|Symbol|Dingbats", name)


@pytest.mark.parametrize("style", ["footnotes", "endnotes"])
def test_qpdf_check(style, tmp_path):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf not installed")
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf.write(sample_brief(style)))
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_reproducible_in_process_and_across_processes(footnoted, monkeypatch):
    assert pdf.write(sample_brief()) == footnoted
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # build_date wins
    assert pdf.write(sample_brief()) == footnoted
    code = ("import sys; from sample_brief import sample_brief; "
            "from briefing.writers.pdf import document; sys.stdout.buffer.write(document.write(sample_brief()))")
    env = {"PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}", "PYTHONHASHSEED": "random",
           "PATH": "/usr/bin:/bin"}
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env,
                           check=True).stdout
    assert other == footnoted


def test_compact_cover_and_no_marking():
    brief = sample_brief()
    meta = m.Meta(title="Quick brief", cover="compact", as_of="1 May 2026",
                  build_date="2026-05-01T08:00:00Z")
    data = pdf.write(m.Brief(meta, brief.blocks, brief.notes))
    pages = _pages(data)
    assert "Quick brief" in pages[0] and "Key points" in pages[0]
    assert f"Page 1 of {len(pages)}" in _norm(pages[0])
    assert_footnotes_with_markers(brief, data)


def _note(n: int, quote: str = "a quoted passage") -> m.Note:
    return m.Note(n, (f"f{n}",), "s1", f"Outlet {n}, “A headline”", "001_x.txt", n, quote)


def test_edge_cases_render():
    notes = (_note(1), _note(2, "x " * 200))
    blocks = (
        m.Heading(1, (m.Text("A"),), "a"),
        m.Heading(3, (m.Text("Skips a level"),), "skip"),  # outline levels are clamped
        m.Paragraph((m.Text("ctrl\x00chars\x1f and tab\there"), m.NoteRef(1), m.NoteRef(9))),
        m.Paragraph((m.Text("Cafe\u0301 decomposed"), m.LineBreak(),
                     m.Link((m.Text("link "), m.NoteRef(2)), 'https://x.org/"q"?a=<1>'))),
        m.BulletList(()),
        m.Table(header=(), rows=(((m.Text("only"),),),)),
        m.Callout((), (m.Heading(2, (m.Text("inner heading"),), "in"),
                       m.Table(header=((m.Text("H"),), (m.Text("I"),)),
                               rows=(((m.Text("c1"),), (m.Text("c2"),)),), widths=(1, 0)),
                       m.Callout((m.Text("nested"),), (m.Paragraph((m.Text("deep"),)),)),
                       m.TableOfContents(), m.PageBreak())),
        m.PageBreak(),
    )
    data = pdf.write(m.Brief(m.Meta(title="Edge"), blocks, notes))
    text = _norm(" ".join(_pages(data)))
    assert "ctrlchars and tab here" in text
    assert "Café decomposed" in text
    for word in ("only", "inner heading", "c1", "c2", "nested", "deep", "Page 2 of"):
        assert word in text
    assert _compact("x " * 200) in _compact(" ".join(_pages(data)))
    assert pdf.write(m.Brief(m.Meta(title="Empty"), ())).startswith(b"%PDF-")


def test_split_paragraphs_tables_and_crowded_notes_keep_notes_with_markers():
    notes, blocks = [], []

    def ref(quote="words"):
        notes.append(_note(len(notes) + 1, quote + " and more words" * (len(notes) % 4)))
        return m.NoteRef(len(notes))

    for s in range(3):
        blocks.append(m.Heading(1, (m.Text(f"Section {s}"),), f"s{s}"))
        long = []
        for i in range(40):
            long += [m.Text(f"Sentence {s}-{i} of a long paragraph that must split. "), ref()]
        blocks.append(m.Paragraph(tuple(long)))
        linked = [m.Link((m.Text("a link"),), "https://example.org/")]  # a ReportLab Paragraph
        for i in range(30):
            linked += [m.Text(f" Linked sentence {s}-{i} in a paragraph with a link."), ref()]
        blocks.append(m.Paragraph(tuple(linked)))
        blocks.append(m.BulletList(tuple(m.ListItem((m.Text(f"Item {s}-{i}."), ref()))
                                         for i in range(30)), style="numbered"))
        blocks.append(m.Table(header=((m.Text("Fact"),), (m.Text("Notes"),)), rows=tuple(
            ((m.Text(f"Cell {s}-{i}"), ref()),
             (m.Text("see"),) + tuple(ref() for _ in range(i % 5)))
            for i in range(25))))
        blocks.append(m.Callout((m.Text(f"Sources differ {s}"),), tuple(
            m.Paragraph((m.Text(f"Boxed {s}-{i}."), ref())) for i in range(25))))
    tall = [m.Text(f"Tall cell {i}. ") for i in range(700)]
    tall[350:350] = [m.Text("Middle of the tall cell."), ref()]
    blocks.append(m.Table(header=((m.Text("Tall"),), (m.Text("Short"),)),
                          rows=(((*tall, ref()), (m.Text("short"), ref())),)))
    brief = m.Brief(m.Meta(title="Crowded", build_date="2026-01-01"), tuple(blocks),
                    tuple(notes))
    data = pdf.write(brief)
    assert len(_pages(data)) > 10
    assert_footnotes_with_markers(brief, data)


def test_a_single_pass_of_layout():
    writer_ = pdf._Writer(sample_brief())
    writer_.render()
    assert writer_.passes == 1


def test_notes_that_cannot_fit_a_page_are_carried_over():
    notes = tuple(_note(n, "a long quoted passage " * 12) for n in range(1, 61))
    row = ((m.Text("One row, sixty notes"),) + tuple(m.NoteRef(n) for n in range(1, 61)),)
    brief = m.Brief(m.Meta(title="Overfull"),
                    (m.Paragraph((m.Text("Before."),)), m.Table(header=(), rows=(row,))), notes)
    pages = _pages(pdf.write(brief))
    assert "One row, sixty notes" in "".join(pages)
    # the notes that do not fit under the row continue at the foot of the next pages
    for note in notes:
        assert sum(_has_note(page, note) for page in pages) == 1, note.number


def test_many_distinct_characters():
    import string
    chars = "".join(chr(c) for c in range(0x100, 0x250) if chr(c).isprintable())
    chars += "ΑΒΓΔΕ αβγδε АБВГД абвгд Lương Tam Quang Việt Nam "
    chars += string.punctuation
    brief = m.Brief(m.Meta(title="Charset"), (
        m.Paragraph((m.Text(chars), m.NoteRef(1))),
        m.Paragraph((m.Strong((m.Text(chars),)),)),
        m.Paragraph((m.Link((m.Text(chars),), "https://x.org"),))), (_note(1, chars),))
    text = _compact("".join(_pages(pdf.write(brief))))
    assert text.count(_compact(chars)) >= 4  # three paragraphs and the note


def test_running_header_and_footer_written_once_are_those_written_on_every_page(monkeypatch):
    meta = m.Meta(title="Kh\u00f4ng Thai \u0e01\u0e32\u0e23\u0e1b\u0e23\u0e30\u0e0a\u0e38\u0e21 "
                        "title of a brief", organisation="Secretariat \u201cS\u201d",
                  classification="RESTRICTED \u2014 \u0e25\u0e31\u0e1a", build_date="2026-01-01")
    notes = tuple(_note(n) for n in range(1, 80))
    blocks = tuple(m.Paragraph((m.Text(f"Fact {n} " + "in words " * 30), m.NoteRef(n)))
                   for n in range(1, 80))
    brief = m.Brief(meta, blocks, notes)
    data = pdf.write(brief)
    assert len(_pages(data)) > 3
    original = pdf._Writer._body_page

    def forgetful(self, canv, doc):  # every page writes them anew
        self._running_ops.clear()
        original(self, canv, doc)

    monkeypatch.setattr(pdf._Writer, "_body_page", forgetful)
    assert pdf.write(brief) == data
