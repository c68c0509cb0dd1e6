"""The Brief's blocks as flowables: cross-references link to where a fact stands."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sample_brief import xref_brief

from briefing.writers.pdf.document import write


@pytest.mark.parametrize("note_style", ["footnotes", "endnotes"])
def test_a_cross_reference_links_to_the_place_its_fact_stands(note_style):
    reader = PdfReader(io.BytesIO(write(xref_brief(note_style))))
    pages = [p.extract_text() or "" for p in reader.pages]
    target = next(i for i, p in enumerate(pages) if "Fact A stands here." in p)
    refs = next(i for i, p in enumerate(pages) if "See Meetings, above" in p)
    assert refs > target
    links = [a.get_object() for a in reader.pages[refs].get("/Annots") or []]
    # The references' links are as wide as their words; a note marker's is one or two
    # digits wide.
    dests = [a["/Dest"] for a in links
             if "/Dest" in a and float(a["/Rect"][2]) - float(a["/Rect"][0]) > 40]
    # the two references: to the list item, then to the table cell, both on that page
    on_page = [d for d in dests if reader.get_page_number(d[0].get_object()) == target]
    assert len(on_page) == len(dests) == 2
    tops = [float(d[3]) for d in on_page]
    assert tops[0] > tops[1]  # the item stands above the table
