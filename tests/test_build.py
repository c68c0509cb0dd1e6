"""Reproducible, incremental and atomic builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, edit, fixture_root
from readers import docx_parts, pdf_pages

from briefing.build import build
from briefing.project import Project


def run_build(out: Path, cwd: Path, root: Path = ROOT, **env) -> subprocess.CompletedProcess:
    """Run `briefing build` of project `root` in a fresh process with the given
    environment changes."""
    environ = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH",)}
    environ.update(env)
    environ["PYTHONPATH"] = str(ROOT) + os.pathsep + environ.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "briefing", "--root", str(root), "build",
                           "--out", str(out)], cwd=cwd, env=environ, capture_output=True,
                          text=True, check=True)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.suffix in (".docx", ".pdf", ".md", ".html") and p.name != "CHANGES.md"}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The shipped project built twice: other time zone, locale, working and output
    folder."""
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second") / "nested" / "out"
    elsewhere = tmp_path_factory.mktemp("cwd")
    run_build(first, ROOT, TZ="UTC", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    run_build(second, elsewhere, TZ="Asia/Kuala_Lumpur", LC_ALL="C", LANG="C",
              PYTHONHASHSEED="123")
    return first, second


def _expected_outputs(root: Path) -> set[str]:
    from briefing.assemble.compose import assemble
    from briefing.assemble.templates import Templates
    from briefing.build import EXTENSIONS, load_outlines
    from briefing.factbase.load import load_factbase
    from briefing.writers import companion_names

    project = Project(root)
    base = load_factbase(project)
    templates = Templates(project.templates / "sections", project.root, base.vocab)
    names = set()
    for o in load_outlines(project, base, []):
        names |= {f"{o.name}.{EXTENSIONS[fmt]}" for fmt in o.formats}
        if "html" in o.formats:  # and its source viewer pages
            names |= set(companion_names("html", assemble(base, o, templates, "x")))
    return names


@pytest.mark.shipped
def test_same_inputs_give_identical_bytes(two_builds):
    first, second = two_builds
    a, b = outputs(first), outputs(second)
    assert set(a) == _expected_outputs(ROOT) and a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], f"{name} differs between builds"
    assert (first / "manifest.json").read_bytes() == (second / "manifest.json").read_bytes()


