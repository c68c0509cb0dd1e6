"""Low-level PDF output for the PDF writer: measuring, showing text, internal links.

`TextOut` writes PDF text operators itself (through the canvas's public `addLiteral`),
encoding text with ReportLab's own TrueType subsetting (`TTFont.splitString`,
`getSubsetInternalName`): the same glyphs, fonts and ToUnicode maps as ReportLab's
text objects, at a fraction of the cost. `BriefCanvas.internal_link` adds link
annotations formatted directly, registered with the steps of ReportLab's
`_addAnnotation` inline, and listed on their page by an array that formats them
directly; `translate` and `BriefCanvas.bookmark_horizontal` take the steps of
`Canvas.translate` and `bookmarkHorizontal` inline. All of it matters only for speed:
a brief has a line, a paragraph and a link per fact.
"""

from __future__ import annotations

import re
from functools import partial

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str, instanceStringWidthTTF
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen.canvas import Canvas

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


def _ascii_readable(ttf, doc) -> bool:
    """Whether every printable ASCII character is its own code in subset 0 of `ttf`."""
    state = getattr(ttf, "state", {}).get(doc)
    assigned = getattr(state, "assignments", {})
    return all(assigned.get(c) == c for c in range(0x20, 0x7F))


def _num(v: float) -> str:
    return f"{v:.2f}"


class _Link(pdfdoc.LinkAnnotation):
    """A borderless link to a named destination, formatted directly (there are many)."""

    def __init__(self, rect, destination):
        self.Rect = rect
        self.Destination = destination

    def format(self, document):
        x1, y1, x2, y2 = self.Rect
        dest, fmt = self.Destination, getattr(self.Destination, "fmt", None)
        if (isinstance(fmt, pdfdoc.PDFDestinationXYZ) and dest.page is not None
                and isinstance(fmt.left, (int, float)) and isinstance(fmt.top, (int, float))):
            page = dest.page
            if page.__class__ is pdfdoc.PDFObjectReference:  # as its format() writes it
                ref = "%s %s R" % document.idToObjectNumberAndVersion[page.name]
                dest = f"[{ref} /XYZ {fmt.left:.2f} {fmt.top:.2f} 0]".encode("ascii")
            else:
                ref = pdfdoc.format(document.Reference(page), document)
                dest = b"[" + ref + f" /XYZ {fmt.left:.2f} {fmt.top:.2f} 0]".encode("ascii")
        else:
            dest = pdfdoc.format(dest, document)
        return (b"<< /Border [0 0 0] /Contents () /Dest " + dest
                + f" /Rect [{x1:.2f} {y1:.2f} {x2:.2f} {y2:.2f}] /Subtype /Link"
                  f" /Type /Annot >>".encode("ascii"))


class _Refs(pdfdoc.PDFArray):
    """A page's annotations: references, formatted directly (a page holds a link per
    fact), laid out as PDFArray.format lays them out."""

    def format(self, document, IND=b"\n "):
        numbers = document.idToObjectNumberAndVersion
        refs = self.sequence
        if not all(r.__class__ is pdfdoc.PDFObjectReference and r.name in numbers
                   for r in refs):
            return super().format(document, IND)
        items = [("%s %s R" % numbers[r.name]).encode("ascii") for r in refs]
        if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
            return b"[ " + IND.join(items) + b" ]"
        # a line break after every ten, as a b"\n " item between them
        rows = [b" ".join(items[i:i + 10]) for i in range(0, len(items), 10)]
        return b"[ " + b" \n  ".join(rows) + b" ]"


