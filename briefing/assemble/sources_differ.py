"""The "Sources differ" boxes: one per conflict, after the block where it first appears
(in a section that restates, the key points, only when no other section cites it).

A box names the attribute and its subject, then each value the sources give with the
outlets that give it and the notes of the facts that state it. It shows values, not the
facts' sentences: those stand where the brief shows them, once.
"""

from __future__ import annotations

from typing import Callable

from briefing import model as m
from briefing.assemble.typography import smarten
from briefing.factbase.conflicts import Conflict
from briefing.factbase.facts import Fact
from briefing.factbase.load import FactBase

Cite = Callable[[Fact], tuple[m.NoteRef, ...]]


class ConflictBoxes:
    """Places each conflict's box once, after the first block that cites one of its
    facts. `facts_of` gives the facts behind a note number handed out."""

    def __init__(self, base: FactBase, cite: Cite, facts_of: Callable[[int], list[str]]):
        self.base = base
        self.cite = cite
        self.facts_of = facts_of
        self.boxed: set[int] = set()  # id() of each conflict boxed

    def place(self, blocks: list[m.Block]) -> list[m.Block]:
        """Return `blocks` with a box after the first of them to cite a conflict not yet
        boxed in the brief."""
        conflicts_of = self.base.conflicts_of
        total = sum(c.attribute != "name" for c in self.base.conflicts)
        out: list[m.Block] = []
        for i, block in enumerate(blocks):
            if len(self.boxed) == total:  # every box placed: the rest need not be read
                return out + blocks[i:]
            out.append(block)
            for number in dict.fromkeys(m.block_note_numbers(block)):
                for fact_id in self.facts_of(number):
                    for conflict in conflicts_of.get(fact_id, ()):
                        if conflict.attribute == "name":
                            continue  # boxed by `place_names`, once the brief is known
                        if id(conflict) not in self.boxed:
                            self.boxed.add(id(conflict))
                            out.append(conflict_box(conflict, self.base, self.cite))
        return out


    def place_names(self, parts: list[list[m.Block]], restating: set[int] = frozenset()
                    ) -> None:
        """Box each name conflict whose names the brief shows two or more of (its facts
        cited under different names) after the first block that cites one of them
        (outside the parts that restate, `restating`, where another cites one); a brief
        that shows one name only has nothing to tell apart."""
        cited: list[tuple[int, int, set[str]]] = []  # (part, block, facts it cites)
        for p, blocks in enumerate(parts):
            for b, block in enumerate(blocks):
                facts = {f for n in dict.fromkeys(m.block_note_numbers(block))
                         for f in self.facts_of(n)}
                if facts:
                    cited.append((p, b, facts))
        shown = set().union(*(facts for _p, _b, facts in cited)) if cited else set()
        after: dict[tuple[int, int], list[m.Block]] = {}
        for conflict in self.base.conflicts:
            if conflict.attribute != "name" or id(conflict) in self.boxed:
                continue
            if sum(bool(shown & set(c.facts)) for c in conflict.claims) < 2:
                continue
            places = [(p, b) for p, b, facts in cited if facts & set(conflict.fact_ids)]
            where = next((pb for pb in places if pb[0] not in restating), places[0])
            self.boxed.add(id(conflict))
            after.setdefault(where, []).append(conflict_box(conflict, self.base, self.cite))
        for (p, b), boxes in sorted(after.items(), reverse=True):
            parts[p][b + 1:b + 1] = boxes


def conflict_box(conflict: Conflict, base: FactBase, cite: Cite) -> m.Callout:
    """Return the box of `conflict`: one item per value, with its outlets and notes."""
    subject = base.vocab.find(conflict.subject)
    attribute = base.vocab["attributes"].get(conflict.attribute)
    what = attribute.name if attribute else conflict.attribute.replace("_", " ")
    items = []
    for claim in conflict.claims:
        outlets = claim.label or ", ".join(dict.fromkeys(
            _who(base.sources[s]) for s in claim.sources))
        notes = tuple(ref for fact_id in claim.facts for ref in cite(base.by_id[fact_id]))
        items.append(m.ListItem((m.Strong((m.Text(smarten(f"{outlets}:")),)),
                                 m.Text(" " + smarten(claim.value)), *notes)))
    title = f"Sources differ on the {what} of the {subject.label if subject else conflict.subject}"
    return m.Callout((m.Text(smarten(title)),), (m.BulletList(tuple(items)),),
                     kind="sources-differ")


def _who(source) -> str:
    """Return how a box names a source: its outlet (with who provided the content), or,
    where the text names none, the curator's bracketed description."""
    if source.outlet or not source.label:
        return source.outlet_shown
    return f"[{source.label}]"
