"""The grouping helpers templates call: `group_by` (facts under the entries they name)
and `meeting_rows` (one row per meeting, with the facts that date and place it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.assemble.template_rules import TemplateMistake
from briefing.factbase.vocab import Entry, Vocabulary

if TYPE_CHECKING:  # templates.py imports this module
    from briefing.assemble.templates import FactView

GROUPABLE = ("meetings", "crime_types", "partners", "member_states", "people", "initiatives",
             "organisations")
# `group_by(facts, "meeting")`, as templates wrote it before a fact could name several.
_SPELLINGS = {"meeting": "meetings"}


def group_by(vocab: Vocabulary, facts, field: str, several: str | None = None,
              roots: bool = False):
    """Return [(entry or None, [facts])] grouped by an entity field, in order of first
    appearance, facts naming none last.

    For a list field, a fact joins every group it names, unless `several` is given: then
    a fact that names more than one entry (an entry another one it names covers does not
    count: a crime type under its parent, a partner in a grouping it names) joins one
    group, first, whose entry is named `several`; each fact then stands in one group.
    With `roots`, a session or consultation (`part_of`) goes under the meeting it was
    held at.
    """
    field = _SPELLINGS.get(field, field) if isinstance(field, str) else field
    if field not in GROUPABLE:  # never a private attribute of a view
        raise TemplateMistake(f"group_by cannot group by {field!r}: it groups by "
                               + ", ".join(GROUPABLE))
    if several is not None and not isinstance(several, str):
        raise TemplateMistake("group_by's 'several' is the heading of the shared group, "
                               f"a text, found {type(several).__name__}")
    table = vocab[field] if (several is not None or roots) else None
    groups: dict = {}
    shared = None
    for fact in facts:
        keys = getattr(fact, field)
        if roots:
            # A session or consultation under the meeting it was held at (only meetings
            # are held under one another).
            keys = tuple(table[vocab.held_under(k.id)[-1]] for k in keys) \
                if field == "meetings" else keys
        if several is not None and len(keys) > 1:
            keys = _uncovered(table, keys)
            if len(keys) > 1:
                if shared is None:
                    shared = Entry(field, "", several)
                groups.setdefault(_SEVERAL, (shared, []))[1].append(fact)
                continue
        for key in _distinct(keys) or (None,):
            groups.setdefault(key.id if key else None, (key, []))[1].append(fact)
    # The shared group first, facts naming none last; the rest as they first appear.
    return sorted(groups.values(), key=lambda group: (
        0 if shared is not None and group[0] is shared else 2 if group[0] is None else 1))


_SEVERAL = object()  # the key of the group of facts naming several entries


def _uncovered(table: dict[str, Entry], keys: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Return `keys` without those another of them covers: a crime type whose parent (or
    its parent's parent) is named too, a partner that is a member of a grouping named."""
    ids = {k.id for k in keys}
    return tuple(k for k in _distinct(keys) if not _covered(table, k, ids))


def _distinct(keys: tuple) -> tuple:
    """Return `keys` without repeats (entries compare by id; None stays)."""
    seen: set = set()
    out = []
    for key in keys:
        kid = key.id if key else None
        if kid not in seen:
            seen.add(kid)
            out.append(key)
    return tuple(out)


def _covered(table: dict[str, Entry], key: Entry, ids: set[str]) -> bool:
    parent, seen = key.get("parent"), {key.id}
    while parent and parent not in seen:
        if parent in ids:
            return True
        seen.add(parent)
        parent = table[parent].get("parent") if parent in table else None
    return any(key.id in (table[i].get("members") or ()) for i in ids if i in table)


@dataclass(frozen=True)
class MeetingRow:
    """One meeting of a timeline: the facts that give its date and place, and a summary."""

    meeting: Entry
    date: FactView | None  # the earliest dated fact about the meeting
    place: FactView | None  # the first fact that states a place
    summary: FactView  # the first fact about the meeting alone, else the first about it

    def _template_label(self) -> str:
        return f"the meeting row of '{self.meeting.id}'"

    @staticmethod
    def _template_fields() -> tuple[str, ...]:
        return ("meeting", "date", "place", "summary")


def meeting_rows(facts, view=None) -> list[MeetingRow]:
    """Return one row per meeting named by `facts`: dated meetings by date, then the rest
    in order of first appearance. A fact naming several meetings can date and place each;
    a row's summary is about its meeting alone where a fact is.

    A meeting whose facts here state no date (or place) takes it from the fact of the
    whole fact base that does (`Entry.dating`, `Entry.placing`, made a template's fact
    by `view`): a row says "date not stated" only where no source states it."""
    rows = []
    for meeting, group in group_by(None, facts, "meetings"):
        if meeting is None:
            continue
        dated = [f for f in group if f.date_iso]
        date = min(dated, key=lambda f: (f.date_iso, len(f.date_iso))) if dated else None
        place = next((f for f in group if f.place), None)
        if view is not None:
            if date is None and meeting.dating is not None:
                date = view(meeting.dating)
            if place is None and meeting.placing is not None:
                place = view(meeting.placing)
        summary = next((f for f in group if len(f.meetings) == 1), group[0])
        rows.append(MeetingRow(meeting, date, place, summary))
    return sorted(rows, key=lambda r: (r.date is None, r.date.date_iso if r.date else ""))
