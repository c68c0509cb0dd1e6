"""The template markup: CommonMark (with pipe tables) plus pandoc-style citations.

Templates write CommonMark, parsed by markdown-it-py with raw HTML off. A citation
`[@fact-id]` (or `[@a; @b]`) stands right after the text it supports and becomes that
fact's numbered notes. Headings `#`, `##`, `###` are levels 1-3 of the brief; a block
quote becomes a boxed aside. `escape` makes any text literal; fact text never passes
through the parser at all (templates' `cite` filter leaves a placeholder that becomes the
text and its notes after parsing), so a fact containing `*`, `<`, `&`, `[@x]` or `{{`
reads as itself. A text that is only a list of plain items (what a list template writes)
is read directly, to the blocks markdown-it's tokens would give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Callable

from briefing import model as m

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

_CITE = re.compile(r"\[(@[a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]")
# A cited fact in template output: its text and notes are put in after parsing, so fact
# text is never read as markup (and markdown-it has far less to parse).
_FACT = re.compile("\ue000([a-z0-9][a-z0-9-]*)\ue001")


def fact_placeholder(fact_id: str) -> str:
    """Return the markup that stands for a fact's text followed by its citation."""
    return f"\ue000{fact_id}\ue001"


def without_placeholders(text: str) -> str:
    """Return template output without the placeholders of facts: the template's own text."""
    return _FACT.sub("", text) if "\ue000" in text else text

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def escape(text: str) -> str:
    """Return `text` as CommonMark that reads as exactly that text, on one line."""
    return _PUNCT.sub(r"\\\1", " ".join(str(text).split()))


def _cite_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "[":
        return False
    match = _CITE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("cite", "", 0)
        token.meta = {"ids": [s.strip()[1:] for s in match.group(1).split(";")]}
    state.pos = match.end()
    return True


def _parser() -> MarkdownIt:
    # Imported here: a brief made of plain lists (see `_plain_list`) never needs
    # markdown-it, nor the ~0.05 s its import takes.
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    md.inline.ruler.before("link", "cite", _cite_rule)
    return md


@cache
def full_parser() -> MarkdownIt:
    """Return the template parser with every rule on (`parse` uses one that reads a text
    the same, sooner)."""
    return _parser()

# Block rules, and what a text holds wherever the rule can match: a table's header row
# has "|"; a fence starts with ` or ~; a setext underline is = or a line ending in -;
# a rule (hr) is three of *, _ or - with only blanks between; indented code needs four
# columns of indentation. HTML blocks never match ("html": False). markdown-it tries
# every block rule at every line, so a text without a rule's sign is parsed to the same
# tokens, sooner, with that rule off.
_SIGNS = {rule: re.compile(sign) if sign else None for rule, sign in {
    "table": r"\|", "code": r"\t|    ", "fence": r"[`~]", "blockquote": r">",
    "hr": r"[*_]|-[ \t]*-[ \t]*-", "reference": r"\[", "html_block": None, "heading": r"#",
    "lheading": r"=|-[ \t]*(?:[\r\n]|\Z)"}.items()}


@cache
def _parser_without(rules: frozenset[str]) -> MarkdownIt:
    """Return the template parser with block `rules` off (made once per set)."""
    return _parser().disable(sorted(rules))


def _parser_for(text: str) -> MarkdownIt:
    """Return a parser that reads `text` exactly as `full_parser()` does."""
    return _parser_without(frozenset(
        rule for rule, sign in _SIGNS.items() if sign is None or not sign.search(text)))


# A text that is only a list of plain items, one a line: the marker "- " or "1. " (the
# same on every line), then words of ASCII letters, digits, "-" and fact placeholders,
# one space apart, the first not starting with "-"; blank lines only at the end. None of
# these characters opens a block or inline rule there, so the full parser reads such a
# text as one tight list whose items each hold one paragraph of one text token, the
# line after its marker (tests/test_markup.py checks this). Reading it directly skips
# markdown-it's list rule, the most of assembling a long list.
_WORD = "[A-Za-z0-9\ue000\ue001-]+"
_ITEM = rf"(?!-){_WORD}(?: {_WORD})*\n"
_PLAIN_LIST = re.compile(rf"(- |1\. ){_ITEM}(?:\1{_ITEM})*\n*")


