"""PDF writer: a brief ready to send, laid out with ReportLab platypus in one pass.

What the reader gets: a cover page (classification marking, title, subtitle, audience,
organisation, as-of date), then pages with the marking and title in the header and
"Page N of M" in the footer; a table of contents whose entries and page numbers are
links; an outline (bookmarks) of every heading; notes at the foot of the page where
their marker lands (or endnotes under a "Notes" heading); boxed key points and
"Sources differ" callouts; tables whose header repeats on every page they span.

How, module by module:
* `styles`: colours and paragraph styles, all in the shipped Noto Sans family (every
  font embedded, bullets included); `scripts` and `shape`: the fonts of other scripts,
  chosen per character, and HarfBuzz shaping for Thai, Lao, Khmer and Burmese;
* `story`: the Brief's blocks as flowables, text made fit by `clean`;
* `text`: `FastPara`, a cheap paragraph for the common case (plain, bold and italic
  text, line breaks, note markers), of the words of `words`, broken into lines by
  `lines`;
* `paras`: ReportLab paragraphs that know their notes, and headings; `keep`:
  keep-with-next groups; `boxes`: the key points and "Sources differ" boxes; `rows`:
  table rows that repeat the header on every page; `figure_flow`: figures with their
  captions; `contents`: the table of contents, laid out in one pass;
* `widths`: string widths, cached; `out`: text written as PDF operators with cached
  glyph encodings; `links`: the canvas, with cheap internal links and destinations (a
  brief has a line and a link per fact);
* `note_refs`: which notes a flowable marks; `note_frame`: footnotes (a frame that
  keeps room for the notes of what it places); `note_layout`: notes measured and
  drawn; `endnotes`: the notes in the flow;
* `rl_internals`: every use of ReportLab's private names (for speed, or what its
  public API lacks), each with its reason and its fallback.

The values only known at the end (the page count M, the TOC page numbers) are form
XObjects that pages draw during layout and that are defined once layout is over, so
`multiBuild` is satisfied after one pass: the story is laid out once.

Same Brief, same bytes: ReportLab's invariant mode, CreationDate, ModDate and /ID from
`meta.build_date` (never the clock), and font subsets named by their order.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from functools import partial

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import cm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.doctemplate import BaseDocTemplate, LayoutError, PageTemplate
from reportlab.platypus.frames import Frame

from briefing import model as m
from briefing.writers import CannotLayOut
from briefing.writers.fonts import BOLD, FONT, register_fonts
from briefing.writers.pdf.clean import clean_text
from briefing.writers.pdf.contents import Toc
from briefing.writers.pdf.links import BriefCanvas
from briefing.writers.pdf.note_frame import NoteFrame
from briefing.writers.pdf.note_layout import NoteLayout
from briefing.writers.pdf.out import TextOut
from briefing.writers.pdf.rl_internals import make_dated_canvas
from briefing.writers.pdf.scripts import font_runs
from briefing.writers.pdf.story import Story
from briefing.writers.pdf.styles import MARKING, MUTED, RULE, Styles
from briefing.writers.pdf.widths import Widths, text_width
from briefing.writers.scripts import clusters

MARGIN = 2.2 * cm


def write(brief: m.Brief) -> bytes:
    """Return `brief` as a PDF; the same brief always gives the same bytes."""
    register_fonts()
    saved = rl_config.invariant, rl_config.useA85
    rl_config.invariant, rl_config.useA85 = 1, 0  # reproducible; plain zlib streams
    try:
        return _Writer(brief).render()
    except LayoutError as exc:  # a block that fits no page, such as a heading too long
        # ReportLab names the block by its repr and then its text: keep the text.
        text = re.sub(r"^\S*<[^>]*>", "", str(exc).strip().split("\n")[-1]).strip()
        raise CannotLayOut(f"a block fits no page: “{text[:80]}{'…' if len(text) > 80 else ''}”"
                           ) from None
    finally:
        rl_config.invariant, rl_config.useA85 = saved


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Return `text`, cut with "…" so that it is at most `width` wide."""
    text = clean_text(text).strip()
    if _width(text, font, size) <= width:
        return text
    units = clusters(text)  # never cut inside a cluster
    while units and _width("".join(units) + "…", font, size) > width:
        units.pop()
    return "".join(units).rstrip() + "…"


