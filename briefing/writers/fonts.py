"""The shipped fonts (`briefing/fonts`: Noto Sans, SIL OFL) and their registration with
ReportLab, which sets the PDF and measures text for every figure layout.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "BriefingNotoSans"
BOLD = "BriefingNotoSans-Bold"
ITALIC = "BriefingNotoSans-Italic"
BOLD_ITALIC = "BriefingNotoSans-BoldItalic"

FONT_FILES = {FONT: "NotoSans-Regular.ttf", BOLD: "NotoSans-Bold.ttf",
              ITALIC: "NotoSans-Italic.ttf", BOLD_ITALIC: "NotoSans-BoldItalic.ttf"}
_registered = False


def font_dir() -> Path:
    """Return the folder holding the shipped Noto Sans fonts."""
    return Path(__file__).resolve().parent.parent / "fonts"


def register_fonts() -> None:
    """Register the Noto Sans family with ReportLab (once per process)."""
    global _registered
    if _registered:
        return
    folder = font_dir()
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD_ITALIC)
    _registered = True
