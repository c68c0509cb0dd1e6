"""Figures computed from the facts: a meeting timeline and entity-by-meeting matrices.

Assembly calls `build_figure` for each figure an outline section names; the result is a
format-neutral `model.Figure` (rows, columns, marks, date spans, note numbers, caption,
alt text) that every writer draws. Nothing here draws: see `writers/figure/`.

A figure cites the facts behind its marks as a sentence would, so each mark carries the
note numbers of those facts. A fact behind several marks is cited once and every mark
it supports shows the same notes. Dates are drawn as precisely as the facts give them:
a month or year is a span, a meeting without a dated fact is listed as "date not
stated", and a first day the sources disagree on is drawn as a second mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from briefing import model as m
from briefing.factbase.dates import MONTHS, PartialDate
from briefing.factbase.facts import Fact
from briefing.factbase.vocab import Entry, Vocabulary

FIGURES = ("timeline", "partners_by_meeting", "crimes_by_meeting")
TITLES = {
    "timeline": "Meetings by date, as precisely as the sources state them",
    "partners_by_meeting": "Partners engaged at each meeting",
    "crimes_by_meeting": "Crime types raised at each meeting",
}
# What each mark kind means, in the order the legend lists them.
LEGENDS = {
    "timeline": (("day", "Dates stated to the day"),
                 ("approx", "Only the month or year is stated: the whole span"),
                 ("differ", "Sources differ: a day another source gives")),
    "partners_by_meeting": (("met", "Consultation or bilateral meeting with the partner"),
                            ("cooperation", "Cooperation discussed or agreed"),
                            ("named", "Attended or named")),
    "crimes_by_meeting": (("priority", "Named as a priority"),
                          ("raised", "Raised in a statement, initiative or other fact")),
}
_RANK = {"day": 0, "month": 1, "year": 2}
_DAY_MONTH = re.compile(r"^(\d{1,2}) (" + "|".join(MONTHS) + r")$")

Cite = Callable[[Fact], tuple[m.NoteRef, ...]]


def build_figure(name: str, facts: list[Fact], vocab: Vocabulary, conflicts, cite: Cite,
                 caption: str | None = None, rows_from: tuple[str, ...] = ()) -> m.Figure | None:
    """Return figure `name` drawn from `facts`, or None when no fact gives it a mark.

    `cite(fact)` returns the note markers of a fact, adding its notes the first time and
    the same markers every time after (`NoteBook.cite_once`); marks ask in the order they
    are read. `rows_from` limits a matrix's rows to these partner or crime type ids (and
    what they include). The figure's number is set later.
    """
    title = caption or TITLES[name]
    if name == "timeline":
        return _timeline(facts, vocab, conflicts, cite, title)
    if name == "partners_by_meeting":
        return _matrix(name, facts, vocab, cite, title, "partners", rows_from)
    return _matrix(name, facts, vocab, cite, title, "crime_types", rows_from)


# ---------------------------------------------------------------- meetings


def root_meeting(vocab: Vocabulary, meeting_id: str) -> str:
    """Return the meeting a session, consultation or side meeting was held under."""
    return vocab.held_under(meeting_id)[-1]


def _by_meeting(facts: list[Fact], vocab: Vocabulary) -> dict[str, list[Fact]]:
    """Return facts grouped under their root meetings, in order of first appearance (a
    fact naming meetings held under different ones stands under each)."""
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        for root in dict.fromkeys(root_meeting(vocab, mid) for mid in fact.meetings):
            groups.setdefault(root, []).append(fact)
    return groups


def _first_day(group: list[Fact]) -> str:
    """Return the earliest day any fact of the group may fall on ("~" when undated)."""
    return min((f.date.bounds()[0] for f in group if f.date), default="~")


def _label(entry: Entry) -> str:
    return " ".join(entry.label.split())


def _column(meeting: Entry) -> str:
    """Return a grid column's heading: the meeting, marked when no source dates it (an
    undated report is not of the year the other columns are)."""
    return _label(meeting) + (" (undated)" if meeting.dated is False else "")


# ---------------------------------------------------------------- timeline


def span_text(start: PartialDate, end: PartialDate) -> str:
    """Return a span of partial dates as a reader sees it: "24-26 June 2025" and so on."""
    if start == end:
        text = start.display()
        return text + {"day": "", "month": " (month only)", "year": " (year only)"}[
            start.precision]
    if start.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.display()}"
    if start.precision == "day" and start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]}\u2013{end.display()}"
    return f"{start.display()}\u2013{end.display()}"


def _timeline(facts, vocab, conflicts, cite: Cite, title: str) -> m.Figure | None:
    groups = _by_meeting(facts, vocab)
    if not groups:
        return None
    order = sorted(groups, key=lambda mid: (_first_day(groups[mid]), list(groups).index(mid)))
    rows: list[str] = []
    marks: list[m.FigureMark] = []
    undated: list[tuple[str, Fact]] = []
    described: list[str] = []
    for mid in order:
        group = groups[mid]
        dated = [f for f in group if f.date]
        label = _label(vocab["meetings"][mid])
        if not dated:
            undated.append((label, group[0]))
            continue
        finest = min(_RANK[f.date.precision] for f in dated)
        used = sorted((f for f in dated if _RANK[f.date.precision] == finest),
                      key=lambda f: (f.date, f.order))
        evidence: dict[PartialDate, Fact] = {}
        for fact in used:  # the first fact stating each date
            evidence.setdefault(fact.date, fact)
        first, last = used[0].date, max(f.date for f in used)
        row = len(rows)
        rows.append(label)
        text = span_text(first, last)
        notes = tuple(n for f in evidence.values() for n in cite(f))
        marks.append(m.FigureMark(row, -1, "day" if finest == 0 else "approx", notes,
                                  first.bounds()[0], last.bounds()[1], text))
        for day, fact in _other_first_days(mid, group, first, conflicts):
            marks.append(m.FigureMark(row, -1, "differ", cite(fact), day.iso(), day.iso(),
                                      f"sources differ: began {day.day} "
                                      f"{MONTHS[day.month - 1]}"))
            text += f" (another source: began {day.display()})"
        described.append(f"{label}, {text}")
    for label, fact in undated:
        marks.append(m.FigureMark(len(rows), -1, "undated", cite(fact)))
        rows.append(label)
    dated_marks = [k for k in marks if k.start]
    if not dated_marks:
        axis = ("", "")
    else:
        axis = (min(k.start for k in dated_marks)[:7] + "-01",
                max(k.end for k in dated_marks))
    alt = f"Timeline of {len(rows) - len(undated)} meetings"
    if dated_marks:
        alt += (f" from {_month_year(axis[0])} to {_month_year(axis[1])}: "
                + "; ".join(described) + ".")
    if undated:
        alt += " Date not stated: " + ", ".join(label for label, _ in undated) + "."
    return m.Figure("timeline", "timeline", 0, title, alt, tuple(rows), (), tuple(marks),
                    LEGENDS["timeline"], axis)


def _month_year(iso: str) -> str:
    return f"{MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"


def _other_first_days(meeting: str, group: list[Fact], first: PartialDate, conflicts):
    """Yield (day, fact) for each first day that a fact in conflict gives, other than
    `first`: the sources differ on when the meeting began, so both days are drawn."""
    if first.precision != "day":
        return
    in_group = {f.id: f for f in group}
    for conflict in conflicts:
        if conflict.subject != meeting or conflict.attribute != "start_day":
            continue
        for claim in conflict.claims:
            match = _DAY_MONTH.match(" ".join(claim.value.split()))
            if not match:
                continue
            day = PartialDate(first.year, MONTHS.index(match.group(2)) + 1,
                              int(match.group(1)))
            fact = next((in_group[f] for f in claim.facts if f in in_group), None)
            if day != first and fact is not None:
                yield day, fact


# ---------------------------------------------------------------- matrices


def _matrix(name, facts, vocab, cite: Cite, title: str, field: str,
            rows_from: tuple[str, ...]) -> m.Figure | None:
    allowed = None
    if rows_from:
        allowed = set(rows_from)
        for rid in rows_from:  # a crime type includes its kinds; a partner its groupings
            allowed |= vocab.crime_family(rid) if field == "crime_types" else {
                e.id for e in vocab["partners"].values() if rid in (e.get("members") or ())}
    groups = _by_meeting(facts, vocab)
    columns = sorted(groups, key=lambda mid: (_first_day(groups[mid]), list(groups).index(mid)))
    cells: dict[tuple[str, str], list[Fact]] = {}
    for mid in columns:
        for fact in groups[mid]:
            for rid in _row_ids(fact, field, vocab, mid):
                if allowed is None or rid in allowed:
                    cells.setdefault((rid, mid), []).append(fact)
    row_ids = [rid for rid in vocab[field] if any(r == rid for r, _ in cells)]
    col_ids = [mid for mid in columns if any(c == mid for _, c in cells)]
    if not row_ids:
        return None
    kinds = [k for k, _ in LEGENDS[name]]
    marks, described = [], []
    for r, rid in enumerate(row_ids):
        seen = []
        for c, mid in enumerate(col_ids):
            cell = cells.get((rid, mid))
            if not cell:
                continue
            kind = min((_mark_kind(name, f, rid, vocab, mid) for f in cell), key=kinds.index)
            notes = tuple(dict.fromkeys(n for f in cell for n in cite(f)))
            marks.append(m.FigureMark(r, c, kind, notes))
            seen.append((_label(vocab["meetings"][mid]), dict(LEGENDS[name])[kind].lower()))
        described.append((_label(vocab[field][rid]), seen))
    legend = tuple((k, text) for k, text in LEGENDS[name] if any(mk.kind == k for mk in marks))
    several = len(legend) > 1  # name the kind of each mark only when there is a choice
    what = "partners" if field == "partners" else "crime types"
    alt = (f"{title}: a grid of {len(row_ids)} {what} by {len(col_ids)} meetings. "
           + "; ".join(f"{row}: " + ", ".join(f"{col} ({kind})" if several else col
                                               for col, kind in seen)
                       for row, seen in described) + ".")
    return m.Figure("matrix", name, 0, title, alt,
                    tuple(_label(vocab[field][r]) for r in row_ids),
                    tuple(_column(vocab["meetings"][c]) for c in col_ids), tuple(marks), legend)


def _meetings_under(fact: Fact, vocab: Vocabulary, root: str) -> list[Entry]:
    """Return the meetings `fact` names that were held under `root` (a grid's column)."""
    return [vocab["meetings"][mid] for mid in fact.meetings if root_meeting(vocab, mid) == root]


def _row_ids(fact: Fact, field: str, vocab: Vocabulary, root: str) -> list[str]:
    ids = list(getattr(fact, field))
    if field == "partners":
        for meeting in _meetings_under(fact, vocab, root):
            partner = meeting.get("partner")
            if partner and partner not in ids:  # a consultation is with its partner
                ids.append(partner)
    return ids


def _mark_kind(name: str, fact: Fact, row_id: str, vocab: Vocabulary, root: str) -> str:
    if name == "crimes_by_meeting":
        return "priority" if fact.kind == "priority" else "raised"
    if any(meeting.get("partner") == row_id or meeting.get("series") == "bilateral"
           for meeting in _meetings_under(fact, vocab, root)):
        return "met"
    return "cooperation" if fact.kind in ("engagement", "initiative") else "named"
