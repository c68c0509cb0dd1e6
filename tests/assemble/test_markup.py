"""The template markup: what the parser makes of it, and that its shortcuts change nothing."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import model as m
from briefing.assemble import markup
from briefing.assemble.markup import MarkupError, fact_placeholder, parse

SAMPLES = [
    "plain paragraph\n",
    "- one\n- two\n",
    "- one\n\n- two\n",
    "1. first\n2. second\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "a | b\n--|--\n1 | 2\n",
    "no table | here\n",
    "```\ncode\n```\n",
    "~~~\ncode\n~~~\n",
    "text with ` and ~ inside\n",
    "> **Title**\n>\n> aside\n",
    "a > b\n",
    "# One\n\n## Two\n\n### Three\n",
    "not # a heading\n",
    "Setext\n======\n\nand\n---\n",
    "[ref]: https://example.org\n\n[a link][ref]\n",
    "[@fact-a] and [@a; @b] cite\n",
    "<div>raw html</div>\n\n<span>inline</span>\n",
    "    indented code\n",
    "- " + fact_placeholder("f1") + "\n- " + fact_placeholder("f2") + "\n",
    "* star\n+ plus\n***\n",
    "- item\n  lazy\ncontinued\n> quote\n| x |\n",
    "Title\n-\n", "Title\n--  \n", "Title\r\n---\r\n", "Title\n==\n", "text -\n",
    "- - -\n", "_ _ _\n", "* * *\n", "-\t-\t-\n", "a\n\n- b\n-\n",
    "-    indented in an item\n", ">     code in a quote\n", "\tcode\n", "a\n    b\n",
    "- a\n\n      code in an item\n", "1.  one\n\n     more\n",
]
# Pieces of lines that matter to block structure, for random texts.
PIECES = ["-", "- ", "--", "---", "=", "==", "*", "_", " ", "  ", "   ", "    ", "\t", ">",
          "> ", "#", "# ", "|", "| a |", "|---|", "```", "~~~", "[x]: /u", "[x]", "1. ",
          "2) ", "word", "a b", "\ue000f1\ue001", "[@f1]", "\n", "\n", "\n", "\n\n", "\r\n"]


@pytest.mark.parametrize("text", SAMPLES)
def test_parser_for_a_text_reads_it_as_the_full_parser_does(text):
    assert markup._parser_for(text).parse(text) == markup.full_parser().parse(text)


def test_parser_for_random_texts_reads_them_as_the_full_parser_does():
    rng = random.Random(20260101)
    for _ in range(4000):
        pieces = rng.sample(PIECES, rng.randint(2, 10))  # few pieces: some rules go off
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        assert markup._parser_for(text).parse(text) == markup.full_parser().parse(text), repr(text)


def test_parser_for_plain_list_leaves_out_rules_it_cannot_need():
    md = markup._parser_for("- " + fact_placeholder("f1") + "\n")
    active = set(md.block.ruler.get_active_rules())
    assert active == {"list", "paragraph"}


def _cite(ids):
    return tuple(m.Text(f"<{i}>") for i in ids)


@pytest.mark.parametrize("text,items", [
    ("- a\n- b\n", [(m.Text("a"),), (m.Text("b"),)]),
    ("- a\n\n- b\n", [(m.Text("a"),), (m.Text("b"),)]),
    ("- a\n\n  b\n- c\n", [(m.Text("a"), m.LineBreak(), m.Text("b")), (m.Text("c"),)]),
    ("-\n- b\n", [(), (m.Text("b"),)]),
    ("- *a* [@x]\n", [(m.Emph((m.Text("a"),)), m.Text(" <x>"))]),
])
def test_list_items(text, items):
    (block,) = parse(text, _cite)
    assert block == m.BulletList(tuple(m.ListItem(i) for i in items))


def test_list_item_holding_a_list_is_refused():
    with pytest.raises(MarkupError, match="only text"):
        parse("- a\n  - b\n", _cite)


# ---------------------------------------------------------------- plain lists read directly

def _full_parse(text):
    """Return the blocks the full parser's tokens give (no shortcut)."""
    tokens = markup.full_parser().parse(text)
    return markup._blocks(tokens, 0, len(tokens), markup._Resolver(_cite, _fact))[0]


def _fact(fid):
    return (m.Text(f"text of {fid} *as is*"), *_cite([fid]))


def _assert_read_as_the_full_parser_reads(text):
    """If `text` takes the plain-list path, check that the full parser makes one tight list
    of one-paragraph items, each a single text token holding the line after its marker,
    and that both paths give the same blocks."""
    plain = markup._plain_list(text)
    if plain is None:
        return False
    marker, items = plain
    tokens = markup.full_parser().parse(text)
    kind = "ordered_list" if marker == "1. " else "bullet_list"
    assert [t.type for t in tokens] == [f"{kind}_open", *[
        "list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close"]
        * len(items), f"{kind}_close"], repr(text)
    inlines = [t for t in tokens if t.type == "inline"]
    assert [[(c.type, c.content) for c in t.children] for t in inlines] == [
        [("text", item)] for item in items], repr(text)
    assert all(t.hidden for t in tokens if t.type.startswith("paragraph")), repr(text)
    assert parse(text, _cite, _fact) == _full_parse(text), repr(text)
    return True


