"""How `rl_internals` tries an internal of ReportLab before relying on it (a check run at
import on scratch canvases and frames, and the choice between a fast route and the
public one), and public routes its fallbacks share. Nothing here touches a private name.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager

from reportlab import Version
from reportlab.pdfgen.canvas import Canvas


def holds(check) -> bool:
    """Return whether `check()` holds; an internal that is gone counts as not holding."""
    try:
        return bool(check())
    except (AttributeError, TypeError, KeyError, ValueError, IndexError):
        return False


def require(check, what: str) -> None:
    """Refuse to import when an internal without a public substitute has changed."""
    if not holds(check):
        raise ImportError(f"ReportLab {Version}: {what}; the PDF writer's rl_internals, "
                          "written for ReportLab 5.1, needs updating")


def fast_or_public(fast, public, check):
    """Return `fast` when `check()` holds, else `public` under `fast`'s docstring."""
    if holds(check):
        return fast
    public.__doc__ = fast.__doc__
    return public


def scratch_canvas(*moves) -> Canvas:
    """Return a new canvas, its matrix moved by `moves` (method name, arguments)."""
    canv = Canvas(io.BytesIO())
    for name, *args in moves:
        getattr(canv, name)(*args)
    return canv


@contextmanager
def source_date_epoch(seconds: int):
    """Set SOURCE_DATE_EPOCH to `seconds` for a while (ReportLab's public route to a
    document date), then put back what was there."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(seconds)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
