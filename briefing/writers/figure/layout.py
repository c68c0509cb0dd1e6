"""A figure's layout: `layout(figure)` turns a `model.Figure` into a `Plan`, a list of
simple shapes and labels in points, origin at the bottom left, `WIDTH` wide.

`vector.drawing` and `raster.png` draw the same plan, so both show the same colours,
fonts (the shipped Noto Sans) and positions. Marks differ by shape and fill, not only
by hue, so the figures read in greyscale print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing import model as m
from briefing.writers.fonts import BOLD, FONT, ITALIC, register_fonts

WIDTH = 468.0  # points (6.5 in): fits the text column of A4 and Letter pages
DPI = 240  # of the PNG; the DOCX shows it at WIDTH, so it prints at this resolution

INK, ACCENT, MUTED = "#1A1A1A", "#1F3A5F", "#5A6270"
GRID, ZEBRA, LINK = "#C3CAD3", "#F1F4F8", "#1B4F8F"
MID, LIGHT, DIFFER = "#7E9CC0", "#D5DFEB", "#9A5B00"
SIZE, NOTE_SIZE = 7.5, 6.5  # label and note-number font sizes

# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.6


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID
    width: float = 0.5
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class Poly:
    points: tuple[float, ...]  # x1, y1, x2, y2, ...
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.8


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.8


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # the baseline
    text: str
    font: str = FONT
    size: float = SIZE
    color: str = INK
    anchor: str = "start"  # "start", "middle" or "end" of the text at x


@dataclass
class Plan:
    """What to draw, in points; `height` is known once the layout is done."""

    width: float = WIDTH
    height: float = 0.0
    items: list = field(default_factory=list)


# ---------------------------------------------------------------- text helpers


def note_text(refs) -> str:
    """Return note numbers as a reader scans them: "3, 7–9, 12" (sorted, runs joined)."""
    nums = sorted({r.number if isinstance(r, m.NoteRef) else r for r in refs})
    parts, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{nums[i]}\u2013{nums[j]}")
        else:
            parts.extend(str(n) for n in nums[i:j + 1])
        i = j + 1
    return ", ".join(parts)


def wrap(text: str, font: str, size: float, width: float, sep: str = " ") -> list[str]:
    """Return `text` broken at `sep` into lines no wider than `width` where possible."""
    lines: list[str] = []
    for word in text.split(sep):
        trial = f"{lines[-1]}{sep}{word}" if lines else word
        if lines and stringWidth(trial, font, size) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return [ln.strip() for ln in lines] or [""]


def _text_block(plan: Plan, lines, x, top, font=FONT, size=SIZE, color=INK,
                anchor="start", leading=None) -> float:
    """Add lines of text whose first line's top is at `top`; return the last baseline."""
    leading = leading or size * 1.22
    y = top - size * 0.95
    for line in lines:
        plan.items.append(Label(x, y, line, font, size, color, anchor))
        y -= leading
    return y + leading


# ---------------------------------------------------------------- marks


def _mark(plan: Plan, kind: str, cx: float, cy: float, s: float = 3.6) -> None:
    """Add the glyph of a mark kind centred at (cx, cy)."""
    if kind in ("met", "priority"):
        plan.items.append(Rect(cx - s, cy - s, 2 * s, 2 * s, ACCENT, ACCENT))
    elif kind == "cooperation":
        plan.items.append(Circle(cx, cy, s, MID, ACCENT, 0.9))
    elif kind in ("named", "raised"):
        plan.items.append(Circle(cx, cy, s * 0.85, "#FFFFFF", ACCENT, 1.1))
    elif kind == "day":
        plan.items.append(Poly((cx - s, cy, cx, cy + s, cx + s, cy, cx, cy - s), ACCENT,
                               ACCENT))
    elif kind == "approx":
        plan.items.append(Rect(cx - s * 1.6, cy - s * 0.8, s * 3.2, s * 1.6, LIGHT, ACCENT))
    elif kind == "differ":
        plan.items.append(Poly((cx - s, cy, cx, cy + s, cx + s, cy, cx, cy - s), "#FFFFFF",
                               DIFFER, 1.2))


def _legend(plan: Plan, legend, top: float, x0: float = 0.0) -> float:
    """Add the legend under `top`: each mark kind with its meaning, then what the small
    numbers are. Return the bottom of the legend."""
    y = top - 6
    x = x0
    row_h = 11.0
    for kind, text in legend:
        w = 14 + stringWidth(text, FONT, 7) + 14
        if x > x0 and x + w > WIDTH:
            x, y = x0, y - row_h
        _mark(plan, kind, x + 5, y - 4.2, 3.2)
        plan.items.append(Label(x + 12, y - 6.6, text, FONT, 7, INK))
        x += w
    y -= row_h
    plan.items.append(Label(x0, y - 6.6, "Numbers beside a mark: the notes of the facts "
                            "behind it", ITALIC, 6.8, MUTED))
    return y - 10


# ---------------------------------------------------------------- layouts


