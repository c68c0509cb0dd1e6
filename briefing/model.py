"""The format-neutral document model: the Brief that assembly builds and writers walk.

Writers see only these classes. Notes are numbered once, here, in reading order (a
`NoteRef` carries its number), so every format shows the same numbers and the same text.
A brief gives one note to one cited passage: a note is introduced by its first marker in
reading order and every later marker of it reuses its number. Inline content is a tuple
of inlines; all text is plain Unicode, never markup: a writer escapes it for its own
format.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Union

# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Emph:
    """Emphasised (italic) content."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strong (bold) content."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    """Literal text in a monospace font."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link to an external URL."""

    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class LineBreak:
    """A forced line break within a paragraph."""


@dataclass(frozen=True)
class Anchor:
    """A place in the brief that a cross-reference can link to; it shows nothing.

    It stands at the start of the text it marks (a fact shown in a list item, a table
    cell or a paragraph). `name` is unique in the brief and never a heading's anchor.
    """

    name: str


@dataclass(frozen=True)
class XRef:
    """A cross-reference: `children` linked to the `Anchor` (or heading) named `anchor`."""

    children: tuple[Inline, ...]
    anchor: str


@dataclass(frozen=True)
class NoteRef:
    """The marker of note `number` (1-based); the note is `Brief.notes[number - 1]`.

    The first marker of a note in reading order introduces it (a Word footnote's own
    reference); any later one reuses its number (in Word a NOTEREF field).
    """

    number: int


@dataclass(frozen=True)
class NoteRange:
    """The markers of notes `first` to `last` printed as a range, "5–7" (en dash).

    Assembly makes a range of three or more consecutive notes cited together, and only
    where every note between the two ends was introduced earlier in reading order: a
    marker that introduces a note is always printed (Word and pandoc keep a note only
    where its own reference is shown). The ends are markers like `NoteRef`s.
    """

    first: int
    last: int

    @property
    def numbers(self) -> range:
        """Return every note the range stands for, ends included."""
        return range(self.first, self.last + 1)


Inline = Union[Text, Emph, Strong, Code, Link, LineBreak, NoteRef, NoteRange, Anchor, XRef]
NOTE_MARKERS = (NoteRef, NoteRange)  # the inlines that print note numbers

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    """A section heading. `anchor` is unique in the brief (bookmarks, TOC links)."""

    level: int  # 1 = section, 2 = subsection, 3 = sub-subsection
    children: tuple[Inline, ...]
    anchor: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class ListItem:
    """One item of a list: inline content only."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class BulletList:
    """A list. `style` is "bullet", "numbered", "key-points" (the brief's key points, set
    as a box) or "sources" (the closing list of seed files: bullets, kept on one page
    with its heading where a page can hold them)."""

    items: tuple[ListItem, ...]
    style: str = "bullet"


@dataclass(frozen=True)
class Table:
    """A table whose first row is a header repeated on every page it spans.

    `widths` are relative column widths (they need not sum to 1).
    """

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    widths: tuple[float, ...] = ()
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class Callout:
    """A boxed aside, e.g. the "Sources differ" box for a conflict."""

    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    kind: str = "sources-differ"


@dataclass(frozen=True)
class Judgement:
    """One item of the analyst's assessment: a judgement, a line to take, a point to be
    aware of or a question to ask, set apart from the facts (a rule at its left).

    `label` says what it is ("Assessment" for a judgement; "" where the section heading
    says it), `confidence` its term from the fixed list ("" where none is stated), and
    `children` its text with the markers of the facts it rests on (the same note numbers
    those facts have everywhere in the brief). `under_review`: a fact it rests on changed
    or vanished since the analyst last reviewed it, so it must not be read as current.
    """

    children: tuple[Inline, ...]
    confidence: str = ""
    label: str = "Assessment"
    under_review: bool = False

    @property
    def lead(self) -> str:
        """Return the words shown before the text, e.g. "Assessment" or "Assessment
        (under review)" ("" when the item has no label and is current)."""
        if self.under_review:
            return f"{self.label} (under review)" if self.label else "Under review"
        return self.label


    def prefix(self) -> tuple[tuple[str, str], ...]:
        """Return what every format shows before the text, as (text, role) runs: role
        "lead" (bold), "confidence" (the Confidence style) or "" (plain), e.g.
        ("Assessment", "lead"), (" (", ""), ("likely", "confidence"), ("): ", "")."""
        lead, term = self.lead, self.confidence
        if lead and term:
            return ((lead, "lead"), (" (", ""), (term, "confidence"), ("): ", ""))
        if lead:
            return ((lead, "lead"), (": ", ""))
        if term:
            return (("(", ""), (term, "confidence"), (") ", ""))
        return ()


