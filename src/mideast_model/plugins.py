"""The plugin manager: built-ins, entry points, load control, isolation, registries.

- Built-in plugins (:data:`DEFAULT_PLUGINS`) are registered through the same hooks an
  outside plugin uses.
- Entry points of group ``mideast_model`` load one at a time. A plugin that fails to
  import, or raises in a hook, is reported once on stderr — distribution, version and a
  one-line error — and skipped; ``MIDEAST_MODEL_STRICT_PLUGINS=1`` makes that fatal and
  ``MIDEAST_MODEL_DEBUG=1`` (or ``--debug``) prints the traceback.
- ``MIDEAST_MODEL_LOAD_PLUGINS``: unset loads all; ``''`` none; a comma list only those
  distributions.
- ``check_pending()`` runs after loading, so a misspelled hook implementation is an error.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import pluggy

from mideast_model import hookspecs
from mideast_model.errors import DuplicateRegistrationError, PluginError, UnknownNameError
from mideast_model.extensions import Analysis, Exporter, Importer, ReportSection
from mideast_model.model import Actor

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "analyses",
    "clear_registries",
    "exporters",
    "failures",
    "get_analysis",
    "get_exporter",
    "get_importer",
    "get_plugin_manager",
    "importers",
    "plugin_info",
    "registered_plugin",
    "report_sections",
    "reset",
    "resolve_actor",
]

ENTRY_POINT_GROUP = "mideast_model"
DEFAULT_PLUGINS = (
    "mideast_model.builtin.json_format",
    "mideast_model.builtin.resolve",
    "mideast_model.builtin.analyses",
)

T = TypeVar("T", Importer, Exporter, Analysis, ReportSection)


@attrs.define
class PluginFailure:
    """A plugin that could not be loaded or whose hook raised."""

    plugin: str
    distribution: str | None
    version: str | None
    error: str


@attrs.define
class _State:
    pm: pluggy.PluginManager
    dists: dict[str, tuple[str, str]] = attrs.field(factory=dict)  # plugin name -> (dist, version)
    failures: list[PluginFailure] = attrs.field(factory=list)
    registries: dict[str, dict[str, tuple[Any, str]]] = attrs.field(factory=dict)


_state: _State | None = None


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _strict() -> bool:
    return _flag("MIDEAST_MODEL_STRICT_PLUGINS")


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _fail(state: _State, plugin: str, dist: str | None, version: str | None, exc: BaseException) -> None:
    message = str(exc).splitlines()[0] if str(exc) else ""
    error = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    if any(f.plugin == plugin and f.error == error for f in state.failures):
        return
    state.failures.append(PluginFailure(plugin, dist, version, error))
    who = f"{dist} {version}" if dist else plugin
    print(f"mideast-model: plugin {plugin!r} ({who}) failed and was skipped: {error}", file=sys.stderr)
    if _flag("MIDEAST_MODEL_DEBUG"):
        traceback.print_exception(exc, file=sys.stderr)
    if _strict():
        raise PluginError(f"plugin {plugin!r} ({who}) failed: {error}") from exc


def _load_entry_points(state: _State) -> None:
    from importlib.metadata import entry_points

    wanted_env = os.environ.get("MIDEAST_MODEL_LOAD_PLUGINS")
    wanted = None
    if wanted_env is not None:
        wanted = {_normalise(n.strip()) for n in wanted_env.split(",") if n.strip()}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.dist.name if e.dist else "", e.name)):
        dist = ep.dist.name if ep.dist else None
        version = ep.dist.version if ep.dist else None
        if wanted is not None and _normalise(dist or ep.name) not in wanted:
            continue
        if state.pm.has_plugin(ep.name):
            continue
        try:
            module = ep.load()
            state.pm.register(module, name=ep.name)
        except Exception as exc:
            _fail(state, ep.name, dist, version, exc)
            continue
        state.dists[ep.name] = (dist or ep.name, version or "")


def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, loaded on first call (see :func:`reset`)."""
    return _get_state().pm


def _get_state() -> _State:
    global _state
    if _state is None:
        pm = pluggy.PluginManager("mideast_model")
        pm.add_hookspecs(hookspecs)
        state = _State(pm)
        _state = state
        from mideast_model import __version__

        for modname in DEFAULT_PLUGINS:
            module = importlib.import_module(modname)
            pm.register(module, name=modname)
            state.dists[modname] = ("mideast-model", __version__)
        if os.environ.get("MIDEAST_MODEL_LOAD_PLUGINS", None) != "":
            _load_entry_points(state)
        try:
            pm.check_pending()
        except pluggy.PluginValidationError as exc:
            _state = None
            raise PluginError(f"unknown hook implementation: {exc}") from exc
    return _state


def reset() -> None:
    """Forget the plugin manager and registries (tests; after installing a plugin)."""
    global _state
    _state = None
    from mideast_model.io import canonical

    canonical.converter.cache_clear()


def clear_registries() -> None:
    """Forget the collected registries and converter, keeping the manager (after ``register``)."""
    if _state is not None:
        _state.registries.clear()
    from mideast_model.io import canonical

    canonical.converter.cache_clear()


