"""The checks of an outline's sections: what they select and the options they set.

Everything an outline names must exist, with a "did you mean" when it does not: vocabulary
ids, kinds, tags, and (when the fact base is at hand) fact and source ids. Numbers must be
finite and in range. An option neither assembly nor the section's template reads is an
error: it would change nothing, silently.
"""

from __future__ import annotations

import difflib
import math

from briefing.assemble.select import SORTS, Selection, source_matches
from briefing.errors import Problem
from briefing.factbase.dates import parse_date
from briefing.factbase.schema import Field, check_record
from briefing.factbase.yamlfile import Mapping

SELECT_FIELDS = {
    "kinds": Field(list), "crime_types": Field("ids"), "partners": Field("ids"),
    "meetings": Field("ids"), "member_states": Field("ids"), "people": Field("ids"),
    "initiatives": Field("ids"), "organisations": Field("ids"), "sources": Field("ids"),
    "tags": Field("ids"), "facts": Field("ids"), "date_from": Field("scalar"),
    "date_to": Field("scalar"), "sort": Field(str, choices=SORTS),
    "limit": Field(int, doc="at most this many facts (1 or more)"),
}
# Selection keys that name vocabulary ids (each key is also the vocabulary's name).
VOCAB_KEYS = ("crime_types", "partners", "meetings", "member_states", "people",
              "initiatives", "organisations")
# Section options that assembly reads itself (compose.py); templates read the others.
ASSEMBLY_OPTIONS = ("list_style", "table_widths", "table_caption")
LIST_STYLES = ("bullet", "numbered", "key-points")


def did_you_mean(name, choices) -> str:
    """Return "did you mean 'x'? " when one of `choices` is close to `name`, else ""."""
    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def check_options(record, shown: str, template: str, known) -> list[Problem]:
    """Return the problems of a section's options: values assembly reads, and keys no one
    reads (assembly, or the template as `known.options_of` finds in its source)."""
    options = record.get("options") or {}
    line = record.line_of("options") if isinstance(record, Mapping) else 0
    line_of = options.line_of if isinstance(options, Mapping) else (lambda _k: line)
    problems = []
    style = options.get("list_style")
    if style is not None and style not in LIST_STYLES:
        problems.append(Problem(f"options: list_style must be bullet, numbered or key-points, "
                                f"found {style!r}", shown, line_of("list_style"),
                                hint=did_you_mean(style, LIST_STYLES).strip() or None))
    widths = options.get("table_widths")
    if widths is not None and not (isinstance(widths, list) and 0 < len(widths) <= 20 and all(
            isinstance(w, (int, float)) and not isinstance(w, bool) and math.isfinite(w)
            and 0 < w <= 1000 for w in widths)):
        problems.append(Problem(f"options: table_widths must be a list of 1 to 20 positive "
                                f"numbers (relative column widths), found {widths!r}", shown,
                                line_of("table_widths"), hint="e.g. [1.3, 1.6, 1.1, 4]"))
    read = known.options_of(template) if known.options_of else None
    if read is not None:
        readable = sorted(set(ASSEMBLY_OPTIONS) | read)
        for key in options:
            if key not in readable:
                problems.append(Problem(
                    f"section '{record.get('title')}': option '{key}' is read neither by "
                    f"assembly nor by template '{template}'", shown, line_of(key),
                    hint=did_you_mean(key, readable) + "options read: " + ", ".join(readable)))
    return problems


def selection(data, shown: str, known, problems: list[Problem],
              owner: str = "a section") -> Selection:
    """Return the Selection an outline's `select:` asks for, adding its problems; `owner`
    names the section (or figure) in messages."""
    found = check_record(data, SELECT_FIELDS, "select", shown, getattr(data, "line", 0),
                         unknown="error")
    problems += found
    if any(p.severity == "error" for p in found):
        return Selection()
    line_of = data.line_of if isinstance(data, Mapping) else (lambda _k: 0)
    from briefing.factbase.facts import KINDS, TAGS

    for kind in data.get("kinds") or ():
        if kind not in KINDS:
            problems.append(Problem(f"select: unknown kind '{kind}'", shown, line_of("kinds"),
                                    hint=did_you_mean(kind, KINDS) + "kinds: " + ", ".join(KINDS)))
    for tag in data.get("tags") or ():
        if tag not in TAGS:
            problems.append(Problem(f"select: unknown tag '{tag}'", shown, line_of("tags"),
                                    hint=did_you_mean(tag, TAGS) + "tags: " + ", ".join(TAGS)))
    vocab = known.vocab
    for key in VOCAB_KEYS:
        for ref in data.get(key) or ():
            if ref not in vocab[key]:
                problems.append(Problem(f"select: {key} names unknown id '{ref}'", shown,
                                        line_of(key), hint=did_you_mean(ref, vocab[key]) +
                                        f"ids are in seeds/vocab/{key}.yaml"))
    if known.facts is not None:
        for ref in data.get("facts") or ():
            if ref not in known.facts:
                problems.append(Problem(f"{owner} selects unknown fact '{ref}'", shown,
                                        line_of("facts"), hint=did_you_mean(ref, known.facts) +
                                        "`briefing facts` lists the fact ids"))
    if known.sources is not None:
        for ref in data.get("sources") or ():
            if not any(source_matches(s, (ref,)) for s in known.sources):
                problems.append(Problem(f"{owner} selects unknown source '{ref}'", shown,
                                        line_of("sources"),
                                        hint=did_you_mean(ref, known.sources) +
                                        "source ids are in seeds/sources.yaml"))
    limit = data.get("limit")
    if limit is not None and limit < 1:
        problems.append(Problem(f"select: limit must be 1 or more, found {limit}", shown,
                                line_of("limit"),
                                hint="leave 'limit' out to keep every fact selected"))
    dates = {}
    for key in ("date_from", "date_to"):
        if data.get(key) is not None:
            try:
                dates[key] = parse_date(data[key])
            except ValueError as exc:
                problems.append(Problem(f"select: {key}: {exc}", shown, line_of(key)))
    return Selection(
        kinds=tuple(data.get("kinds") or ()), crime_types=tuple(data.get("crime_types") or ()),
        partners=tuple(data.get("partners") or ()), meetings=tuple(data.get("meetings") or ()),
        member_states=tuple(data.get("member_states") or ()),
        people=tuple(data.get("people") or ()), initiatives=tuple(data.get("initiatives") or ()),
        organisations=tuple(data.get("organisations") or ()),
        sources=tuple(data.get("sources") or ()), tags=tuple(data.get("tags") or ()),
        facts=tuple(data.get("facts") or ()), sort=data.get("sort") or "source",
        limit=limit, **dates)
