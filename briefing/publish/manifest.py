"""The build manifest (`out/manifest.json`): what went into each output, and its hash.

An output is up to date when its recorded inputs equal the current ones and the file on
disk still has the recorded sha256. The decisive input is the assembled Brief itself
(with the package version and the files a writer reads besides it), so an edit to a fact
rebuilds exactly the briefs whose content it changes. The other recorded hashes
(outline, templates, facts, vocabularies, seeds) say what changed, for the change report.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import __version__
from briefing.errors import Problem, UnusableInput, shown_value
from briefing.inputs import read_bytes
from briefing.publish.changes import CHANGES
from briefing.publish.output import OutputFolder, plain_name
from briefing.writers import FORMATS

if TYPE_CHECKING:
    from briefing.assemble.outline import Outline
    from briefing.project import Project

MANIFEST = "manifest.json"
MANIFEST_LIMIT = 256 * 1024 * 1024
SCHEMA = 1
_MANIFEST_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def digest(data: bytes | str) -> str:
    """Return the sha256 hex digest of bytes or UTF-8 text."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def file_digest(paths: list[Path], root: Path, kind: str) -> str:
    """Return one digest over several project files' names and bytes, in the given
    order, each read through the trust boundary as a file of `kind`."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode() + b"\0" + read_bytes(path, root, kind) + b"\0")
    return h.hexdigest()


def template_inputs(project: Project, outline: Outline) -> dict[str, str]:
    """Return the digest of each section template the outline names ("template NAME"),
    and of its reference .docx, so that the change report can name the one that changed."""
    folder = project.templates / "sections"
    inputs = {f"template {name}": file_digest([folder / name], project.root, "template")
              for name in sorted({s.template for s in outline.sections if s.template})}
    if outline.data.get("reference_docx"):
        inputs["reference_docx"] = file_digest([project.templates / outline.reference_docx],
                                               project.root, "docx")
    return inputs


def writer_digest(fmt: str) -> str:
    """Return a digest of the writer's own code, the code it shares and the fonts (the
    package's own files, not the project's)."""
    from briefing.writers import code_files

    h = hashlib.sha256()
    for path in code_files(fmt):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass
class Entry:
    """What the manifest records for one output file."""

    outline: str
    format: str
    sha256: str
    inputs: dict = field(default_factory=dict)  # name -> digest; "brief" decides
    facts: dict = field(default_factory=dict)  # fact id -> Fact.digest, facts it cites
    sources: dict = field(default_factory=dict)  # source id -> seed sha256


@dataclass
class Manifest:
    """Every output of the last builds, by file name."""

    outputs: dict[str, Entry] = field(default_factory=dict)
    package: str = __version__
    # The sha256 of the CHANGES.md written by the last build that changed an output: a
    # build that changes none writes no report, and the one there still belongs here.
    changes: str = ""

    @classmethod
    def read(cls, folder: OutputFolder) -> Manifest:
        """Return the manifest of the output folder: empty when there is none, or when
        it is of another schema (an older version's; everything is then rebuilt).

        Its names decide what a build removes, so it is checked whole before use: a
        manifest that is not JSON, not of the shape `to_bytes` writes, or names anything
        but a plain file name of an output, raises UnusableInput (exit 2), and nothing
        in it is followed.
        """
        shown = f"{folder.shown}/{MANIFEST}"
        path = folder.path / MANIFEST
        if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
            raise _damaged(shown, "it is not a regular file (a symlink, a folder...)")
        raw = folder.read(MANIFEST, MANIFEST_LIMIT)
        if raw is None:
            return cls()
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            raise _damaged(shown, "it is not JSON") from None
        if not isinstance(data, dict):
            raise _damaged(shown, "it is not a JSON object")
        if data.get("schema") != SCHEMA:
            if isinstance(data.get("schema"), int) and not isinstance(data["schema"], bool):
                return cls()
            raise _damaged(shown, "it has no schema number")
        outputs, package = data.get("outputs"), data.get("package", "")
        changes = data.get("changes", "")
        if not isinstance(outputs, dict) or not isinstance(package, str):
            raise _damaged(shown, "'outputs' is not a mapping or 'package' not text")
        if changes != "" and not (isinstance(changes, str) and _HEX.fullmatch(changes)):
            raise _damaged(shown, "'changes' is not the sha256 of a change report")
        entries = {}
        for name, entry in outputs.items():
            problem = _entry_problem(name, entry)
            if problem:
                raise _damaged(shown, f"its entry {shown_value(name)} {problem}")
            entries[name] = Entry(**entry)
        return cls(entries, package, changes)

    def to_bytes(self) -> bytes:
        """Return the manifest as stable, sorted JSON: one line per output.

        Not `json.dumps(indent=...)`: indenting makes json use its Python encoder, which
        took 0.2 s for the tens of thousands of fact digests of a large brief.
        """
        enc = _MANIFEST_JSON.encode
        outputs = ",\n".join(f"    {enc(name)}: {enc(vars(entry))}"
                              for name, entry in sorted(self.outputs.items()))
        outputs = "{\n" + outputs + "\n  }" if outputs else "{}"
        return (f'{{\n  "changes": {enc(self.changes)},\n  "outputs": {outputs},\n'
                f'  "package": {enc(self.package)},\n  "schema": {SCHEMA}\n}}\n').encode()

    def holds(self, name: str, sha256: str, folder: OutputFolder) -> bool:
        """Return whether `name` is recorded with this sha256 and unchanged on disk."""
        old = self.outputs.get(name)
        return old is not None and old.sha256 == sha256 and folder.digest(name) == sha256

    def up_to_date(self, name: str, entry: Entry, folder: OutputFolder) -> bool:
        """Return whether `name` was built from the same inputs and is unchanged on disk
        (a regular file: a symlink there is rebuilt, which replaces it)."""
        old = self.outputs.get(name)
        return (old is not None and old.inputs == entry.inputs
                and folder.digest(name) == old.sha256)


_HEX = re.compile(r"[0-9a-f]{64}")
_ENTRY_KEYS = {"outline", "format", "sha256", "inputs", "facts", "sources"}


def _entry_problem(name: object, entry: object) -> str | None:
    """Return what is wrong with one manifest entry, or None."""
    if not plain_name(name) or name in (MANIFEST, CHANGES):
        return "is not a plain file name of an output in the output folder"
    if not isinstance(entry, dict) or set(entry) != _ENTRY_KEYS:
        return f"does not have exactly the fields {', '.join(sorted(_ENTRY_KEYS))}"
    outline = entry["outline"]
    if not isinstance(outline, str) or not outline or not name.startswith(
            (outline + ".", outline + "-")):
        return "does not start with the name of its outline"
    if entry["format"] not in FORMATS:
        return f"has an unknown format {shown_value(entry['format'])}"
    if not isinstance(entry["sha256"], str) or not _HEX.fullmatch(entry["sha256"]):
        return "has no sha256"
    for key in ("inputs", "facts", "sources"):
        table = entry[key]
        if not isinstance(table, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
            return f"has '{key}' that is not a mapping of text to text"
    return None


def _damaged(shown: str, why: str) -> UnusableInput:
    return UnusableInput(Problem(
        f"the manifest is damaged: {why}", shown,
        hint="delete it and build again: every brief is then rebuilt (files the old "
             "manifest listed are left in place, not removed)"))
