"""PDF writer: a brief ready to send, laid out with ReportLab platypus in one pass.

What the reader gets: a cover page (classification marking, title, subtitle, audience,
organisation, as-of date), then pages with the marking and title in the header and
"Page N of M" in the footer; a table of contents whose entries and page numbers are
links; an outline (bookmarks) of every heading; notes at the foot of the page where
their marker lands (or endnotes under a "Notes" heading); boxed key points and
"Sources differ" callouts; tables whose header repeats on every page they span.

How: everything is set in the shipped Noto Sans (see `pdf_styles`), footnotes are
laid out by a frame that keeps room for them (see `pdf_notes`), and the values only
known at the end (the page count, the TOC page numbers) are form XObjects that pages
draw while they are laid out and that are defined once layout is over. So
`multiBuild` is satisfied after one pass: the story is laid out once.

Same Brief, same bytes: ReportLab's invariant mode, the creation date from
`meta.build_date` (never the clock), and font subsets named by their order.
"""

from __future__ import annotations

import io
import os
import re
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.frames import Frame

from briefing import model as m
from briefing.writers.pdf_flow import Box, Heading, Keep, Para, Row, Toc
from briefing.writers.pdf_notes import NoteFrame, NoteLayout, clean_text
from briefing.writers.pdf_styles import (ACCENT, BOLD, BULLET, CODE_BG, FONT, HEADER_BG,
                                         LINK, MARKING, MUTED, RULE, ZEBRA_BG, Styles,
                                         register_fonts)

MARGIN = 2.2 * cm
_LINK = LINK.hexval().replace("0x", "#")
_KEY_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


def write(brief: m.Brief) -> bytes:
    """Return `brief` as a PDF; the same brief always gives the same bytes."""
    register_fonts()
    saved = rl_config.invariant
    rl_config.invariant = 1
    try:
        return _Writer(brief).render()
    finally:
        rl_config.invariant = saved


def _esc(text: str) -> str:
    return escape(clean_text(text))


def _attr(text: str) -> str:
    return escape(clean_text(text), {'"': "&quot;"})


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Return `text`, cut with "…" so that it is at most `width` wide."""
    text = clean_text(text).strip()
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _pdf_date(build_date: str):
    """Return a date formatter for the PDF's CreationDate/ModDate, or None."""
    stamp = None
    if build_date:
        try:
            stamp = datetime.fromisoformat(build_date.strip().replace("Z", "+00:00"))
        except ValueError:
            stamp = None
    if stamp is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if not epoch.isdigit():
            return None  # ReportLab's invariant date
        stamp = datetime.fromtimestamp(int(epoch), timezone.utc)
    offset = stamp.utcoffset()
    if offset is None:
        zone = "Z"
    else:
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        zone = f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
    text = stamp.strftime("D:%Y%m%d%H%M%S") + zone
    return lambda *_: text


class _Doc(BaseDocTemplate):
    """The document: records heading pages, builds the outline, defines late forms."""

    def __init__(self, buf, writer: _Writer, **kwds):
        self.writer = writer
        self.heading_pages: dict[str, int] = {}
        self.label_pages: list[int] = []
        self._outline_level = -1
        super().__init__(buf, **kwds)

    def _makeCanvas(self, filename=None, canvasmaker=rl_canvas.Canvas):
        canv = super()._makeCanvas(filename=filename, canvasmaker=canvasmaker)
        formatter = _pdf_date(self.writer.meta.build_date)
        if formatter is not None:
            canv.setDateFormatter(formatter)
        canv.showOutline()
        canv.setNamedCB("briefing_backlink", self.writer.backlink)
        return canv

    def afterFlowable(self, flowable):
        info = getattr(flowable, "_heading_info", None)
        if info is None:
            return
        level, title, key, toc_level = info
        self.heading_pages.setdefault(key, self.page)
        level = min(level, self._outline_level + 1)  # outline levels may not skip
        self._outline_level = level
        self.canv.addOutlineEntry(title, key, level=level, closed=False)
        if toc_level is not None:
            self.notify("TOCEntry", (toc_level, title, self.page, key))

    def _endBuild(self):
        do_save = getattr(self, "_doSave", 1)
        self._doSave = 0
        try:
            super()._endBuild()
        finally:
            self._doSave = do_save
        self.writer.define_forms(self)
        if do_save:
            self.canv.save()


