"""Shared fixtures: a private copy of the test project to break, and a CLI runner.

Tests run on the test project (`tests/fixtures/project/`, a frozen fact base and its
outlines over the checkout's section templates), never on the shipped `seeds/`: a user's
own sources and facts must not make them fail. Tests about the shipped data are marked
`shipped` and use `ROOT` itself.
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "project"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from briefing.cli import main  # noqa: E402


@dataclass
class Result:
    code: int
    out: str
    err: str


def copy_project(dest: Path) -> Path:
    """Make `dest` a copy of the test project: its seeds and outlines, and the checkout's
    section templates; return `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURE / "seeds", dest / "seeds")
    shutil.copytree(FIXTURE / "templates" / "outlines", dest / "templates" / "outlines")
    shutil.copytree(ROOT / "templates" / "sections", dest / "templates" / "sections")
    return dest


@cache
def fixture_root() -> Path:
    """Return one copy of the test project per test run, for tests that only read it
    (module-level data); it is removed when the run ends."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-tests-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return copy_project(folder / "project")


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory):
    """Build every shipped outline in every format, once per run, for the tests about the
    shipped data (marked `shipped`); return (out, briefs by name, base, outlines by name)."""
    from briefing.assemble.compose import assemble
    from briefing.assemble.templates import Templates
    from briefing.build import build, load_outlines
    from briefing.factbase.load import load_factbase
    from briefing.project import Project

    out = tmp_path_factory.mktemp("shipped")
    project = Project(ROOT)
    build(project, [], None, out, force=True)
    base = load_factbase(project)
    templates = Templates(ROOT / "templates/sections", ROOT, base.vocab)
    outlines = {o.name: o for o in load_outlines(project, base, [])}
    briefs = {name: assemble(base, o, templates, "x") for name, o in outlines.items()}
    return out, briefs, base, outlines


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a copy of the test project that a test may change."""
    return copy_project(tmp_path / "project")


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
    root = copy_project(tmp_path_factory.mktemp("good") / "project")
    out = root / "out"
    assert main(["--root", str(root), "build", "quick-brief", "--format", "md",
                 "--out", str(out)]) == 0
    (out / "sentinel.txt").write_bytes(b"left by an earlier build\n")
    return out
