"""The change report (`out/CHANGES.md`): per brief, what changed since the last build."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.publish.manifest import Entry

CHANGES = "CHANGES.md"


@dataclass
class BriefChanges:
    """What changed in one brief (all of its formats share the same facts)."""

    outline: str
    status: str  # "new", "changed", "removed"
    files: list[str] = field(default_factory=list)
    facts_added: list[str] = field(default_factory=list)
    facts_removed: list[str] = field(default_factory=list)
    facts_changed: list[str] = field(default_factory=list)
    sources_added: list[str] = field(default_factory=list)
    sources_changed: list[str] = field(default_factory=list)
    inputs_changed: list[str] = field(default_factory=list)


def compare(outline: str, old: Entry | None, new: Entry | None) -> BriefChanges:
    """Return how the brief `outline` changed from `old` to `new` (either may be None)."""
    if new is None:
        return BriefChanges(outline, "removed")
    changes = BriefChanges(outline, "new" if old is None else "changed")
    before_facts = old.facts if old else {}
    before_sources = old.sources if old else {}
    changes.facts_added = sorted(set(new.facts) - set(before_facts))
    changes.facts_removed = sorted(set(before_facts) - set(new.facts))
    changes.facts_changed = sorted(f for f in new.facts
                                   if f in before_facts and before_facts[f] != new.facts[f])
    changes.sources_added = sorted(set(new.sources) - set(before_sources))
    changes.sources_changed = sorted(s for s in new.sources if s in before_sources
                                     and before_sources[s] != new.sources[s])
    if old:
        changes.inputs_changed = sorted(k for k in new.inputs
                                        if k not in ("brief",) and old.inputs.get(k) != new.inputs[k])
    return changes


def report(changes: list[BriefChanges]) -> str:
    """Return the change report as Markdown."""
    lines = ["# Changes in the briefs", ""]
    if not changes:
        lines.append("No brief changed.")
    for ch in changes:
        lines.append(f"## {ch.outline} ({ch.status})")
        lines.append("")
        if ch.files:
            lines.append("Files: " + ", ".join(f"`{f}`" for f in ch.files))
            lines.append("")
        rows = [("Facts added", ch.facts_added), ("Facts removed", ch.facts_removed),
                ("Facts changed", ch.facts_changed), ("Sources added", ch.sources_added),
                ("Sources changed", ch.sources_changed),
                ("Other inputs changed", ch.inputs_changed)]
        listed = False
        for label, ids in rows:
            if ids and not (ch.status == "new" and label.startswith(("Facts added", "Sources added"))):
                lines.append(f"- {label}: " + ", ".join(f"`{i}`" for i in ids))
                listed = True
        if ch.status == "new":
            lines.append(f"- New brief citing {len(ch.facts_added)} facts from "
                         f"{len(ch.sources_added)} sources")
        elif ch.status == "changed" and not listed:
            lines.append("- Presentation changed (build date, package version or layout); "
                         "no fact or source changed")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def summary(changes: list[BriefChanges]) -> str:
    """Return a one-line summary for the terminal."""
    if not changes:
        return "no brief changed"
    parts = []
    for ch in changes:
        detail = []
        for label, ids in (("+", ch.facts_added), ("-", ch.facts_removed), ("~", ch.facts_changed)):
            if ids:
                detail.append(f"{label}{len(ids)} facts")
        parts.append(f"{ch.outline} {ch.status}" + (f" ({', '.join(detail)})" if detail else ""))
    return "; ".join(parts)
