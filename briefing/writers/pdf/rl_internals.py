"""ReportLab's private names, all behind this one door.

The PDF writer reaches past ReportLab's public API for speed (a brief has a paragraph, a
link and a destination per fact; timings are per call, then in all at 10,000 facts) or
for what it lacks (footnotes need the frame's free space). Each item says what it does,
why the public API does not serve, and its fallback; tests/writers/pdf/test_rl_internals.py
checks each. Import probes the internals (`probing`): a fast route is bound only if they
are as expected, else the public one (slower, not wrong); where there is none, import
fails naming the internal, rather than lay out wrongly.
"""

from __future__ import annotations

from contextlib import contextmanager
from hashlib import md5

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import frames as rl_frames
from reportlab.platypus.doctemplate import BaseDocTemplate
from reportlab.platypus.flowables import Flowable, Spacer
from reportlab.platypus.frames import Frame

from briefing.writers.pdf.probing import (fast_or_public, holds, require, scratch_canvas,
                                          source_date_epoch)


# ---------------------------------------------------------------------------- canvas

def document_of(canv) -> pdfdoc.PDFDocument:
    """Return the PDFDocument that `canv` writes to.

    Why: TTFont.splitString and getSubsetInternalName, the public subsetting calls text is
    encoded by, take it (subsets are per document); the Canvas has no public name for it.
    Fallback: the PDFDocument among the canvas's attributes (slower, the same object).
    """
    return canv._doc


def _document_by_type(canv) -> pdfdoc.PDFDocument:
    return next(v for v in vars(canv).values() if isinstance(v, pdfdoc.PDFDocument))


document_of = fast_or_public(document_of, _document_by_type,
                             lambda: isinstance(scratch_canvas()._doc, pdfdoc.PDFDocument))


def _quick_draw_on(self, canvas, x, y, _sW=0):
    if getattr(self, "_showBoundary", None):
        return Flowable.drawOn(self, canvas, x, y, _sW)
    x = self._hAlignAdjust(x, _sW)
    matrix = canvas._currentMatrix
    canvas._code.append("q")
    canvas.translate(x, y)
    self.canv = canvas
    try:
        self.draw()
    finally:
        del self.canv
        canvas._code.append("Q")
        canvas._currentMatrix = matrix


class QuickDrawFlowable(Flowable):
    """A flowable whose `draw` changes nothing of the canvas's state but the matrix.

    Why: Flowable.drawOn saves and restores the canvas's whole state around `draw`
    (saveState copies every graphics setting): 6 µs a paragraph, this 3 µs (30 ms at 10,000
    facts). It writes the same operators ("q", the translation, `draw`'s, "Q") to
    `canv._code`, puts back `canv._currentMatrix`, aligns by Flowable._hAlignAdjust, and
    leaves a set `_showBoundary` to Flowable.drawOn.
    Fallback: Flowable.drawOn (slower, the same operators).
    """

    drawOn = _quick_draw_on if holds(lambda: (
        scratch_canvas(("saveState",), ("restoreState",))._code[-2:] == ["q", "Q"]
        and len(scratch_canvas()._currentMatrix) == 6
        and Flowable()._hAlignAdjust(1.0, 2.0) == 1.0)) else Flowable.drawOn


def text_position(canv) -> tuple[float, float] | None:
    """Return where the text is, inside a paragraph's `<onDraw>` callback: (x, y).

    Why: a contents line draws its leaders and page number after its text, and a
    callback is told only its name and label; Paragraph records the position around
    each callback as `canv._curr_tx_info` (ReportLab's TableOfContents reads it too).
    Fallback: none; None without the record (contents lose leaders and page numbers).
    """
    info = getattr(canv, "_curr_tx_info", None)
    return None if info is None else (info["cur_x"], info["cur_y"])


