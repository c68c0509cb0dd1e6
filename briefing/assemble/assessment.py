"""Assessment files (`templates/assessments/NAME.yaml`): the analyst's own judgements.

An assessment holds `judgements` and, optionally, `lines_to_take`, `be_aware` and `ask`
items, all of one shape: an `id`, a `text` in the template markup whose `[@fact-id]`
citations name the facts it rests on (with `rests_on:` for more), a `confidence` term
from the fixed list (required for a judgement), and the `reviewed:` pins that
`briefing review` writes: per fact, its digest and its text as the analyst last
reviewed them. A judgement whose facts changed or vanished since then is stale: `check`
warns and the brief marks it "under review".

The file is project input, so it is untrusted: read through the trust boundary, every
key checked (an unknown one is an error with a "did you mean"), every problem placed at
its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing.assemble.outline_checks import did_you_mean
from briefing.errors import DataInvalid, Problem, display_path
from briefing.factbase.schema import Field, check_record, items_with_lines
from briefing.factbase.yamlfile import Mapping, load_yaml

# The UK probability yardstick, least to most likely, and a term for statements of
# significance that make no claim of likelihood. Each with what it means (README).
CONFIDENCE = {
    "remote chance": "about 5% or less",
    "highly unlikely": "about 10-20%",
    "unlikely": "about 25-35%",
    "realistic possibility": "about 40-50%",
    "likely": "about 55-75%",
    "highly likely": "about 80-90%",
    "almost certain": "about 95% or more",
    "no judgement of likelihood": "a statement of significance or meaning, not of chance",
}
PARTS = ("judgements", "lines_to_take", "be_aware", "ask")
# What a part's items are called in messages, and the label each shows in a brief.
PART_NAMES = {"judgements": "judgement", "lines_to_take": "line to take",
              "be_aware": "be-aware item", "ask": "question"}
LABELS = {"judgements": "Assessment", "lines_to_take": "", "be_aware": "", "ask": ""}

ASSESSMENT_FIELDS = {
    "description": Field(str, doc="one line: what the assessment is for"),
    "strict": Field(bool, doc="a sentence without a citation is an error, not a warning"),
    "judgements": Field(list, doc="the analyst's judgements, each resting on facts"),
    "lines_to_take": Field(list, doc="what to say, phrased as actions ('Welcome ...')"),
    "be_aware": Field(list, doc="what the reader should know before the meeting"),
    "ask": Field(list, doc="questions to ask"),
}
ITEM_FIELDS = {
    "id": Field("id", required=True, doc="unique in the file; outlines pick items by it"),
    "text": Field(str, required=True,
                  doc="template markup; cite each fact it rests on as [@fact-id]"),
    "confidence": Field(str, doc="a term of the fixed list: " + ", ".join(CONFIDENCE)),
    "rests_on": Field("ids", doc="facts it rests on besides those its text cites"),
    "reviewed": Field(list, doc="written by `briefing review`: the facts as last reviewed"),
}
PIN_FIELDS = {
    "fact": Field("id", required=True),
    "digest": Field(str, required=True, doc="the fact's digest when reviewed"),
    "text": Field(str, required=True, doc="the fact's text when reviewed"),
}
_CITATION = re.compile(r"\[(@[a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]")
# A sentence ends at . ! or ? (and any closing quote or bracket) before a space and a
# capital, an opening quote or a bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z\"“‘(\[])")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")


@dataclass(frozen=True)
class Pin:
    """A fact as the analyst last reviewed it."""

    fact: str
    digest: str
    text: str


@dataclass(frozen=True)
class Change:
    """A fact an item rests on that differs from its pin: `old` None when it was never
    reviewed, `new` None when the item no longer rests on it or it is gone."""

    fact: str
    old: str | None
    new: str | None

    def describe(self) -> str:
        """Return the change as lines: the fact, its old and its new text."""
        if self.old is None:
            return f"fact '{self.fact}' not reviewed yet\n  now: “{self.new}”"
        if self.new is None:
            return f"fact '{self.fact}' no longer rested on, or gone\n  was: “{self.old}”"
        if self.old == self.new:  # the digest covers citations, dates, tags and the rest
            return (f"fact '{self.fact}' changed, its text as it was (its citations, date, "
                    f"place, tags or another field changed: see `briefing facts --json`)\n"
                    f"  text: “{self.new}”")
        return f"fact '{self.fact}' changed\n  was: “{self.old}”\n  now: “{self.new}”"


@dataclass(frozen=True)
class Item:
    """One judgement (or line to take, be-aware item, question) of an assessment."""

    part: str
    id: str
    text: str
    confidence: str
    facts: tuple[str, ...]  # cited in the text, in order, then those of `rests_on`
    extra: tuple[str, ...]  # `rests_on` facts the text does not cite
    pins: tuple[Pin, ...]
    line: int

    @property
    def what(self) -> str:
        """How messages name the item, e.g. "judgement 'x'"."""
        return f"{PART_NAMES[self.part]} '{self.id}'"

    def changes(self, by_id) -> list[Change]:
        """Return how the facts it rests on differ from its pins (`by_id`: the facts)."""
        pinned = {p.fact: p for p in self.pins}
        out = []
        for fid in self.facts:
            fact, pin = by_id.get(fid), pinned.get(fid)
            if fact is None:
                continue  # an unknown fact is an error of its own
            if pin is None:
                out.append(Change(fid, None, fact.text))
            elif pin.digest != fact.digest:
                out.append(Change(fid, pin.text, fact.text))
        out += [Change(fid, pin.text, None) for fid, pin in pinned.items()
                if fid not in self.facts]
        return out


@dataclass
class Assessment:
    """One assessment file, checked against the fact base."""

    name: str
    path: Path
    shown: str
    strict: bool
    items: dict[str, tuple[Item, ...]]
    stale: dict[str, list[Change]] = field(default_factory=dict)  # item id -> changes
    warnings: list[Problem] = field(default_factory=list)


def assessments_folder(project) -> Path:
    """Return the folder of the project's assessment files."""
    return project.templates / "assessments"


