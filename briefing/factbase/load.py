"""Load and validate the whole fact base: sources, vocabularies, facts, citations, conflicts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from briefing import glyphs
from briefing.errors import DataInvalid, Problem
from briefing.factbase.conflicts import (
    Conflict,
    count_conflicts,
    find_conflicts,
    name_variants,
    subject_of,
)
from briefing.factbase.facts import ENTITY_FIELDS, Fact, keep, read_fact_files
from briefing.factbase.quotes import Miss, find_all, locate
from briefing.factbase.sentences import overlap_test
from briefing.factbase.sources import Source, load_sources
from briefing.factbase.stated import check_stated, lend_dates
from briefing.factbase.textnorm import normalise
from briefing.factbase.vocab import Vocabulary, load_vocabulary, mark_stated
from briefing.project import Project


@dataclass
class FactBase:
    """Every source, vocabulary entry and fact, with each citation located in its seed."""

    project: Project
    sources: dict[str, Source]
    vocab: Vocabulary
    facts: list[Fact]
    conflicts: list[Conflict] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Vocabulary entries whose names no seed states: briefs mark them as the curator's.
    curator_labels: list = field(default_factory=list)

    def __post_init__(self):
        self.by_id = {fact.id: fact for fact in self.facts}
        self.conflicts_of: dict[str, list[Conflict]] = {}
        for conflict in self.conflicts:
            for fid in conflict.fact_ids:
                self.conflicts_of.setdefault(fid, []).append(conflict)

    @property
    def citation_count(self) -> int:
        """Return the number of citations located in their seeds."""
        return sum(1 for f in self.facts for c in f.citations if c.location)

    def require_valid(self) -> FactBase:
        """Return self, or raise DataInvalid with every error found."""
        if self.errors:
            raise DataInvalid(self.errors)
        return self


def load_factbase(project: Project) -> FactBase:
    """Read and check everything under `seeds/`.

    Unreadable input raises UnusableInput at once; rule violations are collected in
    `errors` (see `FactBase.require_valid`), so one run reports them all.
    """
    root = project.root
    sources, problems, rejected = load_sources(project.seeds, root)
    vocab, found = load_vocabulary(project.vocab, root)
    problems += found
    files, found = read_fact_files(project.facts, root)
    problems += found
    facts = [fact for file in files for fact in file.facts]
    by_source = {s.id: s for s in sources}
    problems += _check_unique(facts)
    problems += _check_references(facts, vocab)
    # Citations located in these very seeds by an earlier run (kept with their file's
    # facts) are not searched for again.
    tag = seeds_tag(sources, rejected)
    fresh = [file for file in files
             if file.located_in != tag or not _verified(file.facts, by_source)]
    for fact in (fact for file in fresh for fact in file.facts):
        for cit in fact.citations:
            cit.location = None
    registered = {s.file for s in sources}
    loose = sorted(p.name for p in project.seeds.glob("*.txt") if p.name not in registered)
    misses = _locate_citations([fact for file in fresh for fact in file.facts], by_source,
                               rejected, loose)
    problems += misses
    missed = {p.file for p in misses}
    for file in fresh:
        if file.name not in missed:
            keep(file, tag)
    problems += _check_debris(facts, sources)
    _merge_same(facts, vocab)
    problems += check_stated(facts, by_source)
    problems += _check_coverage(facts, sources)
    problems += _check_drawable(facts, sources, vocab)
    lend_dates(facts, by_source)
    conflicts = (find_conflicts(facts) + count_conflicts(facts, vocab)
                 + name_variants(facts, vocab))
    base = FactBase(project, by_source, vocab, facts, conflicts=conflicts)
    base.errors = [p for p in problems if p.severity == "error"]
    if not base.errors:
        # Over every seed's words: done for a fact base that can be built (briefs mark
        # the labels), not for one whose errors are reported first.
        base.curator_labels = mark_stated(vocab, [s.seed.norm for s in sources])
    _mark_dated(facts, vocab)
    base.warnings = [p for p in problems if p.severity != "error"]
    return base


def _merge_same(facts: list[Fact], vocab: Vocabulary) -> None:
    """Name each entry merged by `same_as` by the id it is merged into, in every fact,
    so that selection, grids, timelines and conflicts see one event. Done after the
    facts are kept (the cache holds what the files say) and their digests taken."""
    merged = {(kind, old) for kind, old, _new in vocab.merged()}
    if not merged:
        return
    kinds = {kind for kind, _old in merged}
    for fact in facts:
        fact.digest  # noqa: B018 -- of what the file says, before ids are merged
        for field_name, kind in ENTITY_FIELDS.items():
            if kind not in kinds:
                continue
            value = getattr(fact, field_name)
            if value:
                setattr(fact, field_name, tuple(dict.fromkeys(
                    vocab.canonical(kind, v) for v in value)))
        if fact.subject:
            found = vocab.find(fact.subject)
            if found is not None and (found.kind, fact.subject) in merged:
                fact.subject = vocab.canonical(found.kind, fact.subject)


def _mark_dated(facts: list[Fact], vocab: Vocabulary) -> None:
    """Record on each meeting whether a fact dates it, or a session held under it, and
    which facts naming it give its earliest date and its place."""
    meetings = vocab["meetings"]
    dated = set()
    for entry in meetings.values():
        entry.dating = entry.placing = None
    for fact in facts:
        for meeting in fact.meetings if fact.date else ():
            dated.update(vocab.held_under(meeting))  # a session dates the meeting it was under
        for meeting in fact.meetings:
            entry = meetings.get(meeting)
            if entry is None:
                continue
            if fact.date and (entry.dating is None or _earlier(fact, entry.dating)):
                entry.dating = fact
            if fact.place and entry.placing is None:
                entry.placing = fact
    for entry in meetings.values():
        entry.dated = entry.id in dated


def _earlier(fact: Fact, than: Fact) -> bool:
    """Whether `fact` gives an earlier date than `than` (a day before its month)."""
    a, b = fact.date.iso(), than.date.iso()
    return (a, len(a)) < (b, len(b))


def seeds_tag(sources: list[Source], rejected: set[str]) -> str:
    """Return a digest of everything a citation's location depends on besides the
    citation itself: each source's id, seed file, seed bytes (by sha256) and lines."""
    spans = sorted((s.id, s.seed.name, s.seed.sha256, s.first_line, s.last_line)
                   for s in sources)
    return hashlib.sha256(repr((spans, sorted(rejected))).encode()).hexdigest()


