"""Markdown writer: pandoc's Markdown (the default) or GitHub's (`Meta.markdown`), with
`[^n]` footnotes.

The output is meant to be read in a diff and to render as it reads. Both flavours open
with the classification marking and who the brief is for, show the contents as links,
pipe tables whose separator dashes carry the outline's column widths, figures as images
beside the file (`companions`: `<name>-figure-N.png`) with their description as alt text
and "Figure N: ..." as caption, and every note as `[^n]: ...` at the end; a reused note
is `[^n]` again, markers side by side are separated by a superscript comma, a range of
notes is `[^5]`, a superscript dash, `[^7]` (the notes between were marked before, so a
reader that keeps only notes referenced keeps every note).

- **pandoc**: a YAML metadata block, headings with `{#anchor}` identifiers, fenced divs
  for key points and "Sources differ" boxes, `[]{#id}` spans where a fact stands, a figure
  as an image alone in its paragraph (pandoc's implicit figure: the text is its caption),
  tables with a `: caption` line. Straight quotes, `--` and `...` are escaped, because
  pandoc's "smart" extension would change them.
- **gfm** (GitHub): no attribute syntax and no divs, which GitHub shows as text: the
  title block in the body, headings linked by the identifiers GitHub gives them, a box as
  a block quote, `<a id>` where a fact stands, a figure as HTML `<figure>` around the
  image and a Markdown caption, a table's caption as a line above it.

Text is escaped only where the flavour would read it as markup, so that the reader gets
back exactly the characters of the model.
"""

from __future__ import annotations

import json
import re

from briefing import model as m

# Characters that may be markup, per flavour: those of `_ALWAYS` are backslashed
# wherever they stand; `_` only where it can open or close emphasis (not between letters
# or digits), `<` and `&` only where they would start a tag, autolink or entity, `@`
# (pandoc) only where it would start a citation, `:` (GitHub) only where it would start
# an emoji code. One character class finds them (a scan, quick on long notes); the
# context is looked at only for the few found.
_ALWAYS = {"pandoc": frozenset("\\`*[]{}~^$\"'"), "gfm": frozenset("\\`*[]~$")}
_CANDIDATES = {"pandoc": re.compile(r"[\\`*\[\]{}~^$\"'_<&@]"),
               "gfm": re.compile(r"[\\`*\[\]~$_<&:]")}
_TAG_START = re.compile(r"[A-Za-z/!?]")
_ENTITY = re.compile(r"&#?\w+;")
_EMOJI = re.compile(r":[a-z0-9_+-]+:")


def _escaper(flavour: str):
    """Return the function `re.sub` calls for each candidate character in `flavour`."""
    always = _ALWAYS[flavour]

    def escaped(match: re.Match) -> str:
        ch = match.group()
        if ch in always:
            return "\\" + ch
        text, at = match.string, match.start()
        if ch == "_" or ch == "@":
            before = text[at - 1] if at else " "
            after = text[at + 1] if at + 1 < len(text) else " "
            alnum_before = before.isalnum()
            if ch == "@":
                return ch if alnum_before else "\\@"
            return ch if alnum_before and after.isalnum() else "\\_"
        if ch == "<":
            return "\\<" if _TAG_START.match(text, at + 1) else ch
        if ch == "&":
            return "\\&" if _ENTITY.match(text, at) else ch
        return "\\:" if _EMOJI.match(text, at) else ch  # ":" in GitHub's
    return escaped


_ESCAPERS = {flavour: _escaper(flavour) for flavour in _ALWAYS}
# Line starts either flavour may read as a block: a list, quote, heading, table line or
# (pandoc) definition.
_LINE_START = {"pandoc": re.compile(r"^([-+>:%=#|]|\d+[.)])", re.M),
               "gfm": re.compile(r"^([-+>=#|]|\d+[.)])", re.M)}
_SPACES = re.compile(r"\s+")
_TABLE_DASHES = 72  # pandoc's default column count: dashes per table, in proportion


def write(brief: m.Brief) -> bytes:
    """Return the brief as Markdown of its flavour (`brief.meta.markdown`), UTF-8."""
    return _Writer(brief).write().encode("utf-8")


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


