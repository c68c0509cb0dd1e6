"""The DOCX writer's entry point: `write(brief)` runs the stages in order on a python-docx
document (the default template or a reference .docx) and returns reproducible bytes.

python-docx provides the package (parts, relationships, core properties); the body, the
notes, the numbering definitions and the styles are built as WordprocessingML by the
modules beside this one. The order of the stages fixes the part names and relationship
ids, so it is part of the output.
"""

from __future__ import annotations

import io

from docx import Document

from briefing import model as m
from briefing.writers.docx.body import Body
from briefing.writers.docx.notes import add_note_parts, note_kind
from briefing.writers.docx.numbering import Numbering
from briefing.writers.docx.package import drop_stale_parts, normalise_zip, replace_body
from briefing.writers.docx.page import add_header_footer, geometry
from briefing.writers.docx.properties import add_app_properties, set_core_properties
from briefing.writers.docx.settings import update_settings
from briefing.writers.docx.styles import setup_styles


def write(brief: m.Brief) -> bytes:
    """Return `brief` as a .docx file; the same brief always gives the same bytes."""
    meta = brief.meta
    reference = bool(meta.reference_docx)
    doc = Document(io.BytesIO(meta.reference_docx)) if reference else Document()
    part = doc.part

    page = geometry(doc, meta)
    drop_stale_parts(doc)
    numbering = Numbering(part)
    styles = setup_styles(doc, page.text_width, numbering, reference, meta.language,
                          meta.cover == "compact")
    numbering.bind(styles.elements)

    body = Body(brief, part, styles.ids, numbering, page)
    body_xml = body.build()
    add_note_parts(part, note_kind(meta), body.notes.notes_xml())

    rids = add_header_footer(part, meta, styles.ids, page)
    replace_body(part, body_xml + page.sect_pr(rids))

    update_settings(doc)
    set_core_properties(doc, meta)
    add_app_properties(part.package, meta)

    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())
