"""Fast paragraphs: plain text, bold and italic, line breaks and note markers.

Most of a brief is facts: a sentence or two and a note marker. ReportLab's Paragraph
parses markup and takes its slow multi-style path as soon as a paragraph holds a
superscript link, which made those paragraphs several times dearer than plain ones.
`FastPara` lays out such content directly: words measured once (widths cached per
document), greedy line breaking at spaces, words longer than a line cut (as
ReportLab's splitLongWords), no orphan or widow lines (as the body style asks of
ReportLab). Anything else (links, code) stays a ReportLab Paragraph.

Text is drawn through `pdf_out.TextOut`.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus.flowables import Flowable

from briefing.writers.pdf.out import TextOut, Widths, bookmark, internal_link, translate
from briefing.writers.pdf.scripts import font_runs
from briefing.writers.pdf.styles import LINK
from briefing.writers.scripts import CJK, ZWSP, cjk_breaks, clusters, scripts_in

SUPER_SIZE = 0.8  # marker size, as a fraction of the text size (as ReportLab's <super>)
SUPER_RISE = 0.5  # marker rise, as a fraction of the text size

BR = None  # a forced line break in a word list

# A word is a list of pieces: (text, font, note, superscript, width, space). `note` > 0
# marks the marker of that note (a link to it); `space` is the width of a space after it.
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
            note = run[1] if kind == "n" and run[2] else 0
            cur.append((text, base, note, True, widths(text, base, sup_size), base_space))
    flush()
    return words


@lru_cache(maxsize=None)
def _run_font(base: str, bold: bool, italic: bool) -> str:
    """Return the font of a run, bold and/or italic, in a paragraph set in `base`."""
    family, base_bold, base_italic = ps2tt(base)
    return tt2ps(family, base_bold or bold, base_italic or italic)


class FastPara(Flowable):
    """A paragraph of words (see `words_from_runs`) in one paragraph style."""

    def __init__(self, words, style, widths: Widths, out: TextOut, bullet=None,
                 anchors=frozenset(), first=True, bn=None, dest=None, bullet_link=None):
        self.words = words
        self.style = style
        self.widths = widths
        self.out = out
        self.bullet = bullet
        self.anchors = anchors  # note numbers whose marker gets a "ref-N" destination
        self.first = first  # the first part of its paragraph (bullet, first-line indent)
        self.dest = dest  # a destination name at the top of the paragraph
        self.bullet_link = bullet_link  # a destination the bullet links to
        if bn is None:
            bn = tuple(dict.fromkeys(p[NOTE] for w in words if w.__class__ is tuple
                                     for p in w if p[NOTE]))
        self._bn = bn
        self._wrapped = None
        self.lines: list = []

    # -------------------------------------------------------------- layout

    def _pieces(self, word) -> tuple:
        """Return `word` as a tuple of pieces."""
        if word.__class__ is tuple:
            return word
        st = self.style
        return ((word, st.fontName, 0, False, self.widths(word, st.fontName, st.fontSize),
                 self.widths(" ", st.fontName, st.fontSize)),)

    def _metrics(self, words):
        """Return each word's width and the width of the space after it."""
        st = self.style
        table = self.widths.table(st.fontName, st.fontSize)
        measure, base, size = self.widths.measure, st.fontName, st.fontSize
        space = self.widths(" ", base, size)
        ws = list(map(table.get, words))  # None for new words, tuples and BR
        ss = [space] * len(words)
        i = -1
        while None in ws:  # visit only those (most paragraphs: the word with the marker)
            i = ws.index(None, i + 1)
            word = words[i]
            if word.__class__ is str:
                ws[i] = measure(table, word, base, size)
            elif word is BR:
                ws[i], ss[i] = 0.0, 0.0
            else:
                ws[i], ss[i] = sum(p[WIDTH] for p in word), word[-1][SPACE]
        return ws, ss

    def _break(self, aW):
        """Greedy line breaking (prefix sums and bisection); long words are cut."""
        st = self.style
        later_w = aW - st.leftIndent - st.rightIndent
        first_w = later_w - (st.firstLineIndent if self.first else 0)
        words = list(self.words)
        ws, ss = self._metrics(words)
        n = len(words)
        prefix = [0.0]
        prefix.extend(accumulate(map(add, ws, ss)))
        smax = max(ss, default=0.0)
        next_br, nxt = [n] * (n + 1), n
        if BR in words:
            for k in range(n - 1, -1, -1):
                if words[k] is BR:
                    nxt = k
                next_br[k] = nxt
        lines, ends = [], []  # ends: whether a line ends at a forced break
        i = 0
        while i < n:
            if words[i] is BR:
                lines.append([])
                ends.append(True)
                i += 1
                continue
            limit = first_w if not lines else later_w
            stop = next_br[i]
            j = bisect_right(prefix, prefix[i] + limit + smax + 1e-6, i + 1, stop + 1) - 1
            while j > i and prefix[j] - prefix[i] - ss[j - 1] > limit + 1e-6:
                j -= 1
            if j < stop and ws[j] > later_w + 1e-6:
                # The next word is wider than any line: cut it, from here if there is room.
                room = limit - (prefix[j] - prefix[i])
                if j > i and room < 3 * st.fontSize:
                    lines.append(words[i:j])
                    ends.append(False)
                    i = j
                    continue
                chunks = self._cut(self._pieces(words[j]), room, later_w)
                lines.append(words[i:j] + [chunks[0]])
                ends.append(False)
                for chunk in chunks[1:-1]:
                    lines.append([chunk])
                    ends.append(False)
                if len(chunks) == 1:
                    i = j + 1
                    continue
                words[j] = chunks[-1]  # the rest starts the next line
                delta = sum(p[WIDTH] for p in chunks[-1]) - ws[j]
                ws[j] += delta
                for k in range(j + 1, n + 1):
                    prefix[k] += delta
                i = j
                continue
            if j == i:
                j = i + 1  # narrower first line: let the word stand there alone
            lines.append(words[i:j])
            if j < n and words[j] is BR:
                ends.append(True)
                i = j + 1
            else:
                ends.append(False)
                i = j
        if not lines:
            lines.append([])
            ends.append(False)
        return lines, ends

    def _cut(self, word, first, limit):
        """Cut a word (pieces) into chunks: `first` wide, then `limit` wide."""
        size = self.style.fontSize
        chunks, cur, acc = [], [], 0.0
        for p in word:
            if p[SUP]:
                if cur and acc + p[WIDTH] > (limit if chunks else first):
                    chunks.append(tuple(cur))
                    cur, acc = [], 0.0
                cur.append(p)
                acc += p[WIDTH]
                continue
            text, font = p[TEXT], p[FONT_]
            start = i = 0
            for unit in (text if text.isascii() else clusters(text)):  # clusters stay whole
                cw = self.widths(unit, font, size)
                if acc + cw > (limit if chunks else first) and (i > start or cur):
                    if i > start:
                        part = text[start:i]
                        cur.append((part, font, 0, False, self.widths(part, font, size),
                                    p[SPACE]))
                    chunks.append(tuple(cur))
                    cur, acc, start = [], 0.0, i
                acc += cw
                i += len(unit)
            part = text[start:]
            if part:
                cur.append((part, font, 0, False, self.widths(part, font, size), p[SPACE]))
        if cur:
            chunks.append(tuple(cur))
        return chunks

    def wrap(self, availWidth, availHeight):
        if self._wrapped != availWidth:
            self.lines, self._ends = self._break(availWidth)
            self._wrapped = availWidth
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        n = len(self.lines)
        s = int((availHeight + 1e-8) / self.style.leading)
        if s >= n:
            return [self]
        if s <= 1:
            return []  # no orphan line
        if n == s + 1:  # no widow line
            if n <= 3:
                return []
            s -= 1
        return [self._part(0, s, self.first), self._part(s, n, False)]

    def _part(self, start, stop, first):
        words = []
        for line, forced in zip(self.lines[start:stop], self._ends[start:stop]):
            words.extend(line)
            if forced:
                words.append(BR)
        part = FastPara(words, self.style, self.widths, self.out,
                        self.bullet if first else None, self.anchors, first,
                        dest=self.dest if first else None,
                        bullet_link=self.bullet_link if first else None)
        part.wrap(self.width, 0)
        return part

    # -------------------------------------------------------------- drawing

    def drawOn(self, canvas, x, y, _sW=0):
        """Draw at (x, y): the operators Flowable.drawOn writes ("q", the translation,
        the paragraph, "Q"), without its save and restore of the canvas's whole state
        (one per fact), since drawing a FastPara changes none of it but the matrix."""
        if getattr(self, "_showBoundary", None):
            return super().drawOn(canvas, x, y, _sW)
        x = self._hAlignAdjust(x, _sW)
        matrix = canvas._currentMatrix
        canvas._code.append("q")
        translate(canvas, x, y)
        self.canv = canvas
        try:
            self.draw()
        finally:
            del self.canv
            canvas._code.append("Q")
            canvas._currentMatrix = matrix

    def draw(self):
        canv, st, out = self.canv, self.style, self.out
        out.bind(canv)
        size, leading = st.fontSize, st.leading
        text_color = out.color(st.textColor)
        y = self.height - size
        ops = ["q BT", text_color]
        pen = _Pen(out, ops, size, text_color, out.color(LINK))
        if self.dest:
            bookmark(canv, self.dest, 0, self.height + 2)
        if self.bullet and self.first:
            self._draw_bullet(pen, y)
        links: list = []
        plain = (st.fontName, False)
        indent = st.leftIndent
        for i, line in enumerate(self.lines):
            x = indent + (st.firstLineIndent if i == 0 and self.first else 0)
            ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
            # Most lines are plain words: one string. (A fact's last line ends with a word
            # of pieces, its marker: no need to try.)
            text = None
            if line and line[-1].__class__ is str:
                try:
                    text = " ".join(line)
                except TypeError:  # a word of pieces within the line
                    pass
            if text is not None:
                pen.show(plain, text)
            elif line:
                self._draw_mixed(pen, line, x, y, links)
            y -= leading
        ops.append("ET Q")
        canv.addLiteral("\n".join(ops))
        for note, lx, ly, lw, lh in links:
            internal_link(canv, f"note-{note}", (lx, ly - 1, lx + lw, ly + lh))
            if note in self.anchors:
                bookmark(canv, f"ref-{note}", lx, ly + leading)

    def _draw_bullet(self, pen, y) -> None:
        st, ops = self.style, pen.ops
        color = getattr(st, "bulletColor", None)
        if color is not None:
            ops.append(self.out.color(color))
        ops.append(f"1 0 0 1 {st.bulletIndent:.2f} {y:.2f} Tm")
        self.out.show_fresh(ops, pen.state, st.bulletFontName, st.bulletFontSize, self.bullet)
        if color is not None:
            ops.append(pen.colors[0])
        if self.bullet_link:
            w = self.widths(self.bullet, st.bulletFontName, st.bulletFontSize)
            internal_link(self.canv, self.bullet_link, (st.bulletIndent, y - 2,
                                                        st.bulletIndent + w,
                                                        y + st.bulletFontSize))

    def _draw_mixed(self, pen, line, x, y, links) -> None:
        """Show a line holding pieces (other fonts, markers), starting at `x`; collect
        the markers' link rectangles in `links`."""
        st = self.style
        base, size = st.fontName, st.fontSize
        table = self.widths.table(base, size)
        space = self.widths(" ", base, size)
        plain = (base, False)
        rise, sup_size = pen.rise, pen.sup_size
        key, texts, prev = None, [], None
        count = _plain_count(line)
        if count:  # the leading plain words in one go
            key, texts, prev = plain, [" ".join(line[:count])], line[count - 1]
            ws = list(map(table.get, line[:count], repeat(0.0, count)))
            x += ws[0]
            for w in ws[1:]:  # in the order the loop below adds them: the same positions
                x += space
                x += w
        for word in line[count:]:
            if prev is not None:  # the space after the previous word, in its font
                if prev.__class__ is str:
                    k, x = plain, x + space
                else:
                    last = prev[-1]
                    k = plain if last[SUP] else (last[FONT_], False)
                    x += last[SPACE]
                    if not last[SPACE]:  # a break opportunity, not a space
                        k = None
                if k is None:
                    pass
                elif k == key:
                    texts.append(" ")
                else:
                    pen.flush(key, texts)
                    key, texts = k, [" "]
            prev = word
            if word.__class__ is str:
                if key == plain:
                    texts.append(word)
                else:
                    pen.flush(key, texts)
                    key, texts = plain, [word]
                x += table.get(word, 0.0)
                continue
            for p in word:
                k = (p[FONT_], p[SUP])
                if k == key:
                    texts.append(p[TEXT])
                else:
                    pen.flush(key, texts)
                    key, texts = k, [p[TEXT]]
                if p[NOTE]:
                    links.append((p[NOTE], x, y + rise, p[WIDTH], sup_size))
                x += p[WIDTH]
        pen.flush(key, texts)