def layout(figure: m.Figure) -> Plan:
    """Return the plan of `figure`, laid out at `WIDTH` points."""
    register_fonts()
    if figure.kind == "timeline":
        return _timeline(figure)
    return _matrix(figure)


def _flip(plan: Plan, items: list, height: float, top: float = 4.0) -> None:
    """Set the plan's height and move items laid out downwards from y=0 into place,
    `top` points under the top edge."""
    plan.height = height + top
    moved = []
    for it in items:
        if isinstance(it, Rect):
            moved.append(Rect(it.x, it.y + height, it.w, it.h, it.fill, it.stroke, it.width))
        elif isinstance(it, Line):
            moved.append(Line(it.x1, it.y1 + height, it.x2, it.y2 + height, it.stroke,
                              it.width, it.dash))
        elif isinstance(it, Poly):
            pts = tuple(v + height if i % 2 else v for i, v in enumerate(it.points))
            moved.append(Poly(pts, it.fill, it.stroke, it.width))
        elif isinstance(it, Circle):
            moved.append(Circle(it.cx, it.cy + height, it.r, it.fill, it.stroke, it.width))
        else:
            moved.append(Label(it.x, it.y + height, it.text, it.font, it.size, it.color,
                               it.anchor))
    plan.items = moved


def _matrix(fig: m.Figure) -> Plan:
    """Rows (partners or crime types) by columns (meetings); y runs down from 0."""
    plan = Plan()
    label_w = min(max(stringWidth(r, FONT, SIZE) for r in fig.rows) + 10, 150.0)
    col_w = min((WIDTH - label_w) / max(len(fig.columns), 1), 96.0)
    grid_w = label_w + col_w * len(fig.columns)
    heads = [wrap(c, BOLD, SIZE, col_w - 6) for c in fig.columns]
    head_h = max(len(h) for h in heads) * SIZE * 1.22 + 6
    for i, lines in enumerate(heads):  # bottom-aligned, centred on the column
        cx = label_w + col_w * (i + 0.5)
        _text_block(plan, lines, cx, -head_h + 3 + len(lines) * SIZE * 1.22,
                    BOLD, SIZE, ACCENT, "middle")
    by_cell = {(k.row, k.col): k for k in fig.marks}
    y = -head_h
    plan.items.append(Line(0, y, grid_w, y, ACCENT, 0.8))
    for r, row in enumerate(fig.rows):
        names = wrap(row, FONT, SIZE, label_w - 8)
        notes = {c: wrap(note_text(k.notes), FONT, NOTE_SIZE, col_w - 22, ", ")
                 for (rr, c), k in by_cell.items() if rr == r}
        lines = max([len(names)] + [len(n) for n in notes.values()])
        h = max(15.0, lines * 8.4 + 6)
        if r % 2:
            plan.items.insert(0, Rect(0, y - h, grid_w, h, ZEBRA))
        _text_block(plan, names, 2, y - (h - len(names) * SIZE * 1.22) / 2, size=SIZE)
        for c, text in sorted(notes.items()):
            x0 = label_w + col_w * c
            _mark(plan, by_cell[(r, c)].kind, x0 + 10, y - min(h / 2, 7.5))
            _text_block(plan, [t + ("," if i < len(text) - 1 else "")
                               for i, t in enumerate(text)],
                        x0 + 18, y - min(h / 2, 7.5) + 4.2, FONT, NOTE_SIZE, LINK,
                        leading=8.4)
        y -= h
        plan.items.append(Line(0, y, grid_w, y, GRID, 0.4))
    for i in range(len(fig.columns) + 1):
        x = label_w + col_w * i
        plan.items.append(Line(x, -head_h, x, y, GRID, 0.4))
    bottom = _legend(plan, fig.legend, y - 4)
    _flip(plan, plan.items, -bottom + 2)
    return plan


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def _months(first: str, last: str) -> list[date]:
    """Return the first day of each month from `first`'s month to the month after `last`."""
    y, mo = int(first[:4]), int(first[5:7])
    out = []
    end = date.fromisoformat(last)
    while True:
        d = date(y, mo, 1)
        out.append(d)
        if d > end:
            return out
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)


