"""Which notes a flowable marks: the numbers of the note markers it draws, in order.

Paragraphs are told at construction time (`_bn`); the parts a paragraph splits into are
scanned for their `#note-N` links; table rows, boxes and keep-together groups answer
for their children.
"""

from __future__ import annotations

from reportlab.platypus.paragraph import Paragraph

from briefing.writers.pdf.rl_internals import container_content


def notes_of(flowable) -> tuple[int, ...]:
    """Return the note numbers whose markers `flowable` draws, in order."""
    nums = getattr(flowable, "_bn", None)
    if nums is not None:
        return nums
    if isinstance(flowable, Paragraph):
        nums = scan_frags(flowable.frags)
        flowable._bn = nums
        return nums
    content = container_content(flowable)
    if content:
        return tuple(dict.fromkeys(n for f in content for n in notes_of(f)))
    return ()


def scan_frags(frags) -> tuple[int, ...]:
    """Return the note numbers linked (`#note-N`) from paragraph fragments.

    Fragments are either parse fragments or, in the parts of a split paragraph, words:
    lists `[width, (fragment, text), ...]`.
    """
    found: list[int] = []
    for frag in frags:
        if isinstance(frag, list):
            for part in frag[1:]:
                if isinstance(part, tuple) and part:
                    _links(part[0], found)
        else:
            _links(frag, found)
    return tuple(dict.fromkeys(found))


def _links(frag, found: list[int]) -> None:
    for link in getattr(frag, "link", None) or ():
        href = link[1] if isinstance(link, tuple) else link
        if isinstance(href, str) and href.startswith("#note-") and href[6:].isdigit():
            found.append(int(href[6:]))
