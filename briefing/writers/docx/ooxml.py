"""Raw WordprocessingML for the DOCX writer: escaping, style and numbering definitions,
settings edits, and a deterministic zip.

python-docx has no API for footnotes, fields, numbering definitions or table styles, so
the writer builds that XML as text here and parses it once. Every element list below is
written in the order the OOXML schema requires, because Word rejects out-of-order
children where LibreOffice forgives them.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from urllib.parse import quote

from briefing.writers.scripts import CJK, KHMER, LAO, MYANMAR, THAI, runs, scripts_in

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECLS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
FONT = "Noto Sans"
MONO_FONT = "Courier New"

# ---------------------------------------------------------------- text


# Characters XML 1.0 cannot hold (C0 controls but tab, newline and return; surrogates;
# U+FFFE/U+FFFF) and C1 controls, which are legal but never meant as text.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Return `text` without characters a Word document cannot hold."""
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def esc(text: str) -> str:
    """Return `text` cleaned and escaped for XML element content."""
    return _esc_clean(clean(text))


def _esc_clean(text: str) -> str:
    """Return `text`, already cleaned, escaped for XML element content."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def attr(text: str) -> str:
    """Return `text` cleaned and escaped for a double-quoted XML attribute value."""
    return esc(text).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;") \
        .replace("\r", "&#13;")


def safe_url(url: str) -> str:
    """Return `url` with characters outside URI syntax percent-encoded (Word refuses
    relationship targets with spaces or raw non-ASCII); existing escapes are kept."""
    return quote(clean(url).strip(), safe=":/?#[]@!$&'()*+,;=%~-._")


def bookmark_name(anchor: str, taken: set[str]) -> str:
    """Return a Word bookmark name for `anchor`: `_Toc_` + letters, digits and `_`, at
    most 40 characters, not in `taken` (which it joins)."""
    base = ("_Toc_" + re.sub(r"[^A-Za-z0-9_]", "_", anchor))[:40]
    name, n = base, 1
    while name in taken:
        n += 1
        suffix = f"_{n}"
        name = base[: 40 - len(suffix)] + suffix
    taken.add(name)
    return name


# Fonts and languages per script. Word and LibreOffice pick a font slot per character:
# Chinese goes to the eastAsia slot, Thai, Lao, Khmer and Burmese to the complex-script
# (cs) slot. A run holds one cs font, and each script needs its own, so runs in those
# scripts name their font directly, marked `<w:cs/>` with `w:hint` and a language that
# lets Word fall back to a font of that script where the named one is not installed.
SCRIPT_FONTS = {
    THAI: ("Noto Sans Thai", "th-TH"), LAO: ("Noto Sans Lao", "lo-LA"),
    KHMER: ("Noto Sans Khmer", "km-KH"), MYANMAR: ("Noto Sans Myanmar", "my-MM"),
    CJK: ("Noto Sans CJK SC", "zh-CN"),
}
_RFONTS = re.compile(r"<w:rFonts [^>]*/>")
# `script_of` gives no script below U+0E00 (Thai's block comes first): dropping those
# characters leaves `scripts_in` the few others of a Latin text (curly quotes, dashes)
# instead of every character of every note.
_BELOW_SCRIPTS = re.compile("[\x00-\u0dff]+")


def script_rpr(rpr: str, script: str) -> str:
    """Return run properties `rpr` (XML, may be "") for a run of text in `script`."""
    font, lang = SCRIPT_FONTS[script]
    inner = _RFONTS.sub("", rpr[len("<w:rPr>"):-len("</w:rPr>")] if rpr else "")
    if script == CJK:
        fonts = f'<w:rFonts w:eastAsia="{font}" w:hint="eastAsia"/>'
        tail = f'<w:lang w:eastAsia="{lang}"/>'
    else:
        fonts = f'<w:rFonts w:cs="{font}" w:hint="cs"/>'
        tail = f'<w:cs/><w:lang w:bidi="{lang}"/>'
    style = re.match(r"<w:rStyle [^>]*/>", inner)
    head = style.group(0) if style else ""
    return f"<w:rPr>{head}{fonts}{inner[len(head):]}{tail}</w:rPr>"  # schema order


def text_runs(text: str, rpr: str) -> str:
    """Return `<w:r>` XML showing `text` with run properties `rpr` (XML, may be "");
    tabs become `<w:tab/>` and line ends `<w:br/>`; text in the scripts of
    `SCRIPT_FONTS` gets runs of its own that name its font."""
    text = clean(text)
    if not text:
        return ""
    if not text.isascii() and scripts_in(_BELOW_SCRIPTS.sub("", text)):
        return "".join(_runs(part, script_rpr(rpr, script) if script else rpr)
                       for part, script in runs(text))
    return _runs(text, rpr)


def _runs(text: str, rpr: str) -> str:
    # `text` is cleaned already (by `text_runs`).
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{_esc_clean(text)}</w:t></w:r>'
    parts = []
    for piece in re.split(r"(\t|\r\n|\r|\n)", text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\n", "\r", "\r\n"):
            parts.append("<w:br/>")
        elif piece:
            parts.append(f'<w:t xml:space="preserve">{_esc_clean(piece)}</w:t>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def field(instr: str, cached: str, rpr: str = "") -> str:
    """Return the runs of a complex field with instruction `instr` and cached result."""
    return (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            + text_runs(cached, rpr) +
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')


# ---------------------------------------------------------------- page geometry


@dataclass(frozen=True)
class Geometry:
    """Page size and margins in twentieths of a point (twips)."""

    width: int
    height: int
    top: int = 1247  # 2.2 cm
    right: int = 1247
    bottom: int = 1247
    left: int = 1247
    header: int = 624  # 1.1 cm
    footer: int = 624

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right

    def sect_pr(self, header_rid: str, footer_rid: str) -> str:
        return (f'<w:sectPr><w:headerReference w:type="default" r:id="{header_rid}"/>'
                f'<w:footerReference w:type="default" r:id="{footer_rid}"/>'
                '<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
                '<w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr>'
                f'<w:pgSz w:w="{self.width}" w:h="{self.height}"/>'
                f'<w:pgMar w:top="{self.top}" w:right="{self.right}" w:bottom="{self.bottom}" '
                f'w:left="{self.left}" w:header="{self.header}" w:footer="{self.footer}" '
                'w:gutter="0"/><w:cols w:space="708"/></w:sectPr>')


PAGE_SIZES = {"A4": (11906, 16838), "LETTER": (12240, 15840)}

# ---------------------------------------------------------------- styles


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
_QF = "<w:qFormat/>"


# A compact brief (one page) sets body, key points and notes a little tighter.
_COMPACT = {
    "Normal": (('w:after="120" w:line="264"', 'w:after="80" w:line="240"'),),
    "KeyPoint": (("w:after=\"100\"", "w:after=\"40\""), (_size(22), _size(20))),
    "FootnoteText": (('w:after="40"', 'w:after="0"'), (_size(17), _size(15))),
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
        StyleDef("CoverClassification", "CoverClassification", "Cover Classification",
                 "paragraph",
                 '<w:basedOn w:val="{Normal}"/><w:next w:val="{Title}"/>' + _QF +
                 '<w:pPr><w:spacing w:after="2400"/><w:jc w:val="center"/></w:pPr>'
                 f'<w:rPr><w:b/><w:bCs/><w:color w:val="C00000"/><w:spacing w:val="20"/>'
                 f'{_size(24)}</w:rPr>', custom=True),
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
        StyleDef("SourcesDifferTitle", "SourcesDifferTitle", "Sources Differ Title",
                 "paragraph", '<w:basedOn w:val="{Normal}"/><w:next w:val="{SourcesDiffer}"/>'
                 + _QF + '<w:pPr><w:keepNext/><w:spacing w:after="80"/></w:pPr>'
                 '<w:rPr><w:b/><w:bCs/><w:color w:val="843C0C"/></w:rPr>', custom=True),
        StyleDef("SourcesDiffer", "SourcesDiffer", "Sources Differ", "paragraph",
                 '<w:basedOn w:val="{Normal}"/>' + _QF +
                 '<w:pPr><w:spacing w:after="80"/></w:pPr>', custom=True),
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


# ---------------------------------------------------------------- numbering

BULLET_INDENT = 357  # 0.63 cm

NUMBER_FORMATS = {
    # kind: (numFmt, lvlText pattern, indent)
    "bullet": ("bullet", "\u2022", BULLET_INDENT),
    "key-points": ("bullet", "\u2022", 425),
    "numbered": ("decimal", "%{n}.", 425),
}


def abstract_num_xml(abstract_id: int, kind: str) -> str:
    """Return a nine-level `<w:abstractNum>` for list `kind`."""
    fmt, text, indent = NUMBER_FORMATS[kind]
    levels = []
    for ilvl in range(9):
        lvl_text = text.replace("{n}", str(ilvl + 1))
        if fmt == "bullet":
            lvl_text = "\u2022" if ilvl % 2 == 0 else "\u2013"
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent * (ilvl + 1)}" w:hanging="{indent}"/></w:pPr>'
            + (f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" '
               'w:hint="default"/></w:rPr>' if fmt == "bullet" else "")
            + "</w:lvl>")
    return (f'<w:abstractNum {NSDECLS} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>')


def num_xml(num_id: int, abstract_id: int, restart: bool = False) -> str:
    """Return a `<w:num>` instance of `abstract_id`, restarting at 1 if `restart`."""
    override = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                if restart else "")
    return (f'<w:num {NSDECLS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'{override}</w:num>')


NUMBERING_XML = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:numbering {NSDECLS}/>').encode()

# ---------------------------------------------------------------- notes


def notes_part_xml(kind: str, notes_xml: str) -> bytes:
    """Return footnotes.xml or endnotes.xml (`kind` "footnote" or "endnote"): the two
    special notes, separator id -1 and continuation separator id 0 as Word and pandoc
    write them, then `notes_xml`."""
    specials = "".join(
        f'<w:{kind} w:type="{special}" w:id="{nid}"><w:p><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:r><w:{special}/></w:r></w:p></w:{kind}>'
        for special, nid in (("separator", -1), ("continuationSeparator", 0)))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:{kind}s {NSDECLS}>{specials}{notes_xml}</w:{kind}s>').encode("utf-8")


SPECIAL_NOTE_IDS = (-1, 0)

# ---------------------------------------------------------------- settings

# CT_Settings children in schema order (ECMA-376 Part 1, 17.15.1.78).
SETTINGS_ORDER = [
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
    "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
]
_SETTINGS_RANK = {name: i for i, name in enumerate(SETTINGS_ORDER)}


def settings_insert(settings, element) -> None:
    """Insert `element` into the `w:settings` element in schema order, replacing any
    element with the same tag."""
    tag = element.tag
    for old in settings.findall(tag):
        settings.remove(old)
    rank = _SETTINGS_RANK[tag.split("}")[1]]
    for i, child in enumerate(settings):
        name = child.tag.split("}")[1] if child.tag.startswith("{" + W_NS) else None
        if name is not None and _SETTINGS_RANK.get(name, -1) > rank:
            settings.insert(i, element)
            return
        if name is None and not child.tag.startswith("{" + W_NS):
            # Elements of other namespaces (m:mathPr, w14:...) keep their relative place;
            # m:mathPr sits after rsids, so anything ranked before rsids goes before it.
            if rank < _SETTINGS_RANK["mathPr"]:
                settings.insert(i, element)
                return
    settings.append(element)


def note_pr_xml(kind: str) -> str:
    """Return the settings `<w:footnotePr>`/`<w:endnotePr>` listing the special notes."""
    ids = "".join(f'<w:{kind} w:id="{nid}"/>' for nid in SPECIAL_NOTE_IDS)
    return (f'<w:{kind}Pr {NSDECLS}><w:numFmt w:val="decimal"/>{ids}</w:{kind}Pr>')


# ---------------------------------------------------------------- app.xml

def app_xml(company: str) -> bytes:
    """Return a small extended-properties part naming the generator and organisation."""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><Application>briefing</Application>'
            f'<Company>{esc(company)}</Company><DocSecurity>0</DocSecurity>'
            '<LinksUpToDate>false</LinksUpToDate></Properties>').encode("utf-8")


# ---------------------------------------------------------------- zip

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Return the zip `data` rewritten deterministically: members in their written order
    with `[Content_Types].xml` first, every date 1980-01-01, fixed permissions, deflated."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    names.sort(key=lambda n: n != "[Content_Types].xml")  # stable: keeps the rest in order
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()
