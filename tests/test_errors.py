"""Messages stay short whatever the input: values and texts are cut, saying so."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import MESSAGE_LIMIT, Problem, display_path, shown_text, shown_value


def test_values_are_shown_cut_short():
    assert shown_value("zz-bad") == "'zz-bad'"
    assert len(shown_value("x" * 10_000)) < 100
    assert len(shown_value([list(range(1000))] * 1000)) < 200


def test_a_problem_prints_at_most_its_limit():
    text = Problem("m" * 100_000, "f.yaml", 3, detail="d" * 100_000).format()
    assert len(text) < 3 * MESSAGE_LIMIT
    assert "more characters)" in text and text.startswith("f.yaml:3: error: mmm")
    assert shown_text("short") == "short"


def test_paths_are_shown_as_the_project_spells_them(tmp_path):
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (tmp_path / "elsewhere.txt").write_text("x")
    (root / "seeds" / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert display_path(root / "seeds" / "link.txt", root) == "seeds/link.txt"
    assert display_path(Path("/etc/passwd"), root) == "/etc/passwd"
