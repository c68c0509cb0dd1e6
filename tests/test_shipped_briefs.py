"""The shipped briefs read as briefs, not catalogues (issue 14), on what real readers see:
pdftotext, python-docx and the Markdown for every shipped outline, and LibreOffice's
layout of the Word file for the full brief.

- no fact's sentence twice outside the key points; no "Sources differ" box twice;
- every fact a section selects is shown somewhere in the brief;
- the full brief: its contents on one page, its key points box on one page, no page
  whose only body content is one list item or one sources entry (nor the tail of one).

These tests are about the shipped data; the rules behind them are tested on small
fixtures in tests/assemble/ and tests/writers/.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import ROOT
from readers import docx_notes, docx_parts, pdf_pages, squash

from briefing import model as m
from briefing.assemble.currency import with_report
from briefing.assemble.outline import outline_names
from briefing.assemble.select import select
from briefing.assemble.typography import NameForms, smarten

OUTLINES = outline_names(ROOT / "templates" / "outlines")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
pytestmark = pytest.mark.shipped


@pytest.fixture
def shipped(shipped_build):
    """Every shipped outline built in every format: (out, briefs, base, outlines)."""
    return shipped_build


def _sentences(base) -> dict[str, str]:
    """Return each fact's sentence as briefs show it, by fact id."""
    names = NameForms(base.vocab)
    return {f.id: smarten(" ".join(with_report(names.text(f), f, base.sources).split()))
            for f in base.facts}


def _key_points(brief: m.Brief) -> list[str]:
    return [m.plain_text(i.children) for b in brief.blocks
            if isinstance(b, m.BulletList) and b.style == "key-points" for i in b.items]


def _allowed(brief: m.Brief, sentence: str) -> int:
    """Return how often a fact's sentence may appear: once, and once more as a key point."""
    return 1 + sum(sentence in point for point in _key_points(brief))


def _docx_body_text(path) -> str:
    from lxml import etree

    root = etree.fromstring(docx_parts(path)["word/document.xml"])
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _markdown_body(path) -> str:
    text = path.read_text(encoding="utf-8").split("\n[^1]: ", 1)[0]
    text = re.sub(r"\[\]\{#[^}]*\}", "", text)  # anchors
    return _MD_ESCAPE.sub(r"\1", text)


def _texts(out, name) -> dict[str, str]:
    """Return what each reader reads of brief `name`, white space squashed."""
    return {"pdf": squash("".join(pdf_pages(out / f"{name}.pdf"))),
            "docx": squash(_docx_body_text(out / f"{name}.docx")),
            "md": squash(_markdown_body(out / f"{name}.md"))}


@pytest.mark.parametrize("name", OUTLINES)
def test_no_fact_sentence_twice_outside_the_key_points(shipped, name):
    out, briefs, base, _ = shipped
    brief = briefs[name]
    notes = squash("".join(n.text for n in brief.notes))
    for fmt, text in _texts(out, name).items():
        for fid, sentence in _sentences(base).items():
            wanted = squash(sentence)
            count = text.count(wanted) - (notes.count(wanted) if fmt == "pdf" else 0)
            assert count <= _allowed(brief, sentence), (fmt, fid, count)


@pytest.mark.parametrize("name", OUTLINES)
def test_no_conflict_box_twice(shipped, name):
    out, briefs, _, _ = shipped
    titles = [m.plain_text(b.title) for b in briefs[name].blocks
              if isinstance(b, m.Callout) and b.kind == "sources-differ"]
    assert len(titles) == len(set(titles))
    for fmt, text in _texts(out, name).items():
        assert text.count(squash("Sources differ on")) == len(titles), fmt
        for title in titles:
            assert text.count(squash(title)) == 1, (fmt, title)


@pytest.mark.parametrize("name", OUTLINES)
def test_every_fact_a_section_selects_is_shown_in_the_brief(shipped, name):
    _, briefs, base, outlines = shipped
    brief = briefs[name]
    body = "\n".join(m.plain_text(run) for b in brief.blocks for run in m.inline_runs(b))
    sentences = _sentences(base)
    for section in outlines[name].sections:
        if section.contents or section.assessment:
            continue
        for fact in select(base.facts, base.vocab, section.selection):
            assert sentences[fact.id] in body, (section.title, fact.id)


# ---------------------------------------------------------------- the full brief's pages

def _running(brief: m.Brief, page: str) -> str:
    """Return a page's text without its header and footer, white space squashed."""
    meta = brief.meta
    text = squash(page)
    for fixed in (meta.classification, meta.title, meta.organisation):
        text = text.replace(squash(fixed), "", 2) if fixed else text
    return re.sub(r"Page\d+of\d+", "", text)


def _body_of(brief: m.Brief, page: str) -> str:
    """Return a page's body text: what comes before its first footnote ("N." and the
    note's words)."""
    text = _running(brief, page)
    starts = [text.find(f"{n.number}." + squash(n.text)[:40]) for n in brief.notes]
    starts = [s for s in starts if s >= 0]
    return text[:min(starts)] if starts else text


def _letters(text: str) -> str:
    return re.sub(r"[^A-Za-z]", "", text)


