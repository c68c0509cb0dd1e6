"""Boxes on the page: whole unless taller than a page; the contents never after a box's
tail; key points in regular weight, a bold lead phrase at most."""

from __future__ import annotations

import io

from pypdf import PdfReader

from briefing import model as m
from briefing.writers.pdf.document import write


def _note(n: int) -> m.Note:
    return m.Note(n, f"f{n}", "s", "Outlet, “Title”", "a.txt", n, f"quoted words {n}")


def _pages(brief: m.Brief) -> list[str]:
    return [" ".join((p.extract_text() or "").split())
            for p in PdfReader(io.BytesIO(write(brief))).pages]


def _page_of(pages: list[str], text: str) -> list[int]:
    return [i for i, page in enumerate(pages) if text in page]


def _brief(blocks, notes=()) -> m.Brief:
    return m.Brief(m.Meta(title="Boxes", cover="compact", build_date="2026-01-01"),
                   tuple(blocks), tuple(notes))


def _filler(lines: int) -> m.Paragraph:
    return m.Paragraph((m.Text(" ".join(f"Filler line {i} of the page above the box, written "
                                        "long enough to fill one line of text." for i in
                                        range(lines))),))


def _key_points(n: int, notes: bool = True) -> m.BulletList:
    return m.BulletList(tuple(
        m.ListItem((m.Text(f"Key point {i} says one thing in a sentence or two of plain words."),
                    *((m.NoteRef(i),) if notes else ())))
        for i in range(1, n + 1)), "key-points")


def test_a_box_that_does_not_fit_below_moves_whole_to_the_next_page():
    for style in ("key-points", "callout"):
        for lines in (20, 35, 45):
            box = (_key_points(8) if style == "key-points" else
                   m.Callout((m.Text("Sources differ on the length"),), (m.BulletList(tuple(
                       m.ListItem((m.Text(f"Outlet {i}: {i} days"), m.NoteRef(i)))
                       for i in range(1, 9))),)))
            pages = _pages(_brief([_filler(lines), box], [_note(n) for n in range(1, 9)]))
            first = "Key point 1 " if style == "key-points" else "Sources differ"
            last = "Key point 8 " if style == "key-points" else "Outlet 8:"
            assert _page_of(pages, first) == _page_of(pages, last), (style, lines)
            # its notes on its page
            assert _page_of(pages, "quoted words 8") == _page_of(pages, last)


def test_a_box_taller_than_a_page_splits_and_the_contents_then_starts_a_page():
    blocks = [m.Heading(1, (m.Text("Key points"),), "kp"), _key_points(70, notes=False),
              m.TableOfContents(), m.Heading(1, (m.Text("Body"),), "body"),
              m.Paragraph((m.Text("Body text."),))]
    pages = _pages(_brief(blocks))
    assert _page_of(pages, "Key point 1 ") != _page_of(pages, "Key point 70 ")
    contents = _page_of(pages, "Contents")
    assert len(contents) == 1
    assert "Key point 70 " not in pages[contents[0]]  # not after the box's tail


def test_the_contents_follows_a_short_box_on_its_page():
    blocks = [m.Heading(1, (m.Text("Key points"),), "kp"), _key_points(3, notes=False),
              m.TableOfContents(), m.Heading(1, (m.Text("Body"),), "body"),
              m.Paragraph((m.Text("Body text."),))]
    pages = _pages(_brief(blocks))
    assert _page_of(pages, "Contents") == _page_of(pages, "Key point 3 ") == [0]


def test_key_points_are_regular_weight_with_a_bold_lead_phrase_at_most():
    brief = _brief([m.BulletList((m.ListItem((m.Strong((m.Text("Lead phrase:"),)),
                                              m.Text(" the point itself."))),
                                  m.ListItem((m.Text("A point without a lead."),))),
                                 "key-points")])
    runs: list[tuple[str, str]] = []

    def seen(text, cm, tm, font, size):
        if text.strip() and font:
            runs.append((text.strip(), font["/BaseFont"].split("+")[-1]))

    PdfReader(io.BytesIO(write(brief))).pages[0].extract_text(visitor_text=seen)

    def font_of(words: str) -> set[str]:
        return {font for text, font in runs if text in words or words in text}

    assert font_of("Lead phrase:") == {"NotoSans-Bold"}
    assert font_of("the point itself.") == {"NotoSans-Regular"}
    assert font_of("A point without a lead.") == {"NotoSans-Regular"}
