"""Notes set as the PDF shows them: "N. text", wrapped at a fixed width with a hanging
number, in one font without markup. Footnotes (at the foot of each page, under a short
rule) and endnotes (in the flow) are both laid out and drawn by a `NoteLayout`.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from reportlab.pdfbase import pdfmetrics

from briefing.writers.fonts import BOLD, FONT
from briefing.writers.pdf.links import bookmark, internal_link
from briefing.writers.pdf.scripts import font_runs
from briefing.writers.pdf.styles import INK, LINK, RULE
from briefing.writers.scripts import clusters


class NoteLayout:
    """Measures and draws notes ("N. text", hanging number) at a fixed width."""

    rule_space = 6.0  # above the footnote rule
    after_rule = 3.0

    def __init__(self, notes: dict[int, str], width: float, widths, out, size=7.5,
                 leading=9.0, gap=1.5):
        self.notes = notes  # number -> plain text (already cleaned)
        self.width = width
        self.size, self.leading, self.gap = size, leading, gap
        self.out = out  # an out.TextOut
        # Labels ("12.") are each measured once: straight from the font, uncached.
        self._label_sw = pdfmetrics.getFont(BOLD).stringWidth
        self._widths = widths
        self._table = widths.table(FONT, size)
        self._space = widths(" ", FONT, size)
        # word -> its width plus the space after it: the steps of a line's prefix sums
        self._spaced: dict[str, float] = {}
        # The words measured that are not one run of the body font. A text is wholly in
        # the body font when none of its words is one of them (font_runs resolves a
        # character alike alone and after a run of the body font).
        self._multi: set[str] = set()
        widest = max((len(str(n)) for n in notes), default=1)
        self.num_w = pdfmetrics.stringWidth("0" * widest + ".", BOLD, self.size) + 3.5
        self.sep = self.rule_space + self.after_rule
        self._lines: dict[int, list[str]] = {}
        self._heights: dict[int, float] = {}
        self._by_text: dict[str, list[str]] = {}
        self._plain: dict[str, bool] = {}  # text -> whether wholly in the body font
        self._anchored: set[int] = set()

    def lines(self, number: int) -> list[str]:
        """Return the wrapped lines of note `number`."""
        got = self._lines.get(number)
        if got is None:
            text = self.notes.get(number, "")
            got = self._by_text.get(text)
            if got is None:
                got = self._by_text[text] = self._break(text)
            self._lines[number] = got
        return got

    def height(self, number: int) -> float:
        """Return the height note `number` takes at the foot of a page."""
        h = self._heights.get(number)
        if h is None:  # asked for each flowable the frame tries; computed once
            h = self._heights[number] = len(self.lines(number)) * self.leading + self.gap
        return h

    def _break(self, text: str) -> list[str]:
        """Greedy line breaking at spaces (prefix sums, bisection); long words are cut."""
        width = self.width - self.num_w
        words = text.split(" ")
        if "" in words:  # spaces at either end (cleaned text has no double spaces)
            words = list(filter(None, words))
        steps = list(map(self._spaced.get, words))
        if None in steps:
            self._measure(words, steps)
        multi = self._multi
        self._plain[text] = not multi or multi.isdisjoint(words)
        space = self._space
        prefix = [0.0]
        prefix.extend(accumulate(steps))
        lines: list[str] = []
        i, n = 0, len(words)
        while i < n:
            j = bisect_right(prefix, prefix[i] + width + space + 1e-6, i + 1) - 1
            if j == i:  # one word wider than a line
                lines.extend(self._cut(words[i], width))
                i += 1
                continue
            lines.append(" ".join(words[i:j]))
            i = j
        return lines or [""]

    def _measure(self, words: list[str], steps: list) -> None:
        """Fill in the steps (None in `steps`: width plus a space) of words not seen yet.

        A word in ASCII is one run of the body font; any other is measured by its font
        runs (as `Widths.mixed`), and noted in `_multi` when they are not that one run.
        """
        size, table, space, spaced = self.size, self._table, self._space, self._spaced
        measure = self._widths.measure
        i = -1
        for _ in range(steps.count(None)):
            i = steps.index(None, i + 1)
            word = words[i]
            w = table.get(word)
            if not word.isascii():
                runs = font_runs(word, FONT)
                if len(runs) > 1 or runs[0][1] != FONT:
                    self._multi.add(word)
                    if w is None:
                        w = sum(self._widths(t, f, size) for t, f in runs)
            if w is None:
                w = measure(table, word, FONT, size)
            steps[i] = spaced[word] = w + space

    def _cut(self, word: str, width: float) -> list[str]:
        pieces, start, acc, i = [], 0, 0.0, 0
        for unit in (word if word.isascii() else clusters(word)):  # clusters stay whole
            cw = self._widths.mixed(unit, FONT, self.size)
            if acc + cw > width and i > start:
                pieces.append(word[start:i])
                start, acc = i, 0.0
            acc += cw
            i += len(unit)
        pieces.append(word[start:])
        return pieces

    def _is_plain(self, text: str) -> bool:
        """Whether `text` is set wholly in the body font."""
        got = self._plain.get(text)
        if got is None:
            got = self._plain[text] = (text.isascii()
                                       or font_runs(text, FONT) == [(text, FONT)])
        return got

    def draw(self, canv, x: float, top: float, numbers: list[int]) -> None:
        """Draw footnotes: a short rule, then notes `numbers` downwards from `top`."""
        canv.saveState()
        y = top - self.rule_space
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(x, y, x + min(150.0, self.width * 0.33), y)
        canv.restoreState()
        self.draw_list(canv, x, y - self.after_rule, numbers)

    def draw_list(self, canv, x: float, top: float, numbers, backlinks=()) -> None:
        """Draw notes `numbers` downwards from `top`, in the current coordinates.

        Each note gets the destination "note-N" (once); its number links back to the
        marker ("ref-N") when N is in `backlinks`.
        """
        size, leading, out = self.size, self.leading, self.out
        out.bind(canv)
        ink, link = out.color(INK), out.color(LINK)
        ops, state = ["q BT"], [None, None]
        y = top
        tx = f"1 0 0 1 {x + self.num_w:.2f}"
        for n in numbers:
            lines = self.lines(n)
            base = y - size
            if n not in self._anchored:
                self._anchored.add(n)
                bookmark(canv, f"note-{n}", x, y + 2)
            label = f"{n}."
            lx = x + self.num_w - 3 - self._label_sw(label, size)
            ops.append(f"{link} 1 0 0 1 {lx:.2f} {base:.2f} Tm")
            out.show(ops, state, BOLD, size, label)
            if n in backlinks:
                internal_link(canv, f"ref-{n}", (lx, base - 2, x + self.num_w - 3, base + size))
            ops.append(ink)
            # A note wholly in the body font (most) needs no font runs per line.
            show = out.show if self._is_plain(self.notes.get(n, "")) else out.show_mixed
            for line in lines:
                ops.append(f"{tx} {base:.2f} Tm")
                show(ops, state, FONT, size, line)
                base -= leading
            y -= len(lines) * leading + self.gap
        ops.append("ET Q")
        canv.addLiteral("\n".join(ops))
