"""DOCX writer: a Word document with real styles, footnotes or endnotes, a TOC field,
headers and footers, and reproducible bytes.

python-docx provides the package (parts, relationships, core properties, the default
template or a reference .docx); the body, the notes, the numbering definitions and the
styles are built as WordprocessingML text by this module and `docx_ooxml`, parsed once,
and put in place. Building the XML as text makes a long brief quicker to write than
python-docx takes to add the same number of bare paragraphs.

Every element gets a named style created in the document (or taken from the reference
.docx when it has one of that name), so a user restyles the whole brief by editing
styles. Word's built-in styles are written under Word's internal names ("heading 1",
"footnote text", "toc 1") so Word recognises them as its own.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.parts.numbering import NumberingPart
from lxml import etree

from briefing import model as m
from briefing.writers.docx import ooxml as ox
from briefing.writers.docx.ooxml import NSDECLS, attr, field, text_runs

LIST_STYLES = {"bullet": "ListBullet", "numbered": "ListNumber", "key-points": "KeyPoint"}

# Relationships of the document part that describe the old body (a reference .docx's
# text, headers, notes, pictures) or a stale copy of the styles: dropped before writing.
_MS = "http://schemas.microsoft.com/office/"
_DROP_DOC_RELS = {RT.HEADER, RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES, RT.HYPERLINK, RT.IMAGE,
                  RT.COMMENTS, _MS + "2007/relationships/stylesWithEffects",
                  _MS + "2011/relationships/commentsExtended",
                  _MS + "2016/09/relationships/commentsIds",
                  _MS + "2018/08/relationships/commentsExtensible",
                  _MS + "2011/relationships/people"}


def write(brief: m.Brief) -> bytes:
    """Return `brief` as a .docx file; the same brief always gives the same bytes."""
    meta = brief.meta
    reference = bool(meta.reference_docx)
    doc = Document(meta.reference_docx) if reference else Document()
    part, package = doc.part, doc.part.package

    geometry = _geometry(doc, meta)
    _drop_stale_parts(doc)
    numbering = _Numbering(part)
    styles = _setup_styles(doc, geometry, numbering, reference, meta.language,
                           meta.cover == "compact")
    numbering.bind(styles.elements)

    body = _Body(brief, part, styles.ids, numbering, geometry)
    body_xml = body.build()

    kind = "endnote" if meta.note_style == "endnotes" else "footnote"
    notes_xml = body.notes_xml()
    for which, ct, rt in (("footnote", CT.WML_FOOTNOTES, RT.FOOTNOTES),
                          ("endnote", CT.WML_ENDNOTES, RT.ENDNOTES)):
        blob = ox.notes_part_xml(which, notes_xml if which == kind else "")
        part.relate_to(Part(PackURI(f"/word/{which}s.xml"), ct, blob, package), rt)

    header_rid, footer_rid = _header_footer(part, meta, styles.ids, geometry)
    _replace_body(part, body_xml + geometry.sect_pr(header_rid, footer_rid))

    _settings(doc)
    _core_properties(doc, meta)
    _app_properties(package, meta)

    buf = io.BytesIO()
    doc.save(buf)
    return ox.normalise_zip(buf.getvalue())


# ---------------------------------------------------------------- package set-up


def _geometry(doc, meta: m.Meta) -> ox.Geometry:
    """Return the page geometry: size from the brief, margins from a reference .docx's
    section when it has them, else 2.2 cm."""
    width, height = ox.PAGE_SIZES.get(meta.page_size.upper(), ox.PAGE_SIZES["A4"])
    margins = {}
    sect = doc.element.body.find(qn("w:sectPr"))
    pg_mar = sect.find(qn("w:pgMar")) if (sect is not None and meta.reference_docx) else None
    if pg_mar is not None:
        for key in ("top", "right", "bottom", "left", "header", "footer"):
            value = pg_mar.get(qn(f"w:{key}"))
            try:
                margins[key] = abs(int(float(value)))
            except (TypeError, ValueError):
                pass
    if meta.cover == "compact" and not margins:
        # A compact brief is meant to fit one page: narrower margins (1.6 cm).
        margins = {"top": 907, "right": 907, "bottom": 907, "left": 907, "header": 454,
                   "footer": 454}
    return ox.Geometry(width, height, **margins)


def _drop_stale_parts(doc) -> None:
    """Empty the body and drop what only the old body or the template used."""
    body = doc.element.body
    for child in list(body):
        body.remove(child)
    rels = doc.part.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROP_DOC_RELS]:
        del rels[rid]
    pkg_rels = doc.part.package.rels
    for rid in [rid for rid, rel in pkg_rels.items()
                if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES)]:
        del pkg_rels[rid]


_BODY_MARK = "briefing-body"


def _replace_body(part, body_xml: str) -> None:
    """Give the document part a new element: the old root (its namespace declarations,
    attributes and any `w:background`) around `body_xml`, parsed in one go.

    Moving a large parsed subtree into the existing tree would be far slower (lxml
    reconciles namespaces node by node), so the whole part is parsed from text and the
    part's element replaced.
    """
    root = part.element
    body = root.find(qn("w:body"))
    for child in list(body):
        body.remove(child)
    body.append(etree.Comment(_BODY_MARK))
    if root.nsmap.get("w") == ox.W_NS and root.nsmap.get("r") == ox.R_NS:
        text = etree.tostring(root, encoding="unicode")
        text = text.replace(f"<!--{_BODY_MARK}-->", body_xml, 1)
        part._element = parse_xml(text.encode("utf-8"))  # noqa: SLF001 - no public setter
        return
    # A root with unusual prefixes: move the children across (slower, rare).
    body.remove(body[-1])
    for child in parse_xml(f"<w:body {NSDECLS}>{body_xml}</w:body>"):
        body.append(child)


class _Numbering:
    """The numbering part: one abstract definition per list kind, a shared instance for
    bullets and key points, and a fresh instance (restarting at 1) per numbered list."""

    def __init__(self, part) -> None:
        try:
            self.part = part.part_related_by(RT.NUMBERING)
        except KeyError:
            self.part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING,
                                      parse_xml(ox.NUMBERING_XML), part.package)
            part.relate_to(self.part, RT.NUMBERING)
        self.root = self.part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId")))
                        for a in self.root.iterchildren(qn("w:abstractNum"))]
        self._nums = {n.get(qn("w:numId")): n for n in self.root.iterchildren(qn("w:num"))}
        self._next_num = max([int(k) for k in self._nums] + [0]) + 1
        next_abstract = max(abstract_ids + [-1]) + 1
        self.abstract: dict[str, int] = {}
        self.base_num: dict[str, int] = {}
        for kind in ("bullet", "numbered", "key-points"):
            self.abstract[kind] = next_abstract
            self._add_abstract(ox.abstract_num_xml(next_abstract, kind))
            next_abstract += 1
            self.base_num[kind] = self.add_num(self.abstract[kind])
        self.explicit: dict[str, bool] = {}

    def num_pr(self, num_id: int) -> str:
        return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'

    def _add_abstract(self, xml: str) -> None:
        element = parse_xml(xml)
        existing = list(self.root.iterchildren(qn("w:abstractNum")))
        if existing:
            existing[-1].addnext(element)
        else:
            self.root.insert(0, element)

    def add_num(self, abstract_id: int, restart: bool = False) -> int:
        num_id = self._next_num
        self._next_num += 1
        element = parse_xml(ox.num_xml(num_id, abstract_id, restart))
        cleanup = self.root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(element)
        else:
            self.root.append(element)
        self._nums[str(num_id)] = element
        return num_id

    def bind(self, style_elements: dict[str, object]) -> None:
        """Follow each list style to the numbering it really uses (a reference .docx's
        own list style may number differently); lists whose style has no numbering get
        an explicit `w:numPr` on every item."""
        for kind, key in LIST_STYLES.items():
            style = style_elements.get(key)
            num_id = None
            if style is not None:
                found = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
                num_id = found.get(qn("w:val")) if found is not None else None
            num = self._nums.get(num_id) if num_id else None
            abstract = num.find(qn("w:abstractNumId")) if num is not None else None
            if abstract is not None and num_id != "0":
                self.abstract[kind] = int(abstract.get(qn("w:val")))
                self.explicit[kind] = False
            else:
                self.explicit[kind] = True


class _Styles:
    def __init__(self, ids: dict[str, str], elements: dict[str, object]) -> None:
        self.ids = ids
        self.elements = elements


def _setup_styles(doc, geometry: ox.Geometry, numbering: _Numbering, reference: bool,
                  language: str, compact: bool = False) -> _Styles:
    """Create the writer's styles; with a reference .docx, keep the ones it already has
    (matched by name, case-insensitively, or by id) and use their ids."""
    root = doc.styles.element
    by_name, by_id = {}, {}
    for style in root.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            by_name.setdefault((name.get(qn("w:val")) or "").lower(), style)
        by_id.setdefault(style.get(qn("w:styleId")), style)

    _doc_defaults(root, reference, language)
    num_pr = {kind: numbering.num_pr(numbering.base_num[kind]) for kind in LIST_STYLES}
    ids: dict[str, str] = {}
    elements: dict[str, object] = {}
    for sdef in ox.style_defs(geometry.text_width, compact):
        old = by_name.get(sdef.name.lower())
        if old is None:
            candidate = by_id.get(sdef.style_id)
            if candidate is not None and candidate.get(qn("w:type")) == sdef.kind:
                old = candidate
        if old is not None and reference:
            ids[sdef.key] = old.get(qn("w:styleId"))
            elements[sdef.key] = old
            continue
        style_id = sdef.style_id
        if old is not None:
            _remove_style(root, old, by_id)
        while style_id in by_id:  # an unrelated style of the reference owns the id
            style_id += "Brief"
        ids[sdef.key] = style_id
        element = parse_xml(ox.style_xml(
            ox.StyleDef(sdef.key, style_id, sdef.name, sdef.kind, sdef.body, sdef.custom),
            ids, num_pr))
        root.append(element)
        by_id[style_id] = element
        by_name[sdef.name.lower()] = element
        elements[sdef.key] = element
    return _Styles(ids, elements)


def _remove_style(root, old, by_id: dict) -> None:
    """Remove template style `old` and the character style linked to it."""
    style_id = old.get(qn("w:styleId"))
    link = old.find(qn("w:link"))
    root.remove(old)
    by_id.pop(style_id, None)
    if link is not None:
        linked = by_id.pop(link.get(qn("w:val")), None)
        if linked is not None and linked.getparent() is root:
            root.remove(linked)


def _doc_defaults(root, reference: bool, language: str) -> None:
    """Set the document font (not over a reference .docx's) and the language."""
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {NSDECLS}/>")
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {NSDECLS}/>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is not None and reference:
        if not language:
            return
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = parse_xml(f'<w:lang {NSDECLS}/>')
            rpr.append(lang)
        lang.set(qn("w:val"), language)
        return
    if rpr is not None:
        rpr_default.remove(rpr)
    rpr_default.append(parse_xml(ox.doc_defaults_rpr(language)))


def _header_footer(part, meta: m.Meta, ids: dict[str, str],
                   geometry: ox.Geometry) -> tuple[str, str]:
    """Create the header (classification) and footer (title, "Page N of M",
    classification) and return their relationship ids."""
    package = part.package
    hdr = (f'<w:hdr {NSDECLS}><w:p><w:pPr><w:pStyle w:val="{attr(ids["Header"])}"/>'
           f'<w:jc w:val="center"/></w:pPr>{text_runs(meta.classification, "")}</w:p></w:hdr>')
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{geometry.text_width}"/></w:tabs>'
    footer_style = f'<w:pStyle w:val="{attr(ids["Footer"])}"/>'
    ftr = (f'<w:ftr {NSDECLS}><w:p><w:pPr>{footer_style}{tabs}</w:pPr>'
           f'{text_runs(meta.title, "")}<w:r><w:tab/></w:r>{text_runs("Page ", "")}'
           f'{field("PAGE", "1")}{text_runs(" of ", "")}{field("NUMPAGES", "1")}</w:p>')
    if meta.classification:
        ftr += (f'<w:p><w:pPr>{footer_style}<w:jc w:val="center"/></w:pPr>'
                f'{text_runs(meta.classification, "")}</w:p>')
    ftr += "</w:ftr>"
    header = HeaderPart(package.next_partname("/word/header%d.xml"), CT.WML_HEADER,
                        parse_xml(hdr), package)
    footer = FooterPart(package.next_partname("/word/footer%d.xml"), CT.WML_FOOTER,
                        parse_xml(ftr), package)
    return part.relate_to(header, RT.HEADER), part.relate_to(footer, RT.FOOTER)


def _settings(doc) -> None:
    """Refresh fields on open; declare the special notes; one header for all pages."""
    settings = doc.settings.element
    for name in ("savePreviewPicture", "evenAndOddHeaders"):
        for old in settings.findall(qn(f"w:{name}")):
            settings.remove(old)
    ox.settings_insert(settings, parse_xml(f'<w:updateFields {NSDECLS} w:val="true"/>'))
    ox.settings_insert(settings, parse_xml(ox.note_pr_xml("footnote")))
    ox.settings_insert(settings, parse_xml(ox.note_pr_xml("endnote")))


def _build_datetime(value: str) -> datetime | None:
    """Parse the ISO build date (UTC when it names no zone); None when absent or bad."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def _property(text: str, limit: int = 255) -> str:
    """Return `text` as a core property: python-docx refuses more than 255 characters, so
    a longer value is cut at a word boundary with "…" (the document itself keeps it all)."""
    text = " ".join(ox.clean(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut[:limit - 1]).rstrip() + "…"


def _core_properties(doc, meta: m.Meta) -> None:
    props = doc.core_properties
    props.title = _property(meta.title)
    props.subject = _property(meta.subject)
    props.author = _property(meta.author)
    props.last_modified_by = _property(meta.author)
    props.keywords = _property(", ".join(meta.keywords))
    props.language = _property(meta.language)
    for name in ("comments", "category", "content_status", "identifier", "version"):
        setattr(props, name, "")
    props.revision = 1
    when = _build_datetime(meta.build_date)
    element = props._element  # noqa: SLF001 - python-docx has no API to remove a date
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    if when is not None:
        props.created = when
        props.modified = when
        props.last_printed = when


def _app_properties(package, meta: m.Meta) -> None:
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES,
               ox.app_xml(meta.organisation), package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)


# ---------------------------------------------------------------- body


def _tbl_look(header_row: bool) -> str:
    """Return `w:tblLook`: the table style's first-row formatting only with a header."""
    value = "0620" if header_row else "0600"  # firstRow 0x20, noHBand 0x200, noVBand 0x400
    return (f'<w:tblLook w:val="{value}" w:firstRow="{int(header_row)}" w:lastRow="0" '
            'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>')


class _Body:
    """Builds the body XML of a brief and the XML of its notes."""

    def __init__(self, brief: m.Brief, part, ids: dict[str, str], numbering: _Numbering,
                 geometry: ox.Geometry) -> None:
        self.brief = brief
        self.part = part
        self.ids = {key: attr(value) for key, value in ids.items()}
        self.numbering = numbering
        self.text_width = geometry.text_width
        self.kind = "endnote" if brief.meta.note_style == "endnotes" else "footnote"
        ref_key = "EndnoteReference" if self.kind == "endnote" else "FootnoteReference"
        self.ref_style = self.ids[ref_key]
        self.text_style = self.ids["EndnoteText" if self.kind == "endnote" else "FootnoteText"]
        self._links: dict[str, str] = {}
        self._rpr: dict[tuple, str] = {}
        self._bookmark_names: set[str] = set()
        self._bookmark_id = 0
        self._toc_names: dict[str, str] = {}
        self.custom_marks = False
        self._list_nums: list[str] = []
        self._pictures: dict[int, tuple] = {}  # figure number -> (rId, pixel size)

    # ------------------------------------------------ driver

    def build(self) -> str:
        """Return the body XML (without sectPr). Notes are real Word notes whose ids are
        the note numbers; Word numbers notes by position, so when the references do not
        run 1..N in reading order the body is rebuilt with explicit (custom) marks."""
        xml = self._build()
        if self._ref_order != list(range(1, len(self.brief.notes) + 1)):
            self.custom_marks = True
            xml = self._build()
        return xml

    def _build(self) -> str:
        self.out: list[str] = []
        self._pending_break = False
        self._last_table = False
        self._ref_order: list[int] = []
        self._referenced: set[int] = set()
        self._bookmark_names.clear()
        self._bookmark_id = 0
        self._toc_names = {}
        self._anchors_done: set[str] = set()
        self._numbered_lists = 0
        self._width = self.text_width  # of the table or box being written
        for block in self.brief.blocks:
            if isinstance(block, m.Heading) and block.anchor not in self._toc_names:
                self._toc_names[block.anchor] = ox.bookmark_name(block.anchor,
                                                                 self._bookmark_names)
        self._cover()
        for block in self.brief.blocks:
            self._block(block, in_callout=False)
        if self._last_table or not self.out:
            self.out.append("<w:p/>")
        return "".join(self.out)

    def notes_xml(self) -> str:
        """Return the `<w:footnote>`/`<w:endnote>` elements of the referenced notes."""
        kind, parts = self.kind, []
        for note in self.brief.notes:
            if note.number not in self._referenced:
                continue
            rpr = f'<w:rPr><w:rStyle w:val="{self.ref_style}"/></w:rPr>'
            mark = (f'<w:r>{rpr}<w:t>{note.number}</w:t></w:r>' if self.custom_marks
                    else f'<w:r>{rpr}<w:{kind}Ref/></w:r>')
            parts.append(f'<w:{kind} w:id="{note.number}"><w:p><w:pPr><w:pStyle '
                         f'w:val="{self.text_style}"/></w:pPr>{mark}'
                         f'{text_runs(" " + note.text, "")}</w:p></w:{kind}>')
        return "".join(parts)

    # ------------------------------------------------ paragraphs

    def _p(self, style: str, content: str, extra_ppr: str = "", num_pr: str = "") -> str:
        """Return a paragraph; a pending page break becomes `w:pageBreakBefore`."""
        brk = ""
        if self._pending_break:
            brk = "<w:pageBreakBefore/>"
            self._pending_break = False
        self._last_table = False
        return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{brk}{num_pr}{extra_ppr}</w:pPr>'
                f'{content}</w:p>')

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
        if meta.classification:
            extra = '<w:spacing w:after="240"/>' if compact else ""
            self.out.append(self._p(ids["CoverClassification"],
                                    text_runs(meta.classification, ""), extra))
        # The compact title is smaller so that a one-page brief stays one page.
        title_rpr = '<w:rPr><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr>' if compact else ""
        self.out.append(self._p(ids["Title"], text_runs(meta.title, title_rpr)))
        if meta.subtitle:
            extra = '<w:spacing w:after="160"/>' if compact else ""
            self.out.append(self._p(ids["Subtitle"], text_runs(meta.subtitle, ""), extra))
        details = [d for d in (meta.audience, meta.organisation,
                               f"As of {meta.as_of}" if meta.as_of else "") if d]
        if compact:  # one line under the title, then the brief starts on the same page
            if details:
                self.out.append(self._p(ids["CoverDetail"], text_runs(" · ".join(details), ""),
                                        '<w:spacing w:after="240"/>'))
            return
        for detail in details:
            self.out.append(self._p(ids["CoverDetail"], text_runs(detail, "")))
        self._pending_break = True

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
            name = ox.bookmark_name(block.anchor, self._bookmark_names)
        bid = self._bookmark_id
        self._bookmark_id += 1
        content = (f'<w:bookmarkStart w:id="{bid}" w:name="{name}"/>'
                   f'{self._inlines(block.children)}<w:bookmarkEnd w:id="{bid}"/>')
        self.out.append(self._p(self.ids[f"Heading{level}"], content))

    def _list(self, block: m.BulletList) -> None:
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
        for item in block.items:
            self.out.append(self._p(style, self._inlines(item.children), num_pr=num_pr))

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
        self.out.append(self._p(self.ids["Caption"], self._inlines(caption)))

    def _callout(self, callout: m.Callout) -> None:
        ids, width = self.ids, self._width
        self._before_table()
        outer = self.out
        self.out = []
        self._width = width - 280  # the box's cell margins
        if callout.title:
            self.out.append(self._p(ids["SourcesDifferTitle"], self._inlines(callout.title)))
        for block in callout.blocks:
            self._block(block, in_callout=True)
        if not self.out or self._last_table:  # a cell must end with a paragraph
            self.out.append(self._p(ids["SourcesDiffer"], ""))
        inner = "".join(self.out)
        self.out = outer
        self._width = width
        self.out.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{ids["SourcesDifferBox"]}"/>'
            f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'{_tbl_look(False)}</w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
            '<w:tr><w:trPr><w:cantSplit/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{inner}</w:tc>'
            '</w:tr></w:tbl>')
        self._last_table = True

    def _toc(self, block: m.TableOfContents) -> None:
        """A "Contents" heading, then a TOC field whose cached result already lists the
        level 1 and 2 headings, each a link to its heading's bookmark.

        The cached entries carry no page numbers: the writer cannot know them, and
        LibreOffice shows a TOC's cached result as it is (a PAGEREF inside it shows its
        cached text, not the page). Word rebuilds the whole field, page numbers and
        all, when it opens the file (`w:updateFields` in settings)."""
        ids = self.ids
        self.out.append(self._p(ids["TOCHeading"], text_runs(block.title, "")))
        entries = self.brief.headings(2)
        begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                 'xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        if not entries:
            self.out.append(self._p(ids["TOC1"], begin + end))
            return
        last = len(entries) - 1
        for i, heading in enumerate(entries):
            name = self._toc_names[heading.anchor]
            text = m.plain_text(heading.children).replace("\n", " ")
            link = (f'<w:hyperlink w:anchor="{name}" w:history="1">{text_runs(text, "")}'
                    '</w:hyperlink>')
            style = ids["TOC1"] if heading.level <= 1 else ids["TOC2"]
            self.out.append(self._p(style, (begin if i == 0 else "") + link +
                                    (end if i == last else "")))

    # ------------------------------------------------ inlines

    def _rpr_for(self, style: str | None, bold: bool, italic: bool, mono: bool = False) -> str:
        key = (style, bold, italic, mono)
        rpr = self._rpr.get(key)
        if rpr is None:
            inner = (f'<w:rStyle w:val="{style}"/>' if style else "") + \
                    (f'<w:rFonts w:ascii="{ox.MONO_FONT}" w:hAnsi="{ox.MONO_FONT}" '
                     f'w:cs="{ox.MONO_FONT}"/>' if mono else "") + \
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
            elif kind is m.NoteRef:
                out.append(self._note_ref(node.number, bold, italic))
                if i < last and type(inlines[i + 1]) is m.NoteRef:
                    # Two markers in a row read "³,⁴" as in the PDF, not "³⁴". (Character
                    # spacing would spread a two-digit number's digits too.)
                    out.append(f"<w:r>{self._rpr_for(self.ref_style, bold, italic)}"
                               "<w:t>,</w:t></w:r>")
            elif kind is m.Emph:
                out.append(self._inlines(node.children, bold, True, link))
            elif kind is m.Strong:
                out.append(self._inlines(node.children, True, italic, link))
            elif kind is m.Code:
                rpr = (self._rpr_for(style, bold, italic, mono=True) if link
                       else self._rpr_for(self.ids["Code"], bold, italic))
                out.append(text_runs(node.text, rpr))
            elif kind is m.Link:
                if link or not ox.safe_url(node.url):  # hyperlinks do not nest
                    out.append(self._inlines(node.children, bold, italic, True))
                else:
                    rid = self._link(node.url)
                    out.append(f'<w:hyperlink r:id="{rid}" w:history="1">'
                               f'{self._inlines(node.children, bold, italic, True)}'
                               "</w:hyperlink>")
            elif kind is m.LineBreak:
                out.append("<w:r><w:br/></w:r>")
            else:
                raise TypeError(f"the DOCX writer cannot show {kind.__name__}")
        return "".join(out)

    def _link(self, url: str) -> str:
        rid = self._links.get(url)
        if rid is None:
            rid = self.part.relate_to(ox.safe_url(url), RT.HYPERLINK, is_external=True)
            self._links[url] = rid
        return rid

    def _note_ref(self, number: int, bold: bool, italic: bool) -> str:
        kind = self.kind
        rpr = self._rpr_for(self.ref_style, bold, italic)
        valid = 1 <= number <= len(self.brief.notes)
        if not valid or number in self._referenced:
            # Word allows one reference per note: a repeat shows the number only.
            self._ref_order.append(-number)
            return f"<w:r>{rpr}<w:t>{number}</w:t></w:r>"
        self._referenced.add(number)
        self._ref_order.append(number)
        if self.custom_marks:
            return (f'<w:r>{rpr}<w:{kind}Reference w:customMarkFollows="1" w:id="{number}"/>'
                    f'</w:r><w:r>{rpr}<w:t>{number}</w:t></w:r>')
        return f'<w:r>{rpr}<w:{kind}Reference w:id="{number}"/></w:r>'
