"""Reading a written .docx back for the tests: its parts, their XML and their text."""

from __future__ import annotations

import dataclasses
import io
import zipfile

from lxml import etree

from briefing import model as m

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS = {"w": W_NS}
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def unzip(data: bytes) -> dict[str, bytes]:
    """Return the members of zip `data` by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml(parts: dict[str, bytes], name: str):
    """Return part `name` parsed."""
    return etree.fromstring(parts[name])


def texts(element) -> str:
    """Return the text of the `w:t` elements under `element`."""
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def notes_of(parts, kind="footnote") -> dict[int, object]:
    """Return the notes of `kind` (special ones included) by id."""
    root = xml(parts, f"word/{kind}s.xml")
    return {int(n.get(f"{W}id")): n for n in root.iter(f"{W}{kind}")}


def style_ids_by_name(parts) -> dict[str, object]:
    """Return the `w:style` elements by lower-case name."""
    root = xml(parts, "word/styles.xml")
    return {s.find(f"{W}name").get(f"{W}val").lower(): s for s in root.iter(f"{W}style")}


def body(parts):
    """Return the `w:body` element of the document part."""
    return xml(parts, "word/document.xml").find(f"{W}body")


def with_meta(brief: m.Brief, **changes) -> m.Brief:
    """Return `brief` with its meta changed."""
    return dataclasses.replace(brief, meta=dataclasses.replace(brief.meta, **changes))
