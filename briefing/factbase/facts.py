"""Curated facts (`seeds/facts/*.yaml`): their schema and how a record becomes a Fact."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from briefing.errors import Problem, display_path
from briefing.factbase import cache as readcache
from briefing.factbase.dates import PartialDate, parse_date
from briefing.factbase.quotes import Location
from briefing.factbase.schema import Field, check_record, items_with_lines, line_of
from briefing.factbase.yamlfile import parse_yaml, read_input

KINDS = ("meeting", "priority", "engagement", "initiative", "statement", "context")
TAGS = ("key", "raise")
# Fields that hold ids, and the vocabulary each points into.
ENTITY_FIELDS = {"meetings": "meetings", "crime_types": "crime_types", "partners": "partners",
                 "member_states": "member_states", "people": "people",
                 "initiatives": "initiatives", "organisations": "organisations"}

FACT_FIELDS = {
    "id": Field("id", required=True, doc="lowercase letters, digits and hyphens"),
    "kind": Field(str, required=True, choices=KINDS),
    "text": Field(str, required=True, doc="the curated sentence"),
    "meeting": Field("id", doc="the meeting the fact is about (one; `meetings:` for several)"),
    "meetings": Field("ids", doc="the meetings the fact is about, when it concerns several "
                                 "(a statement the source makes of them together)"),
    "crime_types": Field("ids"),
    "partners": Field("ids"),
    "member_states": Field("ids"),
    "people": Field("ids"),
    "initiatives": Field("ids"),
    "organisations": Field("ids"),
    "date": Field("scalar", doc="YYYY-MM-DD, YYYY-MM or YYYY"),
    "place": Field(str),
    "subject": Field("id", doc="the entity the attributes are about"),
    "attributes": Field(dict),
    "tags": Field("ids"),
    "rank": Field(int, doc="a whole number from 1: where a ranked selection (sort: rank) "
                           "puts the fact, lower first"),
    "citations": Field(list, required=True, doc="one or more {source, quote}"),
    "date_from": Field(dict, doc="where the date is stated when the quotes do not state "
                                 "it: {source, quote} (a heading, a dateline) or {fact: id}"),
    "place_from": Field(dict, doc="where the place is stated when the quotes do not state "
                                  "it: {source, quote}"),
    "as_reported": Field(bool, doc="true: the text keeps the source's own time words (in "
                                   "quotation marks) or tells a plan; briefs add '(as "
                                   "reported by OUTLET on DATE)'"),
}
# The fields a context citation (`date_from`, `place_from`) may hold.
CONTEXT_FIELDS = {"fact": Field("id", doc="a fact whose cited words state the date")}
CITATION_FIELDS = {
    "source": Field("id", required=True, doc="a source or segment id from sources.yaml"),
    "quote": Field(str, required=True, doc="the source's exact words"),
    "prefix": Field(str, doc="words just before the quote, to pick one occurrence"),
    "suffix": Field(str, doc="words just after the quote, to pick one occurrence"),
}
# What json.dumps(..., sort_keys=True, ensure_ascii=False) uses, made once rather than
# once per fact.
_CONTENT_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)
# Characters XML 1.0 cannot hold: rejected at load, never passed to a writer.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Citation:
    """A source id and verbatim quote; `location` is filled in when the quote is found."""

    source: str
    quote: str
    prefix: str | None = None
    suffix: str | None = None
    file: str = ""
    line: int = 0
    location: Location | None = None
    # "" for a citation of the fact's claim; "date" or "place" for a context passage
    # (`date_from`, `place_from`) that states only that field.
    role: str = ""


@dataclass
class Fact:
    """One curated statement with its entities, date and citations."""

    id: str
    kind: str
    text: str
    citations: list[Citation]
    # The meetings the fact is about: one for most; several for what a source states of
    # them together ("Four consultations were held on Day Two").
    meetings: tuple[str, ...] = ()
    crime_types: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    member_states: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    initiatives: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    date: PartialDate | None = None
    place: str | None = None
    subject: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    rank: int | None = None  # lower first in a ranked selection; None: after the ranked
    as_reported: bool = False
    date_fact: str | None = None  # `date_from: {fact: id}`: the fact whose words date it
    file: str = ""
    line: int = 0
    order: int = 0

    @property
    def sources(self) -> list[str]:
        """Return the source ids this fact cites, in citation order, without repeats."""
        return list(dict.fromkeys(c.source for c in self.citations))

    @cached_property
    def digest(self) -> str:
        """Return the sha256 of what the fact says and cites (not where it is written).

        The build manifest records it per cited fact, for the change report. Computed once,
        and kept with the facts of a large file (see `keep`), so a build need not.
        """
        content = {
            "kind": self.kind, "text": self.text,
            # One meeting as the single id it was before a fact could name several, so
            # the digests of those facts (a judgement's pins) hold.
            "meeting": self.meetings[0] if len(self.meetings) == 1 else None,
            **({"meetings": list(self.meetings)} if len(self.meetings) > 1 else {}),
            # Organisations only when named, so digests made before they existed hold.
            "entities": [self.crime_types, self.partners, self.member_states, self.people,
                         self.initiatives] + ([self.organisations] if self.organisations else []),
            "date": self.date.iso() if self.date else None, "place": self.place,
            "subject": self.subject, "attributes": self.attributes, "tags": self.tags,
            **({"rank": self.rank} if self.rank is not None else {}),
            **({"as_reported": True} if self.as_reported else {}),
            **({"date_fact": self.date_fact} if self.date_fact else {}),
            "citations": [[c.source, c.quote, c.prefix, c.suffix] + ([c.role] if c.role else [])
                          for c in self.citations],
        }
        return hashlib.sha256(_CONTENT_JSON.encode(content).encode("utf-8")).hexdigest()

    def entity_ids(self, field_name: str) -> tuple[str, ...]:
        """Return the ids of one entity field as a tuple."""
        return tuple(getattr(self, field_name))


@dataclass
class FactFile:
    """The facts of one file, and the slot where they are kept between runs."""

    name: str  # as problems show it
    facts: list[Fact]
    slot: readcache.Slot | None  # None when they may not be kept: the file has problems
    # What the kept facts' citation locations were found in (see `factbase.seeds_tag`);
    # "" when the facts were read from the file, without locations.
    located_in: str = ""


def read_fact_files(facts_dir: Path, root: Path) -> tuple[list[FactFile], list[Problem]]:
    """Return the facts of every `*.yaml` in `facts_dir` file by file, and the problems.

    Facts of a file kept by an earlier run (see `readcache`) come from the cache, with
    the citation locations found then; the caller decides whether those still hold.
    """
    files: list[FactFile] = []
    problems: list[Problem] = []
    paths = sorted(facts_dir.glob("*.yaml")) if facts_dir.is_dir() else []
    if not paths:
        problems.append(Problem("no fact files found", display_path(facts_dir, root),
                                hint="add seeds/facts/<topic>.yaml with a 'facts:' list"))
    order = 0
    for path in paths:
        file = _facts_of(path, root, problems)
        for fact in file.facts:
            fact.order = order
            order += 1
        files.append(file)
    return files, problems


def keep(file: FactFile, located_in: str) -> None:
    """Keep the facts of `file`, checked and with citations located in `located_in`."""
    from briefing.factbase import kept  # it builds Facts: imported here, not in a cycle

    if file.slot is not None and file.slot.keeps:
        file.slot.put(kept.plain(located_in, file.facts))


def _facts_of(path: Path, root: Path, problems: list[Problem]) -> FactFile:
    """Return the facts of one file, adding its problems to `problems`."""
    shown = display_path(path, root)
    raw = read_input(path, root)
    slot = readcache.Slot("facts", path, root, raw)
    hit, value = slot.get()
    if hit:
        from briefing.factbase import (
            kept,  # it builds Facts: imported here, not in a cycle
        )

        try:
            located_in, facts = kept.facts_of(value, shown)
            return FactFile(shown, facts, slot, located_in)
        except kept.Damaged:
            pass  # read the file; keeping its facts replaces the entry
    data = parse_yaml(raw, shown)
    if data is None:
        problems.append(Problem("the file is empty", shown,
                                hint="add a 'facts:' list or delete the file"))
        return FactFile(shown, [], None)
    if not isinstance(data, dict) or "facts" not in data:
        problems.append(Problem("expected a mapping with a 'facts:' list", shown,
                                line_of(data) or 1))
        return FactFile(shown, [], None)
    if not isinstance(data["facts"], list) or not data["facts"]:
        problems.append(Problem("'facts' must be a non-empty list", shown,
                                data.line_of("facts")))
        return FactFile(shown, [], None)
    facts, found = [], []
    for record, line in items_with_lines(data["facts"]):
        fact = _fact(record, shown, line, found)
        if fact:
            facts.append(fact)
    problems += found
    # A file with problems is read again, and they are reported, each run.
    return FactFile(shown, facts, None if found else slot)


def _fact(record, shown: str, line: int, problems: list[Problem]) -> Fact | None:
    name = f"fact '{record['id']}'" if isinstance(record, dict) and isinstance(
        record.get("id"), str) else "fact"
    found = check_record(record, FACT_FIELDS, name, shown, line)
    problems += found
    if any(p.severity == "error" for p in found):
        return None
    ok = True
    for key in ("text", "place"):
        if record.get(key) and XML_INVALID.search(record[key]):
            problems.append(_control_char(name, key, record[key], shown, record.line_of(key)))
            ok = False
    date = None
    if record.get("date") is not None:
        try:
            date = parse_date(record["date"])
        except ValueError as exc:
            problems.append(Problem(f"{name}: {exc}", shown, record.line_of("date")))
            ok = False
    attributes = {}
    for key, value in (record.get("attributes") or {}).items():
        if isinstance(value, (dict, list)) or value is None:
            problems.append(Problem(f"{name}: attribute '{key}' must be text or a number",
                                    shown, record["attributes"].line_of(key)))
            ok = False
        elif isinstance(value, str) and XML_INVALID.search(value):
            problems.append(_control_char(name, f"attributes: {key}", value, shown,
                                          record["attributes"].line_of(key)))
            ok = False
        else:
            attributes[key] = str(value).strip()
    for tag in record.get("tags") or ():
        if tag not in TAGS:
            problems.append(Problem(f"{name}: unknown tag '{tag}'", shown,
                                    record.line_of("tags"), hint="tags: " + ", ".join(TAGS)))
            ok = False
    rank = record.get("rank")
    if rank is not None and rank < 1:
        problems.append(Problem(f"{name}: rank must be a whole number from 1, found {rank}",
                                shown, record.line_of("rank"),
                                hint="rank 1 comes first in a ranked selection"))
        ok = False
    citations = []
    if not record["citations"]:
        problems.append(Problem(f"{name} has no citations", shown, record.line_of("citations"),
                                hint="cite at least one source with its exact words"))
        ok = False
    for item, item_line in items_with_lines(record["citations"]):
        found = check_record(item, CITATION_FIELDS, f"{name}: citation", shown, item_line)
        problems += found
        if any(p.severity == "error" for p in found):
            ok = False
            continue
        if XML_INVALID.search(item["quote"]):
            problems.append(_control_char(name, "quote", item["quote"], shown, item_line))
            ok = False
            continue
        citations.append(Citation(item["source"], item["quote"], item.get("prefix"),
                                  item.get("suffix"), shown, item.line_of("quote")))
    meetings = tuple(record.get("meetings") or ())
    if record.get("meeting") is not None:
        if meetings:
            problems.append(Problem(f"{name} has both 'meeting' and 'meetings'", shown,
                                    record.line_of("meetings"),
                                    hint="list every meeting under 'meetings:'"))
            ok = False
        meetings = (record["meeting"],)
    date_fact = None
    for key, role in (("date_from", "date"), ("place_from", "place")):
        context = record.get(key)
        if context is None:
            continue
        if key == "date_from" and set(context) == {"fact"}:
            found = check_record(context, CONTEXT_FIELDS, f"{name}: {key}", shown,
                                 record.line_of(key), unknown="error")
            problems += found
            ok = ok and not found
            date_fact = context["fact"] if not found else None
            continue
        found = check_record(context, CITATION_FIELDS, f"{name}: {key}", shown,
                             record.line_of(key), unknown="error")
        problems += found
        if found:
            ok = False
            continue
        if XML_INVALID.search(context["quote"]):
            problems.append(_control_char(name, key, context["quote"], shown,
                                          record.line_of(key)))
            ok = False
            continue
        citations.append(Citation(context["source"], context["quote"], context.get("prefix"),
                                  context.get("suffix"), shown, context.line_of("quote"),
                                  role=role))
    if not ok:
        return None
    return Fact(
        id=record["id"], kind=record["kind"], text=record["text"].strip(),
        citations=citations, meetings=meetings,
        crime_types=tuple(record.get("crime_types") or ()),
        partners=tuple(record.get("partners") or ()),
        member_states=tuple(record.get("member_states") or ()),
        people=tuple(record.get("people") or ()),
        initiatives=tuple(record.get("initiatives") or ()),
        organisations=tuple(record.get("organisations") or ()),
        date=date, place=record.get("place"), subject=record.get("subject"),
        attributes=attributes, tags=tuple(record.get("tags") or ()), rank=rank,
        as_reported=bool(record.get("as_reported")), date_fact=date_fact, file=shown,
        line=line)


def _control_char(name: str, key: str, value: str, shown: str, line: int) -> Problem:
    bad = XML_INVALID.search(value).group()
    return Problem(f"{name}: '{key}' holds control character U+{ord(bad):04X}, which "
                   "documents cannot hold", shown, line,
                   hint="delete it (it often comes from text pasted from a web page)")
