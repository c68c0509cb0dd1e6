"""The build pipeline: load → validate → assemble → write, for one or more outlines.

Every brief is assembled and rendered in memory before any file is touched, so a
problem in any outline, template or writer leaves the output folder as it was. Each file
is then written to a temporary file beside it and renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from briefing.errors import Problem, UnusableInput
from briefing.factbase import FactBase, load_factbase
from briefing.outline import FORMATS, Outline, load_outline, outline_names
from briefing.project import Project
from briefing.templates import Templates

EXTENSIONS = {"docx": "docx", "pdf": "pdf", "md": "md"}


@dataclass(frozen=True)
class Output:
    """One file a build produced."""

    outline: str
    format: str
    path: Path
    size: int


def load_outlines(project: Project, base: FactBase, names: list[str]) -> list[Outline]:
    """Return the named outlines (all buildable ones when `names` is empty), validated."""
    templates = Templates(project.templates / "sections", project.root, base.vocab)
    wanted = names or outline_names(project.outlines)
    if not wanted:
        raise UnusableInput(Problem("no outlines found", "templates/outlines/",
                                    hint="add an outline YAML file"))
    return [load_outline(project.outlines, name, project.root, templates.names(), base.vocab)
            for name in wanted]


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


def build(project: Project, names: list[str], formats: list[str] | None,
          out_dir: Path) -> list[Output]:
    """Build the briefs; return what was written. Raises before writing on any problem."""
    from briefing.compose import assemble
    from briefing.writers import writer

    base = load_factbase(project).require_valid()
    outlines = load_outlines(project, base, names)
    templates = Templates(project.templates / "sections", project.root, base.vocab)
    _check_out_dir(out_dir)
    rendered: list[tuple[Outline, str, bytes]] = []
    for outline in outlines:
        brief = assemble(base, outline, templates, build_date(outline))
        for fmt in outline.formats:
            if formats is None or fmt in formats:
                rendered.append((outline, fmt, writer(fmt)(brief)))
    outputs = []
    for outline, fmt, data in rendered:
        path = out_dir / f"{outline.name}.{EXTENSIONS[fmt]}"
        write_atomic(path, data)
        outputs.append(Output(outline.name, fmt, path, len(data)))
    return outputs


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


def _check_out_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnusableInput(Problem(f"cannot create the output folder: {exc.strerror}",
                                    str(out_dir), hint="choose another --out")) from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise UnusableInput(Problem("the output folder is not writable", str(out_dir),
                                    hint="choose another --out or fix its permissions"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