def link_rect(canv, name: str, rect, make) -> None:
    """Link `rect` (current coordinates) on `canv` to destination `name`, as linkRect
    does; `make(absolute rect, destination)` returns the annotation.

    Why: a brief has a link per fact, and linkRect (through _absRect, _bookmarkReference,
    _addAnnotation) takes 8.9 µs, this 3.4 µs (56 ms at 10,000 facts): the rectangle by
    `canv._currentMatrix` (or `_absRect`, with crop marks), the destination looked up in
    `canv._destinations`, the annotation numbered by `_annotationCount` and registered
    as PDFDocument.addAnnotation does, its reference on `canv._annotationrefs`.
    Fallback: Canvas.linkRect (slower; the same link, formatted by ReportLab).
    """
    if canv._cropMarks:
        rect = canv._absRect(rect, 1)
    else:  # _absRect's arithmetic: the corners (lx, ly), (ux, uy), (lx, uy), (ux, ly)
        a, b, c, d, e, f = canv._currentMatrix
        lx, ly, ux, uy = rect
        xs = (a * lx + c * ly + e, a * ux + c * uy + e, a * lx + c * uy + e,
              a * ux + c * ly + e)
        ys = (b * lx + d * ly + f, b * ux + d * uy + f, b * lx + d * uy + f,
              b * ux + d * ly + f)
        rect = min(xs), min(ys), max(xs), max(ys)
    dests = canv._destinations
    dest = dests.get(name)
    if dest is None:
        dest = dests[name] = pdfdoc.Destination(name)
    annotation = make(rect, dest)
    doc = canv._doc
    count = canv._annotationCount + 1
    ref = doc.annotationName("NUMBER" + repr(count))
    if ref in doc.idToObject:  # Reference would refuse it: let ReportLab say so
        canv._addAnnotation(annotation)
        return
    canv._annotationCount = count
    number = doc.objectcounter = doc.objectcounter + 1
    annotation.__InternalName__ = ref
    doc.idToObjectNumberAndVersion[ref] = (number, 0)
    doc.numberToId[number] = ref
    doc.idToObject[ref] = annotation
    canv._annotationrefs.append(pdfdoc.PDFObjectReference(ref))


def _link_rect_agrees() -> bool:
    ours, theirs = (scratch_canvas(("rotate", 30)) for _ in "ab")
    for name in ("a", "b", "a"):
        link_rect(ours, name, (1, 2, 30, 12), lambda r, d: pdfdoc.LinkAnnotation(r, "", d))
        theirs.linkRect("", name, (1, 2, 30, 12), relative=1)
    mine, ref = ours._doc, theirs._doc
    return ([(r.name, mine.idToObject[r.name].Rect) for r in ours._annotationrefs]
            == [(r.name, ref.idToObject[r.name].Rect) for r in theirs._annotationrefs]
            and mine.idToObjectNumberAndVersion == ref.idToObjectNumberAndVersion
            and ours._destinations.keys() == theirs._destinations.keys())


link_rect = fast_or_public(link_rect, lambda canv, name, rect, make: canv.linkRect(
    "", name, rect, relative=1, thickness=0), _link_rect_agrees)


def bind_destination(canv, key: str, x: float, y: float) -> None:
    """Bind destination `key` to (x, y) (current coordinates) on the current page of
    `canv`, as bookmarkHorizontal does.

    Why: a brief has a destination per note; bookmarkHorizontal (through absolutePosition,
    bookmarkPage, _bookmarkReference and its exception for a new name) takes 3.2 µs, this
    2.1 µs (11 ms at 10,000 facts), by `canv._currentMatrix`, `_destinations`, the document.
    Fallback: Canvas.bookmarkHorizontal (slower, the same bytes).
    """
    if not rl_canvas.ENABLE_TRACKING:  # absolutePosition would refuse
        canv.bookmarkHorizontal(key, x, y)
        return
    a, b, c, d, e, f = canv._currentMatrix
    dests = canv._destinations
    dest = dests.get(key)
    if dest is None:
        dest = dests[key] = pdfdoc.Destination(key)
    doc = canv._doc
    doc.inPage()
    dest.xyz(a * x + c * y + e, b * x + d * y + f, 0)
    dest.setPage(doc.thisPageRef())


