"""The build's side of numbering the Word contents (`pages` runs LibreOffice): what it
adds to a Word brief's inputs, the headings to find, and what the build says when
LibreOffice is absent or fails (it then writes the contents without numbers, as Word
and LibreOffice show a contents whose fields were never updated).
"""

from __future__ import annotations

from briefing import model as m
from briefing.errors import Problem
from briefing.publish import pages

NO_OFFICE = Problem(
    "LibreOffice is not installed: the Word contents lists the headings without page "
    "numbers (Word fills them in when it updates the field)", severity="warning",
    hint="install LibreOffice (Debian: libreoffice-writer-nogui) to number them, or set "
         "docx_toc_pages: none in the outline")


def docx_inputs(warnings: list[Problem]) -> dict[str, str]:
    """Return what a measured Word brief records of LibreOffice (version, fonts); when
    there is none, say so in `warnings` (once)."""
    office = pages.find_libreoffice()
    if office is None:
        if NO_OFFICE not in warnings:
            warnings.append(NO_OFFICE)
        return dict(pages.ABSENT)
    return office.inputs


def measurable(inputs: dict[str, str]) -> bool:
    """Return whether a Word brief with these inputs is measured (LibreOffice is there)."""
    return inputs.get("libreoffice", pages.ABSENT["libreoffice"]) != pages.ABSENT["libreoffice"]


def contents_headings(brief: m.Brief) -> list[tuple[str, str]]:
    """Return (anchor, text) of each heading the brief's contents lists (none without a
    contents)."""
    depth = next((b.depth for b in brief.blocks if isinstance(b, m.TableOfContents)), 0)
    return [(h.anchor, m.plain_text(h.children).replace("\n", " "))
            for h in brief.headings(depth)] if depth else []


def number(jobs: list[pages.Job], warnings: list[Problem]) -> pages.Measured:
    """Return the Word briefs of `jobs` with their contents numbered; without numbers,
    and a warning, when LibreOffice fails."""
    try:
        measured = pages.measure_contents(pages.find_libreoffice(), jobs)
    except pages.MeasureFailed as exc:
        warnings.append(Problem(
            f"{exc}: the Word contents lists the headings without page numbers",
            severity="warning",
            hint="run `soffice --headless --convert-to pdf` on the file to see why"))
        return pages.Measured({job.name: job.render(()) for job in jobs}, {}, [])
    for name in measured.unstable:
        warnings.append(Problem(
            f"the page numbers in the contents of {name} still moved after "
            f"{pages.PASSES} measurements: they may be off by a page", severity="warning"))
    return measured
