"""Each item of `rl_internals` against the installed ReportLab.

Every test checks the assumption its item relies on: that the internal exists and means
what the item takes it to mean, and that the short route gives what the public route
gives (the same operators, matrix, annotations, destinations, placement). Each also
checks that the import-time probe bound the fast route, so that a ReportLab release
that changes an internal fails here, by name, rather than only run slower.
"""

from __future__ import annotations

import io
import random
import re

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import doctemplate
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.flowables import Flowable, KeepTogether, Spacer
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import Paragraph

from briefing.writers.fonts import FONT, register_fonts
from briefing.writers.pdf import rl_internals as rl
from briefing.writers.pdf.scripts import FILES, script_font


def _moves(canv):
    """Return `canv` moved to a state to work from: a translation, rotation, scale."""
    canv.translate(30, 40)
    canv.rotate(17)
    canv.scale(1.5, 0.75)
    return canv


def _canvas(**kwds) -> Canvas:
    return Canvas(io.BytesIO(), invariant=1, **kwds)


class _Box(Flowable):
    """A flowable of a given size and spaces that draws a line and notes its frames."""

    def __init__(self, height=10.0, before=0.0, after=0.0, width=None):
        super().__init__()
        self.tall, self.before, self.after, self.wide = height, before, after, width
        self.seen = []  # (frame, available width, available height) per wrap or split

    def wrap(self, aW, aH):
        self.seen.append((rl.frame_of(self), aW, aH))
        return (aW if self.wide is None else self.wide), self.tall

    def split(self, aW, aH):
        self.seen.append((rl.frame_of(self), aW, aH))
        return []

    def getSpaceBefore(self):
        return self.before

    def getSpaceAfter(self):
        return self.after

    def draw(self):
        self.canv.line(0, 0, 10, self.tall)


# ---------------------------------------------------------------------------- canvas

def test_document_of_is_the_document_the_canvas_writes():
    canv = _canvas()
    assert rl.document_of.__name__ == "document_of"  # the probe bound the attribute
    doc = rl.document_of(canv)
    assert isinstance(doc, pdfdoc.PDFDocument) and doc is canv._doc
    assert rl._document_by_type(canv) is doc  # the fallback finds the same
    # It holds the font subsets the canvas's own text goes into.
    register_fonts()
    ttf = pdfmetrics.getFont(FONT)
    canv.setFont(FONT, 10)
    canv.drawString(0, 0, "\u00f1")
    assert ord("\u00f1") in ttf.state[doc].assignments


class _Quick(rl.QuickDrawFlowable):
    def __init__(self, align):
        self.hAlign = align
        self.width, self.height = 20, 10

    def draw(self):
        self.canv.rect(0, 0, self.width, self.height)


@pytest.mark.parametrize("align", ["LEFT", "CENTER", "RIGHT"])
@pytest.mark.parametrize("boundary", [None, 1])
def test_quick_draw_writes_what_flowable_draw_on_writes(align, boundary):
    assert rl.QuickDrawFlowable.drawOn is not Flowable.drawOn  # the probe bound it
    ours, theirs = _moves(_canvas()), _moves(_canvas())
    quick = _Quick(align)
    if boundary:
        quick._showBoundary = boundary
    for x, y, sw in [(10, 20, 0), (3.5, -2, 40), (0, 0, 7.25)]:
        quick.drawOn(ours, x, y, _sW=sw)
        Flowable.drawOn(quick, theirs, x, y, _sW=sw)
        assert ours._code == theirs._code and ours._currentMatrix == theirs._currentMatrix
    assert not hasattr(quick, "canv")


