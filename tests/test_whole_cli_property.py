"""A property of the whole command line, tried on projects hypothesis breaks at random.

Each example copies the shipped project (with its fact cache filled and an output
folder holding an earlier build), breaks it in one to three ways (a file's bytes
replaced, cut or spliced with YAML and template syntax; a YAML value replaced by another
of any type; a file made a symlink out of the project, a symlink to /dev/zero, a FIFO, a
folder, or removed; a byte-order mark added; a cache entry or the manifest planted), runs
one command in-process, and asserts:

- the exit status is 0, 1 or 2, with no traceback and no "internal error" (a bug);
- on a non-zero status, the output folder is byte for byte as it was;
- nothing outside the project changed, and the words of the file outside that symlinks
  lead to appear in no message and no output;
- each run ends within RUN_SECONDS (a run that hangs is stopped by faulthandler, which
  fails the test with the stack of the hang).

The examples are few (EXAMPLES, derandomized so CI sees the same ones each run) so the
test runs with the rest of the suite; `HYPOTHESIS_EXAMPLES=500` tries more, and
`HYPOTHESIS_RANDOM=1` other ones each run.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, ROOT, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli import main
from briefing.factbase import cache as readcache

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "50"))
RUN_SECONDS = 60.0
SECRET = "0000-OUTSIDE-SECRET-0000"

# The files of a copy of the test project (its seeds and outlines, the checkout's
# section templates), as `copy_project` lays them out.
FILES = sorted(str(p.relative_to(base)) for base, folder in (
    (FIXTURE, "seeds"), (FIXTURE, "templates/outlines"), (ROOT, "templates/sections"))
    for p in (base / folder).rglob("*") if p.is_file() and p.suffix != ".md")
NEW = ["seeds/facts/zz.yaml", "templates/outlines/zz.yaml", "templates/sections/zz.md.j2",
       "out/manifest.json", "out", "seeds/facts", "templates/sections",
       "templates/assessments/zz.yaml"]
COMMANDS = [("check",), ("check",), ("facts", "--json"), ("sources",), ("outlines",),
            ("build", "quick-brief", "--format", "md"), ("build", "--format", "md"),
            ("build", "quick-brief", "--format", "md", "--force"),
            ("build", "zz", "--format", "md"), ("build", "quick-brief", "--format", "docx"),
            ("build", "quick-brief", "--format", "pdf"), ("review", "zz", "--no-input")]
TOKENS = ["{{", "}}", "{%", "%}", "{% for x in range(100000) %}", "{% endfor %}", "*a", "&a",
          "!!python/object/apply:os.system ['true']", "!!timestamp 2025-02-30", "<<: *a",
          "@", "`", "\\q", "'", '"', ": ", "- ", "\t", "\ufeff", "\0", "🔥", "\n", "../",
          "/etc/passwd", "9" * 400, ".inf", "~", "[", "]", "{", "}", "|", ">"]

texts = st.one_of(st.text(max_size=40), st.sampled_from(TOKENS),
                  st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6).map("".join))
values = st.recursive(
    st.one_of(texts, st.integers(), st.floats(), st.booleans(), st.none(),
              st.sampled_from(["2025-02-30", "0000-01-01", "9999-12-31", "s002", "zz\n",
                               "../../etc/passwd", "-1", "1e999"])),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6)
mutations = st.lists(st.tuples(
    st.sampled_from(["bytes", "cut", "splice", "value", "value", "symlink-out", "dev-zero",
                     "fifo", "folder", "remove", "bom", "plant-cache"]),
    st.sampled_from(FILES + NEW), st.binary(max_size=120), texts, values,
    st.floats(0, 1)), min_size=1, max_size=3)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The test project with its fact cache filled and an earlier build in out/."""
    root = copy_project(tmp_path_factory.mktemp("template") / "project")
    saved = readcache.SMALLEST
    readcache.SMALLEST = 0
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["--root", str(root), "build", "quick-brief", "--format", "md"]) == 0
    finally:
        readcache.SMALLEST = saved
    return root


