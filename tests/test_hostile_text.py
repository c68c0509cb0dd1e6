"""Fact text full of markup characters renders as itself in every format."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import copy_project
from factbase_fixtures import MINIMAL_FACTS, use_facts, use_outline
from readers import docx_parts, pdf_pages, squash

from briefing.build import build
from briefing.project import Project

HOSTILE = ("Fact with <b>bold</b> & *stars* _under_ # [@x] `tick` {{ 1 }} {% if %} "
           "Lương Tam Quang, Việt Nam.")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    use_facts(root, MINIMAL_FACTS.replace(
        "text: The ASEAN Border Management Cooperation Roadmap was adopted.",
        "text: '" + HOSTILE + "'\n    tags: [key]"))
    use_outline(root)
    out = root / "out"
    build(Project(root), [], None, out)
    return out


def test_markdown_reads_back_as_itself(hostile_build):
    md = (hostile_build / "test-brief.md").read_text(encoding="utf-8")
    assert "{{ 1 }}" not in md.replace("\\{\\{ 1 \\}\\}", "")  # escaped, never raw
    if shutil.which("pandoc"):
        plain = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
                               input=md, capture_output=True, text=True, check=True).stdout
        assert HOSTILE in plain


def test_html_reads_back_as_itself(hostile_build):
    from tests.writers.html.html_read import parse, text_of

    tree = parse((hostile_build / "test-brief.html").read_bytes())
    assert any(HOSTILE in text_of(li) for li in tree.iter("li"))
    assert len(tree.findall(".//script")) == 1  # the writer's own


def test_docx_reads_back_as_itself(hostile_build):
    from docx import Document

    doc = Document(str(hostile_build / "test-brief.docx"))
    assert any(HOSTILE in p.text for p in doc.paragraphs)
    assert "Lương Tam Quang" in docx_parts(hostile_build / "test-brief.docx")["word/document.xml"].decode()
    if shutil.which("pandoc"):
        plain = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none",
                                str(hostile_build / "test-brief.docx")],
                               capture_output=True, text=True, check=True).stdout
        assert HOSTILE in plain


def test_pdf_reads_back_as_itself(hostile_build):
    text = "".join(pdf_pages(hostile_build / "test-brief.pdf"))
    assert squash(HOSTILE) in squash(text)
    # Markup was not interpreted: no bold run swallowed the tags.
    assert "<b>bold</b>" in text.replace("\n", " ")
