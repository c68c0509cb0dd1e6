"""A fact can name several meetings (issue 15, event identity): what a source states of
several meetings together ("On the final day, consultations with ... were held") is one
fact naming each, and a consultation held "on the final day" of its meeting takes its
date by a cited fact, whose words the brief then cites for that date.

The scenario is a copy of the test project with a source it does not have (a 19th AMMTC
and four consultations), added as a user would, so it holds for any fact base."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import edit

from briefing.factbase.load import load_factbase
from briefing.project import Project

ARTICLE = """\
KUALA LUMPUR, Oct 22 -- The 19th ASEAN Ministerial Meeting on Transnational Crime (AMMTC) \
was held from 20 to 22 October 2025 in Kuala Lumpur.
On the final day, the AMMTC Consultations with China, Japan, the Republic of Korea and \
the United States were held.
Japan co-chaired its consultation with Malaysia.
"""
CONSULTATIONS = {"zz-ammtc-china": ("china", "China"), "zz-ammtc-japan": ("japan", "Japan"),
                 "zz-ammtc-rok": ("rok", "Korea"), "zz-ammtc-us": ("us", "US")}
MEETINGS = "\n".join(
    ["  - {id: zz-ammtc-19, name: 19th ASEAN Ministerial Meeting on Transnational Crime, "
     "short: 19th AMMTC, series: ammtc, number: 19}"]
    + [f"  - {{id: {mid}, name: AMMTC Consultation with {name}, series: ammtc, "
       f"partner: {partner}, part_of: zz-ammtc-19}}"
       for mid, (partner, name) in CONSULTATIONS.items()])
FACTS = """\
facts:
  - id: zz-ammtc19-held
    kind: meeting
    text: The 19th AMMTC was held from 20 to 22 October 2025 in Kuala Lumpur.
    meeting: zz-ammtc-19
    date: 2025-10-20
    place: Kuala Lumpur
    citations:
      - source: SOURCE
        quote: The 19th ASEAN Ministerial Meeting on Transnational Crime (AMMTC) was held from 20 to 22 October 2025 in Kuala Lumpur
  - id: zz-ammtc19-final-day-consultations
    kind: meeting
    text: On the final day of the 19th AMMTC, consultations with China, Japan, the Republic of Korea and the United States were held.
    meetings: [zz-ammtc-china, zz-ammtc-japan, zz-ammtc-rok, zz-ammtc-us]
    date: 2025-10-22
    date_from: {fact: zz-ammtc19-held}
    citations:
      - source: SOURCE
        quote: On the final day, the AMMTC Consultations with China, Japan, the Republic of Korea and the United States were held
  - id: zz-ammtc19-japan-cochair
    kind: meeting
    text: Japan co-chaired its consultation with Malaysia.
    meeting: zz-ammtc-japan
    partners: [japan]
    member_states: [malaysia]
    citations:
      - source: SOURCE
        quote: Japan co-chaired its consultation with Malaysia
"""
OUTLINE = """\
title: The 19th AMMTC
as_of: 2025-11-01
formats: [md]
citation_style: footnotes
sections:
  - title: Meetings
    template: timeline.md.j2
    select: {meetings: [zz-ammtc-19], kinds: [meeting]}
  - title: What was said
    template: by-meeting.md.j2
    select: {meetings: [zz-ammtc-19]}