def test_text_position_is_where_the_text_ends_in_an_on_draw_callback():
    canv, got = _canvas(), []
    canv.setNamedCB("end", lambda canv, kind, label: got.append(rl.text_position(canv)))
    style = ParagraphStyle("s", fontName="Helvetica", fontSize=10, leading=12)
    para = Paragraph('Hello <b>world</b> and more words to wrap<onDraw name="end"/>', style)
    _, height = para.wrap(100, 100)
    para.drawOn(canv, 0, 0)
    last = para.blPara.lines[-1]
    lines = len(para.blPara.lines)
    assert lines > 1
    # The end of the last line's text, on its baseline.
    assert got == [(pytest.approx(last.maxWidth - last.extraSpace),
                    pytest.approx(height - style.fontSize - (lines - 1) * style.leading))]
    assert rl.text_position(canv) is None  # only inside the callback


def _annotation(rect, dest):
    return pdfdoc.LinkAnnotation(rect, "", dest, Border="[0 0 0]")


@pytest.mark.parametrize("crop", [False, True])
def test_link_rect_adds_the_annotation_add_annotation_adds(crop):
    assert rl.link_rect.__name__ == "link_rect"  # the probe bound the short route

    def document(link):
        canv = Canvas(buf := io.BytesIO(), invariant=1, cropMarks=crop)
        rnd = random.Random(3)
        for page in range(3):
            _moves(canv) if page == 1 else canv.translate(10, 20)
            for _ in range(30):
                rect = (rnd.uniform(0, 300), rnd.uniform(0, 300), rnd.uniform(300, 500),
                        rnd.uniform(300, 500))
                link(canv, f"d-{rnd.randrange(0, 40, 7)}", rect)
            for i in range(0, 40, 7):
                canv.bookmarkHorizontal(f"d-{i}", 0, i)
            canv.showPage()
        canv.save()
        return buf.getvalue()

    def reference(canv, name, rect):  # linkRect's steps, with the same annotation
        canv._addAnnotation(_annotation(canv._absRect(rect, 1), canv._bookmarkReference(name)))

    assert document(lambda c, n, r: rl.link_rect(c, n, r, _annotation)) == document(reference)


def test_link_rect_leaves_a_taken_name_to_reportlab_to_refuse():
    def taken():
        canv = _canvas()
        canv._doc.addAnnotation("NUMBER1", _annotation((0, 0, 1, 1), canv._bookmarkReference("x")))
        return canv

    with pytest.raises(ValueError, match="redefining named object") as ours:
        rl.link_rect(taken(), "x", (0, 0, 5, 5), _annotation)
    with pytest.raises(ValueError) as theirs:
        taken().linkRect("", "x", (0, 0, 5, 5), relative=1)
    assert str(ours.value) == str(theirs.value)


def test_bind_destination_binds_as_bookmark_horizontal_binds():
    assert rl.bind_destination.__name__ == "bind_destination"  # the probe bound it

    def document(bind):
        canv = Canvas(buf := io.BytesIO(), invariant=1)
        rnd = random.Random(4)
        for page in range(3):
            _moves(canv) if page == 1 else canv.translate(10, 20)
            for i in range(0, 40, 7):
                canv.linkRect("", f"d-{page}-{i}", (1, 2, 30, 12), relative=1)  # unbound yet
                bind(canv, f"d-{page}-{i}", rnd.uniform(-50, 400), rnd.uniform(-50, 700))
                bind(canv, f"again-{i}", 0, i)  # bound again on every page: the last wins
            canv.addOutlineEntry(f"Outline {page}", f"again-{page * 7}", level=0)
            canv.showPage()
        canv.save()
        return buf.getvalue()

    assert document(rl.bind_destination) == document(Canvas.bookmarkHorizontal)


def test_annotations_canvas_gives_each_page_its_annotations_in_its_array():
    assert "_setAnnotations" in vars(rl.AnnotationsCanvas)  # the probe kept the hook
    arrays = []

    class Recorded(pdfdoc.PDFArray):
        def __init__(self, refs):
            arrays.append([r.name for r in refs])
            super().__init__(refs)

    class Ours(rl.AnnotationsCanvas):
        annotation_array = Recorded

    def document(canvas_class):
        canv = canvas_class(buf := io.BytesIO(), invariant=1)
        for count in (2, 0, 3):
            for _ in range(count):
                canv.linkRect("", "top", (1, 2, 30, 12), relative=1)
            canv.bookmarkPage("top")
            canv.showPage()
        canv.save()
        return buf.getvalue()

    assert document(Ours) == document(Canvas)  # a PDFArray formats as ReportLab's does
    names = [canv_name for page in arrays for canv_name in page]
    assert [len(a) for a in arrays] == [2, 3] and len(set(names)) == 5


