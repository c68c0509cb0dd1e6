"""The shipped fact base: valid, complete over the seeds, and finding the known conflicts."""

from __future__ import annotations

import hashlib

import pytest
from conftest import ROOT

from briefing import model as m
from briefing.assemble.compose import assemble
from briefing.assemble.templates import Templates
from briefing.build import load_outlines
from briefing.factbase.load import load_factbase
from briefing.project import Project

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def base():
    return load_factbase(Project(ROOT))


def test_shipped_fact_base_is_valid(base):
    assert base.errors == [], "\n".join(p.format() for p in base.errors)
    assert base.warnings == [], "\n".join(p.format() for p in base.warnings)


def test_size_and_every_kind_present(base):
    assert 80 <= len(base.facts) <= 150
    assert {f.kind for f in base.facts} == {"meeting", "priority", "engagement", "initiative",
                                            "statement", "context"}


def test_every_seed_file_and_segment_is_cited(base):
    cited = {c.source for f in base.facts for c in f.citations}
    assert cited == set(base.sources)
    assert {s.file for s in base.sources.values()} == {p.name for p in (ROOT / "seeds").glob("*.txt")}


def test_seeds_are_byte_identical_to_the_reference(base):
    if not SHARED_SEEDS.is_dir():
        pytest.skip("the shared reference seeds are not beside this checkout")
    for ref in SHARED_SEEDS.glob("*.txt"):
        assert (ROOT / "seeds" / ref.name).read_bytes() == ref.read_bytes()
    for source in base.sources.values():
        assert hashlib.sha256(source.seed.path.read_bytes()).hexdigest() == source.seed.sha256


def test_the_two_somtc_conflicts_are_found(base):
    found = {(c.subject, c.attribute): {cl.value for cl in c.claims} for c in base.conflicts}
    assert found[("somtc-25", "length_days")] == {"3", "5"}
    assert found[("somtc-25", "start_day")] == {"24 June", "23 June"}
    sources = {c.attribute: {s for cl in c.claims for s in cl.sources} for c in base.conflicts}
    assert sources["length_days"] == {"s002-malaysiakini", "s002-thesun"}


def test_every_somtc_plus_consultation_has_a_fact(base):
    consultations = [e.id for e in base.vocab["meetings"].values() if e.get("series") == "somtc-plus"]
    assert len(consultations) == 11
    for meeting in consultations:
        assert any(f.meeting == meeting for f in base.facts), meeting


def test_web_debris_is_never_cited(base):
    debris = ("Click Here For The Original Source", "leftcenterrightdel", "[email protected]",
              "days ago", "- Politics", "Source: VNA")
    for fact in base.facts:
        for cit in fact.citations:
            assert not any(d in cit.quote for d in debris), (fact.id, cit.quote)
            assert cit.quote.strip() != "Related", fact.id


def test_relative_dates_stay_undated(base):
    wang = next(f for f in base.facts if f.meeting == "wang-yi-asean-envoys")
    assert wang.date is None
    sun_start = next(f for f in base.facts if f.attributes.get("start_day") == "23 June")
    assert sun_start.date is None  # The Sun gives no year


@pytest.mark.parametrize("name", ["full-brief", "quick-brief", "cybercrime", "partners"])
def test_shipped_outlines_number_notes_in_reading_order(base, name):
    project = Project(ROOT)
    outline = load_outlines(project, base, [name])[0]
    brief = assemble(base, outline, Templates(ROOT / "templates/sections", ROOT, base.vocab),
                     "2026-11-23T00:00:00Z")
    # A passage cited again reuses its note: no two notes read alike. Numbers follow
    # first references in reading order.
    assert len({n.text for n in brief.notes}) == len(brief.notes)
    first = list(dict.fromkeys(n for b in brief.blocks for n in m.block_note_numbers(b)))
    assert first == list(range(1, len(brief.notes) + 1))
    assert [n.number for n in brief.notes] == first
    for note in brief.notes:
        line = (ROOT / "seeds" / note.file).read_text(encoding="utf-8").split("\n")[note.line - 1]
        assert " ".join(note.quote.rstrip("…").split()) in " ".join(line.split())
