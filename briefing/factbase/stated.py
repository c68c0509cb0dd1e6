"""What a fact states beyond its sentence is cited too: its date and place are written in
cited words, its text speaks of time as a reader on another day can follow, and a plan
reported before it was due is told as a plan.

Checked after every citation is located (`load_factbase`):
- a fact's `date` must be written in the words it cites (its quotes, a `date_from`
  passage such as a heading or a dateline, or the words of the fact `date_from: {fact}`
  names, which the brief then cites for the date): an error, with the closest candidate
  in the seed;
- its `place` must be in the words it cites (quotes or `place_from`): an error;
- a source's own `date` must be written in its text (a dateline counts): an error;
- relative time in a fact's text ("this October", see `when.RELATIVE_WORDS`) is a
  warning unless the words are the source's own, in quotation marks, on a fact marked
  `as_reported`;
- a fact dated after every date its dated sources carry must be `as_reported` (it tells
  a plan, not an outcome): a warning.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.errors import Problem, shown_value
from briefing.factbase.facts import Citation, Fact
from briefing.factbase.sources import Source
from briefing.factbase.textnorm import normalise
from briefing.factbase.when import relative_words, states_date, written_dates


def check_stated(facts: list[Fact], sources: dict[str, Source]) -> list[Problem]:
    """Return the problems of dates, places and time words (see the module)."""
    by_id = {fact.id: fact for fact in facts}
    found: dict = {}  # each source's written dates, read once (closest candidates)
    problems: list[Problem] = []
    for source in sources.values():
        problems += _source_date(source) + _source_provenance(source)
    # Each dated source's last possible day, worked out once for every fact citing it.
    last_days = {sid: s.date.last_day() for sid, s in sources.items() if s.date}
    for fact in facts:
        if fact.date is not None:
            problems += _date(fact, by_id, sources, found)
        elif fact.date_fact:
            problems.append(Problem(
                f"fact '{fact.id}': date_from names fact '{fact.date_fact}' but the fact has "
                "no date", fact.file, fact.line,
                hint="add the date that fact's words state, or remove date_from"))
        if fact.place:
            problems += _place(fact)
        problems += _time_words(fact)
        problems += _plan(fact, sources, last_days)
    return problems


def cited_words(fact: Fact, sources: dict[str, Source]) -> list[tuple[Citation, str]]:
    """Return each located citation of `fact` with the seed's own words it covers."""
    out = []
    for cit in fact.citations:
        source = sources.get(cit.source)
        if source is not None and cit.location is not None:
            out.append((cit, source.seed.text[cit.location.start:cit.location.end]))
    return out


def date_backed(fact: Fact, by_id: dict[str, Fact], sources: dict[str, Source]) -> bool:
    """Whether `fact`'s date is written in words it cites, or in those of the fact its
    `date_from` names (or of the fact that one names, and so on)."""
    return dating_citation(fact, by_id, sources) is not None


def dating_citation(fact: Fact, by_id: dict[str, Fact], sources: dict[str, Source]
                    ) -> Citation | None:
    """Return the located citation whose words write `fact`'s date: one of its own, else
    one of the fact its `date_from` names, following such names; None if there is none.

    The named fact need not have the same date: "consultations were held on the final
    day" takes 22 October from a fact citing "from 20 to 22 October 2025"."""
    seen: set[str] = set()
    current: Fact | None = fact
    while current is not None and current.id not in seen:
        seen.add(current.id)
        for cit, words in cited_words(current, sources):
            source = sources[cit.source]
            if states_date(words, fact.date, source.date.year if source.date else None):
                return cit
        current = by_id.get(current.date_fact or "")
    return None


def lend_dates(facts: list[Fact], sources: dict[str, Source]) -> None:
    """Give each fact dated by another (`date_from: {fact}`) the citation that writes its
    date, as a date citation of its own, so the notes show the words that hold it.
    Done after the facts are kept and their digests taken: it adds to neither."""
    by_id = {fact.id: fact for fact in facts}
    for fact in facts:
        if not fact.date_fact or fact.date is None:
            continue
        cit = dating_citation(fact, by_id, sources)
        if cit is None or cit in fact.citations:
            continue
        fact.digest  # noqa: B018 -- of what the file says, before the loan
        fact.citations = [*fact.citations, replace(cit, role="date")]


def _date(fact: Fact, by_id: dict[str, Fact], sources: dict[str, Source], found: dict
          ) -> list[Problem]:
    if any(c.location is None for c in fact.citations):
        return []  # a quote not found is reported as such
    if fact.date_fact and fact.date_fact not in by_id:
        return [Problem(f"fact '{fact.id}': date_from names unknown fact "
                        f"'{fact.date_fact}'", fact.file, fact.line,
                        hint="name the id of a fact whose cited words state the date")]
    if date_backed(fact, by_id, sources):
        return []
    if fact.date_fact:
        return [Problem(f"fact '{fact.id}': no cited words state its date "
                        f"{fact.date.iso()} ({fact.date.display()}), nor do those of fact "
                        f"'{fact.date_fact}' that date_from names", fact.file, fact.line,
                        hint="give the fact the date those words state, or name a fact "
                             "whose cited words state it")]
    candidate = _closest_candidate(fact, sources, found)
    hint = ("cite the words that state it: add 'date_from: {source: ..., quote: ...}' "
            "(a heading or a dateline) or 'date_from: {fact: id}', or remove the date")
    detail = None
    if candidate:
        source, line, words = candidate
        detail = f"closest candidate: {source.id} line {line}: {shown_value(words)}"
        hint = (f"add 'date_from: {{source: {source.id}, quote: \"{words}\"}}' if those "
                "words date this fact; otherwise remove the date")
    return [Problem(f"fact '{fact.id}': no cited words state its date {fact.date.iso()} "
                    f"({fact.date.display()})", fact.file, fact.line, detail=detail,
                    hint=hint)]


