"""Every hook a plugin can implement; each docstring is that hook's reference.

Implement a hook with ``@mideast_model.hookimpl`` in a module listed under the entry-point
group ``mideast_model`` of your distribution. pluggy passes arguments by keyword, so an
implementation may accept a subset of them (in any order), but no argument may have a
default value (pluggy never passes those).

Every call of every hook goes through the host's guard (:func:`mideast_model.plugins.call_each`):
an implementation that raises is reported with its distribution and version and skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import cattrs
    import click

    from mideast_model.extensions import Analysis, Exporter, Importer
    from mideast_model.model import Actor

hookspec = pluggy.HookspecMarker("mideast_model")


@hookspec
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register importers by calling ``register(Importer(...))`` once per format.

    :param register: validates the importer, records your plugin as its owner and
        disables (with a warning naming both) a name another plugin registered first.
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register exporters by calling ``register(Exporter(...))`` once per format.

    :param register: validates the exporter, records your plugin as its owner and
        disables (with a warning naming both) a name another plugin registered first.
    """


@hookspec
def register_analyses(register: Callable[[Analysis], None]) -> None:
    """Register analyses by calling ``register(Analysis(...))`` once per analysis.

    :param register: validates the analysis, records your plugin as its owner and
        disables (with a warning naming both) a name another plugin registered first.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands to the ``mideast-model`` command line with ``@cli.command()``.

    Called lazily, when the command line first needs its list of commands.

    :param cli: the top-level click group.
    """


@hookspec
def prepare_converter(converter: cattrs.Converter) -> None:
    """Teach the canonical JSON converter a plugin's own types (register hooks on it).

    :param converter: the cattrs converter being built by
        :func:`mideast_model.io.canonical.make_converter`.
    """


@hookspec(firstresult=True)
def resolve_actor(name: str, context: Mapping[str, Any]) -> Actor | None:
    """Map a raw actor name or code to a canonical actor. Stops at first non-None result.

    Importers call this for every actor name or code they read. Implementations are
    tried last-registered-first; the built-in one, tried last, matches the embedded
    dataset's names and aliases and its external ids.

    :param name: the raw name or code as the input writes it ("IRNGOV", "Khatib Hezbollah").
    :param context: what the importer knows: ``dataset`` ("gdelt", "acled"…), ``scheme``
        ("cameo", "acled", "ucdp"…), ``country`` (ISO 3166-1 alpha-3) and any other keys.
    :return: the canonical actor, or ``None`` to let the next implementation try.
    """


@hookspec
def add_hookspecs(pluginmanager: pluggy.PluginManager) -> None:
    """Add hooks of your own with ``pluginmanager.add_hookspecs(module_or_class)``.

    Called once, after every plugin is registered and before hook implementations are
    checked, so other plugins may implement the hooks you add (pytest's
    ``pytest_addhooks``). The report plugin adds ``register_report_sections`` this way.

    :param pluginmanager: the host's :class:`pluggy.PluginManager`.
    """
