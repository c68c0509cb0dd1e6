"""The assumptions of `docx_internals` about the installed python-docx, one test each, so
that a release which changes an internal fails a test that names it; and the fallbacks,
taken by stand-ins that offer only python-docx's public names."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from lxml import etree

from briefing.writers.docx.docx_internals import (
    core_part_element,
    core_properties_element,
    replace_part_element,
)


def saved(doc) -> dict[str, bytes]:
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as z:
        return {name: z.read(name) for name in z.namelist()}


def new_root(part, text: str):
    """Return a copy of `part`'s root whose body holds one paragraph reading `text`, parsed
    from text as the writer does."""
    xml = etree.tostring(part.element, encoding="unicode")
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("</w:body>")
    return parse_xml(f"{xml[:start]}<w:p><w:r><w:t>{text}</w:t></w:r></w:p>{xml[end:]}"
                     .encode("utf-8"))


class PublicPart:
    """A part offering only the public `element`, as a release without `_element` would."""

    def __init__(self, part) -> None:
        self.inner = part

    @property
    def element(self):
        return self.inner.element


class PublicCoreProperties:
    """A document whose core properties no longer expose `_element`."""

    def __init__(self, doc) -> None:
        self.part = doc.part
        self.core_properties = SimpleNamespace()


# ---------------------------------------------------------------- replace_part_element


def test_xml_part_keeps_its_root_in_private_element():
    """`replace_part_element` assumes XmlPart's root is `_element`, returned by `element`."""
    part = docx.Document().part
    assert part._element is part.element


def test_xml_part_element_still_has_no_setter():
    """The reason for the item: if this fails, python-docx sets a part's root itself and
    `replace_part_element` can use that."""
    part = docx.Document().part
    with pytest.raises(AttributeError):
        part.element = part.element


def test_setting_private_element_changes_what_is_saved():
    """`replace_part_element` assumes the part is saved from `_element` (its `blob`)."""
    doc = docx.Document()
    element = new_root(doc.part, "replaced")
    replace_part_element(doc.part, element)
    assert doc.part.element is element  # the direct route, not the fallback
    assert b"<w:t>replaced</w:t>" in doc.part.blob
    assert b"<w:t>replaced</w:t>" in saved(doc)["word/document.xml"]


def test_replace_part_element_fallback_saves_the_same_part():
    direct, fallback = docx.Document(), docx.Document()
    replace_part_element(direct.part, new_root(direct.part, "replaced"))
    root = fallback.part.element
    replace_part_element(PublicPart(fallback.part), new_root(fallback.part, "replaced"))
    assert fallback.part.element is root  # moved into the old root
    assert saved(fallback)["word/document.xml"] == saved(direct)["word/document.xml"]


# ---------------------------------------------------------------- core_properties_element

CREATED = qn("dcterms:created")


def test_core_properties_wrap_the_core_part_element_as_private_element():
    """`core_properties_element` assumes `CoreProperties._element` is the root of the
    core-properties part (so both of its routes give the same element)."""
    doc = docx.Document()
    element = doc.core_properties._element
    assert element.tag == qn("cp:coreProperties")
    assert element is doc.part.package.part_related_by(RT.CORE_PROPERTIES).element


def test_core_properties_setters_still_cannot_remove_a_date():
    """The reason for the item: if this fails, python-docx removes dates itself and
    `core_properties_element` can go."""
    props = docx.Document().core_properties
    assert props.created is not None  # the default template's 2013 date
    with pytest.raises((TypeError, ValueError)):
        props.created = None


def test_removing_a_date_from_core_properties_element_removes_it_from_the_file():
    doc = docx.Document()
    element = core_properties_element(doc)
    for old in element.findall(CREATED):
        element.remove(old)
    assert doc.core_properties.created is None
    assert b"dcterms:created" not in saved(doc)["docProps/core.xml"]


def test_core_properties_element_fallback_is_the_core_part_element():
    doc = docx.Document()
    assert core_properties_element(PublicCoreProperties(doc)) is \
        doc.core_properties._element


def test_core_part_element_creates_the_part_when_the_template_has_none():
    doc = docx.Document()
    rels = doc.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.CORE_PROPERTIES]:
        del rels[rid]
    element = core_part_element(doc)
    assert element.tag == qn("cp:coreProperties")
    doc.core_properties.title = "T"
    assert element.find(qn("dc:title")).text == "T"
