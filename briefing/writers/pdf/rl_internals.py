"""ReportLab's private names, all behind this one door.

The PDF writer reaches past ReportLab's public API for speed (a brief has a line, a
paragraph, a link and a destination per fact) or for what the API lacks (footnotes need
the frame's free space; a contents line needs where its text ends). Every such use is
here and nowhere else; tests/writers/pdf/test_rl_internals.py checks each item's
assumption against the installed ReportLab.

Each item says what it does, why the public API does not serve, and what happens when a
release changes the internal. At import the internals are probed on scratch canvases
and frames: where a public route exists, the fast route is bound only if the probe finds
the internal as expected, else the public route is (slower, not wrong); where none
exists, import fails naming the internal rather than lay out wrongly.

* canvas: `document_of`, `translate`, `QuickDrawFlowable`, `text_position`,
  `link_rect`, `bind_destination`, `AnnotationsCanvas`, `make_dated_canvas`;
* fonts: `units_scale`;
* frames: `frame_of`, `at_top`, `last_space_after`, `full_height`, `LayoutFrame`,
  `ZeroSizeFlowable`, `container_content`.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from hashlib import md5

from reportlab import Version
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import frames as rl_frames
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.frames import Frame


def _probe(check) -> bool:
    """Return whether `check()` holds; an internal that is gone counts as not holding."""
    try:
        return bool(check())
    except (AttributeError, TypeError, KeyError, ValueError, IndexError):
        return False


def _require(check, what: str) -> None:
    """Refuse to import when an internal without a public substitute has changed."""
    if not _probe(check):
        raise ImportError(f"ReportLab {Version}: {what}; the PDF writer's rl_internals, "
                          "written for ReportLab 5.1, needs updating")


def _fallback(fast, public, check):
    """Return `fast` when `check()` holds, else `public` under `fast`'s docstring."""
    if _probe(check):
        return fast
    public.__doc__ = fast.__doc__
    return public


def _scratch() -> Canvas:
    return Canvas(io.BytesIO())


# ---------------------------------------------------------------------------- canvas

def document_of(canv) -> pdfdoc.PDFDocument:
    """Return the PDFDocument that `canv` writes to.

    Why: TTFont.splitString and getSubsetInternalName, the public subsetting calls text
    is encoded by, take that document (subsets are kept per document); the Canvas has
    no public name for it (`canv._doc`).
    Fallback: the PDFDocument among the canvas's attributes (slower, the same object).
    """
    return canv._doc


def _document_by_type(canv) -> pdfdoc.PDFDocument:
    for value in vars(canv).values():
        if isinstance(value, pdfdoc.PDFDocument):
            return value
    raise AttributeError(f"{type(canv).__name__} holds no PDFDocument")


document_of = _fallback(document_of, _document_by_type,
                        lambda: isinstance(_scratch()._doc, pdfdoc.PDFDocument))


def translate(canv, x: float, y: float) -> None:
    """Move the origin of `canv` to (x, y), as Canvas.translate does.

    Why: Canvas.translate goes through transform, which looks into the last operator to
    merge with it; a brief translates once per paragraph. This appends the operator to
    `canv._code` and updates `canv._currentMatrix` itself, unless the canvas overrides
    translate or transform, tracking is off, or the last operator is a " cm" (then
    Canvas.translate, which merges the two).
    Fallback: Canvas.translate for every call (slower, the same operators).
    """
    code = canv._code
    if (type(canv).translate is not Canvas.translate
            or type(canv).transform is not Canvas.transform
            or not rl_canvas.ENABLE_TRACKING or (code and code[-1][-3:] == " cm")):
        canv.translate(x, y)
        return
    a, b, c, d, e, f = canv._currentMatrix
    # transform(1, 0, 0, 1, x, y), term by term
    canv._currentMatrix = (a * 1 + c * 0, b * 1 + d * 0, a * 0 + c * 1, b * 0 + d * 1,
                           a * x + c * y + e, b * x + d * y + f)
    code.append("%s cm" % fp_str(1, 0, 0, 1, x, y))


def _translate_agrees() -> bool:
    ours, theirs = _scratch(), _scratch()
    for canv in (ours, theirs):
        canv.rotate(17)
        canv.saveState()  # the last operator is then not " cm"
    translate(ours, 3.25, -7.5)
    theirs.translate(3.25, -7.5)
    return ours._code == theirs._code and ours._currentMatrix == theirs._currentMatrix


translate = _fallback(translate, lambda canv, x, y: canv.translate(x, y), _translate_agrees)


def _quick_draw_on(self, canvas, x, y, _sW=0):
    if getattr(self, "_showBoundary", None):
        return Flowable.drawOn(self, canvas, x, y, _sW)
    x = self._hAlignAdjust(x, _sW)
    matrix = canvas._currentMatrix
    canvas._code.append("q")
    translate(canvas, x, y)
    self.canv = canvas
    try:
        self.draw()
    finally:
        del self.canv
        canvas._code.append("Q")
        canvas._currentMatrix = matrix


