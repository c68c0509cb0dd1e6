"""The fast YAML reader builds exactly what the full line-tracking loader builds.

`yamlfile._read_fast` reads plain data straight from the parser's events and hands
anything unusual to the full loader; these cases pin that both give the same values, the
same types and the same line numbers, and that unusual input really is handed over.
"""

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
