"""Acceptance of issue 16: a user adds their own source with ten facts to the project, and
the tests of the shipped data (marked `shipped`) still pass on it.

The copy gets the new text through `briefing add-source`, the vocabulary entries its
facts name, and a fact file; then `pytest -m shipped` runs in the copy, whose tests read
the copy's own seeds and templates. Every other test reads only the test project
(tests/fixtures/project/), so the shipped-data tests are the ones a user's data reaches;
`test_no_other_test_reads_the_shipped_data` keeps it so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from briefing.cli import main

NEW = ROOT / "tests" / "fixtures" / "new-source"


def copy_checkout(dest: Path) -> Path:
    """Copy what the tests read of the project (seeds, templates, tests, the pytest
    settings) to `dest`."""
    dest.mkdir(parents=True)
    (dest / "out").mkdir()
    for folder in ("seeds", "templates", "tests"):
        shutil.copytree(ROOT / folder, dest / folder,
                        ignore=shutil.ignore_patterns("__pycache__", ".briefing-cache"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, dest / name)
    return dest


def add_new_source(root: Path, tmp: Path) -> str:
    """Add the test article to project `root` as a user would; return its source id.
    (Its file name and fact ids are the tests' own, so they meet nothing of the user's.)"""
    article = tmp / "zz-briefing-test-article.txt"
    shutil.copyfile(NEW / "article.txt", article)
    before = {p.name for p in (root / "seeds").glob("*.txt")}
    assert main(["--root", str(root), "add-source", str(article), "--outlet",
                 "ASEANAPOL Secretariat (test text)", "--title",
                 "Regional police chiefs back joint action on scam compounds", "--date",
                 "2025-07-02", "--url", "https://example.org/aseanapol/2025-07-02"]) == 0
    assert {p.name for p in (root / "seeds").glob("*.txt")} - before == {article.name}
    registry = (root / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    source_id = re.findall(r"- id: (\S+)\n    file: \"zz-briefing-test-article", registry)[0]
    with (root / "seeds" / "sources.yaml").open("a", encoding="utf-8") as out:
        out.write("    debris: [Related, Click Here For The Original Source.]\n")
    vocab = root / "seeds" / "vocab"
    for name in ("organisations.yaml", "people.yaml"):
        text = (vocab / name).read_text(encoding="utf-8") if (vocab / name).exists() else (
            "organisations:\n")
        (vocab / name).write_text(text.rstrip("\n") + "\n" + (NEW / name).read_text(
            encoding="utf-8"), encoding="utf-8")
    facts = (NEW / "facts.yaml").read_text(encoding="utf-8").replace("SOURCE", source_id)
    (root / "seeds" / "facts" / f"{source_id}.yaml").write_text(facts, encoding="utf-8")
    return source_id


@pytest.mark.slow
def test_a_new_source_with_ten_facts_keeps_the_shipped_data_tests_green(tmp_path, cli):
    root = copy_checkout(tmp_path / "copy")
    source_id = add_new_source(root, tmp_path)
    result = cli("check", root=root)
    assert result.code == 0, result.err
    assert "warnings:  0" in result.out, result.err
    listed = cli("facts", "--source", source_id, "--json", root=root)
    assert listed.out.count('"id": "newsrc-') == 10
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "shipped", "-p",
                           "no:cacheprovider", "tests"], cwd=root, capture_output=True,
                          text=True, timeout=900)
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary and "error" not in summary


# What shows that a test module reads the shipped project rather than the test project.
_READS_SHIPPED = re.compile(r"Project\(ROOT\)|ROOT / \"seeds\"|ROOT / \"templates\"|"
                            r"root=ROOT|\"--root\", str\(ROOT\)|"
                            r"outline_names\(ROOT")


def test_no_other_test_reads_the_shipped_data():
    """A test module that reads the shipped seeds or templates is marked `shipped`, so
    the run above covers every test a user's own data can reach."""
    unmarked = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name == Path(__file__).name:
            continue
        if _READS_SHIPPED.search(text) and "pytest.mark.shipped" not in text:
            unmarked.append(path.relative_to(ROOT).as_posix())
    assert not unmarked, f"read the shipped data without the `shipped` mark: {unmarked}"
    # ... and where a module mixes the two, each test reading the shipped data is marked.
    text = (ROOT / "tests" / "test_build.py").read_text(encoding="utf-8")
    for match in re.finditer(r"\ndef (test_\w+)\((two_builds)", text):
        head = text[:match.start()].rstrip().splitlines()[-1]
        assert head == "@pytest.mark.shipped", match.group(1)
