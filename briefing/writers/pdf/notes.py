"""Footnotes for the PDF writer: ReportLab has none, so they are built here.

How it works, in one layout pass:

* Every flowable the writer makes knows the numbers of the note markers it holds
  (`notes_of`): paragraphs are told at construction time, and the parts a paragraph
  splits into are scanned for their `#note-N` links; table rows, boxes and keep-together
  groups answer for their children.
* The body frame is a `NoteFrame`. Before it places a flowable that carries markers it
  raises its own bottom by the height those notes need at the foot of the page (a rule
  the first time on a page, then each note not yet on the page). If the flowable no longer
  fits, the bottom goes back and the flowable is split or moved to the next page, where
  its notes go too. When the frame splits a flowable it checks the first part together
  with the notes of that part, and asks for a smaller part until both fit.
* At the end of the page the notes the frame collected are drawn in the space it kept
  free, under a short rule: "N. text", wrapped to the frame width with a hanging number.

So a note is always printed on the page where its marker lands, and never under body
text. The one exception: a piece that cannot be split (a table row, two lines of a
paragraph) whose notes need more room than a whole page leaves. It is placed at the top
of a page with the notes that fit under it; the others are "carried" to the foot of
the next page(s) (`FlushNotes` ends the story with pages for any still carried).
Note text is set in one font, without markup.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import frames as rl_frames
from reportlab.platypus.doctemplate import ActionFlowable, PageBreak
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import Paragraph

from briefing.writers.fonts import BOLD, FONT
from briefing.writers.pdf.out import bookmark, internal_link
from briefing.writers.pdf.scripts import font_runs
from briefing.writers.pdf.styles import INK, LINK, RULE
from briefing.writers.pdf.text import FastPara
from briefing.writers.scripts import clusters

_FUZZ = 1e-6
_ILLEGAL_CHARS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]"
_ILLEGAL = re.compile(_ILLEGAL_CHARS)
_SPACE = re.compile(r"\s+")
# What either substitution below would change: one scan tells whether to run them.
_UNCLEAN = re.compile(_ILLEGAL_CHARS + r"|[^\S ]|  ")


def clean_text(text: str) -> str:
    """Return `text` in NFC without XML-illegal characters, white space runs as one space."""
    if text.isascii() and text.isprintable():  # the common case, checked fast
        return _SPACE.sub(" ", text) if "  " in text else text
    text = unicodedata.normalize("NFC", text)
    # Every character _UNCLEAN finds is unprintable (a control, format or unassigned
    # character, a surrogate, white space other than the space): most text is settled
    # by isprintable, several times faster than the search.
    if (text.isprintable() and "  " not in text) or _UNCLEAN.search(text) is None:
        return text
    return _SPACE.sub(" ", _ILLEGAL.sub("", text))


def notes_of(flowable) -> tuple[int, ...]:
    """Return the note numbers whose markers `flowable` draws, in order."""
    nums = getattr(flowable, "_bn", None)
    if nums is not None:
        return nums
    if isinstance(flowable, Paragraph):
        nums = scan_frags(flowable.frags)
        flowable._bn = nums
        return nums
    content = getattr(flowable, "_content", None)
    if content:
        return tuple(dict.fromkeys(n for f in content for n in notes_of(f)))
    return ()


def scan_frags(frags) -> tuple[int, ...]:
    """Return the note numbers linked (`#note-N`) from paragraph fragments.

    Fragments are either parse fragments or, in the parts of a split paragraph, words:
    lists `[width, (fragment, text), ...]`.
    """
    found: list[int] = []
    for frag in frags:
        if isinstance(frag, list):
            for part in frag[1:]:
                if isinstance(part, tuple) and part:
                    _links(part[0], found)
        else:
            _links(frag, found)
    return tuple(dict.fromkeys(found))


def _links(frag, found: list[int]) -> None:
    for link in getattr(frag, "link", None) or ():
        href = link[1] if isinstance(link, tuple) else link
        if isinstance(href, str) and href.startswith("#note-") and href[6:].isdigit():
            found.append(int(href[6:]))


class NoteLayout:
    """Measures and draws notes ("N. text", hanging number) at a fixed width."""

    rule_space = 6.0  # above the footnote rule
    after_rule = 3.0

    def __init__(self, notes: dict[int, str], width: float, widths, out, size=7.5,
                 leading=9.0, gap=1.5):
        self.notes = notes  # number -> plain text (already cleaned)
        self.width = width
        self.size, self.leading, self.gap = size, leading, gap
        self.out = out  # a pdf_out.TextOut
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


class NoteList(Flowable):
    """Endnotes: notes laid out as footnotes are, in the flow, split between notes."""

    _bn = ()

    def __init__(self, layout: NoteLayout, numbers: list[int], backlinks: set[int],
                 start: int = 0, stop: int | None = None, prefix: list[float] | None = None):
        self.layout = layout
        self.numbers = numbers
        self.backlinks = backlinks  # numbers whose marker has a "ref-N" destination
        self.start = start
        self.stop = len(numbers) if stop is None else stop
        if prefix is None:  # heights of the notes before each, shared by all parts
            prefix = [0.0]
            prefix.extend(accumulate(layout.height(n) for n in numbers))
        self.prefix = prefix

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.prefix[self.stop] - self.prefix[self.start]
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        prefix = self.prefix
        k = bisect_right(prefix, prefix[self.start] + availHeight + 1e-6, self.start,
                         self.stop + 1) - 1
        if k >= self.stop:
            return [self]
        if k <= self.start:
            frame = getattr(self, "_frame", None)
            if frame is None or not frame._atTop:
                return []
            k = self.start + 1  # a note taller than a page: it runs on
        return [NoteList(self.layout, self.numbers, self.backlinks, self.start, k, prefix),
                NoteList(self.layout, self.numbers, self.backlinks, k, self.stop, prefix)]

    def draw(self):
        self.layout.draw_list(self.canv, 0, self.height, self.numbers[self.start:self.stop],
                              self.backlinks)


class NoteFrame(Frame):
    """A frame that keeps room at its foot for the notes of what it holds."""

    # ReportLab's build asks the frame for it after every flowable; it is set only when
    # there is some. A class default answers without Frame.__getattr__ and its exception.
    _generated_content = None

    def __init__(self, *args, layout: NoteLayout | None = None, **kwds):
        self.__dict__["layout"] = layout
        self.__dict__["carry"] = []  # notes that did not fit their page (see `add`)
        super().__init__(*args, **kwds)

    def _reset(self):
        super()._reset()
        self._geom()  # undo the raised bottom of the previous page
        self.page_notes: list[int] = []
        self._page_set: set[int] = set()
        self.notes_height = 0.0
        if self.carry and self.layout is not None:
            self._take(self.carry, (self._y - self._y1p) * 0.8)
            self._y1p += self.notes_height

    def _take(self, nums: list[int], room: float) -> None:
        """Register the first of `nums` that fit in `room`; carry the rest to next page."""
        taken, height = [], (0.0 if self.page_notes else self.layout.sep)
        for i, n in enumerate(nums):
            h = self.layout.height(n)
            if taken and height + h > room:
                self.carry[:] = nums[i:]
                break
            taken.append(n)
            height += h
        else:
            self.carry[:] = []
        self._register(taken, height if taken else 0.0)

    def extra_for(self, nums) -> float:
        """Return the height that notes `nums` add to this page's notes."""
        if self.layout is None or not nums:
            return 0.0
        extra = 0.0
        seen = self._page_set
        for n in dict.fromkeys(nums):
            if n not in seen:
                extra += self.layout.height(n)
        if extra and not self.page_notes:
            extra += self.layout.sep
        return extra

    def _register(self, nums, extra: float) -> None:
        for n in dict.fromkeys(nums):
            if n not in self._page_set:
                self._page_set.add(n)
                self.page_notes.append(n)
        self.notes_height += extra

    def add(self, flowable, canv, trySplit=0):
        nums = notes_of(flowable) if self.layout is not None else ()
        extra = self.extra_for(nums)
        if not extra:
            return self._place(flowable, canv, trySplit)
        saved = self._y1p
        if getattr(flowable, "_notes_overflow", False):
            # Last resort (see the module notes): the notes that fit under it go here,
            # the others at the foot of the next page(s).
            ok = self._place(flowable, canv, trySplit)
            if ok:
                new = [n for n in dict.fromkeys(nums) if n not in self._page_set]
                self._take(new, self._y - saved)
                self._y1p = max(self._y, saved)
            return ok
        self._y1p = saved + extra
        ok = self._place(flowable, canv, trySplit)
        if ok:
            self._register(nums, extra)
        else:
            self._y1p = saved
        return ok

    def _place(self, flowable, canv, trySplit) -> int:
        """Place `flowable` as Frame._add does: by a shorter route for a FastPara."""
        if (flowable.__class__ is FastPara and not self.__dict__.get("_frameBGs")
                and not self._debug):
            return self._add_para(flowable, canv, trySplit)
        return self._add(flowable, canv, trySplit)

    def _add_para(self, para: FastPara, canv, trySplit) -> int:
        """Frame._add's steps for a FastPara (most of a brief): one has no frame action,
        is never of zero size and transfers no space; it sets its own canvas to draw.
        Whatever does not fit is left to Frame._add, to say so as it does."""
        y, p, s = self._y, self._y1p, 0
        aW = self._getAvailableWidth()
        if not self._atTop:
            s = para.getSpaceBefore()
            if self._oASpace:
                s = max(s - self._prevASpace, 0)
        h = y - p - s
        if h <= 0:
            return self._add(para, canv, trySplit)
        w, h = para.wrap(aW, h)
        y -= h + s
        if y < p - rl_frames._FUZZ:
            return self._add(para, canv, trySplit)
        sa = para.getSpaceAfter()
        para.drawOn(canv, self._x + self._leftExtraIndent, y, _sW=aW - w)
        y -= sa
        state = self.__dict__  # where Frame.__setattr__ keeps these
        if self._oASpace:
            state["_prevASpace"] = sa
        if y != self._y:
            state["_atTop"] = 0
        state["_y"] = y
        return 1

    def split(self, flowable, canv):
        if self.layout is None:
            return super().split(flowable, canv)
        y, p, s = self._y, self._y1p, 0
        if not self._atTop:
            s = flowable.getSpaceBefore()
            if self._oASpace:
                s = max(s - self._prevASpace, 0)
        avail = y - p - s
        if avail <= 0 and not getattr(flowable, "_ZEROSIZE", False):
            return []
        aW = self._aW
        flowable._frame = self
        flowable.canv = canv
        try:
            h_try = avail
            for _ in range(200):
                parts = flowable.split(aW, h_try)
                if not parts:
                    break
                first = parts[0]
                if isinstance(first, ActionFlowable):
                    return parts
                extra = self.extra_for(notes_of(first))
                if not extra:
                    return parts
                first.canv = canv
                try:
                    h = first.wrap(self._getAvailableWidth(), avail - extra)[1]
                finally:
                    if hasattr(first, "canv"):
                        del first.canv
                over = h + extra - avail
                if over <= _FUZZ:
                    return parts
                h_try -= max(over, 1.0)
                if h_try <= 0:
                    break
        finally:
            for a in ("canv", "_frame"):
                if hasattr(flowable, a):
                    delattr(flowable, a)
        if self._atTop and notes_of(flowable):
            flowable._notes_overflow = True
            return [flowable]
        return []

    def draw_notes(self, canv) -> None:
        """Draw this page's notes in the room kept at the foot of the frame."""
        if not self.page_notes:
            return
        top = self._y1 + self._bottomPadding + self.notes_height
        self.layout.draw(canv, self._x1 + self._leftPadding, top, self.page_notes)


class FlushNotes(Flowable):
    """The story's last flowable: adds pages while notes are still carried over."""

    _ZEROSIZE = True  # placed even on a full page (no blank page at the end)

    def wrap(self, availWidth, availHeight):
        frame = getattr(self, "_frame", None)
        if getattr(frame, "carry", None):
            return availWidth, availHeight + 1  # does not fit: split into a page break
        return availWidth, 0

    def split(self, availWidth, availHeight):
        frame = getattr(self, "_frame", None)
        return [PageBreak(), self] if getattr(frame, "carry", None) else [self]

    def draw(self):
        pass
