"""Conflicts: facts about the same entity and attribute that give different values."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.factbase.facts import Fact


@dataclass(frozen=True)
class Claim:
    """One value of an attribute and the facts (and their sources) that give it."""

    value: str
    facts: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Two or more values for the same (subject, attribute)."""

    subject: str
    attribute: str
    claims: tuple[Claim, ...]

    @property
    def fact_ids(self) -> tuple[str, ...]:
        """Return every fact involved, in claim order."""
        return tuple(fid for claim in self.claims for fid in claim.facts)

    def describe(self) -> str:
        """Return a one-line summary: subject, attribute and each value with its sources."""
        values = "; ".join(f"{c.value!r} ({', '.join(c.sources)})" for c in self.claims)
        return f"{self.subject}: {self.attribute} differs: {values}"


def subject_of(fact: Fact) -> str | None:
    """Return the entity a fact's attributes are about: `subject`, else its meeting."""
    return fact.subject or fact.meeting


def find_conflicts(facts: list[Fact]) -> list[Conflict]:
    """Return the conflicts among `facts`, in the order their first facts appear.

    Values compare case-insensitively after trimming; a conflict needs at least two
    values backed by different sources (one source disagreeing with itself is still
    reported, as the reader must see both).
    """
    groups: dict[tuple[str, str], dict[str, list[Fact]]] = {}
    for fact in facts:
        subject = subject_of(fact)
        if subject is None:
            continue
        for attribute, value in fact.attributes.items():
            by_value = groups.setdefault((subject, attribute), {})
            by_value.setdefault(" ".join(value.split()).casefold(), []).append(fact)
    conflicts = []
    for (subject, attribute), by_value in groups.items():
        if len(by_value) < 2:
            continue
        claims = tuple(
            Claim(value=group[0].attributes[attribute],
                  facts=tuple(f.id for f in group),
                  sources=tuple(dict.fromkeys(s for f in group for s in f.sources)))
            for group in by_value.values())
        conflicts.append(Conflict(subject, attribute, claims))
    return conflicts
