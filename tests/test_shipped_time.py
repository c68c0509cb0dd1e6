"""The shipped briefs speak of time as their sources did (issue 15), read back from PDF,
DOCX and Markdown, and the shipped fact base backs every date with cited words.

These are tests about the shipped data itself: its relative time words, the start-day
box with all four SOMTC sources, the bilateral topics told once, the 9th AMMTC undated.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from readers import docx_body_paragraphs, docx_notes, pdf_pages

from briefing.build import build
from briefing.factbase.load import load_factbase
from briefing.factbase.stated import date_backed
from briefing.project import Project

pytestmark = pytest.mark.shipped

NAMES = ("full-brief", "cybercrime", "partners", "quick-brief")
# What a source said that a brief may only show as the source's words, in quotation marks.
RELATIVE = re.compile(r"this October|last Thursday|upcoming|recently", re.IGNORECASE)
QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"")


@pytest.fixture(scope="module")
def base():
    return load_factbase(Project(ROOT))


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    """Return {(brief, format): the text a reader gets} for every shipped brief."""
    out = tmp_path_factory.mktemp("time")
    build(Project(ROOT), [], None, out, force=True)
    got = {}
    for name in NAMES:
        if (out / f"{name}.md").exists():
            got[name, "md"] = (out / f"{name}.md").read_text(encoding="utf-8")
        if (out / f"{name}.pdf").exists():
            got[name, "pdf"] = " ".join(pdf_pages(out / f"{name}.pdf"))
        if (out / f"{name}.docx").exists():
            path = out / f"{name}.docx"
            got[name, "docx"] = "\n".join(
                [t for t, _refs in docx_body_paragraphs(path)] + list(docx_notes(path).values()))
    assert got
    return got


def _flat(text: str) -> str:
    # Lines joined (a PDF wraps quotations), Markdown's escapes and hyphenation undone.
    return re.sub(r"\s+", " ", text.replace("\\", "").replace("-\n", "-"))


def test_every_dated_fact_has_its_date_in_cited_words(base):
    dated = [f for f in base.facts if f.date]
    assert dated
    unbacked = [f.id for f in dated if not date_backed(f, base.by_id, base.sources)]
    assert unbacked == []


def test_no_relative_time_warning_is_left(base):
    assert [p.message for p in base.warnings if "relative time" in p.message] == []


def test_check_reports_the_four_conflicts(base):
    attributes = {c.attribute for c in base.conflicts}
    assert {"length_days", "start_day", "dialogue_partners", "name"} <= attributes
    start = next(c for c in base.conflicts if c.attribute == "start_day")
    by_value = {c.value: set(c.sources) for c in start.claims}
    assert by_value == {"24 June": {"s002-malaysiakini", "s002-xinhua", "s002-bernama"},
                        "23 June": {"s002-thesun"}}


def test_relative_time_appears_only_in_quoted_source_words(texts):
    for (name, fmt), text in texts.items():
        outside = QUOTED.sub("", _flat(text))
        found = RELATIVE.findall(outside)
        assert found == [], f"{name}.{fmt}: {found}"


def test_the_start_day_box_names_all_four_sources(texts):
    for (name, fmt), text in texts.items():
        flat = _flat(text)
        at = flat.find("Sources differ on the first day")
        if at < 0:
            continue
        box = flat[at:at + 400]
        for outlet in ("Malaysiakini", "Xinhua", "Bernama", "The Sun"):
            assert outlet in box, f"{name}.{fmt}: {outlet} not in {box!r}"
        assert "content provided by Malaysia’s Ministry of Home Affairs" in box.replace("'", "’")
    assert any("Sources differ on the first day" in t for t in texts.values())


def test_the_bilateral_topics_appear_once(texts):
    for (name, fmt), text in texts.items():
        outside = QUOTED.sub("", _flat(text)).lower()
        assert outside.count("joint training pathways") <= 1, f"{name}.{fmt}"
        assert outside.count("harmonisation of international conventions") <= 1
    assert any("joint training pathways" in QUOTED.sub("", _flat(t)).lower()
               for t in texts.values())


def test_the_9th_ammtc_is_shown_undated(texts):
    seen = 0
    for (name, fmt), text in texts.items():
        flat = _flat(text)
        for match in re.finditer(r"recently concluded”, reinforcing", flat):
            seen += 1
            assert "names no outlet, undated)" in flat[match.end():match.end() + 200], (
                f"{name}.{fmt}")
        if fmt == "md" and "| 9th AMMTC |" in text:
            assert re.search(r"^\| date not stated \| 9th AMMTC \|", text, re.M)
        assert "9th AMMTC, 2025" not in flat and "9th AMMTC (2025" not in flat
    assert seen


def test_every_brief_states_its_currency(texts):
    for (name, fmt), text in texts.items():
        assert re.search(r"Currency: .* nothing after [\w ]+ is covered", _flat(text)), (
            f"{name}.{fmt}")


def test_no_title_claims_a_year_its_undated_facts_are_not_of(texts):
    for (name, fmt), text in texts.items():
        assert "Transnational Crime in 2025" not in text, f"{name}.{fmt}"
