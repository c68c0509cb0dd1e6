"""Line breaking for `FastPara`: greedy, at spaces (and the break opportunities of
unspaced scripts), by prefix sums of word widths and bisection; a word wider than a line
is cut, clusters kept whole (as ReportLab's splitLongWords).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from operator import add

from briefing.writers.pdf.widths import Widths
from briefing.writers.pdf.words import BR, FONT_, SPACE, SUP, TEXT, WIDTH
from briefing.writers.scripts import clusters


def break_lines(words, st, widths: Widths, first: bool, aW: float) -> tuple[list, list]:
    """Return `words` (in style `st`) as lines `aW` wide, and whether each line ends at a
    forced break; `first`: the first part of its paragraph (first-line indent).

    Greedy line breaking (prefix sums and bisection); long words are cut.
    """
    later_w = aW - st.leftIndent - st.rightIndent
    first_w = later_w - (st.firstLineIndent if first else 0)
    words = list(words)
    ws, ss = _metrics(words, st, widths)
    n = len(words)
    prefix = [0.0]
    prefix.extend(accumulate(map(add, ws, ss)))
    smax = max(ss, default=0.0)
    next_br, nxt = [n] * (n + 1), n
    if BR in words:
        for k in range(n - 1, -1, -1):
            if words[k] is BR:
                nxt = k
            next_br[k] = nxt
    lines, ends = [], []  # ends: whether a line ends at a forced break
    i = 0
    while i < n:
        if words[i] is BR:
            lines.append([])
            ends.append(True)
            i += 1
            continue
        limit = first_w if not lines else later_w
        stop = next_br[i]
        j = bisect_right(prefix, prefix[i] + limit + smax + 1e-6, i + 1, stop + 1) - 1
        while j > i and prefix[j] - prefix[i] - ss[j - 1] > limit + 1e-6:
            j -= 1
        if j < stop and ws[j] > later_w + 1e-6:
            # The next word is wider than any line: cut it, from here if there is room.
            room = limit - (prefix[j] - prefix[i])
            if j > i and room < 3 * st.fontSize:
                lines.append(words[i:j])
                ends.append(False)
                i = j
                continue
            chunks = _cut(_pieces(words[j], st, widths), room, later_w, st.fontSize, widths)
            lines.append(words[i:j] + [chunks[0]])
            ends.append(False)
            for chunk in chunks[1:-1]:
                lines.append([chunk])
                ends.append(False)
            if len(chunks) == 1:
                i = j + 1
                continue
            words[j] = chunks[-1]  # the rest starts the next line
            delta = sum(p[WIDTH] for p in chunks[-1]) - ws[j]
            ws[j] += delta
            for k in range(j + 1, n + 1):
                prefix[k] += delta
            i = j
            continue
        if j == i:
            j = i + 1  # narrower first line: let the word stand there alone
        lines.append(words[i:j])
        if j < n and words[j] is BR:
            ends.append(True)
            i = j + 1
        else:
            ends.append(False)
            i = j
    if not lines:
        lines.append([])
        ends.append(False)
    return lines, ends


def _metrics(words, st, widths: Widths):
    """Return each word's width and the width of the space after it."""
    table = widths.table(st.fontName, st.fontSize)
    measure, base, size = widths.measure, st.fontName, st.fontSize
    space = widths(" ", base, size)
    ws = list(map(table.get, words))  # None for new words, tuples and BR
    ss = [space] * len(words)
    i = -1
    while None in ws:  # visit only those (most paragraphs: the word with the marker)
        i = ws.index(None, i + 1)
        word = words[i]
        if word.__class__ is str:
            ws[i] = measure(table, word, base, size)
        elif word is BR:
            ws[i], ss[i] = 0.0, 0.0
        else:
            ws[i], ss[i] = sum(p[WIDTH] for p in word), word[-1][SPACE]
    return ws, ss


def _pieces(word, st, widths: Widths) -> tuple:
    """Return `word` as a tuple of pieces."""
    if word.__class__ is tuple:
        return word
    return ((word, st.fontName, 0, False, widths(word, st.fontName, st.fontSize),
             widths(" ", st.fontName, st.fontSize)),)


def _cut(word, first, limit, size, widths: Widths):
    """Cut a word (pieces) into chunks: `first` wide, then `limit` wide."""
    chunks, cur, acc = [], [], 0.0
    for p in word:
        if p[SUP]:
            if cur and acc + p[WIDTH] > (limit if chunks else first):
                chunks.append(tuple(cur))
                cur, acc = [], 0.0
            cur.append(p)
            acc += p[WIDTH]
            continue
        text, font = p[TEXT], p[FONT_]
        start = i = 0
        for unit in (text if text.isascii() else clusters(text)):  # clusters stay whole
            cw = widths(unit, font, size)
            if acc + cw > (limit if chunks else first) and (i > start or cur):
                if i > start:
                    part = text[start:i]
                    cur.append((part, font, 0, False, widths(part, font, size), p[SPACE]))
                chunks.append(tuple(cur))
                cur, acc, start = [], 0.0, i
            acc += cw
            i += len(unit)
        part = text[start:]
        if part:
            cur.append((part, font, 0, False, widths(part, font, size), p[SPACE]))
    if cur:
        chunks.append(tuple(cur))
    return chunks
