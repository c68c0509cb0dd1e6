"""The build pipeline: load → validate → assemble → write, for one or more outlines.

Every brief is assembled and rendered in memory before any file is touched, so a
problem in any outline, template or writer leaves the output folder as it was. Each file
is then written to a temporary file beside it and renamed into place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from briefing import __version__
from briefing.assemble.outline import FORMATS, Known, Outline, load_outline, outline_names
from briefing.assemble.templates import Templates
from briefing.errors import DataInvalid, Problem, UnusableInput
from briefing.factbase.load import FactBase, load_factbase
from briefing.project import Project
from briefing.publish.changes import compare, report
from briefing.publish.manifest import MANIFEST, Entry, Manifest, brief_digest, digest, file_digest
from briefing.publish.output import check_out_dir, write_atomic

EXTENSIONS = {"docx": "docx", "pdf": "pdf", "md": "md"}
CHANGES = "CHANGES.md"


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

    def count(self, status: str) -> int:
        """Return how many outputs ended with `status`."""
        return sum(1 for o in self.outputs if o.status == status)


def load_outlines(project: Project, base: FactBase, names: list[str],
                  templates: Templates | None = None) -> list[Outline]:
    """Return the named outlines (all buildable ones when `names` is empty), validated."""
    templates = templates or Templates(project.templates / "sections", project.root, base.vocab)
    wanted = names or outline_names(project.outlines)
    if not wanted:
        raise UnusableInput(Problem("no outlines found", "templates/outlines/",
                                    hint="add an outline YAML file"))
    known = Known(templates.names(), base.vocab, frozenset(base.by_id), frozenset(base.sources),
                  templates.options_read)
    return [load_outline(project.outlines, name, project.root, known.templates, base.vocab,
                         known) for name in wanted]


def check_outlines(project: Project, base: FactBase) -> tuple[list[Problem], list[Problem]]:
    """Return the errors and warnings `build` would meet in the outlines and templates.

    Every outline is loaded and, over a fact base without errors, assembled (its
    templates rendered, its markup parsed, its notes and figures made). A section
    template that no section renders with facts (no outline uses it, or its sections
    select nothing yet) is rendered over a sample of the facts (the first of each kind
    and of each source), with a section's options or each option it reads set to "".
    """
    from briefing.assemble.compose import assemble
    from briefing.assemble.templates import fact_view

    templates = Templates(project.templates / "sections", project.root, base.vocab)
    known = Known(templates.names(), base.vocab, frozenset(base.by_id), frozenset(base.sources),
                  templates.options_read)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    options: dict[str, dict] = {}  # template -> the options of a section using it
    for name in outline_names(project.outlines):
        try:
            outline = load_outline(project.outlines, name, project.root, known.templates,
                                   base.vocab, known)
            warnings += outline.warnings
            for section in outline.sections:
                if section.template:
                    options.setdefault(section.template, section.options)
            if not base.errors:  # citations not located cannot be noted
                assemble(base, outline, templates, "2000-01-01T00:00:00Z")
        except DataInvalid as exc:
            errors += exc.problems
    if base.errors:
        return errors, warnings
    sample: dict[tuple[str, str], object] = {}
    for fact in base.facts:
        for key in (("kind", fact.kind), *(("source", s) for s in fact.sources)):
            sample.setdefault(key, fact)
        if len(sample) >= 200:
            break
    chosen = {f.id: f for f in sample.values()}
    views = [fact_view(f, base.vocab) for f in chosen.values()]
    for name in sorted(templates.names() - templates.rendered):
        given = {key: "" for key in templates.options_read(name) or ()}
        given.update(options.get(name, {}))
        try:
            templates.render(name, facts=views, section={"title": name, "options": given},
                             brief={"title": "", "name": ""})
        except DataInvalid as exc:
            errors += exc.problems
    return errors, warnings


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


def build(project: Project, names: list[str], formats: list[str] | None, out_dir: Path,
          force: bool = False) -> BuildResult:
    """Build the briefs whose inputs changed (all with `force`); remove stale outputs.

    Every brief is rendered in memory before any file is written; the manifest is
    written last. Raises before writing anything on any problem.
    """
    from briefing.assemble.compose import assemble
    from briefing.writers import companion_names, companions, writer

    base = load_factbase(project).require_valid()
    templates = Templates(project.templates / "sections", project.root, base.vocab)
    outlines = load_outlines(project, base, names, templates)
    check_out_dir(out_dir)
    warnings = base.warnings + [w for outline in outlines for w in outline.warnings]
    manifest = Manifest.read(out_dir)
    shared = {"package": __version__,
              "vocabularies": file_digest(sorted(project.vocab.glob("*.yaml")))}
    # The writer's code and fonts are the same for every brief of a format: hash them once.
    writer_digests = {fmt: _writer_digest(fmt) for fmt in (formats or FORMATS)}
    result = BuildResult(warnings=warnings)
    rendered: list[tuple[str, Entry, bytes]] = []
    expected: dict[tuple[str, str], set[str]] = {}  # (outline, format) -> its file names
    kept: list[tuple[str, Entry]] = []  # rendered again, but the same bytes as on disk
    for outline in outlines:
        brief = assemble(base, outline, templates, build_date(outline))
        inputs = {**shared, "brief": brief_digest(brief),
                  "outline": file_digest(list(outline.files)),
                  "templates": file_digest(_template_files(project, outline))}
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
            entry = Entry(outline.name, fmt, "", {**inputs, "writer": writer_digests[fmt]},
                          facts, sources)
            if not force and all(manifest.up_to_date(n, entry, out_dir) for n in names):
                for name in names:
                    result.outputs.append(Output(outline.name, fmt, out_dir / name,
                                                 (out_dir / name).stat().st_size,
                                                 "up to date"))
                continue
            files = {names[0]: writer(fmt)(brief), **companions(fmt, brief)}
            for name, data in files.items():
                done = replace(entry, sha256=digest(data))
                if not force and name != names[0] and manifest.holds(name, done.sha256,
                                                                     out_dir):
                    # A figure that did not change is not written again, only recorded.
                    kept.append((name, done))
                    result.outputs.append(Output(outline.name, fmt, out_dir / name,
                                                 len(data), "up to date"))
                    continue
                rendered.append((name, done, data))
    stale = _stale(manifest, project, outlines, formats, expected)
    if not rendered and not stale:
        return result
    for name, entry, data in rendered:
        write_atomic(out_dir / name, data)
        result.outputs.append(Output(entry.outline, entry.format, out_dir / name, len(data),
                                     "written"))
    result.changes = _changes(manifest, rendered)
    existing = set(outline_names(project.outlines))
    for outline in sorted({manifest.outputs[n].outline for n in stale} - existing):
        result.changes.append(compare(outline, None, None))
    for name in stale:
        old = manifest.outputs.pop(name)
        (out_dir / name).unlink(missing_ok=True)
        result.outputs.append(Output(old.outline, old.format, out_dir / name, 0, "removed"))
    manifest.outputs.update({name: entry for name, entry, _ in rendered})
    manifest.outputs.update(dict(kept))
    manifest.package = __version__
    write_atomic(out_dir / CHANGES, report(result.changes).encode())
    write_atomic(out_dir / MANIFEST, manifest.to_bytes())
    return result


def _template_files(project: Project, outline: Outline) -> list[Path]:
    folder = project.templates / "sections"
    files = sorted({folder / s.template for s in outline.sections if s.template})
    if outline.data.get("reference_docx"):
        files.append(project.templates / outline.reference_docx)
    return files


def _writer_digest(fmt: str) -> str:
    """Return a digest of the writer's own code, the code it shares and the fonts."""
    from briefing.writers import code_files

    return file_digest(code_files(fmt))


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


def _changes(manifest: Manifest, rendered) -> list:
    """Return, per rendered outline, what changed since its entry in `manifest`."""
    changes = {}
    for name, entry, _ in rendered:
        if entry.outline in changes:
            changes[entry.outline].files.append(name)
            continue
        old = next((e for e in manifest.outputs.values() if e.outline == entry.outline), None)
        changes[entry.outline] = compare(entry.outline, old, entry)
        changes[entry.outline].files.append(name)
    return list(changes.values())


def parse_formats(text: str | None) -> list[str] | None:
    """Return the formats named in a comma list such as "docx,pdf", or None for all."""
    if not text:
        return None
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UnusableInput(Problem(f"unknown format '{(unknown or [text])[0]}'",
                                    hint="formats: " + ", ".join(FORMATS)))
    return formats
