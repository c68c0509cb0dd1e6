"""What section templates may do, and how their mistakes are told.

- A fact's sentence reaches a brief only through `cite`, which gives it its notes: reading
  a fact's `text` any other way (`fact.text`, `fact["text"]`, `map(attribute="text")`,
  printing the fact itself) is an error naming the template line.
- A template prints text and numbers; printing a fact, an entry or a list is an error
  that says what to print instead, never Python's rendering of an object.
- Messages name what a template sees (a fact, a meeting, the section's options), never a
  Python class, and a hint lists every name and filter a template can use.
- `options_read` finds in a template's source the section options it reads
  (`section.options.x`, `section.options.get("x")`, `section.options["x"]`), so that an
  outline's option no one reads is reported, not silently ignored.
"""

from __future__ import annotations

import difflib
import re
from contextvars import ContextVar

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import TemplateRuntimeError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from briefing.factbase.schema import type_name
from briefing.factbase.vocab import Entry

# True while a template renders: a fact's repr then refuses to show its text.
RENDERING: ContextVar[bool] = ContextVar("RENDERING", default=False)
# Entry fields a template may read, besides `get(key)`.
ENTRY_FIELDS = ("id", "name", "short", "label", "aliases", "shown")
_SINGULAR = {"meetings": "meeting", "crime_types": "crime type", "partners": "partner",
             "member_states": "member state", "people": "person", "initiatives": "initiative",
             "organisations": "organisation", "series": "series", "attributes": "attribute"}


class TemplateRuleError(TemplateRuntimeError):
    """A template broke a rule of the project's templates (see the module notes)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


CITE_HINT = "write {{ fact | cite }}: it gives the sentence its notes"


class TemplateMistake(Exception):
    """A helper called wrongly by a template: reported as the template's error."""


def cite_only(what: str = "a fact's text") -> TemplateRuleError:
    """Return the error for reading a fact's sentence other than through `cite`."""
    return TemplateRuleError(f"{what} reaches a brief only through `cite`", CITE_HINT)


def describe(value) -> str:
    """Return how messages name a value a template holds."""
    label = getattr(value, "_template_label", None)
    if callable(label):
        return label()
    if isinstance(value, Entry):
        return f"the {_SINGULAR.get(value.kind, 'entry')} '{value.id}'"
    if value is None:
        return "nothing (none)"  # a template's word for it; YAML's is null
    if isinstance(value, dict):
        keys = ", ".join(map(str, value)) or "none"
        return f"a mapping (keys: {keys})"
    if isinstance(value, tuple):
        return type_name([])
    if isinstance(value, (bool, int, float, str, list)):
        return type_name(value)  # as messages about YAML values name them
    return "a function" if callable(value) else "a value"


def fields_of(value) -> list[str]:
    """Return the names a template may read of `value` (for "did you mean")."""
    fields = getattr(value, "_template_fields", None)
    if callable(fields):
        return list(fields())
    if isinstance(value, Entry):
        return [*ENTRY_FIELDS, "get"]
    if isinstance(value, dict):
        return [str(k) for k in value]
    return []


