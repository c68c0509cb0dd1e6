"""The .docx package: the template's stale parts dropped, the document part's body put
in place, and the saved zip rewritten deterministically.
"""

from __future__ import annotations

import io
import zipfile

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from lxml import etree

from briefing.writers.docx.docx_internals import replace_part_element
from briefing.writers.docx.ooxml import NSDECLS, R_NS, W_NS

# Relationships of the document part that describe the old body (a reference .docx's
# text, headers, notes, pictures) or a stale copy of the styles: dropped before writing.
_MS = "http://schemas.microsoft.com/office/"
_DROP_DOC_RELS = {RT.HEADER, RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES, RT.HYPERLINK, RT.IMAGE,
                  RT.COMMENTS, _MS + "2007/relationships/stylesWithEffects",
                  _MS + "2011/relationships/commentsExtended",
                  _MS + "2016/09/relationships/commentsIds",
                  _MS + "2018/08/relationships/commentsExtensible",
                  _MS + "2011/relationships/people"}


def drop_stale_parts(doc) -> None:
    """Empty the body and drop what only the old body or the template used."""
    body = doc.element.body
    for child in list(body):
        body.remove(child)
    rels = doc.part.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROP_DOC_RELS]:
        del rels[rid]
    pkg_rels = doc.part.package.rels
    for rid in [rid for rid, rel in pkg_rels.items()
                if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES)]:
        del pkg_rels[rid]


_BODY_MARK = "briefing-body"


def replace_body(part, body_xml: str) -> None:
    """Give the document part a new element: the old root (its namespace declarations,
    attributes and any `w:background`) around `body_xml`, parsed in one go.

    Moving a large parsed subtree into the existing tree would be far slower (lxml
    reconciles namespaces node by node), so the whole part is parsed from text and the
    part's element replaced.
    """
    root = part.element
    body = root.find(qn("w:body"))
    for child in list(body):
        body.remove(child)
    body.append(etree.Comment(_BODY_MARK))
    if root.nsmap.get("w") == W_NS and root.nsmap.get("r") == R_NS:
        text = etree.tostring(root, encoding="unicode")
        text = text.replace(f"<!--{_BODY_MARK}-->", body_xml, 1)
        replace_part_element(part, parse_xml(text.encode("utf-8")))
        return
    # A root with unusual prefixes: move the children across (slower, rare).
    body.remove(body[-1])
    for child in parse_xml(f"<w:body {NSDECLS}>{body_xml}</w:body>"):
        body.append(child)


ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Return the zip `data` rewritten deterministically: members in their written order
    with `[Content_Types].xml` first, every date 1980-01-01, fixed permissions, deflated."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    names.sort(key=lambda n: n != "[Content_Types].xml")  # stable: keeps the rest in order
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()
