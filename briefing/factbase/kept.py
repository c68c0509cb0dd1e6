"""Facts as plain JSON values for the fact cache (`cache`), and back, checked on the way.

A cache entry is data, never code: JSON of lists, text, numbers and null. Reading one
checks every value's type, and what the rest of the program relies on: the fact's id,
its kind and tags, its date, and no character documents cannot hold anywhere in the
entry. An entry that is damaged, or made by hand to match a file, gives facts of the
right shape or nothing at all. What the fact base checks anyway is left to it, as for
facts read from their file: entity ids against the vocabularies (`load._check_references`)
and each citation's source and location against the seeds (`load._verified`), so a
location is never believed, only verified.

A row holds the fields of `Fact` in the order of `FACT_FIELDS` (`file` and `order` are
given on reading), then its digest. A new entity field of the schema (`ENTITY_FIELDS`)
is kept with no change here; `tests/factbase/test_kept.py` fails when `Fact` or
`Citation` gains any other field this module does not keep. The checks are written out rather
than driven by the field types: at 10,000 facts a generic decoder took twice as long.
"""

from __future__ import annotations

import json
import re

from briefing.factbase.dates import PartialDate, parse_date
from briefing.factbase.facts import ENTITY_FIELDS, KINDS, TAGS, Citation, Fact
from briefing.factbase.quotes import Location
from briefing.factbase.schema import ID_PATTERN

FORMAT = 4
# The entity fields that hold lists of ids, as the fact schema declares them: a new one
# there is kept here with no change.
GROUPS = tuple(ENTITY_FIELDS)
# Not `file` nor `order`: they are given on reading.
FACT_FIELDS = ("id", "kind", "text", "citations", *GROUPS, "date", "place",
               "subject", "attributes", "tags", "rank", "as_reported", "date_fact", "line")
_ROW = len(FACT_FIELDS) + 1  # and the digest
CITATION_FIELDS = ("source", "quote", "prefix", "suffix", "line", "location", "role")
_ID = ID_PATTERN.fullmatch
# What `facts.XML_INVALID` refuses, as JSON spells it (escaped, or raw for U+FFFE and
# U+FFFF); a backslash written as `\\` before such a sequence is refused too, which
# only costs reading the file again.
_RAW_BAD = re.compile(rb"\\(?:u(?:00(?:0[0-8bcef]|1[0-9a-f])|d[89a-f]|fff[ef])|[bf])", re.I)
_RAW_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")  # U+FFFE, U+FFFF in UTF-8
_KINDS, _TAGS = frozenset(KINDS), frozenset(TAGS)
_ROLES = ("", "date", "place")


class Damaged(Exception):
    """A cache entry that is not what `plain` writes."""


def plain(located_in: str, facts: list[Fact]) -> dict:
    """Return the facts of one file, with their digests and located citations, as plain
    JSON values."""
    return {"format": FORMAT, "located_in": located_in, "facts": [
        [f.id, f.kind, f.text, [_citation_row(c) for c in f.citations],
         *(list(getattr(f, name)) for name in GROUPS), f.date.iso() if f.date else None,
         f.place, f.subject, f.attributes, list(f.tags), f.rank, f.as_reported, f.date_fact,
         f.line, f.digest]
        for f in facts]}


def _citation_row(c: Citation) -> list:
    loc = c.location
    return [c.source, c.quote, c.prefix, c.suffix, c.line,
            None if loc is None else [loc.start, loc.end, loc.line, loc.column, loc.end_line],
            c.role]


