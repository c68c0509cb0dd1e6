"""Inline content: text, emphasis, links, note markers, anchors and cross-references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


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
