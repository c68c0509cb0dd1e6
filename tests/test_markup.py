"""The template markup: what the parser makes of it, and that its shortcuts change nothing."""

from __future__ import annotations

import random

import pytest

from briefing import markup
from briefing import model as m
from briefing.markup import MarkupError, fact_placeholder, parse

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
    assert markup._parser_for(text).parse(text) == markup._MD.parse(text)


def test_parser_for_random_texts_reads_them_as_the_full_parser_does():
    rng = random.Random(20260101)
    for _ in range(4000):
        pieces = rng.sample(PIECES, rng.randint(2, 10))  # few pieces: some rules go off
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        assert markup._parser_for(text).parse(text) == markup._MD.parse(text), repr(text)


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
