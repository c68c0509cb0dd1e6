"""Values written into proposals read back as themselves, whatever they hold."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.curate.yamlout import quoted
from briefing.factbase.yamlfile import parse_yaml


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                      blacklist_characters="\x00"), max_size=60))
def test_quoted_text_reads_back_as_itself(text):
    data = parse_yaml(f"value: {quoted(text)}  # a comment\n".encode(), "x.yaml")
    assert data["value"] == text


def test_quoted_keeps_what_yaml_would_read_otherwise():
    for text in ["key: value", "# not a comment", "- a list?", "“curly” and 'straight'",
                 "2025-07-02", "yes", "null", "\u2028line\u2029"]:
        assert parse_yaml(f"v: {quoted(text)}\n".encode(), "x.yaml")["v"] == text
