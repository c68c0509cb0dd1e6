"""The sentences of a source that no fact cites, with their lines; declared debris skipped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefing.assemble.select import source_matches
from briefing.errors import Problem, UnusableInput
from briefing.factbase.sentences import overlap_test, sentence_spans, without_debris
from briefing.factbase.sources import Source

# A sentence ends with its punctuation (and closing quotes); a line without it is a
# heading, a byline, a caption or a date line more often than a claim.
_FINAL = re.compile(r"[.!?]['\"’”)\]»]*$")
# What web pages leave in copied text (the design notes' examples, and their kin): shown
# as likely debris, never proposed as a fact, until declared under `debris:`.
_DEBRIS = re.compile(r"Click Here For The Original Source|\[email(?:&#160;|\s)protected\]|"
                     r"leftcenterrightdel|^(?:Related|Advertisement|Share this|Read more)$|"
                     r"^- \w[\w ]{0,30}$|^\d+ (?:minutes?|hours?|days?|weeks?) ago$", re.I)


@dataclass(frozen=True)
class Passage:
    """One sentence of a source, located in its seed."""

    source: Source
    start: int  # offsets in the seed text
    end: int
    line: int
    end_line: int
    text: str  # the seed's own characters, white space as the seed has it

    @property
    def fragment(self) -> bool:
        """Whether it lacks a sentence's final punctuation (a heading, a byline...)."""
        return not _FINAL.search(self.text)

    @property
    def debris(self) -> bool:
        """Whether it looks like web-page furniture not yet declared as debris."""
        return bool(_DEBRIS.search(" ".join(self.text.split())))


def sources_named(base, wanted: str) -> list[Source]:
    """Return the source `wanted`, or all segments of the seed entry it names ("s002");
    raise UnusableInput, with a suggestion, when there is none."""
    found = [s for s in base.sources.values() if source_matches(s.id, (wanted,))]
    if found:
        return found
    import difflib

    seeds = base.project.seeds
    name = Path(wanted).name
    for candidate in (name, f"{name}.txt"):
        if (seeds / candidate).is_file() and not any(
                s.file == candidate for s in base.sources.values()):
            raise UnusableInput(Problem(
                f"seeds/{candidate} is not registered in sources.yaml, so it has no source id",
                hint=f"register it first: briefing add-source seeds/{candidate}"))
    close = difflib.get_close_matches(wanted, list(base.sources), n=1)
    raise UnusableInput(Problem(f"unknown source '{wanted}'",
                                hint=(f"did you mean '{close[0]}'? " if close else "") +
                                "`briefing sources` lists the source ids"))


def uncited(base, source: Source) -> tuple[list[Passage], int]:
    """Return the sentences of `source` that no located citation touches, and how many
    sentences were skipped as declared debris."""
    seed = source.seed
    spans = sentence_spans(seed.text, *source.span)
    kept = without_debris(spans, source.debris_spans)
    cited = sorted((c.location.start, c.location.end) for f in base.facts for c in f.citations
                   if c.location and base.sources.get(c.source) is not None
                   and base.sources[c.source].seed is seed)
    is_cited = overlap_test(cited)
    passages = []
    for start, end in kept:
        if is_cited(start, end):
            continue
        line = seed.position(start)[0]
        passages.append(Passage(source, start, end, line, seed.position(end - 1)[0],
                                seed.text[start:end]))
    return passages, len(spans) - len(kept)


def passage_json(passage: Passage) -> dict:
    """Return what `briefing uncited --json` shows of one sentence."""
    return {"source": passage.source.id, "file": passage.source.file, "line": passage.line,
            "end_line": passage.end_line, "start": passage.start, "end": passage.end,
            "text": passage.text, "fragment": passage.fragment, "debris": passage.debris}
