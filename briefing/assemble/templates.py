"""Section templates: Jinja2 in a sandbox, undefined names as errors, markup-safe filters.

Templates live in `templates/sections/` and write the markup of `briefing.markup`. They
see only `facts` (the section's selection, as `FactView`s), `section`, `brief` and the
helpers below; text from facts goes through `cite` or `md`, which escape it.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.exceptions import TemplateNotFound, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from briefing.assemble.markup import escape, fact_placeholder
from briefing.errors import DataInvalid, Problem, display_path
from briefing.factbase.dates import display_date
from briefing.factbase.facts import Fact
from briefing.factbase.vocab import Entry, Vocabulary

SUFFIX = ".md.j2"


class FactView:
    """What a template sees of a fact: its text, date and entities resolved to entries.

    A field is worked out when a template first reads it: most templates read little
    more than the id (through `cite`), and a brief may show thousands of facts. Views
    compare, hash and print by their fields, as values.
    """

    FIELDS = ("id", "kind", "text", "date", "date_iso", "meeting", "crime_types", "partners",
              "member_states", "people", "initiatives", "place", "tags", "sources")

    def __init__(self, fact: Fact, vocab: Vocabulary):
        self._fact = fact
        self._vocab = vocab
        self.id: str = fact.id
        self.kind: str = fact.kind
        self.text: str = fact.text
        self.tags: tuple[str, ...] = fact.tags

    @cached_property
    def date(self) -> str:
        """The date as a reader sees it, or "date not stated"."""
        return display_date(self._fact.date)

    @cached_property
    def date_iso(self) -> str:
        return self._fact.date.iso() if self._fact.date else ""

    @cached_property
    def meeting(self) -> Entry | None:
        return self._vocab["meetings"].get(self._fact.meeting) if self._fact.meeting else None

    @cached_property
    def crime_types(self) -> tuple[Entry, ...]:
        return self._entries("crime_types")

    @cached_property
    def partners(self) -> tuple[Entry, ...]:
        return self._entries("partners")

    @cached_property
    def member_states(self) -> tuple[Entry, ...]:
        return self._entries("member_states")

    @cached_property
    def people(self) -> tuple[Entry, ...]:
        return self._entries("people")

    @cached_property
    def initiatives(self) -> tuple[Entry, ...]:
        return self._entries("initiatives")

    @cached_property
    def place(self) -> str:
        return self._fact.place or ""

    @cached_property
    def sources(self) -> tuple[str, ...]:
        return tuple(self._fact.sources)

    def _entries(self, kind: str) -> tuple[Entry, ...]:
        table = self._vocab[kind]
        return tuple(table[i] for i in getattr(self._fact, kind))

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FactView):
            return NotImplemented
        return self._fact is other._fact or self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self.id)  # equal views have equal ids (entries do not hash)

    def __repr__(self) -> str:
        return "FactView(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in self.FIELDS) + ")"


def fact_view(fact: Fact, vocab: Vocabulary) -> FactView:
    """Return the template's view of `fact`."""
    return FactView(fact, vocab)


def _cite(fact: FactView) -> str:
    """Return markup standing for the fact's text followed by its notes.

    The text itself is put in after the markup is parsed, so it is never read as markup.
    """
    return fact_placeholder(fact.id)


def _group_by(vocab: Vocabulary, facts, field: str, several: str | None = None,
              roots: bool = False):
    """Return [(entry or None, [facts])] grouped by an entity field, in order of first
    appearance, facts naming none last.

    For a list field, a fact joins every group it names, unless `several` is given: then
    a fact that names more than one entry (an entry another one it names covers does not
    count: a crime type under its parent, a partner in a grouping it names) joins one
    group, first, whose entry is named `several`; each fact then stands in one group.
    With `roots`, a session or consultation (`part_of`) goes under the meeting it was
    held at.
    """
    table = vocab[FIELD_VOCAB.get(field, field)] if (several or roots) else None
    groups: dict = {}
    shared = None
    for fact in facts:
        value = getattr(fact, field)
        keys = value if isinstance(value, tuple) else (value,)
        if roots:
            keys = tuple(_root(table, k) if k else k for k in keys)
        if several is not None and len(keys) > 1:
            keys = _uncovered(table, keys)
            if len(keys) > 1:
                if shared is None:
                    shared = Entry(field, "", several)
                groups.setdefault(_SEVERAL, (shared, []))[1].append(fact)
                continue
        for key in _distinct(keys) or (None,):
            groups.setdefault(key.id if key else None, (key, []))[1].append(fact)
    # The shared group first, facts naming none last; the rest as they first appear.
    return sorted(groups.values(), key=lambda group: (
        0 if shared is not None and group[0] is shared else 2 if group[0] is None else 1))


_SEVERAL = object()  # the key of the group of facts naming several entries
FIELD_VOCAB = {"meeting": "meetings"}


