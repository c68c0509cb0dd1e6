"""Styles (`styles.py`): the writer's named styles, and a reference .docx's kept."""

from __future__ import annotations

import io

import docx
from sample_brief import HOSTILE, sample_brief

from briefing.writers.docx.document import write
from tests.writers.docx.docx_read import (
    NS,
    W,
    body,
    style_ids_by_name,
    texts,
    unzip,
    with_meta,
)


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


def test_reference_docx_keeps_its_styles(tmp_path):
    ref = docx.Document()
    custom = ref.styles.add_style("Ministry Custom", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    custom.font.name = "Georgia"
    ref.styles["Heading 1"].font.color.rgb = docx.shared.RGBColor(0xAB, 0xCD, 0xEF)
    ref.add_paragraph("old body text that must go")
    path = tmp_path / "reference.docx"
    ref.save(path)

    data = write(with_meta(sample_brief(), reference_docx=path.read_bytes()))
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
    assert data == write(with_meta(sample_brief(), reference_docx=path.read_bytes()))
