"""The seed files a brief carries for a source viewer: each cited file once, its segments,
its declared debris, and every note's offsets pointing at the note's own words."""

from __future__ import annotations

from dataclasses import replace

from conftest import fixture_root

from briefing import model as m
from briefing.assemble.compose import assemble
from briefing.assemble.source_texts import source_texts
from briefing.assemble.templates import Templates
from briefing.build import load_outlines
from briefing.factbase.load import load_factbase
from briefing.factbase.textnorm import normalise
from briefing.project import Project


def _briefs():
    project = Project(fixture_root())
    base = load_factbase(project).require_valid()
    templates = Templates(project.templates / "sections", project.root, base.vocab)
    return base, [assemble(base, o, templates, "2026-11-23T00:00:00Z")
                  for o in load_outlines(project, base, [], templates)]


def test_every_note_points_at_its_own_words_in_the_file_the_brief_carries():
    _, briefs = _briefs()
    for brief in briefs:
        files = {sid: s for s in brief.sources for sid in s.source_ids()}
        assert {n.source_id for n in brief.notes} <= set(files)
        for note in brief.notes:
            words = " ".join(files[note.source_id].text[note.start:note.end].split())
            if note.quote.endswith("…"):
                assert words.startswith(note.quote[:-1]), note
            else:
                assert words == note.quote, note


def test_each_cited_file_once_with_its_text_segments_and_hash():
    base, briefs = _briefs()
    for brief in briefs:
        ids = [s.id for s in brief.sources]
        assert len(ids) == len(set(ids))
        for source in brief.sources:
            seed = next(s.seed for s in base.sources.values() if s.file == source.file)
            assert source.text == seed.text and source.sha256 == seed.sha256
            assert [g.first_line for g in source.segments] == sorted(
                g.first_line for g in source.segments)
            assert "text=" not in repr(source)  # the digest stands for it, via sha256


def test_debris_is_marked_inside_segments_and_outside_them_only_where_declared():
    base, _ = _briefs()
    segmented = {}
    for source in base.sources.values():
        if source.part_of:
            segmented.setdefault(source.file, []).append(source)
    assert segmented, "the test project has a segmented file"
    for file, group in segmented.items():
        notes = (m.Note(1, ("f",), group[0].id, "x", file, 1, "q", start=0, end=1),)
        (shown,) = source_texts(base.sources, notes)
        declared = {normalise(d) for s in group for d in s.debris}
        for start, end in shown.debris:
            assert normalise(shown.text[start:end]) in declared
        inside = {span for s in group for span in s.debris_spans}
        assert inside <= set(shown.debris)


def test_notes_of_one_file_share_its_entry_and_files_come_in_order_of_first_citation():
    base, _ = _briefs()
    by_file = {}
    for source in base.sources.values():
        by_file.setdefault(source.file, source)
    chosen = list(by_file.values())[:2][::-1]
    notes = tuple(replace(m.Note(i, ("f",), s.id, "x", s.file, 1, "q"), start=0, end=1)
                  for i, s in enumerate(chosen, 1))
    assert [s.file for s in source_texts(base.sources, notes)] == [s.file for s in chosen]
