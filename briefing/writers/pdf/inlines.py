"""Inline markup of the PDF writer: note markers and ranges, anchors and
cross-references, and paragraphs of inlines as `FastPara`s where they can be, else as
ReportLab Paragraphs (`Story` is an `Inlines`)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from briefing import model as m
from briefing.writers.fonts import FONT
from briefing.writers.pdf.clean import clean_text
from briefing.writers.pdf.paras import Para
from briefing.writers.pdf.scripts import bolden, markup
from briefing.writers.pdf.styles import CODE_BG, LINK
from briefing.writers.pdf.text import FastPara
from briefing.writers.pdf.words import words_from_runs

_LINK = LINK.hexval().replace("0x", "#")


def esc(text: str, bold: bool = False) -> str:
    """Return `text` cleaned and escaped for ReportLab paragraph markup, runs that Noto
    Sans lacks in their script's font (bold: for text inside <b>)."""
    got = markup(clean_text(text), FONT, escape)
    return bolden(got) if bold else got


def _attr(text: str) -> str:
    return escape(clean_text(text), {'"': "&quot;"})


class Inlines:
    """The inline markup of a story. Expects of the story: `notes` (by number),
    `footnotes`, `named_refs`, `widths`, `out`, `_anchor_keys` and `_key`."""

    def _bn(self, inlines) -> tuple[int, ...]:
        if not self.footnotes:
            return ()
        # A range's ends only: the notes between were placed where first cited.
        return tuple(dict.fromkeys(n for n in m.note_numbers(inlines, printed=True)
                                   if n in self.notes))

    def _anchor(self, n: int) -> bool:
        """Whether the marker of note `n` gets the "ref-N" destination an endnote links to."""
        if self.footnotes or n in self.named_refs:
            return False
        self.named_refs.add(n)
        return True

    def marker(self, n: int) -> str:
        if n not in self.notes:
            return f"<super>{n}</super>"
        anchor = f'<a name="ref-{n}"/>' if self._anchor(n) else ""
        return f'{anchor}<a href="#note-{n}" color="{_LINK}"><super>{n}</super></a>'

    def range_marker(self, node: m.NoteRange) -> str:
        """Return the markup of a range: its ends as markers, the dash a link to the first
        note it stands for (a ReportLab link covers the whole dash)."""
        inner = node.first + 1
        dash = (f'<a href="#note-{inner}" color="{_LINK}"><super>\u2013</super></a>'
                if inner in self.notes else "<super>\u2013</super>")
        return self.marker(node.first) + dash + self.marker(node.last)

    def _marker_runs(self, node, out: list) -> None:
        """Append the FastPara runs of a marker or a range: each end links to its note,
        the dash to the notes between, each over an equal part of it."""
        first, last = (node.number, node.number) if node.__class__ is m.NoteRef \
            else (node.first, node.last)
        for n in ((first,) if first == last else (first, None, last)):
            if n is None:
                between = tuple(k for k in range(first + 1, last) if k in self.notes)
                out.append(("d", "\u2013", between))
            elif n in self.notes:
                out.append(("n", n, True))
            else:
                out.append(("s", str(n)))

    def anchor_key(self, name: str) -> str:
        """Return the PDF destination of the model's anchor `name`."""
        key = self._anchor_keys.get(name)
        if key is None:
            key = self._anchor_keys[name] = self._key("x-" + name)
        return key

    def para(self, nodes, style, bullet=None, notes: bool = True):
        """Return a paragraph of `nodes`: a FastPara when it can show them, else a Para."""
        dests = ()
        if m.Anchor in map(type, nodes):  # destinations atop the paragraph
            dests = tuple(self.anchor_key(n.name) for n in nodes if n.__class__ is m.Anchor)
            nodes = tuple(n for n in nodes if n.__class__ is not m.Anchor)
        runs = self._runs(nodes, notes)
        if runs is not None:
            words = words_from_runs(runs, style, self.widths)
            linked = [r[1] for r in runs if r[0] == "n"]  # the markers of known notes
            anchors = frozenset(n for n in linked if self._anchor(n))
            # What _bn(nodes) gives: the runs hold every marker, nested ones too.
            bn = tuple(dict.fromkeys(linked)) if notes and self.footnotes else ()
            return FastPara(words, style, self.widths, self.out, bullet, anchors, bn=bn,
                            dest=dests or None)
        if dests:
            text = "".join(f'<a name="{k}"/>' for k in dests) + self.inl(nodes, notes)
            return Para(text, style, self._bn(nodes) if notes else (), bulletText=bullet)
        return Para(self.inl(nodes, notes), style, self._bn(nodes) if notes else (),
                    bulletText=bullet)

    def _runs(self, nodes, notes, bold=False, italic=False):
        """Return `nodes` as FastPara runs, or None when they need a ReportLab Paragraph."""
        out: list = []
        prev_note = False
        for node in nodes:
            is_note = isinstance(node, m.NOTE_MARKERS)
            if isinstance(node, m.Text):
                out.append(("t", clean_text(node.text), bold, italic))
            elif isinstance(node, (m.Strong, m.Emph)):
                strong = isinstance(node, m.Strong)
                sub = self._runs(node.children, notes, bold or strong, italic or not strong)
                if sub is None:
                    return None
                out += sub
            elif isinstance(node, m.LineBreak):
                out.append(("br",))
            elif is_note:
                if notes:
                    if prev_note:
                        out.append(("s", ","))
                    self._marker_runs(node, out)
            else:
                return None
            prev_note = is_note
        return out

    def inl(self, nodes, notes: bool = True, bold: bool = False) -> str:
        """Return `nodes` as ReportLab paragraph markup, all text escaped."""
        out: list[str] = []
        prev_note = False
        for node in nodes:
            is_note = isinstance(node, m.NOTE_MARKERS)
            if isinstance(node, m.Text):
                out.append(esc(node.text, bold))
            elif isinstance(node, m.Emph):
                out.append(f"<i>{self.inl(node.children, notes, bold)}</i>")
            elif isinstance(node, m.Strong):
                out.append(f"<b>{self.inl(node.children, notes, True)}</b>")
            elif isinstance(node, m.Code):
                out.append(f'<font backColor="{CODE_BG}">{esc(node.text, bold)}</font>')
            elif isinstance(node, m.Link):
                text = self.inl(node.children, False, bold) or esc(node.url, bold)
                out.append(f'<a href="{_attr(node.url)}" color="{_LINK}"><u>{text}</u></a>')
                if notes:
                    for i, n in enumerate(dict.fromkeys(m.note_numbers(node.children))):
                        out.append(("<super>,</super>" if i else "") + self.marker(n))
            elif isinstance(node, m.LineBreak):
                out.append("<br/>")
            elif is_note and notes:
                out.append(("<super>,</super>" if prev_note else "")
                           + (self.marker(node.number) if isinstance(node, m.NoteRef)
                              else self.range_marker(node)))
            elif isinstance(node, m.Anchor):
                out.append(f'<a name="{self.anchor_key(node.name)}"/>')
            elif isinstance(node, m.XRef):
                text = self.inl(node.children, False, bold)
                out.append(f'<a href="#{self.anchor_key(node.anchor)}" color="{_LINK}">'
                           f'{text}</a>')
            prev_note = is_note
        return "".join(out)
