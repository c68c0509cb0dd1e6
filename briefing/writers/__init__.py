"""Writers: each is one function `write(brief) -> bytes`, registered here by format name.

A writer whose output refers to files beside it (Markdown's figure PNGs, the HTML
source viewer pages) also has
`companions(brief) -> {name: bytes}` and `companion_names(brief)`; the build writes,
records and removes those files with the brief's own.

Writers are imported only when used, so `briefing --help` and `briefing check` never load
python-docx or reportlab. Shared by several formats: `figure/` (one layout for every
drawing of a figure), `fonts` (the shipped fonts) and `scripts` (the region's scripts).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Callable

from briefing.model import Brief

FORMATS = {"docx": "briefing.writers.docx.document", "pdf": "briefing.writers.pdf.document",
           "md": "briefing.writers.markdown", "html": "briefing.writers.html.document"}
# The formats that write files beside the brief; asking the others imports nothing (an
# up-to-date build never loads python-docx or reportlab).
WITH_COMPANIONS = {"md", "html"}


class CannotLayOut(Exception):
    """A brief a format cannot lay out, such as a heading longer than a page: the input's
    limit, not a bug, so the build reports it against the outline."""


def writer(fmt: str) -> Callable[[Brief], bytes]:
    """Return the `write` function of format `fmt` (one of FORMATS)."""
    return import_module(FORMATS[fmt]).write


def companion_names(fmt: str, brief: Brief) -> list[str]:
    """Return the names of the files format `fmt` writes beside the brief (the Markdown
    writer's figure PNGs), without rendering them."""
    if fmt not in WITH_COMPANIONS:
        return []
    return import_module(FORMATS[fmt]).companion_names(brief)


def companions(fmt: str, brief: Brief) -> dict[str, bytes]:
    """Return the files format `fmt` writes beside the brief, by name."""
    if fmt not in WITH_COMPANIONS:
        return {}
    return import_module(FORMATS[fmt]).companions(brief)


def code_files(fmt: str) -> list[Path]:
    """Return the files whose contents decide what format `fmt` writes for a brief: its
    own module or package, the modules every format shares, and the shipped fonts."""
    here = Path(__file__).resolve().parent
    own = here / FORMATS[fmt].split(".")[2]  # a package (docx, pdf, html) or markdown.py
    files = sorted(own.glob("*.py")) if own.is_dir() else [own.with_suffix(".py")]
    files += [here / "fonts.py", here / "scripts.py", *sorted((here / "figure").glob("*.py"))]
    return files + sorted((here.parent / "fonts").glob("*.ttf"))
