"""Datasette's two meta-tests: every hook is documented under its exact signature, and tested.

The documentation and the tests cannot drift from :mod:`mideast_model.hookspecs`.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from mideast_model import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS_DOC = ROOT / "docs" / "plugin-hooks.md"
TESTS = Path(__file__).resolve().parent


def _hookspecs() -> dict[str, str]:
    """Every hookspec by name, with its ``name(arg, ...)`` signature."""
    specs = {}
    for name, func in inspect.getmembers(hookspecs, inspect.isfunction):
        if hasattr(func, "mideast_model_spec"):
            args = ", ".join(inspect.signature(func).parameters)
            specs[name] = f"{name}({args})"
    return specs


def _doc_headings() -> list[str]:
    text = HOOKS_DOC.read_text(encoding="utf-8")
    return [m.group(1).strip().strip("`") for m in re.finditer(r"^#{2,3}\s+(.+?)\s*$", text, flags=re.M)]


def _test_functions() -> set[str]:
    names: set[str] = set()
    for path in TESTS.rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names.update(node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))
    return names


def test_there_are_hooks() -> None:
    assert {"register_importers", "register_exporters", "register_analyses", "resolve_actor"} <= set(_hookspecs())


@pytest.mark.parametrize("name", sorted(_hookspecs()))
def test_every_hook_is_documented_under_its_signature(name: str) -> None:
    signature = _hookspecs()[name]
    assert signature in _doc_headings(), f"docs/plugin-hooks.md has no heading '{signature}'"


def test_every_documented_hook_exists() -> None:
    signatures = set(_hookspecs().values())
    hook_like = [h for h in _doc_headings() if re.fullmatch(r"[a-z_]+\(.*\)", h)]
    assert hook_like, "docs/plugin-hooks.md documents no hook"
    stale = [h for h in hook_like if h not in signatures]
    assert not stale, f"docs/plugin-hooks.md documents hooks that do not exist (or changed): {stale}"


@pytest.mark.parametrize("name", sorted(_hookspecs()))
def test_every_hook_has_a_test(name: str) -> None:
    assert f"test_hook_{name}" in _test_functions(), f"no test function named test_hook_{name} under tests/"


def test_model_docs_list_every_event_kind_with_its_codes() -> None:
    """docs/model.md's EventKind table was written from vocab.py; it must follow it."""
    from mideast_model.model import EventKind

    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    rows = {
        cells[0].strip("`"): tuple(cells[1:])
        for line in text.splitlines()
        if line.startswith("| `")
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
        if len(cells) == 4
    }
    expected = {k.value: (k.cameo or "—", k.cameo_root or "—", k.plover or "—") for k in EventKind}
    assert rows == expected
