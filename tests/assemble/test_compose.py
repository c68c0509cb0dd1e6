"""Assembly: outlines and templates over the fact base become a Brief with numbered notes."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT, copy_project, edit
from factbase_fixtures import MINIMAL_FACTS, use_facts, use_outline

from briefing import model as m
from briefing.assemble.compose import EMPTY_TEXT, assemble, cited_facts
from briefing.assemble.templates import Templates
from briefing.build import load_outlines
from briefing.factbase.load import load_factbase
from briefing.project import Project
from briefing.writers.markdown import write as write_md

HOSTILE = "Fact with <b>bold</b> & *stars* _x_ # [@x] `tick` {{ 1 }} {% if %} Lương Tam Quang, Việt Nam."


def hostile_facts() -> str:
    return MINIMAL_FACTS.replace(
        "text: The ASEAN Border Management Cooperation Roadmap was adopted.",
        "text: '" + HOSTILE + "'\n    tags: [key]")


@pytest.fixture(autouse=True)
def test_outline(project):
    """Every test here builds the test outline over the minimal facts."""
    return use_outline(project)


def brief_for(root, name="test-brief") -> m.Brief:
    project = Project(root)
    base = load_factbase(project).require_valid()
    outline = load_outlines(project, base, [name])[0]
    templates = Templates(root / "templates/sections", root, base.vocab)
    return assemble(base, outline, templates, "2026-11-23T00:00:00Z")


def walk_inlines(brief: m.Brief):
    """Yield (block, inlines) for every run of inline content, in reading order."""
    def blocks(items):
        for block in items:
            if isinstance(block, (m.Heading, m.Paragraph)):
                yield block, block.children
            elif isinstance(block, m.BulletList):
                for item in block.items:
                    yield item, item.children
            elif isinstance(block, m.Table):
                for row in block.rows:
                    yield row, tuple(i for cell in row for i in cell)
            elif isinstance(block, m.Callout):
                yield block, block.title
                yield from blocks(block.blocks)
    yield from blocks(brief.blocks)


def test_notes_are_numbered_in_the_order_they_are_first_cited(project):
    use_facts(project, hostile_facts())
    brief = brief_for(project)
    numbers = [n for _, inl in walk_inlines(brief) for n in m.note_numbers(inl)]
    assert list(dict.fromkeys(numbers)) == list(range(1, len(brief.notes) + 1))
    assert [n.number for n in brief.notes] == list(dict.fromkeys(numbers))
    # The key points restate a fact the body shows: its note is cited again, not repeated.
    assert len(numbers) > len(brief.notes)


def test_every_list_item_and_table_row_with_a_fact_has_its_note(project):
    use_facts(project, hostile_facts())
    brief = brief_for(project)
    texts = {line.split("text: ", 1)[1].strip("'\"") for line in hostile_facts().splitlines()
             if line.strip().startswith("text: ")}
    for owner, inlines in walk_inlines(brief):
        text = m.plain_text(inlines)
        if any(t in text for t in texts):
            assert m.note_numbers(inlines), f"no note on: {text}"


def test_note_quotes_the_seed_and_names_file_line_and_outlet(project):
    use_facts(project)
    brief = brief_for(project)
    sun = next(n for n in brief.notes if n.fact_ids == ("somtc25-five-days",))
    assert sun.file == "002_6ce76abb59b9a186.txt" and sun.line == 17
    assert sun.quote == "concluded in Putrajaya after five days"
    assert sun.text == ("The Sun, ‘ASEAN SOMTC focuses on combating …’, undated, l. 17: "
                        "“concluded in Putrajaya after five days”")
    retreat = next(n for n in brief.notes if n.fact_ids == ("retreat-langkawi",))
    # The note shows the seed's own characters (a curly apostrophe), not the curator's typing.
    assert "Ministers’ Retreat" in retreat.quote
    # No outlet stated: the note starts with the source's bracketed description.
    assert retreat.source.startswith("[report on the ASEAN Foreign")


def test_full_notes_name_the_outlet_title_and_seed_file(project, test_outline):
    edit(test_outline, "title: Test Brief", "title: Test Brief\nnote_style: full")
    use_facts(project)
    brief = brief_for(project)
    sun = next(n for n in brief.notes if n.fact_ids == ("somtc25-five-days",))
    assert sun.text == ("The Sun, “ASEAN SOMTC focuses on combating 10 cross-border crimes”. "
                        "002_6ce76abb59b9a186.txt, line 17: "
                        "“concluded in Putrajaya after five days”")
    retreat = next(n for n in brief.notes if n.fact_ids == ("retreat-langkawi",))
    assert retreat.source.startswith("Outlet not stated, [")


def test_long_quotes_are_cut_at_a_word_boundary(project):
    from briefing.assemble.notes import cut_quote

    quote = "The meeting also approved the establishment of an ASEAN Senior Officials’ Meeting"
    cut = cut_quote(quote, 40)
    assert cut.endswith("…") and len(cut) <= 41
    assert quote.startswith(cut[:-1]) and quote[len(cut) - 1] == " "
    assert cut_quote("short", 40) == "short"


def test_conflict_box_shows_both_values_with_both_notes_where_used(project):
    use_facts(project)
    brief = brief_for(project)
    boxes = [b for b in brief.blocks if isinstance(b, m.Callout) and b.kind == "sources-differ"]
    assert len(boxes) == 1, "one box per conflict"
    assert m.plain_text(boxes[0].title) == "Sources differ on the length in days of the 25th SOMTC"
    items = [m.plain_text(i.children) for i in boxes[0].blocks[0].items]
    assert items == ["Malaysiakini: 3", "The Sun: 5"]  # each value once, with its outlets
    cited = {f for i in boxes[0].blocks[0].items for n in m.note_numbers(i.children)
             for f in brief.notes[n - 1].fact_ids}
    assert cited == {"somtc25-three-days", "somtc25-five-days"}


def test_no_conflict_box_when_sources_agree(project):
    path = use_facts(project)
    edit(path, "attributes: {length_days: 5}", "attributes: {length_days: 3}")
    brief = brief_for(project)
    assert not any(isinstance(b, m.Callout) for b in brief.blocks)


def test_empty_section_says_so_or_is_left_out(project):
    use_facts(project)
    brief = brief_for(project)
    texts = [m.plain_text(b.children) for b in brief.blocks if isinstance(b, m.Paragraph)]
    assert EMPTY_TEXT in texts  # key points: no fact is tagged key
    edit(project / "templates/outlines/test-brief.yaml", "template: key-points.md.j2\n",
         "template: key-points.md.j2\n    empty: omit\n")
    headings = [m.plain_text(h.children) for h in brief_for(project).headings(1)]
    assert "Key points" not in headings


def test_hostile_fact_text_reads_as_itself_in_markdown(project):
    use_facts(project, hostile_facts())
    brief = brief_for(project)
    texts = [m.plain_text(inl) for _, inl in walk_inlines(brief)]
    assert HOSTILE in texts
    md = write_md(brief).decode()
    if shutil.which("pandoc"):
        plain = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
                               input=md, capture_output=True, text=True, check=True).stdout
        assert HOSTILE in plain


def run_build(cli, project, *args):
    return cli("build", "--format", "md", "--out", str(project / "out"), *args, root=project)


def test_template_syntax_error_names_template_and_line(project, cli):
    use_facts(project)
    (project / "templates/sections/bullets.md.j2").write_text(
        "{% for fact in facts %}\n- {{ fact | cite }\n{% endfor %}\n")
    result = run_build(cli, project)
    assert result.code == 1
    assert "templates/sections/bullets.md.j2:2: error: template syntax error" in result.err
    assert not (project / "out").exists() or not any((project / "out").iterdir())


def test_template_undefined_name_names_template_and_line(project, cli):
    use_facts(project)
    (project / "templates/sections/bullets.md.j2").write_text(
        "{% for fact in facts %}\n\n- {{ fact | cite }} {{ colour }}\n{% endfor %}\n")
    result = run_build(cli, project)
    assert result.code == 1
    assert "bullets.md.j2:3: error: template uses an undefined name: 'colour' is undefined" in result.err


def test_template_sandbox_blocks_python_internals(project, cli):
    use_facts(project)
    (project / "templates/sections/bullets.md.j2").write_text(
        "{{ facts.__class__.__mro__ }}\n")
    result = run_build(cli, project)
    assert result.code == 1 and "Traceback" not in result.err


@pytest.mark.parametrize("old,new,message", [
    ("extends: _base", "extends: test-brief", "outline extends itself: test-brief -> test-brief"),
    ("extends: _base", "extends: ../../etc/passwd", "'extends' must name an outline"),
    ("extends: _base", "extends: _missing", "outline extends unknown outline '_missing'"),
    ("template: bullets.md.j2", "template: ../../seeds/sources.yaml", "unknown template '../../seeds/sources.yaml'"),
    ("template: bullets.md.j2", "template: /etc/passwd", "unknown template '/etc/passwd'"),
    ("select: {kinds: [priority]}", "select: {kinds: [rumour]}", "unknown kind 'rumour'"),
    ("select: {kinds: [priority]}", "select: {facts: [no-such-fact]}", "selects unknown fact 'no-such-fact'"),
    ("select: {kinds: [priority]}", "select: {sources: [s009]}", "selects unknown source 's009'"),
    ("select: {kinds: [priority]}", "select: {partners: [atlantis]}", "partners names unknown id 'atlantis'"),
    ("select: {kinds: [priority]}", "select: {date_from: 2025-02-30}", "not a real date"),
    ("select: {kinds: [priority]}", "select: {limit: many}", "'limit' must be a whole number"),
    ("sections:\n", "formats: [docx, odt]\nsections:\n", "unknown format 'odt'"),
    ("sections:\n", "page_size: A5\nsections:\n", "'page_size' must be one of A4, Letter"),
    ("sections:\n", "note_style: brief\nsections:\n", "'note_style' must be one of short, full"),
    ("sections:\n", "repeated_notes: always\nsections:\n",
     "'repeated_notes' must be one of reuse, repeat"),
    ("sections:\n", "reference_docx: styles.docx\nsections:\n", "reference_docx 'styles.docx' not found"),
    ("sections:\n", "reference_docx: ../../x.docx\nsections:\n", "must be a path inside templates/"),
    ("sections:\n", "contents_depth: 4\nsections:\n", "contents_depth must be 1, 2 or 3, found 4"),
    ("select: {kinds: [priority]}", "select: {kinds: [priority]}\n    repeats: twice",
     "'repeats' must be one of refer, omit, restate"),
    ("select: {kinds: [priority]}", "select: {kinds: [priority], sort: importance}",
     "'sort' must be one of source, date, meeting, kind, id, rank"),
])
def test_outline_errors(project, cli, old, new, message):
    use_facts(project)
    edit(project / "templates/outlines/test-brief.yaml", old, new)
    result = run_build(cli, project, "test-brief")
    assert result.code in (1, 2), result.err
    assert "Traceback" not in result.err
    assert message in result.err
    assert not (project / "out").exists() or not any((project / "out").iterdir())


def test_unknown_outline_and_format_are_unusable_input(project, cli):
    use_facts(project)
    result = run_build(cli, project, "no-such-brief")
    assert result.code == 2 and "unknown outline 'no-such-brief'" in result.err
    result = cli("build", "--format", "odt", root=project)
    assert result.code == 2 and "unknown format 'odt'" in result.err
    result = run_build(cli, project, "../seeds/sources")
    assert result.code == 2 and "is not an outline name" in result.err


# ---------------------------------------------------------------- each fact once

def _fact_texts(project) -> dict[str, str]:
    """Return each fact's text as a brief sets it (curly quotes, en dashes)."""
    from briefing.assemble.typography import smarten

    base = load_factbase(Project(project)).require_valid()
    return {f.id: smarten(f.text) for f in base.facts}


