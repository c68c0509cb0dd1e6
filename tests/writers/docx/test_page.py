"""The page (`page.py`): size, margins, header and footer."""

from __future__ import annotations

import io

import docx
import pytest
from sample_brief import sample_brief

from briefing.writers.docx.document import write
from tests.writers.docx.docx_read import NS, R, W, body, texts, unzip, xml


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
