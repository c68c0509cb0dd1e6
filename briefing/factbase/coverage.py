"""How much of each source the facts cite: fact and citation counts, sentence share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.factbase.facts import Fact
from briefing.factbase.sources import Source

# A sentence ends at . ! or ? (optionally followed by a closing quote) before white
# space, or at a line break; blank lines are not sentences.
_SENTENCE_END = re.compile(r"(?<=[.!?])['\"’”]?\s+|\n+")


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


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the [start, end) offsets of each sentence of text[start:end]."""
    spans = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if text[pos:match.start()].strip():
            spans.append((pos, match.start()))
        pos = match.end()
    if text[pos:end].strip():
        spans.append((pos, end))
    return spans


def coverage(sources: dict[str, Source], facts: list[Fact]) -> list[SourceCoverage]:
    """Return the coverage of every source, in declaration order."""
    result = []
    for source in sources.values():
        cits = [c for f in facts for c in f.citations if c.source == source.id and c.location]
        spans = sentence_spans(source.seed.text, *source.span)
        cited = sum(1 for s, e in spans
                    if any(c.location.start < e and c.location.end > s for c in cits))
        n_facts = sum(1 for f in facts if source.id in f.sources)
        result.append(SourceCoverage(source, n_facts, len(cits), len(spans), cited))
    return result
