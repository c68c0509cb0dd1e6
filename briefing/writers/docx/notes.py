"""Footnotes and endnotes: the references in the body, the notes they point to, and the
notes parts with their special separator notes.

python-docx has no API for notes (its issue #1), so the parts are written as XML here.
Notes are real Word notes whose ids are the note numbers. A note's first marker is its
Word reference; a later marker of it is a `NOTEREF` field (styled as a note reference)
to a bookmark around that reference, which Word and LibreOffice show as the note's
number.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from briefing import model as m
from briefing.writers.docx.ooxml import NSDECLS, field, text_runs

# The special notes, separator and continuation separator, as Word and pandoc write them.
SPECIAL_NOTE_IDS = (-1, 0)
# Bookmark ids of the notes' references: above any other bookmark's (headings count
# from 0), so the two never meet.
_BOOKMARK_BASE = 1_000_000


def note_kind(meta: m.Meta) -> str:
    """Return the kind of note the brief uses: "footnote" or "endnote"."""
    return "endnote" if meta.note_placement == "endnotes" else "footnote"


def note_bookmark(number: int) -> str:
    """Return the name of the bookmark around note `number`'s reference (a hidden
    bookmark, as Word names those of its own cross-references)."""
    return f"_RefNote{number}"


def marked_again(blocks) -> set[int]:
    """Return the notes whose numbers the blocks print more than once (their first
    reference gets a bookmark for the NOTEREF fields of the others)."""
    seen: set[int] = set()
    again: set[int] = set()
    for block in blocks:
        for n in m.block_note_numbers(block, printed=True):
            if n in seen:
                again.add(n)
            else:
                seen.add(n)
    return again


class NoteRefs:
    """The note references of one build of the body, and the notes they reference.

    Word numbers notes by their position, so when the references do not run 1..N in
    reading order the body is built again with `custom_marks`: each reference then shows
    its own number.
    """

    def __init__(self, notes: tuple[m.Note, ...], kind: str, ids: dict[str, str],
                 again: set[int] = frozenset()) -> None:
        self.notes = notes
        self.kind = kind
        self.again = again  # notes marked more than once: their reference is bookmarked
        self.ref_style = ids["EndnoteReference" if kind == "endnote" else "FootnoteReference"]
        self.text_style = ids["EndnoteText" if kind == "endnote" else "FootnoteText"]
        self.custom_marks = False
        self.start()

    def start(self) -> None:
        """Forget the references of an earlier build."""
        self._order: list[int] = []
        self._referenced: set[int] = set()

    def in_reading_order(self) -> bool:
        """Return whether the references so far are the notes 1..N, once each, in order."""
        return self._order == list(range(1, len(self.notes) + 1))

    def reference(self, number: int, rpr: str) -> str:
        """Return the runs of a marker of note `number` with run properties `rpr`: the
        note's reference the first time, a NOTEREF field to it after."""
        kind = self.kind
        valid = 1 <= number <= len(self.notes)
        if not valid:
            return f"<w:r>{rpr}<w:t>{number}</w:t></w:r>"
        if number in self._referenced:
            # Word allows one reference per note: a later marker shows its number by a
            # field that Word recomputes (and LibreOffice shows), linked to the reference.
            # With custom marks (notes out of order) a field would show Word's own
            # count: the number stands as text.
            if self.custom_marks:
                return f"<w:r>{rpr}<w:t>{number}</w:t></w:r>"
            return field(f"NOTEREF {note_bookmark(number)} \\f \\h", str(number), rpr)
        self._referenced.add(number)
        self._order.append(number)
        if self.custom_marks:
            ref = (f'<w:r>{rpr}<w:{kind}Reference w:customMarkFollows="1" w:id="{number}"/>'
                   f'</w:r><w:r>{rpr}<w:t>{number}</w:t></w:r>')
        else:
            ref = f'<w:r>{rpr}<w:{kind}Reference w:id="{number}"/></w:r>'
        if number not in self.again:
            return ref
        bid = _BOOKMARK_BASE + number
        return (f'<w:bookmarkStart w:id="{bid}" w:name="{note_bookmark(number)}"/>{ref}'
                f'<w:bookmarkEnd w:id="{bid}"/>')

    def notes_xml(self) -> str:
        """Return the `<w:footnote>`/`<w:endnote>` elements of the referenced notes."""
        kind, parts = self.kind, []
        for note in self.notes:
            if note.number not in self._referenced:
                continue
            rpr = f'<w:rPr><w:rStyle w:val="{self.ref_style}"/></w:rPr>'
            mark = (f'<w:r>{rpr}<w:t>{note.number}</w:t></w:r>' if self.custom_marks
                    else f'<w:r>{rpr}<w:{kind}Ref/></w:r>')
            parts.append(f'<w:{kind} w:id="{note.number}"><w:p><w:pPr><w:pStyle '
                         f'w:val="{self.text_style}"/></w:pPr>{mark}'
                         f'{text_runs(" " + note.text, "")}</w:p></w:{kind}>')
        return "".join(parts)


def notes_part_xml(kind: str, notes_xml: str) -> bytes:
    """Return footnotes.xml or endnotes.xml (`kind` "footnote" or "endnote"): the two
    special notes, separator id -1 and continuation separator id 0, then `notes_xml`."""
    specials = "".join(
        f'<w:{kind} w:type="{special}" w:id="{nid}"><w:p><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:r><w:{special}/></w:r></w:p></w:{kind}>'
        for special, nid in (("separator", -1), ("continuationSeparator", 0)))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:{kind}s {NSDECLS}>{specials}{notes_xml}</w:{kind}s>').encode("utf-8")


def add_note_parts(part, kind: str, notes_xml: str) -> None:
    """Relate a footnotes part and an endnotes part to document part `part`: the one of
    `kind` holds `notes_xml`, the other only its special notes."""
    for which, ct, rt in (("footnote", CT.WML_FOOTNOTES, RT.FOOTNOTES),
                          ("endnote", CT.WML_ENDNOTES, RT.ENDNOTES)):
        blob = notes_part_xml(which, notes_xml if which == kind else "")
        part.relate_to(Part(PackURI(f"/word/{which}s.xml"), ct, blob, part.package), rt)


def note_pr_xml(kind: str) -> str:
    """Return the settings `<w:footnotePr>`/`<w:endnotePr>` listing the special notes,
    which must agree with the notes part or Word reports the notes as corrupt."""
    ids = "".join(f'<w:{kind} w:id="{nid}"/>' for nid in SPECIAL_NOTE_IDS)
    return (f'<w:{kind}Pr {NSDECLS}><w:numFmt w:val="decimal"/>{ids}</w:{kind}Pr>')
