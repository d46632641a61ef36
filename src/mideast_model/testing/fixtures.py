"""A pytest plugin for mideast-model plugin authors.

Installed with mideast-model (entry point ``pytest11``), so every test session has:

- ``plugin_manager``: a fresh plugin manager (built-ins and installed plugins), reset
  again after the test;
- ``builtin_plugin_manager``: the same with only the built-in plugins loaded
  (``MIDEAST_MODEL_LOAD_PLUGINS=''``), for tests that must not see other plugins;
- ``hostile``: :func:`mideast_model.testing.hostile.make_hostile`, a small dataset whose
  text carries markup, formula and CDATA-closing payloads;
- ``large_json``: canonical JSON of a large synthetic dataset (session-wide), and
  ``killer``: :func:`mideast_model.testing.hostile.kill_export`, for exporters' tests
  that kill an export mid-write.

Register a plugin for the length of a ``with`` block with
:func:`mideast_model.testing.registered`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pluggy
import pytest

from mideast_model.dataset import Dataset
from mideast_model.testing import _restore_cli_commands


@pytest.fixture
def plugin_manager() -> Iterator[pluggy.PluginManager]:
    """A fresh plugin manager; the cached one is reset before and after the test."""
    from mideast_model import plugins

    plugins.reset()
    with _restore_cli_commands():
        try:
            yield plugins.get_plugin_manager()
        finally:
            plugins.reset()


@pytest.fixture
def builtin_plugin_manager(monkeypatch: pytest.MonkeyPatch) -> Iterator[pluggy.PluginManager]:
    """A fresh plugin manager with only the built-in plugins (no entry points loaded)."""
    from mideast_model import plugins

    monkeypatch.setenv("MIDEAST_MODEL_LOAD_PLUGINS", "")
    plugins.reset()
    with _restore_cli_commands():
        try:
            yield plugins.get_plugin_manager()
        finally:
            monkeypatch.delenv("MIDEAST_MODEL_LOAD_PLUGINS")
            plugins.reset()


@pytest.fixture
def hostile() -> Dataset:
    """The kit's hostile dataset (:func:`mideast_model.testing.hostile.make_hostile`)."""
    from mideast_model.testing.hostile import make_hostile

    return make_hostile()


@pytest.fixture(scope="session")
def large_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Canonical JSON of a large synthetic dataset ($MIDEAST_MODEL_KILL_EVENTS events, 5000 by default)."""
    from mideast_model.io.canonical import dump
    from mideast_model.testing.hostile import make_large

    path = tmp_path_factory.mktemp("large") / "large.json"
    dump(make_large(int(os.environ.get("MIDEAST_MODEL_KILL_EVENTS", "5000"))), path)
    return path


@pytest.fixture
def killer() -> Callable[..., bool]:
    """:func:`mideast_model.testing.hostile.kill_export`."""
    from mideast_model.testing.hostile import kill_export

    return kill_export