def _closest_candidate(fact: Fact, sources: dict[str, Source], found: dict
                       ) -> tuple[Source, int, str] | None:
    """Return the passage nearest the fact's first quote, in a source it cites, that
    writes the fact's date: (source, line, words). `found` keeps each source's written
    dates, read once however many facts miss."""
    best = None
    for cit in fact.citations:
        source = sources.get(cit.source)
        if source is None or cit.location is None:
            continue
        start, end = source.span
        text = source.seed.text[start:end]
        if source.id not in found:
            found[source.id] = written_dates(text)
        year = source.date.year if source.date else None
        for w in found[source.id]:
            if not w.states(fact.date, year):
                continue
            distance = abs(start + w.start - cit.location.start)
            if best is not None and distance >= best[0]:
                continue
            # Words around the date, to a heading's or a sentence's edge.
            left = max(text.rfind(c, max(0, w.start - 200), w.start) for c in ".:\n") + 1
            left = max(left, w.start - 200)
            right = min([i for i in (text.find(c, w.end, w.end + 200) for c in ".:\n")
                         if i >= 0] or [min(len(text), w.end + 60)])
            words = text[left:right].strip()[:80]
            best = (distance, source, source.seed.position(start + w.start)[0], words)
    return best[1:] if best else None


def _place(fact: Fact) -> list[Problem]:
    place = normalise(fact.place).casefold()
    if any(c.location is None for c in fact.citations):
        return []
    if any(place in normalise(c.quote).casefold() for c in fact.citations):
        return []
    return [Problem(f"fact '{fact.id}': no cited words state its place "
                    f"{shown_value(fact.place)}", fact.file, fact.line,
                    hint="quote the words that name the place, add 'place_from: {source: "
                         "..., quote: ...}', or remove the place")]


def _source_date(source: Source) -> list[Problem]:
    if source.date is None:
        return []
    start, end = source.span
    text, year = source.seed.text, f"{source.date.year:04d}"
    # Only the words around each time the year is written can write the date: a seed
    # of any size is not read date by date.
    at = text.find(year, start, end)
    while at >= 0:
        if states_date(text[max(start, at - 30):min(end, at + 14)], source.date):
            return []
        at = text.find(year, at + 1, end)
    return [Problem(f"source '{source.id}': its date {source.date.iso()} is not written in "
                    f"its text ({source.file}, lines {source.first_line}-{source.last_line})",
                    source.declared_in, source.declared_line,
                    hint="a date is only what the text states (a dateline counts): set "
                         "'date: null' with a 'date_note' saying why")]


def _source_provenance(source: Source) -> list[Problem]:
    """Who supplied a source's content is shown only as the text itself says it."""
    if not source.provided_by:
        return []
    quote = source.provided_by_quote
    start, end = source.span
    if quote and normalise(quote) in normalise(source.seed.text[start:end]):
        return []
    return [Problem(f"source '{source.id}': 'provided_by' needs 'provided_by_quote', the "
                    "text's own words saying who supplied it, found in its lines"
                    if not quote else
                    f"source '{source.id}': provided_by_quote {shown_value(quote)} is not in "
                    f"its text (lines {source.first_line}-{source.last_line})",
                    source.declared_in, source.declared_line,
                    hint="copy the sentence in which the text names who provided it")]


def _time_words(fact: Fact) -> list[Problem]:
    problems = []
    for word in relative_words(fact.text):
        if word.quoted and fact.as_reported:
            continue
        if word.quoted:
            hint = ("the source's own words: add 'as_reported: true' so briefs say who "
                    "reported them and when")
        else:
            hint = ("resolve it to a date the source states, reword it (a plan as 'was to "
                    "…'), or keep the source's words in quotation marks with "
                    "'as_reported: true'")
        problems.append(Problem(
            f"fact '{fact.id}': relative time {shown_value(word.words)} in its text is read "
            "against the brief's date, not the source's", fact.file, fact.line,
            severity="warning", hint=hint + " (the time words: seeds/README.md)"))
    return problems


def _plan(fact: Fact, sources: dict[str, Source], last_days: dict[str, str]
          ) -> list[Problem]:
    """A fact dated after every dated source it cites tells a plan: it must say so.
    (`last_days`: each dated source's last possible day.)"""
    if fact.as_reported or fact.date is None:
        return []
    latest = max((last_days[c.source] for c in fact.citations if c.source in last_days),
                 default=None)
    if latest is None or fact.date.bounds()[0] <= latest:
        return []
    dates = [sources[s].date for s in fact.sources if s in last_days]
    return [Problem(f"fact '{fact.id}' is dated {fact.date.display()}, after its sources "
                    f"(the latest {max(dates).display()}): it tells what was planned",
                    fact.file, fact.line, severity="warning",
                    hint="word it as a plan ('was to be held …') and add 'as_reported: "
                         "true', so briefs add when it was reported")]