def _timeline(fig: m.Figure) -> Plan:
    """Meetings down the side, a date axis across, the stated dates in words at right."""
    plan = Plan()
    rows = {}
    for k in fig.marks:
        rows.setdefault(k.row, []).append(k)
    label_w = min(max(stringWidth(r, FONT, SIZE) for r in fig.rows) + 10, 128.0)
    text_w = 132.0
    ax0, ax1 = label_w + 8, WIDTH - text_w - 10
    dated = [r for r in range(len(fig.rows)) if any(k.start for k in rows.get(r, ()))]
    months = _months(*fig.axis) if dated else []
    d0 = months[0].toordinal() if months else 0
    d1 = months[-1].toordinal() if months else 1

    def x_of(day: int) -> float:
        return ax0 + (ax1 - ax0) * (day - d0) / max(d1 - d0, 1)

    y = 0.0
    undated_started = False
    for r, name in enumerate(fig.rows):
        marks = rows.get(r, [])
        is_dated = r in dated
        if not is_dated and not undated_started:
            y = _axis(plan, months, x_of, y, ax0, ax1) if dated else y
            undated_started = True
            y -= 4
            plan.items.append(Label(0, y - 8, "Date not stated", BOLD, SIZE, ACCENT))
            y -= 12
        names = wrap(name, FONT, SIZE, label_w - 6)
        texts = [(_words_and_notes(k.label or "date not stated", note_text(k.notes),
                                   ITALIC if k.kind in ("differ", "undated") else FONT,
                                   text_w), k.kind) for k in marks]
        n_lines = max([len(names)] + [sum(len(t) for t, _ in texts)])
        h = max(15.0, n_lines * SIZE * 1.22 + 5)
        if r % 2 == 0:
            plan.items.insert(0, Rect(0, y - h, WIDTH, h, ZEBRA))
        _text_block(plan, names, 2, y - (h - len(names) * SIZE * 1.22) / 2)
        ty = y - (h - n_lines * SIZE * 1.22) / 2
        for (lines, kind), k in zip(texts, marks):
            # Each mark sits level with its words, so two marks of one meeting (a first
            # day the sources differ on) never hide each other.
            cy = ty - SIZE * 0.95 + SIZE * 0.33
            if is_dated and k is marks[0]:
                plan.items.append(Line(ax0, cy, ax1, cy, GRID, 0.4, (1.5, 2)))
            color = DIFFER if kind == "differ" else (MUTED if kind == "undated" else INK)
            font = ITALIC if kind in ("differ", "undated") else FONT
            for i, (words, nums) in enumerate(lines):
                base = ty - SIZE * 0.95 - i * SIZE * 1.22
                x = WIDTH - text_w
                if words:
                    plan.items.append(Label(x, base, words, font, SIZE, color))
                    x += stringWidth(words + "  ", font, SIZE)
                if nums:
                    plan.items.append(Label(x, base, nums, FONT, NOTE_SIZE, LINK))
            ty -= len(lines) * SIZE * 1.22
            if k.start:
                _timeline_mark(plan, k, x_of, cy)
        y -= h
    if dated and not undated_started:
        y = _axis(plan, months, x_of, y, ax0, ax1)
    bottom = _legend(plan, fig.legend, y - 6)
    _flip(plan, plan.items, -bottom + 2)
    return plan


def _words_and_notes(words: str, notes: str, font: str, width: float) -> list[tuple[str, str]]:
    """Return lines of (words, note numbers): the numbers follow the last words, or take
    a line of their own when they do not fit there."""
    lines = [(w, "") for w in wrap(words, font, SIZE, width)]
    last = lines[-1][0]
    if stringWidth(f"{last}  ", font, SIZE) + stringWidth(notes, FONT, NOTE_SIZE) <= width:
        return lines[:-1] + [(last, notes)]
    return lines + [("", n) for n in wrap(notes, FONT, NOTE_SIZE, width, ", ")]


def _timeline_mark(plan: Plan, k: m.FigureMark, x_of, cy: float) -> None:
    """Add a dated mark: a bar over the days it covers, a diamond when that is too short
    to see, a light bar for a month or year known only as such."""
    a, b = x_of(_day(k.start)), x_of(_day(k.end) + 1)
    if k.kind == "approx":
        plan.items.append(Rect(a, cy - 3.2, max(b - a, 3), 6.4, LIGHT, ACCENT, 0.8))
    elif k.kind == "differ" or b - a < 6:
        _mark(plan, k.kind if k.kind == "differ" else "day", (a + b) / 2, cy, 3.8)
    else:
        plan.items.append(Rect(a, cy - 3.2, b - a, 6.4, ACCENT, ACCENT))


def _axis(plan: Plan, months: list[date], x_of, y: float, ax0: float, ax1: float) -> float:
    """Add the date axis at `y`: a tick per month, month names where they fit, years
    under January. Return the y under it."""
    plan.items.append(Line(ax0, y, ax1, y, INK, 0.7))
    step = max(1, min(12, round(22 / max((ax1 - ax0) / max(len(months) - 1, 1), 1))))
    for i, d in enumerate(months):
        x = x_of(d.toordinal())
        plan.items.append(Line(x, y, x, y - 2.5, INK, 0.5))
        if d.month == 1 and i:  # a year boundary runs up through the rows
            plan.items.append(Line(x, y, x, 0, GRID, 0.5))
        if i < len(months) - 1 and (d.month - 1) % step == 0:
            mid = (x + x_of(months[i + 1].toordinal())) / 2 if step == 1 else x
            plan.items.append(Label(mid, y - 9, d.strftime("%b"), FONT, 6.5, MUTED, "middle"))
        if d.month == 1 or i == 0:
            if i < len(months) - 1:
                plan.items.append(Label(x, y - 17, str(d.year), BOLD, 6.8, INK, "start"))
    return y - 22
