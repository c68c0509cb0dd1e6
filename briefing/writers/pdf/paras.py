"""Paragraphs that know their notes, and headings that carry their outline entry.

`Para` is a ReportLab Paragraph told at construction which notes it marks; `Heading`
and `FastHeading` (a heading in shaped scripts, laid out as a FastPara) carry what the
document needs for the outline and the contents, and move whole to the next page
unless they start one.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import Paragraph

from briefing.writers.fonts import BOLD, BOLD_ITALIC
from briefing.writers.pdf.rl_internals import at_top, frame_of
from briefing.writers.pdf.scripts import SHAPED, bolden
from briefing.writers.pdf.text import FastPara


def script_markup(text: str, style):
    """Return paragraph markup and style fit for the scripts in it: script fonts in bold
    for bold styles, and ReportLab's HarfBuzz shaping on when a font needs it."""
    if "<font name=" not in text:
        return text, style
    if style.fontName in (BOLD, BOLD_ITALIC):
        text = bolden(text)
    if any(f'<font name="{name}">' in text for name in SHAPED):
        shaped = _SHAPED_STYLES.get(style.name)
        if shaped is None:
            shaped = _SHAPED_STYLES[style.name] = ParagraphStyle(style.name + "-shaped", style,
                                                                 shaping=1)
        style = shaped
    return text, style


_SHAPED_STYLES: dict = {}


class Para(Paragraph):
    """A paragraph told at construction which notes it marks (`bn`)."""

    def __init__(self, text, style, bn=(), bulletText=None, frags=None):
        if isinstance(text, str):  # a part made by `split` comes as frags, without text
            text, style = script_markup(text, style)
        super().__init__(text, style, bulletText=bulletText, frags=frags)
        self._bn = tuple(bn) if bn is not None else None

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1:
            for part in parts:
                # Parts of a note-free paragraph are note-free; others are scanned.
                part._bn = () if self._bn == () else None
        return parts


class _Splits:
    """How a heading splits: whole to the next page unless it starts a frame, and its
    first part keeps the outline and TOC information."""

    def split(self, availWidth, availHeight):
        frame = frame_of(self)
        if frame is not None and not at_top(frame):
            return []  # a heading moves whole to the next page
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1:
            # Taller than a whole frame: refused (the build says to shorten it), as when
            # it stood first on its page, rather than a heading broken across pages.
            return []
        return parts


class Heading(_Splits, Para):
    """A heading: carries what the document needs for the outline and the TOC."""

    def __init__(self, text, style, info=None, bn=(), bulletText=None, frags=None):
        # ReportLab makes the parts of a split as Paragraph does (bulletText, frags).
        super().__init__(text, style, bn, bulletText=bulletText, frags=frags)
        self._heading_info = info  # (outline level, outline title, key, toc level or None)


class FastHeading(_Splits, FastPara):
    """A heading laid out as a FastPara (for text in shaped scripts; see Story.heading)."""

    def __init__(self, words, style, widths, out, info, dest, bn=()):
        super().__init__(words, style, widths, out, dest=dest, bn=bn)
        self._heading_info = info

