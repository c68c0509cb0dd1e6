"""Pure selection of facts: filter by kind, entities, sources, tags and dates; sort; limit."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.dates import PartialDate
from briefing.facts import Fact
from briefing.vocab import Vocabulary

SORTS = ("source", "date", "meeting", "kind", "id")


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


def select(facts: list[Fact], vocab: Vocabulary, sel: Selection) -> list[Fact]:
    """Return the facts that `sel` asks for, sorted and limited."""
    crimes = set().union(*(vocab.crime_family(c) for c in sel.crime_types)) if sel.crime_types else None
    meetings = expand_meetings(vocab, sel.meetings) if sel.meetings else None
    partners = expand_partners(vocab, sel.partners) if sel.partners else None
    chosen = []
    for fact in facts:
        if sel.facts and fact.id not in sel.facts:
            continue
        if sel.kinds and fact.kind not in sel.kinds:
            continue
        if crimes is not None and not crimes & set(fact.crime_types):
            continue
        if partners is not None and not partners & set(fact.partners):
            continue
        if meetings is not None and fact.meeting not in meetings:
            continue
        if sel.member_states and not set(sel.member_states) & set(fact.member_states):
            continue
        if sel.people and not set(sel.people) & set(fact.people):
            continue
        if sel.initiatives and not set(sel.initiatives) & set(fact.initiatives):
            continue
        if sel.tags and not set(sel.tags) & set(fact.tags):
            continue
        if sel.sources and not any(source_matches(s, sel.sources) for s in fact.sources):
            continue
        if (sel.date_from or sel.date_to) and not _in_range(fact.date, sel):
            continue
        chosen.append(fact)
    chosen.sort(key=_sort_key(sel.sort, vocab, sel.facts))
    return chosen[: sel.limit] if sel.limit is not None else chosen


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
        return lambda f: (f.meeting is None,
                          meetings.index(f.meeting) if f.meeting in meetings else 0, f.order)
    if order == "kind":
        from briefing.facts import KINDS
        return lambda f: (KINDS.index(f.kind), f.order)
    if order == "id":
        return lambda f: f.id
    return lambda f: f.order
