"""The output folder: only plain names in it are written or removed, one build at a time,
and a build's files change together or not at all.

- A name is plain when it is a file name with no folder part (`plain_name`); the build
  never writes, replaces or removes anything else, whatever a manifest says.
- `OutputFolder.locked` holds an exclusive lock on the folder (`flock` on the folder
  itself, so no lock file is left behind) for the whole build: a second build waits for
  the first, up to LOCK_WAIT seconds, then refuses.
- A `Transaction` writes every new file beside its target first (`.NAME.XXXXXXXX.new`)
  and flushes it to disk; only when all are written does it record, in one journal
  file, which renames and removals make up the build, and then carry them out, the
  manifest last. A failure before the journal leaves the folder as it was; a crash
  after it leaves a journal that the next build (`OutputFolder.repair`) completes.
- A build that fails creates nothing: a folder made for it is removed again.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import Problem, UnusableInput

JOURNAL = ".briefing-journal.json"
LOCK_WAIT = 600.0  # seconds a build waits for another build of the same folder
_NEW = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.new")  # what `Transaction.write` stages
_JOURNAL_TMP = re.compile(re.escape(JOURNAL) + r"\.[A-Za-z0-9_]{8}\.tmp")


def plain_name(name: object) -> bool:
    """Whether `name` is a file name the build may write or remove in the output folder:
    text naming no folder, not hidden (the build's own temporaries are), at most 255
    bytes."""
    return (isinstance(name, str) and name not in ("", ".", "..") and "/" not in name
            and "\\" not in name and "\0" not in name and not name.startswith(".")
            and len(name.encode("utf-8", "surrogatepass")) <= 255)


class OutputFolder:
    """The folder a build writes into."""

    def __init__(self, path: Path):
        self.path = path
        self.shown = str(path)

    def check(self) -> None:
        """Raise UnusableInput when the folder cannot be made or written; make nothing."""
        at = self.path
        while not os.path.lexists(at):
            if at.parent == at:
                break
            at = at.parent
        try:
            info = os.stat(at)
        except OSError as exc:
            raise self._cannot_create(exc.strerror) from None
        if not stat.S_ISDIR(info.st_mode):
            raise self._cannot_create("File exists" if at == self.path else
                                      f"{at} is not a folder")
        if not os.access(at, os.W_OK | os.X_OK):
            what = "the output folder is not writable" if at == self.path else (
                f"cannot create the output folder: {at} is not writable")
            raise UnusableInput(Problem(what, self.shown,
                                        hint="choose another --out or fix its permissions"))

    def _cannot_create(self, why: str) -> UnusableInput:
        return UnusableInput(Problem(f"cannot create the output folder: {why}", self.shown,
                                     hint="choose another --out"))

    @contextmanager
    def locked(self):
        """Make the folder if need be and hold its lock; on an error inside, remove the
        folders made for it (they are empty: a failed transaction leaves nothing)."""
        made = self._make()
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as exc:
            self._unmake(made)
            raise self._cannot_create(exc.strerror) from None
        try:
            self._lock(fd)
            yield self
        except BaseException:
            self._unmake(made)
            raise
        finally:
            os.close(fd)  # closing releases the lock

    def _make(self) -> list[Path]:
        made = []
        for folder in reversed([self.path, *self.path.parents]):
            if os.path.lexists(folder):
                continue
            try:
                os.mkdir(folder)
            except FileExistsError:
                continue
            except OSError as exc:
                self._unmake(made)
                raise self._cannot_create(exc.strerror) from None
            made.append(folder)
        return made

    @staticmethod
    def _unmake(made: list[Path]) -> None:
        for folder in reversed(made):
            try:
                os.rmdir(folder)
            except OSError:
                pass  # something was put in it meanwhile: leave it

    def _lock(self, fd: int) -> None:
        waited = 0.0
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise UnusableInput(Problem(f"cannot lock the output folder: "
                                                f"{exc.strerror}", self.shown)) from None
            if waited >= LOCK_WAIT:
                raise UnusableInput(Problem(
                    f"another build has been writing to this output folder for "
                    f"{LOCK_WAIT:g} s", self.shown,
                    hint="wait for it to finish, or build into another --out"))
            time.sleep(0.1)
            waited += 0.1

    def repair(self) -> list[str]:
        """Complete a build that was interrupted after its journal was written, and
        remove temporaries of one interrupted before; return the names put in place."""
        done: list[str] = []
        journal = self.path / JOURNAL
        if os.path.lexists(journal):
            steps = _read_journal(journal, self.shown)
            for tmp, name in steps["install"]:
                if os.path.lexists(self.path / tmp):
                    os.replace(self.path / tmp, self.path / name)
                    done.append(name)
            for name in steps["remove"]:
                _remove(self.path / name)
            _fsync_dir(self.path)
            os.unlink(journal)
        for entry in os.scandir(self.path):
            if ((_NEW.fullmatch(entry.name) or _JOURNAL_TMP.fullmatch(entry.name))
                    and not entry.is_dir(follow_symlinks=False)):
                os.unlink(entry.path)
        return done

    def read(self, name: str, limit: int) -> bytes | None:
        """Return the bytes of the regular file `name` (a symlink counts as absent), or
        None; raise UnusableInput when it is over `limit` bytes."""
        fd = self._open(name)
        if fd is None:
            return None
        with os.fdopen(fd, "rb") as handle:
            if os.fstat(fd).st_size > limit:
                raise UnusableInput(Problem(f"{name} is more than the {limit:,} bytes it may "
                                            "be", self.shown))
            return handle.read(limit + 1)

    def digest(self, name: str) -> str | None:
        """Return the sha256 of the regular file `name` (a symlink counts as absent), or
        None."""
        fd = self._open(name)
        if fd is None:
            return None
        with os.fdopen(fd, "rb") as handle:
            try:
                return hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError:
                return None

    def _open(self, name: str) -> int | None:
        if not plain_name(name) and name not in (JOURNAL,):
            return None
        try:
            fd = os.open(self.path / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
                         | os.O_CLOEXEC)
        except OSError:
            return None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        return fd

    def transaction(self) -> Transaction:
        """Return a new transaction on this folder (see the module notes)."""
        return Transaction(self)


class Transaction:
    """The files one build writes and removes, put in place together by `commit`."""

    def __init__(self, folder: OutputFolder):
        self.folder = folder
        self.install: list[tuple[str, str]] = []  # (temporary, name), in order
        self.remove: list[str] = []

    def write(self, name: str, data: bytes) -> None:
        """Stage `data` as the new content of `name`."""
        path = self.folder.path / name
        if not plain_name(name):
            raise ValueError(f"not a plain file name: {name!r}")
        if os.path.lexists(path) and stat.S_ISDIR(os.lstat(path).st_mode):
            raise UnusableInput(Problem(f"{name} is a folder in the output folder, where "
                                        "the build writes a file", self.folder.shown,
                                        hint=f"remove the folder {name}, or choose another "
                                             "--out"))
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".new", dir=self.folder.path)
        self.install.append((os.path.basename(tmp), name))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)

    def unlink(self, name: str) -> None:
        """Stage the removal of `name`."""
        if not plain_name(name):
            raise ValueError(f"not a plain file name: {name!r}")
        self.remove.append(name)

    def commit(self) -> None:
        """Put every staged file in place and remove the staged names; on a failure
        before that starts, remove the temporaries and leave the folder as it was."""
        folder = self.folder.path
        try:
            journal = json.dumps({"install": self.install, "remove": self.remove})
            fd, tmp = tempfile.mkstemp(prefix=f"{JOURNAL}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(journal)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, folder / JOURNAL)  # the build now happens, whatever comes
            except BaseException:
                _remove(Path(tmp))
                raise
            _fsync_dir(folder)
        except BaseException:
            self.abort()
            raise
        for tmp, name in self.install:
            os.replace(folder / tmp, folder / name)
        for name in self.remove:
            _remove(folder / name)
        _fsync_dir(folder)
        os.unlink(folder / JOURNAL)

    def abort(self) -> None:
        """Remove every temporary staged so far."""
        for tmp, _ in self.install:
            _remove(self.folder.path / tmp)
        self.install.clear()


def _read_journal(path: Path, shown: str) -> dict:
    """Return the steps of a journal, checked: only plain names, only staged temporaries."""
    def damaged(why: str) -> UnusableInput:
        return UnusableInput(Problem(f"the journal of an interrupted build is damaged: {why}",
                                     f"{shown}/{JOURNAL}",
                                     hint=f"delete {JOURNAL} and the .*.new files beside it, "
                                          "then build with --force"))
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or os.lstat(path).st_size > 16 << 20:
            raise damaged("not a regular file of a sensible size")
        steps = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise damaged(str(exc)) from None
    if not (isinstance(steps, dict) and isinstance(steps.get("install"), list)
            and isinstance(steps.get("remove"), list)):
        raise damaged("not a journal")
    for pair in steps["install"]:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
                and _NEW.fullmatch(pair[0]) and "/" not in pair[0] and plain_name(pair[1])):
            raise damaged("a step that is not a staged file and a plain name")
    if not all(plain_name(name) for name in steps["remove"]):
        raise damaged("a removal of something other than a plain name")
    return steps


def _remove(path: Path) -> None:
    """Remove the file (or symlink) at `path`; a folder there is left alone."""
    try:
        os.unlink(path)
    except (FileNotFoundError, IsADirectoryError):
        pass


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the renames are still atomic
    finally:
        os.close(fd)
