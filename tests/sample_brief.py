"""A hand-built Brief that uses every part of the document model, for writer tests."""

from __future__ import annotations

from briefing.model import (
    Anchor,
    Brief,
    BulletList,
    Callout,
    Code,
    Emph,
    Heading,
    LineBreak,
    Link,
    ListItem,
    Meta,
    Note,
    NoteRef,
    PageBreak,
    Paragraph,
    Strong,
    Table,
    TableOfContents,
    Text,
    XRef,
)

HOSTILE = "Fact with <b>bold</b> & *stars* _under_ # [@x] `tick` {{ 1 }} {% if %} Lương Tam Quang, Việt Nam."
LONG_WORD = "https://example.org/" + "a-very-long-path-segment" * 8


def _note(n: int, quote: str = "were successfully convened over three days in Putrajaya") -> Note:
    return Note(number=n, fact_ids=(f"fact-{n}",), source_id="s002-malaysiakini",
                source="Malaysiakini, “Strengthening regional cooperation: Highlights of the "
                        "25th SOMTC Meeting and Its Related Meetings in Putrajaya”",
                file="002_6ce76abb59b9a186.txt", line=9, quote=quote, style="full")


def sample_brief(note_placement: str = "footnotes", table_rows: int = 60,
                 page_size: str = "A4") -> Brief:
    """Return a brief exercising headings, lists, tables, callouts, notes and odd text."""
    notes = []

    def ref(quote: str = "were successfully convened over three days in Putrajaya") -> NoteRef:
        notes.append(_note(len(notes) + 1, quote))
        return NoteRef(len(notes))

    blocks = [
        Heading(1, (Text("Key points"),), "key-points"),
        BulletList((
            ListItem((Text("The 25th SOMTC met in Putrajaya."), ref())),
            ListItem((Text(HOSTILE), ref("Lương Tam Quang & <b> * [@x] {{ 1 }}"))),
            ListItem((Text("Two notes on one item."), ref(), ref("a second quote"))),
        ), style="key-points"),
        TableOfContents(),
        PageBreak(),
        Heading(1, (Text("Meetings"),), "meetings"),
        Paragraph((Text("Plain, "), Emph((Text("emphasised"),)), Text(", "),
                   Strong((Text("strong"),)), Text(", "), Code(("code <x>")), Text(", a "),
                   Link((Text("link"),), "https://asean.org/?a=1&b=2"), Text(" and a break"),
                   LineBreak(), Text("after it."), ref())),
        Heading(2, (Text("The 25th SOMTC"),), "meetings-somtc-25"),
        Paragraph((Text("A very long word: " + LONG_WORD + "."), ref())),
        Callout((Text("Sources differ: length of the 25th SOMTC"),), (
            BulletList((
                ListItem((Text("Three days (Malaysiakini)."), ref())),
                ListItem((Text("Five days (The Sun)."), ref("concluded in Putrajaya after five days"))),
            )),
        )),
        Heading(3, (Text("A third-level heading"),), "meetings-level-3"),
        BulletList((ListItem((Text("First numbered."), ref())),
                    ListItem((Text("Second numbered."), ref()))), style="numbered"),
        Heading(1, (Text("Meeting timeline"),), "timeline"),
        Table(
            header=((Text("Date"),), (Text("Meeting"),), (Text("What the sources say"),)),
            rows=tuple(((Text(f"{(i % 28) + 1} June 2025"),), (Text(f"Meeting number {i}"),),
                        (Text(f"Row {i} states a fact with a note."), ref()))
                       for i in range(table_rows)),
            widths=(1, 2, 4),
            caption=(Text("Meetings in 2025, by date"),)),
        Heading(1, (Text("Sources"),), "sources"),
        BulletList((
            ListItem((Strong((Text("002_6ce76abb59b9a186.txt"),)),
                      Text(" (sha256 37404e34f0d2): Malaysiakini, “Strengthening regional "
                           "cooperation…”, date not stated.")),),
            ListItem((Strong((Text("000_9c59e753f68ead8e.txt"),)),
                      Text(" (sha256 a4a356c7f817): Outlet not stated, [report on the ASEAN "
                           "Foreign Ministers' Retreat], date not stated.")),),
        )),
    ]
    meta = Meta(title="ASEAN Cooperation Against Transnational Crime, 2025",
                subtitle="A test brief with every block type", audience="Minister's office",
                classification="OFFICIAL", organisation="Policy Analysis Unit",
                as_of="23 November 2026", author="Policy Analysis Unit",
                subject="ASEAN cooperation against transnational crime",
                keywords=("ASEAN", "SOMTC", "transnational crime"), page_size=page_size,
                note_placement=note_placement, build_date="2026-11-23T00:00:00+00:00")
    return Brief(meta=meta, blocks=tuple(blocks), notes=tuple(notes))


def xref_brief(note_style: str = "footnotes") -> Brief:
    """Return a brief where a fact stands in a list item and one in a table cell, and a
    section a page on refers to both."""
    notes = tuple(Note(n, f"f{n}", "s", "Outlet, “Title”", "a.txt", n, f"quoted words {n}")
                  for n in (1, 2))

    def see(anchor: str) -> ListItem:
        return ListItem((XRef((Text("See Meetings, above"),), anchor), Text(".")))

    blocks = (
        Heading(1, (Text("Meetings"),), "meetings"),
        BulletList((ListItem((Anchor("fact-a"), Text("Fact A stands here."), NoteRef(1))),)),
        Table(((Text("Date"),), (Text("Says"),)),
              (((Text("24 June"),), (Anchor("fact-b"), Text("Fact B in a cell."),
                                     NoteRef(2))),)),
        PageBreak(),
        Heading(1, (Text("Crimes"),), "crimes"),
        BulletList((see("fact-a"), see("fact-b"))),
    )
    return Brief(Meta(title="Refs", note_placement=note_style, build_date="2026-01-01"), blocks,
                 notes)
