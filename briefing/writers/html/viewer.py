"""A source viewer page: one seed file as the file has it, line by line with numbers,
every passage a note of the brief cites highlighted and linked back to the brief.

The passages are the notes' offsets (`Note.start`, `Note.end`, located at load); the
page never searches the text. A passage is `<mark>` pieces (split at line ends and where
passages overlap), the first with the id `c-N` a note links to; the script marks every
piece of the passage a link lands on. Debris the sources declare is plain grey text;
what no fact cites is plain text.
"""

from __future__ import annotations

import re

from briefing import model as m
from briefing.writers.html.assets import VIEWER_SCRIPT, page_css
from briefing.writers.html.document import banner, brief_file, source_link
from briefing.writers.html.escape import esc


def page(brief: m.Brief, source: m.SourceText) -> bytes:
    """Return the viewer page of `source` for `brief`, UTF-8."""
    meta = brief.meta
    ids = source.source_ids()
    notes = [n for n in brief.notes if n.source_id in ids and n.end > n.start]
    title = f"Source {source.id}: {_name(source)}"
    home = esc(brief_file(meta))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(meta.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)} — {esc(meta.title)}</title>",
        f"<style>{page_css(meta.page_size, meta.classification)}</style>",
        "</head>",
        '<body class="viewer">',
        '<a class="skip" href="#main">Skip to the text</a>',
        banner(meta, "top"),
        '<main id="main">',
        f"<h1>{esc(title)}</h1>",
        f'<p class="cited-in">The file <code>{esc(source.file)}</code> as it is, cited in '
        f'<a href="{home}">{esc(meta.title)}</a>: '
        f"{len(notes)} passage{'s' if len(notes) != 1 else ''} highlighted. "
        f'sha256 <code>{esc(source.sha256)}</code></p>',
        _legend(),
        _text(source, notes, home),
        _passages(source, notes, home),
        "</main>",
        banner(meta, "bottom"),
        f"<script>{VIEWER_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(p for p in parts if p) + "\n").encode("utf-8")


def _name(source: m.SourceText) -> str:
    """Return how the page names its file: the article, or how many and their outlets."""
    segments = source.segments
    if len(segments) == 1:
        return f"{segments[0].outlet or 'Outlet not stated'}, {segments[0].title}"
    outlets = ", ".join(s.outlet or "outlet not stated" for s in segments)
    return f"{len(segments)} articles ({outlets})"


def _legend() -> str:
    return ('<ul class="legend" aria-label="What the colours mean">'
            '<li><mark class="cited">Highlighted</mark>: words a note of the brief cites '
            "(its number links back to the brief)</li>"
            '<li><span class="debris">Grey</span>: web page furniture the sources declare '
            "as debris, never cited</li>"
            "<li>Plain: words no fact cites</li></ul>")


def _text(source: m.SourceText, notes: list[m.Note], home: str) -> str:
    """Return the file's lines, grouped under the segment (article) each belongs to."""
    text = source.text
    starts = [0] + [mt.end() for mt in re.finditer("\n", text)]
    if len(starts) > 1 and starts[-1] == len(text):
        starts.pop()  # the empty text after a final line end is no line
    pieces = _pieces(len(text), notes, source.debris)
    out: list[str] = []
    cursor = 0  # index into pieces
    groups = _groups(source.segments, len(starts))
    for heading, first, last in groups:
        out.append(f'<section class="segment" aria-label="{esc(heading)}">')
        out.append(f'<h2 class="segment-title">{esc(heading)}</h2>')
        for seg in source.segments:
            if seg.first_line == first and seg.url:
                out.append(f'<p class="segment-url">{source_link(seg)}</p>')
        out.append('<div class="text">')
        for line in range(first, last + 1):
            lo = starts[line - 1]
            hi = starts[line] - 1 if line < len(starts) else len(text)
            html, cursor = _line(text, lo, hi, pieces, cursor, home)
            out.append(f'<div class="line" id="l-{line}"><span class="ln" '
                       f'aria-hidden="true">{line}</span><span class="tx">{html}</span></div>')
        out.append("</div></section>")
    return "\n".join(out)


