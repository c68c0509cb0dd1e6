"""The command line: exit codes, messages, filters, and help for every command."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT
from factbase_fixtures import use_facts


def test_help_lists_every_command_with_help_text(cli):
    result = cli("--help")
    assert result.code == 0
    for command in ("check", "facts", "sources", "build", "outlines", "add-source", "uncited",
                    "propose"):
        assert command in result.out
    from briefing.arguments import parser as _parser

    sub = next(a for a in _parser()._actions if a.dest == "==SUPPRESS==" or a.choices)
    for name, parser in sub.choices.items():
        assert parser.description, f"`briefing {name}` has no description"


def test_no_project_is_unusable_input(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRIEFING_ROOT", raising=False)
    result = cli("check")
    assert result.code == 2
    assert "no briefing project here" in result.err


def test_root_that_is_not_a_project(cli, tmp_path):
    result = cli("check", root=tmp_path)
    assert result.code == 2
    assert "is not a briefing project" in result.err


def test_unknown_command_and_option_exit_2(cli):
    assert cli("frobnicate").code == 2
    assert cli("facts", "--colour").code == 2


def test_facts_filters(project, cli):
    use_facts(project)
    by_meeting = cli("facts", "--meeting", "somtc-25", "--json", root=project)
    assert {f["id"] for f in json.loads(by_meeting.out)} == {"somtc25-three-days", "somtc25-five-days"}
    by_source = cli("facts", "--source", "s002", "--json", root=project)
    assert len(json.loads(by_source.out)) == 4
    by_kind = cli("facts", "--kind", "statement", "--json", root=project)
    assert {f["id"] for f in json.loads(by_kind.out)} == {"saifuddin-xinhua", "saifuddin-bernama"}
    by_crime = cli("facts", "--crime", "cybercrime", "--json", root=project)
    assert [f["id"] for f in json.loads(by_crime.out)] == ["saifuddin-xinhua"]
    table = cli("facts", "--kind", "initiative", root=project)
    assert "border-roadmap" in table.out and "1 of 8 facts" in table.out


def test_facts_unknown_filter_value_is_unusable_input(project, cli):
    use_facts(project)
    result = cli("facts", "--crime", "jaywalking", root=project)
    assert result.code == 2 and "unknown crime types id 'jaywalking'" in result.err
    result = cli("facts", "--source", "s009", root=project)
    assert result.code == 2 and "unknown source id 's009'" in result.err


def test_facts_on_invalid_data_exits_1(project, cli):
    path = use_facts(project)
    path.write_text(path.read_text().replace("quote: concluded in", "quote: ended in"))
    result = cli("facts", root=project)
    assert result.code == 1 and "quote not found" in result.err


def test_sources_lists_counts_and_sentence_share(project, cli):
    use_facts(project)
    result = cli("sources", "--json", root=project)
    data = {s["id"]: s for s in json.loads(result.out)}
    assert data["s002-thesun"]["facts"] == 1 and data["s002-thesun"]["citations"] == 1
    assert 0 < data["s002-thesun"]["share"] < 1
    assert data["s004"]["lines"] == [1, 17]
    table = cli("sources", root=project)
    assert "s002-bernama" in table.out and "Bernama" in table.out


def test_console_script_runs_without_traceback_on_bad_yaml(project):
    (project / "seeds/facts/broken.yaml").write_text("facts:\n  - id: x\n\tkind: meeting\n")
    proc = subprocess.run([sys.executable, "-m", "briefing", "--root", str(project), "check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "broken.yaml:3: error: YAML" in proc.stderr


def test_an_unexpected_error_is_one_line_saying_it_is_a_bug(project, cli, monkeypatch):
    def broken(*_args, **_kwargs):
        raise KeyError("the inside of the program")

    monkeypatch.setattr("briefing.factbase.load.find_conflicts", broken)
    result = cli("check", root=project)
    assert result.code == 2 and "Traceback" not in result.err
    assert "briefing: internal error while running `check`: KeyError" in result.err
    assert "please report it with the output of `briefing --debug check ...`" in result.err
    debug = cli("--debug", "check", root=project)
    assert debug.code == 2 and "Traceback (most recent call last)" in debug.err
    assert "internal error" in debug.err


def test_an_os_error_names_its_file(project, cli, monkeypatch):
    def disk_gone(*_args, **_kwargs):
        raise OSError(5, "Input/output error", "/some/file")

    monkeypatch.setattr("briefing.factbase.load.load_vocabulary", disk_gone)
    result = cli("check", root=project)
    assert result.code == 2 and result.err.strip() == "/some/file: error: Input/output error"


def test_arguments_that_name_nothing_are_refused(project, cli):
    for args, message in ((("build", "--format", ""), "--format names no format"),
                          (("build", "--format", " , "), "--format names no format"),
                          (("build", "--out", ""), "--out names no folder"),
                          (("build", "--out", "  "), "--out names no folder")):
        result = cli(*args, root=project)
        assert result.code == 2 and message in result.err, args
    assert not (project / "out").exists()
    assert "--root names no folder" in cli("--root", "", "check").err


def test_facts_unknown_kind_is_unusable_input(project, cli):
    result = cli("facts", "--kind", "foo", root=project)
    assert result.code == 2 and "unknown kind 'foo'" in result.err and "statement" in result.err


def test_facts_table_fits_the_terminal_text_first(project, cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("facts", root=project)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split()[:2] == ["text", "id"]
    assert max(len(line) for line in lines) <= 80
    header = lines[0]
    text_width = header.index("id")
    assert text_width >= 32  # the widest column
    # Every character of every fact's text is there, wrapped (at spaces and after
    # hyphens) rather than cut.
    shown = "".join("".join(line[:text_width].split()) for line in lines[1:-1])
    facts = json.loads(cli("facts", "--json", root=project).out)
    for fact in facts:
        assert "".join(fact["text"].split()) in shown


def test_build_names_an_outline_once_and_refuses_a_base(project, cli, tmp_path):
    out = tmp_path / "out"
    twice = cli("build", "quick-brief", "quick-brief", "--format", "md", "--out", str(out),
                root=project)
    assert twice.code == 0 and twice.out.count("quick-brief.md") == 1
    assert "1 written" in twice.out
    base = cli("build", "_base", "--out", str(out), root=project)
    assert base.code == 2 and "'_base' is a base outline" in base.err
    assert "sections" not in base.err
