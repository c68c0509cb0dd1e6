"""One pass over a seed finds every occurrence of every quote, as a scan per quote would."""

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.factbase import quotes
from briefing.factbase.quotes import find_all
from briefing.factbase.sources import SeedFile


def _seed(text: str) -> SeedFile:
    return SeedFile("x.txt", Path("x.txt"), text, "0" * 64)


def _scan(text: str, needle: str) -> list[int]:
    hits, at = [], text.find(needle)
    while at != -1:
        hits.append(at)
        at = text.find(needle, at + 1)
    return hits


def _batch(seed: SeedFile, needles: set[str]) -> dict[str, list[int]]:
    assert len(needles) >= quotes._BATCH_FROM  # the automaton path, not the scans
    return find_all(seed, needles)


def test_batch_search_finds_overlaps_short_quotes_and_shared_starts():
    text = ("aaaa The ministers agreed to cooperate. The ministers agreed to meet again. "
            "ASEAN ASEANAPOL ASEAN-led " * 3)
    seed = _seed(text)
    needles = {"aa", "aaa", "ASEAN", "ASEANAPOL", "The ministers agreed to cooperate.",
               "The ministers agreed to meet", "The ministers agreed to", "not there at all",
               "The ministers agreed to cooperate. The ministers agreed to meet again. ASEAN"}
    needles |= {text[i:i + 30] for i in range(0, 200, 7)}
    found = _batch(seed, needles)
    for needle in needles:
        assert found[needle] == _scan(seed.norm, needle), needle
    assert len(found["aaa"]) == 6  # two overlapping hits in each "aaaa"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab c.", min_size=1, max_size=60), st.integers(0, 2**32))
def test_batch_search_matches_a_scan_per_quote(text, picks):
    rnd = random.Random(picks)
    seed = _seed((text + "x") * 8)  # repeats, so quotes recur and overlap
    hay = seed.norm
    # Quotes cut from the text, and text that is not in it, until the automaton is used.
    needles = {hay[start:start + rnd.randint(1, 40)] for start in
               (rnd.randrange(len(hay)) for _ in range(60))}
    needles |= {f"absent {n}" for n in range(quotes._BATCH_FROM)}
    found = _batch(seed, needles)
    assert found == {needle: _scan(hay, needle) for needle in needles}
