"""Outlines checked like data: every key known, every id existing (with a "did you
mean"), every number finite and in range, every option read by someone."""

from __future__ import annotations

import pytest
from conftest import edit
from factbase_fixtures import use_facts

OUTLINE = "templates/outlines/test-brief.yaml"


def _check(project, cli, old: str, new: str):
    use_facts(project)
    edit(project / OUTLINE, old, new)
    return cli("check", root=project)


@pytest.mark.parametrize("old, new, message, hint", [
    # The typos: each once silently dropped a filter or a figure.
    ("select: {kinds: [priority]}", "select: {meeting: [somtc-25]}",
     "select: unknown field 'meeting'", "did you mean 'meetings'?"),
    ("    select: {kinds: [meeting], sort: date}\n",
     "    select: {kinds: [meeting], sort: date}\n    figure: timeline\n",
     "section: unknown field 'figure'", "did you mean 'figures'?"),
    ("title: Test Brief", "title: Test Brief\nsubtitel: Draft", "outline: unknown field 'subtitel'",
     "did you mean 'subtitle'?"),
    ("select: {kinds: [priority]}", "select: {kinds: [priority], sorting: date}",
     "select: unknown field 'sorting'", "did you mean 'sort'?"),
    ("select: {kinds: [priority]}", "select: {partners: [chna]}",
     "select: partners names unknown id 'chna'", "did you mean 'china'?"),
    ("select: {kinds: [priority]}", "select: {kinds: [priorty]}", "select: unknown kind 'priorty'",
     "did you mean 'priority'?"),
    ("select: {kinds: [priority]}", "select: {tags: [keys]}", "select: unknown tag 'keys'",
     "did you mean 'key'?"),
    ("select: {kinds: [priority]}", "select: {facts: [ammtc99]}",
     "section 'Crime priorities' selects unknown fact 'ammtc99'", "did you mean 'ammtc9'?"),
    ("select: {kinds: [priority]}", "select: {sources: [s002-thesum]}",
     "selects unknown source 's002-thesum'", "did you mean 's002-thesun'?"),
    ("select: {kinds: [priority]}", "select: {kinds: [priority]}\n    options: {colour: red}",
     "option 'colour' is read neither by assembly nor by template 'by-crime.md.j2'",
     "options read: list_style, several, table_caption, table_widths"),
    ("select: {kinds: [meeting]}\n", "select: {kinds: [meeting]}\n    options: {othr: Other}\n",
     "option 'othr' is read neither by assembly nor by template 'by-meeting.md.j2'",
     "did you mean 'other'?"),
])
def test_typos_are_errors_with_a_did_you_mean(project, cli, old, new, message, hint):
    result = _check(project, cli, old, new)
    assert result.code == 1, result.out + result.err
    assert message in result.err and hint in result.err, result.err
    assert f"{OUTLINE}:" in result.err


@pytest.mark.parametrize("old, new, message", [
    ("select: {kinds: [priority]}", "select: {kinds: [priority], limit: -1}",
     "select: limit must be 1 or more, found -1"),
    ("select: {kinds: [priority]}", "select: {kinds: [priority], limit: 0}",
     "select: limit must be 1 or more, found 0"),
    ("select: {kinds: [priority]}", "select: {kinds: [priority], limit: .inf}",
     "'limit' must be a whole number"),
    ("select: {kinds: [priority]}", "select: {kinds: [priority], limit: 2.5}",
     "'limit' must be a whole number"),
    ("    select: {kinds: [meeting], sort: date}\n",
     "    select: {kinds: [meeting], sort: date}\n    options: {table_widths: [1, .inf, 1, 1]}\n",
     "table_widths must be a list of 1 to 20 positive numbers"),
    ("    select: {kinds: [meeting], sort: date}\n",
     "    select: {kinds: [meeting], sort: date}\n    options: {table_widths: [1, -2, 1, 1]}\n",
     "table_widths must be a list of 1 to 20 positive numbers"),
    ("    select: {kinds: [meeting], sort: date}\n",
     "    select: {kinds: [meeting], sort: date}\n    options: {table_widths: [1, .nan, 1, 1]}\n",
     "table_widths must be a list of 1 to 20 positive numbers"),
    ("title: Test Brief", "title: Test Brief\nquote_length: -5",
     "quote_length must be at least 20 and at most 2000, found -5"),
    ("title: Test Brief", "title: Test Brief\nquote_length: 1000000000000",
     "quote_length must be at least 20 and at most 2000"),
    ("title: Test Brief", "title: Test Brief\nquote_length: .inf", "'quote_length' must be a whole number"),
])
def test_numbers_are_finite_and_in_range(project, cli, old, new, message):
    result = _check(project, cli, old, new)
    assert result.code == 1, result.out + result.err
    assert message in result.err, result.err
    assert "Traceback" not in result.err


def test_check_fails_where_build_would(project, cli):
    """`check` once said ok while `build` failed on an unknown fact id in an outline."""
    result = _check(project, cli, "select: {kinds: [priority]}", "select: {facts: [nope]}")
    assert result.code == 1 and "selects unknown fact 'nope'" in result.err
    edit(project / OUTLINE, "select: {facts: [nope]}", "select: {kinds: [priority]}")
    (project / "templates/sections/by-crime.md.j2").write_text(
        "{% for fact in facts %}\n- {{ fact.text | md }}\n{% endfor %}\n", encoding="utf-8")
    result = cli("check", root=project)
    assert result.code == 1
    assert "by-crime.md.j2:2: error: template: a fact's text reaches a brief only through" \
        in result.err


def test_a_template_no_outline_uses_is_rendered_too(project, cli):
    use_facts(project)
    (project / "templates/sections/zz-unused.md.j2").write_text(
        "{% for fact in facts %}\n- {{ fact.plaec | md }}\n{% endfor %}\n", encoding="utf-8")
    result = cli("check", root=project)
    assert result.code == 1
    assert "zz-unused.md.j2:2: error: template uses an undefined name" in result.err
    assert "did you mean 'place'?" in result.err


def test_build_prints_the_warnings(project, cli):
    path = use_facts(project)
    edit(path, "meeting: ammtc-9", "meeting: ammtc-9\n    colour: blue")
    result = cli("build", "--format", "md", "--out", str(project / "out"), root=project)
    assert result.code == 0
    assert "warning: fact 'ammtc9': unknown field 'colour' is ignored" in result.err
