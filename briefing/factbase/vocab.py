"""Controlled vocabularies: meetings, crime types, partners, member states, people,
initiatives, organisations.

Each lives in `seeds/vocab/<kind>.yaml` as a list under a key of the same name;
`organisations.yaml` may be absent (an empty vocabulary).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import Problem, UnusableInput, display_path
from briefing.factbase.facts import ENTITY_FIELDS, Fact
from briefing.factbase.schema import Field, check_record, items_with_lines, line_of
from briefing.factbase.yamlfile import load_yaml

ORGANISATION_KINDS = ("police", "ministry", "secretariat", "agency", "court", "academic",
                      "media", "other")
_COMMON = {
    "id": Field("id", required=True),
    "name": Field(str, required=True),
    "short": Field(str),
    "aliases": Field(list),
    "note": Field(str),
    "same_as": Field("id", doc="the entry this one is the same as (sources that do not tell "
                               "them apart): the fact base treats both as that one"),
    "same_as_note": Field(str, doc="why the curator takes them for one: briefs show it as "
                                   "the curator's judgement"),
}
KINDS: dict[str, dict[str, Field]] = {
    "series": {"id": Field("id", required=True), "name": Field(str, required=True)},
    "meetings": {**_COMMON, "series": Field("id", required=True), "number": Field(int),
                 "part_of": Field("id"), "partner": Field("id")},
    "crime_types": {**_COMMON, "parent": Field("id")},
    "partners": {**_COMMON, "kind": Field(str, required=True, choices=(
        "dialogue-partner", "grouping", "international-organisation", "programme",
        "observer")), "members": Field("ids")},
    "member_states": dict(_COMMON),
    "people": {**_COMMON, "role": Field(str), "country": Field("id"),
               "native_name": Field(str)},
    "initiatives": {**_COMMON, "kind": Field(str, required=True, choices=(
        "working-group", "mechanism", "plan", "roadmap", "declaration", "statement",
        "convention", "agreement", "publication", "proposal"))},
    # Police forces, ministries, secretariats, agencies: the bodies that act and speak.
    "organisations": {**_COMMON, "kind": Field(str, choices=ORGANISATION_KINDS),
                      "country": Field("id")},
    # Attribute names that facts may claim values for (conflicts compare them).
    "attributes": {"id": Field(str, required=True), "name": Field(str, required=True),
                   "note": Field(str),
                   "count_of": Field(dict, doc="the value counts entries the facts name: "
                                               "{field: partners, kind: dialogue-partner}")},
}
FILES = {"meetings": "meetings.yaml", "series": "meetings.yaml",
         "crime_types": "crime_types.yaml", "partners": "partners.yaml",
         "member_states": "member_states.yaml", "people": "people.yaml",
         "initiatives": "initiatives.yaml", "organisations": "organisations.yaml",
         "attributes": "attributes.yaml"}
OPTIONAL_FILES = {"organisations.yaml"}  # added after the first projects: absent is empty

# Which vocabulary each reference field points into.
REFERENCES = {
    ("meetings", "series"): "series", ("meetings", "part_of"): "meetings",
    ("meetings", "partner"): "partners", ("crime_types", "parent"): "crime_types",
    ("partners", "members"): "partners", ("people", "country"): ("member_states", "partners"),
    ("organisations", "country"): ("member_states", "partners"),
}


@dataclass
class Entry:
    """One vocabulary entry: an id, its names, and its other fields."""

    kind: str
    id: str
    name: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    data: dict = field(default_factory=dict)
    file: str = ""
    line: int = 0
    # Which of its names the seeds state (`mark_stated`); None until the seeds are read.
    stated: tuple[str, ...] | None = None
    # For a meeting: whether any fact dates it or a session held under it (set when the
    # fact base is loaded; None before). Figures mark an undated meeting as such.
    dated: bool | None = None
    # For a meeting: the fact of the whole fact base that dates it (its earliest date),
    # and the first that places it, among the facts naming it (set when the fact base is
    # loaded). A timeline row whose own facts state neither takes them from these.
    dating: Fact | None = None
    placing: Fact | None = None

    @property
    def label(self) -> str:
        """Return the short name where there is one, else the name."""
        return self.short or self.name

    @property
    def curators(self) -> bool:
        """Whether the entry's name is the curator's: no seed states it."""
        return self.stated is not None and self.name not in self.stated

    @property
    def shown(self) -> str:
        """Return the name as a heading shows it: as the seeds write it. Where they write
        only an acronym, the name follows as a bracketed curator's gloss; where they write
        none of its names, the name is marked as the curator's label."""
        if not self.curators:
            return self.name
        for name in (self.short, *self.aliases):
            if name and name in self.stated:
                if not any(ch.islower() for ch in name):
                    return f"{name} [curator's gloss: {self.name}]"
                return name
        return f"{self.name} [curator's label]"

    def get(self, key: str, default=None):
        """Return one of the entry's other fields."""
        return self.data.get(key, default)


