"""The document body: the cover, blocks (paragraphs, headings, lists, tables, boxes,
figures, the contents field) and inlines, built as WordprocessingML text.

Building the XML as text and parsing it once (`package.replace_body`) makes a long brief
quicker to write than python-docx takes to add the same number of bare paragraphs.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from briefing import model as m
from briefing.writers.docx.notes import NoteRefs, marked_again, note_kind
from briefing.writers.docx.numbering import LIST_STYLES, Numbering
from briefing.writers.docx.ooxml import (
    MONO_FONT,
    attr,
    bookmark_name,
    safe_url,
    text_runs,
    toc_page,
)
from briefing.writers.docx.page import Geometry


def _tbl_look(header_row: bool) -> str:
    """Return `w:tblLook`: the table style's first-row formatting only with a header."""
    value = "0620" if header_row else "0600"  # firstRow 0x20, noHBand 0x200, noVBand 0x400
    return (f'<w:tblLook w:val="{value}" w:firstRow="{int(header_row)}" w:lastRow="0" '
            'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>')


class Body:
    """Builds the body XML of a brief; `notes` then holds the notes it references."""

    def __init__(self, brief: m.Brief, part, ids: dict[str, str], numbering: Numbering,
                 geometry: Geometry) -> None:
        self.brief = brief
        self.part = part
        self.ids = {key: attr(value) for key, value in ids.items()}
        self.numbering = numbering
        self.text_width = geometry.text_width
        self.notes = NoteRefs(brief.notes, note_kind(brief.meta), self.ids,
                              marked_again(brief.blocks))
        self.ref_style = self.notes.ref_style
        self._links: dict[str, str] = {}
        self._rpr: dict[tuple, str] = {}
        self._bookmark_names: set[str] = set()
        self._bookmark_id = 0
        self._toc_names: dict[str, str] = {}
        self._anchor_names: dict[str, str] = {}  # a fact's anchor -> its bookmark
        self._list_nums: list[str] = []
        self._pictures: dict[int, tuple] = {}  # figure number -> (rId, pixel size)

    # ------------------------------------------------ driver

    def build(self) -> str:
        """Return the body XML (without sectPr), built twice when the note references
        need custom marks (see `NoteRefs`)."""
        xml = self._build()
        if not self.notes.in_reading_order():
            self.notes.custom_marks = True
            xml = self._build()
        return xml

    def _build(self) -> str:
        self.out: list[str] = []
        self._pending_break = False
        self._last_table = False
        self.notes.start()
        self._bookmark_names.clear()
        self._bookmark_id = 0
        self._toc_names = {}
        self._anchor_names = {}
        self._anchors_done: set[str] = set()
        self._numbered_lists = 0
        self._width = self.text_width  # of the table or box being written
        self._box_stack: list[tuple[list[str], int]] = []  # (outer output, width)
        for block in self.brief.blocks:
            if isinstance(block, m.Heading) and block.anchor not in self._toc_names:
                self._toc_names[block.anchor] = bookmark_name(block.anchor,
                                                              self._bookmark_names)
        self._cover()
        for block in self.brief.blocks:
            self._block(block, in_callout=False)
        if self._last_table or not self.out:
            self.out.append("<w:p/>")
        return "".join(self.out)

    # ------------------------------------------------ paragraphs

    def _p(self, style: str, content: str, extra_ppr: str = "", num_pr: str = "",
           keep_next: bool | None = None) -> str:
        """Return a paragraph; a pending page break becomes `w:pageBreakBefore`;
        `keep_next` True or False sets or clears the style's keep-with-next."""
        brk = ""
        if self._pending_break:
            brk = "<w:pageBreakBefore/>"
            self._pending_break = False
        self._last_table = False
        keep = "" if keep_next is None else "<w:keepNext/>" if keep_next else \
            '<w:keepNext w:val="0"/>'
        return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}{brk}{num_pr}{extra_ppr}'
                f'</w:pPr>{content}</w:p>')

    def _before_table(self) -> None:
        if self._pending_break:
            self.out.append('<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
                            '<w:r><w:br w:type="page"/></w:r></w:p>')
            self._pending_break = False
        elif self._last_table:  # keep two tables from merging into one
            self.out.append('<w:p><w:pPr><w:spacing w:after="0"/></w:pPr></w:p>')

    def _cover(self) -> None:
        meta, ids = self.brief.meta, self.ids
        compact = meta.cover == "compact"
        # A cover page shows the marking once, here (its header and footer are empty);
        # a compact brief starts on a page whose header shows it.
        if meta.classification and not compact:
            self.out.append(self._p(ids["CoverClassification"],
                                    text_runs(meta.classification, "")))
        # The compact title is smaller so that a one-page brief stays one page.
        title_rpr = '<w:rPr><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr>' if compact else ""
        self.out.append(self._p(ids["Title"], text_runs(meta.title, title_rpr)))
        if meta.subtitle:
            extra = '<w:spacing w:after="160"/>' if compact else ""
            self.out.append(self._p(ids["Subtitle"], text_runs(meta.subtitle, ""), extra))
        details = [d for d in (meta.audience, meta.organisation,
                               f"As of {meta.as_of}" if meta.as_of else "") if d]
        purpose = [(label, text) for label, text in (("Occasion: ", meta.occasion),
                                                     ("Purpose: ", meta.purpose)) if text]
        if compact:  # one line under the title, then the brief starts on the same page
            if details:
                self.out.append(self._p(ids["CoverDetail"], text_runs(" · ".join(details), ""),
                                        '<w:spacing w:after="%d"/>' % (80 if purpose else 240)))
            for i, (label, text) in enumerate(purpose):
                after = 240 if i == len(purpose) - 1 else 40
                self.out.append(self._p(ids["CoverDetail"], self._purpose(label, text),
                                        f'<w:spacing w:after="{after}"/>'))
            return
        for detail in details:
            self.out.append(self._p(ids["CoverDetail"], text_runs(detail, "")))
        for label, text in purpose:
            self.out.append(self._p(ids["CoverDetail"], self._purpose(label, text)))
        self._pending_break = True

    def _purpose(self, label: str, text: str) -> str:
        return text_runs(label, "<w:rPr><w:b/><w:bCs/></w:rPr>") + text_runs(text, "")

    # ------------------------------------------------ blocks

    def _block(self, block: m.Block, in_callout: bool) -> None:
        ids, out = self.ids, self.out
        if isinstance(block, m.Paragraph):
            style = ids["SourcesDiffer"] if in_callout else ids["BodyText"]
            out.append(self._p(style, self._inlines(block.children)))
        elif isinstance(block, m.Heading):
            self._heading(block, in_callout)
        elif isinstance(block, m.BulletList):
            self._list(block)
        elif isinstance(block, m.Table):
            self._table(block, self._width)
        elif isinstance(block, m.Callout):
            self._callout(block)
        elif isinstance(block, m.Judgement):
            self._judgement(block)
        elif isinstance(block, m.TableOfContents):
            if not in_callout:
                self._toc(block)
        elif isinstance(block, m.PageBreak):
            if not in_callout:
                self._pending_break = True
        elif isinstance(block, m.Figure):
            self._figure(block)
        else:
            raise TypeError(f"the DOCX writer cannot show {type(block).__name__}")

    def _heading(self, block: m.Heading, in_callout: bool) -> None:
        level = min(max(block.level, 1), 3)
        name = None
        if not in_callout and block.anchor not in self._anchors_done:
            name = self._toc_names.get(block.anchor)
            self._anchors_done.add(block.anchor)
        if name is None:
            name = bookmark_name(block.anchor, self._bookmark_names)
        content = self._bookmarked(name, self._inlines(block.children))
        # keep_next: whatever a reference .docx's heading style says
        self.out.append(self._p(self.ids[f"Heading{level}"], content, keep_next=True))

    def _bookmarked(self, name: str, content: str) -> str:
        """Return `content` inside bookmark `name`."""
        bid = self._bookmark_id
        self._bookmark_id += 1
        return (f'<w:bookmarkStart w:id="{bid}" w:name="{name}"/>{content}'
                f'<w:bookmarkEnd w:id="{bid}"/>')

    def _anchor_name(self, anchor: str) -> str:
        """Return the bookmark of a fact's anchor (hidden: it starts with "_")."""
        name = self._anchor_names.get(anchor)
        if name is None:
            name = self._anchor_names[anchor] = bookmark_name(anchor, self._bookmark_names,
                                                              "_Fact_")
        return name

    def _list(self, block: m.BulletList) -> None:
        sources = block.style == "sources"
        kind = block.style if block.style in LIST_STYLES else "bullet"
        style = self.ids[LIST_STYLES[kind]]
        numbering = self.numbering
        num_pr = ""
        if kind == "numbered":
            # Each numbered list restarts at 1: its own instance of the definition. A
            # rebuild (custom note marks) reuses the instances of the first build.
            if self._numbered_lists == len(self._list_nums):
                num_id = numbering.add_num(numbering.abstract[kind], restart=True)
                self._list_nums.append(numbering.num_pr(num_id))
            num_pr = self._list_nums[self._numbered_lists]
            self._numbered_lists += 1
        elif numbering.explicit.get(kind):
            num_pr = numbering.num_pr(numbering.base_num[kind])
        boxed = kind == "key-points" and not self._in_box
        if boxed:
            self._box_open()
        # The last item never alone atop a page: the one before keeps with it. The sources
        # list keeps whole, with its heading, where a page can hold it.
        last = len(block.items) - 1
        for i, item in enumerate(block.items):
            keep = not boxed and (i == last - 1 or sources and i < last)
            self.out.append(self._p(style, self._inlines(item.children), num_pr=num_pr,
                                    keep_next=True if keep else None))
        if boxed:
            self._box_close(self.ids["KeyPointsBox"])

    def _table(self, table: m.Table, width: int) -> None:
        ids = self.ids
        ncols = max([len(table.header)] + [len(row) for row in table.rows] + [1])
        rel = list(table.widths) if (len(table.widths) == ncols
                                     and all(w > 0 for w in table.widths)) else [1] * ncols
        total = sum(rel)
        cols = [int(width * w / total) for w in rel]
        cols[-1] = width - sum(cols[:-1])
        if table.caption:
            self.out.append(self._p(ids["Caption"], self._inlines(table.caption)))
        rows = ([(table.header, True)] if table.header else []) + \
               [(row, False) for row in table.rows]
        if not rows:  # Word rejects a table without rows
            return
        self._before_table()
        parts = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{ids["BriefTable"]}"/>'
                 f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
                 + _tbl_look(bool(table.header)) + '</w:tblPr><w:tblGrid>']
        parts.extend(f'<w:gridCol w:w="{c}"/>' for c in cols)
        parts.append("</w:tblGrid>")
        for cells, is_header in rows:
            trpr = "<w:cantSplit/><w:tblHeader/>" if is_header else "<w:cantSplit/>"
            style = ids["TableHeading"] if is_header else ids["TableText"]
            parts.append(f"<w:tr><w:trPr>{trpr}</w:trPr>")
            for i in range(ncols):
                content = self._inlines(cells[i]) if i < len(cells) else ""
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{cols[i]}" w:type="dxa"/></w:tcPr>'
                             f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{content}</w:p>'
                             "</w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.out.append("".join(parts))
        self._last_table = True

    def _figure(self, figure: m.Figure) -> None:
        """An inline PNG as wide as the figure's layout (or the text column, if narrower)
        with its description as alt text, kept with its caption: "Figure N: ..." and the
        footnote references of the notes the figure shows."""
        from briefing.writers.docx.figure import picture_xml

        brk = "<w:pageBreakBefore/>" if self._pending_break else ""
        self._pending_break = False
        drawing = picture_xml(figure, self.part, self.text_width, self._pictures)
        self.out.append(f'<w:p><w:pPr><w:pStyle w:val="{self.ids["BodyText"]}"/><w:keepNext/>'
                        f'{brk}<w:spacing w:before="160" w:after="60"/><w:jc w:val="center"/>'
                        f'</w:pPr><w:r>{drawing}</w:r></w:p>')
        # A space between the references lets a long run of them wrap (Word and
        # LibreOffice would otherwise break the caption's last word to fit them).
        refs = [node for ref in figure.introduces for node in (m.Text(" "), ref)]
        caption = (m.Text(f"Figure {figure.number}: {figure.title}"), *refs)
        # The caption follows its picture: not kept with what comes after (the style keeps
        # a table's caption, above it, with the table; here it would chain the picture,
        # the next heading and its first paragraph, more than a page can always hold).
        self.out.append(self._p(self.ids["Caption"], self._inlines(caption),
                                keep_next=False))

    def _judgement(self, block: m.Judgement) -> None:
        """A paragraph in the Judgement style: its lead and confidence term in styles of
        their own, then the text; under review, a line saying so."""
        ids = self.ids
        roles = {"lead": ids["JudgementLead"], "confidence": ids["Confidence"]}
        content = "".join(text_runs(text, self._rpr_for(roles.get(role), False, False))
                          for text, role in block.prefix())
        content += self._inlines(block.children)
        if block.under_review:
            content += ("<w:r><w:br/></w:r>"
                        + text_runs(m.UNDER_REVIEW, self._rpr_for(ids["UnderReview"], False,
                                                                   False)))
        self.out.append(self._p(ids["Judgement"], content))

    def _callout(self, callout: m.Callout) -> None:
        ids = self.ids
        self._box_open()
        if callout.title:
            self.out.append(self._p(ids["SourcesDifferTitle"], self._inlines(callout.title)))
        for block in callout.blocks:
            self._block(block, in_callout=True)
        self._box_close(ids["SourcesDifferBox"], ids["SourcesDiffer"])

    def _box_open(self) -> None:
        """Start a box: a table of one cell, whose content the next blocks write."""
        self._before_table()
        self._box_stack.append((self.out, self._width))
        self.out = []
        self._width -= 280  # the box's cell margins

    def _box_close(self, table_style: str, last_style: str | None = None) -> None:
        """End the box opened last: one row that does not split (Word and LibreOffice
        move it whole to the next page unless it is taller than a page)."""
        if not self.out or self._last_table:  # a cell must end with a paragraph
            self.out.append(self._p(last_style or self.ids["BodyText"], ""))
        inner = "".join(self.out)
        self.out, width = self._box_stack.pop()
        self._width = width
        self.out.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{table_style}"/>'
            f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'{_tbl_look(False)}</w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
            '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{inner}</w:tc>'
            '</w:tr></w:tbl>')
        self._last_table = True

    @property
    def _in_box(self) -> bool:
        return bool(self._box_stack)

    def _toc(self, block: m.TableOfContents) -> None:
        """A "Contents" heading, then a TOC field whose cached result lists the headings,
        each a link to its heading's bookmark ending, where the build measured it
        (`Meta.contents_pages`), in a PAGEREF field whose cached result is its page.
        LibreOffice shows cached results as they are; Word rebuilds the whole field,
        page numbers and all, when it opens the file (`w:updateFields` in settings)."""
        ids = self.ids
        # The contents starts a page: LibreOffice lays a TOC field out as a section of
        # its own, which a heading's keep-with-next does not reach, so the heading could
        # end the page before the entries; and a box before it may be split.
        if self.out and not self._pending_break:
            self._pending_break = True
        self.out.append(self._p(ids["TOCHeading"], text_runs(block.title, "")))
        entries = self.brief.headings(block.depth)
        begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                 f'xml:space="preserve"> TOC \\o "1-{block.depth}" \\h \\z \\u </w:instrText>'
                 '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        if not entries:
            self.out.append(self._p(ids["TOC1"], begin + end))
            return
        last = len(entries) - 1
        pages = dict(self.brief.meta.contents_pages)
        for i, heading in enumerate(entries):
            name = self._toc_names[heading.anchor]
            text = m.plain_text(heading.children).replace("\n", " ")
            page = pages.get(heading.anchor)
            number = "" if page is None else toc_page(name, page)
            link = (f'<w:hyperlink w:anchor="{name}" w:history="1">{text_runs(text, "")}'
                    f'{number}</w:hyperlink>')
            style = ids[f"TOC{min(max(heading.level, 1), 3)}"]
            # Each entry keeps with the next: the contents moves whole to a new page
            # rather than split, where a page can hold it.
            self.out.append(self._p(style, (begin if i == 0 else "") + link +
                                    (end if i == last else ""),
                                    keep_next=True if i < last else None))

    # ------------------------------------------------ inlines

    def _rpr_for(self, style: str | None, bold: bool, italic: bool, mono: bool = False) -> str:
        key = (style, bold, italic, mono)
        rpr = self._rpr.get(key)
        if rpr is None:
            inner = (f'<w:rStyle w:val="{style}"/>' if style else "") + \
                    (f'<w:rFonts w:ascii="{MONO_FONT}" w:hAnsi="{MONO_FONT}" '
                     f'w:cs="{MONO_FONT}"/>' if mono else "") + \
                    ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
            rpr = f"<w:rPr>{inner}</w:rPr>" if inner else ""
            self._rpr[key] = rpr
        return rpr

    def _inlines(self, inlines, bold: bool = False, italic: bool = False,
                 link: bool = False) -> str:
        out = []
        style = self.ids["Hyperlink"] if link else None
        last = len(inlines) - 1
        for i, node in enumerate(inlines):
            kind = type(node)
            if kind is m.Text:
                out.append(text_runs(node.text, self._rpr_for(style, bold, italic)))
            elif kind is m.NoteRef or kind is m.NoteRange:
                rpr = self._rpr_for(self.ref_style, bold, italic)
                if kind is m.NoteRef:
                    out.append(self.notes.reference(node.number, rpr))
                else:  # the ends as markers; the notes between were marked before
                    out.append(self.notes.reference(node.first, rpr))
                    out.append(f"<w:r>{rpr}<w:t>\u2013</w:t></w:r>")
                    out.append(self.notes.reference(node.last, rpr))
                if i < last and type(inlines[i + 1]) in m.NOTE_MARKERS:
                    # Two markers in a row read "³,⁴" as in the PDF, not "³⁴". (Character
                    # spacing would spread a two-digit number's digits too.)
                    out.append(f"<w:r>{rpr}<w:t>,</w:t></w:r>")
            elif kind is m.Emph:
                out.append(self._inlines(node.children, bold, True, link))
            elif kind is m.Strong:
                out.append(self._inlines(node.children, True, italic, link))
            elif kind is m.Code:
                rpr = (self._rpr_for(style, bold, italic, mono=True) if link
                       else self._rpr_for(self.ids["Code"], bold, italic))
                out.append(text_runs(node.text, rpr))
            elif kind is m.Link:
                if link or not safe_url(node.url):  # hyperlinks do not nest
                    out.append(self._inlines(node.children, bold, italic, True))
                else:
                    rid = self._link(node.url)
                    out.append(f'<w:hyperlink r:id="{rid}" w:history="1">'
                               f'{self._inlines(node.children, bold, italic, True)}'
                               "</w:hyperlink>")
            elif kind is m.LineBreak:
                out.append("<w:r><w:br/></w:r>")
            elif kind is m.Anchor:
                out.append(self._bookmarked(self._anchor_name(node.name), ""))
            elif kind is m.XRef:
                inner = self._inlines(node.children, bold, italic, True)
                out.append(inner if link else  # hyperlinks do not nest
                           f'<w:hyperlink w:anchor="{self._anchor_name(node.anchor)}" '
                           f'w:history="1">{inner}</w:hyperlink>')
            else:
                raise TypeError(f"the DOCX writer cannot show {kind.__name__}")
        return "".join(out)

    def _link(self, url: str) -> str:
        rid = self._links.get(url)
        if rid is None:
            rid = self.part.relate_to(safe_url(url), RT.HYPERLINK, is_external=True)
            self._links[url] = rid
        return rid
