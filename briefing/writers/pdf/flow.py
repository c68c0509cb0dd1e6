"""The flowables of the PDF writer: paragraphs that know their notes, headings, boxes,
table rows, keep-with-next groups and a one-pass table of contents.
"""

from __future__ import annotations

from copy import copy

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import Flowable, Spacer
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.tableofcontents import TableOfContents
from reportlab.platypus.tables import Table, TableStyle

from briefing.writers.fonts import BOLD, BOLD_ITALIC, FONT
from briefing.writers.pdf.notes import notes_of
from briefing.writers.pdf.scripts import SHAPED, bolden
from briefing.writers.pdf.styles import ACCENT, CALLOUT_BG, CALLOUT_BORDER, GRID, KEY_BG, MUTED
from briefing.writers.pdf.text import FastPara


def script_markup(text: str, style):
    """Return paragraph markup and style fit for the scripts in it: script fonts in bold
    for bold styles, and ReportLab's HarfBuzz shaping on when a font needs it."""
    if "<font name=" not in text:
        return text, style
    if style.fontName in (BOLD, BOLD_ITALIC):
        text = bolden(text)
    if any(f'<font name="{name}">' in text for name in SHAPED):
        shaped = _SHAPED_STYLES.get(style.name)
        if shaped is None:
            shaped = _SHAPED_STYLES[style.name] = ParagraphStyle(style.name + "-shaped", style,
                                                                 shaping=1)
        style = shaped
    return text, style


_SHAPED_STYLES: dict = {}


class Para(Paragraph):
    """A paragraph told at construction which notes it marks (`bn`)."""

    def __init__(self, text, style, bn=(), bulletText=None, frags=None):
        text, style = script_markup(text, style)
        super().__init__(text, style, bulletText=bulletText, frags=frags)
        self._bn = tuple(bn) if bn is not None else None

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1:
            for part in parts:
                # Parts of a note-free paragraph are note-free; others are scanned.
                part._bn = () if self._bn == () else None
        return parts


class _Splits:
    """How a heading splits: whole to the next page unless it starts a frame, and its
    first part keeps the outline and TOC information."""

    def split(self, availWidth, availHeight):
        frame = getattr(self, "_frame", None)
        if frame is not None and not frame._atTop:
            return []  # a heading moves whole to the next page
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1:
            parts[0]._heading_info = self._heading_info
        return parts


class Heading(_Splits, Para):
    """A heading: carries what the document needs for the outline and the TOC."""

    def __init__(self, text, style, info, bn=()):
        super().__init__(text, style, bn)
        self._heading_info = info  # (outline level, outline title, key, toc level or None)


class FastHeading(_Splits, FastPara):
    """A heading laid out as a FastPara (for text in shaped scripts; see Story.heading)."""

    def __init__(self, words, style, widths, out, info, dest, bn=()):
        super().__init__(words, style, widths, out, dest=dest, bn=bn)
        self._heading_info = info


class Keep(Flowable):
    """Keep headings (or a caption and a table's first rows) with what follows.

    When the group does not fit, it moves to the next page unless the last member can
    start here (it splits and its first part fits below the others).
    """

    _bn = ()  # the members report their notes when placed one by one
    min_start = 30.0  # the least of the last member worth starting on this page

    def __init__(self, content):
        self._content = list(content)

    def wrap(self, aW, aH):
        return aW, 0xFFFFFF  # always split: the frame then places the members

    def split(self, aW, aH):
        content = list(self._content)
        frame = getattr(self, "_frame", None)
        if frame is None or frame._atTop:
            return content
        canv = self.canv
        used, prev_after = 0.0, frame._prevASpace
        heads, last = content[:-1], content[-1]
        for i, f in enumerate(heads):
            h = f.wrapOn(canv, aW, aH)[1]
            used += max(f.getSpaceBefore() - prev_after, 0) + h
            prev_after = f.getSpaceAfter()
        used += max(last.getSpaceBefore(), prev_after) if heads else 0
        head_notes = tuple(n for f in heads for n in notes_of(f))
        all_notes = head_notes + tuple(notes_of(last))
        room = aH - used - frame.extra_for(head_notes)
        if room <= 0:
            return [FrameBreak()] + content
        h = last.wrapOn(canv, aW, room)[1]
        if used + h + frame.extra_for(all_notes) <= aH:
            return content
        room = aH - used - frame.extra_for(all_notes)
        if room >= self.min_start and last.splitOn(canv, aW, room):
            return content
        return [FrameBreak()] + content


