"""Writers: each is one function `write(brief) -> bytes`, registered here by format name.

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
