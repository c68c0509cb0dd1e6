"""Safe YAML loading that remembers where each value came from.

Mappings load as `Mapping` (a dict with `line` and `key_lines`), sequences as `Sequence`
(a list with `line` and `item_lines`), so later checks can name the line of a bad value.
Dates stay strings (the fact base parses them itself, with its own messages), duplicate
keys are errors, and only plain data is accepted: text, numbers, true/false, null, lists
and mappings. Any other tag (`!!python/object`, `!!timestamp`, `!!set`, `!!binary`...) is
refused, and a value its tag cannot hold (`!!int abc`) is reported at its line. Anchors
and aliases may repeat a value, but never inside itself and never expanding beyond
MAX_ALIASED values in all, so a small file cannot stand for a huge one.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing.errors import Problem, UnusableInput, display_path, shown_value
from briefing.inputs import decode_text, read_bytes

MAX_DEPTH = 40
MAX_ALIASED = 100_000  # values that aliases may add to a document, in all

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Mapping(dict):
    """A dict that knows the line of its start and of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        """Return the line of `key`, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A list that knows the line of its start and of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        """Return the line of item `index`."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _TooDeep(yaml.MarkedYAMLError):
    pass


class _Refused(yaml.MarkedYAMLError):
    """A tag that is not plain data, a value its tag cannot hold, or an alias bomb."""


_PLAIN_NAMES = {"null": "null", "bool": "true or false", "int": "a whole number",
                "float": "a number"}
# Tags the safe loader would construct into something other than plain data.
_NOT_PLAIN = ("timestamp", "binary", "set", "omap", "pairs")


class _Loader(_Base):
    # Without the timestamp resolver, 2025-06-24 stays a string; 2025-02-30 then gets the
    # fact base's own "impossible date" message instead of a constructor crash.
    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def get_single_data(self):
        # The node graph is checked before anything is built from it.
        node = self.get_single_node()
        if node is None:
            return None
        _check_aliases(node)
        return self.construct_document(node)

    def _enter(self, node):
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooDeep(None, None, f"nesting deeper than {MAX_DEPTH} levels", node.start_mark)

    def construct_yaml_map(self, node):
        self._enter(node)
        result = Mapping()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        yield result
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise _DuplicateKey(
                    "while reading a mapping", node.start_mark,
                    f"duplicate key {shown_value(key)} (first on line {result.key_lines[key]})",
                    key_node.start_mark)
            result.key_lines[key] = key_node.start_mark.line + 1
            result[key] = self.construct_object(value_node, deep=True)
        self._depth -= 1

    def construct_yaml_seq(self, node):
        self._enter(node)
        result = Sequence()
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        yield result
        result.extend(self.construct_object(child, deep=True) for child in node.value)
        self._depth -= 1


def _plain_constructor(name: str):
    base = _Base.yaml_constructors[f"tag:yaml.org,2002:{name}"]

    def construct(loader, node):
        try:
            return base(loader, node)
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
            raise _Refused(None, None, f"{shown_value(node.value)} is not "
                           f"{_PLAIN_NAMES[name]}", node.start_mark) from None
    return construct


def _not_plain(loader, node):
    raise _Refused(None, None, f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is "
                   "not read: only plain data is", node.start_mark)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
for _name in _PLAIN_NAMES:
    _Loader.add_constructor(f"tag:yaml.org,2002:{_name}", _plain_constructor(_name))
for _name in _NOT_PLAIN:
    _Loader.add_constructor(f"tag:yaml.org,2002:{_name}", _not_plain)