def _plain_list(text: str) -> tuple[str, list[str]] | None:
    """Return the marker and the item texts of `text` if it is only a list of plain
    items (see `_PLAIN_LIST`), else None."""
    match = _PLAIN_LIST.fullmatch(text)
    if match is None:
        return None
    marker = match.group(1)
    return marker, [line[len(marker):] for line in text.split("\n") if line]


Cite = Callable[[list[str]], tuple[m.Inline, ...]]
FactInlines = Callable[[str], tuple[m.Inline, ...]]


@dataclass(frozen=True)
class _Resolver:
    """How citations and fact placeholders become inlines, and how text is finished."""

    cite: Cite
    fact: FactInlines | None
    finish: Callable[[str], str] | None = None


class MarkupError(ValueError):
    """The markup uses something the brief cannot show; the message says what."""


def parse(text: str, cite: Cite, fact: FactInlines | None = None,
          finish: Callable[[str], str] | None = None) -> list[m.Block]:
    """Return the blocks of CommonMark `text`; `cite(ids)` turns a citation into inlines,
    `fact(id)` gives the inlines a fact placeholder stands for (its text and notes, or a
    reference to where the brief shows it) and `finish` sets each run of text once it is
    whole (typography)."""
    res = _Resolver(cite, fact, finish)
    plain = _plain_list(text)
    if plain is not None:
        marker, items = plain
        return [m.BulletList(tuple(m.ListItem(tuple(_merge_text(_text(item, res), finish)))
                                   for item in items),
                             "numbered" if marker == "1. " else "bullet")]
    tokens = _parser_for(text).parse(text)
    blocks, _ = _blocks(tokens, 0, len(tokens), res)
    return blocks


def _blocks(tokens, i: int, end: int, res: _Resolver) -> tuple[list[m.Block], int]:
    out: list[m.Block] = []
    while i < end:
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1])
            if level > 3:
                raise MarkupError(f"heading level {level} (only #, ## and ### are used)")
            out.append(m.Heading(level, _inlines(tokens[i + 1].children, res), ""))
            i += 3
        elif kind == "paragraph_open":
            out.append(m.Paragraph(_inlines(tokens[i + 1].children, res)))
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            close = _close(tokens, i)
            items = _list_items(tokens, i + 1, close, res)
            out.append(m.BulletList(tuple(items),
                                    "numbered" if kind == "ordered_list_open" else "bullet"))
            i = close + 1
        elif kind == "table_open":
            close = _close(tokens, i)
            out.append(_table(tokens[i + 1:close], res))
            i = close + 1
        elif kind == "blockquote_open":
            close = _close(tokens, i)
            inner, _ = _blocks(tokens, i + 1, close, res)
            title: tuple = ()
            if inner and isinstance(inner[0], m.Paragraph) and _is_title(inner[0]):
                title, inner = inner[0].children[0].children, inner[1:]
            out.append(m.Callout(title, tuple(inner), kind="aside"))
            i = close + 1
        elif kind == "hr":
            out.append(m.PageBreak())
            i += 1
        elif kind in ("fence", "code_block"):
            out.append(m.Paragraph((m.Code(tok.content.rstrip("\n")),)))
            i += 1
        else:
            raise MarkupError(f"unsupported markup '{kind}'")
    return out, i


def _is_title(par: m.Paragraph) -> bool:
    return len(par.children) == 1 and isinstance(par.children[0], m.Strong)


