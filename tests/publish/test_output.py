"""The output folder: a build's files change together or not at all, one build at a time,
a crash is repaired by the next build, a full disk changes nothing, and a failed build
creates nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from conftest import ROOT
from conftest import copy_project as copy_test_project

from briefing.publish import output as output_module
from briefing.publish.output import JOURNAL, OutputFolder, plain_name


def copy_project(tmp_path: Path) -> Path:
    return copy_test_project(tmp_path / "project")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def run(*args: str, env: dict | None = None, limit_kb: int | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `python -m briefing ARGS` in a fresh process (with `ulimit -f` when asked)."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    command = [sys.executable, "-m", "briefing", *args]
    if limit_kb is not None:
        command = ["bash", "-c", f'ulimit -f {limit_kb} && exec "$@"', "bash", *command]
    return subprocess.run(command, capture_output=True, text=True, env=environ,
                          timeout=timeout, cwd=ROOT)


@pytest.mark.parametrize("name,ok", [
    ("full-brief.pdf", True), ("partners-figure-1.png", True), ("Việt Nam.md", True),
    ("", False), (".", False), ("..", False), ("../victim.txt", False), ("/etc/passwd", False),
    ("a/b.md", False), ("a\\b.md", False), ("a\0b.md", False), (".hidden", False),
    ("x" * 256, False), (None, False), (42, False)])
def test_plain_names_are_file_names_in_the_folder_and_nothing_else(name, ok):
    assert plain_name(name) is ok


def test_a_failure_while_staging_leaves_the_folder_as_it_was(tmp_path):
    folder = OutputFolder(tmp_path)
    (tmp_path / "a.md").write_bytes(b"old a")
    txn = folder.transaction()
    txn.write("a.md", b"new a")
    txn.write("b.md", b"new b")
    txn.abort()  # what a failing third write leads to
    assert files(tmp_path) == {"a.md": b"old a"}


def test_a_failure_before_the_journal_is_in_place_changes_nothing(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_bytes(b"old a")
    txn = OutputFolder(tmp_path).transaction()
    txn.write("a.md", b"new a")
    txn.unlink("gone.md")
    (tmp_path / "gone.md").write_bytes(b"still here")

    def no_rename(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_module.os, "replace", no_rename)
    with pytest.raises(OSError):
        txn.commit()
    assert files(tmp_path) == {"a.md": b"old a", "gone.md": b"still here"}


def test_a_commit_puts_everything_in_place_and_leaves_nothing_else(tmp_path):
    (tmp_path / "a.md").write_bytes(b"old a")
    (tmp_path / "gone.md").write_bytes(b"stale")
    txn = OutputFolder(tmp_path).transaction()
    txn.write("a.md", b"new a")
    txn.write("manifest.json", b"{}")
    txn.unlink("gone.md")
    txn.commit()
    assert files(tmp_path) == {"a.md": b"new a", "manifest.json": b"{}"}


CRASH = textwrap.dedent("""\
    import os, sys
    from pathlib import Path
    from briefing.cli import main
    real, calls = os.replace, []
    def crashing(src, dst):
        real(src, dst)
        calls.append(dst)
        if str(dst).endswith(".md") and len(calls) == 2:  # the journal, then one brief
            os._exit(9)  # the machine stops here: no cleanup, no finally
    os.replace = crashing
    sys.exit(main(sys.argv[1:]))
