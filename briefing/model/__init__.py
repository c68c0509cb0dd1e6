"""The format-neutral document model: the Brief that assembly builds and writers walk.

Writers see only these classes. Notes are numbered once, here, in reading order (a
`NoteRef` carries its number), so every format shows the same numbers and the same text.
A brief gives one note to one cited passage: a note is introduced by its first marker in
reading order and every later marker of it reuses its number. Inline content is a tuple
of inlines; all text is plain Unicode, never markup: a writer escapes it for its own
format.

The classes live in `inlines`, `blocks` and `document`; `walk` reads and rewrites them.
Everything is imported here: `from briefing import model as m` gives `m.Heading`,
`m.plain_text` and the rest.
"""

from briefing.model.blocks import (
                                   UNDER_REVIEW,
                                   Block,
                                   BulletList,
                                   Callout,
                                   Figure,
                                   FigureMark,
                                   Heading,
                                   Judgement,
                                   ListItem,
                                   PageBreak,
                                   Paragraph,
                                   Table,
                                   TableOfContents,
)
from briefing.model.document import Brief, Meta, Note, Segment, SourceText
from briefing.model.inlines import (
                                   NOTE_MARKERS,
                                   Anchor,
                                   Code,
                                   Emph,
                                   Inline,
                                   LineBreak,
                                   Link,
                                   NoteRange,
                                   NoteRef,
                                   Strong,
                                   Text,
                                   XRef,
)
from briefing.model.walk import (
                                   block_note_numbers,
                                   inline_runs,
                                   map_inlines,
                                   note_numbers,
                                   plain_text,
)

__all__ = [
    "Anchor", "Block", "Brief", "BulletList", "Callout", "Code", "Emph", "Figure",
    "FigureMark", "Heading", "Inline", "Judgement", "LineBreak", "Link", "ListItem", "Meta",
    "NOTE_MARKERS", "Note", "NoteRange", "NoteRef", "PageBreak", "Paragraph", "Segment",
    "SourceText", "Strong", "Table", "TableOfContents", "Text", "UNDER_REVIEW", "XRef",
    "block_note_numbers", "inline_runs", "map_inlines", "note_numbers", "plain_text",
]
