"""The vocabulary ids a sentence's words name, and the names no vocabulary knows.

Every name, short name and alias of the vocabularies a fact can name is a term; so is a
numbered meeting's ordinal with its series' name ("9th ASEAN Ministerial Meeting on
Transnational Crime"). A term without lower-case letters (an acronym: "SOMTC", "EU")
matches with its case; any other term matches whatever its case ("Asean Ministerial
Meeting On Transnational Crime"), always as whole words, and where two terms overlap the
longer wins. Meetings are also recognised by their name's distinctive words when the
sentence paraphrases it (rapidfuzz), which is a guess the proposal marks as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from briefing.factbase.textnorm import normalise

# The vocabularies a fact names ids of, as the fact field that holds them.
FIELDS = {"meetings": "meeting", "crime_types": "crime_types", "partners": "partners",
          "member_states": "member_states", "people": "people",
          "initiatives": "initiatives", "organisations": "organisations"}
_ORDINAL = {1: "st", 2: "nd", 3: "rd"}


def ordinal(number: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st, ..."""
    suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True)
class Mention:
    """A vocabulary entry named in a text: which, where (in the normalised text), how."""

    kind: str  # the vocabulary: meetings, partners, ...
    id: str
    start: int
    end: int
    words: str  # the words as the text writes them
    guessed: bool = False  # found by likeness, not by a name


class Names:
    """Every term of the vocabularies, ready to find in sentences."""

    def __init__(self, vocab):
        self.vocab = vocab
        terms: dict[str, tuple[str, str]] = {}  # term -> (kind, id); first entry wins
        for kind in FIELDS:
            for entry in vocab[kind].values():
                for term in self._terms(kind, entry):
                    terms.setdefault(normalise(term), (kind, entry.id))
        self.terms = terms
        exact = sorted((t for t in terms if not any(c.islower() for c in t)), key=len,
                       reverse=True)
        loose = sorted((t for t in terms if any(c.islower() for c in t)), key=len,
                       reverse=True)
        self._exact = _alternation(exact, 0)
        self._loose = _alternation(loose, re.IGNORECASE)
        self._folded = {t.casefold(): v for t, v in terms.items()}
        # Every word of every term, and every term: a new name that is one of those words,
        # or part of a term, is a known name's part ("Wang" of "Wang Yi").
        self.words = {w.strip("(),.'’") for t in terms for w in t.split()}
        self.words |= {"\0" + t.casefold() for t in terms}

    def _terms(self, kind: str, entry) -> list[str]:
        terms = [entry.name, *( [entry.short] if entry.short else []), *entry.aliases]
        if kind == "meetings" and entry.get("number") and entry.get("series"):
            series = self.vocab["series"].get(entry.get("series"))
            if series is not None:
                terms.append(f"{ordinal(entry.get('number'))} {series.name}")
        if kind == "people":
            native = entry.get("native_name")
            if native:
                terms.append(native)
        if kind == "meetings":
            # "13th SOMTC+Canada" is written "13th SOMTC + Canada"; "21st SOMTC + Japan
            # Consultation" also without "Consultation".
            terms += [re.sub(r"\s*\+\s*", " + ", t) for t in terms if "+" in t]
            terms += [t[:-len(" Consultation")] for t in terms if t.endswith(" Consultation")]
        # A one-letter term, or a two-letter one in lower case, finds too much by chance.
        return [t for t in terms if isinstance(t, str) and
                (len(t) > 2 or (len(t) == 2 and not any(c.islower() for c in t)))]

    def find(self, text: str) -> list[Mention]:
        """Return the mentions in `text` (normalised first), in order, overlaps resolved.

        An acronym in brackets after a name ("Political-Security Community (APSC)
        Council") is read as if it were not there too, so the name still matches.
        """
        text = normalise(text)
        found = self._matches(text, range(len(text) + 1))
        bare, kept = _without_brackets(text)
        if kept is not None:
            found += [m for m in self._matches(bare, kept) if not any(
                f.id == m.id for f in found)]
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                if mention.end - mention.start > kept[-1].end - kept[-1].start:
                    kept[-1] = mention
                continue
            kept.append(mention)
        return kept

    def _matches(self, text: str, offsets) -> list[Mention]:
        """Return every term matched in `text`, at the offsets `offsets` maps to."""
        found = []
        for pattern, exact in ((self._exact, True), (self._loose, False)):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                words = match.group(1)
                kind, entry_id = (self.terms[words] if exact else
                                  self._folded[words.casefold()])
                found.append(Mention(kind, entry_id, offsets[match.start(1)],
                                     offsets[match.end(1) - 1] + 1, words))
        return found

    def likely_meeting(self, text: str, least: float = 85.0) -> Mention | None:
        """Return the meeting whose name the text paraphrases best (a guess), if any:
        most of the name's words among the text's, and the text speaks of a meeting."""
        text = normalise(text)
        if not _MEETING_WORDS.search(text):
            return None
        best = None
        for entry in self.vocab["meetings"].values():
            number = entry.get("number")
            if number and not re.search(rf"\b{ordinal(number)}\b", text):
                continue  # another meeting of its series
            score = fuzz.token_set_ratio(entry.name, text, processor=str.lower)
            if score >= least and (best is None or score > best[0]):
                best = (score, entry)
        if best is None:
            return None
        return Mention("meetings", best[1].id, 0, 0, best[1].name, guessed=True)


