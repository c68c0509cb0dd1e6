"""Core properties (`properties.py`): from the brief, with the build date or none."""

from __future__ import annotations

import io

import docx
from sample_brief import sample_brief

from briefing.writers.docx.document import write
from tests.writers.docx.docx_read import unzip, with_meta


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
