"""The change report (`out/CHANGES.md`): per brief, what changed since the last build.

Each output file is compared with its own previous manifest entry. A file "changed" only
when its bytes did (a forced rebuild that gives the same bytes changes nothing), and the
report names, for that file, the inputs whose recorded digests differ. A brief is new
when none of its files was recorded before, removed when its outline is gone, and
changed when one of its files was written with other bytes, or is gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.publish.manifest import Entry

CHANGES = "CHANGES.md"

# How the report names an input (the keys of Entry.inputs); a template is recorded as
# "template NAME", each file of its own.
_INPUT_NAMES = {"brief": "the assembled brief (its text, notes or metadata such as the "
                         "build date)",
                "outline": "the outline", "vocabularies": "the vocabularies",
                "package": "the package version", "writer": "the writer's code or fonts",
                "reference_docx": "the reference .docx",
                "libreoffice": "the LibreOffice that measured the contents' pages",
                "fonts": "the fonts LibreOffice lays the Word file out with"}


def input_name(key: str) -> str:
    """Return how the report names the input `key` of a manifest entry."""
    if key.startswith("template "):
        return f"the template `{key[len('template '):]}`"
    return _INPUT_NAMES.get(key, f"`{key}`")


@dataclass
class FileChange:
    """One file of a brief that was written with new bytes, or removed."""

    name: str
    status: str  # "new", "changed", "removed"
    inputs: list[str] = field(default_factory=list)  # the input keys that changed


@dataclass
class BriefChanges:
    """What changed in one brief: its files, and the facts and sources they cite."""

    outline: str
    status: str  # "new", "changed", "removed"
    files: list[FileChange] = field(default_factory=list)
    facts_added: list[str] = field(default_factory=list)
    facts_removed: list[str] = field(default_factory=list)
    facts_changed: list[str] = field(default_factory=list)
    sources_added: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    sources_changed: list[str] = field(default_factory=list)


def file_change(name: str, old: Entry | None, new: Entry | None) -> FileChange | None:
    """Return how the file `name` changed from entry `old` to `new` (either may be None),
    or None when its bytes are the same."""
    if new is None:
        return FileChange(name, "removed") if old is not None else None
    if old is None:
        return FileChange(name, "new")
    if old.sha256 == new.sha256:
        return None
    keys = sorted(set(old.inputs) | set(new.inputs))
    return FileChange(name, "changed",
                      [k for k in keys if old.inputs.get(k) != new.inputs.get(k)])


def brief_changes(outline: str, pairs: list[tuple[str, Entry | None, Entry | None]],
                  outline_exists: bool = True) -> BriefChanges | None:
    """Return what changed in the brief `outline`, given (file name, old entry, new
    entry) for each of its files that was rendered or removed; None when no file's bytes
    changed."""
    files = [c for c in (file_change(*p) for p in sorted(pairs, key=lambda p: p[0])) if c]
    if not files:
        return None
    if not outline_exists:
        status = "removed"
    elif all(f.status == "new" for f in files) and all(old is None for _, old, _ in pairs):
        status = "new"
    else:
        status = "changed"
    changes = BriefChanges(outline, status, files)
    changed = {f.name for f in files}
    before_facts: dict = {}
    after_facts: dict = {}
    before_sources: dict = {}
    after_sources: dict = {}
    for name, old, new in pairs:
        if name not in changed:
            continue
        if old is not None:
            before_facts.update(old.facts)
            before_sources.update(old.sources)
        if new is not None:
            after_facts.update(new.facts)
            after_sources.update(new.sources)
    if status == "removed":
        return changes
    changes.facts_added = sorted(set(after_facts) - set(before_facts))
    changes.facts_removed = sorted(set(before_facts) - set(after_facts))
    changes.facts_changed = sorted(f for f in after_facts
                                   if f in before_facts and before_facts[f] != after_facts[f])
    changes.sources_added = sorted(set(after_sources) - set(before_sources))
    changes.sources_removed = sorted(set(before_sources) - set(after_sources))
    changes.sources_changed = sorted(s for s in after_sources if s in before_sources
                                     and before_sources[s] != after_sources[s])
    return changes


def changes_of(outputs: dict[str, Entry], rendered, stale: list[str],
               existing: set[str]) -> list[BriefChanges]:
    """Return, per brief, what a build changed: each rendered (name, entry, bytes)
    compared with its own entry in the previous manifest's `outputs`, each stale file
    as removed (`existing`: the outlines there still are); briefs whose files' bytes are
    all the same are left out."""
    pairs: dict[str, list] = {}
    for name, entry, _ in rendered:
        pairs.setdefault(entry.outline, []).append((name, outputs.get(name), entry))
    for name in stale:
        pairs.setdefault(outputs[name].outline, []).append((name, outputs[name], None))
    found = (brief_changes(outline, p, outline in existing) for outline, p in pairs.items())
    return sorted((c for c in found if c), key=lambda c: c.outline)


def report(changes: list[BriefChanges]) -> str:
    """Return the change report as Markdown."""
    lines = ["# Changes in the briefs", ""]
    if not changes:
        lines.append("No brief changed.")
    for ch in changes:
        lines.append(f"## {ch.outline} ({ch.status})")
        lines.append("")
        if ch.status == "removed":
            lines.append("Files removed: " + ", ".join(f"`{f.name}`" for f in ch.files))
            lines.append("")
            continue
        if ch.status == "new":
            lines.append("Files: " + ", ".join(f"`{f.name}`" for f in ch.files))
            lines.append("")
            lines.append(f"- New brief citing {len(ch.facts_added)} facts from "
                         f"{len(ch.sources_added)} sources")
            lines.append("")
            continue
        for label, ids in (("Facts added", ch.facts_added), ("Facts removed", ch.facts_removed),
                           ("Facts changed", ch.facts_changed),
                           ("Sources added", ch.sources_added),
                           ("Sources removed", ch.sources_removed),
                           ("Sources changed", ch.sources_changed)):
            if ids:
                lines.append(f"- {label}: " + ", ".join(f"`{i}`" for i in ids))
        for f in ch.files:
            if f.status == "changed":
                why = ", ".join(input_name(k) for k in f.inputs) or "no recorded input"
                lines.append(f"- `{f.name}` changed: {why}")
            else:
                lines.append(f"- `{f.name}` {f.status}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def summary(changes: list[BriefChanges]) -> str:
    """Return a one-line summary for the terminal."""
    if not changes:
        return "no brief changed"
    parts = []
    for ch in changes:
        detail = []
        for label, ids in (("+", ch.facts_added), ("-", ch.facts_removed),
                           ("~", ch.facts_changed)):
            if ids:
                detail.append(f"{label}{len(ids)} facts")
        if ch.status == "changed" and not detail:
            detail.append(", ".join(sorted({input_name(k).removeprefix("the ")
                                            for f in ch.files for k in f.inputs
                                            if k != "brief"})) or "layout")
        parts.append(f"{ch.outline} {ch.status}" + (f" ({', '.join(detail)})" if detail else ""))
    return "; ".join(parts)
