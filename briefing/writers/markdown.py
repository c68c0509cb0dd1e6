"""Markdown writer: pandoc-flavoured Markdown with `[^n]` footnotes.

The output is meant to be read in a diff and to round-trip through pandoc: a YAML
metadata block, headings with `{#anchor}` identifiers, fenced divs for key points and
"Sources differ" boxes, pipe tables with captions, figures as images beside the file
(`companions`: `<name>-figure-N.png`) with their description as alt text and a
"Figure N: ..." caption, and every note as `[^n]: ...` at the end. A reused note is
`[^n]` again; a range of notes `[^5]^–^[^7]` (the notes between were marked before, so
pandoc, which keeps only notes referenced, keeps every note). Text is escaped so pandoc
reads back exactly the characters of the model.
"""

from __future__ import annotations

import json
import re

from briefing import model as m

# Characters pandoc's Markdown may read as markup anywhere in a line. Quotes are
# escaped too, because pandoc's "smart" extension would curl them.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@&\"'])")
_LINE_START = re.compile(r"^([-+>:%=]|\d+[.)])", re.M)
_SPACES = re.compile(r"\s+")


def write(brief: m.Brief) -> bytes:
    """Return the brief as pandoc Markdown, UTF-8."""
    out = [_front_matter(brief.meta)]
    purpose = [f"**{label}** {_escape(text)}" for label, text in
               (("Occasion:", brief.meta.occasion), ("Purpose:", brief.meta.purpose)) if text]
    if purpose:
        out.append("\\\n".join(purpose))
    for block in brief.blocks:
        out.append(_block(block, brief))
    if brief.notes:
        out.append("\n".join(f"[^{n.number}]: {_escape(n.text)}" for n in brief.notes))
    return ("\n\n".join(part for part in out if part) + "\n").encode("utf-8")


def figure_file(meta: m.Meta, figure: m.Figure) -> str:
    """Return the name of a figure's PNG, written beside the Markdown file."""
    return f"{meta.name}-figure-{figure.number}.png"


def companions(brief: m.Brief) -> dict[str, bytes]:
    """Return the files the Markdown refers to, by name: each figure as a PNG."""
    figures = [b for b in brief.blocks if isinstance(b, m.Figure)]
    if not figures:
        return {}
    from briefing.writers.figure.raster import png

    return {figure_file(brief.meta, f): png(f) for f in figures}


def companion_names(brief: m.Brief) -> list[str]:
    """Return the names `companions` would return, without drawing anything."""
    return [figure_file(brief.meta, b) for b in brief.blocks if isinstance(b, m.Figure)]


def _front_matter(meta: m.Meta) -> str:
    fields = {
        "title": meta.title, "subtitle": meta.subtitle, "author": meta.author,
        "date": meta.as_of, "lang": meta.language, "subject": meta.subject,
        "keywords": list(meta.keywords), "classification": meta.classification,
        "audience": meta.audience, "occasion": meta.occasion, "purpose": meta.purpose,
        "organisation": meta.organisation,
        "papersize": meta.page_size.lower(),
    }
    # JSON strings are valid YAML scalars, which keeps the metadata safe to parse.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}"
             for key, value in fields.items() if value]
    return "---\n" + "\n".join(lines) + "\n---"


def _block(block: m.Block, brief: m.Brief) -> str:
    if isinstance(block, m.Heading):
        return f"{'#' * block.level} {_inlines(block.children)} {{#{block.anchor}}}"
    if isinstance(block, m.Paragraph):
        return _line_start(_inlines(block.children))
    if isinstance(block, m.BulletList):
        text = _list(block)
        return f"::: {{.key-points}}\n{text}\n:::" if block.style == "key-points" else text
    if isinstance(block, m.Table):
        return _table(block)
    if isinstance(block, m.Callout):
        parts = [f"**{_inlines(block.title)}**"] if block.title else []
        parts += [_block(inner, brief) for inner in block.blocks]
        return f"::: {{.{block.kind}}}\n" + "\n\n".join(parts) + "\n:::"
    if isinstance(block, m.Judgement):
        return _judgement(block)
    if isinstance(block, m.TableOfContents):
        items = [f"{'    ' * (h.level - 1)}- [{_inlines(h.children, notes=False)}](#{h.anchor})"
                 for h in brief.headings(block.depth)]
        return f"**{_escape(block.title)}**\n\n" + "\n".join(items)
    if isinstance(block, m.PageBreak):
        return ""
    if isinstance(block, m.Figure):
        caption = (m.Text(f"Figure {block.number}: {block.title}"), *block.introduces)
        return (f"![{_escape(block.alt)}]({figure_file(brief.meta, block)})\\\n"
                f"**{_inlines(caption[:1])}**{_inlines(caption[1:])}")
    raise TypeError(f"the Markdown writer cannot show {type(block).__name__}")