def assessment_names(project) -> list[str]:
    """Return the names of the assessment files (file names without .yaml), sorted."""
    folder = assessments_folder(project)
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml"))


def is_assessment_name(name: str) -> bool:
    """Whether `name` can name an assessment (a file name without ".yaml", no folders)."""
    return _NAME.fullmatch(name) is not None


def cited_ids(text: str) -> list[str]:
    """Return the fact ids `[@...]` citations in `text` name, in order, once each."""
    ids = [s.strip()[1:] for m in _CITATION.finditer(text) for s in m.group(1).split(";")]
    return list(dict.fromkeys(ids))


def uncited_sentences(text: str, extra: bool) -> list[str]:
    """Return the sentences of `text` without a citation (with `extra`, facts of
    `rests_on` are noted at the end, so the last sentence counts as cited)."""
    sentences = [s for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]
    out = [s for s in sentences if not _CITATION.search(s)]
    if extra and sentences and out and out[-1] == sentences[-1]:
        out.pop()
    return out


def load_assessment(project, name: str, base) -> Assessment:
    """Return the assessment `name`, checked against the fact base `base`; raise
    DataInvalid with every error (warnings, stale judgements among them, are kept)."""
    path = assessments_folder(project) / f"{name}.yaml"
    shown = display_path(path, project.root)
    data = load_yaml(path, project.root)
    if not isinstance(data, dict):
        raise DataInvalid(Problem("an assessment must be a mapping with a 'judgements:' "
                                  "list (key: value lines)", shown, getattr(data, "line", 1)))
    problems = check_record(data, ASSESSMENT_FIELDS, "assessment", shown, data.line,
                            unknown="error")
    if any(p.severity == "error" for p in problems):
        raise DataInvalid([p for p in problems if p.severity == "error"])
    strict = bool(data.get("strict"))
    if not data.get("judgements"):
        problems.append(Problem("an assessment needs a non-empty 'judgements:' list", shown,
                                data.line_of("judgements") if "judgements" in data
                                else data.line, hint="add a judgement with id, text and "
                                "confidence, citing the facts it rests on as [@fact-id]"))
    items: dict[str, tuple[Item, ...]] = {}
    seen: dict[str, int] = {}
    for part in PARTS:
        found = []
        for record, line in items_with_lines(data.get(part) or []):
            item = _item(record, line, part, shown, base, strict, problems)
            if item is None:
                continue
            if item.id in seen:
                problems.append(Problem(f"{item.what}: id used twice (first on line "
                                        f"{seen[item.id]})", shown, line,
                                        hint="give each item of the file its own id"))
                continue
            seen[item.id] = line
            found.append(item)
        items[part] = tuple(found)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataInvalid(errors)
    result = Assessment(name, path, shown, strict, items,
                        warnings=[p for p in problems if p.severity != "error"])
    for part_items in items.values():
        for item in part_items:
            changes = item.changes(base.by_id)
            if changes:
                result.stale[item.id] = changes
                result.warnings.append(_stale_problem(item, changes, shown, name))
    return result


