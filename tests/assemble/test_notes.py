"""Notes (`notes.py`): one note per cited passage; short and full note texts; and, in
briefs built from a fact base of the test's own over the shipped seeds, how their
markers stand (numbered where first cited, once per row or item, ranges)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import edit
from factbase_fixtures import use_facts, use_outline

from briefing import model as m
from briefing.assemble.compose import assemble
from briefing.assemble.notes import NoteBook, short_source, short_titles
from briefing.assemble.templates import Templates
from briefing.build import load_outlines
from briefing.factbase.load import load_factbase
from briefing.project import Project

# Two facts citing one passage; a fact citing three passages; a quote over two lines; a
# meeting fact giving the date and the place of a timeline row.
FACTS = """\
facts:
  - id: three-days
    kind: meeting
    text: The 25th SOMTC was convened over three days in Putrajaya.
    meeting: somtc-25
    tags: [key]
    citations:
      - source: s002-malaysiakini
        quote: were successfully convened over three days in Putrajaya
  - id: putrajaya-host
    kind: meeting
    text: Putrajaya hosted the 25th SOMTC.
    meeting: somtc-25
    citations:
      - source: s002-malaysiakini
        quote: were successfully convened over three days in Putrajaya
  - id: three-sources
    kind: statement
    text: Three reports speak of ASEAN's cooperation against transnational crime.
    tags: [key]
    citations:
      - source: s000
        quote: vowed to join efforts to combat transnational crime
      - source: s001
        quote: 29th ASEAN Political-Security Community (APSC) Council Meeting
      - source: s004
        quote: The 9th Asean Ministerial Meeting On Transnational Crime (AMMTC) recently concluded
  - id: over-two-lines
    kind: statement
    text: ASEAN members vowed to fight online scams before the AMM Retreat.
    citations:
      - source: s000
        quote: "the rising threat of online scams. On January 19th, 2025"
  - id: retreat
    kind: meeting
    text: The AMM Retreat was convened in Langkawi.
    meeting: amm-retreat-2025
    place: Langkawi, Malaysia
    citations:
      - source: s000
        quote: "the ASEAN Foreign Ministers’ Retreat (AMM Retreat) was convened in Langkawi, Malaysia"
  - id: other-sources
    kind: context
    text: The other sources report the SOMTC and the AMMTC.
    citations:
      - source: s002-thesun
        quote: concluded in Putrajaya after five days
      - source: s002-xinhua
        quote: Home Affairs Minister Saifuddin Nasution Ismail said here on Tuesday
      - source: s002-bernama
        quote: said Home Minister Datuk Seri Saifuddin Nasution Ismail
      - source: s003
        quote: ASEAN Border Management Cooperation Roadmap was adopted
"""

OUTLINE = """\
description: Notes over a fact base of the test's own
extends: _base
title: Notes Brief
sections:
  - title: Key points
    template: key-points.md.j2
    select: {tags: [key]}
    options: {list_style: key-points}
  - title: Timeline
    template: timeline.md.j2
    select: {kinds: [meeting], sort: date}
  - title: Together
    template: together.md.j2
    select: {facts: [three-days]}
  - title: Everything
    template: bullets.md.j2
    select: {kinds: [meeting, statement], sort: id}
    repeats: restate  # shows again what the timeline shows: its notes are reused
