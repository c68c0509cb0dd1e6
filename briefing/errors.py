"""One family of user-facing errors, each carrying the file and line it concerns.

Exit status follows the design notes: 1 when the data is invalid (what `briefing check`
finds), 2 when input cannot be read at all or the arguments are wrong.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass
from pathlib import Path

DATA_INVALID = 1
UNUSABLE_INPUT = 2
# The longest message and detail a problem prints: input can make them any size.
MESSAGE_LIMIT = 2000


@dataclass(frozen=True)
class Problem:
    """One error or warning about the input, located where possible."""

    message: str
    file: str | None = None
    line: int | None = None
    hint: str | None = None
    detail: str | None = None
    severity: str = "error"

    def format(self) -> str:
        """Return the problem as `file:line: severity: message`, then detail and hint."""
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        text = f"{where}{self.severity}: {shown_text(self.message, MESSAGE_LIMIT)}"
        if self.detail:
            detail = shown_text(self.detail, MESSAGE_LIMIT)
            text += "\n" + "\n".join("  " + ln for ln in detail.splitlines())
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class BriefingError(Exception):
    """An error the user can cause and fix; reported without a traceback."""

    exit_code = UNUSABLE_INPUT

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class UnusableInput(BriefingError):
    """Input that cannot be read at all (syntax, encoding, missing file) or bad arguments."""

    exit_code = UNUSABLE_INPUT


class DataInvalid(BriefingError):
    """Input that was read but breaks a rule of the fact base or an outline."""

    exit_code = DATA_INVALID


def display_path(path: Path | str, root: Path | None = None) -> str:
    """Return `path` relative to `root` when inside it, for short messages.

    As the project spells it: a symlink is not followed, so a message never shows the
    outside path a link in the project leads to.
    """
    path = Path(path)
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
        try:
            return path.absolute().relative_to(root.absolute()).as_posix()
        except ValueError:
            pass
    return str(path)


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 80
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 6
_SHORT.maxlevel = 3
_SHORT.maxlong = 40


def shown_value(value: object) -> str:
    """Return `value` as a message shows it: its repr, cut short whatever its size."""
    return _SHORT.repr(value)


def shown_text(text: str, limit: int = 300) -> str:
    """Return `text` cut to `limit` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"
