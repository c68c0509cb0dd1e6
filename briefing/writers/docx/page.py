"""The page: its size and margins (`Geometry`, the section properties) and the header
and footer parts.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.parts.hdrftr import FooterPart, HeaderPart

from briefing import model as m
from briefing.writers.docx.ooxml import NSDECLS, attr, field, text_runs


@dataclass(frozen=True)
class Geometry:
    """Page size and margins in twentieths of a point (twips)."""

    width: int
    height: int
    top: int = 1247  # 2.2 cm
    right: int = 1247
    bottom: int = 1247
    left: int = 1247
    header: int = 624  # 1.1 cm
    footer: int = 624

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right

    def sect_pr(self, header_rid: str, footer_rid: str) -> str:
        return (f'<w:sectPr><w:headerReference w:type="default" r:id="{header_rid}"/>'
                f'<w:footerReference w:type="default" r:id="{footer_rid}"/>'
                '<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
                '<w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr>'
                f'<w:pgSz w:w="{self.width}" w:h="{self.height}"/>'
                f'<w:pgMar w:top="{self.top}" w:right="{self.right}" w:bottom="{self.bottom}" '
                f'w:left="{self.left}" w:header="{self.header}" w:footer="{self.footer}" '
                'w:gutter="0"/><w:cols w:space="708"/></w:sectPr>')


PAGE_SIZES = {"A4": (11906, 16838), "LETTER": (12240, 15840)}


def geometry(doc, meta: m.Meta) -> Geometry:
    """Return the page geometry: size from the brief, margins from a reference .docx's
    section when it has them, else 2.2 cm."""
    width, height = PAGE_SIZES.get(meta.page_size.upper(), PAGE_SIZES["A4"])
    margins = {}
    sect = doc.element.body.find(qn("w:sectPr"))
    pg_mar = sect.find(qn("w:pgMar")) if (sect is not None and meta.reference_docx) else None
    if pg_mar is not None:
        for key in ("top", "right", "bottom", "left", "header", "footer"):
            value = pg_mar.get(qn(f"w:{key}"))
            try:
                margins[key] = abs(int(float(value)))
            except (TypeError, ValueError):
                pass
    if meta.cover == "compact" and not margins:
        # A compact brief is meant to fit one page: narrower margins (1.6 cm).
        margins = {"top": 907, "right": 907, "bottom": 907, "left": 907, "header": 454,
                   "footer": 454}
    return Geometry(width, height, **margins)


def add_header_footer(part, meta: m.Meta, ids: dict[str, str],
                      geometry: Geometry) -> tuple[str, str]:
    """Create the header (classification) and footer (title, "Page N of M",
    classification) and return their relationship ids."""
    package = part.package
    hdr = (f'<w:hdr {NSDECLS}><w:p><w:pPr><w:pStyle w:val="{attr(ids["Header"])}"/>'
           f'<w:jc w:val="center"/></w:pPr>{text_runs(meta.classification, "")}</w:p></w:hdr>')
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{geometry.text_width}"/></w:tabs>'
    footer_style = f'<w:pStyle w:val="{attr(ids["Footer"])}"/>'
    ftr = (f'<w:ftr {NSDECLS}><w:p><w:pPr>{footer_style}{tabs}</w:pPr>'
           f'{text_runs(meta.title, "")}<w:r><w:tab/></w:r>{text_runs("Page ", "")}'
           f'{field("PAGE", "1")}{text_runs(" of ", "")}{field("NUMPAGES", "1")}</w:p>')
    if meta.classification:
        ftr += (f'<w:p><w:pPr>{footer_style}<w:jc w:val="center"/></w:pPr>'
                f'{text_runs(meta.classification, "")}</w:p>')
    ftr += "</w:ftr>"
    header = HeaderPart(package.next_partname("/word/header%d.xml"), CT.WML_HEADER,
                        parse_xml(hdr), package)
    footer = FooterPart(package.next_partname("/word/footer%d.xml"), CT.WML_FOOTER,
                        parse_xml(ftr), package)
    return part.relate_to(header, RT.HEADER), part.relate_to(footer, RT.FOOTER)
