"""Candidate facts for the sentences of a source that no fact cites.

Each proposal quotes one sentence exactly (unique in its source, or with the `prefix`
that picks it), names the vocabulary ids its words name, the dates it writes, and a
kind; what is inferred rather than read (a kind, a meeting the sentence does not name) is
marked as a guess for the curator to confirm. A sentence that lists three or more
meetings of one series ("13th SOMTC + Canada Consultation, co-chaired by Lao PDR 13th
SOMTC + New Zealand Consultation, ...", a list a web page lost its line breaks in) gives
one proposal per meeting, each quoting its part. A sentence naming no meeting is given,
as a guess, the meeting its source's title or label names (else the one it names most);
a meeting named as still to come ("the upcoming AMMTC", "the 47th ASEAN Summit,
scheduled to ...") is not taken for the meeting a sentence reports. `yaml_text` writes proposals as fact-file
entries that pass `check` as they stand; `append` adds them to a fact file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.curate.dates import WrittenDate, dateline, dates_in
from briefing.curate.names import Mention, Names, NewName, unknown_names
from briefing.curate.uncited import Passage, uncited
from briefing.factbase.quotes import Location, locate
from briefing.factbase.schema import ID_PATTERN
from briefing.factbase.textnorm import normalise, normalise_with_map

# Words that make a kind likely (a guess, always marked as one).
_SPEECH = re.compile(r"\b(said|says|stressed|noted|warned|added|highlighted|emphasi[sz]ed|"
                     r"told|stated|urged|called for|underscored|remarked|shared|praised|"
                     r"reaffirmed that|according to)\b", re.I)
_MEETING = re.compile(r"\b(held|convened|concluded|opened|attended|chaired|co-chaired|"
                      r"took place|hosted|delegates|delegations|in attendance|meeting was|"
                      r"was held|began|ended)\b", re.I)
_OUTCOME = re.compile(r"\b(adopted|approved|established|establishment|launched|signed|"
                      r"agreed to|endorsed|declaration|plan of action|roadmap|working group|"
                      r"proposal|proposed|memorandum|convention|handbook|released|initiative)\b",
                      re.I)
_PRIORITY = re.compile(r"\b(priorit\w*|focus\w*|combat\w*|tackl\w*|counter\w*|threat\w*|"
                       r"fight\w*|crack down)\b", re.I)
_STOP = frozenset("""a an the of and or to in on at for by with from as is are was were be
    been that this these those it its their his her he she they we our which who has have had
    will would can could also not but said says""".split())


@dataclass
class Proposal:
    """One candidate fact, and where each of its values came from."""

    id: str
    passage: Passage
    kind: str
    kind_why: str
    text: str
    quote: str
    prefix: str | None
    meeting: Mention | None
    meeting_why: str
    entities: dict[str, list[Mention]] = field(default_factory=dict)
    date: WrittenDate | None = None
    other_dates: list[WrittenDate] = field(default_factory=list)
    # The source's own time words ("recently", "this October"), kept in quotation marks
    # in the draft text, which is then `as_reported`.
    time_words: tuple[str, ...] = ()
    planned: bool = False  # dated after its source: a plan, to be told as one


@dataclass
class Proposals:
    """What `propose` found in one or more sources."""

    facts: list[Proposal]
    new_names: list[tuple[NewName, Passage]]
    datelines: list[tuple[str, str, int]]  # (source id, dateline, line)
    skipped: int  # uncited sentences without a quotable claim (headings, bylines)


def propose(base, sources, names: Names | None = None) -> Proposals:
    """Return proposals for the uncited sentences of `sources` (one source or the
    segments of one seed entry)."""
    names = names or Names(base.vocab)
    taken = set(base.by_id)
    facts: list[Proposal] = []
    new: dict[str, tuple[NewName, Passage]] = {}
    datelines = []
    skipped = 0
    for source in sources:
        passages, _ = uncited(base, source)
        everything = _sentences(base, source)
        default = _main_meeting(names, source, everything)
        opening = None  # the sentence that starts with the dateline
        for first in everything[:6]:  # after a segment's outlet, date and headline
            line = dateline(first.text)
            if line:
                datelines.append((source.id, line, first.line))
                opening = (first.start, len(line))
                break
        # The person named last before each sentence ("he said" is a guess at them).
        last_person: Mention | None = None
        speaker_before: dict[int, Mention | None] = {}
        for passage in everything:
            speaker_before[passage.start] = last_person
            named = _people(names, passage.text)
            last_person = named[-1] if named else last_person
        for sentence in passages:
            if sentence.debris or sentence.fragment and len(sentence.text.split()) < 6:
                skipped += 1
                continue
            last_person = speaker_before.get(sentence.start)
            if opening and sentence.start == opening[0]:
                sentence = _after(sentence, opening[1])  # the claim, not the dateline
            for passage, mentions in _clauses(base, names, sentence):
                proposal = _proposal(base, names, passage, mentions, default, last_person,
                                     taken)
                if proposal is None:
                    skipped += 1
                    continue
                taken.add(proposal.id)
                facts.append(proposal)
                for name in unknown_names(passage.text, mentions, names.words):
                    new.setdefault(name.words, (name, passage))
    return Proposals(facts, list(new.values()), datelines, skipped)


def _sentences(base, source) -> list[Passage]:
    from briefing.factbase.sentences import sentence_spans, without_debris

    seed = source.seed
    spans = without_debris(sentence_spans(seed.text, *source.span), source.debris_spans)
    return [Passage(source, s, e, seed.position(s)[0], seed.position(e - 1)[0], seed.text[s:e])
            for s, e in spans]


def _clauses(base, names: Names, sentence: Passage) -> list[tuple[Passage, list[Mention]]]:
    """Return the sentence with its mentions, or its parts when it lists three or more
    meetings of one series: the words before the first, then one part per meeting."""
    mentions = names.find(sentence.text)
    meetings = base.vocab["meetings"]
    listed = [m for m in mentions if m.kind == "meetings"]
    series: dict[str, list[Mention]] = {}
    for mention in listed:
        series.setdefault(meetings[mention.id].get("series"), []).append(mention)
    runs = max(series.values(), key=len, default=[])
    if len({m.id for m in runs}) < 3:
        return [(sentence, mentions)]
    norm, origin = normalise_with_map(sentence.text)
    cuts = [0, *sorted({m.start for m in runs}), len(norm)]
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        piece = norm[a:b]
        lead = len(piece) - len(piece.lstrip(" ,;:"))
        piece = piece.strip(" ,;:")
        if len(piece.split()) < 4:
            continue
        start = sentence.start + origin[a + lead]
        end = sentence.start + origin[a + lead + len(piece) - 1] + 1
        seed = sentence.source.seed
        part = Passage(sentence.source, start, end, seed.position(start)[0],
                       seed.position(end - 1)[0], seed.text[start:end])
        parts.append((part, names.find(part.text)))
    return parts


def _after(passage: Passage, skip: int) -> Passage:
    """Return the passage without its first `skip` characters and the space after."""
    text = passage.text[skip:]
    start = passage.start + skip + len(text) - len(text.lstrip())
    seed = passage.source.seed
    return Passage(passage.source, start, passage.end, seed.position(start)[0],
                   passage.end_line, seed.text[start:passage.end])


def _main_meeting(names: Names, source, sentences: list[Passage]) -> Mention | None:
    """Return the meeting the source's title or label names, else the one its text names
    most often (the first named, on a tie)."""
    for key, heading in (("title", source.title), ("label", source.label)):
        named = [m for m in names.find(heading or "") if m.kind == "meetings"]
        if named:
            return Mention("meetings", named[0].id, 0, 0, f"the meeting {source.id}'s {key} "
                           "names", guessed=True)
    counts: dict[str, list[Mention]] = {}
    for passage in sentences:
        for mention in names.find(passage.text):
            if mention.kind == "meetings":
                counts.setdefault(mention.id, []).append(mention)
    if not counts:
        return None
    best = max(counts.values(), key=len)  # dicts keep order: the first of the most named
    return Mention("meetings", best[0].id, 0, 0, f"the meeting {source.id} names most",
                   guessed=True)


def _people(names: Names, text: str) -> list[Mention]:
    return [m for m in names.find(text) if m.kind == "people"]


def _proposal(base, names: Names, passage: Passage, mentions: list[Mention],
              default: Mention | None, last_person: Mention | None,
              taken: set[str]) -> Proposal | None:
    quote, prefix = _quote(passage)
    if quote is None:
        return None
    entities: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.kind != "meetings":
            entities.setdefault(mention.kind, [])
            if mention.id not in {m.id for m in entities[mention.kind]}:
                entities[mention.kind].append(mention)
    meeting, meeting_why = _meeting(base, names, passage, mentions, default)
    kind, kind_why = _kind(passage.text, entities, meeting is not None and not
                           meeting.guessed and meeting in mentions)
    if kind == "statement" and "people" not in entities and last_person is not None:
        entities["people"] = [Mention("people", last_person.id, 0, 0, last_person.words,
                                      guessed=True)]
    written = dates_in(normalise(passage.text))
    stated = [d for d in written if d.iso]
    text, time_words = _quote_time_words(_fact_text(passage.text))
    planned = False
    if stated and passage.source.date is not None:
        from briefing.factbase.dates import parse_date

        planned = parse_date(stated[0].iso).bounds()[0] > passage.source.date.bounds()[1]
    return Proposal(
        id=_new_id(passage, taken), passage=passage, kind=kind, kind_why=kind_why,
        text=text, time_words=time_words, planned=planned, quote=quote, prefix=prefix, meeting=meeting,
        meeting_why=meeting_why, entities=entities, date=stated[0] if stated else None,
        other_dates=[d for d in written if not stated or d is not stated[0]])


def _meeting(base, names: Names, passage: Passage, mentions: list[Mention],
             default: Mention | None) -> tuple[Mention | None, str]:
    """Return the meeting of a sentence and how it was found."""
    named = [m for m in mentions if m.kind == "meetings"]
    norm = normalise(passage.text)
    named = [m for m in named if not _to_come(norm, m)] or (
        [] if default is not None else named)
    if named:
        meetings = base.vocab["meetings"]
        ids = {m.id for m in named}
        # The most specific: a session named with the meeting it was part of.
        for mention in named:
            parent = meetings[mention.id].get("part_of")
            if parent in ids:
                return mention, f'named: "{mention.words}"'
        return named[0], f'named: "{named[0].words}"'
    likely = names.likely_meeting(passage.text)
    if likely is not None:
        return likely, f"guess: the sentence paraphrases \"{likely.words}\""
    if default is not None:
        return default, f"guess: {default.words}"
    return None, ""


_COMING_BEFORE = re.compile(r"\b(upcoming|next|planned|forthcoming|future)\s+(\S+\s+){0,2}$",
                            re.I)
_COMING_AFTER = re.compile(r"^[^.;]{0,40}?\b(scheduled|to be held|to take place|will be held|"
                           r"later this)\b", re.I)


def _to_come(text: str, mention: Mention) -> bool:
    """Whether the text names the meeting as one still to come."""
    return bool(_COMING_BEFORE.search(text[max(0, mention.start - 40):mention.start]) or
                _COMING_AFTER.search(text[mention.end:mention.end + 60]))


def _kind(text: str, entities: dict, names_meeting: bool) -> tuple[str, str]:
    """Return a guessed kind and why."""
    if "initiatives" in entities or _OUTCOME.search(text):
        word = entities["initiatives"][0].words if "initiatives" in entities else \
            _OUTCOME.search(text).group()
        return "initiative", f'guess: "{word}"'
    if _SPEECH.search(text):
        return "statement", f'guess: "{_SPEECH.search(text).group()}"'
    if _MEETING.search(text) and (names_meeting or "delegat" in text.lower()):
        return "meeting", f'guess: "{_MEETING.search(text).group()}"'
    if "partners" in entities:
        return "engagement", f'guess: names {entities["partners"][0].words}'
    if "crime_types" in entities and _PRIORITY.search(text):
        return "priority", f'guess: "{entities["crime_types"][0].words}"'
    return "context", "guess: no meeting, outcome, speaker or partner named"


def _quote(passage: Passage) -> tuple[str | None, str | None]:
    """Return the sentence as a quote and the prefix that makes it unique, if needed."""
    source = passage.source
    quote = " ".join(passage.text.split())
    found = locate(source, quote)
    if isinstance(found, Location):
        return (quote, None) if found.start == passage.start else (None, None)
    if getattr(found, "reason", "") != "ambiguous":
        return None, None
    before = normalise(source.seed.text[source.span[0]:passage.start]).split()
    for count in range(1, min(12, len(before)) + 1):
        prefix = " ".join(before[-count:])
        found = locate(source, quote, prefix=prefix)
        if isinstance(found, Location) and found.start == passage.start:
            return quote, prefix
    return None, None


def _quote_time_words(text: str) -> tuple[str, tuple[str, ...]]:
    """Return `text` with each relative time word not yet in quotation marks put in
    them (the source's words, read against its own day), and those words."""
    from briefing.factbase.when import RELATIVE, relative_words

    bare = [w.words for w in relative_words(text) if not w.quoted]
    if not bare:
        return text, tuple(w.words for w in relative_words(text))
    quoted = RELATIVE.sub(lambda m: f"“{m.group()}”" if m.group() in bare else m.group(),
                          text)
    return quoted, tuple(w.words for w in relative_words(text))


def _fact_text(sentence: str) -> str:
    text = " ".join(sentence.split())
    if not re.search(r"[.!?]['\"’”)]*$", text):
        text += "."
    return text


def _new_id(passage: Passage, taken: set[str]) -> str:
    from briefing.curate.names import slug

    words = [w for w in slug(normalise(passage.text)).split("-") if w and w not in _STOP][:5]
    base = "-".join([passage.source.id.lower(), *words])[:48].rstrip("-")
    base = base if ID_PATTERN.match(base) else f"fact-{passage.line}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