def _quick_draw_agrees() -> bool:
    canv = _scratch()
    canv.saveState()
    canv.restoreState()
    return (canv._code[-2:] == ["q", "Q"] and len(canv._currentMatrix) == 6
            and Flowable()._hAlignAdjust(1.0, 0) == 1.0)


class QuickDrawFlowable(Flowable):
    """A flowable whose `draw` changes nothing of the canvas's state but the matrix.

    Why: Flowable.drawOn saves and restores the canvas's whole state around `draw`
    (saveState copies every graphics setting); a brief draws a paragraph per fact. This
    `drawOn` writes the same operators ("q", the translation, `draw`'s, "Q") to
    `canv._code` and puts back `canv._currentMatrix`, aligned by Flowable._hAlignAdjust;
    a flowable whose `_showBoundary` is set goes to Flowable.drawOn.
    Fallback: Flowable.drawOn (slower, the same operators).
    """

    drawOn = _quick_draw_on if _probe(_quick_draw_agrees) else Flowable.drawOn


def text_position(canv) -> tuple[float, float] | None:
    """Return where the text is, inside a paragraph's `<onDraw>` callback: (x, y).

    Why: a contents line draws its dot leaders and page number after its text; a
    callback is told only its name and label. Paragraph records the position around
    each callback as `canv._curr_tx_info` (ReportLab's TableOfContents reads it too).
    Fallback: none; None without the record, and the contents lose leaders and page
    numbers (the entries still link).
    """
    info = getattr(canv, "_curr_tx_info", None)
    if info is None:
        return None
    return info["cur_x"], info["cur_y"]


