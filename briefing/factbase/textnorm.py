"""The documented normalisation under which quotes are matched against seed texts.

A quote matches when it equals a passage of the seed after both are normalised:
Unicode NFC; curly single and double quotes and primes read as straight ones; en and em
dashes, minus signs and similar read as "-"; any run of white space (including no-break
spaces) reads as one space. Case is kept. `normalise_with_map` also returns, for each
character of the result, its offset in the original text, so a match can be located.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

_CHAR_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-",
})
_MAPPED = re.compile("[" + "".join(map(chr, _CHAR_MAP)) + "]")
# A white-space character other than " " (each reads as one space: offsets stay), and a
# run of spaces (which reads as one: offsets move).
_OTHER_SPACE = re.compile(r"[^\S ]")
_SPACES = re.compile(" +")


def normalise(text: str) -> str:
    """Return `text` under the quote-matching normalisation."""
    if not text.isascii():  # no ASCII character changes under NFC or the map
        text = unicodedata.normalize("NFC", text).translate(_CHAR_MAP)
    # str.split and the regex \s agree on white space (both Py_UNICODE_ISSPACE).
    return " ".join(text.split())


class Offsets:
    """Each normalised character's offset in the original text (plus one entry for the
    end), read like a list but stored as the points where the shift between the two
    changes: a list of every offset of a long seed cost more than the rest of `check`."""

    __slots__ = ("_starts", "_shifts", "_length")

    def __init__(self, starts: list[int], shifts: list[int], length: int):
        self._starts, self._shifts, self._length = starts, shifts, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self._length:
            raise IndexError(index)
        return index + self._shifts[bisect.bisect_right(self._starts, index) - 1]


def normalise_with_map(text: str) -> tuple[str, Offsets | list[int]]:
    """Return the normalised `text` (not stripped) and each character's original offset.

    The offsets have one extra entry, `len(text)`, so an end position maps too.
    """
    if not unicodedata.is_normalized("NFC", text):
        return _normalise_with_map_slow(text)
    # Every mapped character stays one character, and so does each white-space character
    # made a space, so only runs of spaces move offsets: copy the stretches between them
    # whole (C speed) and keep one space for each run. str.translate visits every
    # character; the few quotes, dashes and line ends are found faster (a 50 MB seed with
    # a line end every 150 characters: 0.5 s, against 2.2 s for a match per line end).
    text = _MAPPED.sub(lambda m: _CHAR_MAP[ord(m.group())], text)
    text = _OTHER_SPACE.sub(" ", text)
    parts: list[str] = []
    starts, shifts = [0], [0]
    pos = done = 0  # in the original text; in the result
    start = text.find("  ")
    while start != -1:
        parts.append(text[pos:start])
        parts.append(" ")
        done += start - pos
        starts.append(done)  # the run's one space stands at its first character
        shifts.append(start - done)
        done += 1
        pos = _SPACES.match(text, start).end()
        starts.append(done)
        shifts.append(pos - done)
        start = text.find("  ", pos)
    parts.append(text[pos:])
    done += len(text) - pos
    return "".join(parts), Offsets(starts, shifts, done + 1)


def _normalise_with_map_slow(text: str) -> tuple[str, list[int]]:
    """The same as `normalise_with_map`, character by character, for non-NFC text."""
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
