"""HTML writer: one self-contained, accessible page per brief, and a source viewer page
per seed file it cites (`companions`: `<name>-source-<id>.html`, beside the brief).

The page has the classification banner at top and bottom, the cover as its header, the
body in `<main>`, then the numbered notes. Each note links to its passage in the viewer
(`<name>-source-s002.html#c-12`) and back to its first marker. Hovering or focusing a
marker shows its note in a popover (a few lines of inline script); without script the
marker is a plain link to the note. CSS, script and figures (PNG) are inside the file:
nothing is fetched. The same brief gives the same bytes.
"""

from __future__ import annotations

from briefing import model as m
from briefing.writers.html.assets import BRIEF_SCRIPT, page_css
from briefing.writers.html.body import Body
from briefing.writers.html.escape import esc, safe_url


def viewer_file(meta: m.Meta, source_id: str) -> str:
    """Return the file name of the viewer page of seed file `source_id` (its file entry's
    id) for the brief `meta` names."""
    return f"{meta.name}-source-{source_id}.html"


def brief_file(meta: m.Meta) -> str:
    """Return the file name of the brief's own page."""
    return f"{meta.name}.html"


def write(brief: m.Brief) -> bytes:
    """Return the brief as one HTML page, UTF-8."""
    meta = brief.meta
    body = Body(brief)
    main = body.blocks(brief.blocks)
    notes = _notes(brief, body.marked)
    page = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(meta.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(meta.title)}</title>",
        *_meta_tags(meta),
        f"<style>{page_css(meta.page_size, meta.classification)}</style>",
        "</head>",
        '<body class="brief">',
        '<a class="skip" href="#main">Skip to the brief</a>',
        _banner(meta, "top"),
        '<main id="main">',
        _cover(meta),
        main,
        notes,
        "</main>",
        _banner(meta, "bottom"),
        '<div id="note-pop" role="tooltip" hidden></div>',
        f"<script>{BRIEF_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(p for p in page if p) + "\n").encode("utf-8")


def companions(brief: m.Brief) -> dict[str, bytes]:
    """Return the viewer page of each seed file the brief cites, by file name."""
    from briefing.writers.html.viewer import page

    return {viewer_file(brief.meta, s.id): page(brief, s) for s in brief.sources}


def companion_names(brief: m.Brief) -> list[str]:
    """Return the names `companions` would return, without rendering them."""
    return [viewer_file(brief.meta, s.id) for s in brief.sources]


def banner(meta: m.Meta, where: str) -> str:
    """Return the classification banner (none when the brief has no marking)."""
    return _banner(meta, where)


def _banner(meta: m.Meta, where: str) -> str:
    if not meta.classification:
        return ""
    tag = "header" if where == "top" else "footer"
    return (f'<{tag} class="classification classification-{where}">'
            f"<p>{esc(meta.classification)}</p></{tag}>")


def _meta_tags(meta: m.Meta) -> list[str]:
    tags = [("author", meta.author), ("description", meta.subject),
            ("keywords", ", ".join(meta.keywords)), ("generator", "briefing"),
            ("dcterms.date", meta.build_date)]
    return [f'<meta name="{name}" content="{esc(value)}">' for name, value in tags if value]


def _cover(meta: m.Meta) -> str:
    lines = ['<div class="cover">', f"<h1>{esc(meta.title)}</h1>"]
    if meta.subtitle:
        lines.append(f'<p class="subtitle">{esc(meta.subtitle)}</p>')
    facts = [("For", meta.audience), ("From", meta.organisation), ("As of", meta.as_of),
             ("Occasion", meta.occasion), ("Purpose", meta.purpose)]
    shown = [(k, v) for k, v in facts if v]
    if shown:
        lines.append('<dl class="cover-facts">' + "".join(
            f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in shown) + "</dl>")
    lines.append("</div>")
    return "\n".join(lines)


def _notes(brief: m.Brief, marked: set[int]) -> str:
    if not brief.notes:
        return ""
    file_of = {sid: s.id for s in brief.sources for sid in s.source_ids()}
    items = []
    for note in brief.notes:
        text, quote = note.text, f"“{note.quote}”"
        if not text.endswith(quote):  # never so today: then the whole note is the link
            quote = text
        lead = text[: len(text) - len(quote)]
        shown = esc(quote)
        if note.source_id in file_of and note.end > note.start:
            href = f"{viewer_file(brief.meta, file_of[note.source_id])}#c-{note.number}"
            shown = (f'<a class="to-source" href="{esc(href)}" '
                     f'title="The passage in the source">{shown}</a>')
        back = (f' <a class="back" href="#ref-{note.number}" aria-label="Back to the text '
                f'of note {note.number}">↩</a>' if note.number in marked else "")
        items.append(f'<li id="note-{note.number}" value="{note.number}">'
                     f'<span class="note-body">{esc(lead)}{shown}</span>{back}</li>')
    return ('<section class="notes" aria-labelledby="notes-title">\n'
            '<h2 id="notes-title">Notes</h2>\n<ol class="notes">\n'
            + "\n".join(items) + "\n</ol>\n" + _source_pages(brief) + "</section>")


def _source_pages(brief: m.Brief) -> str:
    """Return the list of the brief's source pages, each named by its file's articles."""
    if not brief.sources:
        return ""
    items = []
    for source in brief.sources:
        names = "; ".join(f"{s.outlet or 'Outlet not stated'}, {s.title}"
                          for s in source.segments)
        items.append(f'<li><a href="{esc(viewer_file(brief.meta, source.id))}">'
                     f"{esc(source.file)}</a>: {esc(names)}</li>")
    return ('<p class="source-pages-title">Each source as its file has it, with the '
            'passages this brief cites highlighted:</p>\n<ul class="source-pages">\n'
            + "\n".join(items) + "\n</ul>\n")


def source_link(segment: m.Segment) -> str:
    """Return the segment's web address as a link, or "" when it has none (or an
    address that is not a web one)."""
    url = safe_url(segment.url) if segment.url else None
    return f'<a href="{url}">{esc(segment.url)}</a>' if url else ""
