"""Notes: one per cited passage, and the text every format shows for them.

A passage is a source and a located span of it. Citing a passage again reuses its note
(outline option `repeated_notes: reuse`, the default; `repeat` gives each citation a note
of its own). How markers stand in the brief (numbered in reading order, once per row or
item, ranges) is `markers`.

A short note (`note_style: short`, the default) names the source by its outlet, a short
title and its date, then the line and the words; the seed file and its hash are in the
sources list (or, for a brief without one, in the note). `note_style: full` keeps the
older text: outlet and whole title, seed file, line, words.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.factbase.dates import display_date
from briefing.factbase.facts import Fact
from briefing.factbase.sources import Source
from briefing.model import Note, NoteRef

REPEATED_NOTES = ("reuse", "repeat")
NOTE_STYLES = ("short", "full")

# A title this long or shorter is shown whole in a short note; a longer one is cut to
# about `_SHORT` characters at a word boundary (or to its main title, before a colon),
# and a word at a time longer while two sources would read the same.
_WHOLE, _SHORT = 40, 32
# Words a cut title does not end on.
_LINKING = frozenset("a an and as at by for from in into of on or that the to with".split())


def cut_quote(text: str, limit: int) -> str:
    """Return `text` on one line, cut at a word boundary with "…" when over `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else text[:limit]
    return cut.rstrip(" ,;:-–—") + "…"


def _cut_words(words: list[str], count: int) -> str:
    """Return the first `count` words (fewer if the last are linking words) and " …"."""
    while count > 2 and words[count - 1].lower() in _LINKING:
        count -= 1
    return " ".join(words[:count]).rstrip(" ,;:-–—") + " …"


def _first_cut(title: str) -> int:
    """Return how many words of `title` a short note shows at first (all: no cut)."""
    words = title.split()
    if len(title) <= _WHOLE:
        return len(words)
    main = title.split(": ", 1)[0]
    if main != title and len(main.split()) >= 2 and len(main) <= _WHOLE:
        return len(main.split())
    count, length = 0, -1
    for word in words:
        if count >= 2 and length + 1 + len(word) > _SHORT:
            break
        count, length = count + 1, length + 1 + len(word)
    return count


def short_titles(sources) -> dict[str, str]:
    """Return, per source id, its title (or its bracketed description) as a short note
    shows it: cut to a few words with " …", and never the same for two sources whose
    titles differ."""
    full = {s.id: s.title or s.label or "untitled" for s in sources}
    words = {sid: title.split() for sid, title in full.items()}
    counts = {sid: _first_cut(title) for sid, title in full.items()}

    def shown(sid: str) -> str:
        if counts[sid] >= len(words[sid]):
            return " ".join(words[sid])
        return _cut_words(words[sid], counts[sid])

    for _ in range(max((len(w) for w in words.values()), default=0)):
        by_text: dict[str, list[str]] = {}
        for sid in full:
            by_text.setdefault(shown(sid), []).append(sid)
        clash = [sid for ids in by_text.values() if len({full[i] for i in ids}) > 1
                 for sid in ids if counts[sid] < len(words[sid])]
        if not clash:
            break
        for sid in clash:
            counts[sid] += 1
    out = {}
    for source in sources:
        text = shown(source.id)
        out[source.id] = f"‘{text}’" if source.title else f"[{text}]"
    return out


def short_source(source: Source, title: str) -> str:
    """Return how a short note names `source`: outlet (where stated), short title, date."""
    date = display_date(source.date) if source.date else "undated"
    outlet = source.outlet_shown if source.outlet else None
    return ", ".join(p for p in (outlet, title, date) if p)


class NoteBook:
    """Hands out note numbers in the order passages are cited: one note per passage
    (`reuse`), or one per citation (`repeat`)."""

    def __init__(self, sources: dict[str, Source], quote_length: int, reuse: bool = True,
                 style: str = "short", with_file: bool = False):
        self.sources = sources
        self.quote_length = quote_length
        self.reuse = reuse
        self.style = style
        self.with_file = with_file
        self.notes: list[Note] = []
        self._facts: list[list[str]] = []  # per note: the facts citing it
        self._spans: list[tuple[int, int]] = []  # per note: where its words are in the seed
        self._of_fact: dict[str, tuple[NoteRef, ...]] = {}
        self._of_passage: dict[tuple[str, int, int], NoteRef] = {}
        self._of_text: dict[tuple, NoteRef] = {}  # what a note reads -> its marker
        self._names: dict[str, str] = {}  # source id -> how a note names it, built once
        self._short: dict[str, str] | None = None

    def facts_of(self, number: int) -> list[str]:
        """Return the ids of the facts that cite note `number` so far."""
        return self._facts[number - 1]

    def cite_once(self, fact: Fact) -> tuple[NoteRef, ...]:
        """Return the markers of `fact`'s notes already in the brief, or cite it anew.

        A figure points to the notes the text above it already gave its facts, rather
        than repeating a page of identical notes under the drawing.
        """
        return self._of_fact.get(fact.id) or self.cite(fact)

    def cite(self, fact: Fact, statement_only: bool = False) -> tuple[NoteRef, ...]:
        """Return the markers for `fact`'s citations, adding notes for passages not cited
        before (with `repeat`: for every citation). A passage it cites twice is marked
        once. With `statement_only`, the citations that state only its date or place
        (`date_from`, `place_from`) are left out, where a text rests on what the fact
        says and not on when or where (an analyst's judgement)."""
        citations = fact.citations
        if statement_only:
            said = [c for c in citations if not c.role]
            if said and len(said) < len(citations):
                return self._cite(fact, said, keep=False)
        return self._cite(fact, citations, keep=True)

    def _cite(self, fact: Fact, citations, keep: bool) -> tuple[NoteRef, ...]:
        refs: list[NoteRef] = []
        for cit in citations:
            loc = cit.location
            if self.reuse:
                key = (cit.source, loc.start, loc.end)
                ref = self._of_passage.get(key)
                if ref is None:
                    ref = self._of_passage[key] = self._new_note(fact, cit.source, loc)
                else:
                    facts = self._facts[ref.number - 1]
                    if fact.id not in facts:
                        facts.append(fact.id)
                if ref in refs:
                    continue
            else:
                ref = self._new_note(fact, cit.source, loc)
            refs.append(ref)
        markers = tuple(refs)
        if keep:  # what `cite_once` gives: every note of the fact
            self._of_fact.setdefault(fact.id, markers)
        return markers

    def _new_note(self, fact: Fact, source_id: str, loc) -> NoteRef:
        """Return the marker of a new note for the passage at `loc`, or, where a note
        with the very same text exists (two passages that read alike once cut), of that
        note: the reader could not tell them apart."""
        source = self.sources[source_id]
        # The note quotes the seed's own characters, not the curator's typing of them.
        words = source.seed.text[loc.start:loc.end]
        name = self._names.get(source_id)
        if name is None:
            name = self._names[source_id] = self._name(source)
        last = source.seed.position(loc.end - 1)[0] if "\n" in words.rstrip() else loc.line
        number = len(self.notes) + 1
        # Fields by position: matching keywords per note was 4% of assembling a brief of
        # 10,000 facts.
        note = Note(number, (fact.id,), source_id, name, source.file, loc.line,
                    cut_quote(words, self.quote_length), last, self.style, self.with_file,
                    loc.start, loc.end)
        ref = NoteRef(number)
        if self.reuse:
            # Exactly what the note's text shows (cheaper than the text itself).
            full = self.style == "full"
            reads = (name, source.file if full or self.with_file else "", loc.line,
                     0 if full else last, note.quote)
            same = self._of_text.get(reads)
            if same is not None:
                facts = self._facts[same.number - 1]
                if fact.id not in facts:
                    facts.append(fact.id)
                return same
            self._of_text[reads] = ref
        self.notes.append(note)
        self._facts.append([fact.id])
        self._spans.append((loc.start, loc.end))
        return ref

    def _name(self, source: Source) -> str:
        if self.style == "full":
            return source.heading
        if self._short is None:
            self._short = short_titles(self.sources.values())
        return short_source(source, self._short[source.id])

    def finished(self) -> tuple[list[Note], dict[int, int]]:
        """Return the notes, each with every fact that cites it, and the number each note
        handed out now has ({} when none changed).

        With `reuse`, notes whose words overlap in one source are one passage: they
        become one note, numbered as the first of them, quoting the words they cover
        together (cut as any quote is); the numbers after it close up.
        """
        notes = [note if len(facts) == 1 else replace(note, fact_ids=tuple(facts))
                 for note, facts in zip(self.notes, self._facts)]
        into = self._overlapping(notes) if self.reuse else {}
        if not into:
            return notes, {}
        kept: list[Note] = []
        number_of: dict[int, int] = {}
        for i, note in enumerate(notes):
            if i in into:
                continue
            number_of[i + 1] = len(kept) + 1
            kept.append(replace(note, number=len(kept) + 1))
        for i, first in into.items():
            number_of[i + 1] = number_of[first + 1]
        return kept, number_of

    def _overlapping(self, notes: list[Note]) -> dict[int, int]:
        """Merge, in `notes`, each run of notes whose words overlap in one source into its
        first; return {index of a note merged away: index of the note it joined}."""
        by_source: dict[str, list[int]] = {}
        for i, note in enumerate(notes):
            by_source.setdefault(note.source_id, []).append(i)
        into: dict[int, int] = {}
        for source_id, indices in by_source.items():
            if len(indices) < 2:
                continue
            indices.sort(key=self._spans.__getitem__)
            group, end = [indices[0]], self._spans[indices[0]][1]
            for i in indices[1:]:
                start, stop = self._spans[i]
                if start < end:
                    group.append(i)
                    end = max(end, stop)
                    continue
                self._merge(notes, group, end, into)
                group, end = [i], stop
            self._merge(notes, group, end, into)
        return into

    def _merge(self, notes: list[Note], group: list[int], end: int,
               into: dict[int, int]) -> None:
        if len(group) < 2:
            return
        group = sorted(group)
        first = notes[group[0]]
        seed = self.sources[first.source_id].seed
        start = min(self._spans[i][0] for i in group)
        words = seed.text[start:end]
        line = seed.position(start)[0]
        last = seed.position(end - 1)[0] if "\n" in words.rstrip() else line
        facts = tuple(dict.fromkeys(f for i in group for f in notes[i].fact_ids))
        notes[group[0]] = replace(first, fact_ids=facts, line=line, last_line=last,
                                  quote=cut_quote(words, self.quote_length), start=start,
                                  end=end)
        for i in group[1:]:
            into[i] = group[0]
