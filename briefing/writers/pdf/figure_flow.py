"""Figures in the flow: a vector drawing with its caption under it, kept on one page."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable

from briefing.writers.pdf.note_refs import notes_of


class FigureFlow(Flowable):
    """A figure: a Drawing with its caption under it, kept on one page.

    It carries the caption's notes (so they go to the foot of its page) and what the
    document needs to add a bookmark (`_heading_info`, as a heading does)."""

    gap = 4.0

    def __init__(self, drawing, caption, info, key):
        self.drawing = drawing
        self.caption = caption
        self._heading_info = info
        self.key = key

    @property
    def _bn(self):
        return notes_of(self.caption)

    def getSpaceBefore(self):
        return 8

    def getSpaceAfter(self):
        return 10

    def wrap(self, aW, aH):
        self.width = aW
        self._ch = self.caption.wrap(aW, aH)[1]
        self.height = self.drawing.height + self.gap + self._ch
        return aW, self.height

    def draw(self):
        canv = self.canv
        canv.bookmarkHorizontal(self.key, 0, self.height)
        self.drawing.drawOn(canv, (self.width - self.drawing.width) / 2, self._ch + self.gap)
        self.caption.drawOn(canv, 0, 0)
