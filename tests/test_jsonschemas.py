"""The editor schemas: made from the declarations check uses, and every YAML file of the
project valid against its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURE, ROOT

from briefing.factbase.yamlfile import load_yaml
from briefing.jsonschemas import FOLDER, schemas


def _kind_of(path: Path) -> str:
    if path.name == "sources.yaml":
        return "sources.schema.json"
    if path.parent.name == "facts":
        return "facts.schema.json"
    if path.parent.name == "vocab":
        return f"vocab-{path.stem}.schema.json"
    if path.parent.name == "assessments":
        return "assessment.schema.json"
    return "outline.schema.json"


def _files(root: Path) -> list[Path]:
    return sorted([root / "seeds" / "sources.yaml", *(root / "seeds" / "facts").glob("*.yaml"),
                   *(root / "seeds" / "vocab").glob("*.yaml"),
                   *(root / "templates" / "outlines").glob("*.yaml"),
                   *(root / "templates" / "assessments").glob("*.yaml")])


def _errors(path: Path) -> list[str]:
    schema = json.loads((FOLDER / _kind_of(path)).read_text(encoding="utf-8"))
    root = next(p for p in path.parents if (p / "seeds").is_dir())
    data = json.loads(json.dumps(load_yaml(path, root)))
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(data)]


def test_the_shipped_schemas_are_those_the_declarations_make():
    made = schemas()
    assert sorted(made) == sorted(p.name for p in FOLDER.glob("*.schema.json"))
    for name, schema in made.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        shipped = json.loads((FOLDER / name).read_text(encoding="utf-8"))
        assert shipped == schema, f"{name} is stale: run python -m briefing.jsonschemas"


@pytest.mark.shipped
def test_every_shipped_yaml_file_validates_against_its_schema():
    for path in _files(ROOT):
        assert _errors(path) == [], path


def test_every_yaml_file_of_the_test_project_validates():
    for path in _files(FIXTURE):
        assert _errors(path) == [], path


@pytest.mark.parametrize("name, old, new, message", [
    ("templates/outlines/quick-brief.yaml", "subtitle:", "subtitel:",
     "Additional properties are not allowed ('subtitel' was unexpected)"),
    ("templates/outlines/partners.yaml", "select: {meetings:", "select: {meeting:",
     "'meeting' was unexpected"),
    ("templates/outlines/full-brief.yaml", "table_widths: [1.3, 1.6, 1.1, 4]",
     "table_widths: [1.3, -1, 1.1, 4]", "-1 is less than or equal to the minimum of 0"),
    ("seeds/facts/004-ammtc-9.yaml", "kind: meeting", "kind: rumour", "'rumour' is not one of"),
    ("seeds/facts/004-ammtc-9.yaml", "meeting: ammtc-9", "meeting: AMMTC 9",
     "'AMMTC 9' does not match"),
    ("seeds/sources.yaml", "status", "status", None),
])
def test_typos_fail_validation_as_they_fail_check(project, name, old, new, message):
    path = project / name
    text = path.read_text(encoding="utf-8")
    if message is None:  # sources.yaml: a status no source may have
        path.write_text(text.replace("  - id: s004\n", "  - id: s004\n    status: published\n"),
                        encoding="utf-8")
        message = "'published' is not one of ['draft', 'final']"
    else:
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert any(message in e for e in _errors(path)), _errors(path)
