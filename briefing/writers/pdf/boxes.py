"""Boxes: the shaded "Sources differ" callout, the key points and the analyst's judgements
(a rule at the left), whole on a page unless taller than one; and the page break the
contents takes after a box that was split."""

from __future__ import annotations

from copy import copy

from reportlab.platypus.flowables import Flowable, PageBreak

from briefing.writers.pdf.keep import fresh_notes
from briefing.writers.pdf.note_refs import notes_of
from briefing.writers.pdf.rl_internals import (
    ZeroSizeFlowable,
    at_top,
    frame_of,
    full_height,
)
from briefing.writers.pdf.rows import Row
from briefing.writers.pdf.styles import ACCENT, CALLOUT_BG, CALLOUT_BORDER, JUDGEMENT, KEY_BG


class SplitWatch:
    """Whether the last part of a box drawn was the tail of a split box."""

    split = False


class Box(Flowable):
    """A shaded box around flowables: the "Sources differ" callout or the key points.

    It moves whole to the next page when it does not fit here but fits a page (with its
    notes); only a box taller than a page splits, between (or inside) its children, the
    parts keeping the box look, open at the side where they continue.
    """

    keep_whole = True  # a Keep ending in a box moves rather than split it (keep.py)

    def __init__(self, children, kind, top_open=False, bottom_open=False, watch=None):
        self.children = list(children)
        self.kind = kind
        self.top_open = top_open
        self.bottom_open = bottom_open
        self.watch = watch  # a SplitWatch told, as each part is drawn, if it is a tail
        self.split_here = False  # set by a Keep that places the box where it must split
        if kind == "key":
            self.pad = (14, 8, 8, 6)  # left, right, top, bottom
        elif kind == "judgement":
            self.pad = (11, 0, 1, 1)
        else:
            self.pad = (10, 10, 7, 7)
        self._nums = None

    @property
    def _bn(self):
        if self._nums is None:
            self._nums = tuple(dict.fromkeys(n for c in self.children for n in notes_of(c)))
        return self._nums

    def getSpaceBefore(self):
        return 0 if self.top_open else 2 if self.kind == "judgement" else 6

    def getSpaceAfter(self):
        return 0 if self.bottom_open else 5 if self.kind == "judgement" else 10

    def _inner(self, aW):
        return aW - self.pad[0] - self.pad[1]

    def _top_pad(self):
        return 3 if self.top_open else self.pad[2]

    def _bottom_pad(self):
        return 3 if self.bottom_open else self.pad[3]

    def _measure(self, iw, aH):
        sizes, prev_after = [], 0.0
        canv = getattr(self, "canv", None)
        for i, c in enumerate(self.children):
            h = c.wrapOn(canv, iw, aH)[1] if canv is not None else c.wrap(iw, aH)[1]
            gap = max(c.getSpaceBefore(), prev_after) if i else 0.0
            sizes.append((gap, h))
            prev_after = c.getSpaceAfter()
        return sizes

    def wrap(self, aW, aH):
        self.width = aW
        self._sizes = self._measure(self._inner(aW), aH)
        self.height = self._top_pad() + self._bottom_pad() + sum(g + h for g, h in self._sizes)
        return aW, self.height

    def draw(self):
        canv, w, h = self.canv, self.width, self.height
        if self.watch is not None:
            self.watch.split = self.top_open
        canv.saveState()
        if self.kind == "judgement":  # a rule at the left only: the analyst's words
            canv.setFillColor(JUDGEMENT)
            canv.rect(0, 0, 2.5, h, stroke=0, fill=1)
        elif self.kind == "key":
            canv.setFillColor(KEY_BG)
            canv.rect(0, 0, w, h, stroke=0, fill=1)
            canv.setFillColor(ACCENT)
            canv.rect(0, 0, 4, h, stroke=0, fill=1)
        else:
            canv.setFillColor(CALLOUT_BG)
            canv.rect(0, 0, w, h, stroke=0, fill=1)
            canv.setStrokeColor(CALLOUT_BORDER)
            canv.setLineWidth(0.9)
            canv.line(0, 0, 0, h)
            canv.line(w, 0, w, h)
            if not self.top_open:
                canv.line(0, h, w, h)
            if not self.bottom_open:
                canv.line(0, 0, w, 0)
        canv.restoreState()
        y = h - self._top_pad()
        for c, (gap, ch) in zip(self.children, self._sizes):
            y -= gap + ch
            c.drawOn(canv, self.pad[0], y)

    def fits_a_page(self, aW, frame) -> bool:
        """Return whether the whole box and its notes fit on an empty page of `frame`."""
        full = full_height(frame)
        return self.wrap(aW, full)[1] + fresh_notes(frame, self._bn) <= full

    def split(self, aW, aH):
        frame = frame_of(self)
        if (not self.top_open and not self.split_here and frame is not None
                and not at_top(frame) and self.fits_a_page(aW, frame)):
            return []  # whole, on the next page
        iw = self._inner(aW)
        room = aH - self._top_pad() - 3  # the first part is open at the bottom
        canv = getattr(self, "canv", None)
        first, rest, used, prev_after = [], [], 0.0, 0.0
        for i, c in enumerate(self.children):
            gap = max(c.getSpaceBefore(), prev_after) if first else 0.0
            h = c.wrapOn(canv, iw, room - used - gap)[1] if canv else c.wrap(iw, room)[1]
            if used + gap + h <= room:
                first.append(c)
                used += gap + h
                prev_after = c.getSpaceAfter()
                continue
            parts = (c.splitOn(canv, iw, room - used - gap) if canv
                     else c.split(iw, room - used - gap))
            if len(parts) > 1:
                first.append(parts[0])
                rest = list(parts[1:]) + self.children[i + 1:]
            else:
                rest = self.children[i:]
            break
        if not first:
            return []
        if not rest:
            return [self]  # it all fits (the frame may still need room for notes)
        if isinstance(rest[0], Row) and rest[0].header is not None:
            rest[0] = copy(rest[0])  # this split may be a trial: leave the row as it was
            rest[0]._force_header = True
        return [Box(first, self.kind, self.top_open, True, self.watch),
                Box(rest, self.kind, True, self.bottom_open, self.watch)]


class BreakAfterSplitBox(ZeroSizeFlowable):
    """A page break that happens only when the box just before it was split: the
    contents then starts a page rather than follow a box's tail."""

    def __init__(self, watch: SplitWatch):
        self.watch = watch

    def _wanted(self) -> bool:
        frame = frame_of(self)
        return self.watch.split and frame is not None and not at_top(frame)

    def wrap(self, availWidth, availHeight):
        return (availWidth, availHeight + 1) if self._wanted() else (availWidth, 0)

    def split(self, availWidth, availHeight):
        return [PageBreak()] if self._wanted() else [self]

    def draw(self):
        pass