@dataclass
class Vocabulary:
    """All controlled vocabularies, by kind and id."""

    entries: dict[str, dict[str, Entry]]

    def __getitem__(self, kind: str) -> dict[str, Entry]:
        return self.entries[kind]

    def find(self, entry_id: str) -> Entry | None:
        """Return the entry with this id in any vocabulary (series excluded)."""
        for kind, table in self.entries.items():
            if kind != "series" and entry_id in table:
                return table[entry_id]
        return None

    def canonical(self, kind: str, entry_id: str) -> str:
        """Return the id `entry_id` stands for: itself, or the entry its `same_as` chain
        ends at (a chain with a loop is an error `load_vocabulary` reports; it ends at
        the first id seen again)."""
        table, seen = self.entries[kind], {entry_id}
        while entry_id in table and table[entry_id].get("same_as") in table:
            entry_id = table[entry_id].get("same_as")
            if entry_id in seen:
                break
            seen.add(entry_id)
        return entry_id

    def merged(self) -> list[tuple[str, str, str]]:
        """Return (kind, id, the id it is merged into) for every `same_as` entry."""
        return [(kind, entry.id, self.canonical(kind, entry.id))
                for kind, table in self.entries.items() for entry in table.values()
                if entry.get("same_as")]

    def held_under(self, meeting_id: str) -> list[str]:
        """Return `meeting_id` and the meetings it was held under (`part_of`), nearest
        first: a consultation, then the meeting it was part of, and so on to the top.
        A loop (an error `load_vocabulary` reports) ends at the first id seen again."""
        table, chain = self.entries["meetings"], [meeting_id]
        while (table.get(chain[-1]) is not None and table[chain[-1]].get("part_of")
               and table[chain[-1]].get("part_of") not in chain):
            chain.append(table[chain[-1]].get("part_of"))
        return chain

    def crime_family(self, crime_id: str) -> set[str]:
        """Return `crime_id` and every crime type nested under it."""
        family = {crime_id}
        changed = True
        while changed:
            changed = False
            for entry in self.entries["crime_types"].values():
                if entry.get("parent") in family and entry.id not in family:
                    family.add(entry.id)
                    changed = True
        return family


STATED_KINDS = ("partners", "people", "initiatives", "organisations", "meetings",
                "crime_types")


def mark_stated(vocab: Vocabulary, texts: list[str]) -> list[Entry]:
    """Record on each entry which of its names the seed `texts` state (normalised texts,
    as quotes are matched, compared without regard to case, as whole words); return the
    entries whose name none states. One substring search per name and text: bounded
    work on a seed of any size."""
    from briefing.factbase.textnorm import normalise

    seen = [t.casefold() for t in dict.fromkeys(texts)]
    # Every word the seeds write: a name holding any other word is not stated, found
    # without reading the texts again (most of the work on a large fact base).
    words = {w for t in seen for w in re.findall(r"\w+", t)}
    labels = []
    for kind in STATED_KINDS:
        for entry in vocab[kind].values():
            names = dict.fromkeys(n for n in (entry.name, entry.short, *entry.aliases) if n)
            entry.stated = tuple(
                n for n in names
                if words.issuperset(re.findall(r"\w+", normalise(n).casefold()))
                and any(_has_word(t, normalise(n).casefold()) for t in seen))
            if entry.curators:
                labels.append(entry)
    return labels


