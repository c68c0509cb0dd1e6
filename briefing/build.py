"""The build pipeline: load → validate → assemble → write → publish, for one or more outlines.

Everything that can be wrong with the inputs is found before the output folder is
touched. The folder is then locked for the build (a second build of it waits), an
interrupted earlier build is completed, and every brief is assembled and rendered in
memory; the files are then staged beside their targets and put in place together, the
manifest last (`publish.output`). A failure at any point before that leaves the folder
as it was, and a build that fails creates no folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from briefing import __version__, glyphs
from briefing.assemble.assessment import assessment_names
from briefing.assemble.outline import (
    FORMATS,
    Known,
    Outline,
    is_outline_name,
    load_outline,
    misnamed_outlines,
    outline_names,
)
from briefing.assemble.templates import Templates
from briefing.errors import (
    DataInvalid,
    Problem,
    UnusableInput,
    display_path,
    shown_value,
)
from briefing.factbase.load import FactBase, load_factbase
from briefing.inputs import check_docx, read_bytes
from briefing.project import Project
from briefing.publish import pages, word_pages
from briefing.publish.changes import CHANGES, changes_of, report
from briefing.publish.manifest import (
    MANIFEST,
    Entry,
    Manifest,
    digest,
    file_digest,
    template_inputs,
    writer_digest,
)
from briefing.publish.output import OutputFolder, plain_name

EXTENSIONS = {"docx": "docx", "pdf": "pdf", "md": "md", "html": "html"}


@dataclass(frozen=True)
class Output:
    """One file a build considered, and what happened to it."""

    outline: str
    format: str
    path: Path
    size: int
    status: str  # "written", "up to date", "removed"


@dataclass
class BuildResult:
    """Every output considered, and the change report's summary."""

    outputs: list[Output] = field(default_factory=list)
    changes: list = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # of the fact base and outlines
    passes: dict[str, int] = field(default_factory=dict)  # LibreOffice runs per Word file

    def count(self, status: str) -> int:
        """Return how many outputs ended with `status`."""
        return sum(1 for o in self.outputs if o.status == status)


def load_outlines(project: Project, base: FactBase, names: list[str],
                  templates: Templates | None = None) -> list[Outline]:
    """Return the named outlines (all buildable ones when `names` is empty), validated."""
    templates = templates or Templates(project.templates / "sections", project.root, base.vocab)
    if not names:
        misnamed = misnamed_outlines(project.outlines, project.root)
        if misnamed:
            raise DataInvalid(misnamed[0])
    for name in names:
        if name.startswith("_") and is_outline_name(name) and \
                (project.outlines / f"{name}.yaml").is_file():
            raise UnusableInput(Problem(
                f"'{name}' is a base outline: others extend it, and it is not built alone",
                hint="build an outline that extends it: "
                     + ", ".join(outline_names(project.outlines))))
    # An outline named twice is built once.
    wanted = list(dict.fromkeys(names)) or outline_names(project.outlines)
    if not wanted:
        raise UnusableInput(Problem("no outlines found", "templates/outlines/",
                                    hint="add an outline YAML file"))
    known = Known(templates.names(), base.vocab, frozenset(base.by_id), frozenset(base.sources),
                  templates.options_read, frozenset(assessment_names(project)))
    return [load_outline(project.outlines, name, project.root, known.templates, base.vocab,
                         known) for name in wanted]