"""


@pytest.fixture
def with_ammtc(project: Path, tmp_path: Path, cli) -> Path:
    """The test project with the 19th AMMTC's source, meetings and facts added."""
    article = tmp_path / "zz-ammtc-19.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert cli("add-source", str(article), "--outlet", "Test Wire", "--title",
               "19th AMMTC ends with four consultations", "--date", "2025-10-22",
               root=project).code == 0
    registry = (project / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    source_id = re.findall(r"- id: (\S+)\n    file: \"?zz-ammtc-19", registry)[0]
    meetings = project / "seeds" / "vocab" / "meetings.yaml"
    meetings.write_text(meetings.read_text(encoding="utf-8").rstrip("\n") + "\n" + MEETINGS
                        + "\n", encoding="utf-8")
    (project / "seeds" / "facts" / "zz-ammtc-19.yaml").write_text(
        FACTS.replace("SOURCE", source_id), encoding="utf-8")
    (project / "templates" / "outlines" / "zz-ammtc.yaml").write_text(OUTLINE,
                                                                      encoding="utf-8")
    return project


def test_a_fact_naming_several_meetings_dates_each_by_the_words_of_another(with_ammtc, cli):
    result = cli("check", root=with_ammtc)
    assert result.code == 0, result.err
    base = load_factbase(Project(with_ammtc)).require_valid()
    held = base.by_id["zz-ammtc19-final-day-consultations"]
    assert held.meetings == tuple(CONSULTATIONS)
    # The date's words are cited by the fact as its own date citation (the notes show it).
    (lent,) = [c for c in held.citations if c.role == "date"]
    assert "from 20 to 22 October 2025" in lent.quote
    for mid in CONSULTATIONS:
        assert base.vocab["meetings"][mid].dated
    listed = json.loads(cli("facts", "--meeting", "zz-ammtc-rok", "--json",
                            root=with_ammtc).out)
    assert [(f["id"], f["meetings"]) for f in listed] == [
        ("zz-ammtc19-final-day-consultations", list(CONSULTATIONS))]


def test_a_final_day_the_named_facts_words_do_not_state_is_an_error(with_ammtc, cli):
    facts = with_ammtc / "seeds" / "facts" / "zz-ammtc-19.yaml"
    edit(facts, "date: 2025-10-22", "date: 2025-10-21")
    result = cli("check", root=with_ammtc)
    assert result.code == 1
    assert ("fact 'zz-ammtc19-final-day-consultations': no cited words state its date "
            "2025-10-21 (21 October 2025), nor do those of fact 'zz-ammtc19-held'") in result.err
    assert re.search(r"zz-ammtc-19\.yaml:\d+:", result.err)
    assert "Traceback" not in result.err


def test_the_brief_dates_each_consultation_once_with_the_words_that_hold_the_date(
        with_ammtc, cli, tmp_path):
    out = tmp_path / "out"
    result = cli("build", "zz-ammtc", "--out", str(out), root=with_ammtc)
    assert result.code == 0, result.err
    text = (out / "zz-ammtc.md").read_text(encoding="utf-8")
    body, _, notes = text.partition("\n[^1]:")
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", "[^1]:" + notes, re.M))
    rows = {m.group(2): m.group(0) for m in re.finditer(
        r"^\| .+? \| (AMMTC Consultation with (\w+)|19th AMMTC) \|.*$", body, re.M)}
    assert set(rows) == {name for _partner, name in CONSULTATIONS.values()} | {None}, body
    # Every consultation is dated, and a note of its row quotes the words that state it
    # (the notes of a row are marked once in it, where its fact first stands).
    for name, row in rows.items():
        if name is None:
            continue
        assert row.split(" | ")[0] == "| 22 October 2025" or row.startswith(
            "| 22 October 2025[^"), row
        quoted = [notes[n] for n in re.findall(r"\[\^(\d+)\]", row)]
        assert any("from 20 to 22 October 2025" in q for q in quoted), (row, quoted)
    # The sentence about the four consultations stands once, however many rows it dates.
    sentence = "consultations with China, Japan, the Republic of Korea and the United States"
    assert body.count(sentence) == 1, body
    # A consultation's row is summarised by what is said of it alone, where anything is.
    assert "Japan co-chaired" in rows["Japan"]


def test_a_several_meetings_fact_is_kept_and_read_back_the_same(with_ammtc, monkeypatch):
    from briefing.factbase import cache as readcache
    from briefing.factbase import facts as facts_module

    monkeypatch.setattr(readcache, "SMALLEST", 0)  # keep every fact file, however small
    monkeypatch.delenv("BRIEFING_CACHE", raising=False)
    first = load_factbase(Project(with_ammtc)).require_valid()
    assert list((with_ammtc / readcache.FOLDER / "facts").glob("*.json"))
    read = []
    real = facts_module.parse_yaml
    monkeypatch.setattr(facts_module, "parse_yaml", lambda *a: read.append(a) or real(*a))
    again = load_factbase(Project(with_ammtc)).require_valid()
    assert not read  # every file's facts came from the cache
    one, two = (b.by_id["zz-ammtc19-final-day-consultations"] for b in (first, again))
    assert one.meetings == two.meetings == tuple(CONSULTATIONS) and one.digest == two.digest
    # The date citation is lent anew on each load, never kept as one of the file's own.
    assert [c.role for c in one.citations] == [c.role for c in two.citations] == ["", "date"]
