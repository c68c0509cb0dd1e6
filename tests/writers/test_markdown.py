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


def test_a_cross_reference_links_to_an_empty_span_where_its_fact_stands():
    import json
    import shutil
    import subprocess

    from sample_brief import xref_brief

    from briefing.writers.markdown import write

    md = write(xref_brief()).decode()
    assert "- []{#fact-a}Fact A stands here.[^1]" in md
    assert "| []{#fact-b}Fact B in a cell.[^2] |" in md
    assert md.count("[See Meetings, above](#fact-a).") == 1
    assert md.count("[See Meetings, above](#fact-b).") == 1
    if not shutil.which("pandoc"):
        return
    doc = json.loads(subprocess.run(["pandoc", "-f", "markdown", "-t", "json"], input=md,
                                    capture_output=True, text=True, check=True).stdout)
    spans, links = [], []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Span":
                spans.append(node["c"][0][0])
            elif node.get("t") == "Link":
                links.append(node["c"][2][0])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc["blocks"])
    assert spans == ["fact-a", "fact-b"]
    assert links == ["#fact-a", "#fact-b"]
