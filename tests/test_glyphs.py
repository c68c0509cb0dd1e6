"""Characters no bundled font can draw are refused before a PDF loses them."""

from __future__ import annotations

import unicodedata

import pytest
from factbase_fixtures import MINIMAL_FACTS, use_facts, use_outline

from briefing import glyphs


def test_the_fast_path_blocks_are_all_in_noto_sans():
    """`missing` skips Latin, its marks, Vietnamese and general punctuation without
    reading a font: Noto Sans must have every visible character of those blocks."""
    noto = glyphs._cmap((glyphs.FONTS / "NotoSans-Regular.ttf").read_bytes())
    for lo, hi in ((0x20, 0x36F), (0x1EA0, 0x1EF9), (0x2000, 0x206F)):
        lacking = [hex(c) for c in range(lo, hi + 1) if c not in noto
                   and not glyphs._invisible(chr(c)) and unicodedata.category(chr(c)) != "Cn"]
        assert not lacking, lacking


@pytest.mark.parametrize("text", ["Lương Tam Quang, Việt Nam", "王毅", "ประเทศไทย", "ລາວ",
                                  "ខ្មែរ", "မြန်မာ", "Ελληνικά", "Кириллица", "“quotes” — …",
                                  "zero\u200bwidth", "a selector after a dash —\ufe0f"])
def test_the_region_s_scripts_are_drawn(text):
    assert glyphs.missing(text) == []


@pytest.mark.parametrize("text,lost", [("fire 🔥", ["🔥"]), ("😀😀 twice", ["😀"]),
                                       ("مرحبا", list("مرحبا")), ("𠀀", ["𠀀"])])
def test_what_no_font_has_is_found_once_each(text, lost):
    assert glyphs.missing(text) == lost


def test_check_names_the_fact_and_the_character(project, cli):
    use_facts(project, MINIMAL_FACTS.replace(
        "text: The ASEAN Border Management Cooperation Roadmap was adopted.",
        "text: The ASEAN Border Management Cooperation Roadmap was adopted 🎉."))
    result = cli("check", root=project)
    assert result.code == 1
    assert ("fact 'border-roadmap': its text holds 🎉 (U+1F389 PARTY POPPER), which no font "
            "of the PDF can show") in result.err


def test_a_pdf_build_refuses_what_an_outline_adds(project, cli):
    use_facts(project)
    use_outline(project, "extends: _base\ntitle: Brief 🚀\nsections:\n  - title: Meetings\n"
                "    template: bullets.md.j2\n    select: {kinds: [meeting]}\n")
    result = cli("build", "--format", "pdf", "--out", str(project / "out"), root=project)
    assert result.code == 1 and "would lose 🚀 (U+1F680 ROCKET)" in result.err
    assert not (project / "out").exists()
    md = cli("build", "--format", "md", "--out", str(project / "out"), root=project)
    assert md.code == 0  # Markdown shows it as it is
