"""Every rule `briefing check` enforces, each with an input that breaks it."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from conftest import edit
from factbase_fixtures import MINIMAL_FACTS, use_facts


def assert_clean_error(result, code: int, *fragments: str) -> None:
    """The run failed with `code`, said each fragment, and printed no traceback."""
    assert result.code == code, (result.out, result.err)
    assert "Traceback" not in result.err + result.out
    for fragment in fragments:
        assert fragment in result.err, f"{fragment!r} not in:\n{result.err}"


def test_minimal_fact_base_is_valid(project, cli):
    use_facts(project)
    result = cli("check", root=project)
    assert result.code == 0, result.err
    assert "facts:     8" in result.out
    assert "citations: 8 of 8 verified" in result.out
    assert "ok" in result.out


def test_conflict_is_found_from_facts_and_goes_when_values_agree(project, cli):
    path = use_facts(project)
    result = cli("check", root=project)
    assert "conflicts: 1" in result.out
    assert "somtc-25: length_days differs: '3' (s002-malaysiakini); '5' (s002-thesun)" in result.out
    edit(path, "attributes: {length_days: 5}", "attributes: {length_days: 3}")
    result = cli("check", root=project)
    assert "conflicts: 0" in result.out


def test_changed_quote_names_fact_file_and_closest_passage(project, cli):
    path = use_facts(project)
    edit(path, "quote: concluded in Putrajaya after five days", "quote: concluded in Putrajaya after fivr days")
    result = cli("check", root=project)
    assert_clean_error(result, 1, "facts.yaml:", "fact 'somtc25-five-days': quote not found",
                       "002_6ce76abb59b9a186.txt",
                       "closest: concluded in Putrajaya after five days  (line 17)")


def test_quote_matches_under_documented_normalisation(project, cli):
    path = use_facts(project)
    # Straight apostrophe for the seed's curly one, and extra white space.
    edit(path, "Foreign Ministers’ Retreat (AMM Retreat) was", "Foreign Ministers' Retreat  (AMM Retreat)\\n was")
    edit(path, 'quote: "On January 19th', 'quote: "On January 19th')
    result = cli("check", root=project)
    assert result.code == 0, result.err


def test_quote_is_case_sensitive(project, cli):
    path = use_facts(project)
    edit(path, "quote: concluded in Putrajaya", "quote: Concluded in Putrajaya")
    assert_clean_error(cli("check", root=project), 1, "quote not found")


def test_quote_within_other_segment_of_same_file_is_not_found(project, cli):
    path = use_facts(project)
    # The Sun's words cited as Malaysiakini's: same file, other segment.
    edit(path, "quote: were successfully convened over three days in Putrajaya",
         "quote: concluded in Putrajaya after five days")
    assert_clean_error(cli("check", root=project), 1, "s002-malaysiakini", "lines 4-9")


def test_ambiguous_quote_is_reported_and_prefix_resolves_it(project, cli):
    path = use_facts(project)
    edit(path, "quote: Home Affairs Minister Saifuddin Nasution Ismail said here on Tuesday",
         "quote: Saifuddin Nasution")
    assert_clean_error(cli("check", root=project), 1, "quote occurs 3 times",
                       "ambiguous", "prefix")
    edit(path, "quote: Saifuddin Nasution\n", "quote: Saifuddin Nasution\n        prefix: In his opening remarks at the 25th ASEAN Senior Officials Meeting on Transnational Crime and related meetings,\n")
    result = cli("check", root=project)
    assert result.code == 0, result.err


def test_empty_quote(project, cli):
    path = use_facts(project)
    edit(path, "quote: concluded in Putrajaya after five days", "quote: '   '")
    assert_clean_error(cli("check", root=project), 1, "'quote' must be non-empty text")


def test_unknown_source_is_suggested(project, cli):
    path = use_facts(project)
    edit(path, "source: s002-thesun", "source: s002-thesunn")
    assert_clean_error(cli("check", root=project), 1, "cites unknown source 's002-thesunn'",
                       "did you mean 's002-thesun'?")


def test_every_source_must_be_cited(project, cli):
    path = use_facts(project)
    edit(path, "source: s004", "source: s003")
    edit(path, "quote: The 9th Asean Ministerial Meeting On Transnational Crime (AMMTC) recently concluded",
         "quote: Melaka Declaration on Combating Transnational Crime")
    assert_clean_error(cli("check", root=project), 1, "source 's004' (004_278e2939a0fd7852.txt) is never cited")


@pytest.mark.parametrize("old,new,message", [
    ("    text: The 9th AMMTC concluded.\n", "", "fact 'ammtc9' has no 'text'"),
    ("kind: meeting\n    text: The 9th", "kind: rumour\n    text: The 9th",
     "'kind' must be one of meeting, priority"),
    ("text: The 9th AMMTC concluded.", "text: [The 9th AMMTC]", "'text' must be text, found a list"),
    ("text: The 9th AMMTC concluded.", "text: 9", "'text' must be text, found a number"),
    ("meeting: ammtc-9", "meeting: ammtc-99", "meeting names unknown id 'ammtc-99'"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    partners: [usa]", "partners names unknown id 'usa'"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    crime_types: [piracy]", "crime_types names unknown id 'piracy'"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    date: 2025-02-30", "not a real date: February 2025 has 28 days"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    date: 24/06/2025", "is not a date: write YYYY-MM-DD"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    date: 2025-13", "has no month 13"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    tags: [urgent]", "unknown tag 'urgent'"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    rank: 0", "rank must be a whole number from 1, found 0"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    rank: first", "'rank' must be a whole number"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    attributes: {length: 3}", "unknown attribute 'length'"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    subject: nowhere", "subject 'nowhere' is not in any vocabulary"),
    ("meeting: ammtc-9", "meeting: ammtc-9\n    meetings: [ammtc-9]",
     "fact 'ammtc9' has both 'meeting' and 'meetings'"),
    ("meeting: ammtc-9", "meetings: [ammtc-9, ammtc-99]", "meetings names unknown id 'ammtc-99'"),
    ("meeting: ammtc-9", "meetings: ammtc-9", "'meetings' must be a list"),
    ("meeting: ammtc-9", "meetings: [ammtc-9, somtc-25]\n    attributes: {length_days: 3}",
     "fact 'ammtc9' has attributes but no subject, and several meetings"),
    ("    citations:\n      - source: s004\n", "    citations: []\n    old:\n      - source: s004\n",
     "has no citations"),
    ("- id: ammtc9", "- id: AMMTC 9", "'id' must be an id"),
    ("text: The 9th AMMTC concluded.", 'text: "The 9th AMMTC\\u0007 recently concluded."',
     "control character U+0007"),
])
def test_fact_schema_rules(project, cli, old, new, message):
    path = use_facts(project)
    edit(path, old, new)
    result = cli("check", root=project)
    assert_clean_error(result, 1, message)
    assert re.search(r"facts\.yaml:\d+:", result.err)


def test_unknown_field_is_a_warning_not_an_error(project, cli):
    path = use_facts(project)
    edit(path, "meeting: ammtc-9", "meeting: ammtc-9\n    colour: blue")
    result = cli("check", root=project)
    assert result.code == 0
    assert "warning: fact 'ammtc9': unknown field 'colour' is ignored" in result.err
    assert "warnings:  1" in result.out


def test_duplicate_fact_ids_across_files(project, cli):
    use_facts(project)
    (project / "seeds/facts/more.yaml").write_text(
        "facts:\n  - id: ammtc9\n    kind: context\n    text: Again.\n    citations:\n"
        "      - source: s004\n        quote: ASEAN’s Response to Evolving Transnational Crime\n",
        encoding="utf-8")
    assert_clean_error(cli("check", root=project), 1, "more.yaml:2:",
                       "fact id 'ammtc9' is used twice (also at seeds/facts/facts.yaml:")


def test_empty_fact_file(project, cli):
    use_facts(project)
    (project / "seeds/facts/empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert_clean_error(cli("check", root=project), 1, "empty.yaml: error: the file is empty")


def test_sha256_drift(project, cli):
    use_facts(project)
    seed = project / "seeds/004_278e2939a0fd7852.txt"
    seed.write_bytes(seed.read_bytes() + b"\nAn added line.")
    result = cli("check", root=project)
    assert_clean_error(result, 1, "seed file '004_278e2939a0fd7852.txt' has changed since its "
                       "sha256 was recorded", hashlib.sha256(seed.read_bytes()).hexdigest())


def test_missing_seed_file_is_unusable_input(project, cli):
    use_facts(project)
    (project / "seeds/003_d86c035503065d15.txt").unlink()
    assert_clean_error(cli("check", root=project), 2, "sources.yaml:",
                       "seed file '003_d86c035503065d15.txt' not found")


def test_seed_not_utf8_is_unusable_input(project, cli):
    use_facts(project)
    (project / "seeds/003_d86c035503065d15.txt").write_bytes("Vi\u1ec7t Nam".encode("utf-16"))
    assert_clean_error(cli("check", root=project), 2, "is not valid UTF-8")


def test_seed_path_cannot_leave_seeds(project, cli):
    use_facts(project)
    edit(project / "seeds/sources.yaml", "file: 004_278e2939a0fd7852.txt", "file: ../004.txt")
    assert_clean_error(cli("check", root=project), 1, "must be a plain file name in seeds/")


@pytest.mark.parametrize("text,marker,message", [
    (MINIMAL_FACTS.replace("    kind: meeting\n    text: The 9th", "\tkind: meeting\n    text: The 9th"),
     None, "indent with spaces, not tabs"),
    (MINIMAL_FACTS.replace("text: The 9th AMMTC concluded.", 'text: "The 9th AMMTC'),
     'text: "The 9th AMMTC', "a quoted string is never closed"),
    (MINIMAL_FACTS.replace("    meeting: ammtc-9\n", "    meeting: ammtc-9\n    meeting: ammtc-9\n"),
     "ammtc-9\n    meeting: ammtc-9", "duplicate key 'meeting'"),
    (MINIMAL_FACTS + "  - !!python/object/apply:os.system [echo hacked]\n", "!!python",
     "could not determine a constructor"),
])
def test_yaml_errors_are_unusable_input_with_file_and_line(project, cli, text, marker, message):
    use_facts(project, text)
    result = cli("check", root=project)
    assert_clean_error(result, 2, "facts.yaml:", message)
    if marker:
        # The reported line is the line where the marker text ends.
        line = text[:text.index(marker) + len(marker)].count("\n") + 1
        assert f"facts.yaml:{line}:" in result.err


def test_deeply_nested_yaml_is_refused(project, cli):
    use_facts(project, "facts: " + "[" * 200 + "]" * 200 + "\n")
    assert_clean_error(cli("check", root=project), 2, "nesting deeper than")


def test_facts_json_has_citations_with_computed_lines(project, cli):
    use_facts(project)
    result = cli("facts", "--json", root=project)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert len(data) == 8
    seeds = {p.name: p.read_text(encoding="utf-8").split("\n") for p in (project / "seeds").glob("*.txt")}
    for fact in data:
        for cit in fact["citations"]:
            line_text = seeds[cit["file"]][cit["line"] - 1]
            start = cit["column"] - 1
            assert line_text[start:start + 8] == seeds[cit["file"]][cit["line"] - 1][start:start + 8]
            assert cit["line"] >= 1 and cit["end_line"] >= cit["line"]
    sun = next(f for f in data if f["id"] == "somtc25-five-days")["citations"][0]
    assert (sun["file"], sun["line"]) == ("002_6ce76abb59b9a186.txt", 17)
    assert seeds[sun["file"]][16][sun["column"] - 1:].startswith("concluded in Putrajaya after five days")
