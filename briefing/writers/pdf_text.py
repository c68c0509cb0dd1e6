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
from itertools import accumulate
from operator import add

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus.flowables import Flowable

from briefing.scripts import CJK, ZWSP, cjk_breaks, clusters, scripts_in
from briefing.writers.pdf_out import TextOut, Widths, internal_link
from briefing.writers.pdf_scripts import font_runs
from briefing.writers.pdf_styles import LINK

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
    family, base_bold, base_italic = ps2tt(style.fontName)
    base, size = style.fontName, style.fontSize
    sup_size = size * SUPER_SIZE
    base_space = widths(" ", base, size)
    fonts: dict = {}
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

    for run in runs:
        kind = run[0]
        if kind == "t":
            fkey = (run[2], run[3])
            got = fonts.get(fkey)
            if got is None:
                font = tt2ps(family, base_bold or run[2], base_italic or run[3])
                got = fonts[fkey] = (font, widths.table(font, size), widths(" ", font, size))
            font, table, space = got
            parts = run[1].split(" ")
            last = len(parts) - 1
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
                w = table.get(part)
                if w is None:
                    w = widths.measure(table, part, font, size)
                cur.append((part, font, 0, False, w, space))
        elif kind == "br":
            flush()
            words.append(BR)
        else:
            text = str(run[1])
            note = run[1] if kind == "n" and run[2] else 0
            cur.append((text, base, note, True, widths(text, base, sup_size), base_space))
    flush()
    return words


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
        if None in ws:
            for i, w in enumerate(ws):
                if w is None:
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

    def draw(self):
        canv, st, out = self.canv, self.style, self.out
        out.bind(canv)
        size, leading = st.fontSize, st.leading
        sup_size, rise = size * SUPER_SIZE, size * SUPER_RISE
        text_color, link_color = out.color(st.textColor), out.color(LINK)
        colors = (text_color, link_color)
        y = self.height - size
        ops = ["q BT", text_color]
        state = [None, None]
        if self.dest:
            canv.bookmarkHorizontal(self.dest, 0, self.height + 2)
        if self.bullet and self.first:
            color = getattr(st, "bulletColor", None)
            if color is not None:
                ops.append(out.color(color))
            ops.append(f"1 0 0 1 {_fmt(st.bulletIndent)} {_fmt(y)} Tm")
            out.show(ops, state, st.bulletFontName, st.bulletFontSize, self.bullet)
            if color is not None:
                ops.append(text_color)
            if self.bullet_link:
                w = self.widths(self.bullet, st.bulletFontName, st.bulletFontSize)
                internal_link(canv, self.bullet_link, (st.bulletIndent, y - 2,
                                                       st.bulletIndent + w, y + st.bulletFontSize))
        links = []
        base = st.fontName
        table = self.widths.table(base, size)
        space = self.widths(" ", base, size)
        plain = (base, False)
        self._sup_on = False
        for i, line in enumerate(self.lines):
            x = st.leftIndent + (st.firstLineIndent if i == 0 and self.first else 0)
            ops.append(f"1 0 0 1 {_fmt(x)} {_fmt(y)} Tm")
            key, texts = None, []
            prev = None
            for word in line:
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
                        self._flush(ops, state, key, texts, size, sup_size, rise, colors)
                        key, texts = k, [" "]
                prev = word
                if word.__class__ is str:
                    if key == plain:
                        texts.append(word)
                    else:
                        self._flush(ops, state, key, texts, size, sup_size, rise, colors)
                        key, texts = plain, [word]
                    x += table.get(word, 0.0)
                    continue
                for p in word:
                    k = (p[FONT_], p[SUP])
                    if k == key:
                        texts.append(p[TEXT])
                    else:
                        self._flush(ops, state, key, texts, size, sup_size, rise, colors)
                        key, texts = k, [p[TEXT]]
                    if p[NOTE]:
                        links.append((p[NOTE], x, y + rise, p[WIDTH], sup_size))
                    x += p[WIDTH]
            self._flush(ops, state, key, texts, size, sup_size, rise, colors)
            y -= leading
        ops.append("ET Q")
        canv.addLiteral("\n".join(ops))
        for note, lx, ly, lw, lh in links:
            internal_link(canv, f"note-{note}", (lx, ly - 1, lx + lw, ly + lh))
            if note in self.anchors:
                canv.bookmarkHorizontal(f"ref-{note}", lx, ly + leading)

    def _flush(self, ops, state, key, texts, size, sup_size, rise, colors) -> None:
        """Emit the text of one run (`key` is (font, superscript))."""
        if key is None or not texts:
            return
        font, sup = key
        if sup != self._sup_on:
            ops.append(f"{_fmt(rise)} Ts {colors[1]}" if sup else f"0 Ts {colors[0]}")
            self._sup_on = sup
        self.out.show(ops, state, font, sup_size if sup else size, "".join(texts))


def _fmt(v: float) -> str:
    return f"{v:.2f}"
