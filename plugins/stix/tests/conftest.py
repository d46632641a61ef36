"""Fixtures of this plugin's tests: the kit's hostile dataset, a large one, a killed export."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from mideast_model.dataset import Dataset
from mideast_model.testing.hostile import kill_export, make_hostile, make_large


@pytest.fixture
def hostile() -> Dataset:
    """The hostile dataset."""
    return make_hostile()


@pytest.fixture(scope="session")
def large_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Canonical JSON of a large synthetic dataset, for the kill test."""
    from mideast_model.io.canonical import dump

    path = tmp_path_factory.mktemp("large") / "large.json"
    dump(make_large(int(os.environ.get("MIDEAST_MODEL_KILL_EVENTS", "5000"))), path)
    return path


@pytest.fixture
def killer() -> Callable[..., bool]:
    """:func:`mideast_model.testing.hostile.kill_export`."""
    return kill_export
