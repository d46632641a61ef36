"""Shared fixtures of the text importer's tests."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import mideast_model_text
import pytest

from mideast_model.dataset import Dataset
from mideast_model.extensions import ImportContext
from mideast_model.model import Actor
from mideast_model.plugins import resolve_actor

sys.path.insert(0, str(Path(__file__).parent))  # text_passages (any --import-mode)

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed.txt"


def _resolve(name: str, context: Mapping[str, Any]) -> Actor | None:
    actor: Actor | None = resolve_actor(name, dict(context))
    return actor


def run(path: Path, **options: object) -> Dataset:
    """Import ``path`` with the text importer into a validated dataset."""
    context = ImportContext(path=str(path), resolve_actor=_resolve, options=options)
    return Dataset.from_objects(list(mideast_model_text.read(path, context)), where=str(path))


def run_text(tmp_path: Path, text: str, **options: object) -> Dataset:
    """Import ``text`` (written to a temporary UTF-8 file)."""
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return run(path, **options)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed file: three articles with different header styles."""
    return SEED


@pytest.fixture(scope="session")
def importer() -> Callable[..., Dataset]:
    """``importer(path, **options)`` imports one file with the text importer."""
    return run


@pytest.fixture()
def import_text(tmp_path: Path) -> Callable[..., Dataset]:
    """``import_text(text, **options)`` imports a string written to a temporary file."""
    return lambda text, **options: run_text(tmp_path, text, **options)


@pytest.fixture(scope="session")
def seed_dataset() -> Iterator[Dataset]:
    """The seed file, imported once."""
    yield run(SEED)
