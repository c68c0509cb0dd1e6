"""`propose --append`: into a fact file of seeds/facts/, and undone unless check passes."""

from __future__ import annotations

import pytest

from briefing.curate import append as append_module
from briefing.curate.names import Mention


def _strip_s004(project):
    path = project / "seeds/facts/004-ammtc-9.yaml"
    path.write_text("facts:\n  - id: keep-s004\n    kind: context\n    text: A fact.\n"
                    "    citations:\n      - source: s004\n        quote: ASEAN’s Response "
                    "to Evolving Transnational Crime\n", encoding="utf-8")
    for name in ("full-brief", "quick-brief", "cybercrime", "partners"):
        (project / f"templates/outlines/{name}.yaml").unlink()
    return path


def test_appends_to_an_existing_file_keeping_what_it_holds(project, cli):
    path = _strip_s004(project)
    old = path.read_text(encoding="utf-8")
    result = cli("propose", "s004", "--append", str(path), root=project)
    assert result.code == 0, result.err
    new = path.read_text(encoding="utf-8")
    assert new.startswith(old) and new.count("  - id: ") > 5
    assert cli("check", root=project).code == 0
    again = cli("propose", "s004", "--append", str(path), root=project)
    assert "nothing to append: every sentence of s004 is cited" in again.out
    assert path.read_text(encoding="utf-8") == new


def test_a_proposal_that_would_not_pass_check_is_undone(project, cli, monkeypatch):
    path = _strip_s004(project)
    old = path.read_bytes()
    real = append_module.proposals_yaml

    def broken(found, with_header=True):
        found.facts[0].entities["partners"] = [Mention("partners", "atlantis", 0, 0, "Atlantis")]
        return real(found, with_header)

    monkeypatch.setattr(append_module, "proposals_yaml", broken)
    result = cli("propose", "s004", "--append", str(path), root=project)
    assert result.code == 1
    assert "partners names unknown id 'atlantis'" in result.err
    assert path.read_bytes() == old
    created = project / "seeds/facts/new.yaml"
    assert cli("propose", "s004", "--append", str(created), root=project).code == 1
    assert not created.exists()


@pytest.mark.parametrize("target, message", [
    ("seeds/sources.yaml", "proposals go into a .yaml file in seeds/facts/"),
    ("seeds/facts/x.txt", "proposals go into a .yaml file in seeds/facts/"),
    ("../elsewhere.yaml", "proposals go into a .yaml file in seeds/facts/"),
])
def test_only_a_fact_file_in_seeds_facts(project, cli, target, message):
    _strip_s004(project)
    result = cli("propose", "s004", "--append", target, root=project)
    assert result.code == 2 and message in result.err


def test_a_flow_style_list_is_not_appended_to(project, cli):
    _strip_s004(project)
    path = project / "seeds/facts/flow.yaml"
    path.write_text('facts: [{id: f1, kind: context, text: A., citations: [{source: s004, '
                    'quote: "ASEAN’s Response to Evolving"}]}]\n', encoding="utf-8")
    old = path.read_bytes()
    result = cli("propose", "s004", "--append", str(path), root=project)
    assert result.code == 2 and "block style" in result.err
    assert path.read_bytes() == old