def _close(tokens, i: int) -> int:
    """Return the index of the token closing the one at `i`."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    raise MarkupError("unclosed block")


def _list_items(tokens, i: int, end: int, res: _Resolver) -> list[m.ListItem]:
    items = []
    while i < end:
        if tokens[i + 1].type == "paragraph_open" and tokens[i + 4].type == "list_item_close":
            # The usual item, one paragraph (the general path below gives the same item):
            # a long list need not search for each item's end and walk its blocks.
            items.append(m.ListItem(_inlines(tokens[i + 2].children, res)))
            i += 5
            continue
        close = _close(tokens, i)  # list_item_open .. list_item_close
        inner, _ = _blocks(tokens, i + 1, close, res)
        children: list[m.Inline] = []
        for block in inner:
            if not isinstance(block, m.Paragraph):
                raise MarkupError("a list item holds only text (no nested lists or tables)")
            if children:
                children.append(m.LineBreak())
            children.extend(block.children)
        items.append(m.ListItem(tuple(children)))
        i = close + 1
    return items


def _table(tokens, res: _Resolver) -> m.Table:
    rows: list[list[tuple]] = []
    for tok_i, tok in enumerate(tokens):
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline":
            rows[-1].append(_inlines(tok.children, res))
    header, body = rows[0], rows[1:]
    return m.Table(tuple(header), tuple(tuple(r) for r in body))


def _inlines(children, res: _Resolver) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    stack: list[tuple[str, list, str]] = []

    def push(node):
        (stack[-1][1] if stack else out).append(node)

    for tok in children or ():
        kind = tok.type
        if kind == "text":
            for node in _text(tok.content, res):
                push(node)
        elif kind == "text_special":
            push(m.Text(tok.content))
        elif kind == "softbreak":
            push(m.Text(" "))
        elif kind == "hardbreak":
            push(m.LineBreak())
        elif kind == "code_inline":
            push(m.Code(tok.content))
        elif kind == "cite":
            for node in res.cite(tok.meta["ids"]):
                push(node)
        elif kind in ("em_open", "strong_open", "link_open"):
            stack.append((kind, [], tok.attrs.get("href", "") if kind == "link_open" else ""))
        elif kind in ("em_close", "strong_close", "link_close"):
            opened, inner, href = stack.pop()
            merged = tuple(_merge_text(inner, res.finish))
            push(m.Emph(merged) if opened == "em_open" else m.Strong(merged)
                 if opened == "strong_open" else m.Link(merged, href))
        elif kind == "image":
            raise MarkupError("images are not supported in templates")
        else:
            raise MarkupError(f"unsupported inline markup '{kind}'")
    return tuple(_merge_text(out, res.finish))


def _text(content: str, res: _Resolver) -> list[m.Inline]:
    """Return the inlines of a text token: its text, with any fact placeholders resolved."""
    return _facts_in(content, res) if "\ue000" in content else [m.Text(content)]


def _facts_in(content: str, res: _Resolver) -> list[m.Inline]:
    """Return the inlines of text holding fact placeholders, each resolved by `res.fact`."""
    if res.fact is None:
        raise MarkupError("a fact placeholder outside a brief")
    nodes: list[m.Inline] = []
    pos = 0
    for match in _FACT.finditer(content):
        start, end = match.span()
        if start > pos:
            nodes.append(m.Text(content[pos:start]))
        nodes += res.fact(match[1])
        pos = end
    if pos < len(content):
        nodes.append(m.Text(content[pos:]))
    return nodes


def _merge_text(nodes: list[m.Inline], finish: Callable[[str], str] | None = None
                ) -> list[m.Inline]:
    """Join adjacent Text nodes, so escaped characters do not split words into runs;
    then `finish` each joined text."""
    merged: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.Text):
            if not node.text:
                continue
            if merged and isinstance(merged[-1], m.Text):
                merged[-1] = m.Text(merged[-1].text + node.text)
                continue
        merged.append(node)
    if finish is not None:
        for i, node in enumerate(merged):
            if node.__class__ is m.Text:
                text = finish(node.text)
                if text is not node.text:
                    merged[i] = m.Text(text)
    return merged