def _shown(brief: m.Brief, text: str) -> int:
    """Return how many runs of the brief's blocks (key points left out) show `text`."""
    count = 0
    for block in brief.blocks:
        if isinstance(block, m.BulletList) and block.style == "key-points":
            continue
        for run in m.inline_runs(block):
            count += text in m.plain_text(run)
    return count


def test_a_fact_selected_twice_stands_once_and_the_later_section_refers_to_it(project):
    use_facts(project)
    brief = brief_for(project)  # the timeline shows each meeting's first fact; so does Meetings
    for text in _fact_texts(project).values():
        assert _shown(brief, text) <= 1, text
    meetings = brief.blocks.index(next(b for b in brief.blocks if isinstance(b, m.Heading)
                                       and m.plain_text(b.children) == "Meetings"))
    refs = [n for b in brief.blocks[meetings:] for run in m.inline_runs(b) for n in run
            if isinstance(n, m.XRef)]
    assert refs and {m.plain_text(r.children) for r in refs} == {"See Meeting timeline, above"}
    anchors = {n.name for b in brief.blocks for run in m.inline_runs(b) for n in run
               if isinstance(n, m.Anchor)}
    assert {r.anchor for r in refs} == anchors  # each links to where its fact stands
    table = next(b for b in brief.blocks if isinstance(b, m.Table))
    assert anchors <= {n.name for row in table.rows for cell in row for n in cell
                       if isinstance(n, m.Anchor)}
    assert all(not m.note_numbers(r.children) for r in refs)  # a reference carries no note


