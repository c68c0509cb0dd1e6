"""One family of user-facing errors, each carrying the file and line it concerns.

Exit status follows the design notes: 1 when the data is invalid (what `briefing check`
finds), 2 when input cannot be read at all or the arguments are wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_INVALID = 1
UNUSABLE_INPUT = 2


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
        text = f"{where}{self.severity}: {self.message}"
        if self.detail:
            text += "\n" + "\n".join("  " + ln for ln in self.detail.splitlines())
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
    """Return `path` relative to `root` when inside it, for short messages."""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
