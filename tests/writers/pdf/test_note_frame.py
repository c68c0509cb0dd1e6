"""The footnote frame: its short route for paragraphs places them as Frame.add does
(same PDF bytes), on briefs whose notes crowd the pages; a note cited again is printed
once, where it is first cited, and linked from every marker."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.platypus.frames import Frame

from briefing import model as m
from briefing.writers.pdf import document as pdf
from briefing.writers.pdf.note_frame import NoteFrame
from tests.sample_brief import sample_brief


def _crowded_brief() -> m.Brief:
    """Facts as list items and paragraphs, some long enough to split, every one noted."""
    notes, blocks = [], []

    def ref(words: int) -> m.NoteRef:
        notes.append(m.Note(len(notes) + 1, ("f",), "s", "Outlet, \u201cTitle\u201d", "a.txt",
                            len(notes) + 1, "quoted words " * words))
        return m.NoteRef(len(notes))

    for s in range(4):
        blocks.append(m.Heading(1, (m.Text(f"Section {s}"),), f"s{s}"))
        blocks.append(m.BulletList(tuple(
            m.ListItem((m.Text(f"Fact {s}-{i} " + "in a few words " * (i % 9)), ref(i % 40)))
            for i in range(60))))
        blocks.append(m.Paragraph(tuple(
            node for i in range(50) for node in (m.Text(f"Sentence {s}-{i} runs on. "),
                                                 ref(3)))))
        blocks.append(m.Callout((m.Text("Sources differ"),), tuple(
            m.Paragraph((m.Text(f"Boxed {s}-{i}."), ref(2))) for i in range(8))))
        for i in range(6):  # a caption's space before it, after a list item's space after
            blocks.append(m.BulletList((m.ListItem((m.Text("An item."), ref(1))),)))
            blocks.append(m.Table(header=(), rows=(((m.Text("cell"),),),),
                                  caption=(m.Text(f"Table {s}-{i}"), ref(1))))
    return m.Brief(m.Meta(title="Crowded", build_date="2026-01-01"), tuple(blocks),
                   tuple(notes))


@pytest.mark.parametrize("brief", [sample_brief(), sample_brief("endnotes"), _crowded_brief()],
                         ids=["sample", "endnotes", "crowded"])
def test_paragraphs_placed_by_the_short_route_as_frame_add_places_them(brief, monkeypatch):
    short = []
    original = NoteFrame.add_plain

    def counted(self, *args):
        short.append(1)
        return original(self, *args)

    monkeypatch.setattr(NoteFrame, "add_plain", counted)
    ours = pdf.write(brief)
    monkeypatch.setattr(NoteFrame, "_place", lambda self, f, canv, trySplit:
                        Frame.add(self, f, canv, trySplit))
    assert pdf.write(brief) == ours
    assert short or brief.meta.note_placement == "endnotes"


def _reused_across_pages(placement: str = "footnotes") -> m.Brief:
    notes = tuple(m.Note(n, (f"f{n}",), "s", "VNA, ‘A title’, undated", "a.txt", n,
                         f"quoted words of note {n}") for n in range(1, 4))
    R = m.NoteRef
    return m.Brief(m.Meta(title="T", note_placement=placement, build_date="2026-01-01"), (
        m.Paragraph((m.Text("First page cites one."), R(1))),
        m.PageBreak(),
        m.Paragraph((m.Text("Second page cites two."), R(2))),
        m.Paragraph((m.Text("And one again."), R(1))),
        m.PageBreak(),
        m.Paragraph((m.Text("Third page cites three, then one to three."), R(3))),
        m.Paragraph((m.Text("All of them."), m.NoteRange(1, 3))),
    ), notes)


def _links(page) -> list[tuple[float, int]]:
    """Return (left edge, destination page index) of the page's internal links."""
    reader = page.pdf
    out = []
    for annot in page.get("/Annots") or []:
        annot = annot.get_object()
        if "/Dest" in annot:
            out.append((float(annot["/Rect"][0]),
                        reader.get_page_number(annot["/Dest"][0].get_object())))
    return sorted(out)


def test_a_note_cited_again_is_printed_once_where_first_cited_and_linked_from_later():
    reader = PdfReader(io.BytesIO(pdf.write(_reused_across_pages())))
    pages = [p.extract_text() for p in reader.pages[1:]]  # after the cover
    for n, page in zip((1, 2, 3), pages):
        assert all((f"quoted words of note {k}" in page) == (k == n) for k in (1, 2, 3)), page
    assert "again.1" in pages[1].replace(" ", "") and "them.1–3" in pages[2].replace(" ", "")
    # Page 2's second marker goes to note 1, on page 1 of the body (index 1: the cover is 0).
    assert 1 in [dest for _, dest in _links(reader.pages[2])]
    # The range on page 3 (the leftmost links): 1, the dash (note 2), 3, left to right.
    assert [dest for _, dest in _links(reader.pages[3])][:3] == [1, 2, 3]


def test_endnotes_of_notes_cited_again_link_back_to_their_first_marker():
    reader = PdfReader(io.BytesIO(pdf.write(_reused_across_pages("endnotes"))))
    last = reader.pages[-1]
    text = last.extract_text()
    assert all(text.count(f"quoted words of note {n}") == 1 for n in (1, 2, 3))
    # Each note's number (at the left margin) links back to where it was first cited:
    # body pages 1, 2, 3.
    margin = min(x for x, _ in _links(last))
    assert [dest for x, dest in _links(last) if x == margin] == [1, 2, 3]


def test_a_range_in_a_paragraph_with_a_link_links_its_ends_and_dash():
    brief = _reused_across_pages()
    brief = m.Brief(brief.meta, brief.blocks + (m.Paragraph((
        m.Link((m.Text("A link"),), "https://example.org"), m.Text(" then a range."),
        m.NoteRange(1, 3))),), brief.notes)
    reader = PdfReader(io.BytesIO(pdf.write(brief)))
    last = reader.pages[-1]
    assert "range.1–3" in last.extract_text().replace(" ", "")
    dests = [reader.get_page_number(a.get_object()["/Dest"][0].get_object())
             for a in last.get("/Annots") if "/Dest" in a.get_object()]
    assert dests.count(1) >= 2 and dests.count(2) >= 2  # the marker above, and this range
