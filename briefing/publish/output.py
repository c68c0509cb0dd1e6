"""Writing into the output folder: the folder checked once, each file atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from briefing.errors import Problem, UnusableInput


def check_out_dir(out_dir: Path) -> None:
    """Create `out_dir` if need be; raise UnusableInput when it cannot be written to."""
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
