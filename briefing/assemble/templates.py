"""Section templates: Jinja2 in a sandbox, undefined names as errors, markup-safe filters.

Templates live in `templates/sections/` and write the markup of `briefing.markup`. They
see only `facts` (the section's selection, as `FactView`s), `section`, `brief` and the
helpers below; a fact's sentence goes through `cite` only, other text through `md`, which
escapes it (`template_rules` holds what templates may do and how errors are told).

A template comes with the project, so it is untrusted: it is read through the trust
boundary (`briefing.inputs`: inside templates/sections/, a regular file, at most 1 MB,
a byte-order mark dropped), runs in Jinja's sandbox, and has a budget: RENDER_SECONDS
of time, OUTPUT_CHARS of output, and `*`, `**` and `+` refused where their result would
be huge. Whatever goes wrong while it renders is reported as the template's error, with
its line.
"""

from __future__ import annotations

import math
import operator
import os
import signal
import threading
import time
import traceback
from contextlib import contextmanager
from functools import cached_property, partial
from pathlib import Path

from jinja2 import BaseLoader, TemplateError, TemplateSyntaxError
from jinja2.exceptions import TemplateNotFound, UndefinedError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SecurityError

from briefing.assemble import grouping
from briefing.assemble import template_rules as rules
from briefing.assemble.markup import escape, fact_placeholder
from briefing.errors import BriefingError, DataInvalid, Problem, display_path
from briefing.factbase.dates import display_date
from briefing.factbase.facts import Fact
from briefing.factbase.vocab import Entry, Vocabulary
from briefing.inputs import decode_text, read_bytes

SUFFIX = ".md.j2"
RENDER_SECONDS = 20.0  # for one section: the 10,000-fact benchmark's takes ~0.1 s
OUTPUT_CHARS = 50_000_000
SIZE_LIMIT = 1_000_000  # the longest text or list `*` and `+` may make, and digits of `**`


class FactView:
    """What a template sees of a fact: its text, date and entities resolved to entries.

    A field is worked out when a template first reads it: most templates read little
    more than the id (through `cite`), and a brief may show thousands of facts. Views
    compare, hash and print by their fields, as values.
    """

    FIELDS = ("id", "kind", "text", "date", "date_iso", "meeting", "meetings", "crime_types",
              "partners", "member_states", "people", "initiatives", "organisations", "place",
              "tags", "sources")
    _cite_only = ("text",)  # a template reads the sentence only through `cite`

    def __init__(self, fact: Fact, vocab: Vocabulary):
        self._fact = fact
        self._vocab = vocab
        self.id: str = fact.id
        self.kind: str = fact.kind
        self.text: str = fact.text
        self.tags: tuple[str, ...] = fact.tags

    @cached_property
    def date(self) -> str:
        """The date as a reader sees it, or "date not stated"."""
        return display_date(self._fact.date)

    @cached_property
    def date_iso(self) -> str:
        return self._fact.date.iso() if self._fact.date else ""

    @cached_property
    def meeting(self) -> Entry | None:
        """The meeting the fact is about: its one meeting, or for several the nearest
        meeting they were all held at (four consultations: the meeting they were part of);
        None when they share none."""
        ids = self._fact.meetings
        if not ids:
            return None
        chains = [self._vocab.held_under(mid) for mid in ids]
        shared = next((mid for mid in chains[0] if all(mid in c for c in chains[1:])), None)
        return self._vocab["meetings"].get(shared) if shared else None

    @cached_property
    def meetings(self) -> tuple[Entry, ...]:
        return self._entries("meetings")

    @cached_property
    def crime_types(self) -> tuple[Entry, ...]:
        return self._entries("crime_types")

    @cached_property
    def partners(self) -> tuple[Entry, ...]:
        return self._entries("partners")

    @cached_property
    def member_states(self) -> tuple[Entry, ...]:
        return self._entries("member_states")

    @cached_property
    def people(self) -> tuple[Entry, ...]:
        return self._entries("people")

    @cached_property
    def initiatives(self) -> tuple[Entry, ...]:
        return self._entries("initiatives")

    @cached_property
    def organisations(self) -> tuple[Entry, ...]:
        return self._entries("organisations")

    @cached_property
    def place(self) -> str:
        return self._fact.place or ""

    @cached_property
    def sources(self) -> tuple[str, ...]:
        return tuple(self._fact.sources)

    def _entries(self, kind: str) -> tuple[Entry, ...]:
        table = self._vocab[kind]
        return tuple(table[i] for i in getattr(self._fact, kind))

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FactView):
            return NotImplemented
        return self._fact is other._fact or self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self.id)  # equal views have equal ids (entries do not hash)

    def __repr__(self) -> str:
        if rules.RENDERING.get():  # e.g. {{ facts | string }}: the text would leak
            raise rules.cite_only("a fact")
        return "FactView(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in self.FIELDS) + ")"

    def __str__(self) -> str:
        if rules.RENDERING.get():  # {{ fact | string }}, "{}".format(fact), join
            raise rules.cite_only("a fact")
        return repr(self)

    def _template_label(self) -> str:
        return f"the fact '{self.id}'"

    @classmethod
    def _template_fields(cls) -> tuple[str, ...]:
        return tuple(f for f in cls.FIELDS if f not in cls._cite_only)


