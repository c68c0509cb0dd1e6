"""The table of contents, laid out in one pass: its entries are known before layout and
its page numbers are form XObjects defined once layout is over."""

from __future__ import annotations

from reportlab.platypus.flowables import Spacer
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.tableofcontents import TableOfContents
from reportlab.platypus.tables import Table, TableStyle

from briefing.writers.fonts import FONT
from briefing.writers.pdf.paras import script_markup
from briefing.writers.pdf.rl_internals import text_position
from briefing.writers.pdf.styles import MUTED


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
        self._end = text_position(canv)


class Toc(TableOfContents):
    """ReportLab's TableOfContents, laid out in one pass.

    The entries (level, text, key) are known before layout, so the table has its final
    size from the start; each page number is a form XObject (`form_name(key)`) that the
    document defines once layout is over. So the TOC is satisfied after one pass and
    multiBuild stops there. It lays out and draws a table of its own, by the public
    Flowable methods, rather than TableOfContents's.
    """

    num_w = 34.0  # the page number column

    def __init__(self, entries, styles):
        super().__init__(levelStyles=list(styles), dotsMinLevel=0)
        self.entries = list(entries)
        self.table = None  # made by wrap

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
                for level, text, _page, key in self.entries] or [[Spacer(0, 0)]]
        self.table = Table(rows, colWidths=(availWidth,), style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), FONT, 10),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        self.width, self.height = self.table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return self.table.splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        self.table.drawOn(canvas, x, y, _sW)

    @staticmethod
    def define_page_form(canv, key, page, style_font, size) -> None:
        """Define the form that shows `page`, right-aligned at the form origin."""
        canv.beginForm(Toc.form_name(key), lowerx=-Toc.num_w, lowery=-4, upperx=0,
                       uppery=size + 2)
        canv.setFont(style_font, size)
        canv.drawRightString(0, 0, str(page))
        canv.endForm()
