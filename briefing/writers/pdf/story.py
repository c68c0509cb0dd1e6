"""The story of the PDF writer: the Brief's blocks as platypus flowables.

Text is escaped for ReportLab markup (`&`, `<`, `>`; quotes in attributes), normalised
to NFC and stripped of XML-illegal characters (`clean_text`). Paragraphs of plain text,
bold, italic, line breaks and note markers become `FastPara`s (see `text` and `inlines`); those
with links or code become ReportLab Paragraphs. Headings are kept with what follows
them, a table's caption with its header and first row (`Keep`).
"""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer
from reportlab.platypus.flowables import HRFlowable

from briefing import model as m
from briefing.writers.figure.layout import WIDTH
from briefing.writers.fonts import FONT
from briefing.writers.pdf.boxes import Box, BreakAfterSplitBox, SplitWatch
from briefing.writers.pdf.clean import clean_text
from briefing.writers.pdf.contents import Toc
from briefing.writers.pdf.endnotes import NoteList
from briefing.writers.pdf.figure_flow import FigureFlow
from briefing.writers.pdf.inlines import Inlines, esc
from briefing.writers.pdf.keep import Keep
from briefing.writers.pdf.note_frame import FlushNotes
from briefing.writers.pdf.note_layout import NoteLayout
from briefing.writers.pdf.out import TextOut
from briefing.writers.pdf.paras import FastHeading, Heading, Para
from briefing.writers.pdf.rows import Row
from briefing.writers.pdf.styles import (
    ACCENT,
    BULLET,
    HEADER_BG,
    ZEBRA_BG,
    Styles,
)
from briefing.writers.pdf.widths import Widths
from briefing.writers.pdf.words import words_from_runs
from briefing.writers.scripts import COMPLEX, scripts_in

_KEY_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


