"""PDF text operators for the PDF writer, written directly with cached glyph encodings.

`TextOut` writes PDF text operators itself (through the canvas's public `addLiteral`),
encoding text with ReportLab's own TrueType subsetting (`TTFont.splitString`,
`getSubsetInternalName`): the same glyphs, fonts and ToUnicode maps as ReportLab's
text objects, at a fraction of the cost (a brief has a line per fact).
"""

from __future__ import annotations

import re

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics

from briefing.writers.pdf import shape as pdf_shape
from briefing.writers.pdf.rl_internals import document_of
from briefing.writers.pdf.scripts import SHAPED, font_runs


def _ascii_readable(ttf, doc) -> bool:
    """Whether every printable ASCII character is its own code in subset 0 of `ttf`."""
    state = getattr(ttf, "state", {}).get(doc)
    assigned = getattr(state, "assignments", {})
    return all(assigned.get(c) == c for c in range(0x20, 0x7F))


def _num(v: float) -> str:
    return f"{v:.2f}"


class _FontOut:
    """What TextOut knows of one font in one document."""

    __slots__ = ("ttf", "known", "table", "name0", "slow", "esc", "fast")

    def __init__(self, ttf):
        self.ttf = ttf
        self.known: set[str] = set()  # characters with a code in subset 0
        self.table: dict[int, str] = {}  # their escaped codes, for str.translate
        self.name0 = ""  # the PDF name of subset 0
        self.slow: dict[str, list] = {}  # texts with characters beyond subset 0
        self.esc: dict[str, str] = {}  # escaped codes of the known characters _ODD finds
        self.fast = False  # printable ASCII is its own code: encode with `esc` alone

    def odd(self, match) -> str:
        return self.esc[match[0]]  # KeyError: a character not known yet


# Characters other than printable ASCII, and the three that PDF strings escape.
_ODD = re.compile(r"[^ -'*-\[\]-~]")
_ESCAPED = {"(": "\\(", ")": "\\)", "\\": "\\\\"}


class TextOut:
    """PDF text operators for one document.

    A character's code in a TrueType subset is fixed once ReportLab has assigned it
    (`TTFont.splitString` assigns codes in order of first use). So each character is
    registered once, in reading order, and its escaped code kept. With ReportLab's
    ASCII-readable subsets (the default) printable ASCII is its own code from the start,
    so a text is encoded by escaping only its other characters (`_FontOut.fast`); else
    text made of known subset-0 characters is encoded by `str.translate`.
    """

    def __init__(self):
        self._document = None  # the PDFDocument of the canvas last bound
        self._fonts: dict[str, _FontOut] = {}
        self._colors: dict = {}
        self._fresh: dict[tuple, tuple] = {}  # see show_fresh

    def bind(self, canv) -> None:
        """Write for the document of `canv` from now on."""
        doc = document_of(canv)
        if doc is not self._document:
            self._document = doc
            self._fonts.clear()
            self._fresh.clear()

    def color(self, c) -> str:
        """Return the operator setting the fill colour `c`."""
        # Keyed by identity: ReportLab's Color hashes in Python, and a document has a
        # handful of colour objects, each asked for on every paragraph.
        got = self._colors.get(id(c))
        if got is None or got[0] is not c:
            got = self._colors[id(c)] = (c, f"{c.red:.4f} {c.green:.4f} {c.blue:.4f} rg")
        return got[1]

    def encode(self, font: str, text: str) -> list:
        """Return `text` in `font` as [(subset name, escaped codes), ...]."""
        fo = self._fonts.get(font)
        if fo is None:
            fo = self._fonts[font] = _FontOut(pdfmetrics.getFont(font))
        if fo.fast:
            try:
                return [(fo.name0, _ODD.sub(fo.odd, text))]
            except KeyError:
                pass
        elif fo.known.issuperset(text):
            return [(fo.name0, text.translate(fo.table))]
        got = fo.slow.get(text)
        if got is not None:
            return got
        self._register(fo, text)
        if fo.known.issuperset(text):
            return [(fo.name0, text.translate(fo.table))]
        ttf, doc = fo.ttf, self._document
        got = fo.slow[text] = [(ttf.getSubsetInternalName(s, doc), escapePDF(b))
                               for s, b in ttf.splitString(text, doc)]
        return got

    def _register(self, fo: _FontOut, text: str) -> None:
        """Have ReportLab assign codes to the new characters of `text`, in order."""
        ttf, doc = fo.ttf, self._document
        for ch in dict.fromkeys(text):
            if ch in fo.known:
                continue
            (subset, code), = ttf.splitString(ch, doc)
            if subset == 0:
                fo.known.add(ch)
                fo.table[ord(ch)] = fo.esc[ch] = escapePDF(code)
                if not fo.name0:
                    fo.name0 = ttf.getSubsetInternalName(0, doc)
                    fo.fast = _ascii_readable(ttf, doc)
                    if fo.fast:
                        fo.esc.update(_ESCAPED)

    def show(self, ops: list, state: list, font: str, size: float, text: str) -> None:
        """Append the operators showing `text` in `font` at `size`; `state` is [name, size]."""
        if font in SHAPED:
            pdf_shape.show(ops, state, font, size, text, self._code_of)
            return
        fo = self._fonts.get(font)
        if fo is not None and fo.fast:  # encode's first step, inline: one call a line
            if (text.isascii() and text.isprintable() and "(" not in text
                    and ")" not in text and "\\" not in text):
                esc = text  # nothing for _ODD to find (most lines): checked faster
            else:
                try:
                    esc = _ODD.sub(fo.odd, text)
                except KeyError:  # a character not known yet
                    esc = None
            if esc is not None:
                if state[0] != fo.name0 or state[1] != size:
                    ops.append(f"{fo.name0} {size:.2f} Tf")
                    state[0], state[1] = fo.name0, size
                ops.append(f"({esc}) Tj")
                return
        for name, esc in self.encode(font, text):
            if state[0] != name or state[1] != size:
                ops.append(f"{name} {_num(size)} Tf")
                state[0], state[1] = name, size
            ops.append(f"({esc}) Tj")

    def show_fresh(self, ops: list, state: list, font: str, size: float, text: str) -> None:
        """`show` from a fresh state ([None, None]; a paragraph's bullet): the operators
        of the first time, kept (a character's code never changes once assigned)."""
        if state[0] is not None or state[1] is not None:  # not fresh after all
            self.show(ops, state, font, size, text)
            return
        got = self._fresh.get((font, size, text))
        if got is None:
            shown, after = [], [None, None]
            self.show(shown, after, font, size, text)
            got = self._fresh[(font, size, text)] = (shown, tuple(after))
        ops.extend(got[0])
        state[0], state[1] = got[1]

    def show_mixed(self, ops: list, state: list, base: str, size: float, text: str) -> None:
        """Append the operators showing `text` in `base` and, where it lacks, script fonts."""
        for part, font in font_runs(text, base):
            self.show(ops, state, font, size, part)

    def _code_of(self, font: str, ch: str) -> tuple[str, str]:
        """Return the PDF font name and escaped code of one character in `font`."""
        (name, esc), = self.encode(font, ch)
        return name, esc
