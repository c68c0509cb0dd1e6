"""The brief's blocks and inlines as HTML.

Note markers are links to the notes list (`#note-N`), so a reader without script
follows them; the first marker of each note has the id `ref-N` that the note and the
source viewer link back to. A range "5–7" links its two ends. Adjacent markers are set
apart by commas, as the notes are separate.
"""

from __future__ import annotations

import base64

from briefing import model as m
from briefing.writers.html.escape import esc, ident, safe_url


class Body:
    """Renders the blocks of one brief, remembering which notes it has marked."""

    def __init__(self, brief: m.Brief):
        self.brief = brief
        self.marked: set[int] = set()  # notes whose first marker (id ref-N) is out
        self.figures: dict[int, bytes] = {}

    def blocks(self, blocks: tuple[m.Block, ...]) -> str:
        """Return `blocks` as HTML, one line per block."""
        return "\n".join(self.block(b) for b in blocks)

    def block(self, block: m.Block) -> str:
        """Return one block as HTML."""
        if isinstance(block, m.Heading):
            level = min(block.level + 1, 6)  # the brief's title is the page's <h1>
            return f'<h{level} id="{ident(block.anchor)}">{self.inlines(block.children)}</h{level}>'
        if isinstance(block, m.Paragraph):
            return f"<p>{self.inlines(block.children)}</p>"
        if isinstance(block, m.BulletList):
            return self._list(block)
        if isinstance(block, m.Table):
            return self._table(block)
        if isinstance(block, m.Callout):
            return self._callout(block)
        if isinstance(block, m.Judgement):
            return self._judgement(block)
        if isinstance(block, m.TableOfContents):
            return self._contents(block)
        if isinstance(block, m.PageBreak):
            return '<div class="page-break" aria-hidden="true"></div>'
        if isinstance(block, m.Figure):
            return self._figure(block)
        raise TypeError(f"the HTML writer cannot show {type(block).__name__}")

    def _list(self, block: m.BulletList) -> str:
        tag = "ol" if block.style == "numbered" else "ul"
        items = "\n".join(f"<li>{self.inlines(i.children)}</li>" for i in block.items)
        out = f'<{tag} class="list-{esc(block.style)}">\n{items}\n</{tag}>'
        if block.style == "key-points":
            return f'<div class="key-points">\n{out}\n</div>'
        return out

    def _table(self, table: m.Table) -> str:
        parts = ["<table>"]
        if table.caption:
            parts.append(f"<caption>{self.inlines(table.caption)}</caption>")
        if table.widths:
            total = sum(table.widths) or 1
            parts.append("<colgroup>" + "".join(
                f'<col style="width:{100 * w / total:.1f}%">' for w in table.widths)
                + "</colgroup>")
        parts.append("<thead><tr>" + "".join(f'<th scope="col">{self.inlines(c)}</th>'
                                             for c in table.header) + "</tr></thead>")
        parts.append("<tbody>")
        for row in table.rows:
            parts.append("<tr>" + "".join(f"<td>{self.inlines(c)}</td>" for c in row)
                         + "</tr>")
        parts.append("</tbody></table>")
        return f'<div class="table">{"".join(parts)}</div>'

    def _callout(self, box: m.Callout) -> str:
        # A kind this writer has no style for is still a labelled box.
        kind = box.kind if box.kind.replace("-", "").isalnum() else "other"
        title = self.inlines(box.title) if box.title else esc(kind.replace("-", " ").capitalize())
        label = m.plain_text(box.title) or kind.replace("-", " ")
        return (f'<div class="callout callout-{esc(kind)}" role="note" '
                f'aria-label="{esc(label)}">\n<p class="callout-title">{title}</p>\n'
                f"{self.blocks(box.blocks)}\n</div>")

    def _judgement(self, item: m.Judgement) -> str:
        """An item of the assessment: set apart from the facts by its class (a rule at its
        left), its lead and confidence term before the text, as every format shows them."""
        tags = {"lead": ("<strong>", "</strong>"),
                "confidence": ('<em class="confidence">', "</em>")}
        lead = "".join(tags[role][0] + esc(text) + tags[role][1] if role in tags else esc(text)
                       for text, role in item.prefix())
        review = (f'\n<p class="under-review">{esc(m.UNDER_REVIEW)}</p>'
                  if item.under_review else "")
        kind = " judgement-under-review" if item.under_review else ""
        return (f'<div class="judgement{kind}" role="note">\n'
                f"<p>{lead}{self.inlines(item.children)}</p>{review}\n</div>")

    def _contents(self, toc: m.TableOfContents) -> str:
        items = []
        for h in self.brief.headings(toc.depth):
            text = esc(m.plain_text(h.children))
            items.append(f'<li class="toc-{h.level}"><a href="#{ident(h.anchor)}">{text}</a></li>')
        return (f'<nav class="contents" aria-labelledby="contents-title">\n'
                f'<h2 id="contents-title">{esc(toc.title)}</h2>\n<ul>\n'
                + "\n".join(items) + "\n</ul>\n</nav>")

    def _figure(self, figure: m.Figure) -> str:
        from briefing.writers.figure.raster import png

        data = base64.b64encode(png(figure)).decode("ascii")
        caption = self.inlines((m.Text(f"Figure {figure.number}: {figure.title}"),
                                *figure.introduces))
        return (f'<figure id="figure-{figure.number}">\n'
                f'<img src="data:image/png;base64,{data}" alt="{esc(figure.alt)}">\n'
                f"<figcaption>{caption}</figcaption>\n</figure>")

    def inlines(self, nodes: tuple[m.Inline, ...]) -> str:
        """Return inline content as HTML."""
        out = []
        after_marker = False
        for node in nodes:
            is_marker = isinstance(node, m.NOTE_MARKERS)
            if is_marker and after_marker:
                out.append('<sup class="sep">,</sup>')
            after_marker = is_marker
            out.append(self._inline(node))
        return "".join(out)

    def _inline(self, node: m.Inline) -> str:
        if isinstance(node, m.Text):
            return esc(node.text)
        if isinstance(node, m.Emph):
            return f"<em>{self.inlines(node.children)}</em>"
        if isinstance(node, m.Strong):
            return f"<strong>{self.inlines(node.children)}</strong>"
        if isinstance(node, m.Code):
            return f"<code>{esc(node.text)}</code>"
        if isinstance(node, m.Link):
            url = safe_url(node.url)
            inner = self.inlines(node.children)
            return f'<a href="{url}">{inner}</a>' if url else inner
        if isinstance(node, m.LineBreak):
            return "<br>"
        if isinstance(node, m.NoteRef):
            return f"<sup>{self._marker(node.number)}</sup>"
        if isinstance(node, m.NoteRange):
            return (f"<sup>{self._marker(node.first)}\u2013{self._marker(node.last)}</sup>")
        if isinstance(node, m.Anchor):
            return f'<span id="{ident(node.name)}"></span>'
        if isinstance(node, m.XRef):
            return f'<a href="#{ident(node.anchor)}">{self.inlines(node.children)}</a>'
        raise TypeError(f"the HTML writer cannot show {type(node).__name__}")

    def _marker(self, number: int) -> str:
        first = number not in self.marked
        self.marked.add(number)
        own = f' id="ref-{number}"' if first else ""
        return (f'<a class="nref" href="#note-{number}"{own} aria-label="Note {number}" '
                f'aria-describedby="note-{number}">{number}</a>')
