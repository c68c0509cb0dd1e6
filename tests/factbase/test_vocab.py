"""Vocabularies: organisations (police forces, secretariats) optional, and named by facts."""

from __future__ import annotations

from conftest import edit
from factbase_fixtures import use_facts


def test_no_organisations_file_is_an_empty_vocabulary(project, cli):
    assert not (project / "seeds/vocab/organisations.yaml").exists()
    assert cli("check", root=project).code == 0


def test_facts_name_organisations_and_sections_select_them(project, cli):
    (project / "seeds/vocab/organisations.yaml").write_text(
        "organisations:\n  - {id: moha, name: Ministry of Home Affairs, short: MOHA, "
        "kind: ministry, country: malaysia}\n", encoding="utf-8")
    path = use_facts(project)
    edit(path, "    meeting: ammtc-9\n", "    meeting: ammtc-9\n    organisations: [moha]\n")
    result = cli("check", root=project)
    assert result.code == 0, result.err
    edit(path, "organisations: [moha]", "organisations: [mohaa]")
    result = cli("check", root=project)
    assert result.code == 1 and "organisations names unknown id 'mohaa'" in result.err
    assert "did you mean 'moha'?" in result.err
    edit(path, "organisations: [mohaa]", "organisations: [moha]")
    edit(project / "templates/outlines/test-brief.yaml", "select: {kinds: [initiative]}",
         "select: {organisations: [moha]}")
    built = cli("build", "--format", "md", "--out", str(project / "out"), root=project)
    assert built.code == 0, built.err
    assert "The 9th AMMTC concluded." in (project / "out/test-brief.md").read_text()
    (project / "seeds/vocab/organisations.yaml").write_text(
        "organisations:\n  - {id: moha, name: X, kind: army}\n  - {id: y, name: Y, country: "
        "atlantis}\n", encoding="utf-8")
    result = cli("check", root=project)
    assert "'kind' must be one of police, ministry" in result.err
    assert "organisations entry 'y': 'country' names unknown id 'atlantis'" in result.err
