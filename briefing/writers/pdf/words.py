"""The words a `FastPara` lays out, made from runs of text, markers and line breaks.

A word is a plain string (a word in the paragraph's own font, without a marker: most
words) or a tuple of pieces: (text, font, note, superscript, width, space), `note` > 0
marking the marker of that note (a link to it), a tuple of numbers marking the dash of a
range (a link to each of the notes between its ends), `space` the width of a space after
it. `BR` is a forced line break.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import ps2tt, tt2ps

from briefing.writers.pdf.scripts import font_runs
from briefing.writers.pdf.widths import Widths
from briefing.writers.scripts import CJK, ZWSP, cjk_breaks, scripts_in

SUPER_SIZE = 0.8  # marker size, as a fraction of the text size (as ReportLab's <super>)
SUPER_RISE = 0.5  # marker rise, as a fraction of the text size

BR = None  # a forced line break in a word list

# The fields of a piece.
TEXT, FONT_, NOTE, SUP, WIDTH, SPACE = range(6)


def words_from_runs(runs, style, widths: Widths) -> list:
    """Return the words of `runs`: plain strings, tuples of pieces, or BR.

    A word in the paragraph's own font without a marker is a plain string (most words);
    other words are tuples of pieces (see TEXT ... SPACE). `runs` are tuples:
    ("t", text, bold, italic), ("n", number, linked), ("s", superscript text), ("br",).
    """
    base, size = style.fontName, style.fontSize
    sup_size = size * SUPER_SIZE
    base_space = widths(" ", base, size)
    words: list = []
    cur: list = []  # the pieces of the word being built

    def flush():
        if len(cur) == 1 and cur[0][FONT_] == base and not cur[0][SUP] and cur[0][SPACE]:
            words.append(cur[0][TEXT])
        elif cur:
            words.append(tuple(cur))
        cur.clear()

    def add_mixed(part, font):
        """Add a word with characters beyond Latin: pieces per font, and break
        opportunities (a piece with no space after it) where unspaced text may break."""
        chunks = [c for c in part.split(ZWSP) if c]
        for k, chunk in enumerate(chunks):
            segs = cjk_breaks(chunk) if CJK in scripts_in(chunk) else [chunk]
            for m, seg in enumerate(segs):
                for text, f in font_runs(seg, font):
                    cur.append((text, f, 0, False, widths(text, f, size), widths(" ", f, size)))
                if m < len(segs) - 1 or k < len(chunks) - 1:
                    cur[-1] = cur[-1][:SPACE] + (0.0,)
                    flush()

    def add_ascii(part, font, table, space):
        w = table.get(part)
        if w is None:
            w = widths.measure(table, part, font, size)
        cur.append((part, font, 0, False, w, space))

    for run in runs:
        kind = run[0]
        if kind == "t":
            font = _run_font(base, run[2], run[3])
            table, space = widths.table(font, size), widths(" ", font, size)
            text = run[1]
            parts = text.split(" ")
            last = len(parts) - 1
            if last > 1 and font == base and text.isascii():
                # The common run: its inner words are whole plain words, taken in one go;
                # only the first and the last may join pieces of the runs around it.
                if parts[0]:
                    add_ascii(parts[0], font, table, space)
                if cur:
                    flush()
                words.extend(filter(None, parts[1:last]))
                if parts[last]:
                    add_ascii(parts[last], font, table, space)
                continue
            for j, part in enumerate(parts):
                if j and cur:
                    flush()
                if not part:
                    continue
                if not part.isascii():
                    add_mixed(part, font)
                    continue
                if font == base and 0 < j < last:
                    words.append(part)  # a whole plain word
                    continue
                add_ascii(part, font, table, space)
        elif kind == "br":
            flush()
            words.append(BR)
        else:
            text = str(run[1])
            if kind == "n":
                note = run[1] if run[2] else 0
            else:  # a range's dash links to the notes between its ends; "s" to none
                note = (run[2] or 0) if kind == "d" else 0
            cur.append((text, base, note, True, widths(text, base, sup_size), base_space))
    flush()
    return words


@lru_cache(maxsize=None)
def _run_font(base: str, bold: bool, italic: bool) -> str:
    """Return the font of a run, bold and/or italic, in a paragraph set in `base`."""
    family, base_bold, base_italic = ps2tt(base)
    return tt2ps(family, base_bold or bold, base_italic or italic)

