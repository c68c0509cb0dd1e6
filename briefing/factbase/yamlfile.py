"""Safe YAML loading that remembers where each value came from.

Mappings load as `Mapping` (a dict with `line` and `key_lines`), sequences as `Sequence`
(a list with `line` and `item_lines`), so later checks can name the line of a bad value.
Dates stay strings (the fact base parses them itself, with its own messages), duplicate
keys are errors, and only plain data is accepted: tags such as `!!python/object` are
refused by the safe loader.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from briefing.errors import Problem, UnusableInput, display_path

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 40

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
                    f"duplicate key {key!r} (first on line {result.key_lines[key]})",
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


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)


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
    tag, a merge key, a complex key, an undefined alias, a duplicate key, deep nesting, more
    than one document) raises `_Unusual`, and the caller re-reads the text with the full
    loader, whose results and messages are the reference.
    """
    loader = _Loader(text)
    get = loader.get_event
    plain: dict[str, object] = {}
    anchors: dict[str, object] = {}
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
                if event.anchor is not None:
                    anchors[event.anchor] = value
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
                if event.anchor is not None:
                    anchors[event.anchor] = value
            elif kind is _MappingEnd or kind is _SequenceEnd:
                value = container
                container, is_map, key = stack.pop()
                if container is None:
                    break
                continue  # it joined its parent when it started
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    raise _Unusual
                value = anchors[event.anchor]
            else:
                raise _Unusual
            if container is None:
                if kind is _ScalarEvent or kind is yaml.AliasEvent:
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
    return loader.construct_object(yaml.ScalarNode(tag, value))


def load_yaml(path: Path, root: Path | None = None):
    """Return the data of the YAML file at `path`, or raise UnusableInput with file and line."""
    return parse_yaml(read_input(path, root), display_path(path, root))


def read_input(path: Path, root: Path | None = None) -> bytes:
    """Return the bytes of the YAML file at `path`, or raise UnusableInput saying why not."""
    shown = display_path(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnusableInput(Problem(
                f"file is {size:,} bytes, larger than the {MAX_BYTES:,} a YAML input may be",
                shown, hint="split it into several files"))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnusableInput(Problem("file not found", shown)) from None
    except IsADirectoryError:
        raise UnusableInput(Problem("expected a file, found a folder", shown)) from None
    except OSError as exc:
        raise UnusableInput(Problem(f"cannot read file: {exc.strerror}", shown)) from None
    return raw


def parse_yaml(raw: bytes, shown: str):
    """Return the data of YAML bytes read from the file `shown`, or raise UnusableInput
    with file and line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UnusableInput(Problem(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", shown, line,
            hint="save the file as UTF-8")) from None
    try:
        try:
            return _read_fast(text)
        except _Unusual:
            return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and "quoted scalar" in exc.context and exc.context_mark:
            mark, what = exc.context_mark, "a quoted string is never closed"
        line = mark.line + 1 if mark else None
        hint = _hint_for(what, text, line)
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
        raise UnusableInput(Problem(f"YAML: {exc}", shown)) from None
    except RecursionError:
        raise UnusableInput(Problem(
            "YAML nesting is too deep to read", shown, hint="flatten the structure")) from None


def _hint_for(problem: str, text: str, line: int | None) -> str | None:
    if "tab" in problem or (line and "\t" in _line(text, line)):
        return "indent with spaces, not tabs"
    if "duplicate key" in problem:
        return "remove or rename one of the two keys"
    if "could not determine a constructor" in problem:
        return "only plain YAML data is read: remove the !! tag"
    if "never closed" in problem or "found unexpected end of stream" in problem:
        return "close the quote that this string opens"
    if "mapping values are not allowed" in problem:
        return "quote text that contains ': '"
    return None


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""
