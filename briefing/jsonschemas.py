"""JSON Schemas of the project's YAML files, for editors (briefing/schemas/*.json).

Made from the same field declarations `check` uses (`Field` in factbase and assemble),
so an editor with the YAML language server flags what `check` would: a mistyped key, a
kind that does not exist, text where a list belongs. The schemas say less than `check`
(ids that must exist, quotes that must be in their seed): they are for typing, and
`check` remains the judge. `python -m briefing.jsonschemas` writes them again;
tests/test_jsonschemas.py fails when the files and the declarations differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from briefing.factbase.schema import ID_PATTERN, Field

FOLDER = Path(__file__).resolve().parent / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE = {"description": "YYYY-MM-DD, YYYY-MM or YYYY",
         "anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                   {"type": "integer", "minimum": 1000, "maximum": 9999}]}
_DATE_FIELDS = {"date", "date_from", "date_to", "as_of", "retrieved"}
# JSON Schema patterns search; the ids of `check` match whole (fullmatch), so anchor it.
_ID = {"type": "string", "pattern": f"^(?:{ID_PATTERN.pattern})$"}


def field_schema(name: str, spec: Field) -> dict:
    """Return the JSON Schema of one declared field."""
    if name in _DATE_FIELDS and spec.type == "scalar":
        schema = dict(_DATE)
    elif spec.choices:
        schema = {"enum": list(spec.choices)}
    elif spec.type == "id":
        schema = dict(_ID)
    elif spec.type == "ids":
        schema = {"type": "array", "items": _ID}
    elif spec.type == "texts":
        schema = {"type": "array", "items": {"type": "string"}}
    elif spec.type == "scalar":
        schema = {"type": ["string", "number", "boolean"]}
    elif spec.type is str:
        schema = {"type": "string", "pattern": r"\S"}
    elif spec.type is int:
        schema = {"type": "integer"}
    elif spec.type is bool:
        schema = {"type": "boolean"}
    elif spec.type is list:
        schema = {"type": "array"}
    elif spec.type is dict:
        schema = {"type": "object"}
    else:
        raise ValueError(f"no JSON Schema for field type {spec.type!r}")
    if spec.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    if spec.doc:
        schema["description"] = spec.doc
    return schema


def record(fields: dict[str, Field], **more) -> dict:
    """Return the schema of a mapping with the declared fields (and no others)."""
    properties = {name: field_schema(name, spec) for name, spec in fields.items()}
    for name, schema in more.items():
        properties[name] = {**properties.get(name, {}), **schema}
    required = [name for name, spec in fields.items() if spec.required]
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _document(title: str, key: str, item: dict, extra: dict | None = None) -> dict:
    properties = {key: {"type": "array", "items": item}}
    properties.update(extra or {})
    return {"$schema": DRAFT, "title": title, "type": "object", "properties": properties,
            "required": [key], "additionalProperties": False}


def schemas() -> dict[str, dict]:
    """Return every schema, by file name."""
    from briefing.assemble.figures import FIGURES
    from briefing.assemble.outline import (
        FIGURE_FIELDS,
        FORMATS,
        OUTLINE_FIELDS,
        QUOTE_LENGTH,
        SECTION_FIELDS,
    )
    from briefing.assemble.outline_checks import LIST_STYLES, SELECT_FIELDS
    from briefing.factbase.facts import CITATION_FIELDS, FACT_FIELDS, TAGS
    from briefing.factbase.sources import SEGMENT_FIELDS, SOURCE_FIELDS
    from briefing.factbase.vocab import FILES, KINDS

    strings = {"type": "array", "items": {"type": "string", "pattern": r"\S"}}
    segment = record(SEGMENT_FIELDS, debris=strings,
                     lines={"items": {"type": "integer", "minimum": 1}, "minItems": 2,
                            "maxItems": 2})
    source = record(SOURCE_FIELDS, debris=strings, segments={"items": segment},
                    sha256={"pattern": "^[0-9a-fA-F]{64}$"})
    citation = record(CITATION_FIELDS)
    fact = record(FACT_FIELDS, citations={"items": citation, "minItems": 1},
                  tags={"items": {"enum": list(TAGS)}},
                  attributes={"additionalProperties": {"type": ["string", "number"]}})
    select = record(SELECT_FIELDS, limit={"minimum": 1},
                    kinds={"items": {"enum": list(FACT_FIELDS["kind"].choices)}},
                    tags={"items": {"enum": list(TAGS)}})
    figure = {"anyOf": [{"enum": list(FIGURES)},
                        record(FIGURE_FIELDS, figure={"enum": list(FIGURES)}, select=select)]}
    options = {"type": "object", "description": "free values the template reads as "
               "section.options; check reports one that neither assembly nor the template "
               "reads", "properties": {
                   "list_style": {"enum": list(LIST_STYLES)},
                   "table_widths": {"type": "array", "minItems": 1, "maxItems": 20,
                                    "items": {"type": "number", "exclusiveMinimum": 0,
                                              "maximum": 1000}},
                   "table_caption": {"type": "string"}}}
    section = record(SECTION_FIELDS, select=select, options=options,
                     figures={"items": figure})
    least, most = QUOTE_LENGTH
    outline = record(OUTLINE_FIELDS, sections={"items": section},
                     formats={"items": {"enum": list(FORMATS)}, "uniqueItems": True},
                     keywords=strings,
                     quote_length={"minimum": least, "maximum": most})
    outline.update({"$schema": DRAFT, "title": "A briefing outline (templates/outlines/*.yaml)"})
    found = {
        "assessment.schema.json": _assessment_schema(),
        "sources.schema.json": _document("The sources (seeds/sources.yaml)", "sources", source),
        "facts.schema.json": _document("A fact file (seeds/facts/*.yaml)", "facts", fact),
        "outline.schema.json": outline,
    }
    by_file: dict[str, list[str]] = {}
    for kind, file in FILES.items():
        by_file.setdefault(file, []).append(kind)
    for file, kinds in sorted(by_file.items()):
        main, *others = sorted(kinds, key=lambda k: k != Path(file).stem)
        extra = {k: {"type": "array", "items": record(KINDS[k])} for k in others}
        found[f"vocab-{Path(file).stem}.schema.json"] = _document(
            f"A vocabulary (seeds/vocab/{file})", main, record(KINDS[main]), extra)
    return found


def _assessment_schema() -> dict:
    """Return the schema of an assessment file (templates/assessments/*.yaml)."""
    from briefing.assemble.assessment import (ASSESSMENT_FIELDS, CONFIDENCE, ITEM_FIELDS,
                                              PARTS, PIN_FIELDS)

    pin = record(PIN_FIELDS, digest={"pattern": "^[0-9a-f]{64}$"})
    item = record(ITEM_FIELDS, confidence={"enum": list(CONFIDENCE)},
                  reviewed={"items": pin})
    parts = {part: {"items": item} for part in PARTS}
    parts["judgements"]["minItems"] = 1
    schema = record(ASSESSMENT_FIELDS, **parts)
    schema.update({"$schema": DRAFT, "required": ["judgements"],
                   "title": "An assessment: the analyst's judgements "
                            "(templates/assessments/*.yaml)"})
    return schema


def write(folder: Path = FOLDER) -> list[Path]:
    """Write every schema into `folder`; return the files written."""
    folder.mkdir(exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import argparse

    argparse.ArgumentParser(
        prog="python -m briefing.jsonschemas",
        description="Write the JSON Schemas of the YAML file kinds into briefing/schemas/, "
                    "made from the declarations `briefing check` uses.").parse_args()
    for path in write():
        print(f"wrote {path}")
    sys.exit(0)
