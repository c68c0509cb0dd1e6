"""String widths: `Widths` (cached, measured by ReportLab's C routine) against
`pdfmetrics.stringWidth`."""

from __future__ import annotations

import random

from reportlab.pdfbase import pdfmetrics

from briefing.writers.fonts import BOLD, FONT, register_fonts
from briefing.writers.pdf.widths import Widths

# Plain ASCII, the three characters PDF strings escape, curly quotes, accents, a
# control character, a no-break space, and enough Han characters to fill subset 0.
COMMON = list("abc XYZ019.,;:'\"()\\") + ["\u201c", "\u201d", "\u00e9", "\u1ec7", "\u2014"]
RARE = ["\x01", "\xa0", "\u0301"] + [chr(c) for c in range(0x4E00, 0x4E00 + 900, 3)]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(COMMON if rnd.random() < 0.7 else RARE)
                    for _ in range(rnd.randint(1, 30))) for _ in range(count)]


def test_widths_match_stringwidth():
    register_fonts()
    widths = Widths()
    for text in _texts(4, 300):
        for font, size in [(FONT, 10), (BOLD, 7.5)]:
            assert widths(text, font, size) == pdfmetrics.stringWidth(text, font, size)
