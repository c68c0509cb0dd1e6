"""Typography of curated text: curly quotes, en dashes, one spelling per name."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.assemble.typography import NameForms, smarten
from briefing.factbase.facts import Fact
from briefing.factbase.vocab import Entry, Vocabulary


@pytest.mark.parametrize("typed,set_as", [
    ("Malaysia's proposal", "Malaysia’s proposal"),
    ("Viet Nam's Leaders' Declaration", "Viet Nam’s Leaders’ Declaration"),
    ("the theme of 'inclusivity and sustainability' of its", "the theme of ‘inclusivity and sustainability’ of its"),
    ('He said "not just a future problem" today', "He said “not just a future problem” today"),
    ('"Quoted" first', "“Quoted” first"),
    ("(2026-2035)", "(2026–2035)"),
    ("lines 4-9 and 24-26 June", "lines 4–9 and 24–26 June"),
    ("Cooperation - Quick Brief", "Cooperation – Quick Brief"),
    ("in the '90s", "in the ’90s"),
    # Left as they are: hyphenated words, dates written the ISO way, codes.
    ("cross-border Thailand-Myanmar", "cross-border Thailand-Myanmar"),
    ("2025-06-24", "2025-06-24"),
    ("COVID-19 and 1-2-3", "COVID-19 and 1-2-3"),
    ("already “curly” and ‘single’ and 2026–2035", "already “curly” and ‘single’ and 2026–2035"),
])
def test_smarten_sets_quotes_and_dashes(typed, set_as):
    assert smarten(typed) == set_as


@given(st.text(alphabet="ab 12'\"-–()“”", max_size=30))
def test_smarten_is_idempotent_and_changes_only_quotes_and_dashes(text):
    once = smarten(text)
    assert smarten(once) == once
    plain = str.maketrans("’‘”“–", "''\"\"-")
    typed = re.sub(r"(?<=\S )--(?= \S)", "-", text)  # a typed dash " -- " becomes one
    assert once.translate(plain) == typed.translate(plain)


def _vocab() -> Vocabulary:
    def entries(kind, *rows):
        return {r[0]: Entry(kind, r[0], r[1], r[2] if len(r) > 2 else None,
                            tuple(r[3]) if len(r) > 3 else (),
                            dict(r[4]) if len(r) > 4 else {}) for r in rows}
    return Vocabulary({
        "people": entries("people",
                          ("quang", "General Lương Tam Quang", None,
                           ["Luong Tam Quang", "Quang"]),
                          ("hasan", "Datuk Seri Mohamad Hasan", None, ["Mohamad Hasan"])),
        "member_states": entries("member_states",
                                 ("laos", "Lao PDR", None, ["Laos", "Lao People's Democratic Republic"]),
                                 ("vietnam", "Viet Nam", None, ["Vietnam", "Việt Nam"]),
                                 ("brunei", "Brunei Darussalam", None, ["Brunei"])),
        "partners": entries("partners",
                            ("china", "China", None, ["People's Republic of China", "PRC"],
                             {"kind": "dialogue-partner"}),
                            ("rok", "Republic of Korea", "ROK", ["ROK", "South Korea", "Korea"],
                             {"kind": "dialogue-partner"}),
                            ("us", "United States", "US", ["US", "USA"],
                             {"kind": "dialogue-partner"}),
                            ("apt", "ASEAN Plus Three", "Plus Three", ["+3", "APT"],
                             {"kind": "grouping", "members": ["china", "rok"]}),
                            ("unodc", "United Nations Office on Drugs and Crime", "UNODC",
                             ["UNODC"], {"kind": "international-organisation"})),
    })


def _fact(text: str, **entities) -> Fact:
    return Fact("f", "meeting", text, [], **{k: tuple(v) for k, v in entities.items()})


@pytest.mark.parametrize("text,entities,shown", [
    # A spelling of the name, or of a run of its words: the vocabulary's spelling.
    ("Luong Tam Quang met Quang's guests.", {"people": ["quang"]},
     "Lương Tam Quang met Quang's guests."),
    ("Vietnam and Việt Nam.", {"member_states": ["vietnam"]}, "Viet Nam and Viet Nam."),
    # Another name of a country: the vocabulary's name, with "the" where it takes one.
    ("where Laos, Myanmar and Thailand meet", {"member_states": ["laos"]},
     "where Lao PDR, Myanmar and Thailand meet"),
    ("the Lao People's Democratic Republic", {"member_states": ["laos"]}, "Lao PDR"),
    ("Jun Tan of the People's Republic of China", {"partners": ["china"]}, "Jun Tan of China"),
    ("involving Japan and South Korea.", {"partners": ["rok"]},
     "involving Japan and the Republic of Korea."),
    ("South Korea attended.", {"partners": ["rok"]}, "The Republic of Korea attended."),
    ("The USA and the US.", {"partners": ["us"]}, "The United States and the US."),
    # A grouping names its members.
    ("with China, Japan and South Korea", {"partners": ["apt"]},
     "with China, Japan and the Republic of Korea"),
    # Left alone: the name itself, short forms it declares or holds, titles, other kinds'
    # other names, and entities the fact does not name.
    ("Republic of Korea Vice Minister", {"partners": ["rok"]}, "Republic of Korea Vice Minister"),
    ("Brunei Darussalam co-chaired; Brunei hosted.", {"member_states": ["brunei"]},
     "Brunei Darussalam co-chaired; Brunei hosted."),
    ("Mohamad Hasan said", {"people": ["hasan"]}, "Mohamad Hasan said"),
    ("UNODC and the +3 and APT", {"partners": ["unodc", "apt"]}, "UNODC and the +3 and APT"),
    ("Laos and Vietnam", {"partners": ["china"]}, "Laos and Vietnam"),
])
def test_names_take_the_vocabulary_spelling(text, entities, shown):
    assert NameForms(_vocab()).text(_fact(text, **entities)) == shown


def test_a_fact_naming_nobody_keeps_its_text_object():
    fact = _fact("Laos and Vietnam")
    assert NameForms(_vocab()).text(fact) is fact.text
