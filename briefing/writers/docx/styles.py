"""The styles: the definition of every named style the writer uses, and their setup in
the styles part (document defaults; a reference .docx's own styles kept by name).

Every element gets a named style, so a user restyles the whole brief by editing styles.
Word's built-in styles are written under Word's internal names ("heading 1", "footnote
text", "toc 1") so Word recognises them as its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from briefing.writers.docx.numbering import LIST_STYLES, Numbering
from briefing.writers.docx.ooxml import FONT, MONO_FONT, NSDECLS, attr


@dataclass(frozen=True)
class StyleDef:
    """One named style: `key` is how the writer refers to it, `style_id` the id it gets
    when created, `name` the name Word knows it by (built-in styles use Word's internal,
    mostly lower-case names so Word treats them as its own), `body` the XML after
    `w:name` (basedOn, next, pPr, rPr, tblPr, ...), with `{Normal}`-style placeholders
    for the ids of other styles."""

    key: str
    style_id: str
    name: str
    kind: str  # paragraph, character, table
    body: str
    custom: bool = False


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


NAVY = "1F3864"
MARKING = "8B1A1A"  # the classification marking, as in the PDF
PLUM = "5B3F7A"  # the assessment's rule and lead: not the facts' navy
_QF = "<w:qFormat/>"


# A compact brief (one page) sets body, key points and notes a little tighter.
_COMPACT = {
    "Normal": (('w:after="120" w:line="264"', 'w:after="80" w:line="240"'),),
    "KeyPoint": (("w:after=\"100\"", "w:after=\"40\""), (_size(22), _size(20))),
    "FootnoteText": (('w:after="40"', 'w:after="0"'), (_size(17), _size(15))),
    "Judgement": (('w:before="60" w:after="120"', 'w:before="0" w:after="60"'),),
}


def style_defs(text_width: int, compact: bool = False) -> list[StyleDef]:
    """Return every style the writer uses, in creation order (a style's basedOn first)."""
    defs = _style_defs(text_width)
    if not compact:
        return defs
    out = []
    for sdef in defs:
        body = sdef.body
        for old, new in _COMPACT.get(sdef.key, ()):
            body = body.replace(old, new)
        out.append(replace(sdef, body=body))
    return out


def _style_defs(text_width: int) -> list[StyleDef]:
    heading = ('<w:basedOn w:val="{Normal}"/><w:next w:val="{BodyText}"/>'
               '<w:uiPriority w:val="9"/>' + _QF)
    table_borders = ('<w:tblBorders>'
                     '<w:top w:val="single" w:sz="8" w:space="0" w:color="8EAADB"/>'
                     '<w:left w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
                     '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="8EAADB"/>'
                     '<w:right w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
                     '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
                     '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
                     '</w:tblBorders>')
    box_borders = ''.join(f'<w:{side} w:val="single" w:sz="12" w:space="0" w:color="C55A11"/>'
                          for side in ("top", "left", "bottom", "right"))
    return [
        StyleDef("TableNormal", "TableNormal", "Normal Table", "table",
                 '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
                 '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
                 '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
                 '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
                 '</w:tblCellMar></w:tblPr>'),
        StyleDef("Normal", "Normal", "Normal", "paragraph",
                 _QF + '<w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>'
                 f'<w:rPr>{_fonts(FONT)}{_size(21)}</w:rPr>'),
        StyleDef("DefaultParagraphFont", "DefaultParagraphFont", "Default Paragraph Font",
                 "character", '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'),
        StyleDef("BodyText", "BodyText", "Body Text", "paragraph",
                 '<w:basedOn w:val="{Normal}"/>' + _QF +
                 '<w:pPr><w:spacing w:after="140"/></w:pPr>'),
        StyleDef("Title", "Title", "Title", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:next w:val="{Subtitle}"/>'
                 '<w:uiPriority w:val="10"/>' + _QF +
                 '<w:pPr><w:keepNext/><w:spacing w:before="0" w:after="240" w:line="240" '
                 'w:lineRule="auto"/></w:pPr>'
                 f'<w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/>{_size(52)}</w:rPr>'),
        StyleDef("Subtitle", "Subtitle", "Subtitle", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:next w:val="{Normal}"/>'
                 '<w:uiPriority w:val="11"/>' + _QF +
                 '<w:pPr><w:keepNext/><w:spacing w:after="480"/></w:pPr>'
                 f'<w:rPr><w:color w:val="44546A"/>{_size(30)}</w:rPr>'),
        # The classification marking, in the colour and weight the PDF gives it: 14 pt on
        # the cover, 9 pt in the running header and footer (a character style).
        StyleDef("CoverClassification", "CoverClassification", "Cover Classification",
                 "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:next w:val="{Title}"/>' + _QF +
                 '<w:pPr><w:spacing w:after="2400"/><w:jc w:val="center"/></w:pPr>'
                 f'<w:rPr><w:b/><w:bCs/><w:color w:val="{MARKING}"/><w:spacing w:val="20"/>'
                 f'{_size(28)}</w:rPr>', custom=True),
        StyleDef("Marking", "Marking", "Classification Marking", "character",
                 '<w:basedOn w:val="{DefaultParagraphFont}"/>' + _QF +
                 f'<w:rPr><w:b/><w:bCs/><w:color w:val="{MARKING}"/><w:spacing w:val="10"/>'
                 f'{_size(18)}</w:rPr>', custom=True),
        StyleDef("CoverDetail", "CoverDetail", "Cover Detail", "paragraph",
                 '<w:basedOn w:val="{Normal}"/>' + _QF +
                 '<w:pPr><w:spacing w:after="80"/></w:pPr>'
                 f'<w:rPr><w:color w:val="404040"/>{_size(24)}</w:rPr>', custom=True),
        StyleDef("Heading1", "Heading1", "heading 1", "paragraph", heading +
                 '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/>'
                 '<w:outlineLvl w:val="0"/></w:pPr>'
                 f'<w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/>{_size(32)}</w:rPr>'),
        StyleDef("Heading2", "Heading2", "heading 2", "paragraph", heading +
                 '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="100"/>'
                 '<w:outlineLvl w:val="1"/></w:pPr>'
                 f'<w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/>{_size(26)}</w:rPr>'),
        StyleDef("Heading3", "Heading3", "heading 3", "paragraph", heading +
                 '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="220" w:after="80"/>'
                 '<w:outlineLvl w:val="2"/></w:pPr>'
                 f'<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:color w:val="2F5496"/>{_size(22)}'
                 '</w:rPr>'),
        StyleDef("KeyPoint", "KeyPoint", "Key Point", "paragraph",
                 '<w:basedOn w:val="{Normal}"/>' + _QF +
                 '<w:pPr>{numPr:key-points}<w:spacing w:after="100"/></w:pPr>'
                 f'<w:rPr>{_size(22)}</w:rPr>', custom=True),
        StyleDef("ListBullet", "ListBullet", "List Bullet", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                 '<w:pPr>{numPr:bullet}<w:spacing w:after="60"/></w:pPr>'),
        StyleDef("ListNumber", "ListNumber", "List Number", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                 '<w:pPr>{numPr:numbered}<w:spacing w:after="60"/></w:pPr>'),
        StyleDef("FootnoteText", "FootnoteText", "footnote text", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                 '<w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>'
                 f'<w:rPr>{_size(17)}</w:rPr>'),
        StyleDef("FootnoteReference", "FootnoteReference", "footnote reference", "character",
                 '<w:basedOn w:val="{DefaultParagraphFont}"/><w:uiPriority w:val="99"/>'
                 '<w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
        StyleDef("EndnoteText", "EndnoteText", "endnote text", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                 '<w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr>'
                 f'<w:rPr>{_size(18)}</w:rPr>'),
        StyleDef("EndnoteReference", "EndnoteReference", "endnote reference", "character",
                 '<w:basedOn w:val="{DefaultParagraphFont}"/><w:uiPriority w:val="99"/>'
                 '<w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
        StyleDef("Caption", "Caption", "caption", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:next w:val="{Normal}"/>'
                 '<w:uiPriority w:val="35"/>' + _QF +
                 '<w:pPr><w:keepNext/><w:spacing w:before="160" w:after="80"/></w:pPr>'
                 f'<w:rPr><w:b/><w:bCs/><w:color w:val="404040"/>{_size(19)}</w:rPr>'),
        StyleDef("TableText", "TableText", "Table Text", "paragraph",
                 '<w:basedOn w:val="{Normal}"/>' + _QF +
                 '<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'
                 f'</w:pPr><w:rPr>{_size(19)}</w:rPr>', custom=True),
        StyleDef("TableHeading", "TableHeading", "Table Heading", "paragraph",
                 '<w:basedOn w:val="{TableText}"/>' + _QF +
                 '<w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>', custom=True),
        StyleDef("BriefTable", "BriefTable", "Brief Table", "table",
                 '<w:basedOn w:val="{TableNormal}"/><w:uiPriority w:val="59"/>'
                 '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                 f'<w:tblPr>{table_borders}'
                 '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                 '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
                 '</w:tblCellMar></w:tblPr>'
                 '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
                 '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr>'
                 '</w:tblStylePr>', custom=True),
        StyleDef("SourcesDifferBox", "SourcesDifferBox", "Sources Differ Box", "table",
                 '<w:basedOn w:val="{TableNormal}"/><w:uiPriority w:val="59"/>'
                 f'<w:tblPr><w:tblBorders>{box_borders}</w:tblBorders>'
                 '<w:tblCellMar><w:top w:w="100" w:type="dxa"/><w:left w:w="140" w:type="dxa"/>'
                 '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="140" w:type="dxa"/>'
                 '</w:tblCellMar></w:tblPr>'
                 '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="FBE4D5"/></w:tcPr>',
                 custom=True),
        StyleDef("KeyPointsBox", "KeyPointsBox", "Key Points Box", "table",
                 '<w:basedOn w:val="{TableNormal}"/><w:uiPriority w:val="59"/>'
                 f'<w:tblPr><w:tblBorders><w:left w:val="single" w:sz="32" w:space="0" '
                 f'w:color="{NAVY}"/></w:tblBorders>'
                 '<w:tblCellMar><w:top w:w="120" w:type="dxa"/><w:left w:w="170" w:type="dxa"/>'
                 '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="110" w:type="dxa"/>'
                 '</w:tblCellMar></w:tblPr>'
                 '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EEF3F8"/></w:tcPr>',
                 custom=True),
        StyleDef("SourcesDifferTitle", "SourcesDifferTitle", "Sources Differ Title",
                 "paragraph", '<w:basedOn w:val="{Normal}"/><w:next w:val="{SourcesDiffer}"/>'
                 + _QF + '<w:pPr><w:keepNext/><w:spacing w:after="80"/></w:pPr>'
                 '<w:rPr><w:b/><w:bCs/><w:color w:val="843C0C"/></w:rPr>', custom=True),
        StyleDef("SourcesDiffer", "SourcesDiffer", "Sources Differ", "paragraph",
                 '<w:basedOn w:val="{Normal}"/>' + _QF +
                 '<w:pPr><w:spacing w:after="80"/></w:pPr>', custom=True),
        # The analyst's assessment: set apart from the facts by a rule at its left.
        StyleDef("Judgement", "Judgement", "Judgement", "paragraph",
                 '<w:basedOn w:val="{Normal}"/>' + _QF +
                 '<w:pPr><w:keepLines/><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" '
                 f'w:color="{PLUM}"/></w:pBdr><w:spacing w:before="60" w:after="120"/>'
                 '<w:ind w:left="200"/></w:pPr>', custom=True),
        StyleDef("JudgementLead", "JudgementLead", "Judgement Lead", "character",
                 '<w:basedOn w:val="{DefaultParagraphFont}"/>' + _QF +
                 f'<w:rPr><w:b/><w:bCs/><w:color w:val="{PLUM}"/></w:rPr>', custom=True),
        StyleDef("Confidence", "Confidence", "Confidence", "character",
                 '<w:basedOn w:val="{DefaultParagraphFont}"/>' + _QF +
                 f'<w:rPr><w:i/><w:iCs/><w:color w:val="{PLUM}"/></w:rPr>', custom=True),
        StyleDef("UnderReview", "UnderReview", "Under Review", "character",
                 '<w:basedOn w:val="{DefaultParagraphFont}"/>' + _QF +
                 '<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:color w:val="C00000"/></w:rPr>',
                 custom=True),
        StyleDef("TOCHeading", "TOCHeading", "TOC Heading", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:next w:val="{Normal}"/>'
                 '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>' + _QF +
                 '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="160"/>'
                 '<w:outlineLvl w:val="9"/></w:pPr>'
                 f'<w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/>{_size(32)}</w:rPr>'),
        StyleDef("TOC1", "TOC1", "toc 1", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:next w:val="{Normal}"/>'
                 '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
                 f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/>'
                 '</w:tabs><w:spacing w:before="80" w:after="40"/></w:pPr>'
                 '<w:rPr><w:b/><w:bCs/></w:rPr>'),
        StyleDef("TOC2", "TOC2", "toc 2", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:next w:val="{Normal}"/>'
                 '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
                 f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/>'
                 '</w:tabs><w:spacing w:after="40"/><w:ind w:left="284"/></w:pPr>'),
        StyleDef("TOC3", "TOC3", "toc 3", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:next w:val="{Normal}"/>'
                 '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
                 f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/>'
                 '</w:tabs><w:spacing w:after="40"/><w:ind w:left="568"/></w:pPr>'
                 f'<w:rPr>{_size(20)}</w:rPr>'),
        StyleDef("Hyperlink", "Hyperlink", "Hyperlink", "character",
                 '<w:basedOn w:val="{DefaultParagraphFont}"/><w:uiPriority w:val="99"/>'
                 '<w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/>'
                 '</w:rPr>'),
        StyleDef("Code", "Code", "Code", "character",
                 '<w:basedOn w:val="{DefaultParagraphFont}"/>' + _QF +
                 f'<w:rPr>{_fonts(MONO_FONT)}</w:rPr>', custom=True),
        StyleDef("Header", "Header", "header", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                 '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                 f'<w:rPr><w:color w:val="595959"/>{_size(17)}</w:rPr>'),
        StyleDef("Footer", "Footer", "footer", "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                 '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                 f'<w:rPr><w:color w:val="595959"/>{_size(17)}</w:rPr>'),
    ]


def style_xml(sdef: StyleDef, ids: dict[str, str], num_pr: dict[str, str]) -> str:
    """Return the `<w:style>` element of `sdef`, its placeholders filled from `ids` (key to
    style id) and `num_pr` (list kind to `<w:numPr>` XML)."""
    def fill(match: re.Match) -> str:
        key = match.group(1)
        if key.startswith("numPr:"):
            return num_pr[key[6:]]
        return attr(ids.get(key, key))

    body = re.sub(r"\{([A-Za-z0-9:-]+)\}", fill, sdef.body)
    defaults = ("Normal", "DefaultParagraphFont", "TableNormal")
    default = ' w:default="1"' if sdef.key in defaults else ""
    custom = ' w:customStyle="1"' if sdef.custom else ""
    return (f'<w:style {NSDECLS} w:type="{sdef.kind}"{default}{custom} '
            f'w:styleId="{attr(sdef.style_id)}"><w:name w:val="{attr(sdef.name)}"/>{body}'
            '</w:style>')


def doc_defaults_rpr(language: str) -> str:
    """Return the rPr of `w:rPrDefault`: the document font and language."""
    lang = (f'<w:lang w:val="{attr(language)}" w:eastAsia="{attr(language)}" '
            'w:bidi="ar-SA"/>' if language else "")
    return f'<w:rPr {NSDECLS}>{_fonts(FONT)}{_size(21)}{lang}</w:rPr>'


# ---------------------------------------------------------------- setup


@dataclass(frozen=True)
class Styles:
    """The styles as set up: `ids` maps each style's key to its style id, `elements` to
    its `w:style` element."""

    ids: dict[str, str]
    elements: dict[str, object]


def setup_styles(doc, text_width: int, numbering: Numbering, reference: bool,
                 language: str, compact: bool = False) -> Styles:
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
    for sdef in style_defs(text_width, compact):
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
        element = parse_xml(style_xml(
            StyleDef(sdef.key, style_id, sdef.name, sdef.kind, sdef.body, sdef.custom),
            ids, num_pr))
        root.append(element)
        by_id[style_id] = element
        by_name[sdef.name.lower()] = element
        elements[sdef.key] = element
    return Styles(ids, elements)


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
    rpr_default.append(parse_xml(doc_defaults_rpr(language)))