def test_repeats_omit_leaves_out_what_the_brief_has_shown(project):
    use_facts(project)
    edit(project / "templates/outlines/test-brief.yaml",
         "select: {kinds: [meeting]}\n", "select: {kinds: [meeting]}\n    repeats: omit\n")
    brief = brief_for(project)
    assert not any(isinstance(n, m.XRef) for b in brief.blocks for run in m.inline_runs(b)
                   for n in run)
    texts = _fact_texts(project)
    assert _shown(brief, texts["somtc25-five-days"]) == 1  # not in the timeline: still here
    headings = [m.plain_text(h.children) for h in brief.headings(2)]
    # the meetings whose only fact the timeline shows have no sub-heading left
    assert "29th ASEAN Political-Security Community Council Meeting" not in headings


def test_a_section_whose_facts_are_all_shown_above_says_so_or_is_left_out(project):
    use_facts(project)
    outline = project / "templates/outlines/test-brief.yaml"
    edit(outline, "  - title: Initiatives\n    template: bullets.md.j2\n"
                  "    select: {kinds: [initiative]}\n",
         "  - title: Initiatives\n    template: bullets.md.j2\n    select: {kinds: [initiative]}\n"
         "  - title: Initiatives again\n    template: bullets.md.j2\n"
         "    select: {kinds: [initiative]}\n    repeats: omit\n")
    from briefing.assemble.compose import SHOWN_TEXT

    paragraphs = [m.plain_text(b.children) for b in brief_for(project).blocks
                  if isinstance(b, m.Paragraph)]
    assert SHOWN_TEXT in paragraphs
    edit(outline, "    repeats: omit\n", "    repeats: omit\n    empty: omit\n")
    assert "Initiatives again" not in [m.plain_text(h.children)
                                      for h in brief_for(project).headings(1)]


