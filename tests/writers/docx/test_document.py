"""The DOCX writer, read back with python-docx, raw zip + lxml, pandoc and LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from lxml import etree
from sample_brief import HOSTILE, sample_brief

from briefing import model as m
from briefing.writers import writer
from briefing.writers.docx.document import write

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS = {"w": W_NS}
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def data() -> bytes:
    return write(sample_brief())


@pytest.fixture(scope="module")
def parts(data) -> dict[str, bytes]:
    return unzip(data)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml(parts: dict[str, bytes], name: str):
    return etree.fromstring(parts[name])


def texts(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def notes_of(parts, kind="footnote") -> dict[int, object]:
    root = xml(parts, f"word/{kind}s.xml")
    return {int(n.get(f"{W}id")): n for n in root.iter(f"{W}{kind}")}


def style_ids_by_name(parts) -> dict[str, object]:
    root = xml(parts, "word/styles.xml")
    return {s.find(f"{W}name").get(f"{W}val").lower(): s for s in root.iter(f"{W}style")}


def body(parts):
    return xml(parts, "word/document.xml").find(f"{W}body")


def with_meta(brief: m.Brief, **changes) -> m.Brief:
    return dataclasses.replace(brief, meta=dataclasses.replace(brief.meta, **changes))


# ---------------------------------------------------------------- notes


def test_registered_as_the_docx_format():
    assert writer("docx") is write


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
    brief = sample_brief(note_style="endnotes")
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


def test_odd_briefs_still_make_valid_structure():
    brief = m.Brief(meta=m.Meta(title="Odd", language=""), blocks=(
        m.PageBreak(),
        m.Table(header=(), rows=(((m.Text("a"),), (m.Text("b"),)), ((m.Text("one"),),)),
                widths=(0, 1)),
        m.Table(header=(), rows=(), caption=(m.Text("empty"),)),
        m.Callout((), (m.Table(header=((m.Text("h"),),), rows=()),
                       m.Callout((m.Text("inner"),), (m.Paragraph((
                           m.Text("p"), m.Link((m.Text("bad"),), "\x00"),
                           m.Link((m.Link((m.Text("nest"),), "https://x.org/a b"),),
                                  "https://y.org/ü"))),)))),
        m.Heading(7, (m.Text("deep"),), "same"), m.Heading(0, (m.Text("top"),), "same"),
        m.TableOfContents(),
    ))
    parts = unzip(write(brief))
    root = body(parts)
    for table in root.iter(f"{W}tbl"):
        assert table.findall("w:tr", NS)
        assert table.getnext() is not None  # never two tables in a row, nor a table last
        assert table.getnext().tag == f"{W}p"
    for cell in root.iter(f"{W}tc"):
        assert cell[-1].tag == f"{W}p"
    names = [b.get(f"{W}name") for b in root.iter(f"{W}bookmarkStart")]
    assert len(names) == len(set(names)) == 2
    targets = [r.get("Target") for r in xml(parts, "word/_rels/document.xml.rels")
               if r.get("TargetMode") == "External"]
    assert targets == ["https://y.org/%C3%BC"]
    assert "pbadnest" in texts(root)


# ---------------------------------------------------------------- text and styles


def test_body_text_holds_hostile_text_exactly(data):
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    assert any(HOSTILE in text for text in paragraphs)
    assert "Lương Tam Quang" in "\n".join(paragraphs)
    assert any("Plain, emphasised, strong, code <x>, a link and a break\nafter it." == text
               for text in paragraphs)


def test_control_characters_are_dropped_not_fatal():
    brief = m.Brief(meta=m.Meta(title="T\x07itle", classification="OFF\x00ICIAL"), blocks=(
        m.Paragraph((m.Text("bell\x07 nul\x00 vt\x0b esc\x1b ok\ufffe"),)),
    ))
    parts = unzip(write(brief))
    assert "bell nul vt esc ok" in texts(body(parts))
    assert "OFFICIAL" in texts(xml(parts, "word/header1.xml"))


def test_inline_formatting(parts):
    runs = {texts(r): r for r in body(parts).iter(f"{W}r") if texts(r)}
    assert runs["emphasised"].find("w:rPr/w:i", NS) is not None
    assert runs["strong"].find("w:rPr/w:b", NS) is not None
    assert runs["code <x>"].find("w:rPr/w:rStyle", NS).get(f"{W}val") == "Code"
    link = runs["link"].getparent()
    assert link.tag == f"{W}hyperlink"
    assert runs["link"].find("w:rPr/w:rStyle", NS).get(f"{W}val") == "Hyperlink"
    rels = {r.get("Id"): r for r in xml(parts, "word/_rels/document.xml.rels")}
    rel = rels[link.get(f"{R}id")]
    assert rel.get("Target") == "https://asean.org/?a=1&b=2"
    assert rel.get("TargetMode") == "External"
    br = [r for r in body(parts).iter(f"{W}br") if r.get(f"{W}type") is None]
    assert br


STYLE_NAMES = {
    "paragraph": ["Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3",
                  "Body Text", "Key Point", "List Bullet", "List Number", "Footnote Text",
                  "Endnote Text", "Caption", "Sources Differ", "Cover Classification",
                  "TOC Heading", "TOC 1", "TOC 2", "Header", "Footer"],
    "character": ["Footnote Reference", "Endnote Reference", "Hyperlink", "Code"],
    "table": ["Brief Table", "Sources Differ Box"],
}


def test_styles_exist_by_name(parts):
    styles = style_ids_by_name(parts)
    for kind, names in STYLE_NAMES.items():
        for name in names:
            assert name.lower() in styles, name
            assert styles[name.lower()].get(f"{W}type") == kind, name
    sup = styles["footnote reference"].find("w:rPr/w:vertAlign", NS)
    assert sup.get(f"{W}val") == "superscript"
    fonts = styles["normal"].find("w:rPr/w:rFonts", NS)
    for key in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(f"{W}{key}") == "Noto Sans"
    size = int(styles["normal"].find("w:rPr/w:sz", NS).get(f"{W}val"))
    assert 21 <= size <= 22  # 10.5-11 pt
    header_shading = styles["brief table"].find("w:tblStylePr[@w:type='firstRow']/w:tcPr/w:shd",
                                                NS)
    assert header_shading is not None
    # python-docx resolves the same styles by their UI names
    document = docx.Document(io.BytesIO(write(sample_brief())))
    for name in ("Heading 1", "Caption", "Title", "Key Point", "Brief Table", "Hyperlink"):
        assert document.styles[name] is not None


def test_blocks_use_their_styles(parts):
    used = [p.find("w:pPr/w:pStyle", NS).get(f"{W}val") for p in body(parts).iter(f"{W}p")
            if p.find("w:pPr/w:pStyle", NS) is not None]
    for style in ("CoverClassification", "Title", "Subtitle", "Heading1", "Heading2",
                  "Heading3", "BodyText", "KeyPoint", "ListBullet", "ListNumber", "Caption",
                  "SourcesDifferTitle", "TOCHeading", "TOC1",
                  "TOC2", "TableHeading", "TableText"):
        assert style in used, style
    callout = [t for t in body(parts).iter(f"{W}tbl")
               if t.find("w:tblPr/w:tblStyle", NS).get(f"{W}val") == "SourcesDifferBox"]
    assert len(callout) == 1
    assert "Sources differ: length of the 25th SOMTC" in texts(callout[0])


def test_lists_use_real_numbering(parts):
    numbering = xml(parts, "word/numbering.xml")
    abstract = {a.get(f"{W}abstractNumId"): a for a in numbering.findall("w:abstractNum", NS)}
    nums = {n.get(f"{W}numId"): n for n in numbering.findall("w:num", NS)}
    styles = style_ids_by_name(parts)

    def fmt_of(num_id):
        ab = abstract[nums[num_id].find("w:abstractNumId", NS).get(f"{W}val")]
        return ab.find("w:lvl[@w:ilvl='0']/w:numFmt", NS).get(f"{W}val")

    for name, expected in (("list bullet", "bullet"), ("key point", "bullet"),
                           ("list number", "decimal")):
        num_id = styles[name].find("w:pPr/w:numPr/w:numId", NS).get(f"{W}val")
        assert fmt_of(num_id) == expected
    numbered = [p for p in body(parts).iter(f"{W}p")
                if p.find("w:pPr/w:pStyle", NS) is not None
                and p.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "ListNumber"]
    num_id = numbered[0].find("w:pPr/w:numPr/w:numId", NS).get(f"{W}val")
    assert fmt_of(num_id) == "decimal"
    override = nums[num_id].find("w:lvlOverride/w:startOverride", NS)
    assert override.get(f"{W}val") == "1"  # every numbered list restarts at 1


# ---------------------------------------------------------------- page furniture


def test_cover_page_comes_first(parts):
    paragraphs = list(body(parts).iter(f"{W}p"))
    first = [texts(p) for p in paragraphs[:6]]
    meta = sample_brief().meta
    assert first == [meta.classification, meta.title, meta.subtitle, meta.audience,
                     meta.organisation, f"As of {meta.as_of}"]
    assert paragraphs[6].find("w:pPr/w:pageBreakBefore", NS) is not None


def test_compact_cover_has_no_page_break():
    parts = unzip(write(with_meta(sample_brief(), cover="compact")))
    paragraphs = list(body(parts).iter(f"{W}p"))
    meta = sample_brief().meta
    assert [texts(p) for p in paragraphs[:4]] == [
        meta.classification, meta.title, meta.subtitle,
        f"{meta.audience} · {meta.organisation} · As of {meta.as_of}"]
    assert texts(paragraphs[4]) == "Key points"
    assert not [p for p in paragraphs[:5] if p.find("w:pPr/w:pageBreakBefore", NS) is not None]


def test_header_and_footer(parts):
    sect = body(parts).find(f"{W}sectPr")
    rels = {r.get("Id"): r.get("Target") for r in xml(parts, "word/_rels/document.xml.rels")}
    header = rels[sect.find("w:headerReference", NS).get(f"{R}id")]
    footer = rels[sect.find("w:footerReference", NS).get(f"{R}id")]
    assert sect.find("w:headerReference", NS).get(f"{W}type") == "default"
    assert "OFFICIAL" in texts(xml(parts, f"word/{header}"))
    footer_xml = xml(parts, f"word/{footer}")
    instr = [i.text.strip() for i in footer_xml.iter(f"{W}instrText")]
    assert instr == ["PAGE", "NUMPAGES"]
    assert "Page 1 of 1" in texts(footer_xml)
    assert sample_brief().meta.title in texts(footer_xml)


@pytest.mark.parametrize("size, expected", [("A4", (11906, 16838)), ("Letter", (12240, 15840))])
def test_page_size(size, expected):
    parts = unzip(write(sample_brief(page_size=size)))
    sect = body(parts).find(f"{W}sectPr")
    pg = sect.find("w:pgSz", NS)
    assert (int(pg.get(f"{W}w")), int(pg.get(f"{W}h"))) == expected
    margin = int(sect.find("w:pgMar", NS).get(f"{W}left"))
    assert 1150 <= margin <= 1350  # about 2.2 cm
    document = docx.Document(io.BytesIO(write(sample_brief(page_size=size))))
    assert document.sections[0].page_width == expected[0] * 635


def test_table_header_repeats_and_rows_do_not_split(parts):
    tables = [t for t in body(parts).iter(f"{W}tbl")
              if t.find("w:tblPr/w:tblStyle", NS).get(f"{W}val") == "BriefTable"]
    assert len(tables) == 1
    rows = tables[0].findall("w:tr", NS)
    assert len(rows) == 61
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    assert [texts(c) for c in rows[0].findall("w:tc", NS)] == \
        ["Date", "Meeting", "What the sources say"]
    widths = [int(g.get(f"{W}w")) for g in tables[0].findall("w:tblGrid/w:gridCol", NS)]
    assert abs(widths[1] - 2 * widths[0]) <= 2 and abs(widths[2] - 4 * widths[0]) <= 4
    assert sum(widths) == 11906 - 2 * 1247  # the text width
    caption = tables[0].getprevious()
    assert caption.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "Caption"
    assert texts(caption) == "Meetings in 2025, by date"


def test_toc_field_is_prefilled(parts):
    paragraphs = list(body(parts).iter(f"{W}p"))
    instr = [i.text for i in body(parts).iter(f"{W}instrText")]
    assert ' TOC \\o "1-2" \\h \\z \\u ' in instr
    heading = [p for p in paragraphs if texts(p) == "Contents"]
    assert heading[0].find("w:pPr/w:pStyle", NS).get(f"{W}val") == "TOCHeading"
    entries = [p for p in paragraphs if p.find("w:pPr/w:pStyle", NS) is not None
               and p.find("w:pPr/w:pStyle", NS).get(f"{W}val") in ("TOC1", "TOC2")]
    expected = [(m.plain_text(h.children), h.level) for h in sample_brief().headings(2)]
    assert [(texts(p), 1 if p.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "TOC1" else 2)
            for p in entries] == expected
    chars = [c.get(f"{W}fldCharType") for p in entries for c in p.iter(f"{W}fldChar")]
    assert chars[0] == "begin" and chars[1] == "separate" and chars[-1] == "end"
    # each entry links to a bookmark around its heading
    bookmarks = {b.get(f"{W}name"): b.getparent() for b in body(parts).iter(f"{W}bookmarkStart")}
    for entry in entries:
        anchor = entry.find("w:hyperlink", NS).get(f"{W}anchor")
        assert anchor.startswith("_Toc_") and len(anchor) <= 40
        assert texts(bookmarks[anchor]) == texts(entry)
        assert bookmarks[anchor].find("w:pPr/w:pStyle", NS).get(f"{W}val").startswith("Heading")
    settings = xml(parts, "word/settings.xml")
    assert settings.find("w:updateFields", NS).get(f"{W}val") == "true"


def test_core_properties():
    document = docx.Document(io.BytesIO(write(sample_brief())))
    props, meta = document.core_properties, sample_brief().meta
    assert props.title == meta.title
    assert props.subject == meta.subject
    assert props.author == meta.author == props.last_modified_by
    assert props.keywords == "ASEAN, SOMTC, transnational crime"
    assert props.language == "en-GB"
    assert props.revision == 1
    for when in (props.created, props.modified, props.last_printed):
        assert when.isoformat().startswith("2026-11-23T00:00:00")
    assert props.comments == ""


def test_no_build_date_gives_no_dates():
    parts = unzip(write(with_meta(sample_brief(), build_date="")))
    core = parts["docProps/core.xml"].decode()
    assert "created" not in core and "modified" not in core and "2013" not in core


# ---------------------------------------------------------------- reproducibility


def test_same_brief_same_bytes(data):
    again = write(sample_brief())
    assert again == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert not any("thumbnail" in i.filename for i in infos)


def test_reference_docx_keeps_its_styles(tmp_path):
    ref = docx.Document()
    custom = ref.styles.add_style("Ministry Custom", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    custom.font.name = "Georgia"
    ref.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(0xAB, 0xCD, 0xEF)
    ref.add_paragraph("old body text that must go")
    path = tmp_path / "reference.docx"
    ref.save(path)

    data = write(with_meta(sample_brief(), reference_docx=str(path)))
    parts = unzip(data)
    styles = style_ids_by_name(parts)
    assert "ministry custom" in styles
    color = styles["heading 1"].find("w:rPr/w:color", NS).get(f"{W}val")
    assert color.upper() == "ABCDEF"  # the reference's Heading 1, not the writer's
    assert "key point" in styles and "brief table" in styles  # missing ones are added
    assert "old body text" not in texts(body(parts))
    assert HOSTILE in texts(body(parts))
    refs = [int(r.get(f"{W}id")) for r in body(parts).iter(f"{W}footnoteReference")]
    assert refs == list(range(1, 71))
    assert data == write(with_meta(sample_brief(), reference_docx=str(path)))


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_reference_docx_from_pandoc(tmp_path):
    ref = tmp_path / "pandoc-reference.docx"
    subprocess.run(["pandoc", "-o", str(ref), "--print-default-data-file", "reference.docx"],
                   check=True)
    parts = unzip(write(with_meta(sample_brief(), reference_docx=str(ref))))
    specials = {nid for nid, n in notes_of(parts).items() if n.get(f"{W}type")}
    declared = {int(e.get(f"{W}id")) for e in
                xml(parts, "word/settings.xml").findall("w:footnotePr/w:footnote", NS)}
    assert specials == declared
    assert len([n for n in notes_of(parts).values() if n.get(f"{W}type") is None]) == 70


# ---------------------------------------------------------------- other readers


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_pandoc_reads_footnotes(tmp_path, data):
    path = tmp_path / "brief.docx"
    path.write_bytes(data)
    md = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", "--wrap=none", str(path)],
                        capture_output=True, text=True, check=True).stdout
    assert "[^1]" in md and "[^70]:" in md
    assert md.count("[^") == 2 * 70
    assert "Lương Tam Quang" in md
    plain = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
                           capture_output=True, text=True, check=True).stdout
    assert HOSTILE in plain
    for note in sample_brief().notes[:3]:
        assert re.sub(r"\s+", " ", note.text) in re.sub(r"\s+", " ", plain)


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_converts_to_pdf(tmp_path, data):
    path = tmp_path / "brief.docx"
    path.write_bytes(data)
    proc = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                           str(tmp_path), str(path)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "brief.pdf"
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Lương Tam Quang" in text
        assert "Page 2 of" in text
        assert text.count("What the sources say") >= 2  # the header row repeats


def test_overlong_title_is_cut_in_core_properties_only(tmp_path):
    """python-docx refuses core properties over 255 characters; the cover keeps it all."""
    from dataclasses import replace

    from docx import Document

    title = "A very long title " * 30
    brief = sample_brief()
    brief = replace(brief, meta=replace(brief.meta, title=title, subject=title))
    path = tmp_path / "long.docx"
    path.write_bytes(write(brief))
    doc = Document(str(path))
    assert len(doc.core_properties.title) <= 255
    assert doc.core_properties.title.endswith("…")
    assert title.startswith(doc.core_properties.title[:-1])
    assert any(" ".join(title.split()) in " ".join(p.text.split()) for p in doc.paragraphs)
