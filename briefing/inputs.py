"""The trust boundary: every file the program reads from a project is read here.

A project folder may come from a pull request, so a file in it is read only when its
real path (symlinks resolved) lies inside the project and inside the folder of its kind
(seeds in `seeds/`, templates in `templates/`), it is a regular file (never a FIFO, a
device or a socket, which could block or never end), and it is no larger than its kind
allows. The last step of the path is opened without following a symlink, so a link
swapped in after the check is refused too. Text is UTF-8; a byte-order mark at the start
is dropped, in every kind of text file, so it never reaches a brief.

Every refusal is an `UnusableInput` (exit 2) naming the file as the project spells it,
never the outside path a symlink leads to, and never any of that file's bytes.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from pathlib import Path

from briefing.errors import Problem, UnusableInput, display_path

MB = 1024 * 1024
# The most a file of each kind may hold, in bytes: far above any real file, low enough
# that a mistaken or hostile one is refused before it is read.
LIMITS = {
    "yaml": 8 * MB,  # sources.yaml, vocabularies, fact files, outlines
    "seed": 64 * MB,  # one seed text
    "template": 1 * MB,  # one section template
    "docx": 16 * MB,  # a reference .docx, as stored
    "cache": 64 * MB,  # one entry of the fact cache
}
_LABELS = {"yaml": "YAML file", "seed": "seed file", "template": "template",
           "docx": "reference .docx", "cache": "cache entry"}
# A reference .docx, unpacked: a zip may declare sizes far beyond its own (a zip bomb).
DOCX_UNPACKED = 64 * MB
DOCX_MEMBERS = 2000

BOM = "\ufeff"
_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}


def read_bytes(path: Path, root: Path, kind: str, *, inside: Path | None = None,
               what: str | None = None, file: str | None = None, line: int | None = None,
               hint: str | None = None) -> bytes:
    """Return the bytes of the project file `path`, or raise UnusableInput saying why not.

    `inside` is the folder the file must lie in (default: the project's top folder the
    path is under: seeds/ or templates/). The message names `what` (default: "file")
    and is placed at `file`:`line` (default: the file itself); `hint` is added to
    "not found".
    """
    shown = display_path(path, root)
    what = what or "file"
    at = (file or shown, line)

    def refuse(reason: str, more: str | None = None) -> UnusableInput:
        return UnusableInput(Problem(f"cannot read {what}: {reason}", *at, hint=more))

    if "\0" in str(path):
        raise refuse("its name holds a NUL character", "file names cannot hold NUL")
    folder = _folder(path, root, inside)
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        if path.is_symlink():
            raise refuse("it is a symlink to nothing") from None
        raise UnusableInput(Problem(f"{what} not found", *at, hint=hint)) from None
    except (OSError, RuntimeError) as exc:  # a symlink loop, a name too long
        raise refuse(_why(exc)) from None
    top = root.resolve()
    if not (real.is_relative_to(top) and real.is_relative_to(folder.resolve())):
        where = display_path(folder, root)
        raise refuse(f"it leads outside {where}/ (through a symlink)",
                     f"a project reads only files inside its own {where}/ folder")
    try:
        _regular(os.stat(real), refuse)  # before opening: a FIFO or device is never opened
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise refuse(_why(exc)) from None
    try:
        info = os.fstat(fd)
        _regular(info, refuse)  # what was opened, had the file been swapped meanwhile
        limit = LIMITS[kind]
        if info.st_size > limit:
            raise refuse(f"it is {info.st_size:,} bytes, larger than the {limit:,} a "
                         f"{_LABELS[kind]} may be", "split it into several files")
        chunks, size = [], 0
        while size <= limit:  # a file growing while read stops at its limit too
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise refuse(f"it grew past the {limit:,} bytes a {_LABELS[kind]} may be")
        return b"".join(chunks)
    except OSError as exc:
        raise refuse(_why(exc)) from None
    finally:
        os.close(fd)


def decode_text(raw: bytes, shown: str, what: str = "the file",
                line: int | None = None, file: str | None = None) -> str:
    """Return UTF-8 `raw` as text without a leading byte-order mark, or raise
    UnusableInput naming the first byte that is not UTF-8 and its line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff")
        where = (file, line) if file else (shown, bad_line)
        on = f" on line {bad_line}" if file else ""
        raise UnusableInput(Problem(
            f"{what} is not valid UTF-8 (byte 0x{raw[exc.start]:02x}{on})"
            + (": it is UTF-16" if utf16 else ""), *where,
            hint="save the file as UTF-8 (e.g. iconv -t UTF-8)")) from None
    return text[1:] if text.startswith(BOM) else text


def check_docx(raw: bytes, what: str, file: str, line: int | None) -> None:
    """Raise UnusableInput unless `raw` is a zip holding a Word document whose members
    unpack to no more than DOCX_UNPACKED bytes in all."""
    def refuse(reason: str) -> UnusableInput:
        return UnusableInput(Problem(f"{what} is not a usable .docx: {reason}", file, line,
                                     hint="save a Word document (.docx) there, or remove "
                                          "the line"))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise refuse("it is not a zip file") from None
    if len(members) > DOCX_MEMBERS:
        raise refuse(f"it holds {len(members):,} parts (at most {DOCX_MEMBERS:,})")
    unpacked = sum(m.file_size for m in members)
    if unpacked > DOCX_UNPACKED:
        raise refuse(f"it unpacks to {unpacked:,} bytes (at most {DOCX_UNPACKED:,})")
    names = {m.filename for m in members}
    if not {"[Content_Types].xml", "word/document.xml"} <= names:
        raise refuse("it has no word/document.xml or [Content_Types].xml")


def _regular(info: os.stat_result, refuse) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise refuse("it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise refuse(f"it is {_KINDS.get(stat.S_IFMT(info.st_mode), 'not a regular file')}"
                     ", not a regular file", "replace it by an ordinary file")


def _folder(path: Path, root: Path, inside: Path | None) -> Path:
    if inside is not None:
        return inside
    try:
        return root / path.relative_to(root).parts[0]
    except (ValueError, IndexError):
        return root


def _why(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return "it is a symlink that loops or cannot be followed"
    if getattr(exc, "errno", None) == errno.ENAMETOOLONG:
        return "its name is too long"
    return getattr(exc, "strerror", None) or str(exc)