def test_key_points_restate_a_fact_the_body_shows_in_full(project):
    use_facts(project, MINIMAL_FACTS.replace("  - id: ammtc9\n",
                                             "  - id: ammtc9\n    tags: [key]\n"))
    brief = brief_for(project)
    text = _fact_texts(project)["ammtc9"]
    keys = next(b for b in brief.blocks if isinstance(b, m.BulletList) and b.style == "key-points")
    assert [m.plain_text(i.children) for i in keys.items] == [text]
    assert _shown(brief, text) == 1  # and once in the body, in full, with its note
    assert not any(isinstance(n, (m.Anchor, m.XRef)) for i in keys.items for n in i.children)


def test_ranked_key_points_take_the_first_by_rank(project):
    facts = MINIMAL_FACTS
    for fid, rank in (("apsc-29", 2), ("ammtc9", 1), ("border-roadmap", None)):
        facts = facts.replace(f"  - id: {fid}\n", f"  - id: {fid}\n    tags: [key]\n"
                              + (f"    rank: {rank}\n" if rank else ""))
    use_facts(project, facts)
    edit(project / "templates/outlines/test-brief.yaml", "select: {tags: [key]}",
         "select: {tags: [key], sort: rank, limit: 2}")
    brief = brief_for(project)
    keys = next(b for b in brief.blocks if isinstance(b, m.BulletList) and b.style == "key-points")
    texts = _fact_texts(project)
    assert [m.plain_text(i.children) for i in keys.items] == [texts["ammtc9"], texts["apsc-29"]]


