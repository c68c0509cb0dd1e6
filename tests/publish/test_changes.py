"""The change report: each output compared with its own previous entry, a brief changed
only when a file's bytes did, with the inputs that changed for that file."""

from __future__ import annotations

import json

from conftest import copy_project, edit

from briefing.build import build
from briefing.project import Project
from briefing.publish.changes import (
    CHANGES,
    BriefChanges,
    brief_changes,
    file_change,
    report,
    summary,
)
from briefing.publish.manifest import Entry, digest

FACT_FILE = "seeds/facts/004-ammtc-9.yaml"
FACT = "ammtc9-transnational-crime-threat"


def _built(tmp_path, formats=("md",)):
    root = copy_project(tmp_path / "project")
    out = root / "out"
    build(Project(root), [], list(formats), out)
    return root, out


def test_two_forced_builds_report_no_change(tmp_path):
    root, out = _built(tmp_path, ("md", "docx"))
    report_before = (out / CHANGES).read_bytes()
    manifest_before = (out / "manifest.json").read_bytes()
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    for _ in range(2):
        again = build(Project(root), [], ["md", "docx"], out, force=True)
        assert again.changes == []
        assert again.count("written") == 0 and again.count("unchanged") == len(again.outputs)
    assert (out / CHANGES).read_bytes() == report_before  # the earlier report stays
    assert (out / "manifest.json").read_bytes() == manifest_before
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    # The manifest names the report that goes with it.
    assert json.loads(manifest_before)["changes"] == digest(report_before)


def test_a_one_fact_edit_reports_exactly_that_fact(tmp_path):
    root, out = _built(tmp_path, ("md", "docx"))
    edit(root / FACT_FILE, "text: Transnational crime poses a significant threat",
         "text: Transnational crime poses a serious threat")
    result = build(Project(root), [], ["md", "docx"], out, force=True)
    assert result.changes, "the edit changed no brief"
    for ch in result.changes:
        assert ch.status == "changed"
        assert ch.facts_changed == [FACT]
        assert not (ch.facts_added or ch.facts_removed or ch.sources_added
                    or ch.sources_changed or ch.sources_removed)
        for f in ch.files:
            assert f.status == "changed" and f.inputs == ["brief"], (ch.outline, f)
            assert f.name.endswith((".md", ".docx"))  # the figures did not change
    text = (out / CHANGES).read_text()
    assert f"Facts changed: `{FACT}`" in text
    assert "writer" not in text and "Presentation" not in text
    written = {o.path.name for o in result.outputs if o.status == "written"}
    assert written == {f.name for ch in result.changes for f in ch.files}


def test_a_template_edit_reports_the_template(tmp_path):
    root, out = _built(tmp_path)
    edit(root / "templates/sections/bullets.md.j2", "- {{ fact | cite }}",
         "- Reported: {{ fact | cite }}")
    result = build(Project(root), [], ["md"], out)
    assert result.changes
    for ch in result.changes:
        assert not (ch.facts_changed or ch.facts_added or ch.facts_removed)
        for f in ch.files:
            assert set(f.inputs) == {"brief", "template bullets.md.j2"}, f
    assert "the template `bullets.md.j2`" in (out / CHANGES).read_text()


def test_a_figures_png_change_reports_the_figure(tmp_path, monkeypatch):
    root, out = _built(tmp_path)
    pngs = sorted(p.name for p in out.glob("*-figure-*.png"))
    assert pngs
    # A change in the drawing code: other PNG bytes, the Markdown the same.
    from briefing import build as build_module
    from briefing.writers.figure import raster

    drawn = raster.png
    monkeypatch.setattr(raster, "png", lambda figure, *a: drawn(figure, *a) + b"\0")
    real_digest = build_module.writer_digest
    monkeypatch.setattr(build_module, "writer_digest",
                        lambda fmt: digest(real_digest(fmt) + " drawing changed"))
    result = build(Project(root), [], ["md"], out)
    changed = sorted(f.name for ch in result.changes for f in ch.files)
    assert changed == pngs  # the figures, and not the Markdown beside them
    for ch in result.changes:
        for f in ch.files:
            assert f.inputs == ["writer"]
    text = (out / CHANGES).read_text()
    assert f"`{pngs[0]}` changed: the writer's code or fonts" in text
    assert ".md` changed" not in text


def _entry(sha: str, **inputs) -> Entry:
    return Entry("b", "md", sha * 64, {"brief": "1", **inputs}, {"f1": "a"}, {"s1": "x"})


def test_file_change_compares_bytes_then_names_the_inputs():
    old = _entry("a", writer="1")
    assert file_change("b.md", old, _entry("a", writer="2")) is None  # same bytes
    changed = file_change("b.md", old, _entry("b", writer="2"))
    assert changed.status == "changed" and changed.inputs == ["writer"]
    assert file_change("b.md", None, old).status == "new"
    assert file_change("b.md", old, None).status == "removed"
    assert file_change("b.md", None, None) is None


def test_brief_changes_and_the_report():
    old, new = _entry("a"), _entry("b")
    new.facts = {"f1": "b", "f2": "c"}
    ch = brief_changes("b", [("b.md", old, new), ("b-figure-1.png", old, _entry("a"))])
    assert ch.status == "changed" and [f.name for f in ch.files] == ["b.md"]
    assert ch.facts_changed == ["f1"] and ch.facts_added == ["f2"]
    assert brief_changes("b", [("b.md", old, _entry("a"))]) is None
    gone = brief_changes("b", [("b.md", old, None)], outline_exists=False)
    assert gone.status == "removed"
    text = report([ch, gone])
    assert "## b (changed)" in text and "Facts changed: `f1`" in text
    assert "## b (removed)" in text and "Files removed: `b.md`" in text
    assert report([]).endswith("No brief changed.\n")
    assert summary([ch]) == "b changed (+1 facts, ~1 facts)"
    assert summary([BriefChanges("b", "changed", [file_change("b.md", old,
                                                             _entry("b", writer="9"))])]) \
        == "b changed (writer's code or fonts)"
