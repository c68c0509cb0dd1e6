"""Writing the project's own files for the curation commands: whole or not at all.

`sources.yaml` and fact files are appended to as text, so their comments and layout
stay as the curator wrote them; each write goes through a temporary file and a rename,
and is undone when the result does not read back as it should. What is there already is
read through the trust boundary (`briefing.inputs`), and a file is written only where it
is a plain name in a folder of the project, never through a symlink.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from briefing.errors import DataInvalid, Problem, UnusableInput, display_path
from briefing.factbase.yamlfile import parse_yaml
from briefing.inputs import read_bytes


def existing(path: Path, root: Path, kind: str) -> bytes | None:
    """Return the bytes of the project file `path` (read through the trust boundary), or
    None when there is nothing at that name."""
    if not os.path.lexists(path):
        return None
    return read_bytes(path, root, kind, inside=path.parent)


def check_writable(path: Path, root: Path) -> None:
    """Raise UnusableInput unless `path` may be written: a name in a folder inside the
    project (symlinks resolved), and not itself a symlink."""
    shown = display_path(path, root)
    folder = path.parent.resolve()
    if path.is_symlink() or not folder.is_relative_to(root.resolve()):
        raise UnusableInput(Problem("cannot write the file: it leads outside the project "
                                    "(through a symlink)", shown,
                                    hint="a project writes only plain files inside itself"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def appended(path: Path, root: Path, key: str, items: str, count: int,
             header: str = "") -> bytes:
    """Return the bytes of the YAML file `path` with `items` (text of `count` block-style
    list items) added to its top-level list `key`, creating the file from `header` and
    `key:` when absent; raise UnusableInput when the list cannot be appended to as text."""
    shown = display_path(path, root)
    old = existing(path, root, "yaml") or b""
    before = parse_yaml(old, shown) if old.strip() else None
    had = 0
    if before is not None:
        if not isinstance(before, dict) or not isinstance(before.get(key), list):
            raise UnusableInput(Problem(f"expected a mapping with a '{key}:' list", shown,
                                        hint="append to a file that has one, or name a new file"))
        if list(before)[-1] != key:
            raise UnusableInput(Problem(f"'{key}:' is not the last key of the file, so "
                                        "entries cannot be added at its end", shown))
        had = len(before[key])
    text = old.decode("utf-8") if old.strip() else header + f"{key}:\n"
    if not text.endswith("\n"):
        text += "\n"
    text += items
    data = text.encode("utf-8")
    try:
        after = parse_yaml(data, shown)
    except UnusableInput:
        after = None
    if not isinstance(after, dict) or len(after.get(key) or ()) != had + count:
        raise UnusableInput(Problem(f"the '{key}:' list is not written one item a line "
                                    "(block style), so entries cannot be added as text", shown,
                                    hint=f"write each entry of '{key}:' as '  - ...', or add "
                                         "them by hand"))
    return data


def write_checked(path: Path, root: Path, data: bytes, check) -> None:
    """Write `data` to the YAML file `path`, then run `check()` (which returns the new
    problems the write caused); when there are any, put the old bytes back and raise
    DataInvalid."""
    check_writable(path, root)
    old = existing(path, root, "yaml")
    write_atomic(path, data)
    try:
        problems = check()
    except BaseException:
        _restore(path, old)
        raise
    if problems:
        _restore(path, old)
        raise DataInvalid(problems)


def _restore(path: Path, old: bytes | None) -> None:
    if old is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, old)
