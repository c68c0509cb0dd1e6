"""Briefing outlines (`templates/outlines/*.yaml`): schema, `extends:`, and loading.

An outline whose file name starts with "_" is a base: other outlines extend it, and it is
never built on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.assemble.select import SORTS, Selection
from briefing.errors import DataInvalid, Problem, UnusableInput, display_path
from briefing.factbase.dates import PartialDate, parse_date
from briefing.factbase.schema import Field, check_record, items_with_lines, type_name
from briefing.factbase.yamlfile import Mapping, load_yaml

FORMATS = ("docx", "pdf", "md")
# An outline name is a file name in templates/outlines/ without ".yaml": no folders.
_NAME = re.compile(r"^_?[a-z0-9][a-z0-9-]*$")

OUTLINE_FIELDS = {
    "description": Field(str, doc="one line for `briefing outlines`"),
    "extends": Field(str, doc="the outline this one builds on (its file name without .yaml)"),
    "title": Field(str, doc="the brief's title"),
    "subtitle": Field(str),
    "audience": Field(str),
    "classification": Field(str, doc="the marking shown on the cover, headers and footers"),
    "organisation": Field(str),
    "author": Field(str),
    "subject": Field(str),
    "keywords": Field(list),
    "as_of": Field("scalar", doc="the date the brief speaks as of: YYYY-MM-DD"),
    "page_size": Field(str, choices=("A4", "Letter")),
    "citation_style": Field(str, choices=("footnotes", "endnotes")),
    "cover": Field(str, choices=("page", "compact"),
                   doc="page: a cover page; compact: title block on the first page"),
    "formats": Field(list, doc="any of docx, pdf, md"),
    "reference_docx": Field(str, doc="a .docx under templates/ whose styles the DOCX uses"),
    "empty": Field(str, choices=("say", "omit"),
                   doc="what an empty section does: say so plainly, or be left out"),
    "quote_length": Field(int, doc="longest quote a note shows before it is cut"),
    "sources_list": Field(bool, doc="close the brief with the list of seed files"),
    "contents_depth": Field(int, doc="the heading levels the contents lists: 1, 2 or 3"),
    "sections": Field(list, doc="the ordered sections"),
}
# What a section does with a fact the brief has already shown: refer to it ("See X,
# above"), omit it, or restate it in full without being where it stands (key points).
REPEATS = ("refer", "omit", "restate")
SECTION_FIELDS = {
    "title": Field(str, doc="the section heading"),
    "template": Field(str, doc="a Jinja2 template in templates/sections/"),
    "contents": Field(str, doc="put the table of contents here, with this heading"),
    "select": Field(dict),
    "empty": Field(str, choices=("say", "omit")),
    "repeats": Field(str, choices=REPEATS,
                     doc="a fact shown above: refer to it, omit it, or restate it (key "
                         "points; the default where options.list_style is key-points)"),
    "options": Field(dict, doc="free values the template reads as section.options"),
    "figures": Field(list, doc="figures drawn from the facts, placed at the section's end"),
}
FIGURE_FIELDS = {
    "figure": Field(str, required=True, doc="the figure's name"),
    "select": Field(dict, doc="the facts it draws on, instead of the section's selection"),
    "caption": Field(str, doc="the caption after 'Figure N: '"),
}
SELECT_FIELDS = {
    "kinds": Field(list), "crime_types": Field("ids"), "partners": Field("ids"),
    "meetings": Field("ids"), "member_states": Field("ids"), "people": Field("ids"),
    "initiatives": Field("ids"), "sources": Field("ids"), "tags": Field("ids"),
    "facts": Field("ids"), "date_from": Field("scalar"), "date_to": Field("scalar"),
    "sort": Field(str, choices=SORTS), "limit": Field(int),
}
DEFAULTS = {"page_size": "A4", "citation_style": "footnotes", "cover": "page",
            "formats": list(FORMATS), "empty": "say", "quote_length": 200,
            "sources_list": True, "contents_depth": 2, "classification": "", "subtitle": "",
            "audience": "", "organisation": "", "author": "", "subject": "", "keywords": [],
            "description": ""}


@dataclass(frozen=True)
class FigureSpec:
    """A figure a section asks for: its name, and optionally its own selection and caption."""

    name: str
    selection: Selection | None = None
    caption: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Section:
    """One section of an outline: a heading, a template and what it selects."""

    title: str
    template: str | None
    selection: Selection
    empty: str
    options: dict
    contents: str | None = None  # set for the table-of-contents marker
    line: int = 0
    figures: tuple[FigureSpec, ...] = ()
    repeats: str = "refer"  # see REPEATS


@dataclass(frozen=True)
class Outline:
    """A resolved outline (its `extends:` chain merged), ready to assemble."""

    name: str
    path: Path
    files: tuple[Path, ...]  # this outline and every base it extends
    data: dict
    sections: tuple[Section, ...]

    def __getattr__(self, key):
        try:
            return self.data[key]
        except KeyError:
            raise AttributeError(key) from None

    @property
    def as_of_date(self) -> PartialDate | None:
        """Return the as-of date, or None."""
        return parse_date(self.data["as_of"]) if self.data.get("as_of") else None


def outline_names(outlines_dir: Path) -> list[str]:
    """Return the names of the buildable outlines (bases excluded), sorted."""
    return sorted(p.stem for p in outlines_dir.glob("*.yaml") if not p.stem.startswith("_"))


def load_outline(outlines_dir: Path, name: str, root: Path, known_templates: set[str],
                 vocab) -> Outline:
    """Return the outline `name` with its bases merged; raise on any problem."""
    if not _NAME.match(name):
        raise UnusableInput(Problem(f"'{name}' is not an outline name",
                                    hint="use a file name from templates/outlines/ without "
                                         "'.yaml', folders or '..'"))
    chain: list[tuple[Path, Mapping]] = []
    current = name
    while current:
        path = outlines_dir / f"{current}.yaml"
        if any(p == path for p, _ in chain):
            names = " -> ".join([p.stem for p, _ in chain] + [current])
            raise DataInvalid(Problem(f"outline extends itself: {names}",
                                      display_path(chain[-1][0], root),
                                      chain[-1][1].line_of("extends"),
                                      hint="remove the cycle from 'extends:'"))
        if not path.is_file():
            if chain:
                raise DataInvalid(Problem(f"outline extends unknown outline '{current}'",
                                          display_path(chain[-1][0], root),
                                          chain[-1][1].line_of("extends"),
                                          hint=_known(outlines_dir)))
            raise UnusableInput(Problem(f"unknown outline '{name}'", hint=_known(outlines_dir)))
        data = load_yaml(path, root)
        if not isinstance(data, dict):
            raise DataInvalid(Problem("an outline must be a mapping (key: value lines)",
                                      display_path(path, root), getattr(data, "line", 1)))
        chain.append((path, data))
        current = data.get("extends")
        if current is not None and not (isinstance(current, str) and _NAME.match(current)):
            raise DataInvalid(Problem(f"'extends' must name an outline in the same folder, "
                                      f"found {current!r}", display_path(path, root),
                                      data.line_of("extends"),
                                      hint="use the other outline's file name without .yaml"))
    problems: list[Problem] = []
    for path, data in chain:
        problems += check_record(data, OUTLINE_FIELDS, "outline", display_path(path, root),
                                 data.line)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataInvalid(errors)
    merged = dict(DEFAULTS)
    for path, data in reversed(chain):
        merged.update({k: v for k, v in data.items() if k != "extends"})
    path, own = chain[0]
    shown = display_path(path, root)
    problems = _check_merged(merged, own, shown, outlines_dir.parent)
    sections = _sections(merged, chain, root, known_templates, vocab, problems)
    if not merged.get("title"):
        problems.append(Problem("outline has no 'title' (nor does any outline it extends)",
                                shown, own.line))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataInvalid(errors)
    return Outline(name, path, tuple(p for p, _ in chain), merged, tuple(sections))


def _known(outlines_dir: Path) -> str:
    return "known outlines: " + (", ".join(outline_names(outlines_dir)) or "none")


def _check_merged(merged: dict, own: Mapping, shown: str, templates_dir: Path) -> list[Problem]:
    problems = []
    for fmt in merged["formats"]:
        if fmt not in FORMATS:
            problems.append(Problem(f"unknown format '{fmt}'", shown, own.line_of("formats"),
                                    hint="formats: " + ", ".join(FORMATS)))
    if merged.get("as_of") is not None:
        try:
            parse_date(merged["as_of"])
        except ValueError as exc:
            problems.append(Problem(f"as_of: {exc}", shown, own.line_of("as_of")))
    ref = merged.get("reference_docx")
    if ref and (Path(ref).is_absolute() or ".." in Path(ref).parts):
        problems.append(Problem(f"reference_docx '{ref}' must be a path inside templates/",
                                shown, own.line_of("reference_docx")))
    elif ref and not (templates_dir / ref).is_file():
        problems.append(Problem(f"reference_docx '{ref}' not found in templates/", shown,
                                own.line_of("reference_docx"),
                                hint="put the .docx in templates/ or remove the line"))
    elif ref and not ref.lower().endswith(".docx"):
        problems.append(Problem(f"reference_docx '{ref}' must be a .docx file", shown,
                                own.line_of("reference_docx")))
    if merged["quote_length"] < 20:
        problems.append(Problem("quote_length must be at least 20", shown,
                                own.line_of("quote_length")))
    if merged["contents_depth"] not in (1, 2, 3):
        problems.append(Problem(f"contents_depth must be 1, 2 or 3, found "
                                f"{merged['contents_depth']}", shown,
                                own.line_of("contents_depth"),
                                hint="2 lists the sections and their sub-headings"))
    return problems


def _sections(merged: dict, chain, root: Path, known_templates: set[str], vocab,
              problems: list[Problem]) -> list[Section]:
    # Sections come from the nearest outline in the chain that declares them.
    owner = next(((p, d) for p, d in chain if "sections" in d), None)
    if owner is None:
        problems.append(Problem("outline has no 'sections' (nor does any outline it extends)",
                                display_path(chain[0][0], root), chain[0][1].line))
        return []
    path, data = owner
    shown = display_path(path, root)
    sections = []
    for record, line in items_with_lines(data["sections"]):
        found = check_record(record, SECTION_FIELDS, "section", shown, line)
        problems += found
        if any(p.severity == "error" for p in found):
            continue
        if record.get("contents"):
            sections.append(Section(record["contents"], None, Selection(), "say", {},
                                    contents=record["contents"], line=line))
            continue
        if not record.get("title") or not record.get("template"):
            problems.append(Problem("a section needs 'title' and 'template' (or 'contents')",
                                    shown, line))
            continue
        template = record["template"]
        if template not in known_templates:
            close = sorted(known_templates)
            problems.append(Problem(f"section '{record['title']}': unknown template "
                                    f"'{template}'", shown, record.line_of("template"),
                                    hint="templates in templates/sections/: " + ", ".join(close)))
            continue
        problems += _check_options(record, shown)
        selection = _selection(record.get("select") or {}, shown, vocab, problems)
        figures = _figures(record, shown, vocab, problems)
        options = dict(record.get("options") or {})
        repeats = record.get("repeats") or (
            "restate" if options.get("list_style") == "key-points" else "refer")
        sections.append(Section(record["title"], template, selection,
                                record.get("empty") or merged["empty"], options, line=line,
                                figures=figures, repeats=repeats))
    return sections


def _figures(record, shown: str, vocab, problems: list[Problem]) -> tuple[FigureSpec, ...]:
    """Return the figures a section names: each a name, or a mapping with `figure:` and
    optionally `select:` and `caption:`."""
    from briefing.assemble.figures import FIGURES

    hint = "figures: " + ", ".join(FIGURES)
    specs = []
    for item, line in items_with_lines(record.get("figures") or []):
        if isinstance(item, dict):
            found = check_record(item, FIGURE_FIELDS, "figure", shown, line)
            problems += found
            if any(p.severity == "error" for p in found):
                continue
            name = item["figure"]
            line = item.line_of("figure") if isinstance(item, Mapping) else line
        elif isinstance(item, str):
            name = item
        else:
            problems.append(Problem(f"section '{record['title']}': a figure is a name or a "
                                    f"mapping with 'figure:', found {type_name(item)}",
                                    shown, line, hint=hint))
            continue
        if name not in FIGURES:
            problems.append(Problem(f"section '{record['title']}': unknown figure '{name}'",
                                    shown, line, hint=hint))
            continue
        selection = None
        if isinstance(item, dict) and item.get("select") is not None:
            selection = _selection(item["select"], shown, vocab, problems)
        specs.append(FigureSpec(name, selection,
                                item.get("caption") if isinstance(item, dict) else None, line))
    return tuple(specs)


def _check_options(record, shown: str) -> list[Problem]:
    """Check the section options that assembly itself reads; templates read the rest."""
    options = record.get("options") or {}
    line = record.line_of("options") if isinstance(record, Mapping) else 0
    problems = []
    style = options.get("list_style")
    if style is not None and style not in ("bullet", "numbered", "key-points"):
        problems.append(Problem(f"options: list_style must be bullet, numbered or key-points, "
                                f"found {style!r}", shown, line))
    widths = options.get("table_widths")
    if widths is not None and not (isinstance(widths, list) and widths and all(
            isinstance(w, (int, float)) and not isinstance(w, bool) and w > 0 for w in widths)):
        problems.append(Problem("options: table_widths must be a list of positive numbers",
                                shown, line))
    return problems


def _selection(data, shown: str, vocab, problems: list[Problem]) -> Selection:
    found = check_record(data, SELECT_FIELDS, "select", shown, getattr(data, "line", 0))
    problems += found
    if any(p.severity == "error" for p in found):
        return Selection()
    line_of = data.line_of if isinstance(data, Mapping) else (lambda _k: 0)
    from briefing.factbase.facts import KINDS

    for kind in data.get("kinds") or ():
        if kind not in KINDS:
            problems.append(Problem(f"select: unknown kind '{kind}'", shown, line_of("kinds"),
                                    hint="kinds: " + ", ".join(KINDS)))
    for key in ("crime_types", "partners", "meetings", "member_states", "people",
                "initiatives"):
        for ref in data.get(key) or ():
            if ref not in vocab[key]:
                problems.append(Problem(f"select: {key} names unknown id '{ref}'", shown,
                                        line_of(key), hint=f"ids are in seeds/vocab/{key}.yaml"))
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
        sources=tuple(data.get("sources") or ()), tags=tuple(data.get("tags") or ()),
        facts=tuple(data.get("facts") or ()), sort=data.get("sort") or "source",
        limit=data.get("limit"), **dates)