def did_you_mean(name: str, choices) -> str:
    """Return " (did you mean 'x'?)" when a choice is close to `name`, else ""."""
    close = difflib.get_close_matches(str(name), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class ClearUndefined(StrictUndefined):
    """An undefined name or attribute, told in the words of the templates' README."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        name = self._undefined_name
        if self._undefined_obj is missing:
            return f"'{name}' is undefined"
        obj = self._undefined_obj
        what = describe(obj)
        if not isinstance(name, str):
            return f"{what} has no element {name!r}"
        if isinstance(obj, Entry) and name in obj.data:
            return f"{what} has no attribute '{name}': read its other fields with get('{name}')"
        return f"{what} has no attribute '{name}'" + did_you_mean(name, fields_of(obj))


class RuleEnvironment(SandboxedEnvironment):
    """The sandbox, with a fact's text readable only by `cite`."""

    def getattr(self, obj, attribute):
        if attribute in getattr(type(obj), "_cite_only", ()):
            raise cite_only()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        if isinstance(argument, str) and argument in getattr(type(obj), "_cite_only", ()):
            raise cite_only()
        return super().getitem(obj, argument)


def finalize(value):
    """Let text and numbers be printed; refuse anything else, saying what to print."""
    if isinstance(value, StrictUndefined):
        return value  # printing it raises the undefined-name error
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value
    if getattr(type(value), "_cite_only", ()):
        raise cite_only("a fact")
    if value is None:
        raise TemplateRuleError("nothing to print: the value is none (a field the facts "
                                "do not state)", "test it first: {% if ... %}")
    if isinstance(value, Entry):
        raise TemplateRuleError(f"a template prints text, not {describe(value)}",
                                "print one of its names: {{ entry.name | md }} (or .short, "
                                ".label)")
    if isinstance(value, (list, tuple, dict)):
        raise TemplateRuleError(f"a template prints text, not {describe(value)}",
                                "loop over it with {% for item in ... %}")
    raise TemplateRuleError(f"a template prints text, not {describe(value)}",
                            "print text or a number, escaped with `md`")


def available(env: SandboxedEnvironment, fact_fields) -> str:
    """Return the hint listing every name and filter a template can use."""
    ours = ("cite", "md", "date")
    filters = ", ".join(sorted(f for f in env.filters if f not in ours))
    functions = ", ".join(sorted(env.globals))
    return ("templates see: facts (the section's facts, each with " + ", ".join(fact_fields)
            + "; its sentence only through `cite`), section (title, options), brief (title, "
            "name); a vocabulary entry has " + ", ".join(ENTRY_FIELDS) + " and get(key). "
            "Functions: " + functions + ". Filters: cite, md, date, and Jinja's " + filters)


_NAMES = re.compile(r"\b(?:briefing\.[\w.]+\.)?(FactView|Entry|MeetingRow)\b")
_OBJECT = re.compile(r"'(\w+) object'|'(\w+)' object")
_PLAIN = {"FactView": "a fact", "Entry": "a vocabulary entry", "MeetingRow": "a meeting row",
          "dict": "a mapping", "list": "a list", "tuple": "a list", "str": "text",
          "int": "a number", "float": "a number", "NoneType": "nothing (none)",
          "bool": "true/false", "function": "a function"}


def plain(message: str) -> str:
    """Return an error message with Python's class names put in the templates' words."""
    message = _OBJECT.sub(lambda m: _PLAIN.get(m.group(1) or m.group(2), "a value"), message)
    message = re.sub(r"[Oo]bject of type '?(\w+)'?", lambda m: _PLAIN.get(m.group(1), "a value"),
                     message)
    return _NAMES.sub(lambda m: _PLAIN[m.group(1)], message)


def options_read(env: SandboxedEnvironment, name: str, seen: frozenset = frozenset()):
    """Return the section options template `name` reads (with the templates it includes),
    or None when it reads them in a way that cannot be listed (the whole mapping, or a
    key computed at render time)."""
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    keys: set[str] = set()
    used = 0  # uses of section.options accounted for by a key
    for call in tree.find_all(nodes.Call):
        target = call.node
        if (isinstance(target, nodes.Getattr) and target.attr == "get" and
                _is_options(target.node)):
            if call.args and isinstance(call.args[0], nodes.Const):
                keys.add(str(call.args[0].value))
                used += 1
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if not _is_options(node.node):
            continue
        if isinstance(node, nodes.Getattr):
            if node.attr in ("items", "keys", "values"):
                return None  # the whole mapping
            if node.attr != "get":
                keys.add(node.attr)
                used += 1
        elif isinstance(node.arg, nodes.Const):
            keys.add(str(node.arg.value))
            used += 1
    if sum(1 for node in tree.find_all((nodes.Getattr, nodes.Getitem)) if _is_options(node)) != used:
        return None  # section.options used as a whole
    if any(isinstance(n, nodes.Name) and n.name == "section" for n in _bare_names(tree)):
        return None  # `section` itself handed on (to a macro, a variable)
    for include in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        template = include.template
        if not isinstance(template, nodes.Const):
            return None
        other = str(template.value)
        if other in seen or other == name:
            continue
        try:
            more = options_read(env, other, seen | {name})
        except Exception:  # a missing include is reported when the template renders
            continue
        if more is None:
            return None
        keys |= more
    return keys


def _is_options(node) -> bool:
    """Whether `node` is the expression `section.options` (or `section["options"]`)."""
    if isinstance(node, nodes.Getattr):
        return node.attr == "options" and isinstance(node.node, nodes.Name) and \
            node.node.name == "section"
    if isinstance(node, nodes.Getitem):
        return (isinstance(node.arg, nodes.Const) and node.arg.value == "options" and
                isinstance(node.node, nodes.Name) and node.node.name == "section")
    return False


def _bare_names(tree):
    """Yield the Name nodes that are not the object of an attribute or item lookup."""
    inner = {id(n.node) for n in tree.find_all((nodes.Getattr, nodes.Getitem))}
    for node in tree.find_all(nodes.Name):
        if id(node) not in inner and node.ctx == "load":
            yield node