def _check_aliases(top: yaml.Node) -> None:
    """Raise _Refused when an alias stands inside the collection it names, or when the
    document, with every alias expanded, holds MAX_ALIASED values more than it spells."""
    sizes: dict[int, int] = {}  # id(node) -> values under it, aliases expanded
    open_: set[int] = set()  # collections being walked: an alias to one is a loop
    expanded = 0
    stack = [(top, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            children = _children(node)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            continue
        if key in sizes:
            expanded += sizes[key]  # a second use: an alias
            if expanded > MAX_ALIASED:
                raise _Refused(None, None, f"aliases expand this document by more than "
                               f"{MAX_ALIASED:,} values", node.start_mark)
            continue
        if key in open_:
            raise _Refused(None, None, "an alias stands inside the value it names (a loop)",
                           node.start_mark)
        open_.add(key)
        stack.append((node, True))
        for child in reversed(_children(node)):
            if id(child) in open_:
                raise _Refused(None, None, "an alias stands inside the value it names "
                               "(a loop)", child.start_mark)
            stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _Unusual(Exception):
    """The fast reader met something only the full loader handles (or reports) exactly."""


_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float")}
_ScalarEvent, _MappingStart, _SequenceStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MappingEnd, _SequenceEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent


def _read_fast(text: str):
    """Build the same data as `yaml.load(text, Loader=_Loader)` from the parser's events.

    PyYAML composes a node graph and resolves every scalar in Python, which is most of the
    cost of a large fact file; plain data needs neither. Anything less plain (an explicit
    tag, a merge key, a complex key, an anchor or alias, a duplicate key, deep nesting, more
    than one document, a value that cannot be read) raises `_Unusual`, and the caller
    re-reads the text with the full loader, whose results and messages are the reference.
    """
    loader = _Loader(text)
    get = loader.get_event
    plain: dict[str, object] = {}
    # The open collections, innermost last; for a mapping, `key` is the key read but not
    # yet given its value.
    stack: list = []
    container = key = None
    is_map = False
    try:
        get()  # stream start
        if type(get()) is yaml.StreamEndEvent:
            return None
        while True:
            event = get()
            kind = type(event)
            if kind is _ScalarEvent:
                if event.tag is not None and event.tag != "!":
                    raise _Unusual
                value = event.value
                if event.implicit[0] and event.tag is None:
                    try:
                        value = plain[value]
                    except KeyError:
                        value = plain[value] = _resolve_plain(loader, value)
            elif kind is _MappingStart or kind is _SequenceStart:
                if event.tag is not None and event.tag != "!" or len(stack) >= MAX_DEPTH:
                    raise _Unusual
                if kind is _MappingStart:
                    value = Mapping()
                    value.key_lines = {}
                else:
                    value = Sequence()
                    value.item_lines = []
                value.line = event.start_mark.line + 1
            elif kind is _MappingEnd or kind is _SequenceEnd:
                value = container
                container, is_map, key = stack.pop()
                if container is None:
                    break
                continue  # it joined its parent when it started
            else:  # an alias (the full loader bounds what aliases expand to), or more
                raise _Unusual
            if container is None:
                if kind is _ScalarEvent:
                    break  # a document that is one scalar
            elif is_map:
                if key is None:
                    if type(value) is not str or value in container.key_lines:
                        # A non-text, repeated or merge key: the full loader converts,
                        # merges or reports it.
                        raise _Unusual
                    key = value
                    container.key_lines[value] = event.start_mark.line + 1
                else:
                    container[key] = value
                    key = None
            else:
                container.append(value)
                container.item_lines.append(event.start_mark.line + 1)
            if kind is _MappingStart or kind is _SequenceStart:
                stack.append((container, is_map, key))
                container, is_map, key = value, kind is _MappingStart, None
        get()  # document end
        if type(get()) is not yaml.StreamEndEvent:
            raise _Unusual
        return value
    finally:
        loader.dispose()


def _resolve_plain(loader, value: str):
    tag = loader.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR:
        return value
    if tag not in _PLAIN_TAGS:
        raise _Unusual  # a merge key `<<` or the value key `=`
    try:
        return loader.construct_object(yaml.ScalarNode(tag, value))
    except _Refused:
        raise _Unusual from None  # reported by the full loader, with its line


def load_yaml(path: Path, root: Path):
    """Return the data of the YAML file at `path`, or raise UnusableInput with file and line."""
    return parse_yaml(read_input(path, root), display_path(path, root))


def read_input(path: Path, root: Path) -> bytes:
    """Return the bytes of the YAML file at `path` (through the trust boundary, see
    `briefing.inputs`), or raise UnusableInput saying why not."""
    return read_bytes(path, root, "yaml")


def parse_yaml(raw: bytes, shown: str):
    """Return the data of YAML bytes read from the file `shown`, or raise UnusableInput
    with file and line."""
    text = decode_text(raw, shown)
    try:
        try:
            return _read_fast(text)
        except _Unusual:
            return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        what, line, hint = _explain(exc, text)
        raise UnusableInput(Problem(f"YAML: {what}", shown, line, hint=hint)) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow in a file at all (a raw control character).
        line = text[: exc.position].count("\n") + 1
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        raise UnusableInput(Problem(
            f"YAML: the file holds control character U+{code:04X}, which YAML does not allow",
            shown, line, hint="delete it (it often comes from text pasted from a web page)")
        ) from None
    except yaml.YAMLError as exc:
        raise UnusableInput(Problem(f"YAML: {shown_value(str(exc))}", shown)) from None
    except RecursionError:
        raise UnusableInput(Problem(
            "YAML nesting is too deep to read", shown, hint="flatten the structure")) from None


# Characters that mean something to YAML at the start of a plain value: text starting
# with one of them must be quoted.
_INDICATORS = {"*": "an alias (a reference to an '&' anchor)", "&": "an anchor",
               "!": "a tag", "@": "a reserved character", "`": "a reserved character",
               "%": "a directive",
               "|": "a block of text", ">": "a folded block of text"}
_QUOTE_IT = "put the text in quotes: 'like this' (double a ' inside it)"


def _explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None, str | None]:
    """Return what a YAML error means for the person who wrote the file, its line and
    how to fix it."""
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or exc.context or "invalid YAML"
    line = mark.line + 1 if mark else None
    context = exc.context or ""
    if ("quoted scalar" in context and "end of stream" not in what and exc.problem_mark
            and "\\" in _line(text, exc.problem_mark.line + 1)):
        escape = _escape_at(text, exc.problem_mark)
        return (f"the escape {escape} in a double-quoted string is not one YAML knows", line,
                "in double quotes a backslash starts an escape (\\n, \\\", \\\\): write "
                "\\\\ for a backslash, or use single quotes, where it is just a backslash")
    if "quoted scalar" in context and exc.context_mark:
        return ("a quoted string is never closed", exc.context_mark.line + 1,
                "close the quote that this string opens")
    start = next((_char_at(text, m) for m in (exc.context_mark, exc.problem_mark)
                  if m is not None and _char_at(text, m) in _INDICATORS), "")
    if start and ("anchor" in context or "alias" in context or "tag" in context
                  or "cannot start any token" in what or "undefined alias" in what):
        return (f"text cannot start with {start!r} unless quoted: YAML reads it as "
                f"{_INDICATORS[start]}", line, _QUOTE_IT)
    return what, line, _hint_for(what, text, line)


def _escape_at(text: str, mark) -> str:
    """Return the escape (a backslash and the character after it) at or just before the
    mark: parsers place it on the backslash or on the character after it."""
    row = _line(text, mark.line + 1)
    at = row.rfind("\\", 0, mark.column + 1)
    if at < 0:
        return row[mark.column: mark.column + 2]
    end = at + 2
    while end < len(row) and end < at + 10 and row[end].isalnum():
        end += 1  # \x4, \uZZZZ: the whole of what was meant as one escape
    return row[at: end if row[at + 1: at + 2] in ("x", "u", "U") else at + 2]


def _char_at(text: str, mark) -> str:
    row = _line(text, mark.line + 1)
    return row[mark.column] if mark.column < len(row) else ""


def _hint_for(problem: str, text: str, line: int | None) -> str | None:
    if "tab" in problem or (line and "\t" in _line(text, line)):
        return "indent with spaces, not tabs"
    if line and "\ufeff" in _line(text, line):
        return "delete the byte-order mark (U+FEFF) on this line"
    if "duplicate key" in problem:
        return "remove or rename one of the two keys"
    if "could not determine a constructor" in problem or "is not read" in problem:
        return "only plain YAML data is read: remove the tag (!!...)"
    if " is not " in problem and problem.startswith(("'", '"')):
        return "correct the value, or quote it ('...') to keep it as text"
    if "found unexpected end of stream" in problem:
        return "close the quote that this string opens"
    if "mapping values are not allowed" in problem:
        return "quote text that contains ': '"
    return None


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""
