"""Selection: a fact is chosen when it passes every criterion the section sets."""

from __future__ import annotations

import pytest
from conftest import fixture_root
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.assemble.select import (
    SORTS,
    Selection,
    _in_range,
    _sort_key,
    expand_meetings,
    expand_partners,
    select,
    source_matches,
)
from briefing.factbase.load import load_factbase
from briefing.project import Project

BASE = load_factbase(Project(fixture_root())).require_valid()
FACTS, VOCAB = BASE.facts, BASE.vocab


def _values(field: str) -> list[str]:
    """Return the ids the test facts use in `field`, and one no fact uses."""
    found = {v for f in FACTS for v in ((getattr(f, field),) if field in ("id", "kind")
                                         else getattr(f, field)) if v}
    return sorted(found) + ["no-such-id"]


def _passes(fact, sel: Selection) -> bool:
    """Return whether `fact` meets each criterion `sel` sets, each tested on its own."""
    def meets(wanted, values) -> bool:
        return bool(set(wanted) & set(values))
    crimes = set().union(*(VOCAB.crime_family(c) for c in sel.crime_types))
    return all([
        not sel.facts or fact.id in sel.facts,
        not sel.kinds or fact.kind in sel.kinds,
        not sel.crime_types or meets(crimes, fact.crime_types),
        not sel.partners or meets(expand_partners(VOCAB, sel.partners), fact.partners),
        not sel.meetings or meets(expand_meetings(VOCAB, sel.meetings), fact.meetings),
        not sel.member_states or meets(sel.member_states, fact.member_states),
        not sel.people or meets(sel.people, fact.people),
        not sel.initiatives or meets(sel.initiatives, fact.initiatives),
        not sel.tags or meets(sel.tags, fact.tags),
        not sel.sources or any(source_matches(s, sel.sources) for s in fact.sources),
        not (sel.date_from or sel.date_to) or _in_range(fact.date, sel),
    ])


_IDS = {"kinds": "kind", "crime_types": "crime_types", "partners": "partners",
        "meetings": "meetings", "member_states": "member_states", "people": "people",
        "initiatives": "initiatives", "tags": "tags", "facts": "id"}
_SOURCES = ["s001", "s002", "s004", "s002-thesun", "s9"]
_DATES = sorted({f.date for f in FACTS if f.date})


@st.composite
def _selections(draw) -> Selection:
    """Draw a selection that sets up to three criteria, as a section usually does."""
    criteria = draw(st.sets(st.sampled_from([*_IDS, "sources", "date_from", "date_to"]),
                            max_size=3))
    values = {}
    for name in criteria:
        if name in _IDS:
            ids = st.lists(st.sampled_from(_values(_IDS[name])), min_size=1, max_size=3,
                           unique=True)
        elif name == "sources":
            ids = st.lists(st.sampled_from(_SOURCES), min_size=1, max_size=2)
        else:
            values[name] = draw(st.sampled_from(_DATES))
            continue
        values[name] = tuple(draw(ids))
    return Selection(**values, sort=draw(st.sampled_from(SORTS)),
                     limit=draw(st.one_of(st.none(), st.integers(0, 5))))


@settings(max_examples=400, deadline=None)
@given(_selections())
def test_selection_chooses_the_facts_that_pass_every_criterion_it_sets(sel):
    expected = sorted((f for f in FACTS if _passes(f, sel)),
                      key=_sort_key(sel.sort, VOCAB, sel.facts))
    assert select(FACTS, VOCAB, sel) == expected[:sel.limit]


@pytest.mark.parametrize("sel", [
    Selection(kinds=("priority",)),
    Selection(kinds=("meeting", "priority"), tags=("key",)),
    Selection(crime_types=("cybercrime",)),
    Selection(partners=("china",), sort="date"),
])
def test_usual_selections_choose_some_but_not_all_facts(sel):
    chosen = select(FACTS, VOCAB, sel)
    assert 0 < len(chosen) < len(FACTS)
    assert chosen == sorted((f for f in FACTS if _passes(f, sel)),
                            key=_sort_key(sel.sort, VOCAB, sel.facts))


def _ranked(ranks: dict[str, int]):
    """Return the shipped facts with `rank` set as given (by id) and unset elsewhere."""
    from dataclasses import replace
    return [replace(f, rank=ranks.get(f.id)) for f in FACTS]


def test_a_ranked_selection_puts_ranked_facts_first_lower_first_then_the_rest_in_order():
    key = [f for f in FACTS if "key" in f.tags]
    assert len(key) >= 4
    ranks = {key[-1].id: 1, key[0].id: 3, key[-2].id: 2}
    chosen = select(_ranked(ranks), VOCAB, Selection(tags=("key",), sort="rank"))
    assert [f.id for f in chosen[:3]] == [key[-1].id, key[-2].id, key[0].id]
    rest = [f.id for f in key if f.id not in ranks]
    assert [f.id for f in chosen[3:]] == rest  # unranked: in curated order
    limited = select(_ranked(ranks), VOCAB, Selection(tags=("key",), sort="rank", limit=2))
    assert [f.id for f in limited] == [key[-1].id, key[-2].id]


def test_a_new_key_fact_ranked_first_leads_the_key_points():
    fresh = [f for f in FACTS if "key" not in f.tags][0]
    from dataclasses import replace
    facts = [replace(f, tags=(*f.tags, "key"), rank=1) if f is fresh else f for f in FACTS]
    assert select(facts, VOCAB, Selection(tags=("key",), sort="rank", limit=3))[0].id == fresh.id


def test_facts_left_out_do_not_count_towards_the_limit():
    sel = Selection(kinds=("priority",), limit=3)
    first = select(FACTS, VOCAB, sel)
    after = select(FACTS, VOCAB, sel, exclude={first[0].id})
    assert len(after) == 3 and first[0] not in after
    assert after[:2] == first[1:]
