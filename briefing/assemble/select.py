"""Pure selection of facts: filter by kind, entities, sources, tags and dates; sort; limit."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.factbase.dates import PartialDate
from briefing.factbase.facts import Fact
from briefing.factbase.vocab import Vocabulary

SORTS = ("source", "date", "meeting", "kind", "id", "rank")


@dataclass(frozen=True)
class Selection:
    """What a section (or `briefing facts`) asks for. Empty tuples mean "any"."""

    kinds: tuple[str, ...] = ()
    crime_types: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    meetings: tuple[str, ...] = ()
    member_states: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    initiatives: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    sort: str = "source"
    limit: int | None = None


def expand_meetings(vocab: Vocabulary, ids: tuple[str, ...]) -> set[str]:
    """Return the meetings and every session or consultation held under them."""
    family = set(ids)
    changed = True
    while changed:
        changed = False
        for entry in vocab["meetings"].values():
            if entry.get("part_of") in family and entry.id not in family:
                family.add(entry.id)
                changed = True
    return family


def expand_partners(vocab: Vocabulary, ids: tuple[str, ...]) -> set[str]:
    """Return the partners and any grouping that has one of them as a member."""
    family = set(ids)
    for entry in vocab["partners"].values():
        if set(entry.get("members") or ()) & set(ids):
            family.add(entry.id)
    return family


def select(facts: list[Fact], vocab: Vocabulary, sel: Selection,
           exclude: frozenset[str] | set[str] = frozenset()) -> list[Fact]:
    """Return the facts that `sel` asks for, sorted and limited; facts whose ids are in
    `exclude` are left out before the limit counts (a section that omits what the brief
    has shown still gets `limit` facts where there are that many)."""
    chosen = list(facts)
    # One pass per criterion the selection sets, in place of every test for every fact:
    # a section usually sets one or two of the eleven.
    for keep in _criteria(vocab, sel):
        chosen = [fact for fact in chosen if keep(fact)]
    if exclude:
        chosen = [fact for fact in chosen if fact.id not in exclude]
    chosen.sort(key=_sort_key(sel.sort, vocab, sel.facts))
    return chosen[: sel.limit] if sel.limit is not None else chosen


def _criteria(vocab: Vocabulary, sel: Selection):
    """Yield a test of a fact for each criterion `sel` sets; a fact is chosen if it passes
    them all."""
    if sel.facts:
        yield lambda fact: fact.id in sel.facts
    if sel.kinds:
        yield lambda fact: fact.kind in sel.kinds
    if sel.crime_types:
        crimes = set().union(*(vocab.crime_family(c) for c in sel.crime_types))
        yield lambda fact: not crimes.isdisjoint(fact.crime_types)
    if sel.partners:
        partners = expand_partners(vocab, sel.partners)
        yield lambda fact: not partners.isdisjoint(fact.partners)
    if sel.meetings:
        meetings = expand_meetings(vocab, sel.meetings)
        yield lambda fact: not meetings.isdisjoint(fact.meetings)
    for field in ("member_states", "people", "initiatives", "organisations", "tags"):
        wanted = set(getattr(sel, field))
        if wanted:
            yield lambda fact, field=field, wanted=wanted: not wanted.isdisjoint(
                getattr(fact, field))
    if sel.sources:
        yield lambda fact: any(source_matches(s, sel.sources) for s in fact.sources)
    if sel.date_from or sel.date_to:
        yield lambda fact: _in_range(fact.date, sel)


def source_matches(source_id: str, wanted) -> bool:
    """Return whether `source_id` is one of `wanted`, or a segment of one: "s002" selects
    all of its segments ("s002-thesun", ...)."""
    return any(source_id == w or source_id.startswith(w + "-") for w in wanted)


def _in_range(date: PartialDate | None, sel: Selection) -> bool:
    if date is None:
        return False
    first, last = date.bounds()
    if sel.date_from and last < sel.date_from.bounds()[0]:
        return False
    if sel.date_to and first > sel.date_to.bounds()[1]:
        return False
    return True


def _sort_key(order: str, vocab: Vocabulary, fact_order: tuple[str, ...]):
    meetings = list(vocab["meetings"])
    if fact_order:
        rank = {fid: i for i, fid in enumerate(fact_order)}
        return lambda f: rank[f.id]
    if order == "date":
        # Undated facts go last, keeping their curated order.
        return lambda f: (f.date is None, f.date.bounds()[0] if f.date else "", f.order)
    if order == "meeting":
        # By the first of its meetings the vocabulary lists; facts of no meeting last.
        place = {mid: i for i, mid in enumerate(meetings)}
        return lambda f: (not f.meetings,
                          min((place.get(mid, 0) for mid in f.meetings), default=0), f.order)
    if order == "kind":
        from briefing.factbase.facts import KINDS
        return lambda f: (KINDS.index(f.kind), f.order)
    if order == "id":
        return lambda f: f.id
    if order == "rank":
        # Ranked facts first, lower rank first; the rest after, in curated order.
        return lambda f: (f.rank is None, f.rank or 0, f.order)
    return lambda f: f.order
