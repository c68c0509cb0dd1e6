"""Large fact files, read once: the facts checked from them, kept between runs.

An analyst runs `check` and `build` many times a day over fact files that mostly did not
change. Reading and checking a 2,000-fact file takes ~0.15 s (libyaml, the line-tracking
reader, the record checks) and locating its quotes ~0.05 s; decoding and checking what
they gave (JSON, see `kept`) takes ~0.02 s. Entries live in the project's
`.briefing-cache/` (like `.mypy_cache`), one per file, named by the file's path, so a
changed file replaces its entry and the folder holds at most one entry per large fact
file.

An entry is used only when the file's bytes and the package's own code (with PyYAML's
version) are those it was made from, both by sha256, so using it gives what reading the
file again would. The fact base keeps a file's facts with their citations located, and
tagged with what the locations depend on (`factbase.seeds_tag`: every seed's sha256 and
each source's lines); under another tag it searches for the quotes again. Only files
without any problem are kept: a file with an error or a warning, or a quote not found,
is read, and reported, every time. Anything wrong with the cache (unreadable,
unwritable, damaged, a symlink) means reading the file, never an error. BRIEFING_CACHE=0
turns it off.

The cache is part of the project folder, so it is untrusted like the rest: an entry is
JSON, never code; what an entry holds is checked as it is read (`kept`), and the
citation locations it gives are checked against the seeds before they count as found
(`load`). Those checks cannot tell facts that differ from the file's (a text no reviewer
saw in the YAML) if the entry's header matched, and the digests of the bytes and code
can be computed by anyone. So the header also binds the entry to the file as it stands
on this disk: its device, inode, size and change times, which a project handed over
(a pull request, an archive, a copy) cannot bring along: there, every entry is a miss.
Writes go through a new file renamed into place, so a symlink planted in the folder is
replaced, not written through.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path

from briefing.errors import UnusableInput
from briefing.inputs import read_bytes

FOLDER = ".briefing-cache"
SMALLEST = 64 * 1024  # smaller files are read about as fast as an entry is checked
_MAGIC = b"briefing-cache 2 "
# The magic; the sha256 of the file's bytes, of the code, and of the file's place on disk.
_HEADER = len(_MAGIC) + 3 * (64 + 1)
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


@cache
def _code_digest() -> str:
    # Every module of the package: an entry made by other code is never used.
    import yaml

    digest = hashlib.sha256(f"{yaml.__version__} {sys.version}".encode())
    for module in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()


def _on_disk(path: Path) -> str | None:
    """Return the sha256 of where and when the file at `path` was written on this disk
    (device, inode, size, modification and change times), or None if it cannot be read."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return hashlib.sha256(f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} "
                          f"{st.st_ctime_ns}".encode()).hexdigest()


def _entry(kind: str, path: Path, root: Path | None, raw: bytes) -> Path | None:
    if root is None or len(raw) < SMALLEST or os.environ.get("BRIEFING_CACHE") == "0":
        return None
    name = hashlib.sha256(f"{kind}:{path.resolve()}".encode()).hexdigest()[:32]
    return root / FOLDER / kind / f"{name}.json"


def _own_folder(folder: Path, create: bool) -> bool:
    """Whether `folder` is a real folder (not a symlink, which could lead anywhere),
    made now when `create` and absent."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except FileNotFoundError:
        if not create:
            return False
        os.mkdir(folder)
        return True


class Slot:
    """Where the value made from these bytes of one file is kept (see the module notes).

    A slot of a file too small to be worth keeping, or with the cache turned off, keeps
    nothing and finds nothing. Values are plain JSON data (lists, mappings, text,
    numbers, null), never pickles: an entry in a project from elsewhere cannot run code.
    """

    def __init__(self, kind: str, path: Path, root: Path | None, raw: bytes):
        self.root = root
        self.entry = _entry(kind, path, root, raw)
        on_disk = _on_disk(path) if self.entry else None
        if on_disk is None:
            self.entry = None
        # The file's bytes are hashed once, for looking up and for keeping.
        self.header = (_MAGIC + f"{hashlib.sha256(raw).hexdigest()} {_code_digest()} "
                       f"{on_disk}\n".encode() if self.entry else b"")

    @property
    def keeps(self) -> bool:
        """Whether a value put here is kept."""
        return self.entry is not None

    def get(self) -> tuple[bool, bytes]:
        """Return (True, the JSON kept) when a value is kept for these bytes, else
        (False, b"")."""
        if self.entry is None:
            return False, b""
        folder = self.root / FOLDER
        if not (_own_folder(folder, False) and _own_folder(self.entry.parent, False)):
            return False, b""
        try:
            # Through the trust boundary: a regular file inside the project, size-limited.
            kept = read_bytes(self.entry, self.root, "cache", inside=self.entry.parent)
        except UnusableInput:  # absent, a symlink, a FIFO: the caller reads the file
            return False, b""
        if kept[:_HEADER] != self.header:
            return False, b""
        return True, kept[_HEADER:]  # the caller decodes and checks it

    def put(self, value: object) -> None:
        """Keep `value` (plain JSON data), what these bytes gave; never fails."""
        if self.entry is None:
            return
        try:
            folder = self.root / FOLDER
            if not (_own_folder(folder, True) and _own_folder(self.entry.parent, True)):
                return
            _replace(folder / ".gitignore", b"# made by briefing; safe to delete\n*\n",
                     only_if_absent=True)
            data = self.header + _JSON.encode(value).encode("utf-8")
            _replace(self.entry, data)
        except (OSError, ValueError, TypeError, RecursionError):
            pass  # a read-only project, a full disk: the next run reads the file


def _replace(path: Path, data: bytes, only_if_absent: bool = False) -> None:
    """Write `data` to `path` through a new file renamed over it: a symlink there is
    replaced, never written through."""
    if only_if_absent and os.path.lexists(path) and stat.S_ISREG(os.lstat(path).st_mode):
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
