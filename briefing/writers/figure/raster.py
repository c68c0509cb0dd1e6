"""A figure as a PNG: the plan of `layout` painted with Pillow (the DOCX and the Markdown
show it)."""

from __future__ import annotations

import functools
import io

from briefing import model as m
from briefing.writers.figure.layout import DPI, Circle, Line, Poly, Rect, layout
from briefing.writers.fonts import FONT_FILES, font_dir


@functools.lru_cache(maxsize=32)
def png(figure: m.Figure, dpi: int = DPI) -> bytes:
    """Return `figure` as PNG bytes at `dpi` when shown `WIDTH` points wide.

    Painted at twice the size and scaled down (each pixel the mean of four), which smooths
    shapes Pillow draws without anti-aliasing. No timestamp or text chunks: the same
    figure gives the same bytes. Kept for the build, since the DOCX and the Markdown of a
    brief show the same pictures.
    """
    from PIL import Image, ImageDraw, ImageFont

    plan = layout(figure)
    s = dpi / 72 * 2
    size = (round(plan.width * s), round(plan.height * s))
    image = Image.new("RGB", size, "#FFFFFF")
    draw = ImageDraw.Draw(image)
    fonts: dict = {}

    def pt(x, y):
        return x * s, (plan.height - y) * s

    for it in plan.items:
        if isinstance(it, Rect):
            (x0, y1), (x1, y0) = pt(it.x, it.y), pt(it.x + it.w, it.y + it.h)
            draw.rectangle((x0, y0, x1, y1), fill=it.fill,
                           outline=it.stroke, width=max(1, round(it.width * s)) if it.stroke
                           else 0)
        elif isinstance(it, Line):
            _png_line(draw, pt(it.x1, it.y1), pt(it.x2, it.y2), it, s)
        elif isinstance(it, Poly):
            pts = [pt(it.points[i], it.points[i + 1]) for i in range(0, len(it.points), 2)]
            draw.polygon(pts, fill=it.fill, outline=it.stroke,
                         width=max(1, round(it.width * s)))
        elif isinstance(it, Circle):
            cx, cy = pt(it.cx, it.cy)
            r = it.r * s
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=it.fill, outline=it.stroke,
                         width=max(1, round(it.width * s)))
        else:
            key = (it.font, it.size)
            if key not in fonts:
                fonts[key] = ImageFont.truetype(str(font_dir() / FONT_FILES[it.font]),
                                                size=it.size * s)
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[it.anchor]
            draw.text(pt(it.x, it.y), it.text, fill=it.color, font=fonts[key], anchor=anchor)
    image = image.reduce(2)
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(dpi, dpi), optimize=False, compress_level=6)
    return buf.getvalue()


def _png_line(draw, a, b, line: Line, s: float) -> None:
    width = max(1, round(line.width * s))
    if not line.dash:
        draw.line((a, b), fill=line.stroke, width=width)
        return
    on, off = line.dash[0] * s, line.dash[1] * s
    (x0, y0), (x1, y1) = a, b
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 or 1.0
    t = 0.0
    while t < length:
        e = min(t + on, length)
        draw.line(((x0 + (x1 - x0) * t / length, y0 + (y1 - y0) * t / length),
                   (x0 + (x1 - x0) * e / length, y0 + (y1 - y0) * e / length)),
                  fill=line.stroke, width=width)
        t = e + off
