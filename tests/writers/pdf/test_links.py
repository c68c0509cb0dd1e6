"""Internal links: `BriefCanvas.internal_link` and `bookmark_horizontal`, and the pages'
annotation arrays, against ReportLab's own routes (same PDF bytes)."""

from __future__ import annotations

import io
import random

import pytest
from reportlab.pdfgen.canvas import Canvas

from briefing.writers.pdf.links import BriefCanvas, Link


def _moves(canv):
    """Return a canvas state to translate from: a scale, a rotation, a translation."""
    canv.translate(30, 40)
    canv.rotate(17)
    canv.scale(1.5, 0.75)
    return canv


@pytest.mark.parametrize("crop", [False, True])
def test_internal_links_are_the_annotations_reportlab_would_add(crop):
    # The reference route: ReportLab's own rectangle, destination and annotation steps.
    def reference(canv, name, rect):
        canv._addAnnotation(Link(canv._absRect(rect, 1), canv._bookmarkReference(name)))

    def document(link):
        buf = io.BytesIO()
        canv = BriefCanvas(buf, invariant=1, cropMarks=crop)
        rnd = random.Random(3)
        for page in range(3):
            _moves(canv) if page == 1 else canv.translate(10, 20)
            for i in range(40):
                rect = (rnd.uniform(0, 300), rnd.uniform(0, 300), rnd.uniform(300, 500),
                        rnd.uniform(300, 500))
                link(canv, f"note-{rnd.randrange(0, 60, 7)}", rect)
            for i in range(0, 60, 7):
                canv.bookmarkHorizontal(f"note-{i}", 0, i)
            canv.showPage()
        canv.save()
        return buf.getvalue()

    assert document(BriefCanvas.internal_link) == document(reference)


def test_destinations_bound_as_bookmark_horizontal_binds_them():
    def document(bind):
        buf = io.BytesIO()
        canv = BriefCanvas(buf, invariant=1)
        rnd = random.Random(4)
        for page in range(3):
            _moves(canv) if page == 1 else canv.translate(10, 20)
            for i in range(0, 60, 7):
                canv.internal_link(f"note-{page}-{i}", (1, 2, 30, 12))  # before it is bound
                bind(canv, f"note-{page}-{i}", rnd.uniform(-50, 400), rnd.uniform(-50, 700))
                bind(canv, f"again-{i}", 0, i)  # bound again on every page: the last wins
            canv.addOutlineEntry(f"Outline {page}", f"again-{page * 7}", level=0)
            canv.showPage()
        canv.save()
        return buf.getvalue()

    assert document(BriefCanvas.bookmark_horizontal) == document(BriefCanvas.bookmarkHorizontal)


@pytest.mark.parametrize("multiline", [0, 1])
def test_page_annotations_formatted_as_reportlab_formats_them(multiline, monkeypatch):
    from reportlab import rl_config

    def document():
        buf = io.BytesIO()
        canv = BriefCanvas(buf, invariant=1)
        for count in (0, 1, 9, 10, 11, 20, 25):  # one page each
            canv.bookmark_horizontal(f"top-{count}", 0, 700)
            for _ in range(count):
                canv.internal_link(f"top-{count}", (1, 2, 30, 12))
            canv.showPage()
        canv.save()
        return buf.getvalue()

    monkeypatch.setattr(rl_config, "pdfMultiLine", multiline)
    ours = document()
    monkeypatch.setattr(BriefCanvas, "_setAnnotations", Canvas._setAnnotations)
    assert document() == ours
