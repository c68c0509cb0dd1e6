"""`briefing review ASSESSMENT`: the analyst's review of judgements whose facts changed.

Each item of an assessment pins the facts it rests on as last reviewed: per fact its
digest and its text (so the old text can be shown beside the new one). Review lists the
items whose facts changed, vanished or were never pinned; accepting writes the facts'
current digests and texts as the new pins. The file is edited as text, only the
`reviewed:` block of each item reviewed (its comments and layout stay as written), and
written through the curation write helpers: a plain file inside the project, never
through a symlink, undone unless the assessment then reads back with those items
current.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.assemble.assessment import (
    Change,
    Item,
    assessments_folder,
    is_assessment_name,
    load_assessment,
)
from briefing.curate.files import existing, write_checked
from briefing.errors import DataInvalid, Problem, UnusableInput


@dataclass
class Review:
    """What a review found: the assessment file and its items that need review."""

    name: str
    path: Path
    shown: str
    changed: list[tuple[Item, list[Change]]] = field(default_factory=list)


def review_changes(base, name: str) -> Review:
    """Return the items of assessment `name` whose facts differ from their pins."""
    project = base.project
    if not is_assessment_name(name):
        raise UnusableInput(Problem(f"'{name}' is not an assessment name",
                                    hint="use a file name from templates/assessments/ "
                                         "without '.yaml'"))
    path = assessments_folder(project) / f"{name}.yaml"
    if not path.exists() and not path.is_symlink():
        from briefing.assemble.assessment import assessment_names
        raise UnusableInput(Problem(f"unknown assessment '{name}'", hint="assessments: " + (
            ", ".join(assessment_names(project)) or "none (add templates/assessments/"
            "NAME.yaml)")))
    assessment = load_assessment(project, name, base)
    found = Review(name, path, assessment.shown)
    for items in assessment.items.values():
        for item in items:
            if item.id in assessment.stale:
                found.changed.append((item, assessment.stale[item.id]))
    return found


def record_pins(base, review: Review) -> None:
    """Write the current digest and text of every fact the reviewed items rest on as
    their pins; raise (and leave the file as it was) when that cannot be done."""
    project = base.project
    raw = existing(review.path, project.root, "yaml")
    if raw is None:
        raise UnusableInput(Problem("the assessment file is gone", review.shown))
    text = raw.decode("utf-8").lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    nodes = _item_nodes(text, review.shown)
    edits = []
    for item, _ in review.changed:
        node = nodes.get(item.id)
        if node is None or node.flow_style:
            raise UnusableInput(Problem(
                f"{item.what} is not written in block style (one key a line), so its "
                "pins cannot be recorded as text", review.shown, item.line,
                hint="write the item as '- id: ...' with each key on a line of its own"))
        edits.append(_edit(node, item, base, lines))
    for start, stop, new in sorted(edits, reverse=True):
        lines[start:stop] = new
    data = "".join(lines).encode("utf-8")
    ids = {item.id for item, _ in review.changed}

    def check() -> list[Problem]:
        try:
            after = load_assessment(project, review.name, base)
        except DataInvalid as exc:
            return exc.problems
        left = ids & set(after.stale)
        return [Problem(f"item '{i}' is still not current after recording its pins",
                        review.shown) for i in sorted(left)]

    write_checked(review.path, project.root, data, check)


def _item_nodes(text: str, shown: str) -> dict[str, yaml.MappingNode]:
    """Return the YAML node of each item, by id (the file was checked: it is plain)."""
    try:
        top = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:  # checked already; said plainly if it happens
        raise UnusableInput(Problem(f"cannot read the assessment as YAML: {exc}",
                                    shown)) from None
    found: dict[str, yaml.MappingNode] = {}
    if not isinstance(top, yaml.MappingNode):
        return found
    for _key, seq in top.value:
        if not isinstance(seq, yaml.SequenceNode):
            continue
        for node in seq.value:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == "id" and isinstance(v, yaml.ScalarNode):
                        found[v.value] = node
    return found


def _last_line(node: yaml.Node) -> int:
    """Return the 0-based index of the last line `node` occupies: that of its last
    scalar (a block collection's own end mark is where the next token starts)."""
    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        end = node.end_mark
        return end.line if end.column > 0 else end.line - 1
    children = [c for pair in node.value for c in pair] if isinstance(
        node, yaml.MappingNode) else list(node.value)
    return max((_last_line(c) for c in children), default=node.start_mark.line)


def _edit(node: yaml.MappingNode, item: Item, base, lines: list[str]
          ) -> tuple[int, int, list[str]]:
    """Return (first line, line after the last, new lines) replacing or adding the
    item's `reviewed:` block."""
    indent = " " * node.start_mark.column
    new = [f"{indent}reviewed:\n"]
    for fid in item.facts:
        fact = base.by_id[fid]
        # A JSON string is a valid YAML double-quoted scalar.
        text = json.dumps(" ".join(fact.text.split()), ensure_ascii=False)
        new += [f"{indent}  - fact: {fid}\n", f"{indent}    digest: {fact.digest}\n",
                f"{indent}    text: {text}\n"]
    for key, value in node.value:
        if key.value == "reviewed":
            return key.start_mark.line, _last_line(value) + 1, new
    end = _last_line(node) + 1
    return end, end, new
