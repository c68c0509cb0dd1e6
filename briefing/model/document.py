"""The document: its notes, its metadata, the sources it cites, and the Brief."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.model.blocks import Block, Heading


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
    # Where the passage is: character offsets [start, end) in the seed file's text (the
    # whole file, also for a segment), as located at load. A source viewer highlights them.
    start: int = 0
    end: int = 0

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
class Segment:
    """One article of a seed file that holds several (or the whole file when it holds
    one): the source id notes name, how a reader names it, and its lines (1-based)."""

    source_id: str
    outlet: str  # "" where the text names none
    title: str  # the headline, or the curator's description in brackets
    date: str  # as a reader sees it, or ""
    first_line: int
    last_line: int
    url: str = ""


@dataclass(frozen=True)
class SourceText:
    """A seed file the brief cites, as a source viewer shows it: its text as the file has
    it, its segments, and the spans of it the sources declare as web debris. The passages
    it highlights are the notes whose `source_id` is one of its segments' (`Note.start`,
    `Note.end`).

    `text` is left out of the repr (the brief's digest): `sha256` stands for it.
    """

    id: str  # the file entry's id (a segmented file's, not a segment's)
    file: str
    sha256: str
    segments: tuple[Segment, ...]
    debris: tuple[tuple[int, int], ...] = ()  # [start, end) offsets in `text`, sorted
    text: str = field(default="", repr=False, compare=False)

    def source_ids(self) -> frozenset[str]:
        """Return the source ids notes use for this file (its segments')."""
        return frozenset(s.source_id for s in self.segments)


@dataclass(frozen=True)
class Brief:
    """A whole brief: metadata, body blocks, the notes its NoteRefs point to, and the
    seed files those notes cite (for formats that show the sources themselves)."""

    meta: Meta
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = field(default=())
    sources: tuple[SourceText, ...] = field(default=())

    def headings(self, max_level: int = 2) -> list[Heading]:
        """Return the headings (top level and inside callouts) up to `max_level`."""
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= max_level]
