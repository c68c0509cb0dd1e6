"""Independent readers for the built files: what another program sees in them."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squash(text: str) -> str:
    """Return `text` without any white space, for comparisons across line wraps."""
    return re.sub(r"\s+", "", text)


def docx_parts(path: Path) -> dict[str, bytes]:
    """Return the zip members of a .docx."""
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def docx_notes(path: Path, kind: str = "footnote") -> dict[int, str]:
    """Return {id: text} of the real (non-separator) footnotes or endnotes."""
    parts = docx_parts(path)
    xml = parts.get(f"word/{kind}s.xml")
    if xml is None:
        return {}
    root = etree.fromstring(xml)
    notes = {}
    for note in root.iter(f"{W}{kind}"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        notes[int(note.get(f"{W}id"))] = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
    return notes


def docx_body_paragraphs(path: Path, kind: str = "footnote") -> list[tuple[str, list[int]]]:
    """Return (text, note ids referenced) for each body paragraph, in document order.

    The text leaves out what is set in the note reference style (the comma between two
    markers), as a reader takes the markers for what they are.
    """
    root = etree.fromstring(docx_parts(path)["word/document.xml"])
    body = root.find(f"{W}body")
    ref_style = f"{kind.capitalize()}Reference"
    out = []
    for par in body.iter(f"{W}p"):
        text = "".join(t.text or "" for t in par.iter(f"{W}t")
                       if _run_style(t.getparent()) != ref_style)
        refs = [int(r.get(f"{W}id")) for r in par.iter(f"{W}{kind}Reference")]
        out.append((text, refs))
    return out


def _run_style(run) -> str | None:
    style = run.find(f"{W}rPr/{W}rStyle")
    return None if style is None else style.get(f"{W}val")


def pdf_outline_titles(reader) -> list[str]:
    """Return the titles of a pypdf reader's bookmarks, depth first."""
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def pdf_pages(path: Path) -> list[str]:
    """Return the text of each page (pdftotext when installed, else pypdf)."""
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
        pages = text.split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


_NOTEREF = re.compile(r"^\s*NOTEREF\s+(\S+)")


def docx_markers(path: Path, kind: str = "footnote") -> list[tuple[str, list]]:
    """Return (text, markers) for each body paragraph, in document order, as a reader
    sees the note markers: a note's own reference as its id, a NOTEREF field as the id of
    the note whose reference its bookmark holds, a range's dash as "–" (what Word and
    LibreOffice show, independently of the writer's model).

    The text leaves out what is set in the note reference style, as `docx_body_paragraphs`.
    """
    root = etree.fromstring(docx_parts(path)["word/document.xml"])
    body = root.find(f"{W}body")
    ref_style = f"{kind.capitalize()}Reference"
    held: dict[str, int] = {}  # bookmark name -> the note whose reference it holds
    open_marks: dict[str, str] = {}  # bookmark id -> name, while open
    for el in body.iter(f"{W}bookmarkStart", f"{W}bookmarkEnd", f"{W}{kind}Reference"):
        if el.tag == f"{W}bookmarkStart":
            open_marks[el.get(f"{W}id")] = el.get(f"{W}name")
        elif el.tag == f"{W}bookmarkEnd":
            open_marks.pop(el.get(f"{W}id"), None)
        else:
            for name in open_marks.values():
                held.setdefault(name, int(el.get(f"{W}id")))
    out = []
    for par in body.iter(f"{W}p"):
        markers: list = []
        text = []
        in_result = False  # inside a field's cached result
        for el in par.iter(f"{W}{kind}Reference", f"{W}instrText", f"{W}fldChar", f"{W}t"):
            if el.tag == f"{W}{kind}Reference":
                markers.append(int(el.get(f"{W}id")))
            elif el.tag == f"{W}instrText":
                found = _NOTEREF.match(el.text or "")
                if found:
                    markers.append(held.get(found.group(1), f"?{found.group(1)}"))
            elif el.tag == f"{W}fldChar":
                in_result = el.get(f"{W}fldCharType") == "separate"
            elif not in_result:
                if _run_style(el.getparent()) == ref_style:
                    if el.text == "\u2013":
                        markers.append("\u2013")
                else:
                    text.append(el.text or "")
        out.append(("".join(text), markers))
    return out