""")


def test_a_crash_while_files_are_put_in_place_is_completed_by_the_next_build(tmp_path):
    root = copy_project(tmp_path)
    out = tmp_path / "out"
    assert run("--root", str(root), "build", "--format", "md", "--out", str(out)).returncode == 0
    edit = root / "templates/outlines/_base.yaml"
    edit.write_text(edit.read_text().replace("classification: OFFICIAL",
                                             "classification: OFFICIAL-SENSITIVE"))
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    crashed = subprocess.run([sys.executable, "-c", CRASH, "--root", str(root), "build",
                              "--format", "md", "--out", str(out)], env=environ,
                             capture_output=True, text=True, timeout=300)
    assert crashed.returncode == 9, crashed.stderr
    assert (out / JOURNAL).exists()  # half the briefs new, half old, the manifest old
    new = [n for n, data in files(out).items() if n.endswith(".md") and n != "CHANGES.md"
           and b"OFFICIAL-SENSITIVE" in data]
    assert len(new) == 1
    # The next build completes the interrupted one, then finds every brief up to date.
    again = run("--root", str(root), "build", "--format", "md", "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert "0 written" in again.stdout and not (out / JOURNAL).exists()
    briefs = {n: d for n, d in files(out).items() if n.endswith(".md") and n != "CHANGES.md"}
    assert briefs and all(b"OFFICIAL-SENSITIVE" in d for d in briefs.values())
    recorded = json.loads((out / "manifest.json").read_text())["outputs"]
    assert set(briefs) <= set(recorded)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_a_full_disk_changes_nothing_and_says_so(tmp_path):
    root = copy_project(tmp_path)
    out = tmp_path / "out"
    assert run("--root", str(root), "build", "--format", "md,pdf", "--out",
               str(out)).returncode == 0
    before = files(out)
    edit = root / "templates/outlines/_base.yaml"
    edit.write_text(edit.read_text().replace("classification: OFFICIAL",
                                             "classification: OFFICIAL-SENSITIVE"))
    # Files of at most 64 KB: the Markdown briefs fit, the PDFs do not.
    full = run("--root", str(root), "build", "--format", "md,pdf", "--out", str(out),
               env={"BRIEFING_CACHE": "0"}, limit_kb=64)
    assert full.returncode == 2, full.stderr
    assert "Traceback" not in full.stderr
    assert "cannot write the output folder: File too large; nothing in it was changed" in (
        full.stderr)
    assert files(out) == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_two_builds_at_once_both_land_in_the_manifest(tmp_path):
    root = copy_project(tmp_path)
    out = tmp_path / "out"
    results = {}

    def build(name: str) -> None:
        results[name] = run("--root", str(root), "build", name, "--format", "md", "--out",
                            str(out))

    threads = [threading.Thread(target=build, args=(n,)) for n in ("quick-brief", "cybercrime")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r.returncode == 0 for r in results.values()), {
        n: r.stderr for n, r in results.items()}
    recorded = json.loads((out / "manifest.json").read_text())["outputs"]
    assert {"quick-brief.md", "cybercrime.md"} <= set(recorded)


def test_a_second_build_waits_for_the_lock_then_refuses(tmp_path, monkeypatch):
    import fcntl

    monkeypatch.setattr(output_module, "LOCK_WAIT", 0.3)
    folder = OutputFolder(tmp_path / "out")
    (tmp_path / "out").mkdir()
    fd = os.open(tmp_path / "out", os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another build holds it
    try:
        from briefing.errors import UnusableInput

        with pytest.raises(UnusableInput, match="another build has been writing"):
            with folder.locked():
                pass
    finally:
        os.close(fd)


def test_a_failed_build_creates_no_output_folder(project, cli):
    out = project.parent / "new" / "deeper" / "out"
    (project / "templates/outlines/quick-brief.yaml").write_text(
        "extends: _base\ntitle: Q\nsections:\n  - title: X\n    template: zz.md.j2\n"
        "    select: {kinds: [meeting]}\n", encoding="utf-8")
    (project / "templates/sections/zz.md.j2").write_text("{{ 1 // 0 }}\n", encoding="utf-8")
    result = cli("build", "quick-brief", "--format", "md", "--out", str(out), root=project)
    assert result.code == 1 and "ZeroDivisionError" in result.err
    assert not (project.parent / "new").exists()


def test_an_output_that_is_a_folder_is_refused_before_anything_is_written(project, cli):
    out = project / "out"
    assert cli("build", "quick-brief", "--format", "md", "--out", str(out),
               root=project).code == 0
    before = files(out)
    (out / "cybercrime.md").mkdir()
    result = cli("build", "cybercrime", "quick-brief", "--format", "md", "--force",
                 "--out", str(out), root=project)
    assert result.code == 2 and "cybercrime.md is a folder in the output folder" in result.err
    assert files(out) == before


def test_a_symlink_in_the_output_folder_is_replaced_not_written_through(project, cli, tmp_path):
    out = project / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    out.mkdir()
    (out / "quick-brief.md").symlink_to(victim)
    assert cli("build", "quick-brief", "--format", "md", "--out", str(out),
               root=project).code == 0
    assert victim.read_text() == "mine" and not (out / "quick-brief.md").is_symlink()


def test_the_default_out_folder_may_not_be_a_symlink(project, cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / "out").symlink_to(elsewhere)
    result = cli("build", "quick-brief", "--format", "md", root=project)
    assert result.code == 2 and "out/ is a symlink" in result.err
    assert not list(elsewhere.iterdir())


def test_a_damaged_journal_is_refused_and_nothing_is_followed(tmp_path, project, cli):
    out = project / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    (out / ".x.abcdefgh.new").write_text("planted")
    (out / JOURNAL).write_text(json.dumps({"install": [[".x.abcdefgh.new", "../victim.txt"]],
                                           "remove": ["/etc/hostname"]}))
    result = cli("build", "quick-brief", "--format", "md", "--out", str(out), root=project)
    assert result.code == 2 and "the journal of an interrupted build is damaged" in result.err
    assert victim.read_text() == "mine"
