"""Small WordprocessingML text helpers shared by the DOCX writer's modules: namespaces,
cleaning and escaping, runs of text (with the fonts of the region's scripts), fields and
bookmark names.

The writer builds its XML as text and parses it once; every element list is written in
the order the OOXML schema requires, because Word rejects out-of-order children where
LibreOffice forgives them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from briefing.writers.scripts import CJK, KHMER, LAO, MYANMAR, THAI, runs, scripts_in

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECLS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
FONT = "Noto Sans"
MONO_FONT = "Courier New"

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


def bookmark_name(anchor: str, taken: set[str], prefix: str = "_Toc_") -> str:
    """Return a Word bookmark name for `anchor`: `prefix` (a leading "_" hides it from
    Word's list of bookmarks) + letters, digits and `_`, at most 40 characters, not in
    `taken` (which it joins)."""
    base = (prefix + re.sub(r"[^A-Za-z0-9_]", "_", anchor))[:40]
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


def toc_page(bookmark: str, page: int) -> str:
    """Return what ends a contents entry: a tab (the style's dot leader) and a PAGEREF
    field to the heading's `bookmark` whose cached result is `page`, as Word writes it."""
    return "<w:r><w:tab/></w:r>" + field(f"PAGEREF {bookmark} \\h", str(page))
