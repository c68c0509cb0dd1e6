"""Reading the HTML writer's pages as a browser's parser does (html5lib)."""

from __future__ import annotations

import re


def parse(data: bytes):
    """Return the page's element tree (html5lib, no namespaces); fail on any parse error."""
    import html5lib

    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    tree = parser.parse(data)
    assert not parser.errors, parser.errors[:5]
    return tree


def text_of(element) -> str:
    """Return the text of `element` and everything in it, white space as one space."""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def by_id(tree, ident: str):
    """Return the element with id `ident` (exactly one)."""
    found = [e for e in tree.iter() if e.get("id") == ident]
    assert len(found) == 1, (ident, len(found))
    return found[0]
