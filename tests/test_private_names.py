"""No module touches a private name of ReportLab or python-docx, except each library's one
adapter module (`writers/pdf/rl_internals.py`, `writers/docx/docx_internals.py`).

A private name is one with a single leading underscore that the installed library
defines or uses (a function, class, attribute or module). The check reads the package's
source with `ast`, so it sees what a grep would and more: attribute access on any
object (`frame._atTop`), on `super()`, and on `self` inside a class derived from a
library class (directly or through our own classes); `getattr` and friends given a
private name as text; and imports of private names or modules.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
LIBRARIES = ("reportlab", "docx")
ADAPTERS = {"reportlab": PACKAGE / "writers" / "pdf" / "rl_internals.py",
            "docx": PACKAGE / "writers" / "docx" / "docx_internals.py"}
_ATTR_CALLS = {"getattr", "setattr", "hasattr", "delattr"}


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name != "_"


@cache
def library_private_names(library: str) -> frozenset[str]:
    """Return every private name the installed `library` defines or uses."""
    root = Path(importlib.util.find_spec(library).origin).parent
    names = {p.stem for p in root.rglob("*.py") if _private(p.stem)}
    for path in root.rglob("*.py"):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = node.name
            elif isinstance(node, ast.Attribute):
                name = node.attr
            elif isinstance(node, ast.Name):
                name = node.id
            else:
                continue
            if _private(name):
                names.add(name)
    return frozenset(names)


def _modules() -> dict[str, ast.Module]:
    return {str(p.relative_to(PACKAGE.parent)): ast.parse(p.read_text(encoding="utf-8"))
            for p in sorted(PACKAGE.rglob("*.py"))}


def _library_classes(trees: dict[str, ast.Module], library: str) -> set[str]:
    """Return the names of the package's classes derived from a class of `library`
    (through any chain of the package's own classes)."""
    imported: set[str] = set()  # names bound to the library's objects or modules
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.split(".")[0] == library:
                imported |= {a.asname or a.name for a in node.names}
            elif isinstance(node, ast.Import):
                imported |= {a.asname or a.name.split(".")[0] for a in node.names
                             if a.name.split(".")[0] == library}
    derived: set[str] = set()
    changed = True
    while changed:
        changed = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if not isinstance(node, ast.ClassDef) or node.name in derived:
                    continue
                bases = {ast.unparse(b).split(".")[0] for b in node.bases} | {
                    ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases}
                if bases & (imported | derived):
                    derived.add(node.name)
                    changed = True
    return derived


def _uses(tree: ast.Module, library: str, private: frozenset[str], derived: set[str]):
    """Yield (line, what) for each use of a private name of `library` in `tree`."""
    def visit(node, in_library_class: bool):
        if isinstance(node, ast.ClassDef):
            in_library_class = node.name in derived
        if isinstance(node, ast.ImportFrom) and node.module and \
                node.module.split(".")[0] == library:
            for part in node.module.split("."):
                if _private(part):
                    yield node.lineno, f"import of private module {node.module}"
            for alias in node.names:
                if _private(alias.name):
                    yield node.lineno, f"import of {alias.name} from {node.module}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == library and any(
                        _private(p) for p in alias.name.split(".")):
                    yield node.lineno, f"import of private module {alias.name}"
        elif isinstance(node, ast.Attribute) and node.attr in private:
            owner = ast.unparse(node.value)
            if owner not in ("self", "cls") or in_library_class:
                yield node.lineno, f"{owner}.{node.attr}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in _ATTR_CALLS and len(node.args) >= 2 and \
                isinstance(node.args[1], ast.Constant) and node.args[1].value in private:
            yield node.lineno, f"{node.func.id}(…, {node.args[1].value!r})"
        for child in ast.iter_child_nodes(node):
            yield from visit(child, in_library_class)

    yield from visit(tree, False)


@pytest.mark.parametrize("library", LIBRARIES)
def test_private_names_of_a_library_only_in_its_adapter(library):
    private = library_private_names(library)
    assert len(private) > 100, "the library's private names were not found"
    trees = _modules()
    derived = _library_classes(trees, library)
    adapter = str(ADAPTERS[library].relative_to(PACKAGE.parent))
    found = [f"{name}:{line}: {what}" for name, tree in trees.items() if name != adapter
             for line, what in _uses(tree, library, private, derived)]
    assert found == [], f"private names of {library} outside {adapter}:\n" + "\n".join(found)


def test_the_check_finds_what_it_looks_for():
    """The scanner flags each kind of use it claims to (so a pass means something)."""
    source = (
        "from reportlab.platypus.frames import Frame\n"
        "from reportlab.pdfbase import _fontdata\n"
        "class F(Frame):\n"
        "    def f(self, frame, canv):\n"
        "        return self._atTop, frame._aH, super()._add, getattr(canv, '_code')\n"
        "class G(F):\n"
        "    def g(self):\n"
        "        return self._atTop\n"
        "class Own:\n"
        "    def h(self):\n"
        "        return self._atTop\n")
    tree = ast.parse(source)
    private = library_private_names("reportlab")
    derived = _library_classes({"x": tree}, "reportlab")
    lines = sorted(line for line, _ in _uses(tree, "reportlab", private, derived))
    assert lines == [2, 5, 5, 5, 5, 8]