class _Pen:
    """Text operators of one paragraph: runs of (font, superscript) text."""

    __slots__ = ("out", "ops", "state", "size", "sup_size", "rise", "colors", "sup_on")

    def __init__(self, out: TextOut, ops: list, size: float, text_color: str,
                 link_color: str):
        self.out, self.ops = out, ops
        self.state = [None, None]  # the current PDF font name and size
        self.size, self.sup_size, self.rise = size, size * SUPER_SIZE, size * SUPER_RISE
        self.colors = (text_color, link_color)
        self.sup_on = False

    def flush(self, key, texts: list) -> None:
        """Show the pieces `texts` of one run (`key` is (font, superscript)), if any."""
        if key is not None and texts:
            self.show(key, "".join(texts))

    def show(self, key, text: str) -> None:
        """Show `text` in the run `key`: superscripts (markers) raised and in link colour."""
        font, sup = key
        if sup != self.sup_on:
            self.ops.append(f"{_fmt(self.rise)} Ts {self.colors[1]}" if sup
                            else f"0 Ts {self.colors[0]}")
            self.sup_on = sup
        self.out.show(self.ops, self.state, font, self.sup_size if sup else self.size, text)


def _plain_count(line) -> int:
    """Return how many words at the start of `line` are plain strings."""
    count = 0
    for word in line:
        if word.__class__ is not str:
            break
        count += 1
    return count


def _fmt(v: float) -> str:
    return f"{v:.2f}"
