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
text. Limits: a single unsplittable piece (one line, one table row) whose notes need
more than the whole page cannot be honoured; it is placed at the top of a page and its
notes run on into the bottom margin. Note text is set in one font, without markup.
"""

from __future__ import annotations

import re
import unicodedata

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import Paragraph

from briefing.writers.pdf_styles import BOLD, FONT, INK, LINK, RULE

_FUZZ = 1e-6
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Return `text` in NFC without XML-illegal characters, white space runs as one space."""
    text = unicodedata.normalize("NFC", text)
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
    """Measures and draws footnotes at a fixed width."""

    size = 7.5
    leading = 9.4
    gap = 2.0  # between notes
    rule_space = 7.0  # above the rule
    after_rule = 4.0

    def __init__(self, notes: dict[int, str], width: float, linked_refs: set[int]):
        self.notes = notes  # number -> plain text (already cleaned)
        self.width = width
        self.linked_refs = linked_refs  # numbers whose marker carries a "ref-N" anchor
        widest = max((len(str(n)) for n in notes), default=1)
        self.num_w = pdfmetrics.stringWidth("0" * widest + ".", BOLD, self.size) + 3.5
        self.sep = self.rule_space + self.after_rule
        self._lines: dict[int, list[str]] = {}
        self._by_text: dict[str, list[str]] = {}
        self._anchored: set[int] = set()
        self._sw = pdfmetrics.getFont(FONT).stringWidth

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
        return len(self.lines(number)) * self.leading + self.gap

    def _break(self, text: str) -> list[str]:
        """Greedy line breaking at spaces; words wider than a line are cut."""
        size, width, sw = self.size, self.width - self.num_w, self._sw
        space = sw(" ", size)
        lines: list[str] = []
        cur: list[str] = []
        cur_w = 0.0
        for word in text.split(" "):
            if not word:
                continue
            w = sw(word, size)
            if w > width:
                if cur:
                    lines.append(" ".join(cur))
                pieces = self._cut(word, width)
                lines.extend(pieces[:-1])
                cur, cur_w = [pieces[-1]], sw(pieces[-1], size)
            elif cur and cur_w + space + w > width:
                lines.append(" ".join(cur))
                cur, cur_w = [word], w
            else:
                cur_w += (space if cur else 0.0) + w
                cur.append(word)
        if cur:
            lines.append(" ".join(cur))
        return lines or [""]

    def _cut(self, word: str, width: float) -> list[str]:
        pieces, start, acc = [], 0, 0.0
        for i, ch in enumerate(word):
            cw = self._sw(ch, self.size)
            if acc + cw > width and i > start:
                pieces.append(word[start:i])
                start, acc = i, 0.0
            acc += cw
        pieces.append(word[start:])
        return pieces

    def draw(self, canv, x: float, top: float, numbers: list[int]) -> None:
        """Draw the rule and notes `numbers` downwards from `top` (absolute coordinates)."""
        canv.saveState()
        y = top - self.rule_space
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(x, y, x + min(150.0, self.width * 0.33), y)
        y -= self.after_rule
        size, leading = self.size, self.leading
        text = canv.beginText()
        text.setFont(FONT, size, leading)
        text.setFillColor(INK)
        canv.setFont(BOLD, size)
        canv.setFillColor(LINK)
        for n in numbers:
            lines = self.lines(n)
            base = y - size
            if n not in self._anchored:
                self._anchored.add(n)
                canv.bookmarkHorizontalAbsolute(f"note-{n}", y + 2, left=x)
            canv.drawRightString(x + self.num_w - 3, base, f"{n}.")
            if n in self.linked_refs:
                canv.linkAbsolute("", f"ref-{n}", (x, base - 2, x + self.num_w, base + size),
                                  thickness=0)
            text.setTextOrigin(x + self.num_w, base)
            for line in lines:
                text.textLine(line)
            y -= len(lines) * leading + self.gap
        canv.drawText(text)
        canv.restoreState()


class NoteFrame(Frame):
    """A frame that keeps room at its foot for the notes of what it holds."""

    def __init__(self, *args, layout: NoteLayout | None = None, **kwds):
        self.__dict__["layout"] = layout
        super().__init__(*args, **kwds)

    def _reset(self):
        super()._reset()
        self._geom()  # undo the raised bottom of the previous page
        self.page_notes: list[int] = []
        self._page_set: set[int] = set()
        self.notes_height = 0.0
        self.notes_top: float | None = None

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
            return self._add(flowable, canv, trySplit)
        saved = self._y1p
        if getattr(flowable, "_notes_overflow", False):
            # Last resort (see the module notes): place it, notes run on below.
            ok = self._add(flowable, canv, trySplit)
            if ok:
                self._register(nums, extra)
                self.notes_top = self._y
                self._y1p = max(self._y, saved)
            return ok
        self._y1p = saved + extra
        ok = self._add(flowable, canv, trySplit)
        if ok:
            self._register(nums, extra)
        else:
            self._y1p = saved
        return ok

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
        if self._atTop and not self.page_notes and notes_of(flowable):
            flowable._notes_overflow = True
            return [flowable]
        return []

    def draw_notes(self, canv) -> None:
        """Draw this page's notes in the room kept at the foot of the frame."""
        if not self.page_notes:
            return
        bottom = self._y1 + self._bottomPadding
        top = bottom + self.notes_height
        if self.notes_top is not None:
            top = min(top, self.notes_top)
        self.layout.draw(canv, self._x1 + self._leftPadding, top, self.page_notes)
