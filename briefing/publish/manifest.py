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
from dataclasses import dataclass, field
from pathlib import Path

from briefing import __version__
from briefing.model import Brief

MANIFEST = "manifest.json"
SCHEMA = 1
_MANIFEST_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def digest(data: bytes | str) -> str:
    """Return the sha256 hex digest of bytes or UTF-8 text."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def file_digest(paths: list[Path]) -> str:
    """Return one digest over several files' names and bytes, in the given order."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def brief_digest(brief: Brief) -> str:
    """Return a digest of the whole document model (frozen dataclasses print stably)."""
    return digest(repr(brief))


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

    @classmethod
    def read(cls, out_dir: Path) -> Manifest:
        """Return the manifest in `out_dir`, or an empty one if it is absent or unreadable."""
        try:
            data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
            if data.get("schema") != SCHEMA:
                return cls()
            return cls({name: Entry(**entry) for name, entry in data["outputs"].items()},
                       data.get("package", ""))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def to_bytes(self) -> bytes:
        """Return the manifest as stable, sorted JSON: one line per output.

        Not `json.dumps(indent=...)`: indenting makes json use its Python encoder, which
        took 0.2 s for the tens of thousands of fact digests of a large brief.
        """
        enc = _MANIFEST_JSON.encode
        outputs = ",\n".join(f"    {enc(name)}: {enc(vars(entry))}"
                              for name, entry in sorted(self.outputs.items()))
        outputs = "{\n" + outputs + "\n  }" if outputs else "{}"
        return (f'{{\n  "outputs": {outputs},\n  "package": {enc(self.package)},\n'
                f'  "schema": {SCHEMA}\n}}\n').encode()

    def holds(self, name: str, sha256: str, out_dir: Path) -> bool:
        """Return whether `name` is recorded with this sha256 and unchanged on disk."""
        old = self.outputs.get(name)
        if old is None or old.sha256 != sha256:
            return False
        try:
            return digest((out_dir / name).read_bytes()) == sha256
        except OSError:
            return False

    def up_to_date(self, name: str, entry: Entry, out_dir: Path) -> bool:
        """Return whether `name` was built from the same inputs and is unchanged on disk."""
        old = self.outputs.get(name)
        if old is None or old.inputs != entry.inputs:
            return False
        try:
            return digest((out_dir / name).read_bytes()) == old.sha256
        except OSError:
            return False
