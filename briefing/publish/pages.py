"""Page numbers for the Word contents, measured with LibreOffice (an outside program).

A DOCX holds no layout: only an office suite knows where a heading falls. The build asks
one: it converts the Word files it wrote, unchanged, to PDF with `soffice --headless`,
reads each heading's page from the PDF's outline (its bookmarks, one per heading, with
pypdf), and the writer writes them as the cached results of the contents' PAGEREF
fields. Numbers can move the layout (an entry a line longer), so it measures again until
the pages are stable, at most `PASSES` conversions. LibreOffice over UNO can update the
contents itself, but rewrites the file in its own dialect (new bookmark names, the clock
as modified date): measuring keeps the build's own bytes and their reproducibility.

The LibreOffice version and the fonts it lays the file out with decide the pages, so
they are inputs of the Word briefs (`LibreOffice.inputs`), recorded in the manifest.
Everything is done in private temporary folders, removed afterwards: the files, and a
LibreOffice profile of the process's own (two builds never share one; one build starts
with it made).
"""

from __future__ import annotations

import atexit
import hashlib
import io
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable

PASSES = 3  # conversions at most per build: measure, then confirm (or measure again)
TIMEOUT = 600  # seconds for one conversion of every brief
# The families the DOCX writer names (briefing.writers.docx.ooxml), with the styles it
# uses: what fontconfig gives LibreOffice for them decides the layout.
_STYLES = ("", ":bold", ":italic", ":bold:italic")


class MeasureFailed(Exception):
    """LibreOffice could not convert the files; the message says how."""


@dataclass(frozen=True)
class LibreOffice:
    """An installed LibreOffice: its program, version and the fonts it would use."""

    program: str
    version: str
    fonts: str  # a digest of the font files fontconfig picks for the writer's families

    @property
    def inputs(self) -> dict[str, str]:
        """Return what the manifest records of it for each Word brief."""
        return {"libreoffice": self.version, "fonts": self.fonts}


ABSENT = {"libreoffice": "not installed", "fonts": ""}


@cache
def find_libreoffice() -> LibreOffice | None:
    """Return the LibreOffice on PATH (`soffice`), or None when there is none or it does
    not answer `--version`."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        return None
    try:
        proc = subprocess.run([program, "--version"], capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    version = " ".join(proc.stdout.split())
    if proc.returncode != 0 or not version:
        return None
    return LibreOffice(program, version, _fonts_digest())


def _fonts_digest() -> str:
    """Return a digest of the font files fontconfig matches for the DOCX's families (the
    name, style and bytes of each), or "" without fontconfig."""
    from briefing.writers.docx.ooxml import FONT, MONO_FONT, SCRIPT_FONTS

    match = shutil.which("fc-match")
    if match is None:
        return ""
    h = hashlib.sha256()
    families = [FONT, MONO_FONT, *(font for font, _ in SCRIPT_FONTS.values())]
    for family in families:
        for style in _STYLES:
            try:
                found = subprocess.run([match, "-f", "%{file}", family + style],
                                       capture_output=True, text=True, timeout=30).stdout
            except (OSError, subprocess.SubprocessError):
                found = ""
            h.update(f"{family}{style}\0{found}\0".encode())
            try:
                h.update(hashlib.sha256(Path(found).read_bytes()).digest() if found else b"")
            except OSError:
                pass
    return h.hexdigest()


@cache
def _profile() -> Path:
    """Return this process's own LibreOffice profile folder (made once: a first start
    takes seconds), removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-libreoffice-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder / "profile"


def convert(office: LibreOffice, docs: dict[str, bytes]) -> dict[str, bytes]:
    """Return each DOCX of `docs` (file name -> bytes) as the PDF LibreOffice lays it out
    to, by the same name; raise MeasureFailed when it cannot."""
    with tempfile.TemporaryDirectory(prefix="briefing-pages-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        for name, data in docs.items():
            (work / "in" / name).write_bytes(data)
        profile = _profile().as_uri()
        command = [office.program, f"-env:UserInstallation={profile}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(work / "pdf"),
                   *(str(work / "in" / name) for name in docs)]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  cwd=work, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise MeasureFailed(f"LibreOffice did not finish within {TIMEOUT} s") from None
        except OSError as exc:
            raise MeasureFailed(f"LibreOffice could not be run: {exc}") from None
        pdfs = {}
        for name in docs:
            pdf = work / "pdf" / (Path(name).stem + ".pdf")
            if not pdf.is_file():
                said = " ".join((proc.stderr or proc.stdout).split())[:200]
                raise MeasureFailed(f"LibreOffice made no PDF of {name} (exit "
                                    f"{proc.returncode}{': ' + said if said else ''})")
            pdfs[name] = pdf.read_bytes()
        return pdfs


def outline_pages(pdf: bytes) -> list[tuple[str, int]]:
    """Return the PDF's outline as (title, page number from 1), in reading order."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            page = reader.get_destination_page_number(item)
            if page is not None and page >= 0:
                found.append((_same(str(item.title)), page + 1))

    walk(reader.outline)
    return found


def heading_pages(outline: list[tuple[str, int]], headings: list[tuple[str, str]]
                  ) -> tuple[tuple[str, int], ...]:
    """Return (anchor, page) for each of `headings` (anchor, text), in order, found in
    the PDF `outline` in the same order (the outline also holds headings the contents
    leaves out); a heading not found there has no page."""
    pages = []
    at = 0
    for anchor, text in headings:
        wanted = _same(text)
        for i in range(at, len(outline)):
            if outline[i][0] == wanted:
                pages.append((anchor, outline[i][1]))
                at = i + 1
                break
    return tuple(pages)


def _same(text: str) -> str:
    """Return `text` as compared between the brief and the PDF: NFC, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class Job:
    """One Word brief to number: its file name, the (anchor, text) of the headings its
    contents lists, and how to write it with given (anchor, page) pairs."""

    name: str
    headings: list[tuple[str, str]]
    render: Callable[[tuple[tuple[str, int], ...]], bytes]


@dataclass
class Measured:
    """The Word briefs with their contents numbered, and how the measuring went."""

    files: dict[str, bytes]
    passes: dict[str, int]  # file name -> conversions it took
    unstable: list[str]  # files whose pages still moved after PASSES conversions


def measure_contents(office: LibreOffice, jobs: list[Job]) -> Measured:
    """Return each job's bytes, its contents carrying the pages LibreOffice lays its
    headings out on: written without numbers, converted, written with the pages found,
    converted again until the pages no longer move (every job of a pass in one
    LibreOffice run). Raise MeasureFailed when LibreOffice fails."""
    pages: dict[str, tuple[tuple[str, int], ...]] = {job.name: () for job in jobs}
    files = {job.name: job.render(()) for job in jobs}
    passes = {job.name: 0 for job in jobs}
    moving = list(jobs)
    for _ in range(PASSES):
        if not moving:
            break
        pdfs = convert(office, {job.name: files[job.name] for job in moving})
        still = []
        for job in moving:
            passes[job.name] += 1
            try:
                outline = outline_pages(pdfs[job.name])
            except Exception as exc:  # noqa: BLE001 - any unreadable PDF, said as one
                raise MeasureFailed(f"the PDF LibreOffice made of {job.name} cannot be "
                                    f"read: {type(exc).__name__}: {exc}") from None
            found = heading_pages(outline, job.headings)
            if found == pages[job.name]:
                continue  # the file as written lays out with the pages it shows
            pages[job.name] = found
            files[job.name] = job.render(found)
            still.append(job)
        moving = still
    return Measured(files, passes, [job.name for job in moving])