# The words every stale item's warning ends with (`check` counts them).
STALE = "it is marked 'under review' in briefs"


def _stale_problem(item: Item, changes: list[Change], shown: str, name: str) -> Problem:
    never = not item.pins
    message = (f"{item.what} has not been reviewed: {STALE}" if never else
               f"{item.what} is stale: {len(changes)} of the facts it rests on changed "
               f"since it was reviewed; {STALE}")
    return Problem(message, shown, item.line, severity="warning",
                   detail="\n".join(c.describe() for c in changes),
                   hint=f"reread it against the facts, then `briefing review {name}` "
                        "(--accept records the new pins)")


def _item(record, line: int, part: str, shown: str, base, strict: bool,
          problems: list[Problem]) -> Item | None:
    what = PART_NAMES[part]
    found = check_record(record, ITEM_FIELDS, what, shown, line, unknown="error")
    problems += found
    if any(p.severity == "error" for p in found):
        return None
    line_of = record.line_of if isinstance(record, Mapping) else (lambda _k: line)
    label = f"{what} '{record['id']}'"
    text = record["text"]
    cited = cited_ids(text)
    rests_on = list(dict.fromkeys(record.get("rests_on") or ()))
    extra = [f for f in rests_on if f not in cited]
    facts = cited + extra
    if not facts:
        problems.append(Problem(f"{label} rests on no fact", shown, line_of("text"),
                                hint="cite each fact it rests on in its text as [@fact-id], "
                                     "or list them under 'rests_on:'"))
    for fid in facts:
        if fid not in base.by_id:
            key = "text" if fid in cited else "rests_on"
            problems.append(Problem(f"{label} rests on unknown fact '{fid}'", shown,
                                    line_of(key), hint=did_you_mean(fid, base.by_id) +
                                    "`briefing facts` lists the fact ids"))
    confidence = record.get("confidence")
    if confidence is None and part == "judgements":
        problems.append(Problem(f"{label} has no confidence term", shown, line,
                                hint="confidence: one of " + ", ".join(CONFIDENCE)))
    elif confidence is not None and confidence not in CONFIDENCE:
        problems.append(Problem(f"{label}: confidence '{confidence}' is not a term of the "
                                "list", shown, line_of("confidence"),
                                hint=did_you_mean(str(confidence).lower(), CONFIDENCE) +
                                "terms: " + ", ".join(CONFIDENCE)))
    for sentence in uncited_sentences(text, bool(extra)):
        problems.append(Problem(
            f"{label}: a sentence cites no fact: “{sentence}”", shown, line_of("text"),
            severity="error" if strict else "warning",
            hint="end it with [@fact-id] for the fact it rests on, or say it in a sentence "
                 "that does" + ("" if strict else " (an error with 'strict: true')")))
    pins = _pins(record.get("reviewed") or [], label, shown, problems)
    return Item(part, record["id"], text, confidence or "", tuple(facts), tuple(extra),
                pins, line)


def _pins(records, label: str, shown: str, problems: list[Problem]) -> tuple[Pin, ...]:
    pins = []
    for record, line in items_with_lines(records):
        found = check_record(record, PIN_FIELDS, f"{label}: reviewed", shown, line,
                             unknown="error")
        problems += found
        if not any(p.severity == "error" for p in found):
            pins.append(Pin(record["fact"], record["digest"], record["text"]))
    return tuple(pins)


def check_assessments(project, base) -> tuple[list[Problem], list[Problem]]:
    """Return the errors and warnings of every assessment file (stale judgements are
    warnings)."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    folder = assessments_folder(project)
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if not is_assessment_name(path.stem):
            errors.append(Problem(f"'{path.name}' is not an assessment's file name: name it "
                                  "in lowercase letters, digits and hyphens",
                                  display_path(path, project.root)))
            continue
        try:
            warnings += load_assessment(project, path.stem, base).warnings
        except DataInvalid as exc:
            errors += exc.problems
    return errors, warnings
