"""A pytest plugin for mideast-model plugin authors.

Put ``pytest_plugins = ["mideast_model.testing.fixtures"]`` in your ``conftest.py`` to get:

- ``plugin_manager``: a fresh plugin manager (built-ins and installed plugins), reset
  again after the test;
- ``builtin_plugin_manager``: the same with only the built-in plugins loaded
  (``MIDEAST_MODEL_LOAD_PLUGINS=''``), for tests that must not see other plugins.

Register a plugin for the length of a ``with`` block with
:func:`mideast_model.testing.registered`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pluggy
import pytest

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
