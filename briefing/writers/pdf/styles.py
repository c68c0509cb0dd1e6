"""Colours and paragraph styles of the PDF writer.

Every piece of text in the PDF, headers, footers, bullets and page numbers included, is
set in Noto Sans (`writers.fonts`), so every font in the file is an embedded subset and
any character the font covers renders.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from briefing.writers.fonts import BOLD, BOLD_ITALIC, FONT

INK = colors.HexColor("#1A1A1A")
ACCENT = colors.HexColor("#1F3A5F")  # headings, key points bar, links
LINK = colors.HexColor("#1B4F8F")
MUTED = colors.HexColor("#5A6270")
RULE = colors.HexColor("#9AA3AE")
GRID = colors.HexColor("#A9B2BD")
HEADER_BG = colors.HexColor("#DCE4EE")
ZEBRA_BG = colors.HexColor("#F4F6F9")
KEY_BG = colors.HexColor("#EEF3F8")
CALLOUT_BG = colors.HexColor("#FFF7E6")
CALLOUT_BORDER = colors.HexColor("#B7791F")
CODE_BG = "#ECEEF1"
JUDGEMENT = colors.HexColor("#5B3F7A")  # the assessment's rule and lead: not the facts'
UNDER_REVIEW = colors.HexColor("#C00000")
MARKING = colors.HexColor("#8B1A1A")  # the classification marking

BULLET = "\u2022"  # in Noto Sans


class Styles:
    """The paragraph styles of one document."""

    def __init__(self) -> None:
        base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.6,
                              textColor=INK, spaceAfter=6, splitLongWords=1,
                              bulletFontName=FONT, bulletFontSize=10, allowWidows=0,
                              allowOrphans=0)
        self.body = base
        self.h1 = ParagraphStyle("h1", base, fontName=BOLD, fontSize=16, leading=20,
                                 textColor=ACCENT, spaceBefore=14, spaceAfter=6)
        self.h2 = ParagraphStyle("h2", base, fontName=BOLD, fontSize=13, leading=16.5,
                                 textColor=ACCENT, spaceBefore=10, spaceAfter=5)
        self.h3 = ParagraphStyle("h3", base, fontName=BOLD_ITALIC, fontSize=11, leading=14,
                                 textColor=INK, spaceBefore=10, spaceAfter=4)
        self.item = ParagraphStyle("item", base, spaceAfter=2.5, leftIndent=16, bulletIndent=4)
        # Key points in regular weight (a bold lead phrase at most); the box sets them off.
        self.key_item = ParagraphStyle("key-item", self.item, spaceAfter=4, leftIndent=16,
                                       bulletIndent=3, bulletColor=ACCENT)
        self.callout_title = ParagraphStyle("callout-title", base, fontName=BOLD,
                                            fontSize=10.5, leading=14, spaceAfter=4,
                                            textColor=CALLOUT_BORDER)
        self.judgement = ParagraphStyle("judgement", base, spaceAfter=0)
        self.under_review = ParagraphStyle("under-review", base, fontName=BOLD_ITALIC,
                                           fontSize=9, leading=12, spaceBefore=2,
                                           spaceAfter=0, textColor=UNDER_REVIEW)
        self.caption = ParagraphStyle("caption", base, fontName=BOLD, fontSize=9.5,
                                      leading=12.5, spaceBefore=4, spaceAfter=4,
                                      textColor=ACCENT)
        self.figure_caption = ParagraphStyle("figure-caption", self.caption, spaceBefore=3,
                                             spaceAfter=10)
        self.cell = ParagraphStyle("cell", base, fontSize=8.5, leading=11, spaceAfter=0)
        self.head_cell = ParagraphStyle("head-cell", self.cell, fontName=BOLD)
        self.toc_title = ParagraphStyle("toc-title", self.h1, spaceBefore=0)
        self.toc1 = ParagraphStyle("toc1", base, fontName=BOLD, fontSize=10.5, leading=14,
                                   spaceBefore=5, spaceAfter=0, leftIndent=0,
                                   firstLineIndent=0)
        self.toc2 = ParagraphStyle("toc2", base, fontSize=10, leading=13.5, spaceBefore=1,
                                   spaceAfter=0, leftIndent=16, firstLineIndent=0)
        self.toc3 = ParagraphStyle("toc3", self.toc2, fontSize=9.5, leading=12.5,
                                   leftIndent=32)
        self.endnote = ParagraphStyle("endnote", base, fontSize=8.5, leading=11.5,
                                      spaceAfter=3, bulletFontSize=8.5)
        self.cover_marking = ParagraphStyle("cover-marking", base, fontName=BOLD,
                                            fontSize=14, leading=18, alignment=TA_CENTER,
                                            textColor=MARKING)
        self.cover_org = ParagraphStyle("cover-org", base, fontName=BOLD, fontSize=11,
                                        leading=15, textColor=MUTED, spaceAfter=18)
        self.cover_title = ParagraphStyle("cover-title", base, fontName=BOLD, fontSize=26,
                                          leading=32, textColor=ACCENT, spaceAfter=12,
                                          alignment=TA_LEFT)
        self.cover_subtitle = ParagraphStyle("cover-subtitle", base, fontSize=15,
                                             leading=20, textColor=MUTED, spaceAfter=24)
        self.cover_line = ParagraphStyle("cover-line", base, fontSize=11, leading=16,
                                         spaceAfter=4)
        self.compact_title = ParagraphStyle("compact-title", self.cover_title, fontSize=18,
                                            leading=22, spaceAfter=4)
        self.compact_subtitle = ParagraphStyle("compact-subtitle", self.cover_subtitle,
                                               fontSize=12, leading=15, spaceAfter=4)

    def heading(self, level: int) -> ParagraphStyle:
        """Return the style of a heading of `level` (1 to 3; deeper reads as 3)."""
        return {1: self.h1, 2: self.h2}.get(level, self.h3)
