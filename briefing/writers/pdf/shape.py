"""Shaping of Thai, Lao, Khmer and Burmese text with HarfBuzz (`uharfbuzz`).

These scripts need the font's OpenType tables applied: Khmer subscript consonants and
vowels written before their consonant, Burmese medials and stacked consonants, Thai and
Lao marks stacked clear of each other. `shape` runs HarfBuzz and returns each glyph as
the character ReportLab's subsetting knows it by (see `scripts`) and its position;
`show` writes the glyphs with those positions as PDF operators, inside a marked-content
span whose /ActualText is the original text, so that copying and text extraction give
back the characters in their logical order rather than the glyphs in visual order.
"""

from __future__ import annotations

from functools import lru_cache

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics

from briefing.writers.pdf.rl_internals import units_scale


@lru_cache(maxsize=None)
def _hb_font(font: str):
    with open(pdfmetrics.getFont(font).face.filename, "rb") as f:  # the file ReportLab read
        return hb.Font(hb.Face(hb.Blob(f.read())))


@lru_cache(maxsize=8192)
def shape(font: str, text: str) -> tuple[tuple, float]:
    """Return the glyphs of `text` in `font`, and its advance (per 1000 of the size).

    A glyph is (character, x offset, y offset, x advance, default width), numbers per
    1000 of the font size; the default width is what the PDF's /Widths gives the glyph.
    """
    hbf = _hb_font(font)
    face = pdfmetrics.getFont(font).face
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hbf, buf, {})
    scale = units_scale(face)
    glyphs, pen = [], 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        gid = info.codepoint
        code = face.glyphToChar[gid][0] if gid in face.glyphToChar else 0
        advance = scale(pos.x_advance)
        glyphs.append((chr(code), scale(pos.x_offset), scale(pos.y_offset), advance,
                       face.getCharWidth(code)))
        pen += advance
    return tuple(glyphs), pen


def width(text: str, font: str, size: float) -> float:
    """Return the width of `text` shaped in `font` at `size`."""
    return shape(font, text)[1] * size / 1000


def actual_text(text: str) -> str:
    """Return the marked-content operator opening a span that reads as `text`."""
    return f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC"


def show(ops: list, state: list, font: str, size: float, text: str, code_of) -> None:
    """Append the operators showing `text` shaped in `font` at `size`.

    `state` is the current [PDF font name, size]; `code_of(font, ch)` returns the PDF
    font name and escaped code of a glyph's character. The text rise is 0 before and
    after; glyphs are placed with TJ adjustments and rises, and the cursor ends where
    the shaped text's advance says.
    """
    glyphs, _ = shape(font, text)
    ops.append(actual_text(text))
    arr: list[str] = []
    rise, cur, pen = 0.0, 0.0, 0.0

    def flush():
        if arr:
            ops.append(f"[{' '.join(arr)}] TJ")
            arr.clear()

    for ch, dx, dy, adv, w in glyphs:
        name, code = code_of(font, ch)
        if state[0] != name or state[1] != size:
            flush()
            ops.append(f"{name} {size:.2f} Tf")
            state[0], state[1] = name, size
        r = round(dy * size / 1000, 2)
        if r != rise:
            flush()
            ops.append(f"{r:.2f} Ts")
            rise = r
        move = pen + dx - cur
        if abs(move) > 0.05:
            arr.append(f"{-move:.1f}")
        arr.append(f"({code})")
        cur = pen + dx + w
        pen += adv
    if abs(pen - cur) > 0.05:
        arr.append(f"{cur - pen:.1f}")
    flush()
    if rise:
        ops.append("0 Ts")
    ops.append("EMC")
