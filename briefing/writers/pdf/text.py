"""Fast paragraphs: plain text, bold and italic, line breaks and note markers.

Most of a brief is facts: a sentence or two and a note marker. ReportLab's Paragraph
parses markup and takes its slow multi-style path as soon as a paragraph holds a
superscript link, which made those paragraphs several times dearer than plain ones.
`FastPara` lays out such content directly: words measured once (widths cached per
document; see `words`), greedy line breaking at spaces (`lines`), no orphan or widow
lines (as the body style asks of ReportLab). Anything else (links, code) stays a
ReportLab Paragraph.

Text is drawn through `out.TextOut`.
"""

from __future__ import annotations

from itertools import repeat

from briefing.writers.pdf.lines import break_lines
from briefing.writers.pdf.links import bookmark, internal_link
from briefing.writers.pdf.out import TextOut
from briefing.writers.pdf.rl_internals import QuickDrawFlowable
from briefing.writers.pdf.styles import LINK
from briefing.writers.pdf.widths import Widths
from briefing.writers.pdf.words import (
    BR,
    FONT_,
    NOTE,
    SPACE,
    SUP,
    SUPER_RISE,
    SUPER_SIZE,
    TEXT,
    WIDTH,
)


class FastPara(QuickDrawFlowable):
    """A paragraph of words (see `words.words_from_runs`) in one paragraph style.

    Drawing it changes nothing of the canvas's state but the matrix, so it is drawn
    without saving the canvas's state (see `rl_internals.QuickDrawFlowable`).
    """

    def __init__(self, words, style, widths: Widths, out: TextOut, bullet=None,
                 anchors=frozenset(), first=True, bn=None, dest=None, bullet_link=None):
        self.words = words
        self.style = style
        self.widths = widths
        self.out = out
        self.bullet = bullet
        self.anchors = anchors  # note numbers whose marker gets a "ref-N" destination
        self.first = first  # the first part of its paragraph (bullet, first-line indent)
        self.dest = dest  # a destination name (or a tuple of them) atop the paragraph
        self.bullet_link = bullet_link  # a destination the bullet links to
        if bn is None:  # the markers' notes (not a range's dash: its notes came before)
            bn = tuple(dict.fromkeys(p[NOTE] for w in words if w.__class__ is tuple
                                     for p in w if p[NOTE].__class__ is int and p[NOTE]))
        self._bn = bn
        self._wrapped = None
        self.lines: list = []

    # -------------------------------------------------------------- layout

    def wrap(self, availWidth, availHeight):
        if self._wrapped != availWidth:
            self.lines, self._ends = break_lines(self.words, self.style, self.widths,
                                                 self.first, availWidth)
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
        text_color = out.color(st.textColor)
        y = self.height - size
        ops = ["q BT", text_color]
        pen = _Pen(out, ops, size, text_color, out.color(LINK))
        if self.dest:
            for name in (self.dest,) if isinstance(self.dest, str) else self.dest:
                bookmark(canv, name, 0, self.height + 2)
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
            if note.__class__ is tuple:  # a range's dash: a part of it per note between
                part = lw / len(note)
                for k, n in enumerate(note):
                    x0 = lx + k * part
                    internal_link(canv, f"note-{n}", (x0, ly - 1, x0 + part, ly + lh))
                continue
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
