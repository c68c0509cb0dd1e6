"""The workflow's publish steps (.ci/publish), replayed against a local bare repository
standing in for the remote: first publish, a run that changes nothing, a one-fact edit,
an outline removed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, edit

from briefing.build import build
from briefing.project import Project

PUBLISH = ROOT / ".ci" / "publish"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t",
       "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_TERMINAL_PROMPT": "0"}


def git(*args, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def repos(tmp_path):
    """A bare repository standing in for the remote, and a clone of it with one commit
    (the workflow's checkout)."""
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    clone = tmp_path / "clone"
    clone.mkdir()
    git("init", "--quiet", "-b", "main", cwd=clone)
    (clone / "README.md").write_text("the project\n")
    git("add", "README.md", cwd=clone)
    git("commit", "--quiet", "-m", "start", cwd=clone)
    git("remote", "add", "origin", str(remote), cwd=clone)
    git("push", "--quiet", "origin", "main", cwd=clone)
    return remote, clone


def ci_build(root: Path, out: Path, remote: Path):
    """Build as the workflow does: into a fresh folder holding only the published
    manifest, with --force."""
    out.mkdir()
    shown = subprocess.run(["git", "--git-dir", str(remote), "show", "briefs:manifest.json"],
                           capture_output=True, env=ENV)
    if shown.returncode == 0:
        (out / "manifest.json").write_bytes(shown.stdout)
    return build(Project(root), [], ["md"], out, force=True)


def publish(clone: Path, out: Path, source: str) -> str:
    proc = subprocess.run(["bash", str(PUBLISH), str(out), "origin", source], cwd=clone,
                          env=ENV, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def published(remote: Path) -> dict[str, bytes]:
    names = git("--git-dir", str(remote), "ls-tree", "--name-only", "briefs",
                cwd=remote).split()
    return {n: subprocess.run(["git", "--git-dir", str(remote), "show", f"briefs:{n}"],
                              capture_output=True, check=True).stdout for n in names}


def commits(remote: Path) -> list[str]:
    return git("--git-dir", str(remote), "log", "--format=%s", "briefs",
               cwd=remote).splitlines()


def test_publishing_replayed_against_a_local_remote(tmp_path, repos):
    remote, clone = repos
    root = copy_project(tmp_path / "project")

    # First publish: every output the manifest lists (the PNGs too), the manifest and
    # the change report.
    first = tmp_path / "build1"
    ci_build(root, first, remote)
    listed = set(json.loads((first / "manifest.json").read_text())["outputs"])
    assert any(n.endswith(".png") for n in listed)
    publish(clone, first, "c1")
    files = published(remote)
    assert set(files) == listed | {"manifest.json", "CHANGES.md"}
    for name in listed:
        assert files[name] == (first / name).read_bytes()
    assert commits(remote) == ["Briefs rebuilt from c1"]

    # Nothing changed: no change report is written, and nothing is committed.
    second = tmp_path / "build2"
    result = ci_build(root, second, remote)
    assert result.changes == [] and not (second / "CHANGES.md").exists()
    said = publish(clone, second, "c2")
    assert "nothing to publish" in said
    assert commits(remote) == ["Briefs rebuilt from c1"]
    assert published(remote) == files

    # One fact changes: one commit, holding the files whose bytes changed, the manifest
    # and the report.
    edit(root / "seeds/facts/004-ammtc-9.yaml",
         "text: Transnational crime poses a significant threat",
         "text: Transnational crime poses a serious threat")
    third = tmp_path / "build3"
    result = ci_build(root, third, remote)
    changed = {f.name for ch in result.changes for f in ch.files}
    assert changed and all(not n.endswith(".png") for n in changed)
    publish(clone, third, "c3")
    assert commits(remote) == ["Briefs rebuilt from c3", "Briefs rebuilt from c1"]
    in_commit = set(git("--git-dir", str(remote), "diff-tree", "--no-commit-id",
                        "--name-only", "-r", "briefs", cwd=remote).split())
    assert in_commit == changed | {"manifest.json", "CHANGES.md"}
    assert "ammtc9-transnational-crime-threat" in published(remote)["CHANGES.md"].decode()

    # An outline is removed: its files go from the branch.
    (root / "templates/outlines/partners.yaml").unlink()
    fourth = tmp_path / "build4"
    result = ci_build(root, fourth, remote)
    assert [ch.status for ch in result.changes] == ["removed"]
    publish(clone, fourth, "c4")
    assert len(commits(remote)) == 3
    files = published(remote)
    assert not any(n.startswith("partners") for n in files)
    assert set(files) == set(json.loads((fourth / "manifest.json").read_text())["outputs"]) \
        | {"manifest.json", "CHANGES.md"}
    assert "## partners (removed)" in files["CHANGES.md"].decode()


def test_publish_refuses_an_artifact_missing_a_listed_file(tmp_path, repos):
    remote, clone = repos
    root = copy_project(tmp_path / "project")
    out = tmp_path / "build"
    ci_build(root, out, remote)
    next(out.glob("*.png")).unlink()
    proc = subprocess.run(["bash", str(PUBLISH), str(out)], cwd=clone, env=ENV,
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "was not built" in proc.stderr
    assert git("--git-dir", str(remote), "branch", "--list", "briefs", cwd=remote) == ""
