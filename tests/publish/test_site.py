"""The published site's index: every HTML brief and source page of the output folder,
escaped, the same bytes each time, from a manifest checked as a build checks it."""

from __future__ import annotations

import pytest
from conftest import edit
from factbase_fixtures import use_outline

from briefing.build import build
from briefing.errors import UnusableInput
from briefing.project import Project
from briefing.publish.manifest import Manifest
from briefing.publish.output import OutputFolder
from briefing.publish.site import INDEX, index_page, main, write_index
from tests.writers.html.html_read import parse, text_of


@pytest.fixture
def built(project):
    out = project / "out"
    build(Project(project), [], ["html", "md"], out)
    return out


def test_the_index_links_every_html_output_and_nothing_else(built):
    write_index(built)
    tree = parse((built / INDEX).read_bytes())
    hrefs = sorted(a.get("href") for a in tree.iter("a"))
    manifest = Manifest.read(OutputFolder(built))
    assert hrefs == sorted(n for n, e in manifest.outputs.items() if e.format == "html")
    for name in hrefs:
        assert (built / name).is_file()
    briefs = [li for li in tree.find(".//ul[@class='briefs']")]
    assert briefs and all(li.find("ul") is not None for li in briefs)  # each with sources
    assert not (built / "manifest.json").read_bytes().count(INDEX.encode())


def test_titles_are_escaped_and_the_page_is_the_same_bytes_each_time(project):
    edit(use_outline(project), "title: Test Brief",
         "title: '<script>alert(1)</script> & \"q\"'")
    out = project / "out"
    build(Project(project), ["test-brief"], ["html"], out)
    first = index_page(OutputFolder(out))
    assert first == index_page(OutputFolder(out))
    tree = parse(first)
    assert len(tree.findall(".//script")) == 0
    assert any("<script>alert(1)</script>" in text_of(a) for a in tree.iter("a"))


def test_a_damaged_manifest_is_refused_and_nothing_written(built):
    (built / "manifest.json").write_text('{"outputs": {"../x.html": 1}}')
    with pytest.raises(UnusableInput):
        write_index(built)
    assert not (built / INDEX).exists()


def test_the_command_says_how_to_use_it(capsys):
    assert main([]) == 2 and main(["--help"]) == 2
    assert "index.html" in capsys.readouterr().err