def build_date(outline: Outline) -> str:
    """Return the date recorded in documents: SOURCE_DATE_EPOCH, else the as-of date.

    Never the clock, so the same inputs give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UnusableInput(Problem(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time",
                                        hint="set it to whole seconds since 1970")) from None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    date = outline.as_of_date
    if date:
        return f"{date.bounds()[0]}T00:00:00Z"
    return "2000-01-01T00:00:00Z"


@dataclass(frozen=True)
class Options:
    """What the command line sets over every outline's own keys (None: the outline's)."""

    docx_toc_pages: str | None = None  # "measure" or "none"
    md_flavour: str | None = None  # "pandoc" or "gfm"


def build(project: Project, names: list[str], formats: list[str] | None, out_dir: Path,
          force: bool = False, options: Options = Options()) -> BuildResult:
    """Build the briefs whose inputs changed (all with `force`); remove stale outputs.

    Raises before changing anything on any problem (see the module notes).
    """
    base = load_factbase(project).require_valid()
    templates = Templates(project.templates / "sections", project.root, base.vocab)
    outlines = load_outlines(project, base, names, templates)
    folder = OutputFolder(out_dir)
    folder.check()
    warnings = base.warnings + [w for outline in outlines for w in outline.warnings]
    warnings += _assessment_warnings(project, base, outlines)
    shared = {"package": __version__,
              "vocabularies": file_digest(sorted(project.vocab.glob("*.yaml")), project.root,
                                          "yaml")}
    # The writer's code and fonts are the same for every brief of a format: hash them once.
    writer_digests = {fmt: writer_digest(fmt) for fmt in (formats or FORMATS)}
    with folder.locked():
        folder.repair()
        manifest = Manifest.read(folder)
        before = manifest.to_bytes()
        result = BuildResult(warnings=warnings)
        rendered, kept, expected = _render(project, base, templates, outlines, formats,
                                           folder, manifest, shared, writer_digests, force,
                                           result, options)
        stale = _stale(manifest, project, outlines, formats, expected)
        if not rendered and not stale:
            return result
        result.changes = changes_of(manifest.outputs, rendered, stale,
                                    set(outline_names(project.outlines)))
        # A file rebuilt with the bytes it has on disk is recorded again (its inputs may
        # differ) but not rewritten: only a changed byte is a change.
        same = {name for name, entry, _ in rendered if manifest.holds(name, entry.sha256,
                                                                       folder)}
        removed = []
        for name in stale:
            old = manifest.outputs.pop(name)
            removed.append(Output(old.outline, old.format, out_dir / name, 0, "removed"))
        manifest.outputs.update({name: entry for name, entry, _ in rendered})
        manifest.outputs.update(dict(kept))
        manifest.package = __version__
        files = [(name, data) for name, _, data in rendered if name not in same]
        if result.changes:
            text = report(result.changes).encode()
            manifest.changes = digest(text)
            files.append((CHANGES, text))
        after = manifest.to_bytes()
        if files or stale or after != before:
            _publish(folder, files + [(MANIFEST, after)], stale)
        result.outputs += [Output(e.outline, e.format, out_dir / name, len(data),
                                  "unchanged" if name in same else "written")
                           for name, e, data in rendered] + removed
    return result


def _assessment_warnings(project: Project, base: FactBase, outlines: list[Outline]
                         ) -> list[Problem]:
    """Return the warnings (stale judgements among them) of the assessments the outlines
    show; raise DataInvalid on an error in one of them."""
    from briefing.assemble.assessment import load_assessment

    names = sorted({s.assessment for o in outlines for s in o.sections if s.assessment})
    return [w for name in names for w in load_assessment(project, name, base).warnings]


def _render(project, base, templates, outlines, formats, folder, manifest, shared,
            writer_digests, force, result, options):
    """Assemble and render, in memory, every output that is not up to date; return the
    rendered (name, entry, bytes), the kept (name, entry) of figures that did not change,
    and the file names expected per (outline, format)."""
    from briefing.assemble.compose import assemble
    from briefing.writers import companion_names, companions, writer

    rendered: list[tuple[str, Entry, bytes]] = []
    expected: dict[tuple[str, str], set[str]] = {}  # (outline, format) -> its file names
    kept: list[tuple[str, Entry]] = []  # rendered again, but the same bytes as on disk
    to_number: list[tuple[pages.Job, Entry, list[str], Outline]] = []

    def take(files: dict[str, bytes], entry: Entry, names: list[str], outline: Outline):
        for name, data in files.items():
            done = replace(entry, sha256=digest(data))
            if not force and name != names[0] and manifest.holds(name, done.sha256, folder):
                # A figure that did not change is not written again, only recorded.
                kept.append((name, done))
                result.outputs.append(Output(outline.name, entry.format, folder.path / name,
                                             len(data), "up to date"))
                continue
            rendered.append((name, done, data))

    for outline in outlines:
        brief = _with_reference(assemble(base, outline, templates, build_date(outline)),
                                project, outline)
        # The whole document model (frozen dataclasses print stably): its digest decides
        # what is up to date, and its text is what a PDF must be able to draw.
        shown_brief = repr(brief)
        inputs = {**shared, "brief": digest(shown_brief),
                  "outline": file_digest(list(outline.files), project.root, "yaml"),
                  **template_inputs(project, outline)}
        facts = {fid: base.by_id[fid].digest
                 for fid in sorted({f for n in brief.notes for f in n.fact_ids})}
        sources = {sid: base.sources[sid].seed.sha256
                   for sid in sorted({n.source_id for n in brief.notes})}
        for fmt in outline.formats:
            if formats is not None and fmt not in formats:
                continue
            # The brief's file and any files beside it (Markdown's figure PNGs) are
            # built, recorded and kept up to date together.
            names = [f"{outline.name}.{EXTENSIONS[fmt]}", *companion_names(fmt, brief)]
            expected[(outline.name, fmt)] = set(names)
            own, fmt_brief = _format_inputs(fmt, brief, outline, options, result)
            entry = Entry(outline.name, fmt, "",
                          {**inputs, "writer": writer_digests[fmt], **own}, facts, sources)
            if not force and all(manifest.up_to_date(n, entry, folder) for n in names):
                for name in names:
                    result.outputs.append(Output(outline.name, fmt, folder.path / name,
                                                 (folder.path / name).stat().st_size,
                                                 "up to date"))
                continue
            if fmt == "pdf":
                check_drawable(shown_brief, outline, project)
            headings = word_pages.contents_headings(fmt_brief) if fmt == "docx" else []
            if headings and word_pages.measurable(own):
                job = pages.Job(names[0], headings,
                                partial(_numbered_docx, fmt_brief, outline, project))
                to_number.append((job, entry, names, outline))
                continue
            take(_write(fmt, fmt_brief, outline, project, writer, companions), entry, names,
                 outline)
    if to_number:
        measured = word_pages.number([job for job, *_ in to_number], result.warnings)
        result.passes = measured.passes
        for job, entry, names, outline in to_number:
            take({job.name: measured.files[job.name]}, entry, names, outline)
    return rendered, kept, expected


def _numbered_docx(brief, outline: Outline, project: Project,
                   numbers: tuple[tuple[str, int], ...]) -> bytes:
    """Return the Word file of `brief` with its contents showing the pages `numbers`."""
    from briefing.writers import companions, writer

    numbered = replace(brief, meta=replace(brief.meta, contents_pages=numbers))
    return _write("docx", numbered, outline, project, writer, companions)[
        f"{outline.name}.docx"]


def _format_inputs(fmt: str, brief, outline: Outline, options: Options, result: BuildResult):
    """Return the inputs a format adds to a brief's (the Markdown flavour; for a Word
    brief numbered by LibreOffice, its version and fonts) and the brief it writes."""
    if fmt == "md":
        flavour = options.md_flavour or outline.md_flavour
        return {"flavour": flavour}, replace(brief, meta=replace(brief.meta, markdown=flavour))
    if fmt == "docx" and (options.docx_toc_pages or outline.docx_toc_pages) == "measure":
        return word_pages.docx_inputs(result.warnings), brief
    return {}, brief


def _write(fmt: str, brief, outline: Outline, project: Project, writer, companions
           ) -> dict[str, bytes]:
    """Return the files of one format of one brief, by name.

    A writer failing on a brief assembled from valid data is a bug, reported as such by
    the command; the one input a writer reads besides the brief, a reference .docx, is
    named when the DOCX writer fails with one.
    """
    from briefing.writers import CannotLayOut

    try:
        files = {f"{outline.name}.{EXTENSIONS[fmt]}": writer(fmt)(brief),
                 **companions(fmt, brief)}
    except CannotLayOut as exc:
        raise DataInvalid(Problem(
            f"the {fmt.upper()} of outline '{outline.name}' cannot be laid out: {exc}",
            display_path(outline.path, project.root),
            hint="a title, heading or table cell is too long to fit a page: shorten it"
        )) from None
    except Exception as exc:
        if fmt != "docx" or not brief.meta.reference_docx:
            raise
        raise DataInvalid(Problem(
            f"reference_docx '{outline.reference_docx}' cannot be used as a Word template: "
            f"{type(exc).__name__}: {exc}", display_path(outline.path, project.root),
            hint="save a .docx made by Word or LibreOffice there, or remove the line")
        ) from None
    for name in files:
        if not plain_name(name):  # writers name files after the outline; never a path
            raise ValueError(f"the {fmt} writer named a file {name!r}")
    return files


def check_drawable(shown_brief: str, outline: Outline, project: Project) -> None:
    """Raise DataInvalid when the brief holds a character no bundled font can draw: the
    fact base was checked for them, so it comes from the outline or a template. (`check`
    calls it too, on the text `compose.checked_brief` gives.)"""
    lost = glyphs.missing(shown_brief)
    if lost:
        raise DataInvalid(Problem(
            f"the PDF of outline '{outline.name}' would lose "
            f"{', '.join(map(glyphs.describe, lost[:3]))}"
            + (f" and {len(lost) - 3} more" if len(lost) > 3 else "")
            + ": no font of the PDF can show it", display_path(outline.path, project.root),
            hint="it is in the outline or a section template: leave it out or say it in "
                 "words"))


def _publish(folder: OutputFolder, files: list[tuple[str, bytes]], stale: list[str]) -> None:
    """Put `files` in place and remove `stale`, together (see `publish.output`)."""
    txn = folder.transaction()
    try:
        for name, data in files:
            txn.write(name, data)
        for name in stale:
            txn.unlink(name)
    except OSError as exc:
        txn.abort()
        raise UnusableInput(Problem(
            f"cannot write the output folder: {exc.strerror or exc}; nothing in it was "
            "changed", folder.shown, hint="free some space, or choose another --out"
        )) from None
    except BaseException:
        txn.abort()
        raise
    try:
        txn.commit()
    except OSError as exc:
        raise UnusableInput(Problem(
            f"cannot update the output folder: {exc.strerror or exc}", folder.shown,
            hint="if the files were being put in place, the next build completes it"
        )) from None


def _with_reference(brief, project: Project, outline: Outline):
    """Return `brief` carrying the bytes of the outline's reference .docx, read and
    checked at the trust boundary (the DOCX writer reads no file itself)."""
    raw = reference_docx(project, outline)
    return brief if raw is None else replace(brief, meta=replace(brief.meta, reference_docx=raw))


def reference_docx(project: Project, outline: Outline) -> bytes | None:
    """Return the bytes of the outline's reference .docx (None: it names none), read and
    checked at the trust boundary; raise UnusableInput when it cannot be used."""
    ref = outline.data.get("reference_docx")
    if not ref:
        return None
    shown = display_path(outline.path, project.root)
    line = outline.data.line_of("reference_docx") if hasattr(outline.data, "line_of") else None
    what = f"reference_docx '{ref}'"
    raw = read_bytes(project.templates / ref, project.root, "docx", inside=project.templates,
                     what=what, file=shown, line=line)
    check_docx(raw, what, shown, line)
    return raw


def _stale(manifest: Manifest, project: Project, outlines: list[Outline],
           formats: list[str] | None, expected: dict[tuple[str, str], set[str]]) -> list[str]:
    """Return outputs of outlines that no longer exist, of formats an outline dropped,
    and files a format wrote beside a brief that it no longer writes (a figure fewer)."""
    existing = set(outline_names(project.outlines))
    built = {o.name: o for o in outlines}
    stale = []
    for name, entry in sorted(manifest.outputs.items()):
        if entry.outline not in existing:
            stale.append(name)
        elif entry.outline in built and entry.format not in built[entry.outline].formats:
            stale.append(name)
        elif name not in expected.get((entry.outline, entry.format), {name}):
            stale.append(name)
    return stale


def parse_formats(text: str | None) -> list[str] | None:
    """Return the formats named in a comma list such as "docx,pdf", or None for all
    (`text` None: no --format given)."""
    if text is None:
        return None
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if not formats:
        raise UnusableInput(Problem("--format names no format",
                                    hint="formats: " + ", ".join(FORMATS)))
    if unknown:
        raise UnusableInput(Problem(f"unknown format {shown_value(unknown[0])}",
                                    hint="formats: " + ", ".join(FORMATS)))
    return list(dict.fromkeys(formats))