def facts_of(raw: bytes, shown: str) -> tuple[str, list[Fact]]:
    """Return (located_in, facts) from the JSON bytes of what `plain` wrote, with `shown`
    as their file; raise Damaged at the first value that is not as `plain` writes it."""
    # One pass over the bytes for what documents cannot hold, in any text of the entry:
    # a control character, U+FFFE/U+FFFF, a lone surrogate (json writes them escaped).
    if (b"\\" in raw and _RAW_BAD.search(raw)) or any(c in raw for c in _RAW_NONCHARACTERS):
        raise Damaged("a character documents cannot hold")
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        raise Damaged("not JSON") from None
    if type(value) is not dict or value.get("format") != FORMAT:
        raise Damaged("not an entry of this format")
    located_in, rows = value.get("located_in"), value.get("facts")
    if type(located_in) is not str or type(rows) is not list:
        raise Damaged("no located_in or facts")
    dates: dict[str, PartialDate] = {}
    try:
        return located_in, [_fact(row, shown, dates) for row in rows]
    except (TypeError, ValueError) as exc:  # a wrong count of fields, a bad date
        raise Damaged(str(exc)) from None


def _fact(row: object, shown: str, dates: dict) -> Fact:
    if type(row) is not list or len(row) != _ROW:
        raise Damaged(f"a fact is a list of {_ROW} values")
    fid, kind, text, citations = row[:4]
    groups = row[4:4 + len(GROUPS)]
    (date, place, subject, attributes, tags, rank, as_reported, date_fact, line,
     digest) = row[4 + len(GROUPS):]
    if (kind not in _KINDS or type(text) is not str or type(digest) is not str
            or type(line) is not int or type(citations) is not list or not citations
            or type(attributes) is not dict or type(tags) is not list
            or not _TAGS.issuperset(tags)):
        raise Damaged("a field of the wrong type")
    if type(fid) is not str or not _ID(fid):
        raise Damaged("an id expected")
    # Entity ids need only be text: the fact base checks each against its vocabulary
    # (`load._check_references`), as it does for facts read from their file.
    ids = [subject or ""]
    for group in groups:
        if type(group) is not list:
            raise Damaged("a list of ids expected")
        ids += group
    if not all(type(v) is str for v in ids):
        raise Damaged("an id expected")
    if place is not None and type(place) is not str:
        raise Damaged("text expected")
    if attributes and not all(type(v) is str for v in attributes.values()):
        raise Damaged("text expected")
    if rank is not None and (type(rank) is not int or rank < 1):
        raise Damaged("a rank from 1 expected")
    if type(as_reported) is not bool or (date_fact is not None and (
            type(date_fact) is not str or not _ID(date_fact))):
        raise Damaged("a field of the wrong type")
    if date is not None:
        date = dates.get(date) or dates.setdefault(date, parse_date(_text(date)))
    fact = Fact(id=fid, kind=kind, text=text,
                citations=[_citation(c, shown) for c in citations],
                date=date, place=place, subject=subject, attributes=attributes,
                tags=tuple(tags), rank=rank, as_reported=as_reported, date_fact=date_fact,
                file=shown, line=line,
                **{name: tuple(group) for name, group in zip(GROUPS, groups)})
    fact.digest = digest  # as computed when kept (a cached_property stores it so)
    return fact


def _citation(row: object, shown: str) -> Citation:
    if type(row) is not list or len(row) != 7:
        raise Damaged("a citation is a list of 7 values")
    source, quote, prefix, suffix, line, loc, role = row
    # The source need only be text: `load._verified` finds it among the sources, or the
    # quote is searched for again and an unknown source reported.
    if (type(source) is not str or type(quote) is not str
            or type(line) is not int or role not in _ROLES
            or (prefix is not None and type(prefix) is not str)
            or (suffix is not None and type(suffix) is not str)):
        raise Damaged("a citation field of the wrong type")
    if loc is not None:
        if type(loc) is not list or len(loc) != 5:
            raise Damaged("a location is five numbers")
        start, end, at_line, column, end_line = loc
        if not (type(start) is type(end) is type(at_line) is type(column) is type(end_line)
                is int):
            raise Damaged("a location is five numbers")
        loc = Location(start, end, at_line, column, end_line)
    return Citation(source=source, quote=quote, prefix=prefix, suffix=suffix, file=shown,
                    line=line, location=loc, role=role)


def _text(value: object) -> str:
    if type(value) is not str:
        raise Damaged("text expected")
    return value
