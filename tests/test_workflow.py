"""The GitHub Actions workflow: linted with actionlint, and shaped as the design asks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "briefs.yml"


def _actionlint() -> str | None:
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.exists() else shutil.which("actionlint")


@pytest.mark.skipif(_actionlint() is None, reason="actionlint is not installed")
def test_actionlint_passes():
    proc = subprocess.run([_actionlint(), "-no-color", str(WORKFLOW)], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    if _actionlint() is None:
        pytest.skip("actionlint is not installed")
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
                   "      - run: echo ${{ github.no_such_thing }}\n")
    proc = subprocess.run([_actionlint(), "-no-color", str(bad)], capture_output=True, text=True)
    assert proc.returncode != 0 and "no_such_thing" in proc.stdout


def test_workflow_triggers_permissions_and_pins():
    data = yaml.safe_load(WORKFLOW.read_text())
    triggers = data[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "schedule", "workflow_dispatch"} <= set(triggers)
    assert triggers["schedule"][0]["cron"]
    assert data["permissions"] == {"contents": "read"}
    assert "group" in data["concurrency"]
    assert data["jobs"]["publish"]["permissions"] == {"contents": "write"}
    for job in data["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                action, _, version = step["uses"].partition("@")
                assert version.startswith("v") and version.count(".") == 2, step["uses"]
    build_steps = " ".join(s.get("run", "") for s in data["jobs"]["build"]["steps"])
    assert "pytest" in build_steps and "briefing check" in build_steps
    assert "briefing build" in build_steps and "SOURCE_DATE_EPOCH" in build_steps


def test_a_non_blocking_job_tries_the_newest_library_releases():
    job = yaml.safe_load(WORKFLOW.read_text())["jobs"]["next-releases"]
    assert job["continue-on-error"] is True
    assert "schedule" in job["if"]
    runs = [s.get("run", "") for s in job["steps"]]
    upgrade = next(r for r in runs if "--upgrade" in r)
    assert "reportlab" in upgrade and "python-docx" in upgrade
    assert any("test_rl_internals.py" in r and "test_docx_internals.py" in r for r in runs)
    assert any(r.strip().endswith("pytest -q") for r in runs)
