"""Fonts per script in the PDF: the shipped fonts of the region, chosen per character.

Noto Sans sets Latin (Vietnamese included). Thai, Lao, Khmer and Burmese are set in the
matching Noto Sans fonts (Regular and Bold; italic falls back to them), Chinese,
Japanese and Korean in Droid Sans Fallback (Regular only: TrueType, so ReportLab can
embed it). `font_runs` cuts text into runs of one font each: a character takes the font
of its script; spaces, digits, punctuation and marks stay in the font of the run they
are in when it has them; anything else falls back to Noto Sans, then to any shipped
font that has it. Script fonts are registered on first use: most briefs need none.

Glyphs that shaping produces but that no character maps to (Khmer subscripts, Burmese
medial forms, Thai marks moved clear of tall consonants) get private-use code points,
assigned in glyph order when the font is registered, so that ReportLab's subsetting,
which works by character, can embed them, the same way in every process.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing.writers.fonts import BOLD, BOLD_ITALIC, font_dir, register_fonts
from briefing.writers.pdf.rl_internals import units_scale
from briefing.writers.scripts import CJK, COMPLEX, KHMER, LAO, MYANMAR, THAI, is_common, script_of

# script -> (regular font name, file, bold font name, file)
FILES = {
    THAI: ("BriefingThai", "NotoSansThai-Regular.ttf", "BriefingThai-Bold",
           "NotoSansThai-Bold.ttf"),
    LAO: ("BriefingLao", "NotoSansLao-Regular.ttf", "BriefingLao-Bold", "NotoSansLao-Bold.ttf"),
    KHMER: ("BriefingKhmer", "NotoSansKhmer-Regular.ttf", "BriefingKhmer-Bold",
            "NotoSansKhmer-Bold.ttf"),
    MYANMAR: ("BriefingMyanmar", "NotoSansMyanmar-Regular.ttf", "BriefingMyanmar-Bold",
              "NotoSansMyanmar-Bold.ttf"),
    CJK: ("BriefingCJK", "DroidSansFallbackFull.ttf", "BriefingCJK", "DroidSansFallbackFull.ttf"),
}
# The fonts whose text is shaped (see `shape`), by name.
SHAPED = frozenset(name for s in COMPLEX for name in (FILES[s][0], FILES[s][2]))
_PUA_FIRST, _PUA_LAST = 0xE000, 0xF8FF
_loaded: set[str] = set()
# base font -> characters known to be set in it whatever surrounds them
_plain: dict[str, set[str]] = {}


def script_font(script: str, bold: bool = False) -> str:
    """Return the (registered) font name for `script`, bold or regular."""
    regular, rfile, bold_name, bfile = FILES[script]
    name, file = (bold_name, bfile) if bold else (regular, rfile)
    if name not in _loaded:
        font = TTFont(name, str(font_dir() / file))
        if name in SHAPED:
            _map_unmapped_glyphs(font)
        pdfmetrics.registerFont(font)
        # ReportLab's paragraph parser needs to know the family of a <font name>.
        pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold_name,
                                      italic=regular, boldItalic=bold_name)
        _loaded.add(name)
    return name


def _map_unmapped_glyphs(font: TTFont) -> None:
    """Give each glyph without a character a private-use code point (in glyph order)."""
    face = font.face
    scale = units_scale(face)
    code = _PUA_FIRST
    for gid in range(len(face.hmetrics)):
        if gid == 0 or gid in face.glyphToChar:
            continue
        while code in face.charToGlyph:
            code += 1
        if code > _PUA_LAST:
            raise ValueError(f"{face.filename}: too many unmapped glyphs")
        face.charToGlyph[code] = gid
        face.glyphToChar[gid] = [code]
        face.charWidths[code] = scale(face.hmetrics[gid][0])
        code += 1


def covers(font: str, ch: str) -> bool:
    """Whether `font` (registered) has a glyph for `ch`."""
    return ord(ch) in pdfmetrics.getFont(font).face.charToGlyph


@lru_cache(maxsize=4096)
def _own_font(ch: str, base: str) -> str | None:
    """Return the font that `ch` needs whatever surrounds it, or None (common character)."""
    bold = base in (BOLD, BOLD_ITALIC)
    script = script_of(ch)
    if script is not None:
        font = script_font(script, bold)
        if covers(font, ch):
            return font
    if is_common(ch):
        return None
    return fallback(ch, base)


def fallback(ch: str, base: str) -> str:
    """Return `base` when it has `ch`, else the first shipped font that has it."""
    if covers(base, ch):
        return base
    bold = base in (BOLD, BOLD_ITALIC)
    for script in FILES:
        font = script_font(script, bold)
        if covers(font, ch):
            return font
    return base  # no shipped font has it: the missing-glyph box of the base font


def font_runs(text: str, base: str) -> list[tuple[str, str]]:
    """Return `text` as [(text, font)] runs; `base` is the font of the surrounding style."""
    if text.isascii():
        return [(text, base)]
    register_fonts()
    # Most text outside ASCII is still all in the base font (curly quotes, dashes,
    # Vietnamese): settle that with one set operation instead of a loop per character.
    plain = _plain.setdefault(base, set())
    unknown = set(text).difference(plain)
    if all(_own_font(ch, base) in (None, base) and covers(base, ch) for ch in unknown):
        plain.update(unknown)
        return [(text, base)]
    out: list[list[str]] = []
    for ch in text:
        font = _own_font(ch, base)
        if font is None:  # common: the current run's font when it has the character
            cur = out[-1][1] if out else None
            font = cur if cur is not None and covers(cur, ch) else fallback(ch, base)
        if out and out[-1][1] == font:
            out[-1][0] += ch
        else:
            out.append([ch, font])
    return [(t, f) for t, f in out]


def markup(text: str, base: str, escape) -> str:
    """Return `text` as ReportLab paragraph markup in a style of font `base`: escaped by
    `escape`, runs in another font wrapped in <font name=...>."""
    if text.isascii():
        return escape(text)
    return "".join(escape(t) if f == base else f'<font name="{f}">{escape(t)}</font>'
                   for t, f in font_runs(text, base))


def bolden(markup_text: str) -> str:
    """Return paragraph markup with its script fonts in their bold variants (for bold
    styles: a <font name> tag overrides the style's weight)."""
    return _REGULAR_TAG.sub(
        lambda mo: f'<font name="{script_font(_SCRIPT_OF[mo.group(1)], True)}">', markup_text)


_SCRIPT_OF = {f[0]: script for script, f in FILES.items()}
_REGULAR_TAG = re.compile('<font name="(' + "|".join(map(re.escape, _SCRIPT_OF)) + ')">')
