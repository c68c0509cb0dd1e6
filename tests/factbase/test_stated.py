"""Dates, places and time words backed by cited words; same_as, count_of, name variants
and the outline's currency checks. Each rule breaks a small valid fact base once."""

from __future__ import annotations

from tests.conftest import edit
from tests.factbase.test_load import assert_clean_error
from tests.factbase_fixtures import MINIMAL_FACTS, use_facts

UNDATED_QUOTE = ("quote: \"On January 19th, 2025, the ASEAN Foreign Ministers’ Retreat (AMM "
                 "Retreat) was convened in Langkawi, Malaysia\"")
PLAIN_QUOTE = ("quote: \"the ASEAN Foreign Ministers’ Retreat (AMM Retreat) was convened in "
               "Langkawi, Malaysia\"")

DAY_TWO = """\
  - id: canada-consultation
    kind: meeting
    text: Lao PDR co-chaired the 13th SOMTC + Canada Consultation.
    meeting: somtc-25
    date: 2025-06-25
    citations:
      - source: s002-malaysiakini
        quote: 13th SOMTC + Canada Consultation , co-chaired by Lao PDR
"""


def test_minimal_base_states_every_date(project, cli):
    use_facts(project)
    result = cli("check", root=project)
    assert result.code == 0, result.err
    assert "warnings:  0" in result.out, result.err


def test_a_date_no_cited_words_state_is_an_error_with_the_closest_candidate(project, cli):
    use_facts(project, MINIMAL_FACTS + DAY_TWO)
    assert_clean_error(
        cli("check", root=project), 1,
        "error: fact 'canada-consultation': no cited words state its date 2025-06-25",
        "closest candidate: s002-malaysiakini line 9: 'Day Two (25 June 2025)'",
        "date_from: {source: s002-malaysiakini, quote: \"Day Two (25 June 2025)\"}")


def test_a_date_from_citation_of_a_heading_backs_the_date(project, cli):
    use_facts(project, MINIMAL_FACTS + DAY_TWO.replace(
        "    date: 2025-06-25\n", "    date: 2025-06-25\n    date_from: {source: "
        "s002-malaysiakini, quote: \"Day Two (25 June 2025)\"}\n"))
    result = cli("check", root=project)
    assert result.code == 0, result.err


def test_a_date_from_quote_that_states_another_day_is_still_an_error(project, cli):
    use_facts(project, MINIMAL_FACTS + DAY_TWO.replace(
        "    date: 2025-06-25\n", "    date: 2025-06-25\n    date_from: {source: "
        "s002-malaysiakini, quote: \"Day One (24 June 2025)\"}\n"))
    assert_clean_error(cli("check", root=project), 1,
                       "fact 'canada-consultation': no cited words state its date")


def test_a_date_month_only_is_backed_by_a_day_of_that_month_but_not_the_reverse(project, cli):
    path = use_facts(project)
    edit(path, "date: 2025-01-19", "date: 2025-01")
    assert cli("check", root=project).code == 0
    edit(path, "date: 2025-01", "date: 2025")
    assert cli("check", root=project).code == 0
    edit(path, UNDATED_QUOTE, PLAIN_QUOTE)
    assert_clean_error(cli("check", root=project), 1,
                       "fact 'retreat-langkawi': no cited words state its date 2025 (2025)",
                       "closest candidate: s000 line 2")


def test_date_from_a_fact_takes_that_facts_date(project, cli):
    extra = """\
  - id: retreat-ministers
    kind: meeting
    text: Foreign ministers of ASEAN's 10 member states met at the AMM Retreat.
    meeting: amm-retreat-2025
    date: 2025-01-19
    date_from: {fact: retreat-langkawi}
    citations:
      - source: s000
        quote: foreign ministers from ASEAN’s 10 member states
"""
    path = use_facts(project, MINIMAL_FACTS + extra)
    assert cli("check", root=project).code == 0
    edit(path, "date_from: {fact: retreat-langkawi}", "date_from: {fact: retreat-langkawy}")
    assert_clean_error(cli("check", root=project), 1,
                       "fact 'retreat-ministers': date_from names unknown fact "
                       "'retreat-langkawy'")
    edit(path, "date_from: {fact: retreat-langkawy}", "date_from: {fact: retreat-langkawi}")
    edit(path, "    date: 2025-01-19\n    date_from", "    date: 2025-01-20\n    date_from")
    assert_clean_error(cli("check", root=project), 1,
                       "fact 'retreat-ministers': no cited words state its date 2025-01-20 "
                       "(20 January 2025), nor do those of fact 'retreat-langkawi' that "
                       "date_from names")


def test_date_from_takes_only_a_citation_or_a_fact(project, cli):
    path = use_facts(project)
    edit(path, "    date: 2025-01-19\n", "    date: 2025-01-19\n    date_from: {page: 2}\n")
    assert_clean_error(cli("check", root=project), 1,
                       "fact 'retreat-langkawi': date_from: unknown field 'page'")