def _pdf_dates_and_id(data: bytes):
    dates = re.findall(rb"/(CreationDate|ModDate) \(D:([^)]*)\)", data)
    ident = re.search(rb"/ID\s*\[<(\w+)>", data).group(1)
    return dates, ident


def _stamp(t: float, minutes: int) -> TimeStamp:
    import time
    stamp = TimeStamp(invariant=1)
    stamp.t, stamp.lt = t, time.gmtime(t + minutes * 60)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh, stamp.dmm = int(minutes / 60), abs(minutes) % 60
    stamp.tzname = "X"
    return stamp


def _dated_document(stamp) -> bytes:
    canv = rl.make_dated_canvas(Canvas, stamp, buf := io.BytesIO(), invariant=1)
    canv.drawString(10, 10, "dated")
    canv.save()
    return buf.getvalue()


def test_make_dated_canvas_dates_the_document_and_its_id():
    assert rl._DATABLE  # the probe found the document's time stamp
    assert isinstance(_canvas()._doc._timeStamp, TimeStamp)
    t = 1767323045.0  # 2026-01-02 03:04:05 UTC
    dates, ident = _pdf_dates_and_id(_dated_document(_stamp(t, 7 * 60)))
    assert dates == [(b"CreationDate", b"20260102100405+07'00'"),
                     (b"ModDate", b"20260102100405+07'00'")]
    # The /ID is the digest PDFDocument.__init__ starts from that time: the same for the
    # same stamp, another for another, and the one invariant mode gives for its own time.
    assert _pdf_dates_and_id(_dated_document(_stamp(t, 7 * 60)))[1] == ident
    assert _pdf_dates_and_id(_dated_document(_stamp(t + 1, 7 * 60)))[1] != ident
    default = Canvas(buf := io.BytesIO(), invariant=1)
    default.drawString(10, 10, "dated")
    default.save()
    invariant_t = default._doc._timeStamp.t
    assert (_pdf_dates_and_id(_dated_document(_stamp(invariant_t, 0)))[1]
            == _pdf_dates_and_id(buf.getvalue())[1])