"""
# One list item citing two facts of one passage, and a third fact.
TOGETHER = "- The meeting, twice.[@three-days; @putrajaya-host] Once more.[@over-two-lines]\n"


@pytest.fixture
def notes_project(project):
    use_facts(project, FACTS)
    use_outline(project, OUTLINE, "notes-brief")
    (project / "templates/sections/together.md.j2").write_text(TOGETHER, encoding="utf-8")
    return project


def brief_of(root, name="notes-brief") -> m.Brief:
    project = Project(root)
    base = load_factbase(project).require_valid()
    outline = load_outlines(project, base, [name])[0]
    return assemble(base, outline, Templates(root / "templates/sections", root, base.vocab),
                    "2026-11-23T00:00:00Z")


def items(brief: m.Brief, title: str) -> list[tuple[m.Inline, ...]]:
    """Return the inlines of each list item of section `title`."""
    at = next(i for i, b in enumerate(brief.blocks)
              if isinstance(b, m.Heading) and m.plain_text(b.children) == title)
    lists = []
    for block in brief.blocks[at + 1:]:
        if isinstance(block, m.Heading) and block.level == 1:
            break
        if isinstance(block, m.BulletList):
            lists += [i.children for i in block.items]
    return lists


def markers(inlines) -> list:
    return [n.number if isinstance(n, m.NoteRef) else (n.first, n.last)
            for n in inlines if isinstance(n, m.NOTE_MARKERS)]


def note_of(brief: m.Brief, fact_id: str) -> list[m.Note]:
    return [n for n in brief.notes if fact_id in n.fact_ids]


def test_a_passage_cited_again_keeps_its_note(notes_project):
    brief = brief_of(notes_project)
    (shared,) = note_of(brief, "three-days")
    assert shared.fact_ids == ("three-days", "putrajaya-host")
    assert note_of(brief, "putrajaya-host") == [shared]
    everything = {m.plain_text(i): markers(i) for i in items(brief, "Everything")}
    assert everything["The 25th SOMTC was convened over three days in Putrajaya."] == \
        everything["Putrajaya hosted the 25th SOMTC."] == [shared.number]
    assert len({n.text for n in brief.notes}) == len(brief.notes)


def test_repeated_notes_repeat_gives_every_citation_a_note(notes_project):
    edit(notes_project / "templates/outlines/notes-brief.yaml", "title: Notes Brief",
         "title: Notes Brief\nrepeated_notes: repeat")
    reused = brief_of(notes_project)
    # What the brief looked like before notes were reused: numbers 1..N, each once.
    numbers = [n for b in reused.blocks if not isinstance(b, m.Figure)
               for n in m.block_note_numbers(b)]
    assert numbers == list(range(1, len(reused.notes) + 1))
    assert len(note_of(reused, "three-days")) > 1
    assert len({n.text for n in reused.notes}) < len(reused.notes)


def test_notes_are_numbered_where_first_cited_and_every_marker_resolves(notes_project):
    brief = brief_of(notes_project)
    order = [n for b in brief.blocks for n in m.block_note_numbers(b)]
    assert list(dict.fromkeys(order)) == [n.number for n in brief.notes]
    assert [n.number for n in brief.notes] == list(range(1, len(brief.notes) + 1))


def test_a_run_of_reused_notes_prints_as_a_range_and_new_ones_one_by_one(notes_project):
    brief = brief_of(notes_project)
    first, second, third = sorted(n.number for n in note_of(brief, "three-sources"))
    assert (first + 1, first + 2) == (second, third)
    key = {m.plain_text(i, notes=False): markers(i) for i in items(brief, "Key points")}
    # Introduced here: every number printed, so Word and pandoc keep each note.
    assert key["Three reports speak of ASEAN’s cooperation against transnational crime."] == \
        [first, second, third]
    body = {m.plain_text(i, notes=False): markers(i) for i in items(brief, "Everything")}
    assert body["Three reports speak of ASEAN’s cooperation against transnational crime."] == \
        [(first, third)]
    (text,) = [m.plain_text(i, notes=True) for i in items(brief, "Everything")
               if m.plain_text(i).startswith("Three reports")]
    assert text.endswith(f"crime.{first}\u2013{third}")


def test_one_item_marks_a_note_once_at_its_last_place(notes_project):
    brief = brief_of(notes_project)
    (item,) = items(brief, "Together")
    (shared,) = note_of(brief, "three-days")
    (lines,) = note_of(brief, "over-two-lines")
    assert markers(item) == [shared.number, lines.number]
    assert m.plain_text(item, notes=False) == "The meeting, twice. Once more."


def test_one_table_row_marks_a_note_once(notes_project):
    brief = brief_of(notes_project)
    (table,) = [b for b in brief.blocks if isinstance(b, m.Table)]
    (retreat,) = note_of(brief, "retreat")
    row = next(r for r in table.rows if "Langkawi" in m.plain_text(r[2]))
    # The date, the place and the summary come from one passage: one marker, at the end.
    assert [markers(cell) for cell in row] == [[], [], [], [retreat.number]]


def test_short_note_reads_outlet_short_title_date_lines_and_words(notes_project):
    brief = brief_of(notes_project)
    (shared,) = note_of(brief, "three-days")
    assert shared.text == ("Malaysiakini, ‘Strengthening regional cooperation …’, undated, "
                           "l. 9: “were successfully convened over three days in Putrajaya”")
    (lines,) = note_of(brief, "over-two-lines")
    assert lines.text == ("[report on the ASEAN Foreign …], undated, ll. 1–2: "
                          "“the rising threat of online scams. On January 19th, 2025”")
    assert not any(n.file in n.text or "Outlet not stated" in n.text for n in brief.notes)


def test_a_brief_without_sources_list_names_the_file_in_its_notes(notes_project):
    edit(notes_project / "templates/outlines/notes-brief.yaml", "title: Notes Brief",
         "title: Notes Brief\nsources_list: false")
    brief = brief_of(notes_project)
    assert all(f", {n.file}, l" in n.text for n in brief.notes)
    assert not any(isinstance(b, m.Heading) and m.plain_text(b.children) == "Sources"
                   for b in brief.blocks)


def test_two_passages_that_read_alike_once_cut_are_one_note(notes_project):
    # Both quotes start alike on line 9; cut at 30 characters they read the same.
    edit(notes_project / "seeds/facts/facts.yaml",
         "    text: Putrajaya hosted the 25th SOMTC.\n    meeting: somtc-25\n    citations:\n"
         "      - source: s002-malaysiakini\n"
         "        quote: were successfully convened over three days in Putrajaya",
         "    text: Putrajaya hosted the 25th SOMTC.\n    meeting: somtc-25\n    citations:\n"
         "      - source: s002-malaysiakini\n"
         "        quote: were successfully convened over three days in Putrajaya, with a total")
    edit(notes_project / "templates/outlines/notes-brief.yaml", "title: Notes Brief",
         "title: Notes Brief\nquote_length: 30")
    brief = brief_of(notes_project)
    assert note_of(brief, "three-days") == note_of(brief, "putrajaya-host")
    assert len({n.text for n in brief.notes}) == len(brief.notes)


def test_full_notes_keep_the_file_and_whole_title(notes_project):
    edit(notes_project / "templates/outlines/notes-brief.yaml", "title: Notes Brief",
         "title: Notes Brief\nnote_style: full")
    brief = brief_of(notes_project)
    (shared,) = note_of(brief, "three-days")
    assert shared.text == (
        "Malaysiakini, “Strengthening regional cooperation: Highlights of the 25th SOMTC "
        "Meeting and Its Related Meetings in Putrajaya”. 002_6ce76abb59b9a186.txt, line 9: "
        "“were successfully convened over three days in Putrajaya”")


def test_the_manifest_names_every_fact_a_note_is_shared_by(notes_project, tmp_path):
    from briefing.build import build
    from briefing.publish.manifest import Manifest
    from briefing.publish.output import OutputFolder

    build(Project(notes_project), ["notes-brief"], ["md"], tmp_path, force=True)
    entry = Manifest.read(OutputFolder(tmp_path)).outputs["notes-brief.md"]
    assert {"three-days", "putrajaya-host", "over-two-lines"} <= set(entry.facts)


# ---------------------------------------------------------------- short titles


@dataclass
class _Source:
    id: str
    title: str | None = None
    label: str | None = None
    outlet: str | None = None
    date: object = None

    @property
    def outlet_shown(self) -> str:
        return self.outlet or "Outlet not stated"


@pytest.mark.parametrize("title, shown", [
    ("Short headline", "‘Short headline’"),
    ("ASEAN SOMTC focuses on combating 10 cross-border crimes",
     "‘ASEAN SOMTC focuses on combating …’"),
    ("Cooperation needed to combat cybercrime threats", "‘Cooperation needed to combat …’"),
    ("Strengthening regional cooperation: Highlights of the 25th SOMTC Meeting",
     "‘Strengthening regional cooperation …’"),
    # A cut never ends on a linking word.
    ("Ministers meet in the capital of the region to agree on steps",
     "‘Ministers meet in the capital …’"),
])
def test_a_short_title_is_a_few_words(title, shown):
    assert short_titles([_Source("a", title)])["a"] == shown


def test_short_titles_of_two_sources_never_read_the_same():
    sources = [_Source("a", label="report on the ASEAN meeting of foreign ministers in Langkawi"),
               _Source("b", label="report on the ASEAN meeting of home ministers in Melaka"),
               _Source("c", label="report on the ASEAN meeting of foreign ministers in Langkawi")]
    got = short_titles(sources)
    assert got["a"] != got["b"] and got["a"] == got["c"]  # same description, same name
    assert got["a"].startswith("[report on the ASEAN meeting of foreign") and got["a"].endswith("…]")


def test_short_source_leaves_out_an_outlet_not_stated():
    from briefing.factbase.dates import parse_date

    assert short_source(_Source("a", "T", outlet="VNA"), "‘T’") == "VNA, ‘T’, undated"
    dated = _Source("a", "T", outlet=None, date=parse_date("2025-06-24"))
    assert short_source(dated, "‘T’") == "‘T’, 24 June 2025"


def test_note_book_knows_which_facts_cite_each_note(notes_project):
    base = load_factbase(Project(notes_project)).require_valid()
    first, second = base.by_id["three-days"], base.by_id["putrajaya-host"]
    notes = NoteBook(base.sources, 200)
    assert notes.cite(first) == notes.cite(second)  # one passage, one note
    assert notes.cite_once(first) == notes.cite(first)
    assert [n.fact_ids for n in notes.finished()[0]] == [(first.id, second.id)]
    assert notes.facts_of(1) == [first.id, second.id]


# Facts quoting overlapping words of one source: one passage, one note.
OVERLAPPING = """\
  - id: delegates
    kind: statement
    text: Two hundred delegates attended the 25th SOMTC.
    citations:
      - source: s002-malaysiakini
        quote: three days in Putrajaya, with a total of 200 delegates in attendance
  - id: in-putrajaya
    kind: statement
    text: The 25th SOMTC met in Putrajaya.
    citations:
      - source: s002-malaysiakini
        quote: in Putrajaya
        suffix: ", with a total"
  - id: platform
    kind: statement
    text: The SOMTC is a key platform for ASEAN Member States.
    citations:
      - source: s002-malaysiakini
        quote: This high-level meeting serves as a key platform
