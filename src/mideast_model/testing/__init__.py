"""Testing tools for mideast-model and its plugins.

- :mod:`mideast_model.testing.strategies`: hypothesis strategies for every model type
  and for valid, referentially consistent datasets with hostile text;
- :mod:`mideast_model.testing.conformance`: the checks every importer, exporter and
  analysis must pass;
- :mod:`mideast_model.testing.fixtures`: a pytest plugin with a fresh plugin manager;
- :func:`registered`: register a plugin for the length of a ``with`` block.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

__all__ = ["registered"]


@contextlib.contextmanager
def _restore_cli_commands() -> Iterator[None]:
    """Undo commands that plugins add to the ``mideast-model`` group while inside the block."""
    cli_module = sys.modules.get("mideast_model.cli")
    if cli_module is None:
        yield
        return
    group = cli_module.cli
    before = dict(group.commands)
    try:
        yield
    finally:
        group.commands.clear()
        group.commands.update(before)
        group._loaded = False


@contextlib.contextmanager
def registered(plugin: object, name: str | None = None) -> Iterator[str]:
    """Register ``plugin`` (a module or object with hook implementations) on the current
    plugin manager for the length of the block, and always unregister it.

    The registries of importers, exporters and analyses are cleared on entry and on exit,
    so the plugin's registrations are seen inside the block and gone after it. Yields the
    name the plugin was registered under.
    """
    from mideast_model import plugins

    pm = plugins.get_plugin_manager()
    with _restore_cli_commands():
        registered_name = pm.register(plugin, name=name)
        if registered_name is None:
            raise ValueError(f"plugin {plugin!r} is blocked or already registered")
        plugins.clear_registries()
        try:
            yield registered_name
        finally:
            if pm.is_registered(plugin):
                pm.unregister(plugin)
            plugins.clear_registries()