def _root(table: dict[str, Entry], entry: Entry) -> Entry:
    """Return the meeting `entry` was held under, following `part_of` to the top."""
    seen = {entry.id}
    while entry.get("part_of") in table and entry.get("part_of") not in seen:
        entry = table[entry.get("part_of")]
        seen.add(entry.id)
    return entry


def _uncovered(table: dict[str, Entry], keys: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Return `keys` without those another of them covers: a crime type whose parent (or
    its parent's parent) is named too, a partner that is a member of a grouping named."""
    ids = {k.id for k in keys}
    return tuple(k for k in _distinct(keys) if not _covered(table, k, ids))


def _distinct(keys: tuple) -> tuple:
    """Return `keys` without repeats (entries compare by id; None stays)."""
    seen: set = set()
    out = []
    for key in keys:
        kid = key.id if key else None
        if kid not in seen:
            seen.add(kid)
            out.append(key)
    return tuple(out)


def _covered(table: dict[str, Entry], key: Entry, ids: set[str]) -> bool:
    parent, seen = key.get("parent"), {key.id}
    while parent and parent not in seen:
        if parent in ids:
            return True
        seen.add(parent)
        parent = table[parent].get("parent") if parent in table else None
    return any(key.id in (table[i].get("members") or ()) for i in ids if i in table)


@dataclass(frozen=True)
class MeetingRow:
    """One meeting of a timeline: the facts that give its date and place, and a summary."""

    meeting: Entry
    date: FactView | None  # the earliest dated fact about the meeting
    place: FactView | None  # the first fact that states a place
    summary: FactView  # the first fact about the meeting


def _meeting_rows(facts) -> list[MeetingRow]:
    """Return one row per meeting named by `facts`: dated meetings by date, then the rest
    in order of first appearance."""
    rows = []
    for meeting, group in _group_by(None, facts, "meeting"):
        if meeting is None:
            continue
        dated = [f for f in group if f.date_iso]
        date = min(dated, key=lambda f: (f.date_iso, len(f.date_iso))) if dated else None
        place = next((f for f in group if f.place), None)
        rows.append(MeetingRow(meeting, date, place, group[0]))
    return sorted(rows, key=lambda r: (r.date is None, r.date.date_iso if r.date else ""))


class Templates:
    """The sandboxed environment over `templates/sections/`."""

    def __init__(self, folder: Path, root: Path, vocab: Vocabulary):
        self.folder = folder
        self.root = root
        self.env = SandboxedEnvironment(
            loader=FileSystemLoader(str(folder)), undefined=StrictUndefined,
            autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self.env.filters.update(cite=_cite, md=escape, date=display_date)
        self.env.globals.update(
            group_by=partial(_group_by, vocab), meeting_rows=_meeting_rows,
            name=lambda entry_id: (vocab.find(entry_id) or _missing(entry_id)).name)

    def names(self) -> set[str]:
        """Return the template names available to outlines."""
        if not self.folder.is_dir():
            return set()
        return {p.name for p in self.folder.glob(f"*{SUFFIX}")}

    def render(self, name: str, **context) -> str:
        """Render template `name`; raise DataInvalid naming the template and line."""
        path = self.folder / name
        shown = display_path(path, self.root)
        try:
            return self.env.get_template(name).render(**context)
        except TemplateSyntaxError as exc:
            raise DataInvalid(Problem(f"template syntax error: {exc.message}", shown,
                                      exc.lineno)) from None
        except TemplateNotFound as exc:
            # Also raised for an {% include %} or {% extends %} inside the template, which
            # cannot leave templates/sections/: name the missing one, not the includer.
            missing = exc.name or name
            what = (f"template '{name}' not found" if missing == name else
                    f"template includes '{missing}', which is not a template in "
                    f"{display_path(self.folder, self.root)}/")
            raise DataInvalid(Problem(what, shown, _template_line(exc, path))) from None
        except UndefinedError as exc:
            raise DataInvalid(Problem(f"template uses an undefined name: {exc.message}", shown,
                                      _template_line(exc, path),
                                      hint="templates see: facts, section, brief, and the "
                                           "filters cite, md, date")) from None
        except SecurityError as exc:
            raise DataInvalid(Problem(f"template does something the sandbox forbids: {exc}",
                                      shown, _template_line(exc, path))) from None
        except (TemplateError, TypeError, ValueError, LookupError) as exc:
            raise DataInvalid(Problem(f"template failed: {exc}", shown,
                                      _template_line(exc, path))) from None


def _missing(entry_id: str):
    raise LookupError(f"no vocabulary entry '{entry_id}'")


def _template_line(exc: Exception, path: Path) -> int | None:
    """Return the template line where `exc` was raised (Jinja maps frames to templates)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename).resolve() == path.resolve():
            line = frame.lineno
    return line