class BriefCanvas(Canvas):
    """The writer's canvas: adds cheap internal links."""

    def _setAnnotations(self, page):
        refs = self._annotationrefs  # (none: left for the page to drop)
        page.Annots = _Refs(refs) if refs else refs

    def internal_link(self, name: str, rect) -> None:
        """Link `rect` (current coordinates) to destination `name`, as linkRect does."""
        if self._cropMarks:
            rect = self._absRect(rect, 1)
        else:  # _absRect's arithmetic, inline (a link per fact)
            a, b, c, d, e, f = self._currentMatrix
            lx, ly, ux, uy = rect
            # the corners (lx, ly), (ux, uy), (lx, uy), (ux, ly), in _absRect's order
            xs = (a * lx + c * ly + e, a * ux + c * uy + e, a * lx + c * uy + e,
                  a * ux + c * ly + e)
            ys = (b * lx + d * ly + f, b * ux + d * uy + f, b * lx + d * uy + f,
                  b * ux + d * ly + f)
            rect = min(xs), min(ys), max(xs), max(ys)
        dests = self._destinations  # _bookmarkReference's lookup, without its exception
        dest = dests.get(name)
        if dest is None:
            dest = dests[name] = pdfdoc.Destination(name)
        self._add_link(_Link(rect, dest))

    def bookmark_horizontal(self, key: str, x: float, y: float) -> None:
        """Bind destination `key` to (x, y) (current coordinates) of the current page, as
        bookmarkHorizontal does: its steps (absolutePosition, then bookmarkPage with fit
        XYZ and zoom 0) inline (a destination per note)."""
        if not rl_canvas.ENABLE_TRACKING:  # absolutePosition would refuse
            self.bookmarkHorizontal(key, x, y)
            return
        a, b, c, d, e, f = self._currentMatrix
        left, top = a * x + c * y + e, b * x + d * y + f
        dests = self._destinations  # _bookmarkReference's lookup
        dest = dests.get(key)
        if dest is None:
            dest = dests[key] = pdfdoc.Destination(key)
        doc = self._doc
        doc.inPage()
        dest.xyz(left, top, 0)
        dest.setPage(doc.thisPageRef())

    def _add_link(self, link: _Link) -> None:
        """Add `link` to the document and the page, as _addAnnotation does: its steps
        (PDFDocument.addAnnotation, Reference, _annotatePage) inline."""
        doc = self._doc
        count = self._annotationCount + 1
        name = doc.annotationName("NUMBER" + repr(count))
        if name in doc.idToObject:  # Reference would refuse it: let ReportLab say so
            self._addAnnotation(link)
            return
        self._annotationCount = count
        number = doc.objectcounter = doc.objectcounter + 1
        link.__InternalName__ = name
        doc.idToObjectNumberAndVersion[name] = (number, 0)
        doc.numberToId[number] = name
        doc.idToObject[name] = link
        self._annotationrefs.append(pdfdoc.PDFObjectReference(name))


def translate(canv, x: float, y: float) -> None:
    """Move the origin of `canv` to (x, y), as Canvas.translate does: its arithmetic and
    operator inline (a paragraph per fact), unless the canvas does it otherwise."""
    code = canv._code
    if (type(canv).translate is not Canvas.translate
            or type(canv).transform is not Canvas.transform
            or not rl_canvas.ENABLE_TRACKING or (code and code[-1][-3:] == " cm")):
        canv.translate(x, y)  # (the last case: transform merges it into that operator)
        return
    a, b, c, d, e, f = canv._currentMatrix
    # transform(1, 0, 0, 1, x, y), term by term
    canv._currentMatrix = (a * 1 + c * 0, b * 1 + d * 0, a * 0 + c * 1, b * 0 + d * 1,
                           a * x + c * y + e, b * x + d * y + f)
    code.append("%s cm" % fp_str(1, 0, 0, 1, x, y))


def bookmark(canv, key: str, x: float, y: float) -> None:
    """Bind destination `key` to (x, y) (current coordinates) on any canvas."""
    if isinstance(canv, BriefCanvas):
        canv.bookmark_horizontal(key, x, y)
    else:
        canv.bookmarkHorizontal(key, x, y)


def internal_link(canv, name: str, rect) -> None:
    """Link `rect` (current coordinates) to destination `name` on any canvas."""
    if isinstance(canv, BriefCanvas):
        canv.internal_link(name, rect)
    else:
        canv.linkRect("", name, rect, relative=1, thickness=0)


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
        self._doc = None
        self._fonts: dict[str, _FontOut] = {}
        self._colors: dict = {}
        self._fresh: dict[tuple, tuple] = {}  # see show_fresh

    def bind(self, canv) -> None:
        if canv._doc is not self._doc:
            self._doc = canv._doc
            self._escape = canv._escape
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
        ttf, doc = fo.ttf, self._doc
        got = fo.slow[text] = [(ttf.getSubsetInternalName(s, doc), self._escape(b))
                               for s, b in ttf.splitString(text, doc)]
        return got

    def _register(self, fo: _FontOut, text: str) -> None:
        """Have ReportLab assign codes to the new characters of `text`, in order."""
        ttf, doc = fo.ttf, self._doc
        for ch in dict.fromkeys(text):
            if ch in fo.known:
                continue
            (subset, code), = ttf.splitString(ch, doc)
            if subset == 0:
                fo.known.add(ch)
                fo.table[ord(ch)] = fo.esc[ch] = self._escape(code)
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
