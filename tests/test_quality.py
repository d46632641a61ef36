"""The project's own quality gates, run with the test suite so CI enforces them.

ruff (lint and format), mypy --strict on the core and every plugin, and the docs build
with mkdocs --strict. Each is skipped, with the reason, only when its tool is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODE = ["src", "tests", "plugins", "benchmarks"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _tool(module: str) -> None:
    try:
        __import__(module)
    except ImportError:
        pytest.skip(f"{module} is not installed (pip install -e '.[dev]')")


def test_ruff_check_is_clean() -> None:
    _tool("ruff")
    result = _run(sys.executable, "-m", "ruff", "check", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    _tool("ruff")
    result = _run(sys.executable, "-m", "ruff", "format", "--check", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_core_and_plugins() -> None:
    _tool("mypy")
    sources = ["src", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "plugins").glob("*/src"))]
    result = _run(sys.executable, "-m", "mypy", "--strict", *sources)
    assert result.returncode == 0, result.stdout + result.stderr


def test_docs_build_strict(tmp_path: Path) -> None:
    _tool("mkdocs")
    if shutil.which("mkdocs") is None and not (Path(sys.executable).parent / "mkdocs").exists():
        pytest.skip("mkdocs command not found")
    result = _run(sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