def fact_view(fact: Fact, vocab: Vocabulary) -> FactView:
    """Return the template's view of `fact`."""
    return FactView(fact, vocab)


def _cite(fact: FactView) -> str:
    """Return markup standing for the fact's text followed by its notes.

    The text itself is put in after the markup is parsed, so it is never read as markup.
    """
    return fact_placeholder(fact.id)


class _OverBudget(Exception):
    """A template that ran out of its time or output budget."""


class _ProjectLoader(BaseLoader):
    """Templates from `folder`, read through the trust boundary (never a symlink out of
    the folder, a FIFO or a file over the size limit), without a byte-order mark."""

    def __init__(self, folder: Path, root: Path):
        self.folder = folder
        self.root = root

    def get_source(self, environment, template: str):
        path = self.folder.joinpath(*split_template_path(template))  # no '..' in names
        if not os.path.lexists(path):
            raise TemplateNotFound(template)
        raw = read_bytes(path, self.root, "template", inside=self.folder,
                         what=f"template '{template}'")
        text = decode_text(raw, display_path(path, self.root), f"template '{template}'")
        return text, str(path), lambda: True


class _Sandbox(rules.RuleEnvironment):
    """Jinja's sandbox, with a budget on what one operator may make and a deadline
    every call checks (the timer in `_deadline` covers loops that call nothing)."""

    intercepted_binops = frozenset({"*", "**", "+"})
    deadline = float("inf")

    def call_binop(self, context, operator_name, left, right):
        if operator_name == "**":
            if (isinstance(left, (int, float)) and isinstance(right, (int, float))
                    and abs(left) > 1 and right * _log10(abs(left)) > SIZE_LIMIT):
                raise _OverBudget(f"{left!r} ** {right!r} would have more than "
                                  f"{SIZE_LIMIT:,} digits")
        elif operator_name == "*":
            size = _repeat_size(left, right) or _repeat_size(right, left)
            if size > SIZE_LIMIT:
                raise _OverBudget(f"'*' would make {size:,} items or characters")
        elif operator_name == "+" and hasattr(left, "__len__") and hasattr(right, "__len__"):
            if len(left) + len(right) > SIZE_LIMIT:
                raise _OverBudget(f"'+' would make more than {SIZE_LIMIT:,} items or "
                                  "characters")
        return _BINOPS[operator_name](left, right)

    def call(self, context, obj, *args, **kwargs):
        if time.monotonic() > self.deadline:
            raise _OverBudget(f"rendering took more than {RENDER_SECONDS:g} s")
        return super().call(context, obj, *args, **kwargs)


_BINOPS = {"*": operator.mul, "**": operator.pow, "+": operator.add}


def _log10(x: float) -> float:
    return math.log10(x) if x > 0 else 0.0


def _repeat_size(seq, count) -> int:
    if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
        return len(seq) * count
    return 0


@contextmanager
def _deadline(env: _Sandbox):
    """Give one render RENDER_SECONDS: every call checks the deadline, and in the main
    thread a timer interrupts a loop that calls nothing (unless a timer is running
    already, which is left alone)."""
    env.deadline = time.monotonic() + RENDER_SECONDS
    timer = (threading.current_thread() is threading.main_thread()
             and hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if timer:
        def expired(signum, frame):
            raise _OverBudget(f"rendering took more than {RENDER_SECONDS:g} s")
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)
    try:
        yield
    finally:
        env.deadline = float("inf")
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