def test_make_dated_canvas_without_the_time_stamp_dates_the_same_instant(monkeypatch):
    monkeypatch.setattr(rl, "_DATABLE", False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    dates, _ = _pdf_dates_and_id(_dated_document(_stamp(1767323045.0, 7 * 60)))
    assert dates[0] == (b"CreationDate", b"20260102030405+00'00'")  # the instant, in UTC
    assert "SOURCE_DATE_EPOCH" not in __import__("os").environ


# ----------------------------------------------------------------------------- fonts

@pytest.mark.parametrize("script", sorted(FILES))
def test_units_scale_scales_as_the_face_scales_its_widths(script):
    register_fonts()
    for font in (FONT, script_font(script)):
        face = pdfmetrics.getFont(font).face
        scale = rl.units_scale(face)
        assert scale is face._pdfScale
        assert scale(face.hmetrics[0][0]) == face.defaultWidth  # as /Widths has it
        rebuilt = rl.units_scale(type("Face", (), {"unitsPerEm": face.unitsPerEm})())
        assert [rebuilt(u) for u in range(0, 5000, 7)] == [scale(u) for u in range(0, 5000, 7)]


# ---------------------------------------------------------------------------- frames

def test_frame_of_is_the_frame_while_it_places_or_splits():
    frame, box = Frame(0, 0, 100, 100), _Box(height=200)
    assert frame.add(box, _canvas(), trySplit=1) == 0
    frame.split(box, _canvas())
    assert [seen[0] for seen in box.seen] == [frame, frame]
    assert rl.frame_of(box) is None


def test_at_top_until_something_is_placed_and_again_on_the_next_page():
    frame = Frame(0, 0, 100, 100)
    assert rl.at_top(frame) is True and frame._atTop
    frame.add(_Box(), _canvas())
    assert rl.at_top(frame) is False
    frame._reset()
    assert rl.at_top(frame) is True


def test_last_space_after_is_the_space_the_frame_overlaps():
    frame = Frame(0, 0, 100, 100, overlapAttachedSpace=1, topPadding=0)
    assert rl.last_space_after(frame) == 0
    frame.add(_Box(height=10, after=7), _canvas())
    assert rl.last_space_after(frame) == 7
    below = _Box(height=10, before=9)
    frame.add(below, _canvas())
    assert frame._y == 100 - 10 - 7 - (9 - 7) - 10  # the gap is the larger space


def test_full_height_is_the_most_one_flowable_can_take():
    frame = Frame(0, 0, 100, 100.3, topPadding=4.1, bottomPadding=2.2)
    assert rl.full_height(frame) == frame._aH
    assert Frame(0, 0, 100, 100.3, topPadding=4.1, bottomPadding=2.2).add(
        _Box(height=rl.full_height(frame)), _canvas()) == 1
    assert Frame(0, 0, 100, 100.3, topPadding=4.1, bottomPadding=2.2).add(
        _Box(height=rl.full_height(frame) + 0.01), _canvas(), trySplit=1) == 0


class _Noted(rl.LayoutFrame):
    def __init__(self, *args, **kwds):
        self.__dict__["began"] = []
        super().__init__(*args, **kwds)

    def frame_began(self):
        self.began.append(self.floor)


def test_layout_frame_begins_each_page_with_the_floor_at_the_bottom():
    frame = _Noted(0, 0, 100, 100, bottomPadding=5)
    assert frame.began == [5]  # Frame.__init__ resets it
    frame.set_floor(40)
    assert frame.floor == 40 == frame._y1p
    doc = BaseDocTemplate(io.BytesIO(), pagesize=(100, 100))
    doc.addPageTemplates([PageTemplate("p", [frame])])
    doc.build([_Box(height=60), _Box(height=60), _Box(height=60)])
    assert frame.began[1:] == [5, 5, 5]  # ReportLab's build starts each page so


def test_layout_frame_floor_is_where_frame_add_stops():
    frame = rl.LayoutFrame(0, 0, 100, 100, topPadding=0, bottomPadding=0)
    assert frame.cursor == frame._y == 100
    frame.set_floor(60)
    assert frame.add(_Box(height=41), _canvas(), trySplit=1) == 0
    assert frame.add(_Box(height=40), _canvas()) == 1
    assert frame.cursor == 60


def test_layout_frame_widths_are_those_frame_add_and_split_offer():
    frame = rl.LayoutFrame(0, 0, 100, 100, leftPadding=3, rightPadding=4)
    frame._leftExtraIndent = 5  # as an Indenter sets it
    box = _Box(height=200)
    frame.add(box, _canvas(), trySplit=1)
    frame.split(box, _canvas())
    assert [seen[1] for seen in box.seen] == [frame.available_width(), frame.full_width]
    assert frame.full_width == 93 and frame.available_width() == 88


def test_layout_frame_split_room_is_what_frame_split_offers():
    frame = rl.LayoutFrame(0, 0, 100, 100, overlapAttachedSpace=1)
    frame.add(_Box(height=30, after=4), _canvas())
    box = _Box(before=10)
    frame.split(box, _canvas())
    assert frame.split_room(box) == box.seen[-1][2] == 100 - 12 - 30 - 4 - 6
    frame.add(_Box(height=frame.cursor - frame.floor - 6), _canvas())
    full = _Box(before=10)
    assert frame.split(full, _canvas()) == [] and full.seen == []  # not even asked
    assert frame.split_room(full) is None
    assert frame.split_room(rl.ZeroSizeFlowable()) is not None


def test_layout_frame_placing_tells_as_frame_split_tells():
    frame, box, canv = rl.LayoutFrame(0, 0, 100, 100), _Box(), _canvas()
    with frame.placing(box, canv):
        assert rl.frame_of(box) is frame and box.canv is canv
    assert rl.frame_of(box) is None and not hasattr(box, "canv")


def _placements(frame_class, place, boxes, **kwds):
    frame, canv = frame_class(0, 0, 200, 300, **kwds), _canvas()
    states = []
    for box in boxes:
        states.append((place(frame, box, canv), frame._y, frame._atTop, frame._prevASpace))
    return states, canv._code


@pytest.mark.parametrize("overlap", [0, 1])
def test_layout_frame_add_plain_places_as_frame_add_places(overlap):
    assert rl.LayoutFrame.add_plain.__name__ == "add_plain"  # the probe bound it
    rnd = random.Random(overlap)
    boxes = [(rnd.uniform(1, 60), rnd.choice([0, 3, 7.5]), rnd.choice([0, 2, 6]),
              rnd.choice([None, 150])) for _ in range(40)]

    def run(place):
        return _placements(rl.LayoutFrame, place, [_Box(*b) for b in boxes],
                           overlapAttachedSpace=overlap)

    assert run(lambda f, b, c: f.add_plain(b, c, 1)) == run(lambda f, b, c: Frame.add(f, b, c, 1))


def test_layout_frame_add_plain_leaves_backgrounds_and_debug_to_frame_add(monkeypatch):
    calls = []
    monkeypatch.setattr(Frame, "add", lambda *args: calls.append(args) or 1)
    frame = rl.LayoutFrame(0, 0, 100, 100)
    frame._frameBGs = [object()]  # as FrameBG sets it
    frame.add_plain(_Box(), _canvas())
    frame._frameBGs = []
    frame._debug = 1
    frame.add_plain(_Box(), _canvas())
    assert len(calls) == 2


def test_layout_frame_generated_content_default_yields_to_what_is_added():
    frame = rl.LayoutFrame(0, 0, 100, 100)
    assert frame._generated_content is None
    frame.add_generated_content(Spacer(0, 1))
    flowables = []
    doctemplate._addGeneratedContent(flowables, frame)
    assert len(flowables) == 1 and frame._generated_content is None


def test_zero_size_flowable_is_placed_on_a_full_frame():
    class Nothing(Flowable):
        def wrap(self, aW, aH):
            return aW, 0

        def draw(self):
            pass

    class ZeroNothing(rl.ZeroSizeFlowable, Nothing):
        pass

    def full():
        frame = Frame(0, 0, 100, 100, topPadding=0, bottomPadding=0)
        frame.add(_Box(height=100), _canvas())
        return frame

    assert full().add(ZeroNothing(), _canvas()) == 1
    assert full().add(Nothing(), _canvas()) == 0


def test_container_content_is_what_keep_together_holds():
    members = [_Box(), _Box()]
    assert rl.container_content(KeepTogether(members)) == members
    assert rl.container_content(_Box()) is None


# ------------------------------------------------------------------- the fallbacks

def test_the_public_routes_write_the_same_brief(monkeypatch):
    """Were every probe to fail, the brief would come out the same (only slower), but
    for link_rect's fallback, which gives the same links formatted by ReportLab."""
    from briefing.writers.pdf import document, links, out
    from tests.sample_brief import sample_brief

    brief = sample_brief()
    ours = document.write(brief)
    monkeypatch.setattr(rl.QuickDrawFlowable, "drawOn", Flowable.drawOn)
    monkeypatch.setattr(links, "bind_destination",
                        lambda canv, key, x, y: canv.bookmarkHorizontal(key, x, y))
    monkeypatch.setattr(rl.LayoutFrame, "add_plain",
                        lambda self, para, canv, trySplit=0: Frame.add(self, para, canv, trySplit))
    monkeypatch.delattr(rl.AnnotationsCanvas, "_setAnnotations")
    monkeypatch.setattr(out, "document_of", rl._document_by_type)
    assert document.write(brief) == ours
