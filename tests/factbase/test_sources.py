"""Sources: url, retrieved, status and debris in sources.yaml, and the lines of a seed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit

from briefing.factbase.sources import SeedFile

S001 = "    date_note: The text gives no publication date.\n    debris: [Related, Click Here For The Original Source.]\n"


def test_line_count_ignores_the_empty_text_after_a_final_newline():
    def lines(text):
        return SeedFile("x.txt", Path("x.txt"), text, "0" * 64).line_count
    assert lines("one\ntwo\n") == lines("one\ntwo") == 2
    assert lines("one\n\n") == 2 and lines("x") == 1 and lines("") == 1


@pytest.mark.parametrize("new, message", [
    ("    url: ftp://example.org/a\n", "source 's001': url 'ftp://example.org/a' is not a web address"),
    ("    url: https://exa mple.org\n", "is not a web address"),
    ("    retrieved: 24/06/2025\n", "source 's001': retrieved: '24/06/2025' is not a date"),
    ("    status: published\n", "'status' must be one of draft, final"),
    ("    debris: [Click Here For The Original Source!]\n",
     "debris 'Click Here For The Original Source!' is not in 001_46aa95a88002895d.txt"),
    ("    debris: [7]\n", "each 'debris' entry must be the text of a passage"),
])
def test_provenance_fields_are_checked(project, cli, new, message):
    edit(project / "seeds/sources.yaml", S001, "    date_note: The text gives no publication date.\n" + new)
    result = cli("check", root=project)
    assert result.code == 1 and message in result.err, result.err
    assert "seeds/sources.yaml:" in result.err


def test_a_citation_of_debris_is_an_error(project, cli):
    path = project / "seeds/facts/001-apsc-council.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: zz-debris\n    kind: context\n    text: A link.\n    citations:\n"
        "      - source: s001\n        quote: Click Here For The Original Source\n"),
        encoding="utf-8")
    result = cli("check", root=project)
    assert result.code == 1
    assert ("fact 'zz-debris' cites web debris of s001: 'Click Here For The Original "
            "Source.'") in result.err


def test_segments_inherit_their_file_entrys_debris_url_and_status(project, cli):
    import json

    edit(project / "seeds/sources.yaml", "    debris: [\"3 days ago\"",
         "    url: https://example.org/tag\n    retrieved: 2025-06-30\n    status: draft\n"
         "    debris: [\"3 days ago\"")
    result = cli("sources", "--json", root=project)
    data = {s["id"]: s for s in json.loads(result.out)}
    for segment in ("s002-malaysiakini", "s002-thesun", "s002-xinhua", "s002-bernama"):
        assert data[segment]["url"] == "https://example.org/tag"
        assert data[segment]["status"] == "draft" and data[segment]["retrieved"] == "2025-06-30"
    from briefing.factbase.load import load_factbase
    from briefing.project import Project

    base = load_factbase(Project(project))
    spans = base.sources["s002-thesun"].debris_spans
    text = base.sources["s002-thesun"].seed.text
    assert {text[s:e] for s, e in spans} == {"6 days ago", "- Politics", "- The Sun"}


def test_the_brief_lists_a_sources_address_as_a_link(project, cli):
    from factbase_fixtures import use_facts

    use_facts(project)
    edit(project / "seeds/sources.yaml", S001,
         S001 + "    url: https://example.org/apsc\n    retrieved: 2025-05-27\n")
    assert cli("build", "--format", "md", "--out", str(project / "out"), root=project).code == 0
    md = (project / "out/test-brief.md").read_text(encoding="utf-8")
    line = next(ln for ln in md.splitlines() if "(sha256 cf95c3445c19)" in ln)
    assert "[https://example.org/apsc](https://example.org/apsc) (retrieved 27 May 2025)" in line