# What every format says after a judgement under review.
UNDER_REVIEW = ("The facts this rests on have changed since the analyst last reviewed it, "
                "or it has not been reviewed: read it as under review, not as current.")


@dataclass(frozen=True)
class TableOfContents:
    """Where the table of contents goes; writers list the headings of levels 1 to
    `depth`."""

    title: str = "Contents"
    depth: int = 2


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (ignored by formats without pages)."""


@dataclass(frozen=True)
class FigureMark:
    """One mark of a figure, with the notes of the facts behind it.

    In a matrix, `row` and `col` index `Figure.rows` and `Figure.columns`. On a timeline,
    `row` indexes the meetings in `Figure.rows` (`col` is -1) and `start`..`end` are the
    first and last day the mark covers (ISO); an undated meeting's mark has neither.
    `kind` names how the mark is drawn; `Figure.legend` says what each kind means.
    """

    row: int
    col: int
    kind: str
    notes: tuple[NoteRef, ...]
    start: str = ""
    end: str = ""
    label: str = ""  # the date as a reader sees it, e.g. "24-26 June 2025"


@dataclass(frozen=True)
class Figure:
    """A figure drawn from the facts: a meeting timeline or an entity-by-meeting matrix.

    `number` is N in "Figure N: title", counted in reading order across the brief; `alt`
    says in words what the figure shows (alt text). A fact cited by several marks has one
    set of notes, which every mark it supports shows.
    """

    kind: str  # "timeline" or "matrix"
    name: str  # the outline's figure name, e.g. "partners_by_meeting"
    number: int
    title: str
    alt: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    marks: tuple[FigureMark, ...]
    legend: tuple[tuple[str, str], ...] = ()  # (mark kind, what it means)
    axis: tuple[str, str] = ("", "")  # timeline: first and last day of the axis (ISO)
    # The notes no block before this figure cites: their markers go in the caption, as a
    # footnote needs a marker in the text.
    introduces: tuple[NoteRef, ...] = ()

    def note_refs(self) -> tuple[NoteRef, ...]:
        """Return each note the figure cites once, in reading order."""
        seen: dict[int, NoteRef] = {}
        for mark in self.marks:
            for ref in mark.notes:
                seen.setdefault(ref.number, ref)
        return tuple(seen.values())


Block = Union[Heading, Paragraph, BulletList, Table, Callout, Judgement, TableOfContents,
              PageBreak, Figure]

# ---------------------------------------------------------------- notes and document


@dataclass(frozen=True)
class Note:
    """One numbered source note: one cited passage, identical in every format.

    `text` is the whole note as plain text; writers that style its parts use the
    fields, which together say exactly what `text` says. A "short" note reads
    `VNA, ‘Vietnam proposes …’, undated, l. 6: “…”` (the file only when `with_file`:
    the brief has no sources list to find it in); a "full" note
    `VNA, [report on …]. 003_d86c035503065d15.txt, line 6: “…”`.
    """

    number: int
    fact_ids: tuple[str, ...]  # the facts citing the passage, the first to cite it first
    source_id: str
    source: str  # short: outlet, short title, date; full: outlet and title
    file: str  # seed file name
    line: int  # first line of the quote in the seed file
    quote: str  # the quoted words, cut at a word boundary with "…" when long
    last_line: int = 0  # last line of the quote (0: the first line)
    style: str = "short"  # "short" or "full"
    with_file: bool = False  # a short note that names the seed file

    @property
    def text(self) -> str:
        """Return the note as one line of plain text."""
        if self.style == "full":
            return f"{self.source}. {self.file}, line {self.line}: “{self.quote}”"
        last = self.last_line or self.line
        lines = f"l. {self.line}" if last == self.line else f"ll. {self.line}\u2013{last}"
        file = f"{self.file}, " if self.with_file else ""
        return f"{self.source}, {file}{lines}: “{self.quote}”"


@dataclass(frozen=True)
class Meta:
    """What the cover, headers, footers and document properties show."""

    title: str
    subtitle: str = ""
    audience: str = ""
    occasion: str = ""  # what the brief is for: the meeting or event, e.g. "The 10th AMMTC"
    purpose: str = ""  # what the reader should do with it
    classification: str = ""
    organisation: str = ""
    as_of: str = ""  # as a reader sees it, e.g. "23 November 2026"
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en-GB"
    page_size: str = "A4"  # "A4" or "Letter"
    note_placement: str = "footnotes"  # "footnotes" or "endnotes"
    cover: str = "page"  # "page": a cover page; "compact": a title block atop page 1
    build_date: str = ""  # ISO date-time for document metadata; never the clock
    reference_docx: bytes | None = None  # a styles .docx (DOCX writer only), checked bytes
    name: str = "brief"  # the outline's name: files written beside the brief start with it
    contents_pages: tuple[tuple[str, int], ...] = ()  # (anchor, page): measured, DOCX only
    markdown: str = "pandoc"  # the Markdown flavour: "pandoc" or "gfm"


@dataclass(frozen=True)
class Brief:
    """A whole brief: metadata, body blocks, and the notes its NoteRefs point to."""

    meta: Meta
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = field(default=())

    def headings(self, max_level: int = 2) -> list[Heading]:
        """Return the headings (top level and inside callouts) up to `max_level`."""
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= max_level]


def plain_text(inlines: tuple[Inline, ...], notes: bool = False) -> str:
    """Return the text of `inlines`; note markers appear as their numbers if `notes`."""
    out = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            out.append(node.text)
        elif isinstance(node, (Emph, Strong, Link, XRef)):
            out.append(plain_text(node.children, notes))
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, NoteRef) and notes:
            out.append(str(node.number))
        elif isinstance(node, NoteRange) and notes:
            out.append(f"{node.first}\u2013{node.last}")
    return "".join(out)


def note_numbers(inlines: tuple[Inline, ...], printed: bool = False) -> list[int]:
    """Return the note numbers referenced in `inlines`, in order (a range: each number
    it stands for; with `printed`, its two ends)."""
    found: list[int] = []
    _add_note_numbers(inlines, found, printed)
    return found


def _add_note_numbers(inlines: tuple[Inline, ...], found: list[int],
                      printed: bool = False) -> None:
    for node in inlines:
        if isinstance(node, NoteRef):
            found.append(node.number)
        elif isinstance(node, NoteRange):
            found.extend((node.first, node.last) if printed else node.numbers)
        elif isinstance(node, (Emph, Strong, Link, XRef)):
            _add_note_numbers(node.children, found, printed)


def map_inlines(blocks: tuple[Block, ...], fn) -> tuple[Block, ...]:
    """Return `blocks` with every inline sequence replaced by `fn(inlines)`, in reading
    order (headings, paragraphs, list items, table caption then cells row by row, callout
    title then its blocks, a figure's marks in order)."""
    def inl(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        nodes = tuple(replace(n, children=inl(n.children))
                      if isinstance(n, (Emph, Strong, Link, XRef)) else n for n in nodes)
        return fn(nodes)

    def block(b: Block) -> Block:
        if isinstance(b, Heading):
            return Heading(b.level, inl(b.children), b.anchor)
        if isinstance(b, Paragraph):
            return Paragraph(inl(b.children))
        if isinstance(b, Judgement):
            return replace(b, children=inl(b.children))
        if isinstance(b, BulletList):
            return BulletList(tuple(ListItem(inl(i.children)) for i in b.items), b.style)
        if isinstance(b, Table):
            caption = inl(b.caption)
            header = tuple(inl(c) for c in b.header)
            rows = tuple(tuple(inl(c) for c in row) for row in b.rows)
            return Table(header, rows, b.widths, caption)
        if isinstance(b, Callout):
            return Callout(inl(b.title), map_inlines(b.blocks, fn), b.kind)
        if isinstance(b, Figure):
            marks = tuple(replace(k, notes=inl(k.notes)) for k in b.marks)
            return replace(b, marks=marks)
        return b

    return tuple(block(b) for b in blocks)


def block_note_numbers(block: Block, printed: bool = False) -> list[int]:
    """Return the note numbers referenced anywhere in `block`, in reading order; with
    `printed`, only those it prints (a range's ends; a figure's caption markers)."""
    found: list[int] = []
    if printed and isinstance(block, Figure):
        return [ref.number for ref in block.introduces]
    for run in inline_runs(block):
        _add_note_numbers(run, found, printed)  # one list: a long list has a run per item
    return found


def inline_runs(block: Block):
    """Yield each inline sequence of `block` (not its nested links' children) in the
    order `map_inlines` visits them."""
    if isinstance(block, (Heading, Paragraph, Judgement)):
        yield block.children
    elif isinstance(block, BulletList):
        for item in block.items:
            yield item.children
    elif isinstance(block, Table):
        yield block.caption
        yield from block.header
        for row in block.rows:
            yield from row
    elif isinstance(block, Callout):
        yield block.title
        for inner in block.blocks:
            yield from inline_runs(inner)
    elif isinstance(block, Figure):
        for mark in block.marks:
            yield mark.notes
