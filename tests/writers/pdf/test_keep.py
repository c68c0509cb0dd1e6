"""Keep-with-next groups on the page: a list's last item never alone atop a page, the
sources list whole with its heading, the contents whole, headings with what follows."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from briefing import model as m
from briefing.writers.pdf.document import write


def _pages(brief: m.Brief) -> list[str]:
    return [" ".join((p.extract_text() or "").split())
            for p in PdfReader(io.BytesIO(write(brief))).pages]


def _page_of(pages: list[str], text: str) -> int:
    (page,) = [i for i, p in enumerate(pages) if text in p]
    return page


def _brief(blocks) -> m.Brief:
    return m.Brief(m.Meta(title="Keep", cover="compact", build_date="2026-01-01"), tuple(blocks))


def _filler(lines: int) -> m.Paragraph:
    return m.Paragraph((m.Text(" ".join(f"Filler {i} written long enough to fill one whole "
                                        "line of the body text, or nearly." for i in
                                        range(lines))),))


def _items(n: int, label: str = "Item") -> tuple[m.ListItem, ...]:
    return tuple(m.ListItem((m.Text(f"{label} {i} holds a sentence of plain words."),))
                 for i in range(1, n + 1))


@pytest.mark.parametrize("lines", range(50, 60))
def test_the_last_item_of_a_list_never_stands_alone_atop_a_page(lines):
    pages = _pages(_brief([_filler(lines), m.BulletList(_items(6)),
                           m.Heading(1, (m.Text("Next section"),), "next"),
                           m.Paragraph((m.Text("Closing words."),))]))
    assert _page_of(pages, "Item 6 ") == _page_of(pages, "Item 5 ")


@pytest.mark.parametrize("lines", range(50, 60))
def test_the_sources_list_stays_whole_with_its_heading(lines):
    pages = _pages(_brief([_filler(lines), m.Heading(1, (m.Text("Sources"),), "sources"),
                           m.BulletList(_items(5, "Source"), "sources")]))
    page = _page_of(pages, "Sources")
    assert all(_page_of(pages, f"Source {i} ") == page for i in range(1, 6))


def test_a_sources_list_longer_than_a_page_runs_on():
    pages = _pages(_brief([m.Heading(1, (m.Text("Sources"),), "sources"),
                           m.BulletList(_items(120, "Source"), "sources")]))
    assert len(pages) > 1 and _page_of(pages, "Source 120 ") == len(pages) - 1


def _headings(n: int) -> list[m.Block]:
    out: list[m.Block] = []
    for i in range(n):
        out.append(m.Heading(1 + i % 2, (m.Text(f"Heading {i:02d}"),), f"h{i}"))
        out.append(m.Paragraph((m.Text(f"Text under heading {i}."),)))
    return out


@pytest.mark.parametrize("lines", (5, 25, 40))
def test_the_contents_moves_whole_to_the_next_page_where_it_would_split(lines):
    pages = _pages(_brief([_filler(lines), m.TableOfContents(), *_headings(30)]))
    contents = _page_of(pages, "Contents")
    # every entry on the page of the contents (the headings themselves come after)
    assert all(f"Heading {i:02d}" in pages[contents] for i in range(30))


def test_the_contents_lists_headings_to_its_depth():
    for depth, listed in ((1, range(0, 30, 2)), (2, range(30))):
        pages = _pages(_brief([m.TableOfContents(depth=depth), m.PageBreak(), *_headings(30)]))
        contents = pages[_page_of(pages, "Contents")]
        assert [i for i in range(30) if f"Heading {i:02d}" in contents] == list(listed)
