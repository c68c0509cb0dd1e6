"""`briefing add-source`: a new text becomes a seed file and a draft source.

The file is copied into `seeds/` byte for byte (never re-encoded: the sha256 recorded is
that of the bytes quotes are proven against), after checks that it is text a brief can
quote: UTF-8, no NUL or other control bytes, not a PDF or Word file. Text that is not in
Unicode NFC is reported, not changed (quote matching normalises; notes show the file's
own characters). The entry appended to `sources.yaml` has `status: draft`, so until a
fact cites it `check` warns instead of failing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from briefing.curate.files import (appended, check_writable, existing, write_atomic,
                                   write_checked)
from briefing.curate.names import slug
from briefing.curate.yamlout import quoted
from briefing.errors import Problem, UnusableInput, display_path
from briefing.factbase.dates import parse_date
from briefing.factbase.schema import ID_PATTERN
from briefing.factbase.yamlfile import load_yaml
from briefing.project import Project

MAX_BYTES = 64 * 1024 * 1024
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAGIC = {b"%PDF": "a PDF file: extract its text first (e.g. `pdftotext -layout FILE`)",
          b"PK\x03\x04": "a zip archive (a Word or OpenDocument file?): save it as plain "
                         "text, UTF-8",
          b"\xd0\xcf\x11\xe0": "an old Word or Office file: save it as plain text, UTF-8",
          b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"{\\rtf": "RTF, not plain text: save it as plain text, UTF-8"}


@dataclass
class Added:
    """What `add_source` did, and what it noticed about the text."""

    id: str
    seed: Path
    copied: bool  # False: the file was in seeds/ already and is registered where it is
    size: int
    sha256: str
    notes: list[str] = field(default_factory=list)
    dateline: str | None = None


def add_source(project: Project, file: Path, source_id: str | None = None,
               outlet: str | None = None, title: str | None = None, date: str | None = None,
               url: str | None = None, retrieved: str | None = None) -> Added:
    """Copy `file` into seeds/ and register it as a draft source; raise UnusableInput
    (nothing written) when it is not text a brief can quote or an argument is wrong."""
    shown = str(file)
    raw = _read(file, shown)
    text = _text(raw, shown)
    seeds = project.seeds
    name = _seed_name(file)
    dest = seeds / name
    in_place = file.resolve().parent == seeds.resolve() and file.name == name
    check_writable(dest, project.root)
    if not in_place and existing(dest, project.root, "seed") not in (None, raw):
        raise UnusableInput(Problem(f"seeds/{name} exists already, with other bytes",
                                    shown, hint="rename the file, or remove the old seed and "
                                                "its entry in sources.yaml"))
    registry = seeds / "sources.yaml"
    entries = _entries(registry, project.root)
    if any(isinstance(e, dict) and e.get("file") == name for e in entries):
        owner = next(e.get("id") for e in entries if isinstance(e, dict) and e.get("file") == name)
        raise UnusableInput(Problem(f"seeds/{name} is registered already, as source '{owner}'",
                                    shown, hint=f"`briefing uncited {owner}` lists its sentences"))
    taken = _ids(entries)
    source_id = _new_id(source_id, taken, file)
    for label, value in (("--date", date), ("--retrieved", retrieved)):
        if value is not None:
            try:
                parse_date(value)
            except ValueError as exc:
                raise UnusableInput(Problem(f"{label}: {exc}")) from None
    if url is not None and not re.match(r"https?://\S{3,}$", url):
        raise UnusableInput(Problem(f"--url: '{url}' is not a web address",
                                    hint="give the article's address, starting https://"))
    digest = hashlib.sha256(raw).hexdigest()
    entry = _entry(source_id, name, digest, outlet, title, date, url, retrieved)
    data = appended(registry, project.root, "sources", entry, 1)
    added = Added(source_id, dest, not in_place and not dest.exists(), len(raw), digest,
                  _notes(raw, text), _dateline(text))
    if added.copied:
        write_atomic(dest, raw)
    try:
        write_checked(registry, project.root, data, lambda: _new_problems(project, source_id))
    except BaseException:
        if added.copied:
            dest.unlink(missing_ok=True)
        raise
    return added


def _read(file: Path, shown: str) -> bytes:
    try:
        if not file.is_file():
            what = "a folder" if file.is_dir() else "not a regular file"
            raise UnusableInput(Problem(f"expected a text file, found {what}", shown))
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise UnusableInput(Problem(f"the file is {size:,} bytes, larger than the "
                                        f"{MAX_BYTES:,} a seed may be", shown))
        raw = file.read_bytes()
    except FileNotFoundError:
        raise UnusableInput(Problem("file not found", shown)) from None
    except OSError as exc:
        raise UnusableInput(Problem(f"cannot read the file: {exc.strerror}", shown)) from None
    if not raw.strip():
        raise UnusableInput(Problem("the file is empty", shown,
                                    hint="a source needs the text of the article"))
    return raw


def _text(raw: bytes, shown: str) -> str:
    """Return the text of a seed's bytes, or raise saying why they are not quotable text."""
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise UnusableInput(Problem(f"the file is {what.split(':')[0]}, not plain text",
                                        shown, hint=what.split(": ", 1)[-1]
                                        if ": " in what else "give the article as a .txt file"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnusableInput(Problem("the file is UTF-16 text; seeds are UTF-8", shown,
                                    hint="convert it: iconv -f UTF-16 -t UTF-8 FILE > NEW.txt"))
    nul = raw.find(b"\x00")
    if nul != -1:
        line = raw[:nul].count(b"\n") + 1
        raise UnusableInput(Problem(f"the file holds a NUL byte (at byte {nul:,}, line "
                                    f"{line}): it is binary, not text",
                                    shown, hint="give the article's text as a UTF-8 .txt file"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise UnusableInput(Problem(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line})", shown,
            hint="convert it: iconv -f WINDOWS-1252 -t UTF-8 FILE > NEW.txt (name the "
                 "encoding it is in)")) from None
    bad = _CONTROL.search(text)
    if bad:
        line = text[:bad.start()].count("\n") + 1
        raise UnusableInput(Problem(f"the file holds control character U+{ord(bad.group()):04X} "
                                    f"on line {line}, which documents cannot hold", shown,
                                    hint="delete it (it often comes from text pasted from a "
                                         "web page or a PDF)"))
    return text


def _notes(raw: bytes, text: str) -> list[str]:
    notes = []
    if text.startswith("\ufeff"):
        notes.append("the file starts with a byte-order mark (U+FEFF); it is kept, and "
                     "quotes match without it")
    if not unicodedata.is_normalized("NFC", text):
        nfc_changes = [i for i, ch in enumerate(text)
                       if unicodedata.normalize("NFC", ch) != ch or unicodedata.combining(ch)]
        first = nfc_changes[0] if nfc_changes else 0
        line = text[:first].count("\n") + 1
        col = first - (text.rfind("\n", 0, first) + 1) + 1
        notes.append(f"the text is not in Unicode NFC ({len(nfc_changes)} characters "
                     f"decomposed or combining, the first on line {line}, col {col}): it is "
                     "kept as it is; quotes still match (matching normalises) and notes show "
                     "the file's own characters")
    if b"\r\n" in raw:
        notes.append("lines end in CR LF; they are kept, and read as line ends")
    return notes


def _dateline(text: str) -> str | None:
    from briefing.curate.dates import dateline

    for line in text.lstrip("\ufeff").splitlines()[:5]:
        found = dateline(line.strip())
        if found:
            return found
    return None


def _seed_name(file: Path) -> str:
    name = file.name if file.suffix == ".txt" else f"{file.stem}.txt"
    if name.startswith((".", "-")) or "/" in name or "\\" in name or not name[:-4].strip():
        raise UnusableInput(Problem(f"'{file.name}' cannot name a seed file", str(file),
                                    hint="rename it to letters, digits, '-' and '_' with .txt"))
    return name


def _entries(registry: Path, root: Path) -> list:
    data = load_yaml(registry, root)
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise UnusableInput(Problem("expected a mapping with a 'sources:' list",
                                    display_path(registry, root)))
    return data["sources"]


def _ids(entries: list) -> set[str]:
    ids = set()
    for entry in entries:
        if isinstance(entry, dict):
            ids.add(entry.get("id"))
            for seg in entry.get("segments") or ():
                if isinstance(seg, dict):
                    ids.add(seg.get("id"))
    return {i for i in ids if isinstance(i, str)}


def _new_id(wanted: str | None, taken: set[str], file: Path) -> str:
    if wanted is not None:
        if not ID_PATTERN.match(wanted):
            raise UnusableInput(Problem(f"--id '{wanted}' is not an id",
                                        hint="use lowercase letters, digits and hyphens"))
        if wanted in taken:
            raise UnusableInput(Problem(f"--id '{wanted}' is taken by another source",
                                        hint="choose another id, or leave --id out"))
        return wanted
    numbers = [int(m.group(1)) for i in taken if (m := re.fullmatch(r"s(\d+)", i))]
    if numbers:
        width = max(len(i) - 1 for i in taken if re.fullmatch(r"s\d+", i))
        return f"s{max(numbers) + 1:0{width}d}"
    base = slug(file.stem)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _entry(source_id: str, name: str, digest: str, outlet, title, date, url,
           retrieved) -> str:
    lines = ["", f"  - id: {source_id}", f"    file: {quoted(name)}", f"    sha256: {digest}",
             "    status: draft  # `final` (or delete the line) once its facts are curated"]
    if outlet:
        lines.append(f"    outlet: {quoted(outlet)}")
    else:
        lines += ["    outlet: null",
                  "    outlet_note: Not given when the source was added; the outlet the text "
                  "names, if any."]
    if title:
        lines.append(f"    title: {quoted(title)}")
    else:
        lines += ["    title: null",
                  f"    label: {quoted(Path(name).stem)}  # describe the text: briefs show "
                  "this in brackets"]
    if date:
        lines.append(f"    date: {quoted(date)}")
    else:
        lines += ["    date: null",
                  "    date_note: Not given when the source was added; the publication date "
                  "the text states, if any."]
    if url:
        lines.append(f"    url: {quoted(url)}")
    if retrieved:
        lines.append(f"    retrieved: {quoted(retrieved)}")
    return "\n".join(lines) + "\n"


def _new_problems(project: Project, source_id: str) -> list[Problem]:
    """Return the errors the new entry has as `check` reads it (none expected)."""
    from briefing.factbase.sources import load_sources

    sources, problems, _ = load_sources(project.seeds, project.root)
    mine = [p for p in problems if p.severity == "error" and f"'{source_id}'" in p.message]
    if not any(s.id == source_id for s in sources):
        mine.append(Problem(f"the new entry '{source_id}' did not read back as a source",
                            display_path(project.seeds / "sources.yaml", project.root)))
    return mine
