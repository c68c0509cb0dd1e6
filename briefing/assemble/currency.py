"""How current a brief is, said in the brief and checked against its outline.

- A fact marked `as_reported` is followed by who reported it and when: "(as reported by
  VNA, undated)", "(as reported by Bernama on 24 June 2025)".
- Every brief opens with its currency: the dates of the sources it cites, how many give
  none, and the latest date they state ("nothing after September 2025 is covered").
- `check` warns when an outline's `as_of` is more than `max_staleness` days (default 90)
  after its newest dated source, and when a title or subtitle names a year that facts the
  brief cites are not dated in (undated facts are listed, never taken as that year's).
"""

from __future__ import annotations

import datetime as dt
import re

from briefing import model as m
from briefing.errors import Problem, display_path
from briefing.factbase.dates import PartialDate
from briefing.factbase.facts import Fact
from briefing.factbase.load import FactBase
from briefing.factbase.sources import Source

DEFAULT_STALENESS = 90  # days
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")  # a year a title names: 1900 to 2099


def reported_by(fact: Fact, sources: dict[str, Source]) -> str:
    """Return "(as reported by OUTLET on DATE)" for an `as_reported` fact, else ""."""
    if not fact.as_reported:
        return ""
    parts = []
    for sid in fact.sources:
        source = sources.get(sid)
        if source is None:
            continue
        who = (f"by {source.outlet}" if source.outlet else "in a text that names no outlet")
        if source.provided_by:
            who += f", in content provided by {source.provided_by}"
        when = f" on {source.date.display()}" if source.date else ", undated"
        parts.append(f"{who}{when}")
    parts = list(dict.fromkeys(parts))
    return f" (as reported {' and '.join(parts)})" if parts else ""


def with_report(text: str, fact: Fact, sources: dict[str, Source]) -> str:
    """Return `text` with the fact's report ("as reported by …") before its full stop."""
    said = reported_by(fact, sources)
    if not said:
        return text
    end = len(text.rstrip())
    stop = end - 1 if end and text[end - 1] in ".!?" else end
    return text[:stop] + said + text[stop:]


def latest_stated(facts: list[Fact], sources: list[Source]) -> PartialDate | None:
    """Return the latest date the sources or the facts state (by its last possible day)."""
    dates = [s.date for s in sources if s.date] + [f.date for f in facts if f.date]
    return max(dates, key=lambda d: (d.last_day(), d.sort_key())) if dates else None


def currency_text(facts: list[Fact], sources: list[Source]) -> str:
    """Return the sentence that says how current a brief citing `facts` from `sources` is:
    "Currency: sources of 24 June 2025 (6 of 8 undated); the latest date they state is
    September 2025: nothing after September 2025 is covered." (The brief's own date is
    on its cover.)"""
    dated = sorted((s.date for s in sources if s.date), key=PartialDate.sort_key)
    undated = len(sources) - len(dated)
    if dated:
        first, last = dated[0].display(), dated[-1].display()
        text = "Currency: sources of " + (first if first == last else f"{first} to {last}")
        if undated:
            text += f" ({undated} of {len(sources)} undated)"
    else:
        text = f"Currency: none of the {len(sources)} sources gives its date"
    latest = latest_stated(facts, sources)
    if latest is None:
        return text + "; they state no date."
    newest = dated[-1].display() if dated else None
    if latest.display() != newest:
        text += f"; the latest date they state is {latest.display()}"
    return text + f": nothing after {latest.display()} is covered."


def currency_block(base: FactBase, fact_ids: list[str]) -> m.Paragraph:
    """Return the paragraph that states a brief's currency, for the facts it cites."""
    facts = [base.by_id[i] for i in dict.fromkeys(fact_ids) if i in base.by_id]
    source_ids = dict.fromkeys(s for f in facts for s in f.sources)
    sources = [base.sources[s] for s in source_ids if s in base.sources]
    return m.Paragraph((m.Emph((m.Text(currency_text(facts, sources)),)),))


def check_currency(base: FactBase, outline, fact_ids: list[str]) -> list[Problem]:
    """Return the warnings of an outline's dates: `as_of` past the staleness span, a year
    in its title or subtitle that the facts it cites are not all of."""
    shown = display_path(outline.path, base.project.root)
    problems = []
    as_of = outline.as_of_date
    dated = [s.date for s in base.sources.values() if s.date]
    if as_of and dated:
        newest = max(dated, key=lambda d: d.last_day())
        span = outline.data.get("max_staleness")
        span = DEFAULT_STALENESS if span is None else span
        gap = (dt.date.fromisoformat(as_of.bounds()[0])
               - dt.date.fromisoformat(newest.last_day())).days
        if gap > span:
            problems.append(Problem(
                f"outline '{outline.name}': as_of {as_of.display()} is {gap} days after the "
                f"newest dated source ({newest.display()}), more than max_staleness ({span})",
                shown, severity="warning",
                hint="add newer sources, move as_of, or set 'max_staleness:' to the span "
                     "you accept (the brief states its currency either way)"))
    facts = [base.by_id[i] for i in dict.fromkeys(fact_ids) if i in base.by_id]
    dated_meetings = {m for f in base.facts if f.date for m in f.meetings}
    for key in ("title", "subtitle"):
        words = outline.data.get(key) or ""
        for year in dict.fromkeys(int(y) for y in _YEAR.findall(words)):
            other = [f.id for f in facts if f.date and f.date.year != year]
            undated = [f.id for f in facts if _undated(f, base, dated_meetings)]
            if other:
                problems.append(Problem(
                    f"outline '{outline.name}': its {key} names {year}, but {len(other)} "
                    f"fact(s) it cites are dated in another year: {_few(other)}", shown,
                    severity="warning", hint="name the years the facts are of, or none"))
            if undated:
                problems.append(Problem(
                    f"outline '{outline.name}': its {key} names {year}, but {len(undated)} "
                    f"fact(s) it cites have no date, nor does their meeting: "
                    f"{_few(undated)}", shown, severity="warning",
                    hint="undated facts are not of any year: leave the year out of the "
                         f"{key}, or select only dated facts"))
    return problems


def _undated(fact: Fact, base: FactBase, dated_meetings: set[str]) -> bool:
    """Whether neither the fact nor any fact about its meetings (or the meetings they
    were part of) states a date (`dated_meetings`: the meetings some fact dates)."""
    if fact.date:
        return False
    return not any(dated_meetings.intersection(base.vocab.held_under(m))
                   for m in fact.meetings)


def _few(ids: list[str]) -> str:
    return ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
