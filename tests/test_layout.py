"""The layout: the README's layout section matches the tree (every package folder listed,
one line each, and every folder listed exists), and tests/ mirrors briefing/ (a test
module in a folder of tests/ checks the module of that name in the same folder of the
package; tests at the top of tests/ check the top-level modules or the whole program)."""

from __future__ import annotations

import re

from conftest import ROOT


def _layout_folders() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    return [m.group(1) for m in re.finditer(r"^(\S+/)\s", block, re.M)]


def test_every_package_folder_is_listed_once():
    listed = _layout_folders()
    assert len(listed) == len(set(listed)), "a folder is listed twice"
    packages = sorted(p.parent.relative_to(ROOT).as_posix() + "/"
                      for p in (ROOT / "briefing").rglob("__init__.py"))
    missing = [p for p in packages if p not in listed]
    assert not missing, f"README layout lacks {missing}"


def test_every_listed_folder_exists():
    for folder in _layout_folders():
        assert (ROOT / folder).is_dir(), f"README layout lists {folder}, which is not there"


def test_tests_mirror_the_package():
    tests = ROOT / "tests"
    strays = []
    for path in sorted(tests.rglob("test_*.py")):
        folder = path.parent.relative_to(tests)
        if folder.parts == ("fixtures",) or "fixtures" in folder.parts:
            continue
        if folder == folder.parent:  # tests/ itself: top-level modules or the whole program
            continue
        module = ROOT / "briefing" / folder / (path.stem[len("test_"):] + ".py")
        if not module.is_file():
            strays.append(path.relative_to(ROOT).as_posix())
    assert not strays, f"test modules that name no module of the package: {strays}"


def test_no_module_is_over_450_lines():
    """Small modules with names that say what they hold: a module past 450 lines holds
    more than one thing (split it where its parts meet)."""
    long = {path.relative_to(ROOT).as_posix(): n for path in (ROOT / "briefing").rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450}
    assert not long, long
