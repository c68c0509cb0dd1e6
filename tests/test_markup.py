"""The template markup: what the parser makes of it, and that its shortcuts change nothing."""

from __future__ import annotations

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
]


@pytest.mark.parametrize("text", SAMPLES)
def test_parser_for_a_text_reads_it_as_the_full_parser_does(text):
    assert markup._parser_for(text).parse(text) == markup._MD.parse(text)


def test_parser_for_plain_list_leaves_out_rules_it_cannot_need():
    md = markup._parser_for("- " + fact_placeholder("f1") + "\n")
    active = set(md.block.ruler.get_active_rules())
    assert not active & {"table", "fence", "blockquote", "heading", "reference", "html_block"}
    assert {"list", "paragraph", "lheading", "hr", "code"} <= active


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
