"""Endnotes: the notes under a "Notes" heading, laid out as footnotes are (see
`note_layout`), in the flow and split between notes; each number links back to its
marker.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from reportlab.platypus.flowables import Flowable

from briefing.writers.pdf.note_layout import NoteLayout
from briefing.writers.pdf.rl_internals import at_top, frame_of


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
            frame = frame_of(self)
            if frame is None or not at_top(frame):
                return []
            k = self.start + 1  # a note taller than a page: it runs on
        return [NoteList(self.layout, self.numbers, self.backlinks, self.start, k, prefix),
                NoteList(self.layout, self.numbers, self.backlinks, k, self.stop, prefix)]

    def draw(self):
        self.layout.draw_list(self.canv, 0, self.height, self.numbers[self.start:self.stop],
                              self.backlinks)
