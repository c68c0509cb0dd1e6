"""The PDF writer's text operators give what ReportLab's own routes give.

`TextOut.encode` against ReportLab's subsetting (`TTFont.splitString` and escapePDF) on
the same texts in the same order; `show` and `show_fresh` against `encode`.
"""

from __future__ import annotations

import io
import random

import pytest
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from briefing.writers.fonts import BOLD, FONT, register_fonts
from briefing.writers.pdf.out import TextOut
from briefing.writers.pdf.scripts import script_font
from briefing.writers.scripts import CJK

# Plain ASCII, the three characters PDF strings escape, curly quotes, accents, a
# control character, a no-break space, and enough Han characters to fill subset 0.
COMMON = list("abc XYZ019.,;:'\"()\\") + ["\u201c", "\u201d", "\u00e9", "\u1ec7", "\u2014"]
RARE = ["\x01", "\xa0", "\u0301"] + [chr(c) for c in range(0x4E00, 0x4E00 + 900, 3)]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(COMMON if rnd.random() < 0.7 else RARE)
                    for _ in range(rnd.randint(1, 30))) for _ in range(count)]


def _reference(font: str, text: str, doc) -> list:
    ttf = pdfmetrics.getFont(font)
    return [(ttf.getSubsetInternalName(s, doc), escapePDF(b))
            for s, b in ttf.splitString(text, doc)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_encode_matches_reportlab_subsetting(seed):
    register_fonts()
    fonts = [FONT, BOLD, script_font(CJK)]
    ours, theirs = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    out = TextOut()
    out.bind(ours)
    rnd = random.Random(seed)
    for text in _texts(seed, 600):
        font = rnd.choice(fonts)
        assert out.encode(font, text) == _reference(font, text, theirs._doc), (font, text)


def test_show_writes_the_encoded_text():
    register_fonts()
    out = TextOut()
    out.bind(Canvas(io.BytesIO()))
    ops, state = [], [None, None]
    for text in ["a (b) \\ c", "\u201cquoted\u201d", "plain"]:
        out.show(ops, state, FONT, 10, text)
    encoded = [out.encode(FONT, t)[0][1] for t in ["a (b) \\ c", "\u201cquoted\u201d", "plain"]]
    assert [op for op in ops if op.endswith("Tj")] == [f"({e}) Tj" for e in encoded]
    assert sum(op.endswith("Tf") for op in ops) == 1


@pytest.mark.parametrize("seed", [5, 6])
def test_show_writes_what_encode_gives(seed):
    # Plain ASCII lines take a shortcut in show; the rest go through _ODD or encode.
    register_fonts()
    rnd = random.Random(seed)
    pieces = ["plain words ", "a", "(", ")", "\\\\", "\x01", "\x7f", "\t", "\u201c", "\u00e9", "~ "]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(500)]
    texts += ["only plain ASCII, printable: no escapes"] * 3
    shown, encoded = TextOut(), TextOut()
    shown.bind(Canvas(io.BytesIO()))
    encoded.bind(Canvas(io.BytesIO()))
    for text in texts:
        ops, state = [], [None, None]
        shown.show(ops, state, FONT, 10, text)
        assert [op for op in ops if op.endswith(" Tj")] == [
            f"({esc}) Tj" for _name, esc in encoded.encode(FONT, text)], repr(text)


def test_show_fresh_writes_what_show_writes_from_a_fresh_state():
    register_fonts()
    kept, plain = TextOut(), TextOut()
    for out in (kept, plain):
        out.bind(Canvas(io.BytesIO()))
    rnd = random.Random(9)
    for text in ["\u2022", "\u2013", "1.", "\u2022", "(a)", "\u4f1a"] * 3:
        font = rnd.choice([FONT, BOLD])
        start = [None, None]
        if rnd.random() < 0.3:  # not fresh: the font already set (no Tf needed)
            plain.show([], start, font, 10, "x")
        ours, theirs = [], []
        state_ours, state_theirs = list(start), list(start)
        kept.show_fresh(ours, state_ours, font, 10, text)
        plain.show(theirs, state_theirs, font, 10, text)
        assert (ours, state_ours) == (theirs, state_theirs), text
