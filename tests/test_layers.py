"""The core's layers (docs/architecture.md), checked on the import graph of ``src/``.

The graph is static: every ``import`` and ``from … import`` in the AST of every module
under ``src/mideast_model`` (``from pkg import sub`` is an edge to the submodule). The
implicit "a submodule's package runs first" is not an edge: a package that re-exports
its submodules would otherwise be a circle with each of them. Imports under
``if TYPE_CHECKING:`` are left out — they never run. Two graphs:

- *import time*: module-level imports only. A circle here is a real circular import.
- *all imports*: module-level plus the deferred ones inside functions. Deferred imports
  are how a circle hides (``dataset`` → ``io.canonical`` → ``plugins`` → … → ``dataset``
  worked only because each arrow ran late), so they count too: a module that needs a
  higher layer at run time is as tangled as one that imports it at the top.

``importlib.import_module("…")`` with a string (the plugin host loading the built-in
plugins, ``mideast_model.__getattr__``) is not an import statement and is not an edge:
those are the registrations by name that keep the layers apart.
"""

from __future__ import annotations

import ast
import functools
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "mideast_model"

#: The layers, lowest first. A module may import its own layer and those below, never
#: one above (deferred imports included). ``None``: not ordered, only free of circles.
LAYERS: dict[str, int | None] = {
    "mideast_model": 0,  # the package root: lazy re-exports by name only
    "mideast_model.errors": 0,
    "mideast_model.render": 0,
    "mideast_model.gcpause": 0,
    "mideast_model.extensions": 0,  # the shapes plugins register: no behaviour, no model import
    "mideast_model.model": 1,
    "mideast_model.dataset": 2,
    "mideast_model.store": 2,
    "mideast_model.io": 3,
    "mideast_model.data": 3,
    "mideast_model.analyses": 3,
    "mideast_model.hookspecs": 4,
    "mideast_model.plugins": 4,
    "mideast_model.builtin": 4,
    "mideast_model.api": 5,
    "mideast_model.testing": 5,
    "mideast_model.cli": 6,
    "mideast_model.events": None,  # the columnar event tables: both data (schema) and runs (bulk import)
}
NAMES = {0: "base", 1: "model", 2: "dataset", 3: "io", 4: "plugins", 5: "api", 6: "cli"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _known(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> Iterator[tuple[str, bool, int]]:
    """``(imported module, deferred?, line)`` for every import statement of ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def targets(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
            return
        if node.level:
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
            name = f"{base}.{node.module}" if node.module else base
        else:
            name = node.module or ""
        for alias in node.names:  # ``from pkg import submodule`` imports the submodule
            yield f"{name}.{alias.name}" if f"{name}.{alias.name}" in MODULES else name

    def walk(node: ast.AST, deferred: bool) -> Iterator[tuple[str, bool, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for stmt in child.orelse:
                    yield from walk_one(stmt, deferred)
                continue
            yield from walk_one(child, deferred)

    def walk_one(child: ast.AST, deferred: bool) -> Iterator[tuple[str, bool, int]]:
        if isinstance(child, ast.Import | ast.ImportFrom):
            for target in targets(child):
                yield target, deferred, child.lineno
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from walk(child, True)
        else:
            yield from walk(child, deferred)

    yield from walk(tree, False)


@functools.cache
def _graph(*, deferred: bool) -> dict[str, dict[str, int]]:
    """module -> {imported module: line}."""
    graph: dict[str, dict[str, int]] = defaultdict(dict)
    for module in MODULES:
        for target, is_deferred, line in _imports(module):
            known = _known(target)
            if known and known != module and (deferred or not is_deferred):
                graph[module].setdefault(known, line)
    return graph


def _circles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(MODULES):
        if v not in index:
            visit(v)
    return found


def _describe(circle: list[str], graph: dict[str, dict[str, int]]) -> str:
    members = set(circle)
    arrows = [
        f"{a} -> {b} (line {line})" for a in circle for b, line in sorted(graph.get(a, {}).items()) if b in members
    ]
    return "; ".join(arrows)


def _layer(module: str) -> int | None:
    name: str | None = module
    while name:
        if name in LAYERS:
            return LAYERS[name]
        name = name.rpartition(".")[0]
    raise AssertionError(f"{module} has no layer: add it to LAYERS here and to docs/architecture.md")


def test_the_graph_sees_the_modules() -> None:
    graph = _graph(deferred=True)
    assert {"mideast_model.cli", "mideast_model.plugins", "mideast_model.dataset"} <= set(MODULES)
    assert "mideast_model.plugins" in graph["mideast_model.cli"]  # a deferred import is an edge
    assert "mideast_model.plugins" not in _graph(deferred=False)["mideast_model.cli"]


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}}
    assert [sorted(c) for c in _circles_of(graph)] == [["a", "b", "c"]]


def _circles_of(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    saved = dict(MODULES)
    MODULES.clear()
    MODULES.update({name: Path(name) for name in graph})
    try:
        return _circles(graph)
    finally:
        MODULES.clear()
        MODULES.update(saved)


def test_no_import_circle_at_import_time() -> None:
    graph = _graph(deferred=False)
    circles = _circles(graph)
    assert not circles, "\n".join(_describe(c, graph) for c in circles)


def test_no_import_circle_even_through_deferred_imports() -> None:
    graph = _graph(deferred=True)
    circles = _circles(graph)
    assert not circles, "\n".join(_describe(c, graph) for c in circles)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_imports_only_its_layer_and_below(module: str) -> None:
    mine = _layer(module)
    if mine is None:
        return
    upward = []
    for target, line in _graph(deferred=True)[module].items():
        theirs = _layer(target)
        if theirs is not None and theirs > mine:
            upward.append(f"line {line}: {target} ({NAMES[theirs]}) from the {NAMES[mine]} layer")
    assert not upward, f"{module} imports upwards: " + "; ".join(upward)


def test_the_core_never_imports_a_plugin() -> None:
    plugin_imports = [
        f"{module}:{line} imports {target}"
        for module in MODULES
        for target, _, line in _imports(module)
        if target.startswith("mideast_model_")
    ]
    assert not plugin_imports, plugin_imports
