"""A figure as a ReportLab Drawing: the PDF embeds the plan of `layout` as vectors."""

from __future__ import annotations

from briefing import model as m
from briefing.writers.figure.layout import SIZE, Circle, Line, Poly, Rect, layout
from briefing.writers.fonts import FONT


def drawing(figure: m.Figure, width: float | None = None):
    """Return `figure` as a ReportLab Drawing (vectors), scaled to `width` if given."""
    from reportlab.graphics.shapes import Circle as RCircle
    from reportlab.graphics.shapes import Drawing, Group, Polygon, String
    from reportlab.graphics.shapes import Line as RLine
    from reportlab.graphics.shapes import Rect as RRect
    from reportlab.lib.colors import HexColor

    def col(value):
        return HexColor(value) if value else None

    plan = layout(figure)
    scale = (width or plan.width) / plan.width
    group = Group()
    for it in plan.items:
        if isinstance(it, Rect):
            group.add(RRect(it.x, it.y, it.w, it.h, fillColor=col(it.fill),
                            strokeColor=col(it.stroke), strokeWidth=it.width))
        elif isinstance(it, Line):
            group.add(RLine(it.x1, it.y1, it.x2, it.y2, strokeColor=col(it.stroke),
                            strokeWidth=it.width, strokeDashArray=list(it.dash) if it.dash
                            else None))
        elif isinstance(it, Poly):
            group.add(Polygon(list(it.points), fillColor=col(it.fill),
                              strokeColor=col(it.stroke), strokeWidth=it.width))
        elif isinstance(it, Circle):
            group.add(RCircle(it.cx, it.cy, it.r, fillColor=col(it.fill),
                              strokeColor=col(it.stroke), strokeWidth=it.width))
        else:
            group.add(String(it.x, it.y, it.text, fontName=it.font, fontSize=it.size,
                             fillColor=col(it.color), textAnchor=it.anchor))
    group.scale(scale, scale)
    # The initial font is set on the page too: make it an embedded one, not Helvetica.
    out = Drawing(plan.width * scale, plan.height * scale, initialFontName=FONT,
                  initialFontSize=SIZE)
    out.add(group)
    return out
