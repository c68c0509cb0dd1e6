"""Note layout: the shortcuts of `NoteLayout` give what their definitions give.

Line breaking against a plain greedy loop over words measured by their font runs,
on texts mixing plain ASCII, curly quotes, accents, Thai and Han words, long words
and stray spaces, in one layout (so that its caches are shared between notes).
"""

from __future__ import annotations

import random

from briefing.writers.fonts import FONT, register_fonts
from briefing.writers.pdf.note_layout import NoteLayout
from briefing.writers.pdf.out import TextOut
from briefing.writers.pdf.scripts import font_runs
from briefing.writers.pdf.widths import Widths, text_width
from briefing.writers.scripts import clusters

WORDS = ["the", "committee", "R000123.", "\u201cThe", "report\u201d.", "caf\u00e9", "line",
         "12:", "\u0e01\u0e32\u0e23\u0e1b\u0e23\u0e30\u0e0a\u0e38\u0e21", "\u4f1a\u8bae",
         "a\u0e01b", "x" * 150, "\u0e01" * 90, "Vi\u1ec7t", "(see)", "\u2014", "\U0001f600x",
         "x\u0301", "\u0e01123"]


def _width(word: str, size: float) -> float:
    return sum(text_width(t, f, size) for t, f in font_runs(word, FONT))


def _reference_lines(layout: NoteLayout, text: str) -> list[str]:
    """Greedy breaking: a line takes words while their widths, each with a space after
    it, summed from the start of the note, stay within the line width plus a space."""
    size, space = layout.size, text_width(" ", FONT, layout.size)
    width = layout.width - layout.num_w
    words = [w for w in text.split(" ") if w]
    starts, total = [], 0.0
    for word in words:
        starts.append(total)
        total += _width(word, size) + space
    starts.append(total)
    lines, i = [], 0
    while i < len(words):
        j = i
        while j < len(words) and starts[j + 1] <= starts[i] + width + space + 1e-6:
            j += 1
        if j == i:
            lines.extend(_cut_like_layout(words[i], width, size))
            i += 1
        else:
            lines.append(" ".join(words[i:j]))
            i = j
    return lines or [""]


def _cut_like_layout(word: str, width: float, size: float) -> list[str]:
    pieces, start, acc, i = [], 0, 0.0, 0
    for unit in clusters(word):
        cw = _width(unit, size)
        if acc + cw > width and i > start:
            pieces.append(word[start:i])
            start, acc = i, 0.0
        acc += cw
        i += len(unit)
    return pieces + [word[start:]]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rnd.choice(WORDS) if rnd.random() < 0.8 else f"R{rnd.randint(0, 10**6):06d}."
                 for _ in range(rnd.randint(0, 60))]
        plain = rnd.random() < 0.5  # half the notes wholly in the body font
        if plain:
            words = [w for w in words if font_runs(w, FONT) == [(w, FONT)]]
        text = " ".join(words)
        out.append(rnd.choice(["", " "]) + text + rnd.choice(["", " "]))
    return out


def test_note_lines_match_greedy_breaking_of_words_measured_by_font_runs():
    register_fonts()
    texts = _texts(7, 400)
    layout = NoteLayout(dict(enumerate(texts)), 300.0, Widths(), TextOut())
    for n, text in enumerate(texts):
        assert layout.lines(n) == _reference_lines(layout, text), text


def test_a_note_counts_as_wholly_in_the_body_font_exactly_when_font_runs_says_so():
    # The layout decides it from the words it measured; draw_list then shows each line
    # in the body font alone, without font runs.
    register_fonts()
    texts = _texts(8, 400)
    layout = NoteLayout(dict(enumerate(texts)), 300.0, Widths(), TextOut())
    for n, text in enumerate(texts):
        layout.lines(n)
        assert layout._is_plain(text) == (font_runs(text, FONT) == [(text, FONT)]), text