class Box(Flowable):
    """A shaded box around flowables: the "Sources differ" callout or the key points.

    It splits between (or inside) its children; the parts keep the box look, open at
    the side where they continue.
    """

    def __init__(self, children, kind, top_open=False, bottom_open=False):
        self.children = list(children)
        self.kind = kind
        self.top_open = top_open
        self.bottom_open = bottom_open
        if kind == "key":
            self.pad = (14, 8, 8, 6)  # left, right, top, bottom
        else:
            self.pad = (10, 10, 7, 7)
        self._nums = None

    @property
    def _bn(self):
        if self._nums is None:
            self._nums = tuple(dict.fromkeys(n for c in self.children for n in notes_of(c)))
        return self._nums

    def getSpaceBefore(self):
        return 0 if self.top_open else 6

    def getSpaceAfter(self):
        return 0 if self.bottom_open else 10

    def _inner(self, aW):
        return aW - self.pad[0] - self.pad[1]

    def _top(self):
        return 3 if self.top_open else self.pad[2]

    def _bottom(self):
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
        self.height = self._top() + self._bottom() + sum(g + h for g, h in self._sizes)
        return aW, self.height

    def draw(self):
        canv, w, h = self.canv, self.width, self.height
        canv.saveState()
        if self.kind == "key":
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
        y = h - self._top()
        for c, (gap, ch) in zip(self.children, self._sizes):
            y -= gap + ch
            c.drawOn(canv, self.pad[0], y)

    def split(self, aW, aH):
        iw = self._inner(aW)
        room = aH - self._top() - 3  # the first part is open at the bottom
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
        return [Box(first, self.kind, self.top_open, True),
                Box(rest, self.kind, True, self.bottom_open)]


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
        frame = getattr(self, "_frame", None)
        return bool(frame is not None and frame._atTop)

    def wrap(self, aW, aH):
        self.width = aW
        self._cw = [aW * f for f in self.fracs]
        px, py = self.padx, self.pady
        self._h = max((c.wrap(w - 2 * px, aH)[1] for c, w in zip(self.cells, self._cw)),
                      default=0.0) + 2 * py
        self._with_header = self._show_header()
        self._hh = self.header.wrap(aW, aH)[1] if self._with_header else 0.0
        self.height = self._h + self._hh
        return aW, self.height

    def draw(self):
        canv, h = self.canv, self._h
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
        frame = getattr(self, "_frame", None)
        self.wrap(aW, aH)
        if frame is None or self.height <= frame._aH:
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


class TocEntry(Paragraph):
    """A TOC line: the linked heading text, then dot leaders and the page number.

    The page number is a form XObject (see `Toc`); leaders and number are drawn after
    the text, so text extraction reads "heading . . . page".
    """

    def __init__(self, text, style, key, avail, num_w):
        self.key = key
        self._avail = avail
        self._num_w = num_w
        self._end = None
        text, style = script_markup(text, style)
        # ReportLab's shaping fails on a callback glued to the last word: a space parts them.
        gap = " " if getattr(style, "shaping", 0) else ""
        super().__init__(f'<a href="#{key}">{text}</a>{gap}'
                         f'<onDraw name="briefing_toc_end" label="{key}"/>', style)

    def draw(self):
        self._end = None
        self.canv.setNamedCB("briefing_toc_end", self._at_end)
        super().draw()
        if self._end is None:
            return
        canv, style = self.canv, self.style
        x, y = self._end
        right = self._avail
        dots_end = right - self._num_w
        dot = " ."
        dot_w = canv.stringWidth(dot, FONT, style.fontSize)
        n = int((dots_end - x - 4) / dot_w) if dot_w else 0
        canv.saveState()
        if n > 0:
            canv.setFont(FONT, style.fontSize)
            canv.setFillColor(MUTED)
            canv.drawRightString(dots_end, y, dot * n)
        canv.translate(right, y)
        canv.doForm(Toc.form_name(self.key))
        canv.restoreState()
        canv.linkRect("", self.key, (dots_end, y - 2, right, y + style.fontSize), relative=1)

    def _at_end(self, canv, kind, label):
        info = canv._curr_tx_info
        self._end = (info["cur_x"], info["cur_y"])


class Toc(TableOfContents):
    """ReportLab's TableOfContents, laid out in one pass.

    The entries (level, text, key) are known before layout, so the table has its final
    size from the start; each page number is a form XObject (`form_name(key)`) that the
    document defines once layout is over. So the TOC is satisfied after one pass and
    multiBuild stops there.
    """

    num_w = 34.0  # the page number column

    def __init__(self, entries, styles):
        super().__init__(levelStyles=list(styles), dotsMinLevel=0)
        self._entries = list(entries)
        self._lastEntries = list(entries)

    @staticmethod
    def form_name(key: str) -> str:
        return "tocpage-" + key

    def beforeBuild(self):
        pass  # keep the entries: they are fixed

    def isSatisfied(self):
        return True

    def notify(self, kind, stuff):
        pass  # page numbers come through the forms

    def wrap(self, availWidth, availHeight):
        rows = [[TocEntry(text, self.getLevelStyle(level), key, availWidth, self.num_w)]
                for level, text, _page, key in self._lastEntries] or [[Spacer(0, 0)]]
        self._table = Table(rows, colWidths=(availWidth,), style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), FONT, 10),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    @staticmethod
    def define_page_form(canv, key, page, style_font, size) -> None:
        """Define the form that shows `page`, right-aligned at the form origin."""
        canv.beginForm(Toc.form_name(key), lowerx=-Toc.num_w, lowery=-4, upperx=0,
                       uppery=size + 2)
        canv.setFont(style_font, size)
        canv.drawRightString(0, 0, str(page))
        canv.endForm()
