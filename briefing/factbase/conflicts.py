"""Conflicts: facts about the same entity and attribute that give different values; a
stated count against the entries the sources name (`count_of`); the names sources give
one entity (`name_variants`)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.factbase.facts import ENTITY_FIELDS, Fact
from briefing.factbase.textnorm import normalise


@dataclass(frozen=True)
class Claim:
    """One value of an attribute and the facts (and their sources) that give it."""

    value: str
    facts: tuple[str, ...]
    sources: tuple[str, ...]
    # Who gives the value, when it is not the outlets of `sources` (a count the sources
    # name between them: "Named across the sources").
    label: str = ""


@dataclass(frozen=True)
class Conflict:
    """Two or more values for the same (subject, attribute)."""

    subject: str
    attribute: str
    claims: tuple[Claim, ...]

    @property
    def fact_ids(self) -> tuple[str, ...]:
        """Return every fact involved, in claim order."""
        return tuple(fid for claim in self.claims for fid in claim.facts)

    def describe(self) -> str:
        """Return a one-line summary: subject, attribute and each value with its sources."""
        values = "; ".join(f"{c.value!r} ({(c.label + ': ') if c.label else ''}"
                           f"{', '.join(c.sources)})" for c in self.claims)
        return f"{self.subject}: {self.attribute} differs: {values}"


def subject_of(fact: Fact) -> str | None:
    """Return the entity a fact's attributes are about: `subject`, else its meeting (when
    it names one; of several, none is the subject unless `subject` says so)."""
    if fact.subject:
        return fact.subject
    return fact.meetings[0] if len(fact.meetings) == 1 else None


def find_conflicts(facts: list[Fact]) -> list[Conflict]:
    """Return the conflicts among `facts`, in the order their first facts appear.

    Values compare case-insensitively after trimming; a conflict needs at least two
    values backed by different sources (one source disagreeing with itself is still
    reported, as the reader must see both).
    """
    groups: dict[tuple[str, str], dict[str, list[Fact]]] = {}
    for fact in facts:
        subject = subject_of(fact)
        if subject is None:
            continue
        for attribute, value in fact.attributes.items():
            by_value = groups.setdefault((subject, attribute), {})
            by_value.setdefault(" ".join(value.split()).casefold(), []).append(fact)
    conflicts = []
    for (subject, attribute), by_value in groups.items():
        if len(by_value) < 2:
            continue
        claims = tuple(
            Claim(value=group[0].attributes[attribute],
                  facts=tuple(f.id for f in group),
                  sources=tuple(dict.fromkeys(s for f in group for s in f.sources)))
            for group in by_value.values())
        conflicts.append(Conflict(subject, attribute, claims))
    return conflicts


def count_conflicts(facts: list[Fact], vocab) -> list[Conflict]:
    """Return a conflict for each attribute declared with `count_of` whose stated count
    differs from the entries the facts about its subject name between them.

    `count_of: {field: partners, kind: dialogue-partner}` counts the distinct partners of
    that kind named by facts of the subject's meeting or of any session held under it (a
    grouping stands for its members).
    """
    declared = {a.id: a.get("count_of") for a in vocab["attributes"].values()
                if isinstance(a.get("count_of"), dict)  # else an error, reported
                and a.get("count_of").get("field") in ENTITY_FIELDS
                and a.get("count_of").get("field") != "meetings"}
    if not declared:
        return []
    conflicts = []
    for attribute, spec in declared.items():
        stating: dict[str, list[Fact]] = {}
        for fact in facts:
            if attribute in fact.attributes and subject_of(fact):
                stating.setdefault(subject_of(fact), []).append(fact)
        for subject, group in stating.items():
            named = _named(facts, vocab, subject, spec)
            claims = []
            for value in dict.fromkeys(f.attributes[attribute] for f in group):
                backing = [f for f in group if f.attributes[attribute] == value]
                if value.isdigit() and int(value) != len(named):
                    claims.append(Claim(value, tuple(f.id for f in backing),
                                        tuple(dict.fromkeys(s for f in backing
                                                            for s in f.sources))))
            if not claims:
                continue
            table = vocab[ENTITY_FIELDS[spec["field"]]]
            names = ", ".join(table[i].label for i in named)
            firsts = tuple(dict.fromkeys(fact.id for fact in named.values()))
            claims.append(Claim(f"{len(named)} named: {names}", firsts, tuple(dict.fromkeys(
                s for fid in firsts for f in facts if f.id == fid for s in f.sources)),
                label="Named across the sources"))
            conflicts.append(Conflict(subject, attribute, tuple(claims)))
    return conflicts


def _named(facts: list[Fact], vocab, subject: str, spec: dict) -> dict[str, Fact]:
    """Return the entries of `spec['field']` (of `spec['kind']`, if given) that facts of
    `subject` or its sessions name, each with the first fact naming it, in that order."""
    family = {m for m in vocab["meetings"] if subject in vocab.held_under(m)}
    table = vocab[ENTITY_FIELDS[spec["field"]]]
    kind = spec.get("kind")
    named: dict[str, Fact] = {}
    for fact in facts:
        if family.isdisjoint(fact.meetings):
            continue
        for ref in fact.entity_ids(spec["field"]):
            entry = table.get(ref)
            members = (entry.get("members") or ()) if entry else ()
            for one in (ref, *members):
                found = table.get(one)
                if found and (kind is None or found.get("kind") == kind):
                    named.setdefault(one, fact)
    return named


# The vocabularies whose names are compared across sources: what the sources call an
# initiative, a partner or an organisation. Acronyms ("UK", "US") are not names here.
NAME_KINDS = ("initiatives", "partners", "organisations")


def name_variants(facts: list[Fact], vocab) -> list[Conflict]:
    """Return a conflict (attribute "name") for each entry that sources call by different
    names: each name with the facts whose quotes use it. A name that holds another (the
    "SOMTC Working Group on Anti-Money Laundering" holds "Working Group on Anti-Money
    Laundering") is one name; names used within one source are that source's usage."""
    fields = [f for f, kind in ENTITY_FIELDS.items() if kind in NAME_KINDS]
    uses: dict[tuple[str, str], dict[str, list[Fact]]] = {}
    for fact in facts:
        quotes = [(c.source, normalise(c.quote).casefold()) for c in fact.citations
                  if not c.role]
        for field_name in fields:
            kind = ENTITY_FIELDS[field_name]
            for ref in fact.entity_ids(field_name):
                entry = vocab[kind].get(ref)
                if entry is None:
                    continue
                names = [n for n in dict.fromkeys((entry.name, entry.short or "",
                                                   *entry.aliases))
                         if n and any(ch.islower() for ch in n)]
                for _source, quote in quotes:
                    used = max((n for n in names if normalise(n).casefold() in quote),
                               key=len, default=None)
                    if used:
                        uses.setdefault((kind, ref), {}).setdefault(used, []).append(fact)
    conflicts = []
    for (kind, ref), by_name in uses.items():
        groups = _name_groups(by_name)
        if len(groups) < 2:
            continue
        source_sets = [set(s for f in group for s in f.sources) for _n, group in groups]
        if not any(a.isdisjoint(b) for i, a in enumerate(source_sets)
                   for b in source_sets[i + 1:]):
            continue
        claims = tuple(Claim(name, tuple(dict.fromkeys(f.id for f in group)),
                             tuple(dict.fromkeys(s for f in group for s in f.sources)))
                       for name, group in groups)
        conflicts.append(Conflict(ref, "name", claims))
    return conflicts


def _name_groups(by_name: dict[str, list[Fact]]) -> list[tuple[str, list[Fact]]]:
    """Join names one of which holds the other, under the longer."""
    groups: list[tuple[str, list[Fact]]] = []
    for name in sorted(by_name, key=len, reverse=True):
        key = normalise(name).casefold()
        for longer, group in groups:
            if key in normalise(longer).casefold():
                group += [f for f in by_name[name] if f not in group]
                break
        else:
            groups.append((name, list(by_name[name])))
    return groups
