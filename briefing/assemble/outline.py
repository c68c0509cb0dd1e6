"""Briefing outlines (`templates/outlines/*.yaml`): schema, `extends:`, and loading.

An outline whose file name starts with "_" is a base: other outlines extend it, and it is
never built on its own. An outline is checked like data: an unknown key anywhere is an
error with a "did you mean" (a typo such as `meeting:` for `meetings:` would otherwise
drop a filter without a word), so are unknown ids and numbers out of range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing.assemble.assessment import PARTS, is_assessment_name
from briefing.assemble.notes import NOTE_STYLES, REPEATED_NOTES
from briefing.assemble.outline_checks import (  # noqa: F401 (SELECT_FIELDS: importers' name)
    SELECT_FIELDS,
)
from briefing.assemble.outline_checks import (
    check_options as _check_options,
)
from briefing.assemble.outline_checks import (
    did_you_mean as _did_you_mean,
)
from briefing.assemble.outline_checks import (
    selection as _selection,
)
from briefing.assemble.select import Selection
from briefing.errors import DataInvalid, Problem, UnusableInput, display_path, shown_value
from briefing.factbase.dates import PartialDate, parse_date
from briefing.factbase.schema import Field, check_record, items_with_lines, type_name
from briefing.factbase.yamlfile import Mapping, load_yaml

FORMATS = ("docx", "pdf", "md", "html")
# An outline name is a file name in templates/outlines/ without ".yaml": no folders,
# matched whole (a trailing newline is not a name) and short enough for any file system.
_NAME = re.compile(r"_?[a-z0-9][a-z0-9-]{0,99}")

OUTLINE_FIELDS = {
    "description": Field(str, doc="one line for `briefing outlines`"),
    "extends": Field(str, doc="the outline this one builds on (its file name without .yaml)"),
    "title": Field(str, doc="the brief's title"),
    "subtitle": Field(str),
    "audience": Field(str),
    "occasion": Field(str, doc="the meeting or event the brief is for (shown under the title)"),
    "purpose": Field(str, doc="what the brief is for: what the reader should do with it"),
    "classification": Field(str, doc="the marking shown on the cover, headers and footers"),
    "organisation": Field(str),
    "author": Field(str),
    "subject": Field(str),
    "keywords": Field("texts"),
    "as_of": Field("scalar", doc="the date the brief speaks as of: YYYY-MM-DD"),
    "max_staleness": Field(int, doc="days as_of may be after the newest source's date "
                                    "before check warns (default 90)"),
    "page_size": Field(str, choices=("A4", "Letter")),
    "citation_style": Field(str, choices=("footnotes", "endnotes")),
    "cover": Field(str, choices=("page", "compact"),
                   doc="page: a cover page; compact: title block on the first page"),
    "formats": Field(list, doc="any of docx, pdf, md, html"),
    "reference_docx": Field(str, doc="a .docx under templates/ whose styles the DOCX uses"),
    "empty": Field(str, choices=("say", "omit"),
                   doc="what an empty section does: say so plainly, or be left out"),
    "quote_length": Field(int, doc="longest quote a note shows before it is cut"),
    "repeated_notes": Field(str, choices=REPEATED_NOTES,
                            doc="reuse: a passage cited again keeps its note's number; "
                                "repeat: every citation has a note of its own"),
    "note_style": Field(str, choices=NOTE_STYLES,
                        doc="short: outlet, short title, date, line, words; full: outlet "
                            "and title, seed file, line, words"),
    "sources_list": Field(bool, doc="close the brief with the list of seed files"),
    "contents_depth": Field(int, doc="the heading levels the contents lists: 1, 2 or 3"),
    "docx_toc_pages": Field(str, choices=("measure", "none"),
                            doc="measure: the Word contents shows page numbers, measured "
                                "with LibreOffice where it is installed; none: without"),
    "md_flavour": Field(str, choices=("pandoc", "gfm"),
                        doc="the Markdown: pandoc's (attributes, fenced divs) or GitHub's"),
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
    "assessment": Field(str, doc="an assessment in templates/assessments/ (its file name "
                                 "without .yaml): the section shows its items instead of "
                                 "facts"),
    "part": Field(str, choices=PARTS, doc="which items of the assessment: judgements (the "
                                          "default), lines_to_take, be_aware or ask"),
    "items": Field("ids", doc="the ids of the items to show, in order (default: all)"),
}
FIGURE_FIELDS = {
    "figure": Field(str, required=True, doc="the figure's name"),
    "select": Field(dict, doc="the facts it draws on, instead of the section's selection"),
    "caption": Field(str, doc="the caption after 'Figure N: '"),
}
QUOTE_LENGTH = (20, 2000)  # the shortest and longest quote a note may show
DEFAULTS = {"page_size": "A4", "citation_style": "footnotes", "cover": "page",
            "formats": list(FORMATS), "empty": "say", "quote_length": 200,
            "repeated_notes": "reuse", "note_style": "short", "contents_depth": 2,
            "sources_list": True, "classification": "", "subtitle": "", "audience": "",
            "occasion": "", "purpose": "",
            "organisation": "", "author": "", "subject": "", "keywords": [],
            "description": "", "docx_toc_pages": "none", "md_flavour": "pandoc"}


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
    assessment: str | None = None  # the assessment whose items the section shows
    part: str = "judgements"
    items: tuple[str, ...] = ()  # the items' ids, in order; () for all


@dataclass(frozen=True)
class Outline:
    """A resolved outline (its `extends:` chain merged), ready to assemble."""

    name: str
    path: Path
    files: tuple[Path, ...]  # this outline and every base it extends
    data: dict
    sections: tuple[Section, ...]
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    def __getattr__(self, key):
        try:
            return self.data[key]
        except KeyError:
            raise AttributeError(key) from None

    @property
    def as_of_date(self) -> PartialDate | None:
        """Return the as-of date, or None."""
        return parse_date(self.data["as_of"]) if self.data.get("as_of") else None


def is_outline_name(name: str) -> bool:
    """Whether `name` can name an outline (its file name without ".yaml")."""
    return _NAME.fullmatch(name) is not None


def outline_names(outlines_dir: Path) -> list[str]:
    """Return the names of the buildable outlines (bases excluded), sorted."""
    return sorted(p.stem for p in outlines_dir.glob("*.yaml") if not p.stem.startswith("_"))


def misnamed_outlines(outlines_dir: Path, root: Path) -> list[Problem]:
    """Return an error for each file of `outlines_dir` whose name is not an outline's
    (building every outline would leave it out)."""
    return [Problem(f"{shown_value(path.name)} is not an outline's file name: an outline is "
                    "named in lowercase letters, digits and hyphens (a base starts with _)",
                    display_path(path, root),
                    hint="rename the file, or move it out of templates/outlines/")
            for path in sorted(outlines_dir.glob("*.yaml")) if not is_outline_name(path.stem)]


@dataclass(frozen=True)
class Known:
    """What an outline may name: templates (and the options each reads), vocabulary ids,
    and, when the fact base is at hand, fact and source ids."""

    templates: set[str]
    vocab: object
    facts: frozenset[str] | None = None
    sources: frozenset[str] | None = None
    options_of: object = None  # template name -> the options it reads, or None
    assessments: frozenset[str] | None = None  # names in templates/assessments/


def load_outline(outlines_dir: Path, name: str, root: Path, known_templates: set[str],
                 vocab, known: Known | None = None) -> Outline:
    """Return the outline `name` with its bases merged; raise on any problem. `known`
    adds the checks of fact and source ids and of template options."""
    known = known or Known(known_templates, vocab)
    if not _NAME.fullmatch(name):
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
        if current is not None and not (isinstance(current, str) and _NAME.fullmatch(current)):
            raise DataInvalid(Problem(f"'extends' must name an outline in the same folder, "
                                      f"found {current!r}", display_path(path, root),
                                      data.line_of("extends"),
                                      hint="use the other outline's file name without .yaml"))
    problems: list[Problem] = []
    for path, data in chain:
        problems += check_record(data, OUTLINE_FIELDS, "outline", display_path(path, root),
                                 data.line, unknown="error")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataInvalid(errors)
    warnings = [p for p in problems if p.severity != "error"]
    merged = dict(DEFAULTS)
    for path, data in reversed(chain):
        merged.update({k: v for k, v in data.items() if k != "extends"})
    path, own = chain[0]
    shown = display_path(path, root)
    problems = _check_merged(merged, own, shown, outlines_dir.parent)
    sections = _sections(merged, chain, root, known, problems)
    if not merged.get("title"):
        problems.append(Problem("outline has no 'title' (nor does any outline it extends)",
                                shown, own.line))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataInvalid(errors)
    warnings += [p for p in problems if p.severity != "error"]
    return Outline(name, path, tuple(p for p, _ in chain), merged, tuple(sections),
                   tuple(warnings))


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
    staleness = merged.get("max_staleness")
    if staleness is not None and staleness < 0:
        problems.append(Problem(f"max_staleness must be 0 or more days, found {staleness}",
                                shown, own.line_of("max_staleness"),
                                hint="leave it out for the default of 90 days"))
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
    least, most = QUOTE_LENGTH
    if not least <= merged["quote_length"] <= most:
        problems.append(Problem(f"quote_length must be at least {least} and at most {most}, "
                                f"found {merged['quote_length']}", shown,
                                own.line_of("quote_length"),
                                hint="the longest quote, in characters, a note shows before "
                                     "it is cut"))
    if merged["contents_depth"] not in (1, 2, 3):
        problems.append(Problem(f"contents_depth must be 1, 2 or 3, found "
                                f"{merged['contents_depth']}", shown,
                                own.line_of("contents_depth"),
                                hint="2 lists the sections and their sub-headings"))
    return problems


def _sections(merged: dict, chain, root: Path, known: Known,
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
        found = check_record(record, SECTION_FIELDS, "section", shown, line, unknown="error")
        problems += found
        if any(p.severity == "error" for p in found):
            continue
        if record.get("contents"):
            sections.append(Section(record["contents"], None, Selection(), "say", {},
                                    contents=record["contents"], line=line))
            continue
        if record.get("assessment") is not None:
            section = _assessment_section(record, line, shown, known, merged, problems)
            if section is not None:
                sections.append(section)
            continue
        stray = [k for k in _ASSESSMENT_ONLY[1:] if k in record]
        if stray:
            problems.append(Problem(f"section '{record.get('title')}': '{stray[0]}' picks items "
                                    "of an assessment, but the section names none", shown,
                                    record.line_of(stray[0]) if isinstance(record, Mapping)
                                    else line, hint="add 'assessment: NAME' or remove "
                                    f"'{stray[0]}'"))
            continue
        if not record.get("title") or not record.get("template"):
            problems.append(Problem("a section needs 'title' and 'template' (or 'contents')",
                                    shown, line))
            continue
        template = record["template"]
        if template not in known.templates:
            close = sorted(known.templates)
            problems.append(Problem(f"section '{record['title']}': unknown template "
                                    f"'{template}'", shown, record.line_of("template"),
                                    hint=_did_you_mean(template, close) +
                                    "templates in templates/sections/: " + ", ".join(close)))
            continue
        problems += _check_options(record, shown, template, known)
        selection = _selection(record.get("select") or {}, shown, known, problems,
                               f"section '{record['title']}'")
        figures = _figures(record, shown, known, problems)
        options = dict(record.get("options") or {})
        repeats = record.get("repeats") or (
            "restate" if options.get("list_style") == "key-points" else "refer")
        sections.append(Section(record["title"], template, selection,
                                record.get("empty") or merged["empty"], options, line=line,
                                figures=figures, repeats=repeats))
    return sections


_ASSESSMENT_ONLY = ("assessment", "part", "items")
_NOT_WITH_ASSESSMENT = ("template", "select", "figures", "options", "repeats")


def _assessment_section(record, line: int, shown: str, known: Known, merged: dict,
                        problems: list[Problem]) -> Section | None:
    """Return the section showing items of an assessment, or None (problems added)."""
    name = record["assessment"]
    line_of = record.line_of if isinstance(record, Mapping) else (lambda _k: line)
    if not record.get("title"):
        problems.append(Problem("a section showing an assessment needs a 'title'", shown,
                                line))
        return None
    clash = [k for k in _NOT_WITH_ASSESSMENT if k in record]
    if clash:
        problems.append(Problem(f"section '{record['title']}': '{clash[0]}' has no use in a "
                                "section that shows an assessment", shown, line_of(clash[0]),
                                hint="an assessment's items cite their own facts; remove "
                                     f"'{clash[0]}', or put it in a section of its own"))
        return None
    if not is_assessment_name(name) or (known.assessments is not None
                                         and name not in known.assessments):
        names = sorted(known.assessments)
        problems.append(Problem(f"section '{record['title']}': unknown assessment '{name}'",
                                shown, line_of("assessment"),
                                hint=_did_you_mean(name, names) + "assessments in "
                                "templates/assessments/: " + (", ".join(names) or "none")))
        return None
    return Section(record["title"], None, Selection(), record.get("empty") or merged["empty"],
                   {}, line=line, assessment=name, part=record.get("part") or "judgements",
                   items=tuple(record.get("items") or ()))


def _figures(record, shown: str, known: Known, problems: list[Problem]) -> tuple[FigureSpec, ...]:
    """Return the figures a section names: each a name, or a mapping with `figure:` and
    optionally `select:` and `caption:`."""
    from briefing.assemble.figures import FIGURES

    hint = "figures: " + ", ".join(FIGURES)
    specs = []
    for item, line in items_with_lines(record.get("figures") or []):
        if isinstance(item, dict):
            found = check_record(item, FIGURE_FIELDS, "figure", shown, line, unknown="error")
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
                                    shown, line, hint=_did_you_mean(name, FIGURES) + hint))
            continue
        selection = None
        if isinstance(item, dict) and item.get("select") is not None:
            selection = _selection(item["select"], shown, known, problems,
                                   f"figure '{name}' of section '{record['title']}'")
        specs.append(FigureSpec(name, selection,
                                item.get("caption") if isinstance(item, dict) else None, line))
    return tuple(specs)
