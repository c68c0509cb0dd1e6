"""The document's properties: the core properties (title, author, dates) and a small
extended-properties part (app.xml).
"""

from __future__ import annotations

from datetime import datetime, timezone

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn

from briefing import model as m
from briefing.writers.docx.docx_internals import core_properties_element
from briefing.writers.docx.ooxml import clean, esc


def _build_datetime(value: str) -> datetime | None:
    """Parse the ISO build date (UTC when it names no zone); None when absent or bad."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def _property(text: str, limit: int = 255) -> str:
    """Return `text` as a core property: python-docx refuses more than 255 characters, so
    a longer value is cut at a word boundary with "…" (the document itself keeps it all)."""
    text = " ".join(clean(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut[:limit - 1]).rstrip() + "…"


def set_core_properties(doc, meta: m.Meta) -> None:
    """Set the core properties from the brief; the dates are the build date, or absent
    (not the template's) when the brief has none."""
    props = doc.core_properties
    props.title = _property(meta.title)
    props.subject = _property(meta.subject)
    props.author = _property(meta.author)
    props.last_modified_by = _property(meta.author)
    props.keywords = _property(", ".join(meta.keywords))
    props.language = _property(meta.language)
    for name in ("comments", "category", "content_status", "identifier", "version"):
        setattr(props, name, "")
    props.revision = 1
    when = _build_datetime(meta.build_date)
    element = core_properties_element(doc)
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    if when is not None:
        props.created = when
        props.modified = when
        props.last_printed = when


def app_xml(company: str) -> bytes:
    """Return a small extended-properties part naming the generator and organisation."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><Application>briefing</Application>'
            f'<Company>{esc(company)}</Company><DocSecurity>0</DocSecurity>'
            '<LinksUpToDate>false</LinksUpToDate></Properties>').encode("utf-8")


def add_app_properties(package, meta: m.Meta) -> None:
    """Relate the extended-properties part (app.xml) to the package."""
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES,
               app_xml(meta.organisation), package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)
