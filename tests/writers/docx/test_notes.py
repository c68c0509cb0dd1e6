"""Footnotes and endnotes (`notes.py`): the parts, the notes they hold, the references
in the body and the special notes declared in settings."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import pytest
from sample_brief import sample_brief

from briefing import model as m
from briefing.writers.docx.document import write
from tests.writers.docx.docx_read import (
    FOOTNOTES_CT,
    FOOTNOTES_RT,
    NS,
    W,
    body,
    notes_of,
    texts,
    unzip,
    with_meta,
    xml,
)


def test_footnotes_part_exists_and_is_related(parts):
    assert "word/footnotes.xml" in parts
    types = xml(parts, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    assert overrides["/word/footnotes.xml"] == FOOTNOTES_CT
    rels = xml(parts, "word/_rels/document.xml.rels")
    assert any(r.get("Type") == FOOTNOTES_RT and r.get("Target") == "footnotes.xml"
               for r in rels)


def test_each_footnote_reads_exactly_its_note(parts):
    brief = sample_brief()
    notes = notes_of(parts)
    real = {nid: n for nid, n in notes.items() if n.get(f"{W}type") is None}
    assert sorted(real) == [n.number for n in brief.notes] == list(range(1, 71))
    for note in brief.notes:
        element = real[note.number]
        (par,) = element.findall(f"{W}p")
        assert par.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "FootnoteText"
        first_run = par.find(f"{W}r")
        assert first_run.find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"
        assert first_run.find(f"{W}footnoteRef") is not None
        assert texts(par).strip() == note.text


def test_footnote_references_in_body_order_are_1_to_n(parts):
    refs = [int(r.get(f"{W}id")) for r in body(parts).iter(f"{W}footnoteReference")]
    assert refs == list(range(1, len(sample_brief().notes) + 1))
    for ref in body(parts).iter(f"{W}footnoteReference"):
        style = ref.getparent().find("w:rPr/w:rStyle", NS).get(f"{W}val")
        assert style == "FootnoteReference"


def test_special_footnotes_agree_with_settings(parts):
    specials = {int(nid) for nid, n in notes_of(parts).items() if n.get(f"{W}type")}
    declared = {int(e.get(f"{W}id")) for e in
                xml(parts, "word/settings.xml").findall("w:footnotePr/w:footnote", NS)}
    assert specials == declared == {-1, 0}
    types = {n.get(f"{W}type") for n in notes_of(parts).values()} - {None}
    assert types == {"separator", "continuationSeparator"}


def test_endnotes_variant(tmp_path):
    brief = sample_brief(note_placement="endnotes")
    parts = unzip(write(brief))
    endnotes = {nid: n for nid, n in notes_of(parts, "endnote").items()
                if n.get(f"{W}type") is None}
    assert [texts(endnotes[n.number]).strip() for n in brief.notes] == \
        [n.text for n in brief.notes]
    par = endnotes[1].find(f"{W}p")
    assert par.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "EndnoteText"
    assert par.find(f"{W}r/{W}endnoteRef") is not None
    refs = [int(r.get(f"{W}id")) for r in body(parts).iter(f"{W}endnoteReference")]
    assert refs == list(range(1, len(brief.notes) + 1))
    assert not list(body(parts).iter(f"{W}footnoteReference"))
    # endnotes numbered 1, 2, 3 (Word's default for endnotes is i, ii, iii)
    fmt = xml(parts, "word/settings.xml").find("w:endnotePr/w:numFmt", NS)
    assert fmt.get(f"{W}val") == "decimal"


def test_notes_out_of_reading_order_keep_their_numbers():
    brief = m.Brief(meta=m.Meta(title="T"), blocks=(
        m.Paragraph((m.Text("b"), m.NoteRef(2))), m.Paragraph((m.Text("a"), m.NoteRef(1))),
    ), notes=tuple(sample_brief().notes[:2]))
    parts = unzip(write(brief))
    refs = list(body(parts).iter(f"{W}footnoteReference"))
    assert [r.get(f"{W}customMarkFollows") for r in refs] == ["1", "1"]
    assert texts(body(parts)).endswith("b2a1")


def test_markers_in_a_row_are_parted_by_a_comma_not_by_spacing():
    notes = tuple(dataclasses.replace(sample_brief().notes[0], number=n) for n in range(1, 13))
    refs = tuple(m.NoteRef(n) for n in range(1, 13))
    brief = m.Brief(meta=m.Meta(title="T"), blocks=(m.Paragraph((m.Text("x"), *refs)),),
                    notes=notes)
    par = next(p for p in body(unzip(write(brief))).iter(f"{W}p") if texts(p).startswith("x"))
    tokens = ["ref" if r.find(f"{W}footnoteReference") is not None else texts(r)
              for r in par.iter(f"{W}r")]
    assert "".join(tokens) == "x" + ",".join(["ref"] * 12)
    # Letter spacing would also spread the digits of "10", "11", "12".
    assert not par.findall(f".//{W}rPr/{W}spacing")
    assert len(par.findall(f".//{W}footnoteReference")) == 12


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_reference_docx_from_pandoc(tmp_path):
    ref = tmp_path / "pandoc-reference.docx"
    subprocess.run(["pandoc", "-o", str(ref), "--print-default-data-file", "reference.docx"],
                   check=True)
    parts = unzip(write(with_meta(sample_brief(), reference_docx=ref.read_bytes())))
    specials = {nid for nid, n in notes_of(parts).items() if n.get(f"{W}type")}
    declared = {int(e.get(f"{W}id")) for e in
                xml(parts, "word/settings.xml").findall("w:footnotePr/w:footnote", NS)}
    assert specials == declared
    assert len([n for n in notes_of(parts).values() if n.get(f"{W}type") is None]) == 70


def _reusing_brief(placement: str = "footnotes") -> m.Brief:
    """Notes 1-3 introduced, then 1 cited again, then 1-3 as a range."""
    notes = tuple(dataclasses.replace(sample_brief().notes[0], number=n, quote=f"words {n}")
                  for n in range(1, 4))
    R = m.NoteRef
    blocks = (m.Paragraph((m.Text("Alpha."), R(1))),
              m.Paragraph((m.Text("Beta."), R(2), R(3))),
              m.Paragraph((m.Text("Gamma again."), R(1))),
              m.Paragraph((m.Text("Delta."), m.NoteRange(1, 3))))
    return m.Brief(meta=m.Meta(title="T", note_placement=placement), blocks=blocks,
                   notes=notes)


def _paragraph(parts, start: str):
    return next(p for p in body(parts).iter(f"{W}p") if texts(p).startswith(start))


@pytest.mark.parametrize("kind", ["footnote", "endnote"])
def test_a_note_cited_again_is_a_noteref_field_to_a_bookmark_around_its_reference(kind):
    parts = unzip(write(_reusing_brief(kind + "s")))
    alpha = _paragraph(parts, "Alpha.")
    start = alpha.find(f"{W}bookmarkStart")
    assert start is not None and start.get(f"{W}name") == "_RefNote1"
    # The bookmark holds exactly the reference run of note 1.
    run = start.getnext()
    assert run.find(f"{W}{kind}Reference").get(f"{W}id") == "1"
    assert run.getnext().tag == f"{W}bookmarkEnd"
    assert run.getnext().get(f"{W}id") == start.get(f"{W}id")
    again = _paragraph(parts, "Gamma again.")
    assert not list(again.iter(f"{W}{kind}Reference"))
    (instr,) = again.iter(f"{W}instrText")
    assert instr.text.split() == ["NOTEREF", "_RefNote1", "\\f", "\\h"]
    style = f"{kind.capitalize()}Reference"
    for r in again.iter(f"{W}r"):
        if r.find(f"{W}instrText") is not None or r.find(f"{W}fldChar") is not None \
                or r.find(f"{W}t") is not None and texts(r) == "1":
            assert r.find("w:rPr/w:rStyle", NS).get(f"{W}val") == style
    assert texts(again) == "Gamma again.1"  # the cached result: the note's number
    # Word still sees one reference per note, in order.
    refs = [int(r.get(f"{W}id")) for r in body(parts).iter(f"{W}{kind}Reference")]
    assert refs == [1, 2, 3]
    assert not list(body(parts).iter(f"{W}{kind}Reference[@{W}customMarkFollows]"))


def test_a_range_is_its_ends_and_an_en_dash_in_the_note_reference_style():
    parts = unzip(write(_reusing_brief()))
    delta = _paragraph(parts, "Delta.")
    assert texts(delta) == "Delta.1\u20133"
    assert [i.text.split()[1] for i in delta.iter(f"{W}instrText")] == ["_RefNote1", "_RefNote3"]
    dash = next(r for r in delta.iter(f"{W}r") if texts(r) == "\u2013")
    assert dash.find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"


def test_only_notes_cited_again_get_a_bookmark():
    parts = unzip(write(_reusing_brief()))
    names = [b.get(f"{W}name") for b in body(parts).iter(f"{W}bookmarkStart")
             if b.get(f"{W}name").startswith("_RefNote")]
    assert names == ["_RefNote1", "_RefNote3"]  # 2 is cited once (a range's dash hides it)
    ids = [b.get(f"{W}id") for b in body(parts).iter(f"{W}bookmarkStart")]
    assert len(ids) == len(set(ids))


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_shows_a_reused_note_by_its_number(tmp_path):
    doc = tmp_path / "reuse.docx"
    doc.write_bytes(write(_reusing_brief()))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(doc)], capture_output=True, check=True, timeout=120)
    from tests.readers import pdf_pages, squash

    text = squash("".join(pdf_pages(tmp_path / "reuse.pdf")))
    assert "Alpha.1" in text and "Beta.2,3" in text
    assert "Gammaagain.1" in text and "Delta.1\u20133" in text  # the reused numbers
    for n in (1, 2, 3):  # each note once, at the foot of the page
        assert text.count(squash(f"words {n}")) == 1


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_pandoc_reads_every_note_and_the_reused_numbers(tmp_path):
    doc = tmp_path / "reuse.docx"
    doc.write_bytes(write(_reusing_brief()))
    md = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", str(doc)],
                        capture_output=True, text=True, check=True).stdout
    for n in (1, 2, 3):
        assert md.count(f"words {n}") == 1
    assert "Gamma again.^1^" in md
