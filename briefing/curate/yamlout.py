"""Proposals as fact-file YAML a curator edits: values quoted safely, each guess marked.

Every value is written as a JSON string (which YAML reads as the same string), so a quote
holding `: `, `#` or quotation marks needs no care; the comment after a value says where
it came from: `named` (the sentence's words name it), `written` (the sentence writes the
date), `guess` (inferred: confirm or change it), `draft` (rewrite it).
"""

from __future__ import annotations

import json

from briefing.curate.names import FIELDS, slug
from briefing.curate.propose import Proposal, Proposals

# Fact fields holding lists of ids, in the order a fact file gives them.
_LIST_FIELDS = ("crime_types", "partners", "member_states", "people", "initiatives",
                "organisations")
def quoted(text: str) -> str:
    """Return `text` as a double-quoted YAML scalar that reads back as `text`: JSON's
    escapes, and every other character YAML would not keep as it is (DEL, C1 controls,
    line and paragraph separators) escaped too."""
    return "".join(ch if ch.isprintable() or ch == " " else
                   (f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
                   for ch in json.dumps(text, ensure_ascii=False))


def fact_yaml(p: Proposal) -> str:
    """Return one proposal as a fact-file list item."""
    where = f"{p.passage.source.id}, line {p.passage.line}"
    lines = [f"  # proposed from {where}: confirm each 'guess', rewrite each 'draft'",
             f"  - id: {p.id}",
             f"    kind: {p.kind}  # {p.kind_why}",
             f"    text: {quoted(p.text)}  # draft: one sentence in house style, naming the "
             "actor",]
    if p.meeting is not None:
        lines.append(f"    meeting: {p.meeting.id}  # {p.meeting_why}")
    for field in _LIST_FIELDS:
        mentions = p.entities.get(field, [])
        if mentions:
            how = "; ".join(("guess: " if m.guessed else "named: ") + _short(m.words)
                            for m in mentions)
            lines.append(f"    {field}: [{', '.join(m.id for m in mentions)}]  # {how}")
    if p.time_words:
        words = ", ".join(f'"{w}"' for w in p.time_words)
        lines.append(f"    as_reported: true  # the source's own time words: {words}; "
                     "resolve them to a date it states, or keep them quoted")
    elif p.planned:
        lines.append("    as_reported: true  # dated after its source: tell it as a plan "
                     "('was to be held …')")
    if p.date is not None:
        lines.append(f"    date: {quoted(p.date.iso)}  # written: \"{p.date.words}\"")
    for other in p.other_dates:
        note = ("no year: stays undated unless the text gives one" if other.iso is None
                else f"also written: {other.iso}")
        lines.append(f"    # the sentence writes \"{other.words}\" ({note})")
    lines += ["    citations:",
              f"      - source: {p.passage.source.id}",
              f"        quote: {quoted(p.quote)}"]
    if p.prefix:
        lines.append(f"        prefix: {quoted(p.prefix)}  # the quote occurs more than once")
    return "\n".join(lines) + "\n"


def proposals_yaml(found: Proposals, with_header: bool = True) -> str:
    """Return the proposals as a fact file (or, without the header, as items to append)."""
    parts = []
    if with_header:
        parts.append("# Proposed by `briefing propose`: every fact below quotes its source "
                     "exactly and\n# passes `briefing check`; confirm or correct what is "
                     "marked 'guess' and 'draft'.\nfacts:\n")
    for source_id, line, at in found.datelines:
        parts.append(f"  # {source_id} dateline (line {at}): {line}\n")
    parts += [fact_yaml(p) + "\n" for p in found.facts]
    return "".join(parts)


def new_names_text(found: Proposals) -> str:
    """Return the names no vocabulary knows, as candidate entries (comment lines)."""
    if not found.new_names:
        return ""
    lines = ["# Names in the sentences that no vocabulary knows: candidate entries for "
             "seeds/vocab/ (add those the facts need):"]
    for name, passage in found.new_names:
        file = f"{name.kind}.yaml" if name.kind in FIELDS else "?"
        lines.append(f"#   {file:<20} - {{id: {slug(name.words)}, name: {quoted(name.words)}}}"
                     f"   # {passage.source.id}, line {passage.line}")
    return "\n".join(lines) + "\n"


def _short(words: str) -> str:
    words = " ".join(words.split())
    return f'"{words}"' if len(words) <= 40 else f'"{words[:37]}..."'