def _verified(facts: list[Fact], sources: dict[str, Source]) -> bool:
    """Whether every kept citation location holds: the words there, normalised, are the
    quote's, inside its source, on the line and column recorded. The cache is part of
    the project folder, so what it says was found is checked, not believed."""
    spans = {sid: (*source.span, source.seed) for sid, source in sources.items()}
    for fact in facts:
        for cit in fact.citations:
            loc, span = cit.location, spans.get(cit.source)
            if loc is None or span is None:
                return False
            first, last, seed = span
            if not first <= loc.start < loc.end <= last:
                return False
            words = seed.text[loc.start:loc.end]
            if words != cit.quote and normalise(words) != normalise(cit.quote):
                return False
            if ((loc.line, loc.column) != seed.position(loc.start)
                    or loc.end_line != seed.position(loc.end - 1)[0]):
                return False
    return True


def _check_unique(facts: list[Fact]) -> list[Problem]:
    first: dict[str, Fact] = {}
    problems = []
    for fact in facts:
        if fact.id in first:
            other = first[fact.id]
            problems.append(Problem(f"fact id '{fact.id}' is used twice (also at "
                                    f"{other.file}:{other.line})", fact.file, fact.line,
                                    hint="give each fact its own id"))
        else:
            first[fact.id] = fact
    return problems


def _check_references(facts: list[Fact], vocab: Vocabulary) -> list[Problem]:
    problems = []
    fields = [(field_name, kind, vocab[kind]) for field_name, kind in ENTITY_FIELDS.items()]
    for fact in facts:
        for field_name, kind, table in fields:
            refs = getattr(fact, field_name)  # every entity field is a tuple of ids
            if not refs:
                continue
            shown = "meeting" if field_name == "meetings" and len(refs) == 1 else field_name
            for ref in refs:
                if ref not in table:
                    problems.append(Problem(
                        f"fact '{fact.id}': {shown} names unknown id '{ref}'",
                        fact.file, fact.line,
                        hint=_suggest(ref, vocab[kind]) + f"; ids are in seeds/vocab/"
                        f"{kind}.yaml"))
        if fact.subject and vocab.find(fact.subject) is None:
            problems.append(Problem(f"fact '{fact.id}': subject '{fact.subject}' is not in "
                                    "any vocabulary", fact.file, fact.line,
                                    hint="use a meeting, partner, initiative or other id"))
        for attribute, value in fact.attributes.items():
            declared = vocab["attributes"].get(attribute)
            if declared is not None and declared.get("count_of") and not value.isdigit():
                problems.append(Problem(
                    f"fact '{fact.id}': attribute '{attribute}' counts entries: its value "
                    f"must be a whole number, found {value!r}", fact.file, fact.line,
                    hint="write the number the source states, in digits"))
            if attribute not in vocab["attributes"]:
                problems.append(Problem(
                    f"fact '{fact.id}': unknown attribute '{attribute}'", fact.file, fact.line,
                    hint=_suggest(attribute, vocab["attributes"]) + "; attributes are declared "
                    "in seeds/vocab/attributes.yaml so that conflicts compare like with like"))
        if fact.attributes and subject_of(fact) is None:
            what = ("no subject, and several meetings" if fact.meetings
                    else "no subject or meeting")
            problems.append(Problem(f"fact '{fact.id}' has attributes but {what}",
                                    fact.file, fact.line,
                                    hint="add 'subject:' naming what the attributes are about"))
    return problems


