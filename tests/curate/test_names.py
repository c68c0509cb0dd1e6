"""The vocabulary ids a sentence names, and the names no vocabulary knows."""

from __future__ import annotations

import pytest
from conftest import fixture_root

from briefing.curate.names import Names, ordinal, slug, unknown_names
from briefing.factbase.load import load_factbase
from briefing.project import Project


@pytest.fixture(scope="module")
def names():
    return Names(load_factbase(Project(fixture_root())).vocab)


def _ids(names, text):
    return [(m.kind, m.id) for m in names.find(text)]


@pytest.mark.parametrize("text, expected", [
    # A name whatever its case; an acronym with its case only.
    ("The 9th Asean Ministerial Meeting On Transnational Crime (AMMTC) concluded.",
     [("meetings", "ammtc-9")]),
    # An acronym in brackets inside a name.
    ("at the 29th ASEAN Political-Security Community (APSC) Council Meeting",
     [("meetings", "apsc-council-29")]),
    ("21st SOMTC + Japan , co-chaired by Singapore",
     [("meetings", "somtc-japan-21"), ("member_states", "singapore")]),
    ("the EU and the US will help; us too", [("partners", "eu"), ("partners", "us")]),
    ("online scams and human trafficking", [("crime_types", "online-scams"),
                                            ("crime_types", "trafficking-in-persons")]),
    ("Malaysia’s Foreign Minister Datuk Seri Mohamad Hasan said",
     [("member_states", "malaysia"), ("people", "mohamad-hasan")]),
    # The longer of two overlapping terms wins.
    ("the ASEAN Regional Computer Emergency Response Team (CERT)",
     [("initiatives", "asean-regional-cert"), ("initiatives", "asean-regional-cert")]),
])
def test_mentions(names, text, expected):
    assert _ids(names, text) == expected


def test_a_paraphrased_meeting_is_a_guess(names):
    text = ("during Chinese Foreign Minister Wang Yi’s meeting with diplomatic envoys from 10 "
            "ASEAN countries in Beijing")
    likely = names.likely_meeting(text)
    assert likely.id == "wang-yi-asean-envoys" and likely.guessed
    # A numbered meeting is never guessed for a text without its number.
    assert names.likely_meeting("the ASEAN Ministerial Meeting on Transnational Crime "
                                "in September") is None or \
        names.likely_meeting("the ASEAN Ministerial Meeting on Transnational Crime "
                             "in September").id != "ammtc-9"


def test_unknown_names_with_the_vocabulary_they_may_belong_in(names):
    text = ("Pol. Maj. Gen. Arthit Wongsakul of the Royal Thai Police said the U.N. Office on "
            "Drugs and Crime and the EU will help the Philippine National Police.")
    found = {n.words: n.kind for n in unknown_names(text, names.find(text), names.words)}
    assert found == {"Arthit Wongsakul": "people", "Royal Thai Police": "organisations",
                     "U.N. Office on Drugs and Crime": "organisations",
                     "Philippine National Police": "organisations"}


def test_known_names_and_their_parts_are_not_new(names):
    text = "Wang said China stands ready, as the Strategic Plan 2045 and the AMMTC say."
    assert unknown_names(text, names.find(text), names.words) == []


def test_ordinals_and_slugs():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 102, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "102nd", "111th"]
    assert slug("Dr. Nguyễn Thị Lan") == "dr-nguyen-thi-lan"
    assert slug("Đà Nẵng") == "da-nang"
