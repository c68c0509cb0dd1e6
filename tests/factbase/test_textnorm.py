"""The compact offset map of a normalised seed reads exactly like the list it replaced."""

import bisect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.factbase.textnorm import _normalise_with_map_slow, normalise_with_map

# White space of every sort, the characters normalisation maps, and plain letters.
_TEXT = st.text(alphabet=st.sampled_from("ab. \n\t\r\u00a0\u2009\u2019\u201c\u2014\u2212xé"))


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_offsets_equal_the_character_by_character_reference(text):
    norm, offsets = normalise_with_map(text)
    ref_norm, ref_offsets = _normalise_with_map_slow(text)
    assert norm == ref_norm
    assert len(offsets) == len(ref_offsets) == len(norm) + 1
    assert [offsets[i] for i in range(len(offsets))] == ref_offsets
    for at in range(len(text) + 1):  # how a source's line span is found in the result
        assert (bisect.bisect_left(offsets, at, 0, len(offsets) - 1)
                == bisect.bisect_left(ref_offsets, at, 0, len(ref_offsets) - 1))


def test_offsets_of_a_seed_with_runs_at_both_ends():
    text = "  The  ministers\n\nmet.\t"
    norm, offsets = normalise_with_map(text)
    assert norm == " The ministers met. "
    assert [offsets[i] for i in range(len(offsets))] == [
        0, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22, 23]
    with pytest.raises(IndexError):
        offsets[len(offsets)]


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXT, st.text()))
def test_normalise_equals_its_definition(text):
    import re
    import unicodedata

    from briefing.factbase.textnorm import _CHAR_MAP, normalise

    defined = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    assert normalise(text) == re.sub(r"\s+", " ", defined).strip()
