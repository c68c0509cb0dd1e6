"""`clean_text` against its definition: NFC, XML-illegal characters dropped, white
space runs as one space."""

from __future__ import annotations

import random
import re
import unicodedata

from briefing.writers.pdf.clean import clean_text


_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", _ILLEGAL.sub("", text))


def test_clean_text_matches_its_definition():
    pieces = ["a", " ", "  ", "\t", "\n", "\xa0", "\u2003", "\x01", "\x1c", "\x7f", "\ufffe",
              "\u00e9", "e\u0301", "\u201c", "\u200b", "\x85", "\ud800", "\u3000", "\u2028",
              "\u1680", "\u202f", "\uffff", "\U0001f600"]
    rnd = random.Random(5)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        assert clean_text(text) == _clean(text), repr(text)