def link_rect(canv, name: str, rect, make) -> None:
    """Link `rect` (current coordinates) on `canv` to destination `name`, as linkRect
    does; `make(absolute rect, destination)` returns the annotation.

    Why: linkRect goes through _absRect (four absolutePosition calls), _bookmarkReference
    (an exception per new name) and _addAnnotation; a brief has a link per fact. Their
    steps inline: the rectangle by `canv._currentMatrix` (or `_absRect` with crop
    marks), the destination in `canv._destinations`, the annotation numbered by
    `_annotationCount` and registered as PDFDocument.addAnnotation does, its reference
    on the page's `canv._annotationrefs`.
    Fallback: Canvas.linkRect for every call (slower; the same link, formatted by
    ReportLab, so other bytes).
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
    ours, theirs = _scratch(), _scratch()
    for canv in (ours, theirs):
        canv.rotate(30)

    def make(rect, dest):
        return pdfdoc.LinkAnnotation(rect, "", dest)

    for name in ("a", "b", "a"):
        link_rect(ours, name, (1, 2, 30, 12), make)
        theirs._addAnnotation(make(theirs._absRect((1, 2, 30, 12), 1),
                                   theirs._bookmarkReference(name)))
    mine, ref = ours._doc, theirs._doc
    return ([(r.name, mine.idToObject[r.name].Rect) for r in ours._annotationrefs]
            == [(r.name, ref.idToObject[r.name].Rect) for r in theirs._annotationrefs]
            and mine.idToObjectNumberAndVersion == ref.idToObjectNumberAndVersion
            and ours._annotationCount == theirs._annotationCount
            and ours._destinations.keys() == theirs._destinations.keys())


link_rect = _fallback(link_rect, lambda canv, name, rect, make: canv.linkRect(
    "", name, rect, relative=1, thickness=0), _link_rect_agrees)


def bind_destination(canv, key: str, x: float, y: float) -> None:
    """Bind destination `key` to (x, y) (current coordinates) on the current page of
    `canv`, as bookmarkHorizontal does.

    Why: bookmarkHorizontal goes through absolutePosition, bookmarkHorizontalAbsolute,
    bookmarkPage and _bookmarkReference (an exception per new name); a brief has a
    destination per note. Their steps inline, by `canv._currentMatrix`,
    `canv._destinations` and the document.
    Fallback: Canvas.bookmarkHorizontal for every call (slower, the same bytes).
    """
    if not rl_canvas.ENABLE_TRACKING:  # absolutePosition would refuse
        canv.bookmarkHorizontal(key, x, y)
        return
    a, b, c, d, e, f = canv._currentMatrix
    left, top = a * x + c * y + e, b * x + d * y + f
    dests = canv._destinations
    dest = dests.get(key)
    if dest is None:
        dest = dests[key] = pdfdoc.Destination(key)
    doc = canv._doc
    doc.inPage()
    dest.xyz(left, top, 0)
    dest.setPage(doc.thisPageRef())


def _bind_destination_agrees() -> bool:
    ours, theirs = _scratch(), _scratch()
    for canv in (ours, theirs):
        canv.scale(2, 0.5)
    bind_destination(ours, "k", 3, 4)
    theirs.bookmarkHorizontal("k", 3, 4)
    mine, ref = ours._destinations["k"], theirs._destinations["k"]
    return vars(mine.fmt) == vars(ref.fmt) and mine.page.name == ref.page.name


bind_destination = _fallback(bind_destination, lambda canv, key, x, y: canv.bookmarkHorizontal(
    key, x, y), _bind_destination_agrees)


class AnnotationsCanvas(Canvas):
    """A canvas whose pages list their annotations as `annotation_array(refs)`.

    Why: ReportLab lists a page's annotations (/Annots) in a generic PDFArray; a page of
    a brief holds a link per fact, and a subclass's array can format them directly. The
    page gets the list (`canv._annotationrefs`) from the hook Canvas._setAnnotations,
    overridden here.
    Fallback: without that hook or list, no override, and ReportLab's PDFArray (slower;
    the same bytes for an array formatted as PDFArray formats).
    """

    annotation_array = pdfdoc.PDFArray

    if _probe(lambda: callable(Canvas._setAnnotations)
              and isinstance(_scratch()._annotationrefs, list)):
        def _setAnnotations(self, page):
            refs = self._annotationrefs  # (none: left for the page to drop)
            page.Annots = self.annotation_array(refs) if refs else refs


_DATABLE = _probe(lambda: isinstance(_scratch()._doc._timeStamp, TimeStamp))


def make_dated_canvas(maker, stamp: TimeStamp, *args, **kwds):
    """Return `maker(*args, **kwds)`, a canvas whose document is dated `stamp`.

    Why: a brief's CreationDate, ModDate and /ID derive from its build date, time zone
    included; ReportLab's public route, SOURCE_DATE_EPOCH, knows no time zone and is
    process-wide. The date is the document's `_timeStamp`; /ID digests its `signature`,
    begun again as PDFDocument.__init__ begins it (a fixed text, then the time).
    Fallback: the canvas made with SOURCE_DATE_EPOCH set to that instant (dates in UTC;
    still the same bytes for the same brief).
    """
    if not _DATABLE:
        saved = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.t))
        try:
            return maker(*args, **kwds)
        finally:
            if saved is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = saved
    canv = maker(*args, **kwds)
    pdf = canv._doc
    pdf._timeStamp = stamp
    pdf.signature = md5(b"a reportlab document", usedforsecurity=False)
    pdf.signature.update(ascii(stamp.t).encode("ascii"))
    return canv


# ----------------------------------------------------------------------------- fonts

def units_scale(face):
    """Return the function turning `face`'s font units into 1000ths of the font size.

    Why: the widths given to glyphs without a character, and shaped advances, must be
    scaled as ReportLab scales the widths it writes; the face has `unitsPerEm` but not
    the function (`face._pdfScale`).
    Fallback: ReportLab 5.1's function, rebuilt from unitsPerEm (the same numbers).
    """
    scale = getattr(face, "_pdfScale", None)
    if callable(scale):
        return scale
    if face.unitsPerEm == 1000:
        return lambda x: x
    factor = 1000 / face.unitsPerEm
    return lambda x: x * factor


# ---------------------------------------------------------------------------- frames

def frame_of(flowable):
    """Return the frame placing or splitting `flowable`, or None.

    Why: a heading moves whole to the next page unless it starts one, a table row shows
    the header at the top of a page, a keep-with-next group weighs the room left: each
    needs its frame, which ReportLab tells a flowable only as `_frame`, set by
    Frame.add and Frame.split for the time of the call.
    Fallback: none; import fails if Frame.add does not set it.
    """
    return getattr(flowable, "_frame", None)


def at_top(frame) -> bool:
    """Return whether nothing is placed yet on this page of `frame`.

    Why: ReportLab keeps it as `frame._atTop`, with no public reading.
    Fallback: none; import fails without it.
    """
    return bool(frame._atTop)


def last_space_after(frame) -> float:
    """Return the space after the last flowable placed in `frame` (0 at the top).

    Why: a keep-with-next group measures its gaps as the frame will; ReportLab keeps it
    as `frame._prevASpace`. Fallback: none; import fails without it.
    """
    return frame._prevASpace


def full_height(frame) -> float:
    """Return the height inside `frame`'s padding: the most one flowable can take.

    Why: it is `frame._aH`, summed by ReportLab from the geometry (the public geometry
    summed in another order is not always the same float). Fallback: none; import fails
    without it.
    """
    return frame._aH


class _Told(Flowable):
    """A probe: notes the frame it is told of while wrapped (10 high)."""

    def __init__(self, before=0, after=0, height=10):
        super().__init__()
        self.frames, self.before, self.after, self.tall = [], before, after, height

    def wrap(self, aW, aH):
        self.frames.append(frame_of(self))
        return aW - 5, self.tall

    def getSpaceBefore(self):
        return self.before

    def getSpaceAfter(self):
        return self.after

    def draw(self):
        self.canv.line(0, 0, 1, 1)


def _frame_state_as_expected() -> bool:
    frame = Frame(10, 20, 200, 100, leftPadding=1, bottomPadding=2, rightPadding=3,
                  topPadding=4)
    return (frame._x == 11 and frame._y == 116 and frame._y1p == 22 and frame._atTop == 1
            and frame._prevASpace == 0 and frame._aW == 196 and frame._aH == 94
            and frame._oASpace in (0, 1) and frame._getAvailableWidth() == 196
            and callable(frame._geom))


def _frame_resets_by_hook() -> bool:
    class Probe(Frame):
        def _reset(self):
            self.__dict__["reset"] = True
            super()._reset()

    return Probe(0, 0, 100, 100).__dict__.get("reset", False)


def _frame_told_to_flowables() -> bool:
    frame, told = Frame(0, 0, 100, 100), _Told()
    frame.add(told, _scratch())
    return told.frames == [frame] and frame_of(told) is None


_require(_frame_state_as_expected, "Frame no longer keeps its free space as _x, _y, _y1p, "
         "_atTop, _prevASpace, _oASpace, _aW, _aH (the footnote frame works by them)")
_require(_frame_resets_by_hook, "Frame no longer starts each page by _reset")
_require(_frame_told_to_flowables, "Frame.add no longer tells a flowable its frame (_frame)")


class LayoutFrame(Frame):
    """A Frame whose free space its subclasses read and narrow by public names.

    Why: footnotes need room kept at the foot of the page for the notes of what the
    frame places, so the frame's floor moves up; a frame splitting a flowable must find
    the part that fits together with its notes. ReportLab keeps the free space private
    (`_y` the cursor, `_y1p` the floor, `_atTop`, `_prevASpace`, `_oASpace`, `_aW`),
    puts the floor back by `_geom`, and starts each page by `_reset`.
    Fallback: none for the state (import fails if it changed); `add_plain` falls back
    to Frame.add.
    """

    # ReportLab's build asks the frame for it after every flowable; it is set only when
    # there is some. A class default answers without Frame.__getattr__ and its exception.
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

    def split_room(self, flowable) -> float | None:
        """Return the height Frame.split offers `flowable`, or None when it would not
        ask it to split (no room left, and the flowable not of zero size)."""
        h = self._free_height(flowable)
        if h <= 0 and not getattr(flowable, "_ZEROSIZE", False):
            return None
        return h

    def _free_height(self, flowable) -> float:
        y, p, s = self._y, self._y1p, 0
        if not self._atTop:
            s = flowable.getSpaceBefore()
            if self._oASpace:
                s = max(s - self._prevASpace, 0)
        return y - p - s

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
        """Place `para` as Frame.add does, by a shorter route: for a flowable with no
        frame action, never of zero size, transferring no space, that sets its own
        canvas to draw (a paragraph).

        Why: Frame.add sets and deletes the flowable's frame and canvas, asks for its
        frame action, zero size, space transfer and the frame's background by getattr,
        and logs in debug mode; a brief places a paragraph per fact. What does not fit,
        and any frame with a background (`_frameBGs`) or in debug mode, is left to
        Frame.add, to say so as it does.
        Fallback: Frame.add for every call (slower, the same placement).
        """
        if self.__dict__.get("_frameBGs") or self._debug:
            return Frame.add(self, para, canv, trySplit)
        y, p, s = self._y, self._y1p, 0
        aW = self._getAvailableWidth()
        if not self._atTop:
            s = para.getSpaceBefore()
            if self._oASpace:
                s = max(s - self._prevASpace, 0)
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
    canvases = _scratch(), _scratch()
    for before, after, height in [(3, 4, 10), (6, 2, 12), (1, 1, 30), (0, 0, 5)]:
        if (ours.add_plain(_Told(before, after, height), canvases[0])
                != theirs.add(_Told(before, after, height), canvases[1])
                or (ours._y, ours._atTop, ours._prevASpace)
                != (theirs._y, theirs._atTop, theirs._prevASpace)):
            return False
    return canvases[0]._code == canvases[1]._code


LayoutFrame.add_plain = _fallback(LayoutFrame.add_plain, lambda self, para, canv, trySplit=0:
                                  Frame.add(self, para, canv, trySplit), _add_plain_agrees)


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

    Why: a flowable carries the notes of its members; KeepTogether (which ReportLab
    makes for `keepWithNext` styles; the writer's styles set none) keeps them as
    `_content`, with no public name.
    Fallback: None; the members still report their notes as the frame places them.
    """
    return getattr(flowable, "_content", None)