def _suggest(ref: str, table: dict) -> str:
    import difflib

    close = difflib.get_close_matches(ref, list(table), n=1)
    return f"did you mean '{close[0]}'?" if close else "check the spelling"


def _locate_citations(facts: list[Fact], sources: dict[str, Source],
                      rejected: set[str] = frozenset(), loose: list[str] = ()) -> list[Problem]:
    """Locate every citation in its source; return the problems (unknown sources, quotes
    not found or ambiguous). `loose` names the seed files no source registers, which an
    unknown source id may be meant for."""
    problems = []
    seeds, needles, normalised = {}, {}, {}
    for fact in facts:
        for cit in fact.citations:
            if cit.source in sources:
                seed = sources[cit.source].seed
                seeds[seed.name] = seed
                needle = normalised[cit.quote] = normalise(cit.quote)
                needles.setdefault(seed.name, set()).add(needle)
    found = {name: find_all(seeds[name], group) for name, group in needles.items()}
    for fact in facts:
        for cit in fact.citations:
            source = sources.get(cit.source)
            if source is None and cit.source in rejected:
                continue  # its entry in sources.yaml is in error, and reported as such
            if source is None:
                segments = [s for s in sources.values() if s.part_of == cit.source]
                if segments:
                    problems.append(Problem(
                        f"fact '{fact.id}' cites '{cit.source}', a seed file split into "
                        "segments: cite the segment its quote is in", cit.file, cit.line,
                        hint="segments of " + cit.source + ": " + ", ".join(
                            f"{s.id} (lines {s.first_line}-{s.last_line})" for s in segments)))
                    continue
                hint = _suggest(cit.source, sources) + "; source ids are in seeds/sources.yaml"
                if loose:
                    named = [n for n in loose if Path(n).stem == cit.source] or list(loose)
                    hint = (f"seeds/{named[0]} is not registered in sources.yaml: `briefing "
                            f"add-source seeds/{named[0]} --id {cit.source}` registers it"
                            + (f" ({len(loose) - 1} more unregistered)" if len(loose) > 1
                               else "") + "; otherwise " + hint)
                problems.append(Problem(f"fact '{fact.id}' cites unknown source '{cit.source}'",
                                        cit.file, cit.line, hint=hint))
                continue
            where = locate(source, cit.quote, cit.prefix, cit.suffix, found[source.seed.name],
                           normalised[cit.quote])
            if not isinstance(where, Miss):
                cit.location = where
                continue
            problems.append(_miss_problem(fact, cit, source, where))
    return problems


def _miss_problem(fact: Fact, cit, source: Source, miss: Miss) -> Problem:
    where = f"{source.id} ({source.file}, lines {source.first_line}-{source.last_line})"
    if miss.reason == "empty":
        return Problem(f"fact '{fact.id}': empty quote", cit.file, cit.line,
                       hint="copy the exact words the fact rests on")
    if miss.reason == "ambiguous":
        lines = sorted(set(miss.lines))
        on = (f"line {lines[0]}" if len(lines) == 1 else
              "lines " + ", ".join(map(str, lines)))
        return Problem(f"fact '{fact.id}': quote occurs {miss.count} times in {where}, on "
                       f"{on}, so the citation is ambiguous", cit.file, cit.line,
                       detail=f"quote: {cit.quote}",
                       hint="lengthen the quote, or add 'prefix:' (words just before it) "
                            "or 'suffix:' (words just after it) to pick one")
    detail = f"quote:   {' '.join(cit.quote.split())}"
    hint = "copy the source's exact words (see the closest passage)"
    if miss.closest:
        detail += f"\nclosest: {miss.closest}  (line {miss.closest_line})"
        if miss.difference:
            caret = " " * (9 + miss.caret) + "^ " if miss.caret >= 0 else "first difference, "
            detail += f"\n{caret}{miss.difference}"
    else:
        hint = "nothing in the source is like the quote: check the source id and the words"
    return Problem(f"fact '{fact.id}': quote not found in {where}", cit.file, cit.line,
                   detail=detail, hint=hint)


