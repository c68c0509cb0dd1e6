"""A section that shows items of an assessment: each a `Judgement` block of the model.

An item's text is template markup; its `[@fact-id]` citations become the notes of those
facts from the brief's one NoteBook, so a fact has the same note number in a judgement
as everywhere else. Facts listed only under `rests_on:` are marked at the end. An item
whose facts changed since review is marked under review (the model says so; every
writer shows it).
"""

from __future__ import annotations

import re

from briefing import model as m
from briefing.assemble.assessment import LABELS, PART_NAMES, Assessment, load_assessment
from briefing.assemble.markup import MarkupError, parse
from briefing.assemble.outline_checks import did_you_mean
from briefing.assemble.typography import smarten
from briefing.errors import DataInvalid, Problem

EMPTY_TEXT = "The assessment has no items of this kind."
# "rests on X [@a]." as the facts' notes stand: after the punctuation, with no space.
_CITE_BEFORE_STOP = re.compile(r"\s*(\[@[a-z0-9][^\]]*\])([.,;:!?])")
_SPACE_BEFORE_CITE = re.compile(r"\s+(\[@[a-z0-9])")


def placed_citations(text: str) -> str:
    """Return `text` with each citation moved after the punctuation that follows it and
    the space before it dropped, so its markers stand as a fact's do."""
    return _SPACE_BEFORE_CITE.sub(r"\1", _CITE_BEFORE_STOP.sub(r"\2\1", text))


class Assessments:
    """The assessments one brief uses, each loaded and checked once."""

    def __init__(self, base):
        self.base = base
        self._loaded: dict[str, Assessment] = {}

    def get(self, name: str) -> Assessment:
        found = self._loaded.get(name)
        if found is None:
            found = self._loaded[name] = load_assessment(self.base.project, name, self.base)
        return found


def judgement_blocks(section, assessments: Assessments, cite_fact, outline_shown: str
                     ) -> list[m.Block]:
    """Return the heading and the Judgement blocks of an assessment section; `cite_fact`
    gives a fact's note markers."""
    base = assessments.base
    assessment = assessments.get(section.assessment)
    items = list(assessment.items.get(section.part, ()))
    if section.items:
        by_id = {i.id: i for i in items}
        missing = [i for i in section.items if i not in by_id]
        if missing:
            raise DataInvalid(Problem(
                f"section '{section.title}' shows unknown {PART_NAMES[section.part]} "
                f"'{missing[0]}' of assessment '{section.assessment}'", outline_shown,
                section.line, hint=did_you_mean(missing[0], by_id) + "ids: "
                + (", ".join(by_id) or "none")))
        items = [by_id[i] for i in section.items]
    heading = m.Heading(1, (m.Text(smarten(section.title)),), "")
    if not items:
        return [] if section.empty == "omit" else [heading, m.Paragraph((m.Text(EMPTY_TEXT),))]

    def cite(ids: list[str]) -> tuple[m.Inline, ...]:
        return tuple(ref for fid in ids for ref in cite_fact(base.by_id[fid]))

    def no_placeholders(fact_id: str):
        raise MarkupError("an assessment's text cites facts as [@fact-id]")

    blocks: list[m.Block] = [heading]
    for item in items:
        try:
            parsed = parse(placed_citations(item.text), cite, no_placeholders, smarten)
        except MarkupError as exc:
            raise DataInvalid(Problem(f"{item.what}: {exc}", assessment.shown,
                                      item.line)) from None
        if len(parsed) != 1 or not isinstance(parsed[0], m.Paragraph):
            raise DataInvalid(Problem(f"{item.what}: its text must be one paragraph of "
                                      "text (no lists, headings, tables or blank lines)",
                                      assessment.shown, item.line,
                                      hint="write it as one paragraph; split a long one "
                                           "into two items"))
        children = parsed[0].children + cite(list(item.extra))
        blocks.append(m.Judgement(children, item.confidence, LABELS[section.part],
                                  item.id in assessment.stale))
    return blocks