def _bind_destination_agrees() -> bool:
    ours, theirs = (scratch_canvas(("scale", 2, 0.5)) for _ in "ab")
    bind_destination(ours, "k", 3, 4)
    theirs.bookmarkHorizontal("k", 3, 4)
    mine, ref = ours._destinations["k"], theirs._destinations["k"]
    return vars(mine.fmt) == vars(ref.fmt) and mine.page.name == ref.page.name


bind_destination = fast_or_public(
    bind_destination, lambda canv, key, x, y: canv.bookmarkHorizontal(key, x, y),
    _bind_destination_agrees)


class AnnotationsCanvas(Canvas):
    """A canvas whose pages list their annotations as `annotation_array(refs)`.

    Why: a page of a brief holds a link per fact; ReportLab lists them (/Annots) in a
    generic PDFArray, 19 µs for a page of 14, the writer's array 7 µs (9 ms at 10,000
    facts). The page takes its list (`_annotationrefs`) in the hook _setAnnotations.
    Fallback: ReportLab's PDFArray (slower; the same bytes as the writer's array gives).
    """

    annotation_array = pdfdoc.PDFArray

    if holds(lambda: callable(Canvas._setAnnotations)
             and isinstance(scratch_canvas()._annotationrefs, list)):
        def _setAnnotations(self, page):
            refs = self._annotationrefs  # (none: left for the page to drop)
            page.Annots = self.annotation_array(refs) if refs else refs


_DATABLE = holds(lambda: isinstance(scratch_canvas()._doc._timeStamp, TimeStamp))


def make_dated_canvas(maker, stamp: TimeStamp, *args, **kwds):
    """Return `maker(*args, **kwds)`, a canvas whose document is dated `stamp`.

    Why: a brief's CreationDate, ModDate and /ID derive from its build date, time zone
    included; ReportLab's public route, SOURCE_DATE_EPOCH, knows no time zone and is
    process-wide. The date is the document's `_timeStamp`; /ID digests its `signature`,
    begun again as PDFDocument.__init__ begins it (a fixed text, then the time).
    Fallback: SOURCE_DATE_EPOCH at that instant (dates in UTC; the same bytes each time).
    """
    if not _DATABLE:
        with source_date_epoch(int(stamp.t)):
            return maker(*args, **kwds)
    canv = maker(*args, **kwds)
    pdf = canv._doc
    pdf._timeStamp = stamp
    pdf.signature = md5(b"a reportlab document", usedforsecurity=False)
    pdf.signature.update(ascii(stamp.t).encode("ascii"))
    return canv


# ----------------------------------------------------------------------------- fonts

def units_scale(face):
    """Return the function turning `face`'s font units into 1000ths of the font size.

    Why: widths given to glyphs without a character, and shaped advances, must scale as the
    widths ReportLab writes; the face has `unitsPerEm` but not the function (`_pdfScale`).
    Fallback: ReportLab 5.1's function, rebuilt from unitsPerEm (the same numbers).
    """
    scale = getattr(face, "_pdfScale", None)
    if callable(scale):
        return scale
    factor = 1000 / face.unitsPerEm
    return (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * factor)


# ---------------------------------------------------------------------------- frames

def frame_of(flowable):
    """Return the frame placing or splitting `flowable`, or None.

    Why: a heading moves whole to the next page unless it starts one, a table row shows the
    header atop a page, a keep-with-next group weighs the room left; a flowable learns its
    frame only as `_frame`, set by Frame.add and Frame.split.
    Fallback: none; import fails if Frame.add does not set it.
    """
    return getattr(flowable, "_frame", None)


def at_top(frame) -> bool:
    """Return whether nothing is placed yet on this page of `frame`.

    Why: it is `frame._atTop`, with no public reading. Fallback: none (import fails).
    """
    return bool(frame._atTop)


