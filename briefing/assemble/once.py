"""Each fact once per brief: where a fact stands, and what a later mention of it becomes.

The first section that shows a fact (in a list item, a table cell, a paragraph) is where
it stands: its text is marked by an `Anchor`. A later section that selects it again
shows a cross-reference instead, "See <the heading it stands under>, above", linked to
the anchor (`repeats: refer`), or leaves it out (`repeats: omit`, before the template
runs). Key points (`repeats: restate`) may restate a fact; they are never where it
stands. `resolve_references` then words the references, folds a run of them that point
under one heading into one, and drops the anchors nothing links to.
"""

from __future__ import annotations

from briefing import model as m

ANCHOR_PREFIX = "fact-"


class Placement:
    """Which facts the brief shows, and the anchor of each."""

    def __init__(self) -> None:
        self.anchors: dict[str, str] = {}  # fact id -> anchor name, in reading order

    def shown(self) -> set[str]:
        """Return the ids of the facts shown so far."""
        return set(self.anchors)

    def mention(self, fact_id: str, repeats: str, show) -> tuple[m.Inline, ...]:
        """Return what a section shows for fact `fact_id`: `show()` (its text and notes)
        where the brief first shows it, marked by its anchor; a reference to that place
        when it was shown above; `show()` unmarked in a section that restates."""
        if repeats == "restate":
            return show()
        anchor = self.anchors.get(fact_id)
        if anchor is not None:
            return (m.XRef((), anchor), m.Text("."))
        anchor = self.anchors[fact_id] = ANCHOR_PREFIX + fact_id
        return (m.Anchor(anchor), *show())


def resolve_references(blocks: list[m.Block]) -> list[m.Block]:
    """Return `blocks` with each cross-reference worded after the heading its anchor
    stands under, runs of list items that refer under one heading made one, and every
    anchor that no reference links to left out."""
    label_of: dict[str, str] = {}
    targets: set[str] = set()
    heading = ""
    for block in blocks:
        if isinstance(block, m.Heading):
            heading = m.plain_text(block.children)
        for run in m.inline_runs(block):
            _scan(run, heading, label_of, targets)
    if not label_of:
        return blocks

    def inlines(nodes: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
        out = []
        for node in nodes:
            if node.__class__ is m.Anchor:
                if node.name in targets:
                    out.append(node)
            elif node.__class__ is m.XRef and not node.children:
                where = label_of.get(node.anchor, "")
                text = f"See {where}, above" if where else "See above"
                out.append(m.XRef((m.Text(text),), node.anchor))
            else:
                out.append(node)
        return tuple(out)

    return [_fold_references(b) for b in m.map_inlines(tuple(blocks), inlines)]


def _scan(nodes, heading: str, label_of: dict[str, str], targets: set[str]) -> None:
    for node in nodes:
        kind = node.__class__
        if kind is m.Anchor:
            label_of[node.name] = heading
        elif kind is m.XRef:
            targets.add(node.anchor)
        elif kind in (m.Strong, m.Emph, m.Link):
            _scan(node.children, heading, label_of, targets)


def _fold_references(block: m.Block) -> m.Block:
    """Return a list without an item that only repeats the reference before it."""
    if not isinstance(block, m.BulletList) or len(block.items) < 2:
        return block
    items: list[m.ListItem] = []
    for item in block.items:
        if items and _reference_only(item) and _reference_only(items[-1]) and \
                m.plain_text(item.children) == m.plain_text(items[-1].children):
            continue
        items.append(item)
    return block if len(items) == len(block.items) else m.BulletList(tuple(items), block.style)


def _reference_only(item: m.ListItem) -> bool:
    """Whether the item is only a reference (and the full stop after it)."""
    kids = item.children
    return bool(kids) and kids[0].__class__ is m.XRef and all(
        k.__class__ is m.Text and not k.text.strip(" .") for k in kids[1:])
