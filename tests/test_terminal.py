"""Tables for the terminal (`briefing/terminal.py`): within the width, the text widest."""

from __future__ import annotations

import pytest

from briefing.terminal import wrapped_table

ROWS = [("A long sentence of a fact that must wrap over several lines of the table " * 2,
         "a-very-long-fact-identifier-that-would-take-half-the-line", "meeting",
         "2025-06-24", "s002a,s002b"),
        ("Short.", "b", "context", "-", "s001")]


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_lines_fit_and_the_text_is_the_widest_column(width):
    lines = wrapped_table(("text", "id", "kind", "date", "sources"), ROWS, width)
    assert max(len(line) for line in lines) <= width
    header = lines[0]
    text_width = header.index("id")
    assert text_width > header.index("kind") - text_width  # wider than the id column
    assert "2025-06-24" in "\n".join(lines)  # a date is never broken
    joined = "".join("".join(line[:text_width].split()) for line in lines[1:])
    assert "".join(ROWS[0][0].split()) in joined and "Short." in joined


def test_a_table_that_fits_is_not_wrapped():
    lines = wrapped_table(("text", "id"), [("Short.", "b")], 80)
    assert lines == ["text    id", "Short.  b"]
