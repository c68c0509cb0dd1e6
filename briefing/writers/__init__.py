"""Writers: each is one function `write(brief) -> bytes`, registered here by format name.

A writer whose output refers to files beside it (Markdown's figure PNGs) also has
`companions(brief) -> {name: bytes}` and `companion_names(brief)`; the build writes,
records and removes those files with the brief's own.

Writers are imported only when used, so `briefing --help` and `briefing check` never load
python-docx or reportlab.
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable

from briefing.model import Brief

FORMATS = {"docx": "briefing.writers.docx", "pdf": "briefing.writers.pdf",
           "md": "briefing.writers.markdown"}
# The formats that write files beside the brief; asking the others imports nothing (an
# up-to-date build never loads python-docx or reportlab).
WITH_COMPANIONS = {"md"}


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