def test_a_place_no_cited_words_state_is_an_error(project, cli):
    path = use_facts(project)
    edit(path, "    date: 2025-01-19\n", "    date: 2025-01-19\n    place: Kuala Lumpur\n")
    assert_clean_error(cli("check", root=project), 1,
                       "fact 'retreat-langkawi': no cited words state its place "
                       "'Kuala Lumpur'", "place_from")
    edit(path, "place: Kuala Lumpur", "place: Langkawi")
    assert cli("check", root=project).code == 0


def test_a_source_date_its_text_does_not_write_is_an_error(project, cli):
    use_facts(project)
    edit(project / "seeds/sources.yaml", "date: 2025-06-24", "date: 2025-06-25")
    assert_clean_error(cli("check", root=project), 1,
                       "source 's002-xinhua': its date 2025-06-25 is not written in its text")


def test_relative_time_in_text_is_a_warning_naming_the_words(project, cli):
    path = use_facts(project)
    edit(path, "text: The 9th AMMTC concluded.", "text: The 9th AMMTC recently concluded.")
    result = cli("check", root=project)
    assert result.code == 0
    assert ("warning: fact 'ammtc9': relative time 'recently' in its text is read against "
            "the brief's date") in result.err
    assert "seeds/README.md" in result.err and "warnings:  1" in result.out


def test_quoted_time_words_need_as_reported(project, cli):
    path = use_facts(project)
    edit(path, "text: The 9th AMMTC concluded.", 'text: The 9th AMMTC had "recently concluded".')
    result = cli("check", root=project)
    assert "relative time 'recently'" in result.err and "add 'as_reported: true'" in result.err
    edit(path, "meeting: ammtc-9\n", "meeting: ammtc-9\n    as_reported: true\n")
    assert "relative time" not in cli("check", root=project).err


def test_a_fact_dated_after_its_sources_must_be_as_reported(project, cli):
    extra = """\
  - id: plan-2045
    kind: initiative
    text: The APSC Strategic Plan 2045 was to be developed.
    date: 2045
    citations:
      - source: s001
        quote: inform the development of the APSC Strategic Plan 2045
"""
    path = use_facts(project, MINIMAL_FACTS + extra)
    # The APSC report writes "in 2024": dated so, it reports a plan for 2045.
    edit(project / "seeds/sources.yaml", "    label: report on the 29th APSC Council Meeting\n"
         "    date: null\n", "    label: report on the 29th APSC Council Meeting\n"
         "    date: 2024\n")
    result = cli("check", root=project)
    assert result.code == 0, result.err
    assert ("warning: fact 'plan-2045' is dated 2045, after its sources (the latest 2024): "
            "it tells what was planned") in result.err
    edit(path, "    date: 2045\n", "    date: 2045\n    as_reported: true\n")
    assert "tells what was planned" not in cli("check", root=project).err


def test_as_of_past_the_staleness_span_is_a_warning(project, cli):
    use_facts(project)
    base = project / "templates/outlines/_base.yaml"
    edit(base, "max_staleness: 540\n", "")
    result = cli("check", root=project)
    assert result.code == 0
    assert ("as_of 23 November 2026 is 517 days after the newest dated source (24 June "
            "2025), more than max_staleness (90)") in result.err
    edit(base, "as_of: 2026-11-23", "as_of: 2025-08-01")
    assert "max_staleness" not in cli("check", root=project).err


def test_a_year_in_the_title_with_undated_facts_is_a_warning(project, cli):
    use_facts(project)
    edit(project / "templates/outlines/test-brief.yaml", "title: Test Brief",
         "title: Test Brief on 2025")
    result = cli("check", root=project)
    assert "its title names 2025, but" in result.err
    assert "have no date, nor does their meeting: apsc-29" in result.err


def test_same_as_merges_two_meetings_into_one(project, cli):
    use_facts(project)
    edit(project / "seeds/vocab/meetings.yaml", "    short: 9th AMMTC\n",
         "    short: 9th AMMTC\n    same_as: ammtc-melaka\n"
         "    same_as_note: The sources do not tell them apart.\n")
    result = cli("check", root=project)
    assert result.code == 0, result.err
    assert "meetings: ammtc-9 -> ammtc-melaka" in result.out
    listed = cli("facts", "--meeting", "ammtc-melaka", root=project)
    assert "ammtc9" in listed.out


