"""How much of each source the facts cite: fact and citation counts, and the share of its
sentences (declared debris left out) that some citation touches."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.factbase.facts import Fact
from briefing.factbase.sentences import sentence_spans, without_debris
from briefing.factbase.sources import Source


@dataclass(frozen=True)
class SourceCoverage:
    """What the fact base cites of one source."""

    source: Source
    facts: int
    citations: int
    sentences: int
    cited_sentences: int

    @property
    def share(self) -> float:
        """Return the share of sentences some citation touches (0 to 1)."""
        return self.cited_sentences / self.sentences if self.sentences else 0.0


def coverage(sources: dict[str, Source], facts: list[Fact]) -> list[SourceCoverage]:
    """Return the coverage of every source, in declaration order."""
    result = []
    for source in sources.values():
        cits = [c for f in facts for c in f.citations if c.source == source.id and c.location]
        spans = without_debris(sentence_spans(source.seed.text, *source.span),
                               source.debris_spans)
        cited = sum(1 for s, e in spans
                    if any(c.location.start < e and c.location.end > s for c in cits))
        n_facts = sum(1 for f in facts if source.id in f.sources)
        result.append(SourceCoverage(source, n_facts, len(cits), len(spans), cited))
    return result