def last_space_after(frame) -> float:
    """Return the space after the last flowable placed in `frame` (0 at the top).

    Why: a keep-with-next group measures its gaps as the frame will (`_prevASpace`, with
    no public reading). Fallback: none (import fails).
    """
    return frame._prevASpace


def full_height(frame) -> float:
    """Return the height inside `frame`'s padding: the most one flowable can take.

    Why: `_aH` as ReportLab sums it (the public geometry summed in another order is not
    always the same float). Fallback: none (import fails).
    """
    return frame._aH


def _frame_keeps_its_state() -> bool:
    frame = Frame(10, 20, 200, 100, leftPadding=1, bottomPadding=2, rightPadding=3,
                  topPadding=4)
    return ((frame._x, frame._y, frame._y1p, frame._atTop, frame._prevASpace, frame._aW,
             frame._aH, frame._getAvailableWidth()) == (11, 116, 22, 1, 0, 196, 94, 196)
            and frame._oASpace in (0, 1) and callable(frame._geom))


def _frame_tells_its_flowables() -> bool:
    told, frame = Spacer(10, 10), Frame(0, 0, 100, 100)
    told.wrap = lambda aW, aH: (setattr(told, "told", frame_of(told)), (10, 10))[1]
    frame.add(told, scratch_canvas())
    return told.told is frame and frame_of(told) is None


require(_frame_keeps_its_state, "Frame no longer keeps its free space as _x, _y, _y1p, "
         "_atTop, _prevASpace, _oASpace, _aW, _aH (the footnote frame works by them)")
require(lambda: "_reset" in BaseDocTemplate.handle_pageBegin.__code__.co_names,
         "a page no longer begins by its frames' _reset")
require(_frame_tells_its_flowables, "Frame.add no longer tells a flowable its frame (_frame)")