PLAIN_LISTS = [
    "- a\n- b\n",
    "1. a\n1. b\n",
    "- " + fact_placeholder("f-1") + "\n- " + fact_placeholder("f2") + " and more\n\n\n",
    "- word-with-hyphens 123 x-\n",
    "1. 2024\n",
]
NOT_PLAIN_LISTS = [
    "", "- a", "- a\n1. b\n", "- a\n* b\n", "- -a\n", "- a  b\n", "- a \n", "-  a\n",
    "- a\n\n- b\n", "\n- a\n", "- a\n  b\n", "- 1. a\n", "- *a*\n", "- a\n---\n",
    "2. a\n", "- a\r\n", "- caf\u00e9\n", "- a\u00a0b\n", "- [@f1]\n", "- #a\n",
]


@pytest.mark.parametrize("text", PLAIN_LISTS)
def test_plain_list_is_read_directly_and_as_the_full_parser_reads_it(text, monkeypatch):
    assert _assert_read_as_the_full_parser_reads(text)
    monkeypatch.setattr(markup, "_parser_for", None)  # markdown-it is not called
    assert parse(text, _cite, _fact) == _full_parse(text)


@pytest.mark.parametrize("text", NOT_PLAIN_LISTS)
def test_text_that_is_not_a_plain_list_goes_to_the_full_parser(text):
    assert markup._plain_list(text) is None


# Lists near the edge of "plain": a plain list with one line changed, by another marker
# or by a piece of content that may change the parse (a nested marker, a rule, emphasis,
# an escape, odd spaces, non-ASCII letters, a line break).
_SAFE = ["a", "Z", "0", "19", "-", " ", "\ue000f1\ue001"]
_MARKERS = ["* ", "+ ", "2. ", "1) ", "-  ", "-", "  - ", "    ", "", "- ", "1. "]
_PIECES = ["--", "---", "  ", " ", "\t", "1.", "2)", "1. ", "- ", "-", "\ue000", "\ue001", ".",
           ")", "*", "_", "#", "# ", ">", "|", "`", "~", "[@f1]", "[", "]", "\\", "&amp;",
           "<b>", "!", "=", "+", ":", "\u00a0", "\u00e9", "\r", "\n", "\n\n", "\n  "]


def test_plain_list_path_agrees_with_the_full_parser_after_any_one_change():
    taken = 0
    for base in ("- ", "1. "):
        for lines in (["a"], ["", "a b"], ["\ue000f1\ue001 19", "Z-0"]):
            for i, line in enumerate(lines):
                changed = [(marker, line) for marker in _MARKERS] + [
                    (base, line[:at] + piece + line[at:])
                    for piece in _PIECES for at in sorted({0, 1, len(line)})]
                for marker, content in changed:
                    text = "".join(
                        (marker + content if j == i else base + other) + "\n"
                        for j, other in enumerate(lines))
                    taken += _assert_read_as_the_full_parser_reads(text)
    assert taken > 50  # the plain path was tried, not only refused


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_plain_list_path_agrees_with_the_full_parser_near_its_edge(data):
    base = data.draw(st.sampled_from(["- ", "1. "]))
    contents = data.draw(st.lists(st.lists(st.sampled_from(_SAFE), max_size=4).map("".join),
                                  min_size=1, max_size=4))
    markers = [base] * len(contents)
    i = data.draw(st.integers(0, len(contents) - 1))
    change = data.draw(st.sampled_from(["none", "marker", "piece"]))
    if change == "marker":
        markers[i] = data.draw(st.sampled_from(_MARKERS))
    elif change == "piece":
        at = data.draw(st.integers(0, len(contents[i])))
        contents[i] = contents[i][:at] + data.draw(st.sampled_from(_PIECES)) + contents[i][at:]
    tail = data.draw(st.sampled_from(["", "\n", "\n\n", " "]))
    text = "".join(marker + content + "\n" for marker, content in zip(markers, contents)) + tail
    _assert_read_as_the_full_parser_reads(text)


_WORDS = st.text("aZ09-\ue000\ue001", min_size=1, max_size=6).filter(lambda w: w[0] != "-")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["- ", "1. "]),
       st.lists(st.lists(_WORDS, min_size=1, max_size=4), min_size=1, max_size=8),
       st.sampled_from(["", "\n", "\n\n"]))
def test_plain_lists_take_the_plain_path_and_read_the_same(marker, items, tail):
    text = "".join(marker + " ".join(words) + "\n" for words in items) + tail
    assert _assert_read_as_the_full_parser_reads(text)


@pytest.mark.parametrize("nodes,merged", [
    ([m.Text("a"), m.Text(""), m.Text("b")], [m.Text("ab")]),
    ([m.Text(""), m.NoteRef(1), m.Text("a"), m.Text("b"), m.NoteRef(2), m.Text("c")],
     [m.NoteRef(1), m.Text("ab"), m.NoteRef(2), m.Text("c")]),
    ([m.Code("x"), m.Text("a"), m.Emph((m.Text("b"),)), m.Text("")],
     [m.Code("x"), m.Text("a"), m.Emph((m.Text("b"),))]),
])
def test_merge_text_joins_adjacent_text_and_drops_empty_text(nodes, merged):
    assert markup._merge_text(nodes) == merged


def test_plain_lists_are_read_without_importing_markdown_it():
    import subprocess
    import sys

    code = ("import sys\n"
            "from briefing.assemble.markup import parse, fact_placeholder\n"
            "assert 'markdown_it' not in sys.modules\n"
            "parse('- a\\n- b\\n', lambda ids: (), lambda fid: ())\n"
            "assert 'markdown_it' not in sys.modules\n"
            "parse('# Heading\\n\\n- a\\n', lambda ids: (), lambda fid: ())\n"
            "assert 'markdown_it' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)
