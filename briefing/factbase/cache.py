"""Large fact files, read once: the facts checked from them, kept between runs.

An analyst runs `check` and `build` many times a day over fact files that mostly did not
change. Reading and checking a 2,000-fact file takes ~0.15 s (libyaml, the line-tracking
reader, the record checks) and locating its quotes ~0.05 s; unpickling what they gave
takes ~0.03 s. Entries live in the project's `.briefing-cache/` (like `.mypy_cache`),
one per file, named by the file's path, so a changed file replaces its entry and the
folder holds at most one entry per large fact file.

An entry is used only when the file's bytes and the package's own code (with PyYAML's
version) are those it was made from, both by sha256, so using it gives what reading the
file again would. The fact base keeps a file's facts with their citations located, and
tagged with what the locations depend on (`factbase.seeds_tag`: every seed's sha256 and
each source's lines); under another tag it searches for the quotes again. Only files
without any problem are kept: a file with an error or a warning, or a quote not found,
is read, and reported, every time. Anything wrong with the cache (unreadable,
unwritable, damaged) means reading the file, never an error. BRIEFING_CACHE=0 turns it
off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path

FOLDER = ".briefing-cache"
SMALLEST = 64 * 1024  # smaller files are read about as fast as an entry is checked
_HEADER = 128  # the sha256 of the file and of the code, in hex


@cache
def _code_digest() -> str:
    # Every module of the package: an entry made by other code is never used.
    import yaml

    digest = hashlib.sha256(f"{yaml.__version__} {sys.version}".encode())
    for module in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()


def _entry(kind: str, path: Path, root: Path | None, raw: bytes) -> Path | None:
    if root is None or len(raw) < SMALLEST or os.environ.get("BRIEFING_CACHE") == "0":
        return None
    name = hashlib.sha256(f"{kind}:{path.resolve()}".encode()).hexdigest()[:32]
    return root / FOLDER / kind / f"{name}.pickle"


class Slot:
    """Where the value made from these bytes of one file is kept (see the module notes).

    A slot of a file too small to be worth keeping, or with the cache turned off, keeps
    nothing and finds nothing.
    """

    def __init__(self, kind: str, path: Path, root: Path | None, raw: bytes):
        self.root = root
        self.entry = _entry(kind, path, root, raw)
        # The file's bytes are hashed once, for looking up and for keeping.
        self.header = ((hashlib.sha256(raw).hexdigest() + _code_digest()).encode()
                       if self.entry else b"")

    @property
    def keeps(self) -> bool:
        """Whether a value put here is kept."""
        return self.entry is not None

    def get(self) -> tuple[bool, object]:
        """Return (True, value) when a value is kept for these bytes, else (False, None)."""
        if self.entry is None:
            return False, None
        try:
            kept = self.entry.read_bytes()
            if kept[:_HEADER] != self.header:
                return False, None
            return True, pickle.loads(kept[_HEADER:])
        except Exception:  # absent, unreadable or damaged: the caller reads the file
            return False, None

    def put(self, value: object) -> None:
        """Keep `value`, what these bytes gave; never fails."""
        if self.entry is None:
            return
        tmp = None
        try:
            self.entry.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.root / FOLDER / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# made by briefing; safe to delete\n*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=self.entry.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(self.header)
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.entry)
        except Exception:  # a read-only project, a full disk: the next run reads the file
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
