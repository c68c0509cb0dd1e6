"""String widths for the PDF writer: shaped for the fonts that are, cached per document."""

from __future__ import annotations

from functools import partial

from reportlab.lib.rl_accel import instanceStringWidthTTF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing.writers.pdf import shape as pdf_shape
from briefing.writers.pdf.scripts import SHAPED, font_runs


def text_width(text: str, font: str, size: float) -> float:
    """Return the width of `text` in `font` (shaped, for the fonts that are) at `size`."""
    if font in SHAPED:
        return pdf_shape.width(text, font, size)
    return pdfmetrics.stringWidth(text, font, size)


def _text_width(font: str, text: str, size: float) -> float:
    return text_width(text, font, size)


class Widths:
    """String widths, cached per (font, size): one document measures each word once."""

    def __init__(self):
        self._cache: dict[tuple[str, float], dict[str, float]] = {}
        self._measurers: dict[str, object] = {}

    def _measurer(self, font: str):
        """Return a function (text, size) -> width for `font`, as `text_width` measures."""
        got = self._measurers.get(font)
        if got is None:
            ttf = None if font in SHAPED else pdfmetrics.getFont(font)
            if ttf is not None and type(ttf).stringWidth is TTFont.stringWidth:
                # What TTFont.stringWidth calls, without the Python frames on the way
                # (a brief measures tens of thousands of new words).
                got = partial(instanceStringWidthTTF, ttf)
            else:
                got = partial(_text_width, font)
            self._measurers[font] = got
        return got

    def table(self, font: str, size: float) -> dict[str, float]:
        """Return the cache of `font` at `size` (fill it with `measure`)."""
        table = self._cache.get((font, size))
        if table is None:
            table = self._cache[(font, size)] = {}
        return table

    def measure(self, table: dict, text: str, font: str, size: float) -> float:
        """Return the width of `text` in `font` at `size`, kept in `table` (its cache)."""
        w = table[text] = self._measurer(font)(text, size)
        return w

    def __call__(self, text: str, font: str, size: float) -> float:
        table = self._cache.get((font, size))
        if table is None:
            table = self._cache[(font, size)] = {}
        w = table.get(text)
        if w is None:
            w = table[text] = self._measurer(font)(text, size)
        return w

    def mixed(self, text: str, base: str, size: float) -> float:
        """Return the width of `text` set in `base` and, where it lacks, script fonts."""
        if text.isascii():
            return self(text, base, size)
        return sum(self(t, f, size) for t, f in font_runs(text, base))

