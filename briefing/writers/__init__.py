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


def writer(fmt: str) -> Callable[[Brief], bytes]:
    """Return the `write` function of format `fmt` (one of FORMATS)."""
    return import_module(FORMATS[fmt]).write


def companion_names(fmt: str, brief: Brief) -> list[str]:
    """Return the names of the files format `fmt` writes beside the brief (the Markdown
    writer's figure PNGs), without rendering them."""
    names = getattr(import_module(FORMATS[fmt]), "companion_names", None)
    return names(brief) if names else []


def companions(fmt: str, brief: Brief) -> dict[str, bytes]:
    """Return the files format `fmt` writes beside the brief, by name."""
    render = getattr(import_module(FORMATS[fmt]), "companions", None)
    return render(brief) if render else {}
