"""Text for the terminal: tables that fit its width (the command prints them)."""

from __future__ import annotations

import textwrap


def wrapped_table(header: tuple[str, ...], rows: list[tuple[str, ...]],
                  width: int) -> list[str]:
    """Return `rows` under `header` as lines in columns within `width`, each cell
    wrapped to its column: the first column (the text) is the widest, at least two
    fifths of the line; the others keep their natural width while they fit, the widest
    of them narrowed first (never below 10 characters, so a date or a kind stays whole)."""
    gaps = 2 * (len(header) - 1)
    natural = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    others = natural[1:]
    room = max(len(header) * 4, width - gaps - max(width * 2 // 5, 24))
    while sum(others) > room and max(others) > 10:
        widest = others.index(max(others))
        others[widest] -= 1
    first = max(12, width - gaps - sum(others))
    if first > natural[0]:
        first = natural[0]
    widths = [first, *others]
    lines = []
    for row in [header, *rows]:
        cells = [textwrap.wrap(str(c), w, break_on_hyphens=True) or [""]
                 for c, w in zip(row, widths)]
        for i in range(max(len(c) for c in cells)):
            line = "  ".join((c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths))
            lines.append(line.rstrip())
    return lines