def _mutate(root: Path, outside: Path, kind: str, where: str, raw: bytes, text: str,
            value, at: float) -> None:
    path = root / where
    parents = [q for q in path.parents if q.is_relative_to(root) and q != root]
    if any(os.path.lexists(q) and (q.is_symlink() or not q.is_dir()) for q in parents):
        return  # an earlier mutation made a folder on the way a link or a file
    exists = os.path.lexists(path)
    if kind in ("symlink-out", "dev-zero", "fifo", "folder", "remove") or not exists:
        if exists and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif exists:
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "symlink-out":
            path.symlink_to(outside / "secret.txt")
        elif kind == "dev-zero":
            path.symlink_to("/dev/zero")
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "folder":
            path.mkdir()
        elif kind != "remove":
            path.write_bytes(raw or text.encode("utf-8", "surrogatepass"))
        return
    if path.is_symlink() or not path.is_file():  # a link, FIFO or folder made before
        return
    data = path.read_bytes()
    cut = int(len(data) * at)
    if kind == "bytes":
        data = raw
    elif kind == "cut":
        data = data[:cut]
    elif kind == "splice":
        data = data[:cut] + text.encode("utf-8", "surrogatepass") + data[cut:]
    elif kind == "bom":
        data = b"\xef\xbb\xbf" + data
    elif kind == "value":
        data = _replace_value(data, value, at)
    elif kind == "plant-cache":
        _plant_cache(root, raw, text)
        return
    path.write_bytes(data)


def _replace_value(data: bytes, value, at: float) -> bytes:
    """Return YAML `data` with one of its values (picked by `at`) replaced by `value`."""
    try:
        doc = yaml.safe_load(data)
    except yaml.YAMLError:
        return data
    slots = []

    def walk(node):
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(
            node, list) else ()
        for key, child in items:
            slots.append((node, key))
            walk(child)
    walk(doc)
    if not slots:
        return yaml.safe_dump(value, allow_unicode=True).encode()
    node, key = slots[min(int(at * len(slots)), len(slots) - 1)]
    node[key] = value
    return yaml.safe_dump(doc, allow_unicode=True).encode()


def _plant_cache(root: Path, raw: bytes, text: str) -> None:
    """Plant a cache entry for each fact file, with the header the file's bytes and the
    code give (anyone can compute it) and a body of our choosing."""
    for path in sorted((root / "seeds" / "facts").glob("*.yaml")):
        if not path.is_file() or path.is_symlink():
            continue
        slot = readcache.Slot("facts", path, root, path.read_bytes())
        slot.entry.parent.mkdir(parents=True, exist_ok=True)
        slot.entry.write_bytes(slot.header + (raw or text.encode("utf-8", "surrogatepass")))


def _snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir() or folder.is_symlink():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def _tree(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder` but the project: its kind, size and time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        if Path(dirpath) == folder:
            dirnames[:] = [d for d in dirnames if d != "project"]
        for name in dirnames + filenames:
            info = os.lstat(os.path.join(dirpath, name))
            out[os.path.join(dirpath, name)] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return out


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          derandomize=os.environ.get("HYPOTHESIS_RANDOM") != "1",
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(broken=mutations, command=st.sampled_from(COMMANDS))
def test_any_broken_project_gets_a_clear_answer_and_harms_nothing(template, monkeypatch,
                                                                  broken, command):
    monkeypatch.setattr(readcache, "SMALLEST", 0)  # the cache is read, and can be planted
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        outside = tmp / "outside"
        outside.mkdir()
        (outside / "secret.txt").write_text(f"facts: []\n# {SECRET}\n")
        root = tmp / "project"
        shutil.copytree(template, root, symlinks=True)
        for mutation in broken:
            _mutate(root, outside, *mutation)
        out_before = _snapshot(root / "out")
        tree_before = _tree(tmp)
        stdout, stderr = io.StringIO(), io.StringIO()
        faulthandler.dump_traceback_later(RUN_SECONDS * 2, exit=True)
        started = time.monotonic()
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                try:
                    code = main(["--root", str(root), *command])
                except SystemExit as exc:  # argparse
                    code = exc.code
        finally:
            faulthandler.cancel_dump_traceback_later()
        took = time.monotonic() - started
        said = stdout.getvalue() + stderr.getvalue()
        context = f"{command} after {broken}:\n{said[-3000:]}"
        assert code in (0, 1, 2), context
        assert "Traceback" not in said and "internal error" not in said, context
        assert took < RUN_SECONDS, context
        if code != 0:
            assert _snapshot(root / "out") == out_before, "output folder changed: " + context
        assert _tree(tmp) == tree_before, "something outside the project changed: " + context
        assert SECRET not in said, context
        assert all(SECRET.encode() not in data for data in _snapshot(root / "out").values())