def _list_items(brief: m.Brief) -> list[str]:
    return [_letters(squash(m.plain_text(i.children))) for b in brief.blocks
            if isinstance(b, m.BulletList) for i in b.items]


def _assert_pages_read_as_a_brief(brief: m.Brief, pages: list[str], fmt: str) -> None:
    toc = [b for b in brief.blocks if isinstance(b, m.TableOfContents)][0]
    entries = [squash(m.plain_text(h.children)) for h in brief.headings(toc.depth)]
    contents = [i for i, p in enumerate(pages) if squash(toc.title) in squash(p)
                and entries[-1] in squash(p)]
    assert contents, f"{fmt}: no page holds the contents"
    page = squash(pages[contents[0]])
    assert all(e in page for e in entries), f"{fmt}: the contents runs over a page"
    # The key points come first: the first page holding each is where the box has it.
    points = [_letters(squash(p)) for p in _key_points(brief)]
    holders = {min(i for i, p in enumerate(pages) if point in _letters(squash(p)))
               for point in points}
    assert len(holders) == 1, f"{fmt}: the key points box spans pages {holders}"
    items = _list_items(brief)
    for i, page in enumerate(pages[1:], 2):
        body = _letters(_body_of(brief, page))
        alone = [item for item in items if body and item.endswith(body)]
        assert not alone, f"{fmt}: page {i} holds only one list item (or its tail)"


def test_full_brief_pdf_pages_read_as_a_brief(shipped):
    out, briefs, _, _ = shipped
    _assert_pages_read_as_a_brief(briefs["full-brief"], pdf_pages(out / "full-brief.pdf"),
                                  "pdf")


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_full_brief_docx_pages_read_as_a_brief_in_libreoffice(shipped, tmp_path):
    out, briefs, _, _ = shipped
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(out / "full-brief.docx")], capture_output=True, check=True, timeout=300)
    brief = briefs["full-brief"]
    pages = pdf_pages(tmp_path / "full-brief.pdf")
    _assert_pages_read_as_a_brief(brief, pages, "docx")
    # No heading ends a page: the first words of what follows it share its page.
    blocks = brief.blocks
    for i, block in enumerate(blocks[:-1]):
        if not isinstance(block, m.Heading) or block.level > 2:
            continue
        title = squash(m.plain_text(block.children))
        nxt = next(b for b in blocks[i + 1:] if not isinstance(b, m.Heading))
        first = next((run for run in m.inline_runs(nxt) if m.plain_text(run).strip()), ())
        start = _letters(squash(m.plain_text(first)))[:25]
        after = [squash(p).split(title, 1)[1] for p in pages if title in squash(p)]
        assert any(start in _letters(text) for text in after), f"heading ends a page: {title}"


def test_a_figure_caption_does_not_keep_with_the_heading_after_it(shipped):
    """In the DOCX a figure's caption follows its picture; kept with what comes next, it
    chained the picture, the next heading and its first paragraph, more than a page, and
    LibreOffice left the heading at the foot of a page."""
    from lxml import etree

    out, briefs, _, _ = shipped
    root = etree.fromstring(docx_parts(out / "full-brief.docx")["word/document.xml"])
    captions = [p for p in root.iter(f"{W}p")
                if "".join(t.text or "" for t in p.iter(f"{W}t")).startswith("Figure ")]
    figures = [b for b in briefs["full-brief"].blocks if isinstance(b, m.Figure)]
    assert len(captions) == len(figures) > 0
    for caption in captions:
        keep = caption.find(f"{W}pPr/{W}keepNext")
        assert keep is not None and keep.get(f"{W}val") == "0"


@pytest.mark.parametrize("name", OUTLINES)
def test_no_two_notes_read_the_same_in_any_format(shipped, name):
    """One passage, one note: no two notes of a brief with the same text, as the DOCX's
    footnotes part and the Markdown give them back."""
    out, briefs, _, _ = shipped
    texts = [n.text for n in briefs[name].notes]
    assert len(texts) == len(set(texts))
    docx = list(docx_notes(out / f"{name}.docx").values())
    md = re.findall(r"^\[\^\d+\]: (.*)$", (out / f"{name}.md").read_text(encoding="utf-8"),
                    re.M)
    for fmt, read in (("docx", docx), ("md", md)):
        assert len(read) == len(texts), fmt
        assert len(set(map(squash, read))) == len(read), fmt


# The shipped seed files: a project that adds its own sources cites them too.
SHIPPED_SEEDS = {"000_9c59e753f68ead8e.txt", "001_46aa95a88002895d.txt",
                 "002_6ce76abb59b9a186.txt", "003_d86c035503065d15.txt",
                 "004_278e2939a0fd7852.txt"}


def test_the_full_brief_has_at_most_160_notes_and_prints_runs_as_ranges(shipped):
    out, briefs, _, _ = shipped
    brief = briefs["full-brief"]
    # 289 before notes were one per passage
    assert sum(n.file in SHIPPED_SEEDS for n in brief.notes) <= 160
    ranges = [node for b in brief.blocks for run in m.inline_runs(b) for node in run
              if isinstance(node, m.NoteRange)]
    assert ranges
    md = (out / "full-brief.md").read_text(encoding="utf-8")
    for r in ranges:
        assert f"[^{r.first}]^\u2013^[^{r.last}]" in md
