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


def test_the_cover_has_its_own_empty_header_and_footer(parts):
    sect = body(parts).find(f"{W}sectPr")
    assert sect.find(f"{W}titlePg") is not None
    rels = {r.get("Id"): r.get("Target") for r in xml(parts, "word/_rels/document.xml.rels")}
    first = {ref.tag.split("}")[1]: rels[ref.get(f"{R}id")]
             for ref in sect if ref.get(f"{W}type") == "first"}
    assert set(first) == {"headerReference", "footerReference"}
    for target in first.values():
        part = xml(parts, f"word/{target}")
        assert texts(part) == "" and not list(part.iter(f"{W}instrText"))  # no "Page 1 of N"
    # The cover shows the marking once, in its own paragraph.
    cover = [texts(p) for p in list(body(parts).iter(f"{W}p"))[:6]]
    assert cover.count(sample_brief().meta.classification) == 1


def test_the_marking_is_as_prominent_as_in_the_pdf(parts):
    styles = {s.get(f"{W}styleId"): s for s in xml(parts, "word/styles.xml")
              if s.tag == f"{W}style"}
    marking = styles["Marking"]
    assert marking.find("w:rPr/w:b", NS) is not None
    assert marking.find("w:rPr/w:color", NS).get(f"{W}val") == "8B1A1A"
    assert int(marking.find("w:rPr/w:sz", NS).get(f"{W}val")) >= 18
    cover = styles["CoverClassification"]
    assert int(cover.find("w:rPr/w:sz", NS).get(f"{W}val")) >= 28
    sect = body(parts).find(f"{W}sectPr")
    rels = {r.get("Id"): r.get("Target") for r in xml(parts, "word/_rels/document.xml.rels")}
    for kind in ("headerReference", "footerReference"):
        ref = next(r for r in sect.iter(f"{W}{kind}") if r.get(f"{W}type") == "default")
        runs = [r for r in xml(parts, f"word/{rels[ref.get(f'{R}id')]}").iter(f"{W}r")
                if texts(r) == sample_brief().meta.classification]
        assert runs and all(r.find("w:rPr/w:rStyle", NS).get(f"{W}val") == "Marking"
                            for r in runs)