class LayoutFrame(Frame):
    """A Frame whose free space its subclasses read and narrow by public names.

    Why: footnotes need room kept at the foot of the page for the notes of what the frame
    places (the floor moves up), and a split must find the part that fits with its notes.
    ReportLab keeps the free space private (`_y` the cursor, `_y1p` the floor, `_atTop`,
    `_prevASpace`, `_oASpace`, `_aW`), resets the floor by `_geom`, each page by `_reset`.
    Fallback: none for the state (import fails if it changed); `add_plain`: Frame.add.
    """

    # Asked for after every flowable, set only when there is some: a class default answers
    # without Frame.__getattr__'s exception (0.06 µs, not 1.1; 10 ms at 10,000 facts).
    _generated_content = None

    def _reset(self):
        super()._reset()
        self._geom()  # the floor back at the bottom
        self.frame_began()

    def frame_began(self) -> None:
        """Start a new page of this frame (called for each page, floor at the bottom)."""

    @property
    def cursor(self) -> float:
        """The top of the free space: where the next flowable goes."""
        return self._y

    @property
    def floor(self) -> float:
        """The bottom of the free space."""
        return self._y1p

    def set_floor(self, y: float) -> None:
        """Move the bottom of the free space to `y` (until the next page)."""
        self.__dict__["_y1p"] = y  # where Frame.__setattr__ would put it

    @property
    def full_width(self) -> float:
        """The width inside the padding (what Frame.split offers)."""
        return self._aW

    def available_width(self) -> float:
        """The width inside the padding and indents (what Frame.add offers)."""
        return self._getAvailableWidth()

    def _space_before(self, flowable) -> float:
        """Return the space Frame.add and Frame.split leave above `flowable`."""
        if self._atTop:
            return 0
        s = flowable.getSpaceBefore()
        return max(s - self._prevASpace, 0) if self._oASpace else s

    def split_room(self, flowable) -> float | None:
        """Return the height Frame.split offers `flowable`, or None when it would not
        ask it to split (no room left, and the flowable not of zero size)."""
        h = self._y - self._y1p - self._space_before(flowable)
        return None if h <= 0 and not getattr(flowable, "_ZEROSIZE", False) else h

    @contextmanager
    def placing(self, flowable, canv):
        """Tell `flowable` its frame and canvas for a while, as Frame.split does."""
        flowable._frame = self
        flowable.canv = canv
        try:
            yield
        finally:
            for a in ("canv", "_frame"):
                if hasattr(flowable, a):
                    delattr(flowable, a)

    def add_plain(self, para, canv, trySplit=0) -> int:
        """Place `para` as Frame.add does, by a shorter route, for a flowable with no frame
        action, never of zero size, transferring no space, setting its own canvas.

        Why: a brief places a paragraph per fact, and Frame.add (setting and deleting the
        flowable's frame and canvas, asking for its frame action, zero size, space transfer
        and the frame's background) takes 11.4 µs, this 8.8 µs (27 ms at 10,000 facts).
        What does not fit, a frame with a background (`_frameBGs`) or in debug mode, is
        left to Frame.add, to say so as it does.
        Fallback: Frame.add (slower, the same placement).
        """
        if self.__dict__.get("_frameBGs") or self._debug:
            return Frame.add(self, para, canv, trySplit)
        y, p, s = self._y, self._y1p, self._space_before(para)
        aW = self._getAvailableWidth()
        h = y - p - s
        if h <= 0:
            return Frame.add(self, para, canv, trySplit)
        w, h = para.wrap(aW, h)
        y -= h + s
        if y < p - rl_frames._FUZZ:
            return Frame.add(self, para, canv, trySplit)
        sa = para.getSpaceAfter()
        para.drawOn(canv, self._x + self._leftExtraIndent, y, _sW=aW - w)
        y -= sa
        state = self.__dict__  # where Frame.__setattr__ keeps these
        if self._oASpace:
            state["_prevASpace"] = sa
        if y != self._y:
            state["_atTop"] = 0
        state["_y"] = y
        return 1


def _add_plain_agrees() -> bool:
    code = Frame.add.__code__
    if not {"_frameBGs", "_debug", "_FUZZ"} <= set(code.co_consts + code.co_names):
        return False  # Frame.add asks for other things than the short route skips
    ours, theirs = LayoutFrame(0, 0, 100, 50), Frame(0, 0, 100, 50)
    for height, before, after in [(10, 3, 4), (12, 6, 2), (30, 1, 1), (5, 0, 0)]:
        a, b = Spacer(50, height), Spacer(50, height)
        a.spaceBefore = b.spaceBefore = before
        a.spaceAfter = b.spaceAfter = after
        if (ours.add_plain(a, scratch_canvas()), ours._y, ours._atTop, ours._prevASpace) != (
                theirs.add(b, scratch_canvas()), theirs._y, theirs._atTop, theirs._prevASpace):
            return False
    return True


LayoutFrame.add_plain = fast_or_public(
    LayoutFrame.add_plain, lambda self, para, canv, trySplit=0: Frame.add(self, para, canv,
                                                                         trySplit),
    _add_plain_agrees)


class ZeroSizeFlowable(Flowable):
    """A flowable placed even where the frame has no room left.

    Why: the story's last flowable adds pages while notes are still to print; on a full
    page it must still be placed, not moved to a blank page. Frame.add asks for that by
    the class attribute `_ZEROSIZE`.
    Fallback: none needed: without it, a full last page is followed by an empty one.
    """

    _ZEROSIZE = True


def container_content(flowable) -> list | None:
    """Return the flowables a ReportLab container (KeepTogether) holds, or None.

    Why: a flowable carries the notes of its members; KeepTogether (made by ReportLab
    for `keepWithNext` styles; the writer's set none) keeps them as `_content`.
    Fallback: None; the members still report their notes as the frame places them.
    """
    return getattr(flowable, "_content", None)
