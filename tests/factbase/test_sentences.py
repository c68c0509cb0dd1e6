"""Sentences: where each starts and ends, abbreviations, initials and quotations kept whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.factbase.sentences import sentence_spans, without_debris


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text, sentences", [
    ("Pol. Maj. Gen. Arthit Wongsakul spoke. He left.",
     ["Pol. Maj. Gen. Arthit Wongsakul spoke.", "He left."]),
    ("The U.N. Office on Drugs and Crime helped. Dr. Lan agreed.",
     ["The U.N. Office on Drugs and Crime helped.", "Dr. Lan agreed."]),
    ("YBhg. Datuk Awang Alik chaired it. It ended.",
     ["YBhg. Datuk Awang Alik chaired it.", "It ended."]),
    ("Lee J. Soo met No. 5 delegates, approx. ten of them. Then?  Yes!",
     ["Lee J. Soo met No. 5 delegates, approx. ten of them.", "Then?", "Yes!"]),
    ("“We must act. Now,” he said. The end.", ["“We must act. Now,” he said.", "The end."]),
    ("A heading\nThe first sentence. The second.\n\n", ["A heading", "The first sentence.",
                                                      "The second."]),
    ("He said: “It is done.” Then he left.", ["He said: “It is done.”", "Then he left."]),
])
def test_sentences(text, sentences):
    assert _split(text) == sentences


@given(st.text(alphabet="ab .!?\n“”\"", max_size=80))
def test_spans_are_ordered_stripped_and_inside_the_text(text):
    spans = sentence_spans(text)
    assert spans == sorted(spans)
    for (s, e), nxt in zip(spans, spans[1:] + [(len(text), len(text))]):
        assert 0 <= s < e <= nxt[0]
        assert text[s:e] == text[s:e].strip()
    # Nothing but white space is left out.
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_sentences_overlapping_debris_are_left_out():
    assert without_debris([(0, 5), (6, 10), (11, 20)], [(7, 8)]) == [(0, 5), (11, 20)]
    assert without_debris([(0, 5)], []) == [(0, 5)]
