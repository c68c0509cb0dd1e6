"""Keep-with-next groups: headings kept with what follows them, a table's caption with
its header and first row, a list's last two items together, the contents whole."""

from __future__ import annotations

from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import Flowable

from briefing.writers.pdf.note_refs import notes_of
from briefing.writers.pdf.rl_internals import (
    at_top,
    frame_of,
    full_height,
    last_space_after,
)


class Keep(Flowable):
    """Keep headings (or a caption and a table's first rows) with what follows.

    When the group does not fit, it moves to the next page unless the last member can
    start here (it splits and its first part fits below the others). A `whole` group,
    or one whose last member is kept whole (a box), moves rather than split whenever
    the next page can hold all of it; a group taller than a page starts here.
    """

    _bn = ()  # the members report their notes when placed one by one
    min_start = 30.0  # the least of the last member worth starting on this page

    def __init__(self, members, whole: bool = False):
        self.members = list(members)
        self.whole = whole

    def wrap(self, aW, aH):
        return aW, 0xFFFFFF  # always split: the frame then places the members

    def split(self, aW, aH):
        content = list(self.members)
        frame = frame_of(self)
        if frame is None or at_top(frame):
            _may_split(content[-1])
            return content
        canv = self.canv
        used, prev_after, fresh, fresh_after = 0.0, last_space_after(frame), 0.0, 0.0
        heads, last = content[:-1], content[-1]
        for i, f in enumerate(heads):
            h = f.wrapOn(canv, aW, aH)[1]
            # As the frame places them: the space after the one before (already taken
            # for the first), topped up to this one's space before.
            before = f.getSpaceBefore()
            used += (max(before, prev_after) if i else max(before - prev_after, 0)) + h
            fresh += (max(before, fresh_after) if i else 0) + h
            prev_after = fresh_after = f.getSpaceAfter()
        used += max(last.getSpaceBefore(), prev_after) if heads else 0
        fresh += max(last.getSpaceBefore(), fresh_after) if heads else 0
        head_notes = tuple(n for f in heads for n in notes_of(f))
        all_notes = head_notes + tuple(notes_of(last))
        room = aH - used - frame.extra_for(head_notes)
        if room <= 0:
            return [FrameBreak()] + content
        h = last.wrapOn(canv, aW, room)[1]
        if used + h + frame.extra_for(all_notes) <= aH:
            return content
        if self.whole or getattr(last, "keep_whole", False):
            whole_h = last.wrapOn(canv, aW, full_height(frame))[1]
            if fresh + whole_h + fresh_notes(frame, all_notes) <= full_height(frame):
                return [FrameBreak()] + content
        room = aH - used - frame.extra_for(all_notes)
        if room >= self.min_start and last.splitOn(canv, aW, room):
            _may_split(last)
            return content
        return [FrameBreak()] + content


def fresh_notes(frame, nums) -> float:
    """Return the height the notes `nums` take at the foot of a page of their own."""
    fresh = getattr(frame, "fresh_extra", None)
    return fresh(nums) if fresh is not None else 0.0


def _may_split(flowable) -> None:
    """Let a member kept whole split where its group placed it (it starts a page, or
    is taller than one)."""
    if getattr(flowable, "keep_whole", False):
        flowable.split_here = True
