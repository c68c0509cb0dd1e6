"""Shared fixtures: a private copy of the project to break, and a CLI runner."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from briefing.cli import main  # noqa: E402


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a copy of the shipped seeds and templates that a test may change."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


@pytest.fixture
def cli(capsys):
    """Return a function that runs `briefing ARGS` and returns exit code and output."""
    def run(*args: str, root: Path | None = None) -> Result:
        argv = (["--root", str(root)] if root else []) + list(args)
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse errors
            code = exc.code
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)
    return run


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a text file, failing when `old` is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="module")
def good_out(tmp_path_factory) -> Path:
    """An output folder holding a previous good build: a brief, manifest.json, CHANGES.md."""
    root = tmp_path_factory.mktemp("good")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "templates", root / "templates")
    out = root / "out"
    assert main(["--root", str(root), "build", "quick-brief", "--format", "md",
                 "--out", str(out)]) == 0
    (out / "sentinel.txt").write_bytes(b"left by an earlier build\n")
    return out