def failures() -> list[PluginFailure]:
    """Plugins that failed to load or raised in a hook, in the order they failed."""
    return list(_get_state().failures)


def _collect(hook_name: str, cls: type[T]) -> dict[str, tuple[T, str]]:
    state = _get_state()
    if hook_name in state.registries:
        return state.registries[hook_name]
    found: dict[str, tuple[T, str]] = {}
    hook = getattr(state.pm.hook, hook_name)
    # Call each implementation on its own so one raising plugin cannot hide the rest;
    # pluggy calls last-registered first, we call first-registered first (built-ins).
    for impl in hook.get_hookimpls():
        plugin_name = impl.plugin_name
        pending: list[T] = []

        def register(item: T) -> None:
            if not isinstance(item, cls):
                raise PluginError(f"{hook_name} expects {cls.__name__} objects, got {type(item).__name__}")
            pending.append(item)  # noqa: B023 - called synchronously within this iteration

        try:
            impl.function(register=register)
        except Exception as exc:
            dist, version = state.dists.get(plugin_name, (None, None))
            _fail(state, plugin_name, dist, version, exc)
            continue
        for item in pending:
            if item.name in found:
                other = found[item.name][1]
                raise DuplicateRegistrationError(
                    f"{cls.__name__.lower()} {item.name!r} is registered by both {_who(other)} and {_who(plugin_name)}"
                )
            found[item.name] = (item, plugin_name)
    state.registries[hook_name] = dict(sorted(found.items()))
    return state.registries[hook_name]


def _who(plugin_name: str) -> str:
    dist = _get_state().dists.get(plugin_name)
    return f"{plugin_name!r} ({dist[0]})" if dist else repr(plugin_name)


def importers() -> dict[str, Importer]:
    """Every registered importer by name."""
    return {k: v for k, (v, _) in _collect("register_importers", Importer).items()}


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name."""
    return {k: v for k, (v, _) in _collect("register_exporters", Exporter).items()}


def analyses() -> dict[str, Analysis]:
    """Every registered analysis by name."""
    return {k: v for k, (v, _) in _collect("register_analyses", Analysis).items()}


def report_sections() -> list[ReportSection]:
    """Every registered report section, by ``order`` then name."""
    sections = [v for v, _ in _collect("register_report_sections", ReportSection).values()]
    return sorted(sections, key=lambda s: (s.order, s.name))


def registered_plugin(kind: str, name: str) -> str | None:
    """The plugin that registered ``name`` in ``kind`` ("importers"…), or ``None``."""
    hook = f"register_{kind}"
    cls = {"importers": Importer, "exporters": Exporter, "analyses": Analysis, "report_sections": ReportSection}[kind]
    entry = _collect(hook, cls).get(name)
    return entry[1] if entry else None


def _get(kind: str, getter: Callable[[], dict[str, T]], name: str) -> T:
    items = getter()
    if name not in items:
        known = ", ".join(items) or "none installed"
        raise UnknownNameError(f"no {kind} named {name!r} (available: {known})")
    return items[name]


def get_importer(name: str) -> Importer:
    """The importer ``name``, or :class:`UnknownNameError` listing the known ones."""
    return _get("importer", importers, name)


def get_exporter(name: str) -> Exporter:
    """The exporter ``name``, or :class:`UnknownNameError` listing the known ones."""
    return _get("exporter", exporters, name)


def get_analysis(name: str) -> Analysis:
    """The analysis ``name``, or :class:`UnknownNameError` listing the known ones."""
    return _get("analysis", analyses, name)


def resolve_actor(name: str, context: Mapping[str, Any] | None = None) -> Actor | None:
    """The canonical actor for a raw name or code, through the ``resolve_actor`` hook."""
    found = get_plugin_manager().hook.resolve_actor(name=name, context=dict(context or {}))
    return found if isinstance(found, Actor) else None


def plugin_info() -> list[dict[str, Any]]:
    """Every loaded plugin: name, distribution, version, hooks and what it registered."""
    state = _get_state()
    owners: dict[str, dict[str, list[str]]] = {}
    for kind, cls in (
        ("importers", Importer),
        ("exporters", Exporter),
        ("analyses", Analysis),
        ("report_sections", ReportSection),
    ):
        for name, (_, plugin_name) in _collect(f"register_{kind}", cls).items():  # type: ignore[type-var]
            owners.setdefault(plugin_name, {}).setdefault(kind, []).append(name)
    info = []
    for plugin_name, plugin in state.pm.list_name_plugin():
        dist, version = state.dists.get(plugin_name, (plugin_name, ""))
        hooks = sorted(h.name for h in state.pm.get_hookcallers(plugin) or [])
        info.append(
            {
                "name": plugin_name,
                "distribution": dist,
                "version": version,
                "builtin": plugin_name in DEFAULT_PLUGINS,
                "hooks": hooks,
                "registered": owners.get(plugin_name, {}),
            }
        )
    return sorted(info, key=lambda i: (not i["builtin"], i["name"]))
