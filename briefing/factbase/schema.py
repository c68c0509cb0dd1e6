"""A small declarative checker for YAML records, with messages that name the line.

Each record type declares its fields once (`Field`); `check_record` reports every
problem in a record at once, as mkdocs does for its configuration: missing or mistyped
fields are errors, unknown fields are warnings.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from briefing.errors import Problem, shown_value
from briefing.factbase.yamlfile import Mapping, Sequence

# Matched whole (`fullmatch`): with `match` and `$`, an id ending in a newline passed.
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")

_TYPE_NAMES = {
    str: "text", int: "a whole number", bool: "true or false", list: "a list",
    dict: "a mapping", "id": "an id", "ids": "a list of ids", "scalar": "text or a number",
    "texts": "a list of texts",
}


@dataclass(frozen=True)
class Field:
    """One field of a record: its type, whether it is required, its allowed values."""

    type: Any = str  # str, int, bool, list, dict, "id", "ids", "scalar", "texts"
    required: bool = False
    choices: tuple = ()
    nullable: bool = False
    doc: str = ""

    def __post_init__(self):
        object.__setattr__(self, "accepts", _acceptor(self.type, self.choices))


def _acceptor(kind: Any, choices: tuple) -> Callable[[Any], bool]:
    """Return a quick test that a (non-null) value is right for a field: most records
    are, and `_type_error` then only needs to explain the rest."""
    match = ID_PATTERN.fullmatch
    if kind == "id":
        test = lambda v: type(v) is str and match(v) is not None  # noqa: E731
    elif kind == "ids":
        test = lambda v: isinstance(v, list) and all(  # noqa: E731
            type(x) is str and match(x) is not None for x in v)
    elif kind == "scalar":
        test = lambda v: not isinstance(v, (list, dict))  # noqa: E731
    elif kind == "texts":
        test = lambda v: isinstance(v, list) and all(type(x) is str for x in v)  # noqa: E731
    elif kind is int:
        test = lambda v: type(v) is int  # noqa: E731
    elif kind is str:
        test = lambda v: type(v) is str and v != "" and not v.isspace()  # noqa: E731
    else:
        test = lambda v: isinstance(v, kind)  # noqa: E731
    if choices:
        return lambda v: test(v) and v in choices
    return test


def type_name(value: Any) -> str:
    """Return how a YAML value's type is named in messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def check_record(record: Any, fields: dict[str, Field], what: str, file: str,
                 line: int, unknown: str = "warning") -> list[Problem]:
    """Return the problems of one record (a mapping) against its declared fields; an
    unknown field is a problem of severity `unknown` ("warning", or "error" where a
    typo would silently change what is built)."""
    if isinstance(record, dict) and _clean(record, fields):
        return []
    return _problems(record, fields, what, file, line, unknown)


def _problems(record: Any, fields: dict[str, Field], what: str, file: str,
              line: int, unknown: str = "warning") -> list[Problem]:
    if not isinstance(record, dict):
        return [Problem(f"{what} must be a mapping (key: value lines), found {type_name(record)}",
                        file, line)]
    problems: list[Problem] = []
    line_of = record.line_of if isinstance(record, Mapping) else (lambda _k: line)
    for key, spec in fields.items():
        if key not in record or (record[key] is None and not spec.nullable):
            if spec.required:
                problems.append(Problem(f"{what} has no '{key}'", file, line_of(key),
                                        hint=spec.doc or None))
            continue
        value = record[key]
        if value is None:
            continue
        error = _type_error(value, spec)
        if error:
            problems.append(Problem(f"{what}: '{key}' must be {error}, found {type_name(value)}"
                                    + (f" {shown_value(value)}" if isinstance(value, (str, int))
                                       else ""),
                                    file, line_of(key), hint=spec.doc or None))
    for key in record:
        if key not in fields:
            known = ", ".join(fields)
            close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.6)
            hint = (f"did you mean '{close[0]}'? " if close else "") + f"known fields: {known}"
            message = (f"{what}: unknown field '{key}' is ignored" if unknown == "warning"
                       else f"{what}: unknown field '{key}'")
            problems.append(Problem(message, file, line_of(key), hint=hint, severity=unknown))
    return problems


def _clean(record: dict, fields: dict[str, Field]) -> bool:
    """Whether `record` has no problem at all: known fields only, each of the right type,
    every required one present (checked per key present, not per field declared)."""
    for key, value in record.items():
        spec = fields.get(key)
        if spec is None or value is None or not spec.accepts(value):
            return False
    return all(key in record for key, spec in fields.items() if spec.required)


def _type_error(value: Any, spec: Field) -> str | None:
    kind = spec.type
    if kind == "id":
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            return "an id (lowercase letters, digits and hyphens)"
    elif kind == "ids":
        if not isinstance(value, list) or not all(
                isinstance(v, str) and ID_PATTERN.fullmatch(v) for v in value):
            return "a list of ids (lowercase letters, digits and hyphens)"
    elif kind == "scalar":
        if isinstance(value, (list, dict)) or value is None:
            return "text or a number"
    elif kind == "texts":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "a list of texts"
    elif kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return _TYPE_NAMES[int]
    elif kind is str:
        if not isinstance(value, str):
            return _TYPE_NAMES[str]
        if not value.strip():
            return "non-empty text"
    elif not isinstance(value, kind):
        return _TYPE_NAMES.get(kind, str(kind))
    if spec.choices and value not in spec.choices:
        return "one of " + ", ".join(map(str, spec.choices))
    return None


def items_with_lines(seq: Any) -> list[tuple[Any, int]]:
    """Return (item, line) pairs of a loaded YAML sequence."""
    if isinstance(seq, Sequence):
        return [(item, seq.line_of(i)) for i, item in enumerate(seq)]
    return [(item, 0) for item in seq]


def line_of(record: Any, key: str | None = None) -> int | None:
    """Return the line of `record` (or of one of its keys) when it was loaded from YAML."""
    if isinstance(record, Mapping):
        return record.line_of(key) if key else record.line
    if isinstance(record, Sequence):
        return record.line
    return None