def _groups(segments: tuple[m.Segment, ...], lines: int) -> list[tuple[str, int, int]]:
    """Return (heading, first line, last line) for each run of lines: each segment, and
    the file's lines outside every segment."""
    groups, line = [], 1
    for seg in sorted(segments, key=lambda s: s.first_line):
        if seg.first_line > line:
            groups.append((f"Page text outside the articles, lines {line}–{seg.first_line - 1}",
                           line, seg.first_line - 1))
        bits = [seg.outlet or "Outlet not stated", seg.title, seg.date or "undated"]
        span = (f"line {seg.first_line}" if seg.first_line == seg.last_line
                else f"lines {seg.first_line}–{seg.last_line}")
        groups.append((f"{', '.join(bits)} ({seg.source_id}, {span})", seg.first_line,
                       min(seg.last_line, lines)))
        line = seg.last_line + 1
    if line <= lines:
        groups.append((f"Page text outside the articles, lines {line}–{lines}", line, lines))
    return groups


def _pieces(size: int, notes: list[m.Note], debris) -> list[tuple[int, int, tuple, bool]]:
    """Return the text cut at every passage and debris boundary: (start, end, the notes
    covering it, whether it is debris), for the stretches that are either."""
    cuts = {0, size}
    for n in notes:
        cuts.update((n.start, n.end))
    for lo, hi in debris:
        cuts.update((lo, hi))
    bounds = sorted(c for c in cuts if 0 <= c <= size)
    # Each note's span and each debris span, swept once along the cuts.
    opens: dict[int, list[int]] = {}
    for n in notes:
        opens.setdefault(n.start, []).append(n.number)
    ends = {n.number: n.end for n in notes}
    debris_at: dict[int, int] = {}
    for lo, hi in debris:
        debris_at[lo] = max(hi, debris_at.get(lo, hi))
    pieces, active, debris_end = [], [], -1
    for lo, hi in zip(bounds, bounds[1:]):
        active = [k for k in active if ends[k] > lo] + opens.get(lo, [])
        if lo in debris_at:
            debris_end = max(debris_end, debris_at[lo])
        in_debris = lo < debris_end
        if active or in_debris:
            pieces.append((lo, hi, tuple(sorted(active)), in_debris))
    return pieces


def _line(text: str, lo: int, hi: int, pieces, cursor: int, home: str) -> tuple[str, int]:
    """Return line [lo, hi) as HTML and the index of the first piece after it."""
    if hi > lo and text[hi - 1] == "\n":  # the file's last line end
        hi -= 1
    if hi > lo and text[hi - 1] == "\r":
        hi -= 1
    out, at = [], lo
    while cursor < len(pieces) and pieces[cursor][1] <= lo:
        cursor += 1
    i = cursor
    while i < len(pieces) and pieces[i][0] < hi:
        start, end, covering, in_debris = pieces[i]
        start, stop = max(start, lo), min(end, hi)
        out.append(esc(text[at:start]))
        words = esc(text[start:stop])
        if covering:
            firsts = [n for n in covering if _starts(pieces, i, n) and start == pieces[i][0]]
            links = "".join(
                f'<a class="cite-back" id="c-{n}" href="{home}#ref-{n}" '
                f'aria-label="Note {n}: back to where the brief cites it">{n}</a>'
                for n in firsts)
            out.append(f'{links}<mark class="cited" data-notes="{" ".join(map(str, covering))}">'
                       f"{words}</mark>")
        else:
            out.append(f'<span class="debris">{words}</span>')
        at = stop
        if end > hi:
            break  # the piece goes on in the next line
        i += 1
    out.append(esc(text[at:hi]))
    return "".join(out), i


def _starts(pieces, i: int, number: int) -> bool:
    """Whether note `number`'s passage starts with piece `i` (no earlier piece holds it)."""
    return i == 0 or number not in pieces[i - 1][2] or pieces[i - 1][1] != pieces[i][0]


def _passages(source: m.SourceText, notes: list[m.Note], home: str) -> str:
    """Return the list of cited passages: note, lines, the facts citing it, both ways."""
    if not notes:
        return '<p class="none">No note of this brief cites this file.</p>'
    rows = []
    for n in sorted(notes, key=lambda n: (n.start, n.number)):
        last = n.last_line or n.line
        lines = f"l. {n.line}" if last == n.line else f"ll. {n.line}–{last}"
        facts = ", ".join(esc(f) for f in n.fact_ids)
        rows.append(f'<tr><td><a href="#c-{n.number}">{n.number}</a></td><td>{lines}</td>'
                    f'<td>{facts}</td><td><a href="{home}#ref-{n.number}">in the text</a>, '
                    f'<a href="{home}#note-{n.number}">the note</a></td></tr>')
    return ('<section class="passages" aria-labelledby="passages-title">\n'
            '<h2 id="passages-title">Cited passages</h2>\n<table><thead><tr>'
            '<th scope="col">Note</th><th scope="col">Lines</th>'
            '<th scope="col">Facts citing it</th><th scope="col">In the brief</th></tr>'
            "</thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n</section>")
