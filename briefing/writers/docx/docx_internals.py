"""The one door to python-docx's internals: every use of a private name of python-docx in
the package is here, each with the reason and a fallback for when a release changes it.

`tests/writers/docx/test_docx_internals.py` checks each assumption against the installed
python-docx, so a release that breaks one fails a test named after it.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn


def replace_part_element(part, element) -> None:
    """Make `element` the root XML element of XML part `part`: what `part.element`
    returns and what saving the document writes.

    Why: `XmlPart.element` has no setter, and the public alternative, moving the children
    of a freshly parsed tree into the part's tree, is far slower for a long brief (lxml
    reconciles namespaces node by node), so the writer parses the whole part from text
    and puts the new root in place of python-docx's `_element`.

    Fallback: when `part` no longer keeps its root in `_element` (the attribute is
    missing or is not what `part.element` returns), the new root's attributes and
    children are moved into the existing root through the public `element`: slower, and
    the existing root keeps its own namespace declarations, which is the same document
    when `element` was made from that root (as the writer's is).
    """
    old = part.element
    if getattr(part, "_element", None) is old:
        part._element = element
        if part.element is element:
            return
        part._element = old  # not where `element` reads from after all: undo
    _move_into(old, element)


def _move_into(root, element) -> None:
    """Give `root` the attributes and children of `element` (the public route)."""
    for key in list(root.attrib):
        if key not in element.attrib:
            del root.attrib[key]
    for key, value in element.attrib.items():
        root.set(key, value)
    root[:] = list(element)


def core_properties_element(doc):
    """Return the `cp:coreProperties` element behind `doc.core_properties`, so that the
    writer can remove a date from it.

    Why: `CoreProperties` sets a date but cannot remove one (its setters refuse None),
    and a brief built without a build date must carry no date at all (python-docx's
    default template has its own, from 2013).

    Fallback: the root element of the package's core-properties part, through the public
    `part_related_by` and `element`; `CoreProperties` wraps that same element in
    python-docx 1.2, and `doc.core_properties` (called first) creates the part when the
    template has none.
    """
    props = doc.core_properties
    element = getattr(props, "_element", None)
    if element is not None and element.tag == qn("cp:coreProperties"):
        return element
    return core_part_element(doc)


def core_part_element(doc):
    """Return the root element of the core-properties part of `doc`'s package (the
    public route of `core_properties_element`)."""
    doc.core_properties  # noqa: B018 - creates the part when the template has none
    return doc.part.package.part_related_by(RT.CORE_PROPERTIES).element