def _has_word(text: str, words: str) -> bool:
    """Whether `words` occur in `text` with no letter or digit joined to either end."""
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if (at == 0 or not text[at - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(words, at + 1)
    return False


def load_vocabulary(vocab_dir: Path, root: Path) -> tuple[Vocabulary, list[Problem]]:
    """Read every vocabulary file; return the vocabulary and its problems."""
    problems: list[Problem] = []
    entries: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    loaded: dict[str, object] = {}
    for name in sorted(set(FILES.values())):
        path = vocab_dir / name
        if not path.exists() and name in OPTIONAL_FILES:
            loaded[name] = None
            continue
        if not path.exists():
            raise UnusableInput(Problem("vocabulary file not found",
                                        display_path(path, root)))
        loaded[name] = load_yaml(path, root)
    for kind, fields in KINDS.items():
        path = vocab_dir / FILES[kind]
        shown = display_path(path, root)
        data = loaded[FILES[kind]]
        if data is None and FILES[kind] in OPTIONAL_FILES:
            continue
        if not isinstance(data, dict) or not isinstance(data.get(kind), list):
            problems.append(Problem(f"expected a mapping with a '{kind}:' list", shown,
                                    line_of(data)))
            continue
        for record, line in items_with_lines(data[kind]):
            found = check_record(record, fields, kind.rstrip("s").replace("_", " "), shown, line)
            problems += found
            if any(p.severity == "error" for p in found):
                continue
            entry_id = record["id"]
            if entry_id in entries[kind]:
                first = entries[kind][entry_id]
                problems.append(Problem(f"id '{entry_id}' is used twice in {kind} (first on "
                                        f"line {first.line})", shown, line))
                continue
            rest = {k: v for k, v in record.items() if k not in ("id", "name", "short", "aliases")}
            entries[kind][entry_id] = Entry(kind, entry_id, record["name"], record.get("short"),
                                            tuple(record.get("aliases") or ()), rest, shown, line)
    vocab = Vocabulary(entries)
    problems += _check_references(vocab)
    problems += _check_same_as(vocab)
    problems += _check_count_of(vocab)
    return vocab, problems


def _check_count_of(vocab: Vocabulary) -> list[Problem]:
    """An attribute's `count_of` names an entity field of facts, and a partner kind."""
    problems = []
    for entry in vocab["attributes"].values():
        spec = entry.get("count_of")
        if spec is None:
            continue
        fields = [f for f in ENTITY_FIELDS if f != "meetings"]
        if set(spec) - {"field", "kind"} or spec.get("field") not in fields:
            problems.append(Problem(
                f"attribute '{entry.id}': count_of must be {{field: F}} or {{field: F, kind: "
                f"K}}, F one of {', '.join(fields)}", entry.file, entry.line))
            continue
        kinds = {e.get("kind") for e in vocab[ENTITY_FIELDS[spec["field"]]].values()}
        if spec.get("kind") is not None and spec["kind"] not in kinds:
            problems.append(Problem(
                f"attribute '{entry.id}': count_of kind '{spec['kind']}' is no kind of "
                f"{spec['field']}", entry.file, entry.line,
                hint="kinds: " + ", ".join(sorted(k for k in kinds if k))))
    return problems


def _check_same_as(vocab: Vocabulary) -> list[Problem]:
    """Return the problems of `same_as`: an unknown id, a loop, no reason given. Each
    entry merged into another hands its reason to that one (`judgement`), for briefs."""
    problems = []
    for kind, table in vocab.entries.items():
        for entry in table.values():
            target = entry.get("same_as")
            if not target:
                continue
            if target not in table:
                problems.append(Problem(
                    f"{kind} entry '{entry.id}': same_as names unknown id '{target}'",
                    entry.file, entry.line, hint=f"name an id of {FILES[kind]}"))
                continue
            chain, at = [entry.id], target
            while at in table and at not in chain:
                chain.append(at)
                at = table[at].get("same_as")
            if at in chain:
                problems.append(Problem(
                    f"{kind} entry '{entry.id}': same_as goes round in a loop: "
                    + " -> ".join(chain + [at]), entry.file, entry.line,
                    hint="one entry of the event keeps no same_as: the others name it"))
                continue
            if not entry.get("same_as_note"):
                problems.append(Problem(
                    f"{kind} entry '{entry.id}': same_as needs a 'same_as_note' saying why "
                    "the two are taken for one", entry.file, entry.line,
                    hint="briefs show it as the curator's judgement"))
                continue
            into = table[vocab.canonical(kind, entry.id)]
            said = into.data.get("judgement")
            into.data["judgement"] = (said + " " if said else "") + entry.get("same_as_note")
    return problems


def _check_references(vocab: Vocabulary) -> list[Problem]:
    problems = []
    for (kind, key), target in REFERENCES.items():
        targets = target if isinstance(target, tuple) else (target,)
        for entry in vocab[kind].values():
            value = entry.get(key)
            for ref in (value if isinstance(value, list) else [value] if value else []):
                if not any(ref in vocab[t] for t in targets):
                    problems.append(Problem(
                        f"{kind} entry '{entry.id}': '{key}' names unknown id '{ref}'",
                        entry.file, entry.line,
                        hint=f"use an id from {', '.join(FILES[t] for t in targets)}"))
    return problems
