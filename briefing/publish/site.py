"""The front page of the published briefs: `index.html`, listing every HTML brief in an
output folder with the source viewer pages beside it, so the folder serves as a static
site as it is.

Run after a build: `python -m briefing.publish.site out/`. What is listed comes from the
folder's manifest (checked whole, as a build checks it), each brief's title from its
own page; every text is escaped. The page is written beside its target and renamed into
place, and is the same bytes for the same outputs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from briefing.publish.manifest import Manifest
from briefing.publish.output import OutputFolder

INDEX = "index.html"
_TITLE = re.compile(r"<title>([^<]*)</title>")


def index_page(folder: OutputFolder) -> bytes:
    """Return the index page of the HTML outputs the folder's manifest lists."""
    from briefing.writers.html.assets import page_css
    from briefing.writers.html.escape import esc

    manifest = Manifest.read(folder)
    briefs: dict[str, list[str]] = {}
    for name, entry in sorted(manifest.outputs.items()):
        if entry.format == "html":
            briefs.setdefault(entry.outline, []).append(name)
    items = []
    for outline, names in sorted(briefs.items()):
        own = f"{outline}.html"
        title = _title(folder.path / own) or outline
        sources = [n for n in names if n != own]
        listed = "".join(
            f'<li><a href="{esc(n)}">{esc(_without(_title(folder.path / n), title) or n)}</a></li>'
            for n in sources)
        items.append(f'<li><a href="{esc(own)}">{esc(title)}</a>'
                     + (f'<ul class="sources" aria-label="Its sources">{listed}</ul>'
                        if listed else "") + "</li>")
    body = "\n".join(items) or "<li>No HTML brief has been built.</li>"
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>Briefs</title>\n<style>{page_css('A4')}</style>\n</head>\n<body>\n"
            '<main id="main">\n<h1>Briefs</h1>\n<p>Each brief with its sources: every note '
            "links to the words it cites, highlighted in the source.</p>\n"
            f'<ul class="briefs">\n{body}\n</ul>\n</main>\n</body>\n</html>\n').encode("utf-8")


def _without(title: str, brief: str) -> str:
    """Return a viewer page's title without the brief's title it ends with."""
    suffix = f" — {brief}"
    return title[: -len(suffix)] if title.endswith(suffix) else title


def _title(path: Path) -> str:
    """Return the text of a page's <title>, unescaped, or "" when it has none."""
    import html

    try:
        with open(path, "rb") as file:
            head = file.read(4096).decode("utf-8", "replace")
    except OSError:
        return ""
    found = _TITLE.search(head)
    return html.unescape(found.group(1)) if found else ""


def write_index(path: Path) -> Path:
    """Write the index page into the output folder at `path`; return its path."""
    folder = OutputFolder(path)
    folder.check()
    with folder.locked():
        txn = folder.transaction()
        try:
            txn.write(INDEX, index_page(folder))
        except BaseException:
            txn.abort()
            raise
        txn.commit()
    return path / INDEX


def main(argv: list[str]) -> int:
    """Write OUT/index.html for the output folder named on the command line."""
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python -m briefing.publish.site OUT_DIR\n"
              "writes OUT_DIR/index.html listing the HTML briefs built there",
              file=sys.stderr)
        return 2
    print(f"wrote {write_index(Path(argv[0]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