class Story(Inlines):
    """Builds the flowables of one brief (its inline markup: `Inlines`)."""

    def __init__(self, brief: m.Brief, styles: Styles, widths: Widths, out: TextOut,
                 width: float):
        self.brief = brief
        self.width = width  # of the body frame
        self.meta = brief.meta
        self.st = styles
        self.widths = widths
        self.out = out
        self.footnotes = self.meta.note_placement != "endnotes"
        self.notes = {n.number: n for n in brief.notes}
        self.named_refs: set[int] = set()  # notes whose first marker has a "ref-N" anchor
        self._keys: dict[int, str] = {}
        self._used_keys: set[str] = set()
        self._list_styles: dict[tuple, ParagraphStyle] = {}
        self._anchor_keys: dict[str, str] = {}  # model anchor -> PDF destination
        self._box_watch: SplitWatch | None = None  # of a box just before the contents
        self._contents_watch: SplitWatch | None = None
        self.toc_entries = self._toc_entries()  # (level, markup, 0, key)

    def flowables(self) -> list:
        """Return the whole story: cover, blocks, endnotes."""
        out = self.cover() if self.meta.cover != "compact" else self.compact_cover()
        pending: list = []  # headings waiting for what follows them
        blocks = self.brief.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, m.Heading):
                pending.append(self.heading(block))
                continue
            if isinstance(block, m.PageBreak):
                out += pending + [PageBreak()]
                pending = []
                continue
            before_contents = i + 1 < len(blocks) and isinstance(blocks[i + 1],
                                                                  m.TableOfContents)
            self._box_watch = SplitWatch() if before_contents else None
            flows = self.block(block)
            if before_contents:
                self._contents_watch = self._box_watch
            if not flows:
                continue
            if pending:
                first = flows[0]
                if isinstance(first, Keep):
                    out.append(Keep(pending + first.members, first.whole))
                else:
                    out.append(Keep(pending + [first]))
                out += flows[1:]
                pending = []
            else:
                out += flows
        if not self.footnotes and self.notes:
            out += pending + [Keep(self.endnotes())]
        else:
            out += pending + [FlushNotes()]
        return out

    def cover(self) -> list:
        meta, st = self.meta, self.st
        out: list = [Spacer(0, 3.2 * cm)]
        T, B = m.Text, m.Strong
        if meta.organisation:
            out.append(self.line([T(meta.organisation)], st.cover_org))
        out.append(self.line([T(meta.title)], st.cover_title))
        if meta.subtitle:
            out.append(self.line([T(meta.subtitle)], st.cover_subtitle))
        out.append(HRFlowable(width="100%", thickness=1.5, color=ACCENT, spaceBefore=4,
                              spaceAfter=16))
        if meta.audience:
            out.append(self.line([T("Prepared for: "), B([T(meta.audience)])], st.cover_line))
        if meta.organisation:
            out.append(self.line([T(f"Prepared by: {meta.organisation}")], st.cover_line))
        if meta.as_of:
            out.append(self.line([T(f"As of {meta.as_of}")], st.cover_line))
        out += self._purpose()
        return out + [NextPageTemplate("body"), PageBreak()]

    def _purpose(self) -> list:
        """Return the occasion and purpose lines, where the outline gives them."""
        meta, B, T = self.meta, m.Strong, m.Text
        return [self.line([B([T(label)]), T(text)], self.st.cover_line)
                for label, text in (("Occasion: ", meta.occasion), ("Purpose: ", meta.purpose))
                if text]

    def compact_cover(self) -> list:
        meta, st = self.meta, self.st
        T = m.Text
        out: list = [self.line([T(meta.title)], st.compact_title)]
        if meta.subtitle:
            out.append(self.line([T(meta.subtitle)], st.compact_subtitle))
        bits = [[T("Prepared for: "), m.Strong([T(meta.audience)])] if meta.audience else [],
                [T(meta.organisation)] if meta.organisation else [],
                [T(f"As of {meta.as_of}")] if meta.as_of else []]
        nodes = [n for i, b in enumerate(b for b in bits if b)
                 for n in ([T(" \u00b7 ")] if i else []) + b]
        if nodes:
            out.append(self.line(nodes, st.cover_line))
        out += self._purpose()
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
        depth = next((b.depth for b in self.brief.blocks if isinstance(b, m.TableOfContents)),
                     2)
        entries = []
        for block in self.brief.blocks:
            if isinstance(block, m.Heading):
                key = self._keys[id(block)] = self._key("h-" + block.anchor)
                if block.level <= depth:
                    title = esc(m.plain_text(block.children))
                    entries.append((block.level - 1, title, 0, key))
        self._toc_keys = {key for _, _, _, key in entries}
        if not self.footnotes and self.notes:
            self._notes_key = self._key("endnotes")
            entries.append((0, "Notes", 0, self._notes_key))
        return entries

    def line(self, nodes, style):
        """Return a paragraph of plain text without notes: a FastPara when it holds text in
        a shaped script (its glyphs then read back as text), else a ReportLab Paragraph."""
        if scripts_in(m.plain_text(nodes)) & COMPLEX:
            return self.para(nodes, style, notes=False)
        return Para(self.inl(nodes, notes=False), style)

    def heading(self, block: m.Heading):
        key = self._keys[id(block)]
        level = max(1, block.level)
        title = clean_text(m.plain_text(block.children)).strip()
        info = (level - 1, title, key, level - 1 if key in self._toc_keys else None)
        runs = self._runs(block.children, True) if scripts_in(title) & COMPLEX else None
        if runs is not None:  # shaped scripts read back as text only from a FastPara
            style = self.st.heading(level)
            return FastHeading(words_from_runs(runs, style, self.widths), style, self.widths,
                               self.out, info, key, self._bn(block.children))
        return Heading(f'<a name="{key}"/>{self.inl(block.children)}', self.st.heading(level),
                       info, self._bn(block.children))

    def block(self, block, top: bool = True) -> list:
        st = self.st
        if isinstance(block, m.Paragraph):
            return [self.para(block.children, st.body)]
        if isinstance(block, m.BulletList):
            items = self.list_items(block)
            if block.style == "key-points" and items:
                return [Box(items, "key", watch=self._box_watch if top else None)]
            if top and block.style == "sources" and items:  # whole, with its heading
                return [Keep(items, whole=True)]
            if top and len(items) > 1:  # the last item never alone atop a page
                items[-2:] = [Keep(items[-2:], whole=True)]
            return items
        if isinstance(block, m.Table):
            return self.table(block, top)
        if isinstance(block, m.Callout):
            inner = []
            if block.title:
                inner.append(self.para(block.title, st.callout_title))
            for b in block.blocks:
                inner += self.block(b, top=False)
            watch = self._box_watch if top else None
            return [Box(inner, "callout", watch=watch)] if inner else []
        if isinstance(block, m.Judgement):
            lead = {"lead": m.Strong, "confidence": m.Emph}
            nodes = [lead[role]((m.Text(text),)) if role in lead else m.Text(text)
                     for text, role in block.prefix()]
            inner = [self.para((*nodes, *block.children), st.judgement)]
            if block.under_review:
                inner.append(self.para((m.Text(m.UNDER_REVIEW),), st.under_review))
            return [Box(inner, "judgement")]
        if isinstance(block, m.Heading):  # inside a callout: styled, not in the outline
            return [Para(self.inl(block.children), st.heading(block.level),
                         self._bn(block.children))]
        if isinstance(block, m.TableOfContents):
            return self.toc(block) if top else []
        if isinstance(block, m.Figure):
            return [self.figure(block)]
        if isinstance(block, m.PageBreak):
            return []
        raise TypeError(f"the PDF writer cannot show {type(block).__name__}")

    def figure(self, block: m.Figure) -> FigureFlow:
        """Return the figure drawn as vectors, its caption under it (with the markers of
        the notes it shows), and a bookmark "Figure N: ..." under the section's."""
        from briefing.writers.figure.vector import drawing

        title = clean_text(f"Figure {block.number}: {block.title}").strip()
        # Spaces between the markers let a long run of them wrap after the title.
        refs = [node for ref in block.introduces for node in (m.Text(" "), ref)]
        caption = self.para((m.Text(title), *refs), self.st.figure_caption)
        key = self._key(f"figure-{block.number}")
        return FigureFlow(drawing(block, min(self.width, WIDTH)), caption,
                          (1, title, key, None), key)

    def toc(self, block: m.TableOfContents) -> list:
        title = clean_text(block.title).strip() or "Contents"
        key = self._key("contents")
        head = Heading(f'<a name="{key}"/>{esc(title)}', self.st.toc_title,
                       (0, title, key, None))
        if not self.toc_entries:
            return [head]
        styles = [ParagraphStyle(f"{s.name}r", s, rightIndent=Toc.num_w + 6)
                  for s in (self.st.toc1, self.st.toc2, self.st.toc3)]
        # Whole on one page where a page can hold it; never after the tail of a box.
        watch, self._contents_watch = self._contents_watch, None
        contents = Keep([head, Toc(self.toc_entries, styles)], whole=True)
        return [BreakAfterSplitBox(watch), contents] if watch else [contents]

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
        return [self.para(item.children, style, f"{i}." if numbered else BULLET)
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
            return [self.para(c, style, notes=notes) for c in row]

        out: list = []
        if table.caption:
            out.append(self.para(table.caption, st.caption))
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
        """Return the "Notes" heading and every note, numbers linking back to markers."""
        st = self.st.endnote
        texts = {n: clean_text(note.text) for n, note in self.notes.items()}
        layout = NoteLayout(texts, self.width, self.widths, self.out, size=st.fontSize,
                            leading=st.leading, gap=st.spaceAfter)
        head = Heading(f'<a name="{self._notes_key}"/>Notes', self.st.h1,
                       (0, "Notes", self._notes_key, 0))
        numbers = [note.number for note in self.brief.notes]
        return [head, NoteList(layout, numbers, self.named_refs)]