def _width(text: str, font: str, size: float) -> float:
    if text.isascii():
        return stringWidth(text, font, size)
    return sum(text_width(t, f, size) for t, f in font_runs(text, font))


def _timestamp(build_date: str) -> TimeStamp | None:
    """Return `build_date` (ISO 8601) as ReportLab's TimeStamp, or None when unreadable.

    The document's CreationDate, ModDate and /ID derive from it. Without a build date
    ReportLab's invariant mode uses SOURCE_DATE_EPOCH, or else 2000-01-01.
    """
    try:
        stamp = datetime.fromisoformat(build_date.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    minutes = int(stamp.utcoffset().total_seconds()) // 60
    ts = TimeStamp(invariant=1)
    ts.t = stamp.timestamp()
    ts.lt = stamp.timetuple()
    ts.YMDhms = tuple(ts.lt)[:6]
    ts.dhh, ts.dmm = int(minutes / 60), abs(minutes) % 60
    ts.tzname = stamp.tzname() or "UTC"
    return ts


class _Doc(BaseDocTemplate):
    """The document: records heading pages, builds the outline."""

    def __init__(self, buf, **kwds):
        self.heading_pages: dict[str, int] = {}
        self.outline_level = -1
        super().__init__(buf, **kwds)

    def beforeDocument(self):
        for template in self.pageTemplates:  # a layout pass starts with no note shown
            for frame in template.frames:
                if isinstance(frame, NoteFrame):
                    frame.document_began()

    def afterFlowable(self, flowable):
        info = getattr(flowable, "_heading_info", None)
        if info is None:
            return
        level, title, key, toc_level = info
        self.heading_pages.setdefault(key, self.page)
        level = min(level, self.outline_level + 1)  # outline levels may not skip
        self.outline_level = level
        self.canv.addOutlineEntry(title, key, level=level, closed=False)
        if toc_level is not None:
            self.notify("TOCEntry", (toc_level, title, self.page, key))


class _Writer:
    """Turns one Brief into PDF bytes."""

    def __init__(self, brief: m.Brief):
        self.brief = brief
        self.meta = brief.meta
        self.st = Styles()
        self.pagesize = LETTER if self.meta.page_size.strip().lower() == "letter" else A4
        self.width = self.pagesize[0] - 2 * MARGIN
        self.widths = Widths()
        self.out = TextOut()
        self.story = Story(brief, self.st, self.widths, self.out, self.width)
        self.passes = 0
        self._running_ops: dict[tuple, str] = {}  # see _body_page

    # ------------------------------------------------------------ document

    def render(self) -> bytes:
        meta, buf = self.meta, io.BytesIO()
        doc = _Doc(buf, pagesize=self.pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                   topMargin=MARGIN, bottomMargin=MARGIN, title=clean_text(meta.title),
                   author=clean_text(meta.author), subject=clean_text(meta.subject),
                   keywords=", ".join(clean_text(k) for k in meta.keywords),
                   creator="briefing", producer="briefing (ReportLab)", invariant=1,
                   initialFontName=FONT, lang=meta.language or None, displayDocTitle=1)
        layout = None
        if self.story.footnotes and self.story.notes:
            texts = {n: clean_text(note.text) for n, note in self.story.notes.items()}
            layout = NoteLayout(texts, self.width, self.widths, self.out)
        height = self.pagesize[1] - 2 * MARGIN
        pad = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        body = NoteFrame(MARGIN, MARGIN, self.width, height, id="body", layout=layout, **pad)
        cover = Frame(MARGIN, MARGIN, self.width, height, id="cover", **pad)
        templates = [PageTemplate("body", [body], onPageEnd=self._body_page,
                                  pagesize=self.pagesize)]
        if meta.cover != "compact":
            templates.insert(0, PageTemplate("cover", [cover], onPage=self._cover_page,
                                             pagesize=self.pagesize))
        doc.addPageTemplates(templates)
        marking = clean_text(meta.classification).strip()
        self._running = (_fit(meta.title, FONT, 8, self.width),
                         _fit(meta.organisation, FONT, 8, self.width * 0.34),
                         (_fit(marking, BOLD, 9, self.width),
                          _fit(marking, BOLD, 8, self.width * 0.28)) if marking else None)
        flowables = self.story.flowables()
        self.passes = doc.multiBuild(flowables, maxPasses=3,
                                     canvasmaker=partial(self._make_canvas, doc))
        return buf.getvalue()

    def _make_canvas(self, doc: _Doc, *args, **kwds) -> BriefCanvas:
        """Return the canvas of one layout pass: dated by the build date, outline shown,
        the late forms defined just before it saves (once layout is over)."""
        stamp = _timestamp(self.meta.build_date)
        if stamp is None:  # ReportLab's invariant date
            canv = BriefCanvas(*args, **kwds)
        else:
            canv = make_dated_canvas(BriefCanvas, stamp, *args, **kwds)
        canv.showOutline()
        canv.before_save = partial(self.define_forms, doc)
        return canv

    def define_forms(self, doc: _Doc) -> None:
        """Define the forms drawn before their values were known."""
        canv = doc.canv
        canv.beginForm("pagetotal", lowerx=0, lowery=-4, upperx=60, uppery=12)
        canv.setFont(FONT, 8)
        canv.setFillColor(MUTED)
        canv.drawString(0, 0, str(doc.page))
        canv.endForm()
        for level, _text, _page, key in self.story.toc_entries:
            style = (self.st.toc1, self.st.toc2, self.st.toc3)[min(level, 2)]
            Toc.define_page_form(canv, key, doc.heading_pages.get(key, ""), style.fontName,
                                 style.fontSize)

    def _cover_page(self, canv, doc) -> None:
        canv.bookmarkPage("cover")
        canv.addOutlineEntry("Cover", "cover", level=0, closed=False)
        doc.outline_level = 0
        marking = clean_text(self.meta.classification).strip()
        if not marking:
            return
        w, h = self.pagesize
        text = _fit(marking, BOLD, 14, self.width)
        self.out.bind(canv)
        ops, state = ["q BT", self.out.color(MARKING)], [None, None]
        self._text(ops, state, w / 2, h - 40, BOLD, 14, text, align=0.5)
        self._text(ops, state, w / 2, 28, BOLD, 14, text, align=0.5)
        ops.append("ET Q")
        canv.addLiteral("\n".join(ops))

    def _body_page(self, canv, doc) -> None:
        """Draw the page's footnotes, header and footer ("Page N of M": M is a form)."""
        if isinstance(doc.frame, NoteFrame):
            doc.frame.draw_notes(canv)
        w, h = self.pagesize
        title, org, marking = self._running
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, h - 49, w - MARGIN, h - 49)
        canv.line(MARGIN, 45, w - MARGIN, 45)
        label = f"Page {doc.page} of "
        out, ops, state = self.out, ["BT"], [None, None]
        out.bind(canv)
        ops.append(out.color(MUTED))
        self._text(ops, state, MARGIN, 33, FONT, 8, label)
        ops.append("ET")
        canv.addLiteral("\n".join(ops))
        canv.saveState()
        canv.translate(MARGIN + self.widths(label, FONT, 8), 33)
        canv.doForm("pagetotal")
        canv.restoreState()
        # The title, organisation and marking: the same operators on every page that
        # starts them in the same text state, so written out once.
        start = tuple(state)
        fixed = self._running_ops.get(start)
        if fixed is None:
            ops = ["BT", out.color(MUTED)]
            self._text(ops, state, MARGIN, h - 44, FONT, 8, title)
            if org:
                self._text(ops, state, w - MARGIN, 33, FONT, 8, org, align=1)
            if marking:
                ops.append(out.color(MARKING))
                self._text(ops, state, w / 2, h - 28, BOLD, 9, marking[0], align=0.5)
                self._text(ops, state, w / 2, 33, BOLD, 8, marking[1], align=0.5)
            ops.append("ET")
            fixed = self._running_ops[start] = "\n".join(ops)
        canv.addLiteral(fixed)
        canv.restoreState()

    def _text(self, ops, state, x, y, font, size, text, align=0.0) -> None:
        """Append a line of text at (x, y); `align` 0 left, 0.5 centred, 1 right of x."""
        if align:
            x -= self.widths.mixed(text, font, size) * align
        ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        self.out.show_mixed(ops, state, font, size, text)
