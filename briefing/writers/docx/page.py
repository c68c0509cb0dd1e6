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

    def sect_pr(self, rids: dict[str, str]) -> str:
        """Return the section properties; `rids` holds the relationship ids of the
        "header" and "footer" parts, and of the cover's "first_header" and
        "first_footer" when the first page has its own (`w:titlePg`)."""
        first = ""
        if "first_header" in rids:
            first = (f'<w:headerReference w:type="first" r:id="{rids["first_header"]}"/>'
                     f'<w:footerReference w:type="first" r:id="{rids["first_footer"]}"/>')
        return (f'<w:sectPr><w:headerReference w:type="default" r:id="{rids["header"]}"/>'
                f'<w:footerReference w:type="default" r:id="{rids["footer"]}"/>{first}'
                '<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
                '<w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr>'
                f'<w:pgSz w:w="{self.width}" w:h="{self.height}"/>'
                f'<w:pgMar w:top="{self.top}" w:right="{self.right}" w:bottom="{self.bottom}" '
                f'w:left="{self.left}" w:header="{self.header}" w:footer="{self.footer}" '
                'w:gutter="0"/><w:cols w:space="708"/>'
                + ("<w:titlePg/>" if first else "") + '</w:sectPr>')


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
                      geometry: Geometry) -> dict[str, str]:
    """Create the header (the classification marking) and footer (title, "Page N of M",
    the marking) and, for a brief with a cover page, the cover's own empty ones (the
    cover shows the marking once, in its own paragraph, and no page number); return
    their relationship ids by role (see `Geometry.sect_pr`)."""
    marking = (f'<w:rPr><w:rStyle w:val="{attr(ids["Marking"])}"/></w:rPr>'
               if meta.classification else "")
    hdr = (f'<w:hdr {NSDECLS}><w:p><w:pPr><w:pStyle w:val="{attr(ids["Header"])}"/>'
           f'<w:jc w:val="center"/></w:pPr>{text_runs(meta.classification, marking)}</w:p>'
           '</w:hdr>')
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{geometry.text_width}"/></w:tabs>'
    footer_style = f'<w:pStyle w:val="{attr(ids["Footer"])}"/>'
    ftr = (f'<w:ftr {NSDECLS}><w:p><w:pPr>{footer_style}{tabs}</w:pPr>'
           f'{text_runs(meta.title, "")}<w:r><w:tab/></w:r>{text_runs("Page ", "")}'
           f'{field("PAGE", "1")}{text_runs(" of ", "")}{field("NUMPAGES", "1")}</w:p>')
    if meta.classification:
        ftr += (f'<w:p><w:pPr>{footer_style}<w:jc w:val="center"/></w:pPr>'
                f'{text_runs(meta.classification, marking)}</w:p>')
    ftr += "</w:ftr>"
    rids = {"header": _part(part, HeaderPart, "/word/header%d.xml", CT.WML_HEADER, hdr,
                            RT.HEADER),
            "footer": _part(part, FooterPart, "/word/footer%d.xml", CT.WML_FOOTER, ftr,
                            RT.FOOTER)}
    if meta.cover != "compact":
        def empty(style: str) -> str:
            return f'<w:p><w:pPr><w:pStyle w:val="{attr(ids[style])}"/></w:pPr></w:p>'
        rids["first_header"] = _part(part, HeaderPart, "/word/header%d.xml", CT.WML_HEADER,
                                     f"<w:hdr {NSDECLS}>{empty('Header')}</w:hdr>", RT.HEADER)
        rids["first_footer"] = _part(part, FooterPart, "/word/footer%d.xml", CT.WML_FOOTER,
                                     f"<w:ftr {NSDECLS}>{empty('Footer')}</w:ftr>", RT.FOOTER)
    return rids


def _part(part, cls, template: str, content_type: str, xml: str, reltype: str) -> str:
    """Add a header or footer part holding `xml`; return its relationship id."""
    package = part.package
    made = cls(package.next_partname(template), content_type, parse_xml(xml), package)
    return part.relate_to(made, reltype)