class Templates:
    """The sandboxed environment over `templates/sections/`."""

    def __init__(self, folder: Path, root: Path, vocab: Vocabulary):
        self.folder = folder
        self.root = root
        self.env = _Sandbox(
            loader=_ProjectLoader(folder, root), undefined=rules.ClearUndefined,
            finalize=rules.finalize, autoescape=False, trim_blocks=True, lstrip_blocks=True,
            keep_trailing_newline=True)
        # pprint shows Python's rendering of objects (a fact's text among them).
        self.env.filters.pop("pprint", None)
        self.env.filters.update(cite=_cite, md=escape, date=display_date)
        self.env.globals.update(
            group_by=partial(grouping.group_by, vocab),
            meeting_rows=partial(grouping.meeting_rows, view=partial(fact_view, vocab=vocab)),
            name=lambda entry_id: (vocab.find(entry_id) or _missing(entry_id)).name)
        self.hint = rules.available(self.env, FactView._template_fields())
        self.rendered: set[str] = set()  # templates rendered over at least one fact
        self._options: dict[str, frozenset[str] | None] = {}  # template -> `options_read`

    def names(self) -> set[str]:
        """Return the template names available to outlines."""
        if not self.folder.is_dir():
            return set()
        return {p.name for p in self.folder.glob(f"*{SUFFIX}")}

    def options_read(self, name: str) -> frozenset[str] | None:
        """Return the section options template `name` reads, or None when they cannot be
        listed (see `template_rules.options_read`) or the template cannot be read."""
        # Read once a run, as Jinja compiles each template once a run: every outline's
        # sections ask again.
        if name not in self._options:
            try:
                read = rules.options_read(self.env, name)
                self._options[name] = None if read is None else frozenset(read)
            except (TemplateError, OSError, BriefingError):
                self._options[name] = None  # reported when it renders
        return self._options[name]

    def render(self, name: str, **context) -> str:
        """Render template `name`; raise DataInvalid naming the template and line."""
        path = self.folder / name
        shown = display_path(path, self.root)
        token = rules.RENDERING.set(True)
        try:
            template = self.env.get_template(name)
            with _deadline(self.env):
                text = _joined(template.generate(**context))
            if context.get("facts"):
                self.rendered.add(name)
            return text
        except BriefingError:
            raise  # a file the template includes is unreadable: said as such
        except rules.TemplateRuleError as exc:
            raise DataInvalid(Problem(f"template: {exc.message}", shown,
                                      _template_line(exc, path), hint=exc.hint)) from None
        except TemplateSyntaxError as exc:
            raise DataInvalid(Problem(f"template syntax error: {exc.message}", shown,
                                      exc.lineno)) from None
        except TemplateNotFound as exc:
            # Also raised for an {% include %} or {% extends %} inside the template, which
            # cannot leave templates/sections/: name the missing one, not the includer.
            missing = exc.name or name
            what = (f"template '{name}' not found" if missing == name else
                    f"template includes '{missing}', which is not a template in "
                    f"{display_path(self.folder, self.root)}/")
            raise DataInvalid(Problem(what, shown, _template_line(exc, path))) from None
        except UndefinedError as exc:
            raise DataInvalid(Problem(f"template uses an undefined name: "
                                      f"{rules.plain(exc.message or '')}", shown,
                                      _template_line(exc, path), hint=self.hint)) from None
        except SecurityError as exc:
            raise DataInvalid(Problem(f"template does something the sandbox forbids: "
                                      f"{rules.plain(str(exc))}",
                                      shown, _template_line(exc, path))) from None
        except _OverBudget as exc:
            raise DataInvalid(Problem(f"template is over its budget: {exc}", shown,
                                      _template_line(exc, path),
                                      hint="loop over fewer items, or make less text")) from None
        except RecursionError as exc:
            raise DataInvalid(Problem("template calls itself too deeply (recursion)", shown,
                                      _template_line(exc, path))) from None
        except MemoryError as exc:
            raise DataInvalid(Problem("template needs more memory than there is", shown,
                                      _template_line(exc, path))) from None
        except rules.TemplateMistake as exc:
            raise DataInvalid(Problem(f"template failed: {rules.plain(str(exc))}", shown,
                                      _template_line(exc, path), hint=self.hint)) from None
        except Exception as exc:
            # Whatever else a template does wrong while it runs (a division by zero, a
            # wrong helper argument, an overflow): the template's error, at its line.
            raise DataInvalid(Problem(f"template failed: {type(exc).__name__}: "
                                      f"{rules.plain(str(exc))}", shown,
                                      _template_line(exc, path), hint=self.hint)) from None
        finally:
            rules.RENDERING.reset(token)


def _joined(chunks) -> str:
    """Return the rendered chunks as one text, stopping at OUTPUT_CHARS."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > OUTPUT_CHARS:
            raise _OverBudget(f"it wrote more than {OUTPUT_CHARS:,} characters")
        out.append(chunk)
    return "".join(out)


def _missing(entry_id: str):
    raise rules.TemplateMistake(f"no vocabulary entry '{entry_id}'")


def _template_line(exc: Exception, path: Path) -> int | None:
    """Return the template line where `exc` was raised (Jinja maps frames to templates)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename).resolve() == path.resolve():
            line = frame.lineno
    return line