def _judgement(block: m.Judgement) -> str:
    """A fenced div of class judgement (and under-review), the lead in bold and the
    confidence term in a span of class confidence."""
    runs = []
    for text, role in block.prefix():
        if role == "lead":
            runs.append(f"**{_escape(text)}**")
        elif role == "confidence":
            runs.append(f"[{_escape(text)}]{{.confidence}}")
        else:
            runs.append(_escape(text))
    text = _line_start("".join(runs) + _inlines(block.children))
    if block.under_review:
        text += f"\\\n*{_escape(m.UNDER_REVIEW)}*"
    kind = "{.judgement .under-review}" if block.under_review else "{.judgement}"
    return f"::: {kind}\n{text}\n:::"


def _list(block: m.BulletList) -> str:
    lines = []
    for i, item in enumerate(block.items, 1):
        marker = f"{i}." if block.style == "numbered" else "-"
        # An item's line starting "+ " or "2025. " would open a list inside the item.
        text = _line_start(_inlines(item.children))
        text = text.replace("\n", "\n" + " " * (len(marker) + 1))
        lines.append(f"{marker} {text}")
    return "\n".join(lines)


def _table(table: m.Table) -> str:
    def row(cells) -> str:
        return "| " + " | ".join(_inlines(c).replace("\n", " ") for c in cells) + " |"

    lines = [row(table.header), "|" + "|".join("---" for _ in table.header) + "|"]
    lines += [row(r) for r in table.rows]
    if table.caption:
        lines += ["", f": {_inlines(table.caption)}"]
    return "\n".join(lines)


def _inlines(nodes: tuple[m.Inline, ...], notes: bool = True) -> str:
    out = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(_escape(node.text))
        elif isinstance(node, (m.Emph, m.Strong)):
            # Emphasis cannot open or close next to a space: keep spaces outside it.
            inner = _inlines(node.children, notes)
            mark = "*" if isinstance(node, m.Emph) else "**"
            core = inner.strip(" ")
            lead, trail = inner[: len(inner) - len(inner.lstrip(" "))], inner[len(inner.rstrip(" ")):]
            out.append(f"{lead}{mark}{core}{mark}{trail}" if core else inner)
        elif isinstance(node, m.Code):
            ticks = "`" * (max((len(r) for r in re.findall("`+", node.text)), default=0) + 1)
            pad = " " if node.text.startswith("`") or node.text.endswith("`") else ""
            out.append(f"{ticks}{pad}{node.text}{pad}{ticks}")
        elif isinstance(node, m.Link):
            url = node.url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            out.append(f"[{_inlines(node.children, notes)}]({url})")
        elif isinstance(node, m.LineBreak):
            out.append("\\\n")
        elif isinstance(node, m.NoteRef) and notes:
            out.append(f"[^{node.number}]")
        elif isinstance(node, m.NoteRange) and notes:
            out.append(f"[^{node.first}]^\u2013^[^{node.last}]")
        elif isinstance(node, m.Anchor):
            out.append(f"[]{{#{node.name}}}")  # an empty span with an identifier
        elif isinstance(node, m.XRef):
            out.append(f"[{_inlines(node.children, notes)}](#{node.anchor})")
    return "".join(out)


def _escape(text: str) -> str:
    # White space other than a space is never printable: text that is printable and
    # has no double space has nothing to collapse (most notes, at a fraction of the cost).
    if "  " in text or not text.isprintable():
        text = _SPACES.sub(" ", text)
    text = _SPECIAL.sub(_backslashed, text)
    # "--" and "..." would become dashes and ellipses under pandoc's "smart" extension.
    return text.replace("--", "-\\-").replace("...", "..\\.")


def _backslashed(match: re.Match) -> str:
    # A function, not the template r"\\\1", which re expands in Python on every call.
    return "\\" + match.group()


def _line_start(text: str) -> str:
    """Escape each line start (of a paragraph or list item, and after each line break in
    it) that pandoc would read as a list, quote or table."""
    return _LINE_START.sub(lambda mt: mt.group(1)[:-1] + "\\" + mt.group(1)[-1], text)
