"""Figures: what the model says, and what real readers find in the PDF, DOCX and Markdown."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader

from briefing import model as m
from briefing.assemble.compose import assemble
from briefing.assemble.figures import root_meeting
from briefing.assemble.templates import Templates
from briefing.build import build, load_outlines
from briefing.factbase.load import load_factbase
from briefing.project import Project
from briefing.writers.figure.layout import WIDTH, layout, note_text
from briefing.writers.figure.raster import png
from tests.conftest import copy_project, fixture_root
from tests.readers import pdf_outline_titles


@pytest.fixture(scope="module")
def base():
    return load_factbase(Project(fixture_root())).require_valid()


def _brief(base, name):
    root = fixture_root()
    outline = load_outlines(Project(root), base, [name])[0]
    return assemble(base, outline, Templates(root / "templates/sections", root, base.vocab),
                    "2026-11-23T00:00:00Z")


def _figures(brief):
    return [b for b in brief.blocks if isinstance(b, m.Figure)]


@pytest.fixture(scope="module")
def full(base):
    return _brief(base, "full-brief")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    build(Project(fixture_root()), ["full-brief", "partners"], None, out, force=True)
    return out


def test_full_and_partner_briefs_number_their_figures_in_reading_order(base, full):
    assert [(f.number, f.name) for f in _figures(full)] == [
        (1, "timeline"), (2, "crimes_by_meeting"), (3, "partners_by_meeting")]
    assert [f.name for f in _figures(_brief(base, "partners"))] == ["partners_by_meeting"]


def test_figure_marks_carry_the_notes_of_facts_about_their_row_and_column(base, full):
    for figure in _figures(full)[1:]:
        field = "crime_types" if figure.name == "crimes_by_meeting" else "partners"
        rows = {base.vocab[field][i].label: i for i in base.vocab[field]}
        cols = {base.vocab["meetings"][i].label: i for i in base.vocab["meetings"]}
        for mark in figure.marks:
            assert mark.notes
            for ref in mark.notes:
                # A note is a passage; one of the facts citing it is behind the mark.
                assert any(_behind(base, base.by_id[fid], figure, mark, field, rows, cols)
                           for fid in full.notes[ref.number - 1].fact_ids)


def _behind(base, fact, figure, mark, field, rows, cols) -> bool:
    """Whether `fact` is about the row and the column of `mark`."""
    column = figure.columns[mark.col].removesuffix(" (undated)")  # a meeting no fact dates
    under = [mid for mid in fact.meetings if root_meeting(base.vocab, mid) == cols[column]]
    if not under:
        return False
    row = rows[figure.rows[mark.row]]
    partners = {base.vocab["meetings"][mid].get("partner") for mid in under}
    return row in getattr(fact, field) or row in partners


def test_timeline_draws_partial_dates_as_spans_and_never_guesses(full):
    timeline = _figures(full)[0]
    by_row = {}
    for mark in timeline.marks:
        by_row.setdefault(timeline.rows[mark.row], []).append(mark)
    (sept,) = by_row["AMMTC (September 2025)"]
    assert (sept.kind, sept.start, sept.end) == ("approx", "2025-09-01", "2025-09-30")
    (year,) = by_row["APSC Council, Vientiane"]
    assert (year.start, year.end) == ("2024-01-01", "2024-12-31")
    (undated,) = by_row["9th AMMTC"]
    assert undated.kind == "undated" and not undated.start and undated.notes
    assert "Date not stated: " in timeline.alt and "9th AMMTC" in timeline.alt


def test_timeline_shows_both_first_days_the_sources_give_for_the_25th_somtc(full):
    timeline = _figures(full)[0]
    row = timeline.rows.index("25th SOMTC")
    marks = {k.kind: k for k in timeline.marks if k.row == row}
    assert (marks["day"].start, marks["day"].end) == ("2025-06-24", "2025-06-26")
    assert marks["differ"].start == "2025-06-23"
    facts = {f for r in marks["differ"].notes for f in full.notes[r.number - 1].fact_ids}
    assert "somtc25-began-23-june-thesun" in facts


def test_note_text_joins_runs_of_three_or_more():
    assert note_text([3, 7, 8, 9, 12, 13]) == "3, 7\u20139, 12, 13"


def test_png_is_deterministic_and_at_least_200_dpi(full):
    figure = _figures(full)[2]
    data = png(figure)
    assert data == png(figure)
    image = Image.open(io.BytesIO(data))
    assert image.width / (WIDTH / 72) >= 200
    assert image.info["dpi"][0] >= 200
    assert set(image.info) <= {"dpi"}  # no text or time chunks


def test_matrix_labels_stay_inside_the_figure(full):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefing.writers.figure.layout import Label

    for figure in _figures(full):
        plan = layout(figure)
        for item in plan.items:
            if isinstance(item, Label):
                w = stringWidth(item.text, item.font, item.size)
                left = item.x - w * {"start": 0, "middle": 0.5, "end": 1}[item.anchor]
                assert -0.5 <= left and left + w <= plan.width + 0.5, item.text
                assert 0 <= item.y <= plan.height


def _pdf_page_with(reader, text):
    for i, page in enumerate(reader.pages):
        if text in page.extract_text():
            return i, page
    raise AssertionError(f"no page holds {text!r}")


def test_pdf_figures_are_vector_drawings_with_captions_and_bookmarks(built, full):
    reader = PdfReader(built / "full-brief.pdf")
    titles = pdf_outline_titles(reader)
    for figure in _figures(full):
        caption = f"Figure {figure.number}: {figure.title}"
        assert caption in titles
        _, page = _pdf_page_with(reader, f"Figure {figure.number}:")
        text = page.extract_text()
        assert not page.images  # drawn as vectors, not a picture
        for label in figure.rows[:3] + figure.columns[:2]:
            assert label.split()[0] in text
        first = sorted(figure.marks[0].notes, key=lambda r: r.number)[0].number
        assert re.search(rf"\b{first}\b", text)


def test_pdf_timeline_labels_are_extractable_with_pdftotext(built):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    text = subprocess.run(["pdftotext", "-layout", str(built / "full-brief.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    for words in ("Date not stated", "September 2025 (month only)", "24\u201326 June 2025",
                  "sources differ: began 23 June", "2024 (year only)"):
        assert words in text


def test_docx_holds_each_figure_as_a_picture_with_alt_text_and_a_caption(built, full):
    doc = Document(str(built / "full-brief.docx"))
    figures = _figures(full)
    shapes = list(doc.inline_shapes)
    assert len(shapes) == len(figures)
    body = doc.element.body
    descr = [el.get("descr") for el in body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert descr == [f.alt for f in figures]
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"
                and p.text.startswith("Figure ")]
    assert [p.text.split(":")[0] for p in captions] == [f"Figure {f.number}" for f in figures]
    for shape in shapes:
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        pixels = Image.open(io.BytesIO(blob)).width
        assert pixels / shape.width.inches >= 200  # dots per inch as displayed
        assert shape.width.pt <= WIDTH + 0.5


def test_docx_caption_anchors_the_figure_notes_as_footnotes(built, full):
    from tests.readers import docx_notes

    notes = docx_notes(built / "full-brief.docx")
    figure = _figures(full)[0]
    for ref in figure.note_refs():
        assert notes[ref.number].startswith(full.notes[ref.number - 1].source[:20])


def test_figures_point_to_the_notes_the_text_already_gave(full):
    seen: set[int] = set()
    reused = 0
    for block in full.blocks:
        numbers = m.block_note_numbers(block)
        if isinstance(block, m.Figure):
            new = [n for n in dict.fromkeys(numbers) if n not in seen]
            assert [ref.number for ref in block.introduces] == new
            # A fact that introduced a note above brings no new note here.
            cited_above = {full.notes[n - 1].fact_ids[0] for n in seen}
            assert not any(full.notes[n - 1].fact_ids[0] in cited_above for n in new)
            reused += len(set(numbers) & seen)
        seen.update(numbers)
    assert reused > 20  # the full brief's figures sit below text that cites their facts


def test_markdown_links_each_figure_png_with_alt_text(built, full):
    md = (built / "full-brief.md").read_text(encoding="utf-8")
    for figure in _figures(full):
        name = f"full-brief-figure-{figure.number}.png"
        # pandoc's implicit figure: the caption as the image's text, the description
        # as its alt text.
        assert re.search(rf"!\[Figure {figure.number}: [^\n]+\]\({re.escape(name)}\)"
                         rf'{{#figure-{figure.number} alt="[^"]+"}}', md)
        assert (built / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    partners = (built / "partners.md").read_text(encoding="utf-8")
    assert 'alt="Partners engaged at each meeting: a grid of 16 partners' in partners


def test_a_figure_dropped_from_an_outline_loses_its_png(tmp_path):
    root = copy_project(tmp_path / "project")
    out = root / "out"
    build(Project(root), ["full-brief"], ["md"], out)
    assert (out / "full-brief-figure-3.png").exists()
    outline = root / "templates/outlines/full-brief.yaml"
    text = outline.read_text()
    outline.write_text(text.replace("    figures: [crimes_by_meeting]\n", ""))
    result = build(Project(root), ["full-brief"], ["md"], out)
    assert ("full-brief-figure-3.png", "removed") in {(o.path.name, o.status)
                                                      for o in result.outputs}
    assert not (out / "full-brief-figure-3.png").exists()


def test_a_grid_marks_a_meeting_no_fact_dates_as_undated(base, full):
    grids = [f for f in _figures(full) if f.kind == "matrix"]
    assert grids
    meetings = base.vocab["meetings"]
    by_label = {m_.label: m_ for m_ in meetings.values()}
    for grid in grids:
        for column in grid.columns:
            label = column.removesuffix(" (undated)")
            undated = column.endswith(" (undated)")
            assert undated == (by_label[label].dated is False), column
    assert any(c.endswith(" (undated)") for g in grids for c in g.columns)
    assert any(not c.endswith(" (undated)") for g in grids for c in g.columns)
