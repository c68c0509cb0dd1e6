"""The footnote frame: its short route for paragraphs places them as Frame.add does
(same PDF bytes), on briefs whose notes crowd the pages."""

from __future__ import annotations

import pytest
from reportlab.platypus.frames import Frame

from briefing import model as m
from briefing.writers.pdf import document as pdf
from briefing.writers.pdf.note_frame import NoteFrame
from tests.sample_brief import sample_brief


def _crowded_brief() -> m.Brief:
    """Facts as list items and paragraphs, some long enough to split, every one noted."""
    notes, blocks = [], []

    def ref(words: int) -> m.NoteRef:
        notes.append(m.Note(len(notes) + 1, "f", "s", "Outlet, \u201cTitle\u201d", "a.txt",
                            len(notes) + 1, "quoted words " * words))
        return m.NoteRef(len(notes))

    for s in range(4):
        blocks.append(m.Heading(1, (m.Text(f"Section {s}"),), f"s{s}"))
        blocks.append(m.BulletList(tuple(
            m.ListItem((m.Text(f"Fact {s}-{i} " + "in a few words " * (i % 9)), ref(i % 40)))
            for i in range(60))))
        blocks.append(m.Paragraph(tuple(
            node for i in range(50) for node in (m.Text(f"Sentence {s}-{i} runs on. "),
                                                 ref(3)))))
        blocks.append(m.Callout((m.Text("Sources differ"),), tuple(
            m.Paragraph((m.Text(f"Boxed {s}-{i}."), ref(2))) for i in range(8))))
        for i in range(6):  # a caption's space before it, after a list item's space after
            blocks.append(m.BulletList((m.ListItem((m.Text("An item."), ref(1))),)))
            blocks.append(m.Table(header=(), rows=(((m.Text("cell"),),),),
                                  caption=(m.Text(f"Table {s}-{i}"), ref(1))))
    return m.Brief(m.Meta(title="Crowded", build_date="2026-01-01"), tuple(blocks),
                   tuple(notes))


@pytest.mark.parametrize("brief", [sample_brief(), sample_brief("endnotes"), _crowded_brief()],
                         ids=["sample", "endnotes", "crowded"])
def test_paragraphs_placed_by_the_short_route_as_frame_add_places_them(brief, monkeypatch):
    short = []
    original = NoteFrame.add_plain

    def counted(self, *args):
        short.append(1)
        return original(self, *args)

    monkeypatch.setattr(NoteFrame, "add_plain", counted)
    ours = pdf.write(brief)
    monkeypatch.setattr(NoteFrame, "_place", lambda self, f, canv, trySplit:
                        Frame.add(self, f, canv, trySplit))
    assert pdf.write(brief) == ours
    assert short or brief.meta.note_placement == "endnotes"
