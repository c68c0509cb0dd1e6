"""`briefing propose --append FILE`: proposals added to a fact file, only if check passes.

The file must be a `.yaml` in `seeds/facts/` (created when absent). After writing, the
fact base is read again; any problem the new entries bring (none is expected: each quote
was located when proposed) puts the file back as it was and is reported.
"""

from __future__ import annotations

from pathlib import Path

from briefing.curate.files import appended, write_checked
from briefing.curate.propose import Proposals
from briefing.curate.yamlout import proposals_yaml
from briefing.errors import Problem, UnusableInput, display_path

HEADER = ("# Facts proposed by `briefing propose`: confirm each value marked 'guess', "
          "rewrite each\n# 'draft' text in house style (see seeds/README.md), then run "
          "`briefing check`.\n")


def append_proposals(project, path: Path, found: Proposals) -> str:
    """Append `found` to the fact file `path`; return the file as messages name it."""
    target = _target(project, path)
    shown = display_path(target, project.root)
    if not found.facts:
        return shown
    from briefing.factbase.load import load_factbase

    items = proposals_yaml(found, with_header=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = appended(target, project.root, "facts", items, len(found.facts), HEADER)
    before_base = load_factbase(project)
    before = {p.format() for p in before_base.errors + before_base.warnings if p.file == shown}

    def new_problems() -> list[Problem]:
        after = load_factbase(project)
        return [p for p in after.errors + after.warnings
                if p.file == shown and p.format() not in before]

    write_checked(target, project.root, data, new_problems)
    return shown


def _target(project, path: Path) -> Path:
    """Return the fact file `path` names (relative to the working folder, else to the
    project), which must be a .yaml file directly in seeds/facts/."""
    facts = project.facts.resolve()
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, project.root / path]
    for candidate in candidates:
        if candidate.resolve().parent == facts and candidate.suffix == ".yaml":
            if candidate.exists() and not candidate.is_file():
                raise UnusableInput(Problem("expected a fact file, found a folder", str(path)))
            return candidate.resolve()
    raise UnusableInput(Problem(f"--append {path}: proposals go into a .yaml file in "
                                "seeds/facts/", hint="e.g. --append seeds/facts/s005.yaml"))
