"""Markdown writer details that the read-back tests do not reach."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from briefing import model as m
from briefing.writers.markdown import _escape, write

ALL = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
WHITE = re.findall(r"\s", ALL)


def _collapsed_then_escaped(text: str) -> str:
    """Return `text` escaped the long way: every run of white space made one space."""
    # A NUL is not printable: it sends `_escape` down its collapsing path, and stays.
    return _escape(re.sub(r"\s+", " ", text) + "\x00")[:-1]


def test_white_space_other_than_a_space_is_never_printable():
    """What lets `_escape` skip collapsing text that is printable with no double space."""
    assert [ch for ch in WHITE if ch.isprintable()] == [" "]


@pytest.mark.parametrize("text", [
    "plain words", "  lead and trail  ", "tab\there", "new\nline\r\n", "nbsp\u00a0x",
    "line\u2028sep", "ideographic\u3000space", "mixed \t\u00a0 run", "\x1c\x1f",
    "zero\u200bwidth", "*[@x]* `y` 'q' -- ...", "", " ", *WHITE,
    *(f"a {ch}{ch} b" for ch in WHITE)])
def test_escape_collapses_white_space_as_one_space(text):
    assert _escape(text) == _collapsed_then_escaped(text)


def _reusing_brief() -> m.Brief:
    notes = tuple(m.Note(n, (f"f{n}",), "s", "VNA, ‘T’, undated", "a.txt", n, f"words {n}")
                  for n in range(1, 4))
    R = m.NoteRef
    return m.Brief(m.Meta(title="T"), (
        m.Paragraph((m.Text("Alpha."), R(1), R(2), R(3))),
        m.Paragraph((m.Text("Again."), R(1))),
        m.Paragraph((m.Text("Range."), m.NoteRange(1, 3))),
    ), notes)


def test_a_reused_note_is_its_marker_again_and_a_range_a_superscript_dash():
    md = write(_reusing_brief()).decode("utf-8")
    assert "Alpha.[^1]^,^[^2]^,^[^3]" in md  # markers side by side read "1,2,3"
    assert "Again.[^1]" in md
    assert "Range.[^1]^\u2013^[^3]" in md
    assert md.count("[^1]: ") == md.count("[^2]: ") == md.count("[^3]: ") == 1


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_pandoc_keeps_every_note_of_a_range_and_shows_its_dash():
    html = subprocess.run(["pandoc", "-f", "markdown", "-t", "html"],
                          input=write(_reusing_brief()), capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "<sup>\u2013</sup>" in html
    for n in (1, 2, 3):
        assert f"words {n}" in html


# A list item's text is escaped at each line start as a paragraph's is: "+ x" or "2025."
# would otherwise open a list inside the item.
ITEMS = ["+ plus sign first", "2025. was a year", "1) one", "> not a quote", "- not a list",
         "= not a heading", ": not a definition"]


@pytest.mark.parametrize("style", ["bullet", "numbered", "key-points"])
def test_list_items_starting_with_markup_stay_one_plain_item(style):
    import json
    import shutil
    import subprocess

    from briefing import model as m
    from briefing.writers.markdown import write

    items = tuple(m.ListItem((m.Text(t),)) for t in ITEMS)
    items += (m.ListItem((m.Text("first"), m.LineBreak(), m.Text("- second"),
                          m.LineBreak(), m.Text("3. third"))),)
    md = write(m.Brief(m.Meta(title="T"), (m.BulletList(items, style),))).decode()
    lines = [line.split(" ", 1)[-1] for line in md.splitlines()]
    for text in ITEMS:
        assert text not in lines  # after its marker, each starts escaped
    if not shutil.which("pandoc"):
        pytest.skip("pandoc is not installed")
    ast = json.loads(subprocess.run(["pandoc", "-f", "markdown", "-t", "json"], input=md,
                                    capture_output=True, text=True, check=True).stdout)

    def lists(node):
        if isinstance(node, dict):
            here = node.get("t") in ("BulletList", "OrderedList")
            return here + sum(lists(v) for v in node.values())
        return sum(lists(v) for v in node) if isinstance(node, list) else 0
    assert lists(ast["blocks"]) == 1  # the list itself, nothing nested
    plain = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
                           input=md, capture_output=True, text=True, check=True).stdout
    for text in ITEMS:
        assert text in plain


def test_a_cross_reference_links_to_an_empty_span_where_its_fact_stands():
    import json
    import shutil
    import subprocess

    from sample_brief import xref_brief

    from briefing.writers.markdown import write

    md = write(xref_brief()).decode()
    assert "- []{#fact-a}Fact A stands here.[^1]" in md
    assert "| []{#fact-b}Fact B in a cell.[^2] |" in md
    assert md.count("[See Meetings, above](#fact-a).") == 1
    assert md.count("[See Meetings, above](#fact-b).") == 1
    if not shutil.which("pandoc"):
        return
    doc = json.loads(subprocess.run(["pandoc", "-f", "markdown", "-t", "json"], input=md,
                                    capture_output=True, text=True, check=True).stdout)
    spans, links = [], []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Span":
                spans.append(node["c"][0][0])
            elif node.get("t") == "Link":
                links.append(node["c"][2][0])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc["blocks"])
    assert spans == ["fact-a", "fact-b"]
    assert links == ["#fact-a", "#fact-b"]


# ------------------------------------------------ flavours: GitHub's and pandoc's

GFM_LITERALS = ("{#", ":::", "\\'", '\\"', "{.")


def _gfm_briefs(root, out):
    from briefing.build import Options, build
    from briefing.project import Project

    build(Project(root), [], ["md"], out, options=Options(md_flavour="gfm"))
    return sorted(p for p in out.glob("*.md") if p.name != "CHANGES.md")


def _html(md: str, reader: str) -> str:
    return subprocess.run(["pandoc", "-f", reader, "-t", "html"], input=md,
                          capture_output=True, text=True, check=True).stdout


def _check_gfm(path):
    md = path.read_text(encoding="utf-8")
    assert not md.startswith("---")  # GitHub would show the metadata as a table
    html = _html(md, "gfm")
    for literal in GFM_LITERALS:
        assert literal not in html, (path.name, literal)
    text = re.sub(r"<[^>]+>", "", html)
    assert "OFFICIAL" in text and "Prepared for:" in text
    ids = set(re.findall(r'id="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links and links <= ids, sorted(links - ids)[:5]  # contents and cross-references
    # Markers side by side are separated ("21,22", not "2122").
    assert not re.search(r'role="doc-noteref"><sup>\d+</sup></a><a', html)
    return md, html


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_every_gfm_brief_renders_cleanly_on_github(tmp_path):
    from conftest import fixture_root

    for path in _gfm_briefs(fixture_root(), tmp_path / "out"):
        md, html = _check_gfm(path)
        if "-figure-" in md:
            assert html.count("<figure>") == html.count("<figcaption>") == md.count("<figure>")
            assert re.search(r"<figcaption>\s*<p>Figure 1: ", html)


@pytest.mark.shipped
@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_every_shipped_gfm_brief_renders_cleanly_on_github(tmp_path):
    from conftest import ROOT

    paths = _gfm_briefs(ROOT, tmp_path / "out")
    assert paths
    for path in paths:
        _check_gfm(path)


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
@pytest.mark.parametrize("flavour, reader", [("pandoc", "markdown"), ("gfm", "gfm")])
def test_figures_are_figures_with_captions_and_tables_keep_their_widths(
        flavour, reader, tmp_path):
    from conftest import fixture_root

    from briefing.build import Options, build
    from briefing.project import Project

    out = tmp_path / "out"
    build(Project(fixture_root()), ["full-brief"], ["md"], out,
          options=Options(md_flavour=flavour))
    html = _html((out / "full-brief.md").read_text(encoding="utf-8"), reader)
    figures = re.findall(r"<figure>(.*?)</figure>", html, re.S)
    assert figures
    for fig in figures:
        alt = re.search(r'<img src="full-brief-figure-\d+\.png"[^>]*alt="([^"]+)"', fig)
        assert alt and len(alt.group(1)) > 40  # the description, not the caption
        assert re.search(r"<figcaption>\s*(<p>)?Figure \d+: ", fig)
    if flavour == "pandoc":  # the timeline's table_widths: [1.3, 1.6, 1.1, 4]
        cols = [int(w) for w in re.findall(r'<col style="width: (\d+)%"', html)[:4]]
        wanted = [100 * w / 8 for w in (1.3, 1.6, 1.1, 4)]
        assert all(abs(c - w) <= 2 for c, w in zip(cols, wanted)) and len(cols) == 4, cols


@pytest.mark.parametrize("flavour, text, shown", [
    ("gfm", "Viet Nam's \"plan\" -- 3...", "Viet Nam's \"plan\" -- 3..."),
    ("pandoc", "Viet Nam's", "Viet Nam\\'s"),  # pandoc's smart quotes would curl it
    ("gfm", "snake_case a_b", "snake_case a_b"),
    ("gfm", "_lead and trail_", "\\_lead and trail\\_"),
    ("pandoc", "mail a@b.org, cite @key", "mail a@b.org, cite \\@key"),
    ("gfm", "a < b & c > d", "a < b & c > d"),
    ("gfm", "<b> &amp; &#38;", "\\<b> \\&amp; \\&#38;"),
    ("gfm", "[x] *y* `z` ~w~ $5", "\\[x\\] \\*y\\* \\`z\\` \\~w\\~ \\$5"),
    ("gfm", "emoji :smile: here", "emoji \\:smile: here"),
    ("pandoc", "{.x} ^sup^", "\\{.x\\} \\^sup\\^"),
])
def test_escaping_only_where_the_flavour_reads_markup(flavour, text, shown):
    assert _escape(text, flavour) == shown


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
@pytest.mark.parametrize("flavour, reader", [("pandoc", "markdown"), ("gfm", "gfm")])
def test_escaped_text_reads_back_as_itself(flavour, reader):
    texts = ["Viet Nam's \"plan\" -- 3... a_b _c_ *d* [e] <f> &amp; g@h.org @i ~j~ ^k^ $1 $2",
             "2025. a year", "# not a heading", "- not a list", "> not a quote"]
    brief = m.Brief(m.Meta(title="T", markdown=flavour),
                    tuple(m.Paragraph((m.Text(t),)) for t in texts))
    plain = subprocess.run(["pandoc", "-f", reader, "-t", "plain", "--wrap=none"],
                           input=write(brief), capture_output=True, check=True
                           ).stdout.decode("utf-8")
    for text in texts:
        assert text in plain, text


def _judged(under_review: bool) -> m.Brief:
    note = m.Note(1, ("a",), "s1", "Outlet, ‘Title’, undated", "f.txt", 3, "the words")
    return m.Brief(m.Meta("T", occasion="The AMMTC", purpose="To decide"), (
        m.Judgement((m.Text("It holds*."), m.NoteRef(1)), "realistic possibility",
                    "Assessment", under_review),), (note,))


def test_a_judgement_is_a_div_with_its_lead_term_and_notes():
    text = write(_judged(False)).decode()
    assert ("::: {.judgement}\n**Assessment** ([realistic possibility]{.confidence}): "
            "It holds\\*.[^1]\n:::") in text
    assert "**Occasion:** The AMMTC\\\n**Purpose:** To decide" in text
    under = write(_judged(True)).decode()
    assert "::: {.judgement .under-review}\n**Assessment (under review)**" in under
    assert f"*{_escape(m.UNDER_REVIEW)}*" in under


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_pandoc_reads_a_judgement_as_a_div_with_a_confidence_span():
    import json

    ast = json.loads(subprocess.run(["pandoc", "-f", "markdown", "-t", "json"],
                                    input=write(_judged(True)), capture_output=True,
                                    check=True).stdout)
    divs = [b for b in ast["blocks"] if b["t"] == "Div"]
    assert [d["c"][0][1] for d in divs] == [["judgement", "under-review"]]
    shown = json.dumps(divs[0])
    assert '"confidence"' in shown and "Note" in shown
