"""Which characters the bundled fonts can draw, so text a PDF would lose is refused early.

The PDF embeds only the fonts in `briefing/fonts/`; a character none of them has (an
emoji, a script the project does not support) would be drawn as nothing or as a box.
`briefing check` refuses such characters in the fact base, naming the fact and the
character, and `briefing build` in any other text of a PDF brief (outline, templates).
Read from the fonts' own character maps (`cmap` formats 4 and 12), once per run and
only when some text is not plain ASCII. Invisible characters (format controls such as
zero-width joiners, variation selectors, white space) are never refused: they draw
nothing in any font.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from functools import cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
# Latin (with its combining marks), Vietnamese and general punctuation: Noto Sans has
# every character of these blocks (tests/test_glyphs.py holds it to that), so most text
# needs no font read at all.
_BEYOND_LATIN = re.compile("[^\x00-\u036f\u1ea0-\u1ef9\u2000-\u206f]").search


def missing(text: str) -> list[str]:
    """Return the characters of `text` that no bundled font can draw, in order, once each."""
    if text.isascii() or not _BEYOND_LATIN(text):
        return []
    covered = _covered()
    out = []
    for ch in dict.fromkeys(text):
        if ord(ch) not in covered and not _invisible(ch):
            out.append(ch)
    return out


def describe(ch: str) -> str:
    """Return a character as messages name it: "😀 (U+1F600 GRINNING FACE)"."""
    name = unicodedata.name(ch, "")
    return f"{ch} (U+{ord(ch):04X}{' ' + name if name else ''})"


def _invisible(ch: str) -> bool:
    cp = ord(ch)
    return (unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp", "Cc")
            or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)


@cache
def _covered() -> frozenset[int]:
    points: set[int] = set()
    for path in sorted(FONTS.glob("*.ttf")):
        points |= _cmap(path.read_bytes())
    return frozenset(points)


def _cmap(font: bytes) -> set[int]:
    """Return the code points the font's Unicode character maps give a glyph."""
    (count,) = struct.unpack_from(">H", font, 4)
    tables = {font[12 + 16 * i: 16 + 16 * i]: struct.unpack_from(">I", font, 20 + 16 * i)[0]
              for i in range(count)}
    base = tables[b"cmap"]
    (n,) = struct.unpack_from(">H", font, base + 2)
    points: set[int] = set()
    for i in range(n):
        platform, encoding, offset = struct.unpack_from(">HHI", font, base + 4 + 8 * i)
        if (platform, encoding) not in ((0, 3), (0, 4), (3, 1), (3, 10), (0, 6)):
            continue
        at = base + offset
        (fmt,) = struct.unpack_from(">H", font, at)
        if fmt == 4:
            points |= _format4(font, at)
        elif fmt == 12:
            (groups,) = struct.unpack_from(">I", font, at + 12)
            for g in range(groups):
                first, last, glyph = struct.unpack_from(">III", font, at + 16 + 12 * g)
                if glyph or first != last:
                    points.update(range(first, last + 1))
    return points


def _format4(font: bytes, at: int) -> set[int]:
    (segments,) = struct.unpack_from(">H", font, at + 6)
    segments //= 2
    ends = struct.unpack_from(f">{segments}H", font, at + 14)
    starts = struct.unpack_from(f">{segments}H", font, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", font, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", font, ranges_at)
    points = set()
    for i, (start, end) in enumerate(zip(starts, ends)):
        if start == 0xFFFF:
            continue
        if offsets[i] == 0:
            points.update(c for c in range(start, end + 1) if (c + deltas[i]) & 0xFFFF)
            continue
        for c in range(start, end + 1):
            where = ranges_at + 2 * i + offsets[i] + 2 * (c - start)
            (glyph,) = struct.unpack_from(">H", font, where)
            if glyph:
                points.add(c)
    return points
