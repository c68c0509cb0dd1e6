"""What section templates may do: a fact's sentence only through `cite`, text and numbers
printed, messages in the templates' own words, and the options a template reads."""

from __future__ import annotations

import pytest
from factbase_fixtures import use_facts

TEMPLATE = "templates/sections/by-meeting.md.j2"  # the test outline's "Meetings"


def _build_with(project, cli, line: str):
    use_facts(project)
    (project / TEMPLATE).write_text(
        "{# a bullet per fact #}\n{% for fact in facts %}\n- " + line + " {{ fact | cite }}\n"
        "{% endfor %}\n", encoding="utf-8")
    return cli("build", "--format", "md", "--out", str(project / "out"), root=project)


@pytest.mark.parametrize("line", [
    "{{ fact.text | md }}", "{{ fact.text }}", '{{ fact["text"] }}',
    '{{ fact | attr("text") }}', '{{ facts | map(attribute="text") | join(" ") }}',
    '{{ facts | sort(attribute="text") | first | cite }}', "{{ fact }}", "{{ fact | string }}",
    "{{ facts | string }}", "{{ facts | join(', ') }}",
])
def test_a_facts_sentence_reaches_a_brief_only_through_cite(project, cli, line):
    result = _build_with(project, cli, line)
    assert result.code == 1, result.err
    assert f"{TEMPLATE}:3: error: template: a fact" in result.err
    assert "reaches a brief only through `cite`" in result.err
    assert "hint: write {{ fact | cite }}" in result.err
    assert not (project / "out").exists() or not any((project / "out").iterdir())


@pytest.mark.parametrize("line, message", [
    ("{{ fact.meeting }}", "a template prints text, not the meeting 'amm-retreat-2025'"),
    ("{{ fact.tags }}", "a template prints text, not a list"),
    ("{{ fact.crime_type }}",
     "the fact 'retreat-langkawi' has no attribute 'crime_type' (did you mean 'crime_types'?)"),
    ("{{ fact.meeting.series_name }}",
     "the meeting 'amm-retreat-2025' has no attribute 'series_name'"),
    ("{{ fact.meeting.series }}", "has no attribute 'series': read its other fields with "
                                  "get('series')"),
    ("{{ section.colour }}", "a mapping (keys: title, options) has no attribute 'colour'"),
    ("{{ facts | tojson }}", "a fact is not JSON serializable"),
])
def test_template_errors_speak_of_what_templates_see_never_python_classes(project, cli, line,
                                                                           message):
    result = _build_with(project, cli, line)
    assert result.code == 1, result.err
    assert message in result.err
    for name in ("FactView", "Entry", "briefing.", "object'", "NoneType"):
        assert name not in result.err, result.err


def test_the_hint_lists_every_name_and_filter_templates_can_use(project, cli):
    from briefing.assemble.templates import Templates
    from briefing.factbase.load import load_factbase
    from briefing.project import Project

    err = _build_with(project, cli, "{{ colour }}").err
    hint = err.split("hint: ", 1)[1]
    env = Templates(project / "templates/sections", project,
                    load_factbase(Project(project)).vocab).env
    for name in [*env.filters, *env.globals, "facts", "section", "brief", "options", "get"]:
        assert name in hint, name
    assert "pprint" not in env.filters  # it shows Python's rendering of objects


def test_a_template_reading_text_and_numbers_still_builds(project, cli):
    result = _build_with(project, cli, "{{ fact.kind | md }} {{ fact.date | md }} "
                                       "{{ fact.crime_types | length }}")
    assert result.code == 0, result.err


def test_options_read_are_found_in_the_template_source(project):
    from briefing.assemble.templates import Templates
    from briefing.factbase.load import load_factbase
    from briefing.project import Project

    folder = project / "templates/sections"
    (folder / "zz-a.md.j2").write_text(
        '{{ section.options.get("other", "x") | md }} {{ section.options.heading | md }}'
        ' {{ section.options["note"] | md }}{% include "zz-b.md.j2" %}', encoding="utf-8")
    (folder / "zz-b.md.j2").write_text("{{ section.options.footer | md }}", encoding="utf-8")
    (folder / "zz-c.md.j2").write_text(
        "{% for k, v in section.options.items() %}{{ k | md }}{% endfor %}", encoding="utf-8")
    (folder / "zz-d.md.j2").write_text("{{ section.options[key] | md }}", encoding="utf-8")
    templates = Templates(folder, project, load_factbase(Project(project)).vocab)
    assert templates.options_read("zz-a.md.j2") == {"other", "heading", "note", "footer"}
    assert templates.options_read("zz-c.md.j2") is None  # the whole mapping
    assert templates.options_read("zz-d.md.j2") is None  # a key computed at render time
    assert templates.options_read("by-meeting.md.j2") == {"other", "heading_level", "judgements"}
