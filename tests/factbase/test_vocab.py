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


def test_names_no_seed_writes_are_the_curators_and_headings_show_the_seeds_own():
    from briefing.factbase.vocab import Entry, Vocabulary, mark_stated

    act = Entry("partners", "act", "ASEAN-Australia Counter Trafficking", "ASEAN-ACT",
                ("ASEAN-ACT",))
    quang = Entry("people", "quang", "General Lương Tam Quang", None, ("Luong Tam Quang",))
    plus3 = Entry("partners", "plus3", "ASEAN Plus Three", "Plus Three", ("APT",))
    uk = Entry("partners", "uk", "United Kingdom", "UK", ())
    entries = {k: {} for k in ("partners", "people", "initiatives", "organisations",
                               "meetings", "crime_types")}
    for e in (act, quang, plus3, uk):
        entries[e.kind][e.id] = e
    labels = mark_stated(Vocabulary(entries), [
        "partners such as the United Kingdom, UNODC, and ASEAN-ACT. Luong Tam Quang said "
        "the chapter was adopted."])
    assert [e.id for e in labels] == ["act", "plus3", "quang"]
    assert act.shown == "ASEAN-ACT [curator's gloss: ASEAN-Australia Counter Trafficking]"
    assert quang.shown == "Luong Tam Quang"
    assert plus3.shown == "ASEAN Plus Three [curator's label]"  # "APT" only inside "adopted"
    assert uk.shown == "United Kingdom" and not uk.curators


def test_check_lists_the_curators_labels(project, cli):
    from tests.factbase_fixtures import use_facts

    use_facts(project)
    result = cli("check", root=project)
    assert "curator's labels:" in result.out
    assert "people: luong-tam-quang: 'General Lương Tam Quang' -> 'Luong Tam Quang'" in result.out
