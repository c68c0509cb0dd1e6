"""A figure in the DOCX: its PNG as an image part and the inline drawing that shows it.

The picture's `wp:docPr` carries the figure's description as `descr` (Word's and
LibreOffice's alt text) and "Figure N" as its name. Parts are added once per figure
number (`cache`), so the body may be built twice (custom note marks) without duplicating images.
"""

from __future__ import annotations

import io
import struct

from briefing import model as m
from briefing.writers.docx.ooxml import attr
from briefing.writers.figure.layout import WIDTH
from briefing.writers.figure.raster import png

_EMU_PER_PT = 12700
_NS = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')


def png_size(data: bytes) -> tuple[int, int]:
    """Return the pixel width and height of PNG bytes (from the IHDR chunk)."""
    return struct.unpack(">II", data[16:24])


def picture_xml(figure: m.Figure, part, text_width_twips: int, cache: dict) -> str:
    """Return the `w:drawing` showing `figure` inline, its PNG related to `part` once
    (`cache` remembers the relationship and size by figure number)."""
    if figure.number not in cache:
        data = png(figure)
        rid, _image = part.get_or_add_image(io.BytesIO(data))
        cache[figure.number] = (rid, png_size(data))
    rid, (px_w, px_h) = cache[figure.number]
    width_pt = min(WIDTH, text_width_twips / 20)
    cx = int(width_pt * _EMU_PER_PT)
    cy = int(cx * px_h / px_w)
    n = figure.number
    name = f"Figure {n}"
    return (f'<w:drawing {_NS}><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{n}" name="{name}" descr="{attr(figure.alt)}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
            '</wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
            f'picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="figure-{n}.png" '
            f'descr="{attr(figure.alt)}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" '
            f'cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>')
