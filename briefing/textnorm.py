"""The documented normalisation under which quotes are matched against seed texts.

A quote matches when it equals a passage of the seed after both are normalised:
Unicode NFC; curly single and double quotes and primes read as straight ones; en and em
dashes, minus signs and similar read as "-"; any run of white space (including no-break
spaces) reads as one space. Case is kept. `normalise_with_map` also returns, for each
character of the result, its offset in the original text, so a match can be located.
"""

from __future__ import annotations

import re
import unicodedata

_CHAR_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Return `text` under the quote-matching normalisation."""
    text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    return _SPACE.sub(" ", text).strip()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Return the normalised `text` (not stripped) and each character's original offset.

    The offset list has one extra entry, `len(text)`, so an end position maps too.
    """
    chars: list[str] = []
    origin: list[int] = []
    for start, cluster in _nfc_clusters(text):
        for ch in cluster.translate(_CHAR_MAP):
            if ch.isspace():
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch)
            origin.append(start)
    origin.append(len(text))
    return "".join(chars), origin


def _nfc_clusters(text: str):
    """Yield (offset, NFC text) for each run that starts with a non-combining character."""
    if unicodedata.is_normalized("NFC", text):
        yield from enumerate(text)
        return
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            yield start, unicodedata.normalize("NFC", text[start:i])
            start = i
