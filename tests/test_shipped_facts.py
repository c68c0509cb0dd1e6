"""The shipped project: what must hold for any valid fact base, checked on the real one.

Nothing here asserts the shipped data's counts, ids or order: a user who adds, edits or
removes sources and facts keeps these tests green as long as `briefing check` passes.
(What the tests need of rich data they assert on the test project, tests/fixtures/.)
"""

from __future__ import annotations

import hashlib

import pytest
from conftest import ROOT

from briefing import model as m
from briefing.assemble.compose import assemble
from briefing.assemble.outline import outline_names
from briefing.assemble.templates import Templates
from briefing.build import load_outlines
from briefing.factbase.load import load_factbase
from briefing.project import Project

pytestmark = pytest.mark.shipped

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
# Debris of web pages that no article's own words contain.
WEB_DEBRIS = ("Click Here For The Original Source", "leftcenterrightdel", "[email protected]")


@pytest.fixture(scope="module")
def base():
    return load_factbase(Project(ROOT))


def test_shipped_fact_base_is_valid(base):
    assert base.errors == [], "\n".join(p.format() for p in base.errors)
    # A warning names something ignored or unfinished; the only unfinished work a valid
    # project may carry is a draft source not cited yet.
    other = [p for p in base.warnings if "draft" not in p.message]
    assert other == [], "\n".join(p.format() for p in other)


def test_every_seed_file_is_registered_and_every_source_cited(base):
    cited = {c.source for f in base.facts for c in f.citations}
    assert {s.id for s in base.sources.values() if s.status != "draft"} <= cited
    assert {s.file for s in base.sources.values()} == {
        p.name for p in (ROOT / "seeds").glob("*.txt")}


def test_seeds_are_byte_identical_to_the_reference(base):
    if not SHARED_SEEDS.is_dir():
        pytest.skip("the shared reference seeds are not beside this checkout")
    for ref in SHARED_SEEDS.glob("*.txt"):
        assert (ROOT / "seeds" / ref.name).read_bytes() == ref.read_bytes()
    for source in base.sources.values():
        assert hashlib.sha256(source.seed.path.read_bytes()).hexdigest() == source.seed.sha256


def test_web_debris_is_never_cited(base):
    for fact in base.facts:
        for cit in fact.citations:
            assert not any(d in cit.quote for d in WEB_DEBRIS), (fact.id, cit.quote)
            source = base.sources[cit.source]
            for start, end in source.debris_spans:
                assert not (cit.location.start < end and start < cit.location.end), (
                    fact.id, cit.quote)


@pytest.mark.parametrize("name", outline_names(ROOT / "templates" / "outlines"))
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
        lines = (ROOT / "seeds" / note.file).read_text(encoding="utf-8").split("\n")
        # A quote may run over several lines: it starts on the line the note names.
        first = " ".join(lines[note.line - 1].split())
        rest = " ".join(" ".join(lines[note.line - 1:]).split())
        at = rest.find(" ".join(note.quote.rstrip("…").split()))
        assert 0 <= at < len(first), (note.number, note.quote)