_MEETING_WORDS = re.compile(r"\b(meeting|meetings|session|consultation|retreat|summit|"
                            r"conference|workshop|forum)\b", re.I)
_BRACKETED = re.compile(r" \([A-Z][A-Za-z+-]{1,9}\)")


def _without_brackets(text: str):
    """Return `text` without bracketed acronyms, and each kept character's offset in
    `text` (None when there are none)."""
    if not _BRACKETED.search(text):
        return text, None
    kept: list[int] = []
    parts = []
    pos = 0
    for match in _BRACKETED.finditer(text):
        parts.append(text[pos:match.start()])
        kept.extend(range(pos, match.start()))
        pos = match.end()
    parts.append(text[pos:])
    kept.extend(range(pos, len(text) + 1))
    return "".join(parts), kept


def _alternation(terms: list[str], flags: int):
    if not terms:
        return None
    body = "|".join(re.escape(t) for t in terms)
    return re.compile(rf"(?<![\w+])({body})(?![\w])", flags)


# Words that start a sentence, or title a person, without being names themselves.
_NOT_NAMES = frozenset("""
    A An The This That These Those He She It They We I You His Her Its Their Our
    In On At Of For From By With As To And Or But If When While During After Before Since
    Following According Speaking Delivering Meanwhile However Also Last Next Recently
    Several Some Many Most All Both Each Other Such Further Earlier Later Today Yesterday
    Mr Mrs Ms Dr Prof Datuk Seri Tan Sri Dato Datin Tun General Gen Pol Maj Lt Col Capt
    Minister Ministers Deputy Vice Prime President Secretary Secretary-General Chairman
    Chair Director Head Chief Ambassador Senior Officials Officer Delegates Delegation
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
""".split())
# Words that belong in names but are no name alone ("Chinese Foreign [Minister]").
_NOT_ALONE = frozenset("""
    ASEAN Asean Foreign Home Affairs Public Security Justice Interior Defence National Royal
    Chinese Malaysian Vietnamese Thai Indonesian Filipino Philippine Singaporean Cambodian
    Lao Laotian Burmese Bruneian Japanese Korean Indian Australian American Russian
    European Canadian British Asian Southeast Regional International
""".split())
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
# Lower-case words inside a name ("Ministry of Home Affairs", "Office on Drugs and
# Crime"); "the" is not one: "Wongsakul of the Royal Thai Police" is two names.
_CONNECTORS = frozenset({"of", "and", "for", "on", "bin", "binti", "de", "da", "van"})
# Head words that tell which vocabulary a new name belongs in.
KIND_WORDS = {
    "organisations": ("Police", "Ministry", "Secretariat", "Agency", "Office", "Department",
                      "Council", "Academy", "Bureau", "Commission", "Force", "Forces",
                      "Institute", "Authority", "Centre", "Center", "University", "Court",
                      "Customs", "Immigration", "Guard", "Navy", "Army", "Association"),
    "meetings": ("Meeting", "Summit", "Conference", "Consultation", "Workshop", "Forum",
                 "Retreat", "Dialogue", "Session", "Symposium"),
    "initiatives": ("Declaration", "Plan", "Roadmap", "Convention", "Statement", "Agreement",
                    "Memorandum", "Treaty", "Framework", "Strategy", "Programme", "Initiative",
                    "Blueprint", "Handbook", "Database", "Vision", "Communiqué", "Communique"),
}
_TITLES = ("Minister", "Gen.", "General", "Dr.", "Datuk", "Seri", "Mr", "Ms", "Mrs",
           "President", "Secretary", "Ambassador", "Maj.", "Pol.", "Director", "Chief")