def test_same_as_an_unknown_id_or_in_a_loop_is_an_error(project, cli):
    use_facts(project)
    meetings = project / "seeds/vocab/meetings.yaml"
    edit(meetings, "    short: 9th AMMTC\n", "    short: 9th AMMTC\n    same_as: ammtc-99\n"
         "    same_as_note: one\n")
    assert_clean_error(cli("check", root=project), 1,
                       "meetings entry 'ammtc-9': same_as names unknown id 'ammtc-99'")
    edit(meetings, "same_as: ammtc-99", "same_as: ammtc-melaka")
    edit(meetings, "    short: AMMTC (Melaka Declaration)\n",
         "    short: AMMTC (Melaka Declaration)\n    same_as: ammtc-9\n"
         "    same_as_note: two\n")
    assert_clean_error(cli("check", root=project), 1,
                       "same_as goes round in a loop: ammtc-9 -> ammtc-melaka -> ammtc-9")


def test_same_as_needs_the_reason(project, cli):
    use_facts(project)
    edit(project / "seeds/vocab/meetings.yaml", "    short: 9th AMMTC\n",
         "    short: 9th AMMTC\n    same_as: ammtc-melaka\n")
    assert_clean_error(cli("check", root=project), 1, "same_as needs a 'same_as_note'")


COUNTED = """\
  - id: sun-ten-partners
    kind: meeting
    text: Representatives of 10 dialogue partners, including the US and China, attended.
    meeting: somtc-25
    partners: [us, china]
    attributes: {dialogue_partners: 10}
    citations:
      - source: s002-thesun
        quote: representatives from 10 dialogue partners, including the US, China
  - id: canada-consultation
    kind: meeting
    text: Lao PDR co-chaired the 13th SOMTC + Canada Consultation.
    meeting: somtc-canada-13
    partners: [canada]
    citations:
      - source: s002-malaysiakini
        quote: 13th SOMTC + Canada Consultation , co-chaired by Lao PDR
"""
COUNT_ATTRIBUTE = """\
  - id: dialogue_partners
    name: number of dialogue partners
    count_of: {field: partners, kind: dialogue-partner}
"""


def test_a_count_that_differs_from_the_partners_named_is_a_conflict(project, cli):
    use_facts(project, MINIMAL_FACTS + COUNTED)
    (project / "seeds/vocab/attributes.yaml").open("a", encoding="utf-8").write(COUNT_ATTRIBUTE)
    result = cli("check", root=project)
    assert result.code == 0, result.err
    assert ("somtc-25: dialogue_partners differs: '10' (s002-thesun); '3 named: US, China, "
            "Canada' (Named across the sources: s002-thesun, s002-malaysiakini)") in result.out


def test_a_count_that_matches_is_no_conflict(project, cli):
    use_facts(project, MINIMAL_FACTS + COUNTED.replace("dialogue_partners: 10",
                                                       "dialogue_partners: 3"))
    (project / "seeds/vocab/attributes.yaml").open("a", encoding="utf-8").write(COUNT_ATTRIBUTE)
    assert "dialogue_partners differs" not in cli("check", root=project).out


def test_a_count_must_be_a_number_and_count_of_a_known_field(project, cli):
    use_facts(project, MINIMAL_FACTS + COUNTED.replace("dialogue_partners: 10",
                                                       "dialogue_partners: ten"))
    attributes = project / "seeds/vocab/attributes.yaml"
    attributes.open("a", encoding="utf-8").write(COUNT_ATTRIBUTE)
    assert_clean_error(cli("check", root=project), 1,
                       "attribute 'dialogue_partners' counts entries: its value must be a "
                       "whole number, found 'ten'")
    edit(attributes, "field: partners, kind: dialogue-partner", "field: guests")
    assert_clean_error(cli("check", root=project), 1,
                       "attribute 'dialogue_partners': count_of must be")


NAMED_TWICE = """\
  - id: wg-retreat
    kind: initiative
    text: The AMM Retreat welcomed a proposal for a Working Group on Money Laundering.
    initiatives: [somtc-wg-aml]
    citations:
      - source: s000
        quote: a proposal to establish a Working Group on Money Laundering
  - id: wg-somtc
    kind: initiative
    text: Malaysia proposed a SOMTC Working Group on Anti-Money Laundering.
    initiatives: [somtc-wg-aml]
    citations:
      - source: s002-malaysiakini
        quote: a proposal to establish a SOMTC Working Group on Anti-Money Laundering
"""


def test_names_that_differ_across_sources_are_reported(project, cli):
    use_facts(project, MINIMAL_FACTS + NAMED_TWICE)
    result = cli("check", root=project)
    assert ("somtc-wg-aml: name differs: 'SOMTC Working Group on Anti-Money Laundering' "
            "(s002-malaysiakini); 'Working Group on Money Laundering' (s000)") in result.out


def test_a_name_within_another_is_the_same_name(project, cli):
    use_facts(project, MINIMAL_FACTS + NAMED_TWICE.replace(
        "a proposal to establish a Working Group on Money Laundering",
        "Working Group on People Smuggling was welcomed").replace(
        "initiatives: [somtc-wg-aml]\n    citations:\n      - source: s000",
        "initiatives: [somtc-wg-people-smuggling]\n    citations:\n      - source: s000"))
    assert "name differs" not in cli("check", root=project).out
