"""Footnotes for the PDF writer: ReportLab has none, so the body frame keeps their room.

How it works, in one layout pass:

* Every flowable the writer makes knows the numbers of the note markers it holds
  (`note_refs.notes_of`).
* The body frame is a `NoteFrame`. Before it places a flowable that carries markers it
  raises its own floor by the height those notes need at the foot of the page (a rule
  the first time on a page, then each note not yet on the page). If the flowable no longer
  fits, the floor goes back and the flowable is split or moved to the next page, where
  its notes go too. When the frame splits a flowable it checks the first part together
  with the notes of that part, and asks for a smaller part until both fit.
* At the end of the page the notes the frame collected are drawn in the space it kept
  free, under a short rule (`note_layout.NoteLayout`).

So a note is always printed on the page where its first marker lands, and never under
body text; a later marker of the same note (a passage cited again) links to it there and
adds nothing to its own page (`shown`, `carry`). The one exception: a piece that cannot
be split (a table row, two lines of a paragraph) whose notes need more room than a whole
page leaves. It is placed at the top of a page with the notes that fit under it; the
others are "carried" to the foot of the next page(s) (`FlushNotes` ends the story with
pages for any still carried).
"""

from __future__ import annotations

from reportlab.platypus.doctemplate import ActionFlowable, PageBreak

from briefing.writers.pdf.note_layout import NoteLayout
from briefing.writers.pdf.note_refs import notes_of
from briefing.writers.pdf.rl_internals import (
    LayoutFrame,
    ZeroSizeFlowable,
    at_top,
    frame_of,
)
from briefing.writers.pdf.text import FastPara

_FUZZ = 1e-6


class NoteFrame(LayoutFrame):
    """A frame that keeps room at its foot for the notes of what it holds."""

    def __init__(self, *args, layout: NoteLayout | None = None, **kwds):
        self.__dict__["layout"] = layout
        self.__dict__["carry"] = []  # notes that did not fit their page (see `add`)
        self.__dict__["shown"] = set()  # notes at the foot of earlier pages
        super().__init__(*args, **kwds)

    def document_began(self) -> None:
        """Start a layout pass: no note is shown yet."""
        self.shown.clear()
        self.carry.clear()
        self.page_notes = []

    def frame_began(self) -> None:
        self.shown.update(getattr(self, "page_notes", ()))
        self.page_notes: list[int] = []
        self._page_set: set[int] = set()
        self.notes_height = 0.0
        if self.carry and self.layout is not None:
            self._take(self.carry, (self.cursor - self.floor) * 0.8)
            self.set_floor(self.floor + self.notes_height)

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
        seen, shown, carry = self._page_set, self.shown, self.carry
        for n in dict.fromkeys(nums):
            if n not in seen and n not in shown and n not in carry:
                extra += self.layout.height(n)
        if extra and not self.page_notes:
            extra += self.layout.sep
        return extra

    def fresh_extra(self, nums) -> float:
        """Return the height that notes `nums` take at the foot of an empty page."""
        if self.layout is None or not nums:
            return 0.0
        return self.layout.sep + sum(self.layout.height(n) for n in dict.fromkeys(nums))

    def _register(self, nums, extra: float) -> None:
        shown, carry = self.shown, self.carry
        for n in dict.fromkeys(nums):
            if n not in self._page_set and n not in shown and n not in carry:
                self._page_set.add(n)
                self.page_notes.append(n)
        self.notes_height += extra

    def add(self, flowable, canv, trySplit=0):
        nums = notes_of(flowable) if self.layout is not None else ()
        extra = self.extra_for(nums)
        if not extra:
            return self._place(flowable, canv, trySplit)
        saved = self.floor
        if getattr(flowable, "_notes_overflow", False):
            # Last resort (see the module notes): the notes that fit under it go here,
            # the others at the foot of the next page(s).
            ok = self._place(flowable, canv, trySplit)
            if ok:
                new = [n for n in dict.fromkeys(nums) if n not in self._page_set
                       and n not in self.shown and n not in self.carry]
                self._take(new, self.cursor - saved)
                self.set_floor(max(self.cursor, saved))
            return ok
        self.set_floor(saved + extra)
        ok = self._place(flowable, canv, trySplit)
        if ok:
            self._register(nums, extra)
        else:
            self.set_floor(saved)
        return ok

    def _place(self, flowable, canv, trySplit) -> int:
        """Place `flowable` as Frame.add does: by a shorter route for a FastPara."""
        if flowable.__class__ is FastPara:
            return self.add_plain(flowable, canv, trySplit)
        return super().add(flowable, canv, trySplit)

    def split(self, flowable, canv):
        if self.layout is None:
            return super().split(flowable, canv)
        avail = self.split_room(flowable)
        if avail is None:
            return []
        aW = self.full_width
        with self.placing(flowable, canv):
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
                    h = first.wrap(self.available_width(), avail - extra)[1]
                finally:
                    if hasattr(first, "canv"):
                        del first.canv
                over = h + extra - avail
                if over <= _FUZZ:
                    return parts
                h_try -= max(over, 1.0)
                if h_try <= 0:
                    break
        if at_top(self) and notes_of(flowable):
            flowable._notes_overflow = True
            return [flowable]
        return []

    def draw_notes(self, canv) -> None:
        """Draw this page's notes in the room kept at the foot of the frame."""
        if not self.page_notes:
            return
        top = self.y1 + self.bottomPadding + self.notes_height
        self.layout.draw(canv, self.x1 + self.leftPadding, top, self.page_notes)


class FlushNotes(ZeroSizeFlowable):
    """The story's last flowable: adds pages while notes are still carried over."""

    def wrap(self, availWidth, availHeight):
        if getattr(frame_of(self), "carry", None):
            return availWidth, availHeight + 1  # does not fit: split into a page break
        # Nothing to carry: it fits whatever is left, even a frame its last flowable
        # overfilled by a fraction of a point (else ReportLab reports a splitting error).
        return availWidth, min(0.0, availHeight)

    def split(self, availWidth, availHeight):
        return [PageBreak(), self] if getattr(frame_of(self), "carry", None) else [self]

    def draw(self):
        pass
