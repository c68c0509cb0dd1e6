"""Where a project's inputs live, found from a folder or the working directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import Problem, UnusableInput


@dataclass(frozen=True)
class Project:
    """The folders of one briefing project."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def vocab(self) -> Path:
        return self.seeds / "vocab"

    @property
    def facts(self) -> Path:
        return self.seeds / "facts"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def outlines(self) -> Path:
        return self.templates / "outlines"

    def default_out(self) -> Path:
        """Return `out/`, where a build writes when no --out is given; raise UnusableInput
        when it is a symlink (it could lead anywhere: the project is untrusted)."""
        out = self.root / "out"
        if out.is_symlink():
            raise UnusableInput(Problem("out/ is a symlink: a build writes only into the "
                                        "project's own out/ folder", "out",
                                        hint="remove the symlink, or pass --out DIR"))
        return out


def find_project(root: str | Path | None = None) -> Project:
    """Return the project at `root`, else at $BRIEFING_ROOT, else the nearest folder up
    from the working directory that holds `seeds/sources.yaml`."""
    if root is not None and not str(root).strip():
        raise UnusableInput(Problem("--root names no folder", hint="pass the project folder"))
    given = root or os.environ.get("BRIEFING_ROOT")
    if given:
        path = Path(given).resolve()
        if not (path / "seeds" / "sources.yaml").is_file():
            raise UnusableInput(Problem(f"{given} is not a briefing project: it has no "
                                        "seeds/sources.yaml", hint="pass the project folder"))
        return Project(path)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "seeds" / "sources.yaml").is_file():
            return Project(folder)
    raise UnusableInput(Problem("no briefing project here: no seeds/sources.yaml in this "
                                "folder or any above it",
                                hint="run from the project folder or pass --root DIR"))