class _Writer:
    """Turns one Brief into PDF bytes."""

    def __init__(self, brief: m.Brief):
        self.brief = brief
        self.meta = brief.meta
        self.st = Styles()
        self.footnotes = self.meta.note_style != "endnotes"
        self.notes = {n.number: n for n in brief.notes}
        self.named_refs: set[int] = set()  # notes whose first marker has a "ref-N" anchor
        self.pagesize = LETTER if self.meta.page_size.strip().lower() == "letter" else A4
        self.width = self.pagesize[0] - 2 * MARGIN
        self._keys: dict[int, str] = {}
        self._used_keys: set[str] = set()
        self._list_styles: dict[tuple, ParagraphStyle] = {}
        self.toc_entries = self._toc_entries()

    # ------------------------------------------------------------ document

    def render(self) -> bytes:
        meta, buf = self.meta, io.BytesIO()
        doc = _Doc(buf, self, pagesize=self.pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                   topMargin=MARGIN, bottomMargin=MARGIN, title=clean_text(meta.title),
                   author=clean_text(meta.author), subject=clean_text(meta.subject),
                   keywords=", ".join(clean_text(k) for k in meta.keywords),
                   creator="briefing", producer="briefing (ReportLab)", invariant=1,
                   initialFontName=FONT, lang=meta.language or None, displayDocTitle=1)
        layout = None
        if self.footnotes and self.notes:
            texts = {n: clean_text(note.text) for n, note in self.notes.items()}
            layout = NoteLayout(texts, self.width, self.named_refs)
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
        story = self.story()
        self.passes = doc.multiBuild(story, maxPasses=3)
        return buf.getvalue()

    def define_forms(self, doc: _Doc) -> None:
        """Define the forms drawn before their values were known."""
        canv, total = doc.canv, doc.page
        for n in doc.label_pages:
            canv.beginForm(f"pagelabel-{n}", lowerx=-200, lowery=-4, upperx=0, uppery=12)
            canv.setFont(FONT, 8)
            canv.setFillColor(MUTED)
            canv.drawRightString(0, 0, f"Page {n} of {total}")
            canv.endForm()
        for level, _text, _page, key in self.toc_entries:
            style = self.st.toc1 if level == 0 else self.st.toc2
            Toc.define_page_form(canv, key, doc.heading_pages.get(key, ""), style.fontName,
                                 style.fontSize)

    def _cover_page(self, canv, doc) -> None:
        marking = clean_text(self.meta.classification).strip()
        if not marking:
            return
        w, h = self.pagesize
        canv.saveState()
        canv.setFillColor(MARKING)
        canv.setFont(BOLD, 14)
        text = _fit(marking, BOLD, 14, self.width)
        canv.drawCentredString(w / 2, h - 40, text)
        canv.drawCentredString(w / 2, 28, text)
        canv.restoreState()

    def _body_page(self, canv, doc) -> None:
        if isinstance(doc.frame, NoteFrame):
            doc.frame.draw_notes(canv)
        w, h = self.pagesize
        meta = self.meta
        canv.saveState()
        marking = clean_text(meta.classification).strip()
        if marking:
            canv.setFillColor(MARKING)
            canv.setFont(BOLD, 9)
            canv.drawCentredString(w / 2, h - 28, _fit(marking, BOLD, 9, self.width))
        canv.setFillColor(MUTED)
        canv.setFont(FONT, 8)
        canv.drawString(MARGIN, h - 44, _fit(meta.title, FONT, 8, self.width))
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, h - 49, w - MARGIN, h - 49)
        canv.line(MARGIN, 45, w - MARGIN, 45)
        if meta.organisation:
            canv.drawString(MARGIN, 33, _fit(meta.organisation, FONT, 8, self.width * 0.34))
        if marking:
            canv.setFillColor(MARKING)
            canv.setFont(BOLD, 8)
            canv.drawCentredString(w / 2, 33, _fit(marking, BOLD, 8, self.width * 0.28))
        canv.translate(w - MARGIN, 33)
        canv.doForm(f"pagelabel-{doc.page}")
        canv.restoreState()
        doc.label_pages.append(doc.page)

    def backlink(self, canv, kind, label) -> None:
        """Paragraph callback: link an endnote's number back to its marker."""
        info = canv._curr_tx_info
        x, y, size = info["cur_x"], info["cur_y"], info["xs"].style.fontSize
        indent = info["xs"].style.leftIndent
        canv.linkRect("", f"ref-{label}", (x - indent, y - 2, x, y + size), relative=1)

    # ------------------------------------------------------------ story

    def story(self) -> list:
        out = self.cover() if self.meta.cover != "compact" else self.compact_cover()
        pending: list = []  # headings waiting for what follows them
        for block in self.brief.blocks:
            if isinstance(block, m.Heading):
                pending.append(self.heading(block))
                continue
            if isinstance(block, m.PageBreak):
                out += pending + [PageBreak()]
                pending = []
                continue
            flows = self.block(block)
            if not flows:
                continue
            if pending:
                first = flows[0]
                members = first._content if isinstance(first, Keep) else [first]
                out.append(Keep(pending + members))
                out += flows[1:]
                pending = []
            else:
                out += flows
        if not self.footnotes and self.notes:
            notes = self.endnotes()
            out += pending + [Keep(notes[:2])] + notes[2:]
        else:
            out += pending
        return out

    def cover(self) -> list:
        meta, st = self.meta, self.st
        out: list = [Spacer(0, 3.2 * cm)]
        if meta.organisation:
            out.append(Para(_esc(meta.organisation), st.cover_org))
        out.append(Para(_esc(meta.title), st.cover_title))
        if meta.subtitle:
            out.append(Para(_esc(meta.subtitle), st.cover_subtitle))
        out.append(HRFlowable(width="100%", thickness=1.5, color=ACCENT, spaceBefore=4,
                              spaceAfter=16))
        if meta.audience:
            out.append(Para(f"Prepared for: <b>{_esc(meta.audience)}</b>", st.cover_line))
        if meta.organisation:
            out.append(Para(f"Prepared by: {_esc(meta.organisation)}", st.cover_line))
        if meta.as_of:
            out.append(Para(f"As of {_esc(meta.as_of)}", st.cover_line))
        return out + [NextPageTemplate("body"), PageBreak()]

    def compact_cover(self) -> list:
        meta, st = self.meta, self.st
        out: list = [Para(_esc(meta.title), st.compact_title)]
        if meta.subtitle:
            out.append(Para(_esc(meta.subtitle), st.compact_subtitle))
        bits = [f"Prepared for: <b>{_esc(meta.audience)}</b>" if meta.audience else "",
                _esc(meta.organisation), f"As of {_esc(meta.as_of)}" if meta.as_of else ""]
        line = " \u00b7 ".join(b for b in bits if b)
        if line:
            out.append(Para(line, st.cover_line))
        out.append(HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=4,
                              spaceAfter=10))
        return out

    def _key(self, wanted: str) -> str:
        base = _KEY_CHARS.sub("-", clean_text(wanted)).strip("-") or "section"
        key, i = base, 1
        while key in self._used_keys:
            i += 1
            key = f"{base}-{i}"
        self._used_keys.add(key)
        return key

    def _toc_entries(self) -> list[tuple]:
        entries = []
        for block in self.brief.blocks:
            if isinstance(block, m.Heading):
                key = self._keys[id(block)] = self._key("h-" + block.anchor)
                if block.level <= 2:
                    title = _esc(m.plain_text(block.children))
                    entries.append((block.level - 1, title, 0, key))
        if not self.footnotes and self.notes:
            self._notes_key = self._key("endnotes")
            entries.append((0, "Notes", 0, self._notes_key))
        return entries

    def heading(self, block: m.Heading) -> Heading:
        key = self._keys[id(block)]
        level = max(1, block.level)
        title = clean_text(m.plain_text(block.children)).strip()
        info = (level - 1, title, key, level - 1 if level <= 2 else None)
        return Heading(f'<a name="{key}"/>{self.inl(block.children)}', self.st.heading(level),
                       info, self._bn(block.children))

    def block(self, block, top: bool = True) -> list:
        st = self.st
        if isinstance(block, m.Paragraph):
            return [Para(self.inl(block.children), st.body, self._bn(block.children))]
        if isinstance(block, m.BulletList):
            items = self.list_items(block)
            if block.style == "key-points" and items:
                return [Box(items, "key")]
            return items
        if isinstance(block, m.Table):
            return self.table(block, top)
        if isinstance(block, m.Callout):
            inner = []
            if block.title:
                inner.append(Para(self.inl(block.title), st.callout_title,
                                  self._bn(block.title)))
            for b in block.blocks:
                inner += self.block(b, top=False)
            return [Box(inner, "callout")] if inner else []
        if isinstance(block, m.Heading):  # inside a callout: styled, not in the outline
            return [Para(self.inl(block.children), st.heading(block.level),
                         self._bn(block.children))]
        if isinstance(block, m.TableOfContents):
            return self.toc(block) if top else []
        if isinstance(block, m.PageBreak):
            return []
        raise TypeError(f"the PDF writer cannot show {type(block).__name__}")

    def toc(self, block: m.TableOfContents) -> list:
        title = clean_text(block.title).strip() or "Contents"
        key = self._key("contents")
        head = Heading(f'<a name="{key}"/>{_esc(title)}', self.st.toc_title,
                       (0, title, key, None))
        if not self.toc_entries:
            return [head]
        styles = [ParagraphStyle("toc1r", self.st.toc1, rightIndent=Toc.num_w + 6),
                  ParagraphStyle("toc2r", self.st.toc2, rightIndent=Toc.num_w + 6)]
        return [Keep([head, Toc(self.toc_entries, styles)])]

    def list_items(self, block: m.BulletList) -> list:
        n = len(block.items)
        numbered = block.style == "numbered"
        base = self.st.key_item if block.style == "key-points" else self.st.item
        indent = (max(18.0, stringWidth(f"{n}.", FONT, base.fontSize) + 8) if numbered
                  else base.leftIndent)
        style = self._list_styles.get((base.name, indent))
        if style is None:
            style = self._list_styles[(base.name, indent)] = ParagraphStyle(
                f"{base.name}-{indent:.0f}", base, leftIndent=indent)
        return [Para(self.inl(item.children), style, self._bn(item.children),
                     bulletText=f"{i}." if numbered else BULLET)
                for i, item in enumerate(block.items, 1)]

    def table(self, table: m.Table, top: bool = True) -> list:
        st = self.st
        ncols = max([len(table.header)] + [len(r) for r in table.rows] + [1])
        widths = [float(w) for w in table.widths]
        if len(widths) != ncols or any(w <= 0 for w in widths):
            widths = [1.0] * ncols
        fracs = [w / sum(widths) for w in widths]

        def cells(row, style, notes=True):
            row = list(row) + [()] * (ncols - len(row))
            return [Para(self.inl(c, notes), style, self._bn(c) if notes else ()) for c in row]

        out: list = []
        if table.caption:
            out.append(Para(self.inl(table.caption), st.caption, self._bn(table.caption)))
        header = None
        if table.header:
            shown = Row(cells(table.header, st.head_cell, notes=False), fracs, None,
                        HEADER_BG, bn=())
            out.append(Row(cells(table.header, st.head_cell), fracs, None, HEADER_BG))
            header = shown
        for i, row in enumerate(table.rows):
            out.append(Row(cells(row, st.cell), fracs, header, ZEBRA_BG if i % 2 else None))
        out[-1].spaceAfter = 10
        # The caption, the header and the first row stay together.
        n = (1 if table.caption else 0) + (2 if table.header else 1)
        if top and len(out) > 1:
            return [Keep(out[:n])] + out[n:]
        return out

    def endnotes(self) -> list:
        st = self.st
        widest = max(len(str(n)) for n in self.notes)
        indent = stringWidth("0" * widest + ".", FONT, st.endnote.fontSize) + 6
        style = ParagraphStyle("endnote-hang", st.endnote, leftIndent=indent, bulletIndent=0,
                               bulletFontName=FONT, bulletFontSize=st.endnote.fontSize,
                               bulletColor=LINK)
        out = [Heading(f'<a name="{self._notes_key}"/>Notes', st.h1,
                       (0, "Notes", self._notes_key, 0))]
        for note in self.brief.notes:
            n = note.number
            back = (f'<onDraw name="briefing_backlink" label="{n}"/>'
                    if n in self.named_refs else "")
            out.append(Para(f'<a name="note-{n}"/>{back}{_esc(note.text)}', style, (),
                            bulletText=f"{n}."))
        return out

    # ------------------------------------------------------------ inlines

    def _bn(self, inlines) -> tuple[int, ...]:
        if not self.footnotes:
            return ()
        return tuple(dict.fromkeys(n for n in m.note_numbers(inlines) if n in self.notes))

    def marker(self, n: int) -> str:
        if n not in self.notes:
            return f"<super>{n}</super>"
        anchor = "" if n in self.named_refs else f'<a name="ref-{n}"/>'
        self.named_refs.add(n)
        return f'{anchor}<a href="#note-{n}" color="{_LINK}"><super>{n}</super></a>'

    def inl(self, nodes, notes: bool = True) -> str:
        """Return `nodes` as ReportLab paragraph markup, all text escaped."""
        out: list[str] = []
        prev_note = False
        for node in nodes:
            is_note = isinstance(node, m.NoteRef)
            if isinstance(node, m.Text):
                out.append(_esc(node.text))
            elif isinstance(node, m.Emph):
                out.append(f"<i>{self.inl(node.children, notes)}</i>")
            elif isinstance(node, m.Strong):
                out.append(f"<b>{self.inl(node.children, notes)}</b>")
            elif isinstance(node, m.Code):
                out.append(f'<font backColor="{CODE_BG}">{_esc(node.text)}</font>')
            elif isinstance(node, m.Link):
                text = self.inl(node.children, notes=False) or _esc(node.url)
                out.append(f'<a href="{_attr(node.url)}" color="{_LINK}"><u>{text}</u></a>')
                if notes:
                    for i, n in enumerate(m.note_numbers(node.children)):
                        out.append(("<super>,</super>" if i else "") + self.marker(n))
            elif isinstance(node, m.LineBreak):
                out.append("<br/>")
            elif is_note and notes:
                out.append(("<super>,</super>" if prev_note else "") + self.marker(node.number))
            prev_note = is_note
        return "".join(out)
