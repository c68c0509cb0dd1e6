"""Page numbers in the Word contents, measured with LibreOffice: the converted PDF's
contents shows the pages its headings fall on."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import copy_project
from readers import docx_parts

from briefing.build import Options, build
from briefing.project import Project
from briefing.publish import pages
from briefing.publish.word_pages import NO_OFFICE, contents_headings

needs_office = pytest.mark.skipif(shutil.which("soffice") is None or
                                  shutil.which("pdftotext") is None,
                                  reason="LibreOffice or pdftotext is not installed")
MEASURE = Options(docx_toc_pages="measure")


def test_heading_pages_follow_the_outline_in_order():
    outline = [("Key points", 2), ("Meetings", 3), ("A box heading", 3), ("Notes", 4),
               ("Meetings", 9), ("Sources", 12)]
    headings = [("a", "Key points"), ("b", "Meetings"), ("c", "Not in the PDF"),
                ("d", "Meetings"), ("e", "Sources")]
    # Two headings of the same text take their own entries; one not found has no page.
    assert pages.heading_pages(outline, headings) == (("a", 2), ("b", 3), ("d", 9),
                                                       ("e", 12))
    assert pages.heading_pages([("Viet  Nam\u2019s\nplan", 5)],
                               [("x", "Viet Nam\u2019s plan")]) == ()  # titles come normalised
    assert pages.heading_pages([(pages._same("Viet  Nam\u2019s\nplan"), 5)],
                               [("x", "Viet Nam\u2019s plan")]) == (("x", 5),)


def test_measuring_repeats_until_the_pages_are_stable(monkeypatch):
    office = pages.LibreOffice("soffice", "LibreOffice 0", "")
    layouts = iter([[("A", 2)], [("A", 3)], [("A", 3)]])  # numbers move A to page 3
    written = []

    def render(numbers):
        written.append(numbers)
        return repr(numbers).encode()

    monkeypatch.setattr(pages, "convert", lambda office, docs: {n: b"" for n in docs})
    monkeypatch.setattr(pages, "outline_pages", lambda pdf: next(layouts))
    measured = pages.measure_contents(office, [pages.Job("b.docx", [("a", "A")], render)])
    assert written == [(), (("a", 2),), (("a", 3),)]
    assert measured.files["b.docx"] == repr((("a", 3),)).encode()
    assert measured.passes == {"b.docx": 3} and measured.unstable == []


def test_without_libreoffice_the_build_says_so_once(project, tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "find_libreoffice", lambda: None)
    out = tmp_path / "out"
    result = build(Project(project), [], ["docx"], out, options=MEASURE)
    assert result.warnings.count(NO_OFFICE) == 1
    assert sum(1 for o in result.outputs if o.status == "written") >= 2
    body = docx_parts(out / "full-brief.docx")["word/document.xml"].decode()
    assert "PAGEREF" not in body and " TOC " in body
    entry = json.loads((out / "manifest.json").read_text())["outputs"]["full-brief.docx"]
    assert entry["inputs"]["libreoffice"] == "not installed"


def _contents_numbers(pdf) -> dict[str, int]:
    """Return the contents entries of a PDF as text -> the page number printed."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    entries = {}
    for line in text.splitlines():
        found = re.fullmatch(r"\s*(\S.*?)\s*\.{2,}\s*(\d+)\s*", line)  # a long entry: few dots
        if found:
            entries.setdefault(" ".join(found.group(1).split()), int(found.group(2)))
    return entries


@pytest.mark.slow
@needs_office
def test_the_converted_contents_shows_the_pages_of_the_headings(tmp_path):
    from briefing.build import load_outlines
    from briefing.factbase.load import load_factbase

    root = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    result = build(Project(root), ["full-brief", "cybercrime"], ["docx"], out,
                   options=MEASURE)
    assert result.warnings == [] and set(result.passes.values()) <= {1, 2, 3}
    first = (out / "full-brief.docx").read_bytes()

    office = pages.find_libreoffice()
    pdf = pages.convert(office, {"full-brief.docx": first})["full-brief.docx"]
    (tmp_path / "full-brief.pdf").write_bytes(pdf)
    outline = pages.outline_pages(pdf)
    project = Project(root)
    base = load_factbase(project)
    [full] = load_outlines(project, base, ["full-brief"])
    headings = contents_headings(_brief(project, base, full))
    expected = dict(pages.heading_pages(outline, headings))
    assert len(expected) == len(headings)  # every contents entry has its heading's page
    printed = _contents_numbers(tmp_path / "full-brief.pdf")
    for anchor, text in headings:
        assert printed.get(" ".join(text.split())) == expected[anchor], text
    assert len(set(expected.values())) > 3  # the headings are spread over pages

    # Each number is a PAGEREF to the heading's bookmark, so Word updates it.
    body = docx_parts(out / "full-brief.docx")["word/document.xml"].decode()
    refs = re.findall(r"PAGEREF (\S+) \\h", body)
    assert len(refs) == len(headings)
    for name in refs:
        assert f'w:name="{name}"' in body
    entry = json.loads((out / "manifest.json").read_text())["outputs"]["full-brief.docx"]
    assert entry["inputs"]["libreoffice"] == office.version and entry["inputs"]["fonts"]

    # The same inputs on the same machine give the same bytes.
    again = build(Project(root), ["full-brief"], ["docx"], out, force=True, options=MEASURE)
    assert again.count("unchanged") == 1 and (out / "full-brief.docx").read_bytes() == first


def _brief(project, base, outline):
    from briefing.assemble.compose import assemble
    from briefing.assemble.templates import Templates
    from briefing.build import build_date

    templates = Templates(project.templates / "sections", project.root, base.vocab)
    return assemble(base, outline, templates, build_date(outline))
