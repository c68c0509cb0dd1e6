"""`briefing check` fails wherever `briefing build` would, and says so alike.

Over every case of the bad-input and hostile-project catalogues (tests/test_bad_inputs.py,
tests/test_hostile_projects.py) that a build meets, whose fault is in the project (not in
the command line): `check` exits as the build does, and reports each error the build
reports, file, line and message. One gap is marked as such (strict xfail, so fixing
it shows): `check` does not lay out the brief, so a heading no PDF page can hold is
found only by the PDF writer.
"""

from __future__ import annotations

import re

import pytest
import test_bad_inputs as bad
import test_hostile_projects as hostile
from conftest import copy_project

from briefing.cli import main

# A problem's first line, as `Problem.format` writes it: "file:line: error: message".
_ERROR = re.compile(r"^(?:\S.*?: )?error: .*$", re.MULTILINE)
# Found only when the brief is laid out in a format (`build` does, `check` does not).
_LAID_OUT = {"outline-heading-longer-than-a-page"}


def _build_cases():
    for module in (bad, hostile):
        for case in module.CASES:
            values = case if type(case) is tuple else case.values
            case_id, apply, command, status = values[:4]
            if "build" not in command or status == 0 or apply is module.nothing:
                continue
            marks = [pytest.mark.xfail(strict=True, reason="found when laid out")] \
                if case_id in _LAID_OUT else []
            yield pytest.param(case_id, apply, command, id=case_id, marks=marks)


def _run(argv: list[str], capsys) -> tuple[int, str]:
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize("case,apply,command", list(_build_cases()))
def test_check_reports_every_error_build_reports(case, apply, command, tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    apply(root, case, tmp_path)
    argv = [a.replace("{out}", str(tmp_path / "out")).replace("{tmp}", str(tmp_path))
            for a in command]
    built, build_err = _run(["--root", str(root), *argv], capsys)
    errors = _ERROR.findall(build_err)
    assert built in (1, 2) and errors, build_err
    checked, check_err = _run(["--root", str(root), "check"], capsys)
    assert checked == built, check_err
    for error in errors:
        assert error in check_err, f"{error!r} not in check's errors:\n{check_err}"


def test_the_cases_cover_outlines_templates_and_assessments():
    ids = {p.id for p in _build_cases()}
    for kind in ("outline-", "template-", "assessment-"):
        assert sum(i.startswith(kind) for i in ids) >= 5, kind


def test_check_fails_where_the_pdf_would_lose_a_character_of_the_outline(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    outline = root / "templates/outlines/quick-brief.yaml"
    outline.write_text(re.sub(r"(?m)^title: .*$", 'title: "Quick brief \U0001f525"',
                              outline.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    built, build_err = _run(["--root", str(root), "build", "quick-brief", "--format", "pdf",
                             "--out", str(tmp_path / "out")], capsys)
    assert built == 1 and "would lose" in build_err, build_err
    checked, check_err = _run(["--root", str(root), "check"], capsys)
    assert checked == 1 and _ERROR.findall(build_err)[0] in check_err, check_err


def test_check_fails_where_the_pdf_would_lose_a_character_of_a_template(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    template = root / "templates/sections/bullets.md.j2"
    template.write_text("Noted \U0001f9ea here.\n\n"
                        + template.read_text(encoding="utf-8"), encoding="utf-8")
    built, build_err = _run(["--root", str(root), "build", "--format", "pdf",
                             "--out", str(tmp_path / "out")], capsys)
    errors = _ERROR.findall(build_err)
    assert built == 1 and errors and "U+1F9EA" in errors[0], build_err
    checked, check_err = _run(["--root", str(root), "check"], capsys)
    assert checked == 1 and errors[0] in check_err, check_err