def github_slug(text: str, taken: dict[str, int]) -> str:
    """Return the identifier GitHub (and pandoc's gfm_auto_identifiers) gives a heading
    of plain text `text`: lower case, punctuation but `-` and `_` dropped, spaces as
    `-`, and `-1`, `-2`... after a repeat; `taken` counts those given so far."""
    base = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
    n = taken.get(base, 0)
    taken[base] = n + 1
    return base if n == 0 else f"{base}-{n}"


class _Writer:
    def __init__(self, brief: m.Brief) -> None:
        self.brief = brief
        self.flavour = "gfm" if brief.meta.markdown == "gfm" else "pandoc"
        self.gfm = self.flavour == "gfm"
        self.special = _CANDIDATES[self.flavour]
        self.escaped = _ESCAPERS[self.flavour]
        self.line_start = _LINE_START[self.flavour]
        # Where a heading's links point: its anchor (pandoc) or GitHub's identifier.
        self.target: dict[str, str] = {}
        if self.gfm:
            taken: dict[str, int] = {}
            github_slug(brief.meta.title, taken)  # the title is the first heading
            for heading in _headings(brief.blocks):
                self.target.setdefault(heading.anchor, github_slug(
                    m.plain_text(heading.children).replace("\n", " "), taken))

    def write(self) -> str:
        out = [self._front(self.brief.meta)]
        out += [self._block(block) for block in self.brief.blocks]
        if self.brief.notes:
            out.append("\n".join(f"[^{n.number}]: {self.escape(n.text)}"
                                 for n in self.brief.notes))
        return "\n\n".join(part for part in out if part) + "\n"

    # ------------------------------------------------ the title block

    def _front(self, meta: m.Meta) -> str:
        """Return the metadata block (pandoc) and the lines that open the body: the
        marking, then (GitHub, which shows no metadata) the title and subtitle, then
        who the brief is for, by whom, and as of when."""
        parts = []
        if not self.gfm:
            fields = {
                "title": meta.title, "subtitle": meta.subtitle, "author": meta.author,
                "date": meta.as_of, "lang": meta.language, "subject": meta.subject,
                "keywords": list(meta.keywords), "classification": meta.classification,
                "audience": meta.audience, "occasion": meta.occasion,
                "purpose": meta.purpose, "organisation": meta.organisation,
                "papersize": meta.page_size.lower(),
            }
            # JSON strings are valid YAML scalars, which keeps the metadata safe to parse.
            parts.append("---\n" + "\n".join(
                f"{key}: {json.dumps(value, ensure_ascii=False)}"
                for key, value in fields.items() if value) + "\n---")
        if meta.classification:
            parts.append(f"**{self.escape(meta.classification.strip())}**")
        if self.gfm:
            parts.append(f"# {self.escape(meta.title)}")
            if meta.subtitle:
                parts.append(f"*{self.escape(meta.subtitle.strip())}*")
        details = [d for d in (
            f"Prepared for: **{self.escape(meta.audience.strip())}**" if meta.audience else "",
            f"Prepared by: {self.escape(meta.organisation)}" if meta.organisation else "",
            f"As of {self.escape(meta.as_of)}" if meta.as_of else "") if d]
        if details:
            parts.append(self._lines(" · ".join(details)))
        purpose = [f"**{label}** {self.escape(text)}" for label, text in
                   (("Occasion:", meta.occasion), ("Purpose:", meta.purpose)) if text]
        if purpose:
            parts.append("\\\n".join(purpose))
        return "\n\n".join(parts)

    # ------------------------------------------------ blocks

    def _block(self, block: m.Block) -> str:
        if isinstance(block, m.Heading):
            text = self.inlines(block.children).replace("\n", " ")
            if self.gfm:
                return f"{'#' * block.level} {text}"
            return f"{'#' * block.level} {text} {{#{block.anchor}}}"
        if isinstance(block, m.Paragraph):
            return self._lines(self.inlines(block.children))
        if isinstance(block, m.BulletList):
            text = self._list(block)
            if block.style == "key-points" and not self.gfm:
                return f"::: {{.key-points}}\n{text}\n:::"
            return text
        if isinstance(block, m.Table):
            return self._table(block)
        if isinstance(block, m.Callout):
            parts = [f"**{self.inlines(block.title)}**"] if block.title else []
            parts += [self._block(inner) for inner in block.blocks]
            inner = "\n\n".join(p for p in parts if p)
            if self.gfm:  # a block quote: each line behind "> "
                return "\n".join(f"> {line}".rstrip() for line in inner.split("\n"))
            return f"::: {{.{block.kind}}}\n{inner}\n:::"
        if isinstance(block, m.Judgement):
            return self._judgement(block)
        if isinstance(block, m.TableOfContents):
            items = [f"{'    ' * (h.level - 1)}- "
                     f"[{self.inlines(h.children, notes=False)}](#{self._target(h.anchor)})"
                     for h in self.brief.headings(block.depth)]
            return f"**{self.escape(block.title)}**\n\n" + "\n".join(items)
        if isinstance(block, m.PageBreak):
            return ""
        if isinstance(block, m.Figure):
            return self._figure(block)
        raise TypeError(f"the Markdown writer cannot show {type(block).__name__}")

    def _judgement(self, block: m.Judgement) -> str:
        """A fenced div of class judgement (and under-review), the lead in bold and the
        confidence term in a span of class confidence (pandoc); a block quote, the term
        in italics (GitHub)."""
        runs = []
        for text, role in block.prefix():
            if role == "lead":
                runs.append(f"**{self.escape(text)}**")
            elif role == "confidence":
                runs.append(f"*{self.escape(text)}*" if self.gfm else
                            f"[{self.escape(text)}]{{.confidence}}")
            else:
                runs.append(self.escape(text))
        text = self._lines("".join(runs) + self.inlines(block.children))
        if block.under_review:
            text += f"\\\n*{self.escape(m.UNDER_REVIEW)}*"
        if self.gfm:
            return "\n".join(f"> {line}".rstrip() for line in text.split("\n"))
        kind = "{.judgement .under-review}" if block.under_review else "{.judgement}"
        return f"::: {kind}\n{text}\n:::"

    def _figure(self, figure: m.Figure) -> str:
        caption = self.inlines((m.Text(f"Figure {figure.number}: {figure.title}"),
                                *figure.introduces))
        file = figure_file(self.brief.meta, figure)
        alt = self.escape(figure.alt)
        if self.gfm:
            # HTML blocks end at a blank line, so the image and caption between are
            # Markdown (the caption's notes are notes).
            return (f"<figure>\n\n![{alt}]({file})\n\n<figcaption>\n\n{caption}\n\n"
                    "</figcaption>\n</figure>")
        # An image alone in its paragraph is a figure, its text the caption; the
        # description is the picture's alt text.
        description = " ".join(figure.alt.split()).replace("\\", "\\\\").replace('"', '\\"')
        return f'![{caption}]({file}){{#figure-{figure.number} alt="{description}"}}'

    def _list(self, block: m.BulletList) -> str:
        lines = []
        for i, item in enumerate(block.items, 1):
            marker = f"{i}." if block.style == "numbered" else "-"
            # An item's line starting "+ " or "2025. " would open a list inside the item.
            text = self._lines(self.inlines(item.children))
            text = text.replace("\n", "\n" + " " * (len(marker) + 1))
            lines.append(f"{marker} {text}")
        return "\n".join(lines)

    def _table(self, table: m.Table) -> str:
        def row(cells) -> str:
            return "| " + " | ".join(self.inlines(c).replace("\\\n", " ").replace("\n", " ")
                                     .replace("|", "\\|") for c in cells) + " |"

        widths = table.widths if len(table.widths) == len(table.header) else \
            (1.0,) * len(table.header)
        total = sum(widths) or 1.0
        dashes = [max(3, round(_TABLE_DASHES * w / total)) for w in widths]
        lines = [row(table.header), "|" + "|".join("-" * d for d in dashes) + "|"]
        lines += [row(r) for r in table.rows]
        if table.caption:
            caption = self.inlines(table.caption)
            if self.gfm:  # GitHub has no table captions: the caption stands above
                return f"*{caption}*\n\n" + "\n".join(lines)
            lines += ["", f": {caption}"]
        return "\n".join(lines)

    # ------------------------------------------------ inlines

    def _target(self, anchor: str) -> str:
        return self.target.get(anchor, anchor)

    def inlines(self, nodes: tuple[m.Inline, ...], notes: bool = True) -> str:
        out = []
        last = len(nodes) - 1
        for i, node in enumerate(nodes):
            if isinstance(node, m.Text):
                out.append(self.escape(node.text))
            elif isinstance(node, (m.Emph, m.Strong)):
                # Emphasis cannot open or close next to a space: keep spaces outside it.
                inner = self.inlines(node.children, notes)
                mark = "*" if isinstance(node, m.Emph) else "**"
                core = inner.strip(" ")
                lead = inner[: len(inner) - len(inner.lstrip(" "))]
                trail = inner[len(inner.rstrip(" ")):]
                out.append(f"{lead}{mark}{core}{mark}{trail}" if core else inner)
            elif isinstance(node, m.Code):
                ticks = "`" * (max((len(r) for r in re.findall("`+", node.text)),
                                   default=0) + 1)
                pad = " " if node.text.startswith("`") or node.text.endswith("`") else ""
                out.append(f"{ticks}{pad}{node.text}{pad}{ticks}")
            elif isinstance(node, m.Link):
                url = node.url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
                out.append(f"[{self.inlines(node.children, notes)}]({url})")
            elif isinstance(node, m.LineBreak):
                out.append("\\\n")
            elif isinstance(node, (m.NoteRef, m.NoteRange)):
                if not notes:
                    continue
                if isinstance(node, m.NoteRef):
                    out.append(f"[^{node.number}]")
                else:
                    out.append(f"[^{node.first}]{self._sup(chr(0x2013))}[^{node.last}]")
                if i < last and type(nodes[i + 1]) in m.NOTE_MARKERS:
                    # Two markers in a row read "3,4" as in the PDF and DOCX, not "34".
                    out.append(self._sup(","))
            elif isinstance(node, m.Anchor):
                # Where a fact stands, for the cross-references that point to it.
                out.append(f'<a id="{node.name}"></a>' if self.gfm else f"[]{{#{node.name}}}")
            elif isinstance(node, m.XRef):
                out.append(f"[{self.inlines(node.children, notes)}]"
                           f"(#{self._target(node.anchor)})")
        return "".join(out)

    def _sup(self, text: str) -> str:
        return f"<sup>{text}</sup>" if self.gfm else f"^{text}^"

    def escape(self, text: str) -> str:
        """Return `text` with every run of white space one space and the characters
        the flavour reads as markup backslashed."""
        # White space other than a space is never printable: text that is printable and
        # has no double space has nothing to collapse (most notes, at a fraction of the
        # cost).
        if "  " in text or not text.isprintable():
            text = _SPACES.sub(" ", text)
        text = self.special.sub(self.escaped, text)
        if self.gfm:
            return text
        # "--" and "..." would become dashes and ellipses under pandoc's "smart".
        return text.replace("--", "-\\-").replace("...", "..\\.")

    def _lines(self, text: str) -> str:
        """Escape each line start (of a paragraph or list item, and after each line
        break in it) that the flavour would read as a list, quote, heading or table."""
        return self.line_start.sub(lambda mt: mt.group(1)[:-1] + "\\" + mt.group(1)[-1],
                                   text)


def _headings(blocks) -> list[m.Heading]:
    """Return every heading, in boxes too, in reading order."""
    found = []
    for block in blocks:
        if isinstance(block, m.Heading):
            found.append(block)
        elif isinstance(block, m.Callout):
            found += _headings(block.blocks)
    return found


def _escape(text: str, flavour: str = "pandoc") -> str:
    """Return `text` escaped as the writer escapes text in `flavour`."""
    writer = _Writer(m.Brief(m.Meta(title="", markdown=flavour), ()))
    return writer.escape(text)
