"""Text and addresses made safe for HTML: every character of the model shown as itself."""

from __future__ import annotations

import html
import re

# Characters an HTML document may not hold as text (C0 and C1 controls but tab, line
# feed and carriage return; noncharacters): shown as U+FFFD, never passed on.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def esc(text: str) -> str:
    """Return `text` escaped for HTML text and attribute values (quotes included)."""
    if _FORBIDDEN.search(text):
        text = _FORBIDDEN.sub("\ufffd", text)
    return html.escape(text, quote=True)


def safe_url(url: str) -> str | None:
    """Return `url` escaped for an href when it is a web or mail address, else None (a
    `javascript:` or relative address from the data is never made a link)."""
    if not url.lower().startswith(_SAFE_SCHEMES) or any(c.isspace() for c in url):
        return None
    return esc(url)


def ident(name: str) -> str:
    """Return an element id made from `name`: the model's anchors are ids already (letters,
    digits, hyphens); anything else is escaped so it cannot leave the attribute."""
    return esc(name)
