"""Markdown writer details that the read-back tests do not reach."""

from __future__ import annotations

import re
import sys

import pytest

from briefing.writers.markdown import _SPECIAL, _escape

ALL = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
WHITE = re.findall(r"\s", ALL)


def _collapsed_then_escaped(text: str) -> str:
    """Return `text` escaped the long way: every run of white space made one space."""
    text = _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))
    return text.replace("--", "-\\-").replace("...", "..\\.")


def test_white_space_other_than_a_space_is_never_printable():
    """What lets `_escape` skip collapsing text that is printable with no double space."""
    assert [ch for ch in WHITE if ch.isprintable()] == [" "]


@pytest.mark.parametrize("text", [
    "plain words", "  lead and trail  ", "tab\there", "new\nline\r\n", "nbsp\u00a0x",
    "line\u2028sep", "ideographic\u3000space", "mixed \t\u00a0 run", "\x1c\x1f",
    "zero\u200bwidth", "*[@x]* `y` 'q' -- ...", "", " ", *WHITE,
    *(f"a {ch}{ch} b" for ch in WHITE)])
def test_escape_collapses_white_space_as_one_space(text):
    assert _escape(text) == _collapsed_then_escaped(text)
