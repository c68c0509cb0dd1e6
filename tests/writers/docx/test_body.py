"""The document body (`body.py`): cover, blocks, inlines, tables, the contents field."""

from __future__ import annotations

import io

import docx
import docx.text.paragraph
from docx.oxml.ns import qn
from sample_brief import HOSTILE, sample_brief

from briefing import model as m
from briefing.writers.docx.document import write
from tests.writers.docx.docx_read import NS, R, W, body, texts, unzip, with_meta, xml


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


def test_body_text_holds_hostile_text_exactly(data):
    document = docx.Document(io.BytesIO(data))
    # Every paragraph, those of the key points box (a table cell) too.
    paragraphs = [docx.text.paragraph.Paragraph(p, document).text
                  for p in document.element.body.iter(qn("w:p"))]
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
    # The header shows the marking above the title block: the body does not repeat it.
    assert [texts(p) for p in paragraphs[:3]] == [
        meta.title, meta.subtitle,
        f"{meta.audience} · {meta.organisation} · As of {meta.as_of}"]
    assert texts(paragraphs[3]) == "Key points"
    assert not [p for p in paragraphs[:4] if p.find("w:pPr/w:pageBreakBefore", NS) is not None]
    assert meta.classification in texts(xml(parts, "word/header1.xml"))
    assert body(parts).find(f"{W}sectPr").find(f"{W}titlePg") is None


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


def _paragraphs(root):
    """Return the body's `w:p` elements, those in table cells too, in document order."""
    return list(root.iter(f"{W}p"))


def _ppr_has(par, tag: str, val: str | None = None) -> bool:
    found = par.find(f"w:pPr/w:{tag}", NS)
    return found is not None and (val is None or found.get(f"{W}val") == val)


def test_a_cross_reference_is_a_hyperlink_to_a_bookmark_where_its_fact_stands():
    from sample_brief import xref_brief

    root = body(unzip(write(xref_brief())))
    marks = {b.get(f"{W}name"): b for b in root.iter(f"{W}bookmarkStart")}
    fact_marks = [name for name in marks if name.startswith("_Fact_")]
    assert fact_marks == ["_Fact_fact_a", "_Fact_fact_b"]  # hidden: they start with "_"
    item = next(p for p in _paragraphs(root) if texts(p).startswith("Fact A stands here."))
    assert item.find("w:bookmarkStart", NS).get(f"{W}name") == "_Fact_fact_a"
    cell = next(p for p in _paragraphs(root) if texts(p).startswith("Fact B in a cell."))
    assert cell.find("w:bookmarkStart", NS).get(f"{W}name") == "_Fact_fact_b"
    links = [h for h in root.iter(f"{W}hyperlink") if h.get(f"{W}anchor", "").startswith("_Fact_")]
    assert [(h.get(f"{W}anchor"), texts(h)) for h in links] == [
        ("_Fact_fact_a", "See Meetings, above"), ("_Fact_fact_b", "See Meetings, above")]
    style = links[0].find("w:r/w:rPr/w:rStyle", NS).get(f"{W}val")
    assert style == "Hyperlink"


def test_key_points_are_a_box_that_does_not_split():
    root = body(unzip(write(sample_brief())))
    boxes = [t for t in root.iter(f"{W}tbl")
             if t.find("w:tblPr/w:tblStyle", NS).get(f"{W}val") == "KeyPointsBox"]
    assert len(boxes) == 1
    rows = boxes[0].findall("w:tr", NS)
    assert len(rows) == 1 and rows[0].find("w:trPr/w:cantSplit", NS) is not None
    styles = {p.find("w:pPr/w:pStyle", NS).get(f"{W}val") for p in boxes[0].iter(f"{W}p")}
    assert styles == {"KeyPoint"}
    assert HOSTILE in texts(boxes[0])


def test_key_point_style_is_regular_weight():
    from tests.writers.docx.docx_read import style_ids_by_name

    style = style_ids_by_name(unzip(write(sample_brief())))["key point"]
    assert style.find("w:rPr/w:b", NS) is None


def test_a_lists_last_item_keeps_with_the_one_before_and_the_sources_list_keeps_whole():
    items = tuple(m.ListItem((m.Text(f"Item {i}."),)) for i in range(5))
    brief = m.Brief(m.Meta(title="Lists"), (
        m.BulletList(items), m.Heading(1, (m.Text("Sources"),), "sources"),
        m.BulletList(tuple(m.ListItem((m.Text(f"Source {i}."),)) for i in range(4)),
                     "sources")))
    pars = {texts(p): p for p in _paragraphs(body(unzip(write(brief))))}
    assert [_ppr_has(pars[f"Item {i}."], "keepNext") for i in range(5)] == [
        False, False, False, True, False]
    assert [_ppr_has(pars[f"Source {i}."], "keepNext") for i in range(4)] == [
        True, True, True, False]
    heading = pars["Sources"].find("w:pPr/w:pStyle", NS).get(f"{W}val")
    assert heading == "Heading1"  # whose style keeps it with the first entry


def test_the_contents_starts_a_page_lists_its_depth_and_keeps_its_entries_together():
    blocks = [m.Paragraph((m.Text("Before."),)), m.TableOfContents("Contents", depth=1)]
    for i in range(6):
        blocks.append(m.Heading(1 + i % 2, (m.Text(f"Heading {i}"),), f"h{i}"))
    root = body(unzip(write(m.Brief(m.Meta(title="TOC", cover="compact"), tuple(blocks)))))
    pars = _paragraphs(root)
    title = next(p for p in pars if texts(p) == "Contents")
    assert _ppr_has(title, "pageBreakBefore")
    instr = "".join(t.text for t in root.iter(f"{W}instrText"))
    assert '\\o "1-1"' in instr
    entries = [p for p in pars if p.find("w:pPr/w:pStyle", NS) is not None and
               p.find("w:pPr/w:pStyle", NS).get(f"{W}val", "").startswith("TOC")
               and p is not title]
    assert [texts(p) for p in entries] == ["Heading 0", "Heading 2", "Heading 4"]
    assert [_ppr_has(p, "keepNext") for p in entries] == [True, True, False]


def test_headings_keep_with_the_next_paragraph_whatever_the_style(parts):
    headings = [p for p in body(parts).iter(f"{W}p")
                if (p.find("w:pPr/w:pStyle", NS) is not None and
                    p.find("w:pPr/w:pStyle", NS).get(f"{W}val").startswith("Heading"))]
    assert headings
    for p in headings:
        keep = p.find("w:pPr/w:keepNext", NS)
        assert keep is not None and keep.get(f"{W}val") in (None, "1", "true"), texts(p)
