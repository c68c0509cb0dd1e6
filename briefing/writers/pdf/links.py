"""Internal links of the PDF writer: link annotations and destinations, made cheaply.

A brief has a link and a destination per fact. `BriefCanvas` adds link annotations that
format themselves directly (`Link`), registered and bound by the short routes of
`rl_internals` (`link_rect`, `bind_destination`), and lists them on their page in an
array that formats them directly (`PageAnnots`). `bookmark` and `internal_link` take
those routes on a BriefCanvas and ReportLab's own on any other canvas.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

from briefing.writers.pdf.rl_internals import AnnotationsCanvas, bind_destination, link_rect


class Link(pdfdoc.LinkAnnotation):
    """A borderless link to a named destination, formatted directly (there are many)."""

    def __init__(self, rect, destination):
        self.Rect = rect
        self.Destination = destination

    def format(self, document):
        x1, y1, x2, y2 = self.Rect
        dest, fmt = self.Destination, getattr(self.Destination, "fmt", None)
        if (isinstance(fmt, pdfdoc.PDFDestinationXYZ) and dest.page is not None
                and isinstance(fmt.left, (int, float)) and isinstance(fmt.top, (int, float))):
            page = dest.page
            if page.__class__ is pdfdoc.PDFObjectReference:  # as its format() writes it
                ref = "%s %s R" % document.idToObjectNumberAndVersion[page.name]
                dest = f"[{ref} /XYZ {fmt.left:.2f} {fmt.top:.2f} 0]".encode("ascii")
            else:
                ref = pdfdoc.format(document.Reference(page), document)
                dest = b"[" + ref + f" /XYZ {fmt.left:.2f} {fmt.top:.2f} 0]".encode("ascii")
        else:
            dest = pdfdoc.format(dest, document)
        return (b"<< /Border [0 0 0] /Contents () /Dest " + dest
                + f" /Rect [{x1:.2f} {y1:.2f} {x2:.2f} {y2:.2f}] /Subtype /Link"
                  f" /Type /Annot >>".encode("ascii"))


class PageAnnots(pdfdoc.PDFArray):
    """A page's annotations: references, formatted directly (a page holds a link per
    fact), laid out as PDFArray.format lays them out."""

    def format(self, document, IND=b"\n "):
        numbers = document.idToObjectNumberAndVersion
        refs = self.sequence
        if not all(r.__class__ is pdfdoc.PDFObjectReference and r.name in numbers
                   for r in refs):
            return super().format(document, IND)
        items = [("%s %s R" % numbers[r.name]).encode("ascii") for r in refs]
        if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
            return b"[ " + IND.join(items) + b" ]"
        # a line break after every ten, as a b"\n " item between them
        rows = [b" ".join(items[i:i + 10]) for i in range(0, len(items), 10)]
        return b"[ " + b" \n  ".join(rows) + b" ]"


class BriefCanvas(AnnotationsCanvas):
    """The writer's canvas: cheap internal links, and a hook run before it saves."""

    annotation_array = PageAnnots
    before_save = None  # a function of no arguments (see document._Writer.define_forms)

    def internal_link(self, name: str, rect) -> None:
        """Link `rect` (current coordinates) to destination `name`, as linkRect does."""
        link_rect(self, name, rect, Link)

    def bookmark_horizontal(self, key: str, x: float, y: float) -> None:
        """Bind destination `key` to (x, y) (current coordinates) of the current page, as
        bookmarkHorizontal does."""
        bind_destination(self, key, x, y)

    def save(self):
        if self.before_save is not None:
            self.before_save()
        super().save()


def bookmark(canv, key: str, x: float, y: float) -> None:
    """Bind destination `key` to (x, y) (current coordinates) on any canvas."""
    if isinstance(canv, BriefCanvas):
        bind_destination(canv, key, x, y)
    else:
        canv.bookmarkHorizontal(key, x, y)


def internal_link(canv, name: str, rect) -> None:
    """Link `rect` (current coordinates) to destination `name` on any canvas."""
    if isinstance(canv, BriefCanvas):
        link_rect(canv, name, rect, Link)
    else:
        canv.linkRect("", name, rect, relative=1, thickness=0)
