"""Text made fit for a PDF: NFC, no XML-illegal characters, white space runs as one space."""

from __future__ import annotations

import re
import unicodedata

_ILLEGAL_CHARS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]"
_ILLEGAL = re.compile(_ILLEGAL_CHARS)
_SPACE = re.compile(r"\s+")
# What either substitution below would change: one scan tells whether to run them.
_UNCLEAN = re.compile(_ILLEGAL_CHARS + r"|[^\S ]|  ")


def clean_text(text: str) -> str:
    """Return `text` in NFC without XML-illegal characters, white space runs as one space."""
    if text.isascii() and text.isprintable():  # the common case, checked fast
        return _SPACE.sub(" ", text) if "  " in text else text
    text = unicodedata.normalize("NFC", text)
    # Every character _UNCLEAN finds is unprintable (a control, format or unassigned
    # character, a surrogate, white space other than the space): most text is settled
    # by isprintable, several times faster than the search.
    if (text.isprintable() and "  " not in text) or _UNCLEAN.search(text) is None:
        return text
    return _SPACE.sub(" ", _ILLEGAL.sub("", text))
