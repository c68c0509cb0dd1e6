"""Table rows: a table is a sequence of rows, each drawing the header above itself at
the top of a page."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable, Spacer

from briefing.writers.pdf.note_refs import notes_of
from briefing.writers.pdf.rl_internals import at_top, frame_of, full_height
from briefing.writers.pdf.styles import GRID


class Row(Flowable):
    """One table row; a row at the top of a page draws the table's header above itself.

    A table is a sequence of rows rather than one ReportLab Table, so that the notes
    of each row go to the page where that row lands, and long tables lay out in linear
    time. `fracs` are the column widths as fractions of the frame width.
    """

    padx, pady = 4.0, 3.0

    def __init__(self, cells, fracs, header=None, shade=None, bn=None, rule_top=0.5):
        self.cells = list(cells)
        self.fracs = fracs
        self.header = header  # a marker-free copy of the header row, or None
        self.shade = shade
        self._nums = tuple(bn) if bn is not None else None
        self._force_header = False
        self.rule_top = rule_top

    @property
    def _bn(self):
        if self._nums is None:
            self._nums = tuple(dict.fromkeys(n for c in self.cells for n in notes_of(c)))
        return self._nums

    def _show_header(self):
        if self.header is None:
            return False
        if self._force_header:
            return True
        frame = frame_of(self)
        return bool(frame is not None and at_top(frame))

    def wrap(self, aW, aH):
        self.width = aW
        self._cw = [aW * f for f in self.fracs]
        px, py = self.padx, self.pady
        self._body_h = max((c.wrap(w - 2 * px, aH)[1] for c, w in zip(self.cells, self._cw)),
                           default=0.0) + 2 * py
        self._with_header = self._show_header()
        self._hh = self.header.wrap(aW, aH)[1] if self._with_header else 0.0
        self.height = self._body_h + self._hh
        return aW, self.height

    def draw(self):
        canv, h = self.canv, self._body_h
        if self._with_header:
            self.header.drawOn(canv, 0, h)
        canv.saveState()
        if self.shade is not None:
            canv.setFillColor(self.shade)
            canv.rect(0, 0, self.width, h, stroke=0, fill=1)
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, h, stroke=1, fill=0)
        x = 0.0
        for w in self._cw[:-1]:
            x += w
            canv.line(x, 0, x, h)
        canv.restoreState()
        x = 0.0
        for c, w in zip(self.cells, self._cw):
            c.drawOn(canv, x + self.padx, h - self.pady - c.height)
            x += w

    def split(self, aW, aH):
        """Split a row only when it is taller than a whole page."""
        frame = frame_of(self)
        self.wrap(aW, aH)
        if frame is None or self.height <= full_height(frame):
            return []
        room = aH - self._hh - 2 * self.pady
        firsts, rests = [], []
        for c, w in zip(self.cells, self._cw):
            cw = w - 2 * self.padx
            if c.wrap(cw, room)[1] <= room:
                firsts.append(c)
                rests.append(Spacer(0, 0))
                continue
            parts = c.split(cw, room)
            if len(parts) > 1:
                firsts.append(parts[0])
                rests.append(parts[1])
            else:
                firsts.append(Spacer(0, 0))
                rests.append(c)
        if all(isinstance(c, Spacer) for c in firsts):
            return []
        one = Row(firsts, self.fracs, self.header, self.shade)
        one._force_header = self._with_header
        two = Row(rests, self.fracs, self.header, self.shade)
        return [one, two]
