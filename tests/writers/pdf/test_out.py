"""The PDF writer's text output shortcuts give what ReportLab's own routes give.

`TextOut.encode` against ReportLab's subsetting (`TTFont.splitString` and escapePDF) on
the same texts in the same order; `Widths` against `pdfmetrics.stringWidth`;
`clean_text` against its definition (NFC, XML-illegal characters dropped, white space
runs as one space); `translate` against `Canvas.translate`; `BriefCanvas.internal_link`
and `bookmark_horizontal`, and the pages' annotation arrays, against ReportLab's own
routes (same PDF bytes).
"""

from __future__ import annotations

import io
import random
import re
import unicodedata

import pytest
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from briefing.writers.fonts import BOLD, FONT, register_fonts
from briefing.writers.pdf.notes import clean_text
from briefing.writers.pdf.out import BriefCanvas, TextOut, Widths, _Link, translate
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


def test_widths_match_stringwidth():
    register_fonts()
    widths = Widths()
    for text in _texts(4, 300):
        for font, size in [(FONT, 10), (BOLD, 7.5)]:
            assert widths(text, font, size) == pdfmetrics.stringWidth(text, font, size)


_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", _ILLEGAL.sub("", text))


def test_clean_text_matches_its_definition():
    pieces = ["a", " ", "  ", "\t", "\n", "\xa0", "\u2003", "\x01", "\x1c", "\x7f", "\ufffe",
              "\u00e9", "e\u0301", "\u201c", "\u200b", "\x85", "\ud800", "\u3000", "\u2028",
              "\u1680", "\u202f", "\uffff", "\U0001f600"]
    rnd = random.Random(5)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        assert clean_text(text) == _clean(text), repr(text)


def _moves(canv):
    """Return a canvas state to translate from: a scale, a rotation, a translation."""
    canv.translate(30, 40)
    canv.rotate(17)
    canv.scale(1.5, 0.75)
    return canv


@pytest.mark.parametrize("seed", [1, 2])
def test_translate_matches_canvas_translate(seed):
    rnd = random.Random(seed)
    ours, theirs = _moves(Canvas(io.BytesIO())), _moves(Canvas(io.BytesIO()))
    for _ in range(200):
        x, y = rnd.uniform(-500, 500), rnd.choice([0, 1, rnd.uniform(-500, 500)])
        op = rnd.choice(["q", "BT ET", ""])
        ours._code.append(op)
        theirs._code.append(op)
        translate(ours, x, y)
        theirs.translate(x, y)
        assert ours._currentMatrix == theirs._currentMatrix
    translate(ours, 5, 6)  # right after another translation: merged into it
    theirs.translate(5, 6)
    assert ours._code == theirs._code and ours._currentMatrix == theirs._currentMatrix


@pytest.mark.parametrize("crop", [False, True])
def test_internal_links_are_the_annotations_reportlab_would_add(crop):
    # The reference route: ReportLab's own rectangle, destination and annotation steps.
    def reference(canv, name, rect):
        canv._addAnnotation(_Link(canv._absRect(rect, 1), canv._bookmarkReference(name)))

    def document(link):
        buf = io.BytesIO()
        canv = BriefCanvas(buf, invariant=1, cropMarks=crop)
        rnd = random.Random(3)
        for page in range(3):
            _moves(canv) if page == 1 else canv.translate(10, 20)
            for i in range(40):
                rect = (rnd.uniform(0, 300), rnd.uniform(0, 300), rnd.uniform(300, 500),
                        rnd.uniform(300, 500))
                link(canv, f"note-{rnd.randrange(0, 60, 7)}", rect)
            for i in range(0, 60, 7):
                canv.bookmarkHorizontal(f"note-{i}", 0, i)
            canv.showPage()
        canv.save()
        return buf.getvalue()

    assert document(BriefCanvas.internal_link) == document(reference)


def test_destinations_bound_as_bookmark_horizontal_binds_them():
    def document(bind):
        buf = io.BytesIO()
        canv = BriefCanvas(buf, invariant=1)
        rnd = random.Random(4)
        for page in range(3):
            _moves(canv) if page == 1 else canv.translate(10, 20)
            for i in range(0, 60, 7):
                canv.internal_link(f"note-{page}-{i}", (1, 2, 30, 12))  # before it is bound
                bind(canv, f"note-{page}-{i}", rnd.uniform(-50, 400), rnd.uniform(-50, 700))
                bind(canv, f"again-{i}", 0, i)  # bound again on every page: the last wins
            canv.addOutlineEntry(f"Outline {page}", f"again-{page * 7}", level=0)
            canv.showPage()
        canv.save()
        return buf.getvalue()

    assert document(BriefCanvas.bookmark_horizontal) == document(BriefCanvas.bookmarkHorizontal)


@pytest.mark.parametrize("multiline", [0, 1])
def test_page_annotations_formatted_as_reportlab_formats_them(multiline, monkeypatch):
    from reportlab import rl_config

    def document():
        buf = io.BytesIO()
        canv = BriefCanvas(buf, invariant=1)
        for count in (0, 1, 9, 10, 11, 20, 25):  # one page each
            canv.bookmark_horizontal(f"top-{count}", 0, 700)
            for _ in range(count):
                canv.internal_link(f"top-{count}", (1, 2, 30, 12))
            canv.showPage()
        canv.save()
        return buf.getvalue()

    monkeypatch.setattr(rl_config, "pdfMultiLine", multiline)
    ours = document()
    monkeypatch.setattr(BriefCanvas, "_setAnnotations", Canvas._setAnnotations)
    assert document() == ours


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
