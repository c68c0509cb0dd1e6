"""The fast YAML reader builds exactly what the full line-tracking loader builds.

`yamlfile._read_fast` reads plain data straight from the parser's events and hands
anything unusual to the full loader; these cases pin that both give the same values, the
same types and the same line numbers, and that unusual input really is handed over.
"""

import time

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.factbase import yamlfile

PLAIN = [
    "",
    "# only a comment\n",
    "just text\n",
    "42\n",
    "a: 1\nb: [x, 'y', \"z\"]\nc: {d: null, e: ~, f: true, g: no, h: 1.5, i: 0x1F}\n",
    "date: 2025-06-24\nbad: 2025-02-30\nwhen: 2025-06-24 10:00:00\n",
    "- one\n- - nested\n  - list\n-\n  k: v\n  k2:\n    - 1\n    - 2\n",
    "text: |\n  a block\n  of text\nfolded: >\n  folded\n  text\n",
    "base: &b {x: 1}\nuse: *b\nlist: &l [1, 2]\nagain: *l\nname: &n plain\nref: *n\n",
    "'quoted key': 1\n\"2\": two\n'': empty\n",
    "empty_map: {}\nempty_list: []\nnull_value:\n",
    "facts:\n  - id: f1\n    text: \"Say: \\\"hi\\\"\"\n    tags: [key]\n\n  - id: f2\n    text: x\n",
    "? simple\n: value\n",
    "unicode: Lương Tam Quang, Việt Nam, 王毅, ไทย\n",
    "!!str 5\n",
    "a: !!str 5\nb: !!int '7'\n",
    "<<: {a: 1}\nb: 2\n",
    "base: &b {a: 1}\nchild:\n  <<: *b\n  c: 3\n",
    "--- 1\n--- 2\n",
    "---\na: 1\n...\n",
    "[1, 2]: complex key\n",
    "1: one\ntrue: yes\n",
    "a: 1\na: 2\n",
    "a: *missing\n",
    "!custom {a: 1}\n",
]


def _shape(value):
    """The value with its types and recorded lines, for exact comparison."""
    if isinstance(value, yamlfile.Mapping):
        return ("map", value.line, sorted(value.key_lines.items()),
                [(k, _shape(v)) for k, v in value.items()])
    if isinstance(value, yamlfile.Sequence):
        return ("seq", value.line, list(value.item_lines), [_shape(v) for v in value])
    return (type(value).__name__, value)


def _full(text):
    try:
        return ("ok", _shape(yaml.load(text, Loader=yamlfile._Loader)))
    except yaml.YAMLError as exc:
        return ("error", str(exc))


def _fast_or_handed_over(text):
    try:
        return ("ok", _shape(yamlfile._read_fast(text)))
    except yamlfile._Unusual:
        return _full(text)
    except yaml.YAMLError as exc:
        return ("error", str(exc))


@pytest.mark.parametrize("text", PLAIN)
def test_fast_reader_matches_the_full_loader(text):
    assert _fast_or_handed_over(text) == _full(text)


@pytest.mark.parametrize("text", [
    "!!python/object/apply:os.system [echo]\n",
    "a: !!binary aGk=\n",
    "<<: {a: 1}\n",
    "a: 1\na: 2\n",
    "a: *missing\n",
    "--- 1\n--- 2\n",
    "[1]: x\n",
    "1: one\n",
])
def test_unusual_input_is_handed_to_the_full_loader(text):
    with pytest.raises(yamlfile._Unusual):
        yamlfile._read_fast(text)


def test_deep_nesting_is_handed_over_and_reported():
    text = "a: " + "[" * (yamlfile.MAX_DEPTH + 5) + "]" * (yamlfile.MAX_DEPTH + 5) + "\n"
    with pytest.raises(yamlfile._Unusual):
        yamlfile._read_fast(text)
    assert _full(text)[0] == "error"


def test_plain_fact_files_take_the_fast_path(project):
    for path in sorted((project / "seeds" / "facts").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert _shape(yamlfile._read_fast(text)) == _full(text)[1], path.name


_scalars = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(),
    st.sampled_from(["2025-06-24", "yes", "No", "~", "0o17", ".inf", "1_000", "-"]),
)
_data = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(min_size=1, max_size=8).filter(lambda k: k != "<<"), inner,
                      max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(_data, st.booleans())
def test_fast_reader_matches_on_generated_documents(data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert _fast_or_handed_over(text) == _full(text)


# --- only plain data; bounded aliases; messages that say what to do ------------------

from briefing.errors import UnusableInput  # noqa: E402


def _refusal(text: str) -> str:
    with pytest.raises(UnusableInput) as info:
        yamlfile.parse_yaml(text.encode("utf-8"), "f.yaml")
    return str(info.value)


@pytest.mark.parametrize("text,message", [
    ("a: !!timestamp 2025-02-30\n", "f.yaml:1: error: YAML: the tag !!timestamp is not read"),
    ("a: !!timestamp nonsense\n", "the tag !!timestamp is not read"),
    ("a: !!binary aGk=\n", "the tag !!binary is not read"),
    ("a: !!set {x}\n", "the tag !!set is not read"),
    ("a: !!omap [x: 1]\n", "the tag !!omap is not read"),
    ("a: !!int abc\n", "'abc' is not a whole number"),
    ("a: !!float abc\n", "'abc' is not a number"),
    ("a: !!bool maybe\n", "'maybe' is not true or false"),
    ("\na: " + "9" * 5000 + "\n", "f.yaml:2: error: YAML: '999"),
    ("a: &a [*a]\n", "an alias stands inside the value it names (a loop)"),
    ("a: &a {b: *a}\n", "(a loop)"),
])
def test_what_is_not_plain_data_is_refused_at_its_line(text, message):
    assert message in _refusal(text)


def test_aliases_may_repeat_values_but_not_expand_without_bound():
    assert yamlfile.parse_yaml(b"a: &x [1, 2]\nb: *x\nc: *x\n", "f") == {
        "a": [1, 2], "b": [1, 2], "c": [1, 2]}
    levels = ["l0: &l0 [" + ", ".join(["x"] * 10) + "]"]
    levels += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 9)]
    started = time.monotonic()
    assert "aliases expand this document by more than 100,000 values" in _refusal(
        "\n".join(levels) + "\n")
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("text,message,hint", [
    ('a: "C:\\qfiles"\n', "the escape \\q in a double-quoted string is not one YAML knows",
     "use single quotes"),
    ('a: "\\x4g"\n', "the escape \\x4g in a double-quoted string", "write \\\\ for a backslash"),
    ('a: "never closed\n', "a quoted string is never closed", "close the quote"),
    ("a: *bold* text\n", "text cannot start with '*' unless quoted: YAML reads it as an alias",
     "put the text in quotes"),
    ("a: @handle said\n", "text cannot start with '@' unless quoted", "put the text in quotes"),
    ("a: & partners\n", "text cannot start with '&' unless quoted: YAML reads it as an anchor",
     "put the text in quotes"),
    ("- `code` here\n", "text cannot start with '`' unless quoted", "put the text in quotes"),
])
def test_errors_say_what_to_do(text, message, hint):
    refusal = _refusal(text)
    assert message in refusal and hint in refusal


def test_a_byte_order_mark_is_dropped_and_one_inside_is_named():
    assert yamlfile.parse_yaml(b"\xef\xbb\xbfa: 1\n", "f") == {"a": 1}
    assert "delete the byte-order mark" in _refusal("a: 1\n\ufeffb: 2\n")
