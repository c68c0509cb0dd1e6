"""The scripts of the region beyond Latin: which script a character belongs to, where
unspaced text may break, and which clusters must stay whole.

Format-neutral (no writer imports): the PDF writer picks a font per script from this,
the DOCX writer names fonts per script. Latin, with Vietnamese, Malay, Indonesian and
Tagalog, is the default and needs nothing here.

Scripts are told apart by Unicode block, which is enough for the scripts supported
(see the README's limits). Characters of no script (spaces, digits, punctuation) and
combining marks go with the text around them.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

THAI, LAO, KHMER, MYANMAR, CJK = "thai", "lao", "khmer", "myanmar", "cjk"
COMPLEX = frozenset({THAI, LAO, KHMER, MYANMAR})  # need shaping; Word's "cs" slot

_BLOCKS = [  # (first, last, script), sorted
    (0x0E00, 0x0E7F, THAI), (0x0E80, 0x0EFF, LAO), (0x1000, 0x109F, MYANMAR),
    (0x1100, 0x11FF, CJK), (0x1780, 0x17FF, KHMER), (0x19E0, 0x19FF, KHMER),
    (0x2E80, 0x2FDF, CJK), (0x3000, 0x303F, CJK), (0x3040, 0x31FF, CJK),
    (0x3200, 0x4DBF, CJK), (0x4E00, 0x9FFF, CJK), (0xA9E0, 0xA9FF, MYANMAR),
    (0xAA60, 0xAA7F, MYANMAR), (0xAC00, 0xD7AF, CJK), (0xF900, 0xFAFF, CJK),
    (0xFE30, 0xFE4F, CJK), (0xFF00, 0xFFEF, CJK), (0x20000, 0x3FFFF, CJK),
]
_STARTS = [b[0] for b in _BLOCKS]

ZWSP = "\u200b"
# Vowels written before the consonant they follow in speech: they open a cluster.
_PREPOSED = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
# Spacing vowels (Lo in Unicode) that belong to the syllable before them.
_FOLLOWING = frozenset("\u0e30\u0e32\u0e33\u0e45\u0eb0\u0eb2\u0eb3")
# Khmer coeng and Burmese virama: the next consonant is written below, in one cluster.
_STACKERS = frozenset("\u17d2\u1039")
_JOINERS = frozenset("\u200c\u200d")
_ASAT = "\u103a"
# Chinese and Japanese punctuation a line may not start, or end, with.
_NO_START = frozenset("、。，．：；！？）」』】〕〉》”’・ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
                      "\uff09\uff3d\uff5d\uff0c\uff0e\uff1a\uff1b\uff01\uff1f%)]},.:;!?")
_NO_END = frozenset("（「『【〔〈《“‘\uff08\uff3b\uff5b([{")


def script_of(ch: str) -> str | None:
    """Return the script of `ch` (THAI ... CJK), or None for Latin and common characters."""
    cp = ord(ch)
    if cp < 0x0E00:
        return None
    i = bisect_right(_STARTS, cp) - 1
    if i >= 0 and cp <= _BLOCKS[i][1]:
        return _BLOCKS[i][2]
    return None


def scripts_in(text: str) -> set[str]:
    """Return the scripts (beyond Latin) that `text` uses."""
    if text.isascii():
        return set()
    return {s for s in map(script_of, text) if s is not None}


def runs(text: str) -> list[tuple[str, str | None]]:
    """Return `text` as (text, script) runs; common characters join the run before them
    (or, at the start, the one after)."""
    out: list[list] = []
    for ch in text:
        s = script_of(ch)
        if s is None and (not out or is_common(ch)):
            s = out[-1][1] if out else None
        if out and out[-1][1] == s:
            out[-1][0] += ch
        elif out and out[-1][1] is None and all(map(is_common, out[-1][0])):
            out[-1][0] += ch  # leading common characters take the first script
            out[-1][1] = s
        else:
            out.append([ch, s])
    return [(t, s) for t, s in out]


def is_common(ch: str) -> bool:
    """Whether `ch` belongs to no script: white space, digits, punctuation, marks."""
    return unicodedata.category(ch)[0] in "ZNPSMC"


def _joins(cluster: str, ch: str) -> bool:
    """Whether `ch` continues `cluster` (no break may come between them)."""
    last = cluster[-1]
    if last in _STACKERS or last in _PREPOSED or last in _JOINERS:
        return True
    return (ch in _FOLLOWING or ch in _JOINERS
            or unicodedata.category(ch)[0] == "M" or 0xFE00 <= ord(ch) <= 0xFE0F)


def clusters(text: str) -> list[str]:
    """Return `text` cut where a line may break inside a word without harming it.

    A cluster is a character with its combining marks, a Thai or Lao preposed vowel
    with the consonant after it, a Khmer or Burmese stack (coeng or virama with the
    consonant below), and, in Burmese, a consonant killed by asat with the syllable
    before it. Shaping never needs to see across these boundaries.
    """
    out: list[str] = []
    for ch in text:
        if out and _joins(out[-1], ch):
            out[-1] += ch
        else:
            out.append(ch)
    merged: list[str] = []
    for c in out:
        if (merged and len(c) > 1 and c[1] == _ASAT and "\u1039" not in c
                and script_of(c[0]) == MYANMAR and script_of(merged[-1][-1]) == MYANMAR):
            merged[-1] += c
        else:
            merged.append(c)
    return merged


def cjk_breaks(text: str) -> list[str]:
    """Return `text` cut at each place a line may break between CJK characters.

    Chinese and Japanese break between any two characters, except before closing
    punctuation and after opening punctuation. Other text stays whole.
    """
    out: list[str] = []
    prev = ""
    for c in clusters(text):
        if (out and (script_of(c[0]) == CJK or script_of(prev) == CJK)
                and c[0] not in _NO_START and prev not in _NO_END
                and not (is_common(c[0]) and script_of(c[0]) is None)):
            out.append(c)
        elif out:
            out[-1] += c
        else:
            out.append(c)
        prev = c[-1]
    return out
