"""Typography of curated text, applied when a brief is assembled.

`smarten` sets what a typewriter keyboard leaves straight: apostrophes and quotation
marks curly, a spaced hyphen as an en dash, a range of numbers ("2026-2035", "lines
4-9") with an en dash. `NameForms` gives each fact's text one spelling per name: where
the text spells an entity the fact names by one of its aliases, the vocabulary's form is
used. Both apply to curated text (fact sentences, headings, captions, titles), never to
the quoted words of a source, which notes show as the source has them.
"""

from __future__ import annotations

import re
import unicodedata

from briefing.factbase.facts import Fact
from briefing.factbase.vocab import Entry, Vocabulary

_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\d)")  # Malaysia's, Leaders', '90s
_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s(\[{“—–-]))'")
_OPEN_DOUBLE = re.compile(r'(?:^|(?<=[\s(\[{‘—–-]))"')
# A hyphen (or two) with a space each side between words; the spaces are looked at, not
# taken, so "a - - b" sets both.
_SPACED_HYPHEN = re.compile(r"(?<=\S )-{1,2}(?= \S)")
_NUMBER_RANGE = re.compile(r"(?<![\w.\-–])(\d+)-(\d+)(?![\w\-–])")


def smarten(text: str) -> str:
    """Return `text` with curly apostrophes and quotes, and en dashes in ranges and
    between spaced words; text holding none of ' " - comes back as it is."""
    if "'" in text:
        text = _APOSTROPHE.sub("’", text)
        text = _OPEN_SINGLE.sub("‘", text).replace("'", "’")
    if '"' in text:
        text = _OPEN_DOUBLE.sub("“", text).replace('"', "”")
    if "-" in text:
        text = _SPACED_HYPHEN.sub("–", text)
        text = _NUMBER_RANGE.sub(r"\1–\2", text)
    return text


# ---------------------------------------------------------------- names

# Partner kinds that are countries: an alias of theirs that is another name of the
# country ("South Korea") gives way to the vocabulary's name, as a member state's does.
_COUNTRY_KINDS = ("dialogue-partner", "observer")
# Country names with a common noun in them, or plural, take "the" in running text.
_THE_WORDS = {"republic", "kingdom", "states", "union", "federation", "emirates",
              "islands", "isles", "philippines", "netherlands"}


def _fold(text: str) -> str:
    """Return `text` without diacritics, case, spaces or hyphens, to compare spellings."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)
                   and c not in " -‐-\u00a0").casefold()


def _spelled_as(alias: str, name: str) -> str | None:
    """Return the run of `name`'s words that `alias` spells differently ("Luong Tam Quang"
    for "General Lương Tam Quang"), or None when it is not a spelling of part of it."""
    words = name.split()
    target = _fold(alias)
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            run = " ".join(words[i:j])
            if _fold(run) == target:
                return None if run == alias else run
    return None


def _takes_the(name: str) -> bool:
    return any(word.casefold() in _THE_WORDS for word in name.split())


class NameForms:
    """The vocabulary's spelling of the names a fact's text uses (see the module)."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self._rules: dict[tuple[str, str], tuple] = {}

    def text(self, fact: Fact) -> str:
        """Return the fact's text with each entity it names spelled as the vocabulary
        spells it."""
        text = fact.text
        if not (fact.people or fact.member_states or fact.partners):
            return text
        for kind, entity_id in self._named(fact):
            pattern, names = self._rule(kind, entity_id)
            if pattern is not None and pattern.search(text):
                text = pattern.sub(lambda m: _replace(m, names), text)
        return text

    def _named(self, fact: Fact):
        yield from (("people", i) for i in fact.people)
        yield from (("member_states", i) for i in fact.member_states)
        partners = self.vocab["partners"]
        seen = set()
        for pid in fact.partners:
            # A grouping names its members too ("ASEAN Plus Three": China, Japan, ...).
            entry = partners.get(pid)
            for i in (pid, *((entry.get("members") or ()) if entry else ())):
                if i not in seen:
                    seen.add(i)
                    yield "partners", i

    def _rule(self, kind: str, entity_id: str) -> tuple:
        """Return (pattern of every alias to replace, {alias: (replacement, the)})."""
        key = (kind, entity_id)
        rule = self._rules.get(key)
        if rule is None:
            entry = self.vocab[kind].get(entity_id)
            rule = self._rules[key] = _make_rule(kind, entry) if entry else (None, {})
        return rule


def _make_rule(kind: str, entry: Entry) -> tuple:
    country = kind == "member_states" or (
        kind == "partners" and entry.get("kind") in _COUNTRY_KINDS)
    names: dict[str, tuple[str, bool | None]] = {}
    if entry.curators:
        return None, {}  # a name no seed states is never put in for the seeds' words
    for alias in entry.aliases:
        if not alias or alias == entry.name or alias == entry.short:
            continue
        run = _spelled_as(alias, entry.name)
        if run is not None:
            names[alias] = (run, None)  # a spelling: articles stay as they are
        elif country and _fold(alias) not in _fold(entry.name):
            # Another name of the country ("Laos", "South Korea"); one the name holds
            # ("Brunei" in "Brunei Darussalam") is a short form, as "Mohamad Hasan" is.
            names[alias] = (entry.name, _takes_the(entry.name))
    if not names:
        return None, {}
    # The name itself is matched too (first, being longest where it contains an alias),
    # so that an alias inside it ("Korea" in "Republic of Korea") is left alone.
    words = sorted({entry.name, *names}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    pattern = re.compile(rf"(?:\b([Tt]he) )?(?<![\w-])({alternatives})(?![\w-])")
    return pattern, names


def _replace(match: re.Match, names: dict) -> str:
    article, word = match.group(1), match.group(2)
    if word not in names:
        return match.group(0)  # the name as the vocabulary spells it
    replacement, the = names[word]
    if the is None:
        return (f"{article} " if article else "") + replacement
    if not the:
        return replacement  # "the People's Republic of China" -> "China"
    if article:
        return f"{article} {replacement}"
    before = match.string[:match.start(2)].rstrip()
    return ("The " if not before or before.endswith((".", "!", "?")) else "the ") + replacement