@pytest.mark.shipped
def test_docx_zip_entries_have_fixed_dates_and_order(two_builds):
    import zipfile

    first, _ = two_builds
    docs = sorted(first.glob("*.docx"))
    assert docs
    for doc in docs:
        with zipfile.ZipFile(doc) as z:
            infos = z.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch_changes_the_recorded_date_and_nothing_else(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    root = fixture_root()
    run_build(one, ROOT, root, SOURCE_DATE_EPOCH="1750000000")  # 2025-06-15
    run_build(two, ROOT, root, SOURCE_DATE_EPOCH="1760000000")  # 2025-10-09
    for name in ("full-brief.pdf", "quick-brief.pdf"):
        from pypdf import PdfReader

        m1, m2 = PdfReader(one / name).metadata, PdfReader(two / name).metadata
        assert m1["/CreationDate"].startswith("D:20250615")
        assert m2["/CreationDate"].startswith("D:20251009")
        assert pdf_pages(one / name) == pdf_pages(two / name)
    core1 = docx_parts(one / "full-brief.docx")["docProps/core.xml"].decode()
    core2 = docx_parts(two / "full-brief.docx")["docProps/core.xml"].decode()
    assert "2025-06-15T" in core1 and "2025-10-09T" in core2
    for part, data in docx_parts(one / "full-brief.docx").items():
        if part != "docProps/core.xml":
            assert data == docx_parts(two / "full-brief.docx")[part], part
    assert (one / "full-brief.md").read_bytes() == (two / "full-brief.md").read_bytes()


def test_second_build_writes_nothing_and_an_edit_rebuilds_only_its_briefs(tmp_path):
    root = copy_project(tmp_path / "project")
    out = root / "out"
    first = build(Project(root), [], ["md", "pdf"], out)
    pngs = len(list(out.glob("*-figure-*.png")))  # the Markdown's figures
    assert pngs and first.count("written") == 8 + pngs
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    second = build(Project(root), [], ["md", "pdf"], out)
    assert second.count("written") == 0 and second.count("up to date") == 8 + pngs
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    # A fact only the full brief uses (a Background fact, outside every other selection).
    edit(root / "seeds/facts/004-ammtc-9.yaml",
         "text: Transnational crime poses a significant threat", "text: Transnational crime poses a serious threat")
    third = build(Project(root), [], ["md", "pdf"], out)
    written = {o.path.name for o in third.outputs if o.status == "written"}
    assert written == {"full-brief.md", "full-brief.pdf"}
    changes = (out / "CHANGES.md").read_text()
    assert "## full-brief (changed)" in changes and "Facts changed: `ammtc9-transnational-crime-threat`" in changes
    manifest = json.loads((out / "manifest.json").read_text())
    entry = manifest["outputs"]["full-brief.pdf"]
    assert set(entry["inputs"]) >= {"brief", "outline", "vocabularies", "package", "writer"}
    assert any(key.startswith("template ") for key in entry["inputs"])
    assert entry["sources"]["s004"] == "d64aef6a14355e659ad366ae5effa4ad783c4ed6a7863e8bab26331b9e0f50c1"


def test_force_rebuilds_and_a_deleted_outline_loses_its_outputs(tmp_path):
    root = copy_project(tmp_path / "project")
    out = root / "out"
    build(Project(root), [], ["md"], out)
    pngs = len(list(out.glob("*-figure-*.png")))
    forced = build(Project(root), [], ["md"], out, force=True)
    assert forced.count("unchanged") == 4 + pngs and forced.count("written") == 0
    (root / "templates/outlines/partners.yaml").rename(root / "templates/outlines/partner-brief.yaml")
    result = build(Project(root), [], ["md"], out)
    assert {(o.path.name, o.status) for o in result.outputs if o.status != "up to date"} == {
        ("partner-brief.md", "written"), ("partner-brief-figure-1.png", "written"),
        ("partners.md", "removed"), ("partners-figure-1.png", "removed")}
    assert not (out / "partners.md").exists() and not (out / "partners-figure-1.png").exists()
    recorded = json.loads((out / "manifest.json").read_text())["outputs"]
    assert "partners.md" not in recorded and "partner-brief.md" in recorded
    assert "## partners (removed)" in (out / "CHANGES.md").read_text()


def test_a_writer_failing_midway_leaves_earlier_outputs_and_manifest(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "project")
    out = root / "out"
    build(Project(root), [], ["md"], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(root / "templates/outlines/_base.yaml", "classification: OFFICIAL",
         "classification: OFFICIAL-SENSITIVE")
    calls = []

    def failing_writer(fmt):
        def write(brief):
            calls.append(brief.meta.title)
            if len(calls) == 3:
                raise RuntimeError("disk on fire")
            return b"partial"
        return write

    monkeypatch.setattr("briefing.writers.writer", failing_writer)
    with pytest.raises(RuntimeError):
        build(Project(root), [], ["md"], out)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # no file replaced, no temporary file left


def test_unwritable_output_folder_is_unusable_input(tmp_path, cli):
    if os.geteuid() == 0:
        folder = Path("/proc/briefing-out")  # not creatable even for root
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
    result = cli("build", "--format", "md", "--out", str(folder), root=fixture_root())
    assert result.code == 2
    assert "output folder" in result.err and "Traceback" not in result.err


def test_a_reference_docx_is_read_through_the_boundary_and_used(tmp_path):
    import docx

    root = copy_project(tmp_path)
    ref = docx.Document()
    ref.styles.add_style("Ministry Custom", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    ref.save(root / "templates" / "ministry.docx")
    edit(root / "templates/outlines/quick-brief.yaml", "title:",
         "reference_docx: ministry.docx\ntitle:")
    out = tmp_path / "out"
    build(Project(root), ["quick-brief"], ["docx"], out)
    styles = docx_parts(out / "quick-brief.docx")["word/styles.xml"].decode()
    assert "Ministry Custom" in styles
    manifest = json.loads((out / "manifest.json").read_text())["outputs"]["quick-brief.docx"]
    before = manifest["inputs"]["reference_docx"]
    ref.styles.add_style("Another", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    ref.save(root / "templates" / "ministry.docx")
    again = build(Project(root), ["quick-brief"], ["docx"], out)
    assert again.count("written") == 1  # a changed reference .docx rebuilds the brief
    after = json.loads((out / "manifest.json").read_text())["outputs"]["quick-brief.docx"]
    assert after["inputs"]["reference_docx"] != before
    assert "the reference .docx" in (out / "CHANGES.md").read_text()