def _check_drawable(facts: list[Fact], sources: list[Source], vocab: Vocabulary
                    ) -> list[Problem]:
    """Return an error for each text that holds a character no bundled font can draw
    (an emoji, an unsupported script): the PDF would lose it without a word."""
    problems = []
    every = chain((f.text for f in facts), (f.place or "" for f in facts),
                  (v for f in facts for v in f.attributes.values()),
                  (c.quote for f in facts for c in f.citations),
                  (getattr(s, k) or "" for s in sources for k in ("outlet", "title", "label")),
                  (getattr(e, k) or "" for t in vocab.entries.values() for e in t.values()
                   for k in ("name", "short")))
    # Most text is ASCII (a flag of the string: no scan), the rest mostly Latin: one
    # pass over all of it, and the item by item search only when something is lost.
    if not glyphs.missing("\n".join(t for t in every if not t.isascii())):
        return problems

    def check(text, what: str, file: str, line: int, hint: str) -> None:
        lost = glyphs.missing(text) if text else []
        if lost:
            problems.append(Problem(
                f"{what} holds {', '.join(map(glyphs.describe, lost[:3]))}"
                + (f" and {len(lost) - 3} more" if len(lost) > 3 else "")
                + ", which no font of the PDF can show", file, line, hint=hint))

    words = "leave the character out or say it in words (see the README's limits on scripts)"
    for fact in facts:
        check(fact.text, f"fact '{fact.id}': its text", fact.file, fact.line, words)
        check(fact.place, f"fact '{fact.id}': its place", fact.file, fact.line, words)
        for key, value in fact.attributes.items():
            check(value, f"fact '{fact.id}': attribute '{key}'", fact.file, fact.line, words)
        for cit in fact.citations:
            check(cit.quote, f"fact '{fact.id}': the quote", cit.file, cit.line,
                  "notes show the quote: cut it before or after the character")
    for src in sources:
        for key in ("outlet", "title", "label"):
            check(getattr(src, key), f"source '{src.id}': '{key}'", src.declared_in,
                  src.declared_line, words)
    for kind, table in vocab.entries.items():
        for entry in table.values():
            for key in ("name", "short"):
                check(getattr(entry, key), f"{kind} entry '{entry.id}': '{key}'", entry.file,
                      entry.line, words)
    return problems


def _check_coverage(facts: list[Fact], sources: list[Source]) -> list[Problem]:
    """Return an error for each source no fact cites (a warning for a draft, which is
    being curated)."""
    cited = {c.source for f in facts for c in f.citations}
    problems = []
    for s in sources:
        if s.id in cited:
            continue
        if s.status == "draft":
            problems.append(Problem(
                f"source '{s.id}' ({s.file}) is a draft that no fact cites yet", s.declared_in,
                s.declared_line, severity="warning",
                hint=f"`briefing propose {s.id}` suggests facts for its sentences"))
        else:
            problems.append(Problem(f"source '{s.id}' ({s.file}) is never cited", s.declared_in,
                                    s.declared_line, hint="add facts that cite it, or remove it"))
    return problems


def _check_debris(facts: list[Fact], sources: list[Source]) -> list[Problem]:
    """Return an error for each declared passage of debris found nowhere in its file, and
    for each citation whose words overlap debris."""
    problems = []
    by_seed: dict[str, list[Source]] = {}
    for source in sources:
        if source.debris:
            by_seed.setdefault(source.seed.name, []).append(source)
    for group in by_seed.values():
        declared = dict.fromkeys(d for s in group for d in s.debris)
        for passage in declared:
            if not any(normalise(passage) and normalise(passage) in
                       s.seed.norm[slice(*s.norm_span)] for s in group):
                first = group[0]
                problems.append(Problem(
                    f"debris '{passage}' is not in {first.file}", first.declared_in,
                    first.declared_line, hint="copy the passage exactly as the file has it"))
    with_debris = {s.id: s for group in by_seed.values() for s in group}
    tests = {}
    for fact in facts:
        for cit in fact.citations:
            source = with_debris.get(cit.source)
            if source is None or cit.location is None:
                continue
            if source.id not in tests:
                tests[source.id] = overlap_test(source.debris_spans)
            if tests[source.id](cit.location.start, cit.location.end):
                start, end = next((s, e) for s, e in source.debris_spans
                                  if s < cit.location.end and cit.location.start < e)
                problems.append(Problem(
                    f"fact '{fact.id}' cites web debris of {source.id}: "
                    f"'{source.seed.text[start:end]}'", cit.file, cit.line,
                    hint="cite the article's own words; debris is declared under "
                         f"'debris:' in {source.declared_in}"))
    return problems
