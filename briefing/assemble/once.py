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

from dataclasses import replace

from briefing import model as m

ANCHOR_PREFIX = "fact-"


class Placement:
    """Which facts the brief shows, the anchor of each, and the anchors referred to."""

    def __init__(self) -> None:
        self.anchors: dict[str, str] = {}  # fact id -> anchor name, in reading order
        self.referred: set[str] = set()  # anchors a reference links to

    def shown(self) -> set[str]:
        """Return the ids of the facts shown so far."""
        return set(self.anchors)

    def mention(self, fact_id: str, repeats: str) -> m.Anchor | m.XRef | None:
        """Return what goes where a section mentions fact `fact_id`: the `Anchor` to put
        before its text and notes where the brief first shows it; a reference (to word
        later, see `resolve_references`) to show instead where it was shown above; None
        in a section that restates (its text and notes, unmarked)."""
        if repeats == "restate":
            return None
        anchor = self.anchors.get(fact_id)
        if anchor is not None:
            self.referred.add(anchor)
            return m.XRef((), anchor)
        anchor = self.anchors[fact_id] = ANCHOR_PREFIX + fact_id
        return m.Anchor(anchor)


def resolve_references(blocks: list[m.Block], referred: set[str]) -> list[m.Block]:
    """Return `blocks` with each cross-reference worded after the heading its anchor
    stands under, runs of list items that refer under one heading made one, and every
    anchor but those in `referred` left out.

    One pass in reading order: an anchor comes before every reference to it."""
    label_of: dict[str, str] = {}
    heading = ""

    def inlines(nodes: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
        if _REWRITTEN.isdisjoint(map(type, nodes)):
            return nodes
        first = nodes[0]
        rest = nodes[1:]
        if (first.__class__ is m.Anchor and first.name not in referred
                and _REWRITTEN.isdisjoint(map(type, rest))):
            return rest  # the most usual: a fact shown once, its anchor not linked to
        out = []
        for node in nodes:
            cls = node.__class__
            if cls is m.Anchor:
                if node.name in referred:
                    label_of[node.name] = heading
                    out.append(node)
            elif cls is m.XRef and not node.children:
                where = label_of.get(node.anchor, "")
                text = f"See {where}, above" if where else "See above"
                out.append(m.XRef((m.Text(text),), node.anchor))
            elif cls in _NESTING:
                out.append(replace(node, children=inlines(node.children)))
            else:
                out.append(node)
        return tuple(out)

    out = []
    for block in blocks:
        if isinstance(block, m.Heading):
            heading = m.plain_text(block.children)
        out.append(_fold_references(_rewrite(block, inlines)))
    return out


# Inlines a reference pass may change (anchors, references, and what holds them).
_NESTING = (m.Strong, m.Emph, m.Link, m.XRef)
_REWRITTEN = frozenset((m.Anchor, *_NESTING))


def _rewrite(block: m.Block, inlines) -> m.Block:
    """Return `block` with its inline runs passed through `inlines`; a block whose runs
    all come back as they were is returned as it is (a long list is not rebuilt)."""
    if isinstance(block, m.BulletList):
        items, changed = [], False
        for item in block.items:
            kids = item.children
            new = inlines(kids)
            if new is not kids:
                item, changed = m.ListItem(new), True
            items.append(item)
        return m.BulletList(tuple(items), block.style) if changed else block
    if isinstance(block, m.Paragraph):
        new = inlines(block.children)
        return block if new is block.children else m.Paragraph(new)
    if isinstance(block, (m.Table, m.Callout)):
        return m.map_inlines((block,), inlines)[0]
    return block


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
