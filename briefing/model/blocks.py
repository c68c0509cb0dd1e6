"""Blocks: headings, paragraphs, lists, tables, boxes, judgements, contents, figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from briefing.model.inlines import Inline, NoteRef


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