"""


def _with_overlapping(project):
    use_facts(project, FACTS + OVERLAPPING)
    base = load_factbase(Project(project)).require_valid()
    return base, [base.by_id[i] for i in ("three-days", "delegates", "in-putrajaya",
                                             "platform")]


def test_notes_whose_words_overlap_in_one_source_become_one_quoting_them_all(notes_project):
    base, (three_days, delegates, nested, apart) = _with_overlapping(notes_project)
    book = NoteBook(base.sources, 400)
    for fact in (three_days, apart, delegates, nested):
        book.cite(fact)
    notes, number_of = book.finished()
    assert number_of == {1: 1, 2: 2, 3: 1, 4: 1}  # the passage keeps its first number
    passage, other = notes
    assert passage.fact_ids == (three_days.id, delegates.id, nested.id)
    assert passage.quote == ("were successfully convened over three days in Putrajaya, with a "
                             "total of 200 delegates in attendance")
    assert other.fact_ids == (apart.id,) and other.number == 2
    assert other.quote == "This high-level meeting serves as a key platform"  # words apart


def test_overlapping_notes_stay_apart_when_each_citation_has_its_own(notes_project):
    base, facts = _with_overlapping(notes_project)
    book = NoteBook(base.sources, 400, reuse=False)
    for fact in facts:
        book.cite(fact)
    notes, number_of = book.finished()
    assert number_of == {} and len(notes) == len(facts)


def test_a_brief_marks_a_passage_once_where_facts_quote_overlapping_words(notes_project):
    use_facts(notes_project, FACTS + OVERLAPPING)
    use_outline(notes_project, OUTLINE.replace(
        "select: {kinds: [meeting, statement], sort: id}",
        "select: {facts: [three-days, delegates, in-putrajaya, platform]}"), "notes-brief")
    brief = brief_of(notes_project)
    assert [n.number for n in brief.notes] == list(range(1, len(brief.notes) + 1))
    (passage,) = [n for n in brief.notes if "delegates" in n.fact_ids]
    assert set(passage.fact_ids) >= {"three-days", "delegates", "in-putrajaya"}
    everything = {m.plain_text(i): markers(i) for i in items(brief, "Everything")}
    assert everything["Two hundred delegates attended the 25th SOMTC."] == [passage.number]
    assert everything["The 25th SOMTC met in Putrajaya."] == [passage.number]
    assert len({n.text for n in brief.notes}) == len(brief.notes)