def test_the_contents_depth_comes_from_the_outline(project):
    use_facts(project)
    edit(project / "templates/outlines/test-brief.yaml", "sections:\n",
         "contents_depth: 1\nsections:\n")
    (toc,) = [b for b in brief_for(project).blocks if isinstance(b, m.TableOfContents)]
    assert toc.depth == 1
    md = write_md(brief_for(project)).decode()
    contents = md.split("**Contents**", 1)[1].split("\n# ", 1)[0]
    assert "    - [" not in contents and "- [Meetings](#meetings)" in contents


def test_curated_text_is_set_with_curly_quotes_and_the_vocabularys_spelling(project):
    use_facts(project, MINIMAL_FACTS.replace(
        "text: The 9th AMMTC concluded.",
        "text: 'Luong Tam Quang said the \"9th AMMTC\" was Vietnam''s 2024-2025 success.'\n"
        "    people: [luong-tam-quang]\n    member_states: [vietnam]"))
    brief = brief_for(project)
    # The vocabulary's "Lương" is no seed's spelling (issue 15): the text keeps "Luong".
    expected = "Luong Tam Quang said the “9th AMMTC” was Viet Nam’s 2024–2025 success."
    assert _shown(brief, expected) == 1
    note = next(n for n in brief.notes if "ammtc9" in n.fact_ids)
    assert note.quote.startswith("The 9th Asean Ministerial Meeting")  # source words as they are
    title = brief.meta.title
    assert title == "Test Brief"
    edit(project / "templates/outlines/test-brief.yaml", "title: Test Brief",
         "title: Test Brief - Quick 'One'")
    assert brief_for(project).meta.title == "Test Brief – Quick ‘One’"


def test_a_heading_never_takes_a_facts_anchor(project):
    use_facts(project)
    edit(project / "templates/outlines/test-brief.yaml", "title: Initiatives",
         "title: Fact retreat-langkawi")
    brief = brief_for(project)
    anchors = {n.name for b in brief.blocks for run in m.inline_runs(b) for n in run
               if isinstance(n, m.Anchor)}
    assert "fact-retreat-langkawi" in anchors
    assert not anchors & {h.anchor for h in brief.headings(3)}


def test_key_points_may_open_with_their_meeting_in_bold(project):
    use_facts(project, MINIMAL_FACTS.replace("  - id: ammtc9\n",
                                             "  - id: ammtc9\n    tags: [key]\n"))
    edit(project / "templates/outlines/test-brief.yaml", "options: {list_style: key-points}",
         "options: {list_style: key-points, lead: meeting}")
    keys = next(b for b in brief_for(project).blocks
                if isinstance(b, m.BulletList) and b.style == "key-points")
    (item,) = keys.items
    assert item.children[0] == m.Strong((m.Text("9th AMMTC:"),))
    assert m.plain_text(item.children[1:]).startswith(" The 9th AMMTC concluded.")


def _cited_both_ways(root):
    """Yield (outline, what `cited_facts` gives, the facts of `assemble`'s notes in order)
    for every outline of the project at `root`."""
    project = Project(root)
    base = load_factbase(project).require_valid()
    templates = Templates(root / "templates/sections", root, base.vocab)
    for outline in load_outlines(project, base, []):
        brief = assemble(base, outline, templates, "2026-11-23T00:00:00Z")
        yield (outline.name, cited_facts(base, outline, templates),
               [fid for note in brief.notes for fid in note.fact_ids])


@pytest.mark.parametrize("options", ["", "repeated_notes: repeat\n", "note_style: full\n"])
def test_cited_facts_are_those_of_the_assembled_briefs_notes_in_order(tmp_path, options):
    root = copy_project(tmp_path / "whole")  # every outline of the test project
    with (root / "templates/outlines/_base.yaml").open("a", encoding="utf-8") as base:
        base.write(options)
    seen = 0
    for name, cited, noted in _cited_both_ways(root):
        assert cited == noted, name
        seen += bool(noted)
    assert seen >= 3


@pytest.mark.shipped
def test_cited_facts_are_those_of_the_shipped_briefs_notes_in_order():
    for name, cited, noted in _cited_both_ways(ROOT):
        assert cited and cited == noted, name