@dataclass(frozen=True)
class NewName:
    """A capitalised phrase that no vocabulary knows, and the vocabulary it may belong in."""

    words: str
    kind: str | None  # a guess from its head word or a title before it; None: unknown


def unknown_names(text: str, mentions: list[Mention], known_words=frozenset()) -> list[NewName]:
    """Return the capitalised phrases of `text` (normalised) outside every mention. Left
    out: a phrase that is one word of `known_words` or part of a known term (`Names.words`
    holds both), a sentence's first word unless more of the name follows it, and every
    phrase of a headline in title case ("ASEAN Must Work Closer Together")."""
    terms = [w[1:] for w in known_words if w.startswith("\0")]
    text = normalise(text)
    tokens = [w for w in text.split() if w[:1].isalpha()]
    if len(tokens) >= 4 and sum(w[0].isupper() for w in tokens) >= 0.7 * len(tokens):
        return []
    # A country's name may stand inside a new one ("Royal Malaysia Police"); other
    # mentions end a phrase.
    countries = [(m.start, m.end) for m in mentions
                 if m.kind in ("member_states", "partners") and not m.guessed]
    taken = [(m.start, m.end) for m in mentions if not m.guessed and
             (m.start, m.end) not in countries]
    country_words: set[str] = set()
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    first_word = words[0][0] if words else -1
    found: list[NewName] = []
    run: list[tuple[int, int, str]] = []

    def close(before: str) -> None:
        while run and run[-1][2].strip(",;:()\"'“”‘’").lower() in _CONNECTORS:
            run.pop()
        if run:
            phrase = " ".join(w for _, _, w in run).strip(",;:()?!\"'“”‘’.")
            phrase = re.sub(r"'s$", "", phrase)
            parts = [re.sub(r"'s$", "", w.strip("(),.'’")) for w in phrase.split()]
            rest = parts[1:] if run[0][0] == first_word else parts
            folded = phrase.casefold()
            if len(parts) == 1 and parts[0] in known_words:
                pass  # a known name's part ("Wang" of "Wang Yi", "AMMTC" of "9th AMMTC")
            elif any(folded in term for term in terms):
                pass  # a known name shortened ("Strategic Plan" of "APSC Strategic Plan 2045")
            elif len(phrase) > 2 and not all(w in _NOT_NAMES or w in _NOT_ALONE or
                                              w in _CONNECTORS or w in country_words
                                              for w in rest):
                found.append(NewName(phrase, _kind_of(phrase, before)))
        run.clear()

    before = ""
    for index, (start, end, word) in enumerate(words):
        bare = word.strip(",;:()?!\"'“”‘’")
        inside = any(s < end and start < e for s, e in taken)
        if any(s < end and start < e for s, e in countries):
            country_words.add(re.sub(r"'s$", "", bare.strip(".")))
        capital = bool(_CAPITALISED.match(bare)) and bare.rstrip(".") not in _NOT_NAMES
        connector = (bool(run) and bare in _CONNECTORS and
                     run[-1][2].lower() not in _CONNECTORS)
        if capital and not inside:
            if not run:
                before = " ".join(w for _, _, w in words[max(0, index - 2):index])
            run.append((start, end, bare))
            if word[-1:] in ",;:)\"”’":  # punctuation ends the name
                close(before)
            continue
        if connector and not inside:
            run.append((start, end, bare))
            continue
        close(before)
    close(before)
    return list({n.words: n for n in found}.values())


def _kind_of(phrase: str, before: str) -> str | None:
    words = phrase.split()
    for kind, heads in KIND_WORDS.items():
        if any(w in heads for w in words):
            return kind
    if any(t in before.split() for t in _TITLES) or any(w in _TITLES for w in words[:1]):
        return "people"
    return None


def slug(text: str) -> str:
    """Return an id made of `text`: lower-case ASCII letters, digits and hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-") or "entry"
