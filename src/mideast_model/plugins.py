"""The plugin host: built-ins, entry points, load control, isolation, registries, converter.

- Built-in plugins (:data:`DEFAULT_PLUGINS`) are registered through the same hooks an
  outside plugin uses.
- Entry points of group ``mideast_model`` load one at a time, each timed
  (``mideast-model plugins --timings``).
- **One guard for every hook call.** Each implementation is called on its own through
  pluggy's hook caller (:meth:`pluggy.PluginManager.subset_hook_caller`, see
  :func:`call_each`). A plugin that fails to import, or raises (even ``SystemExit``) in a
  hook, is reported once on stderr — distribution, version, hook and a one-line error —
  and skipped in that hook; the others keep working, and the failure is never reported as
  a problem of the data being read. ``MIDEAST_MODEL_STRICT_PLUGINS=1`` makes any such
  failure fatal (one line, a :class:`~mideast_model.errors.PluginError`);
  ``MIDEAST_MODEL_DEBUG=1`` (or ``--debug``) also prints the traceback.
- ``MIDEAST_MODEL_LOAD_PLUGINS``: unset loads all; ``''`` none; a comma list only those
  distributions.
- A misspelled hook implementation (``check_pending``) disables its plugin, named.
- A name registered twice keeps the first registration and disables the later one, with
  a warning naming both plugins (an error when strict).
- Plugins may add hooks of their own through the ``add_hookspecs`` hook.
- The canonical JSON converter extended by plugins' ``prepare_converter`` lives here
  (:func:`converter`, cached; :func:`purge_converter` forgets it); the converter factory
  in :mod:`mideast_model.io.canonical` knows nothing of plugins.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs
import pluggy

from mideast_model import hookspecs
from mideast_model.errors import DuplicateRegistrationError, PluginError, UnknownNameError, escape_controls
from mideast_model.extensions import Analysis, Exporter, Importer

if TYPE_CHECKING:
    import cattrs

    from mideast_model.model import Actor

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "FIRST_PARTY",
    "PluginFailure",
    "analyses",
    "call_each",
    "call_first",
    "clear_registries",
    "converter",
    "converter_options",
    "exporters",
    "failures",
    "get_analysis",
    "get_exporter",
    "get_importer",
    "get_plugin_manager",
    "importers",
    "install_hint",
    "plugin_info",
    "purge_converter",
    "registered_plugin",
    "registrations",
    "reset",
    "resolve_actor",
]

ENTRY_POINT_GROUP = "mideast_model"
DEFAULT_PLUGINS = (
    "mideast_model.builtin.json_format",
    "mideast_model.builtin.resolve",
    "mideast_model.builtin.analyses",
)
#: The distribution of the core; its built-in plugins are shown as one "built-in" row.
CORE_DISTRIBUTION = "mideast-model"

#: The first-party plugins by what they register: kind -> name -> (distribution, directory
#: in this repository). Used to say what to install when a name is not registered;
#: ``tests/test_integration.py`` checks it against what the packages really register.
FIRST_PARTY: dict[str, dict[str, tuple[str, str]]] = {
    "importer": {
        "acled": ("mideast-model-acled", "plugins/acled"),
        "gdelt": ("mideast-model-gdelt", "plugins/gdelt"),
        "icews": ("mideast-model-icews", "plugins/icews"),
        "parquet": ("mideast-model-tabular", "plugins/tabular"),
        "sqlite": ("mideast-model-tabular", "plugins/tabular"),
        "text": ("mideast-model-text", "plugins/text"),
        "ucdp": ("mideast-model-ucdp", "plugins/ucdp"),
    },
    "exporter": {
        "csv": ("mideast-model-tabular", "plugins/tabular"),
        "geojson": ("mideast-model-geojson", "plugins/geojson"),
        "gexf": ("mideast-model-graph", "plugins/graph"),
        "graphml": ("mideast-model-graph", "plugins/graph"),
        "parquet": ("mideast-model-tabular", "plugins/tabular"),
        "prov": ("mideast-model-prov", "plugins/prov"),
        "report": ("mideast-model-report", "plugins/report"),
        "sqlite": ("mideast-model-tabular", "plugins/tabular"),
        "stix": ("mideast-model-stix", "plugins/stix"),
    },
    "analysis": {
        "attribution": ("mideast-model-links", "plugins/links"),
        "hawkes": ("mideast-model-dynamics", "plugins/dynamics"),
        "links": ("mideast-model-links", "plugins/links"),
        "network": ("mideast-model-dynamics", "plugins/dynamics"),
        "resolution": ("mideast-model-links", "plugins/links"),
    },
}


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


@attrs.define
class PluginFailure:
    """A plugin that could not be loaded, whose hook raised, or whose registration was refused.

    :param plugin: the plugin's name (its entry point's name).
    :param distribution: the distribution that installed it, when known.
    :param version: that distribution's version, when known.
    :param error: a one-line description.
    :param hook: the hook that failed (``None`` for a failed import).
    """

    plugin: str
    distribution: str | None
    version: str | None
    error: str
    hook: str | None = None


class _Manager(pluggy.PluginManager):
    """A plugin manager that forgets what it collected whenever a plugin comes or goes."""

    def register(self, plugin: object, name: str | None = None) -> str | None:
        """Register ``plugin`` and drop the registries and cached callers.

        A plugin registered after loading (tests, notebooks) gets its ``add_hookspecs``
        called at once, as the loaded plugins had theirs.
        """
        result = super().register(plugin, name)
        _changed()
        state = _state
        if result is not None and state is not None and state.pm is self and state.built:
            for impl in _impls(state, "add_hookspecs"):
                if impl.plugin is plugin:
                    _guarded(state, "add_hookspecs", impl, {"pluginmanager": self})
        return result

    def unregister(self, plugin: object | None = None, name: str | None = None) -> Any:
        """Unregister ``plugin`` and drop the registries and cached callers."""
        result = super().unregister(plugin, name)
        _changed()
        return result


@attrs.define
class _State:
    pm: _Manager
    dists: dict[str, tuple[str, str]] = attrs.field(factory=dict)  # plugin name -> (dist, version)
    timings: dict[str, float] = attrs.field(factory=dict)  # plugin name -> seconds to import
    hook_seconds: dict[str, float] = attrs.field(factory=dict)  # plugin name -> seconds in guarded calls
    failures: list[PluginFailure] = attrs.field(factory=list)
    disabled: dict[str, set[str]] = attrs.field(factory=dict)  # hook name -> plugin names skipped
    registries: dict[str, dict[str, tuple[Any, str]]] = attrs.field(factory=dict)
    callers: dict[tuple[str, str | None], Any] = attrs.field(factory=dict)
    converter: cattrs.Converter | None = None
    built: bool = False


_state: _State | None = None


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _strict() -> bool:
    return _flag("MIDEAST_MODEL_STRICT_PLUGINS")


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _changed() -> None:
    if _state is not None:
        _state.registries.clear()
        _state.callers.clear()
        _state.converter = None


def _who(state: _State, plugin: str) -> str:
    dist, version = state.dists.get(plugin, (None, None))
    return f"{plugin!r} ({dist} {version})".replace(" )", ")") if dist else repr(plugin)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    if isinstance(exc, SystemExit):
        return f"SystemExit: {exc.code!r}" if exc.code is not None else "SystemExit"
    return escape_controls(f"{type(exc).__name__}: {first}" if first else type(exc).__name__)


def _report(state: _State, failure: PluginFailure, message: str, exc: BaseException | None) -> None:
    """Record ``failure`` once; warn on stderr, or raise :class:`PluginError` when strict."""
    if any((f.plugin, f.error) == (failure.plugin, failure.error) for f in state.failures):
        return  # one line per plugin and error, even when it raises in several hooks
    state.failures.append(failure)
    if _flag("MIDEAST_MODEL_DEBUG") and exc is not None:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    if _strict():
        error = DuplicateRegistrationError if exc is None else PluginError
        raise error(f"{message} (MIDEAST_MODEL_STRICT_PLUGINS is set)") from exc
    print(f"mideast-model: {message}; skipped", file=sys.stderr)


def _fail(state: _State, plugin: str, exc: BaseException, hook: str | None = None, where: str | None = None) -> None:
    """Report that ``plugin`` failed to import (``hook=None``) or raised in ``hook``."""
    dist, version = state.dists.get(plugin, (None, None))
    error = _one_line(exc)
    if hook is not None:
        state.disabled.setdefault(hook, set()).add(plugin)
        state.callers.pop((hook, None), None)
        where = where or f"raised in {hook}"
    else:
        where = where or "failed to load"
    message = f"plugin {_who(state, plugin)} {where}: {error}"
    _report(state, PluginFailure(plugin, dist, version, error, hook), message, exc)


def _load_entry_points(state: _State) -> None:
    from importlib.metadata import entry_points

    wanted_env = os.environ.get("MIDEAST_MODEL_LOAD_PLUGINS")
    wanted = None
    if wanted_env is not None:
        wanted = {_normalise(n.strip()) for n in wanted_env.split(",") if n.strip()}
    found = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        metadata = ep.dist.metadata if ep.dist else None  # parsed once: .name and .version each parse it again
        found.append((metadata["Name"] if metadata else None, metadata["Version"] if metadata else None, ep))
    for dist, version, ep in sorted(found, key=lambda item: (item[0] or "", item[2].name)):
        if wanted is not None and _normalise(dist or ep.name) not in wanted:
            continue
        if state.pm.has_plugin(ep.name):
            continue
        state.dists[ep.name] = (dist or ep.name, version or "")
        start = time.perf_counter()
        try:
            module = ep.load()
        except (Exception, SystemExit) as exc:
            state.timings[ep.name] = time.perf_counter() - start
            _fail(state, ep.name, exc)
            continue
        state.timings[ep.name] = time.perf_counter() - start
        try:
            state.pm.register(module, name=ep.name)
        except (Exception, SystemExit) as exc:  # pluggy refuses bad hook signatures here
            _fail(state, ep.name, exc)


def _check_pending(state: _State) -> None:
    """``check_pending`` plugin by plugin: a misspelled hook disables its plugin, named."""
    while True:
        try:
            state.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = state.pm.get_name(exc.plugin) or repr(exc.plugin)
            hooks = sorted(h.name for h in state.pm.get_hookcallers(exc.plugin) or [] if not h.has_spec())
            state.pm.unregister(exc.plugin)
            unknown = ", ".join(hooks) or "?"
            error = PluginError(f"no such hook: {unknown} (misspelled? see docs/plugin-hooks.md)")
            _fail(state, name, error, where="implements an unknown hook")
            continue
        return


def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, loaded on first call (see :func:`reset`)."""
    return _get_state().pm


def _get_state() -> _State:
    global _state
    if _state is None:
        pm = _Manager("mideast_model")
        pm.add_hookspecs(hookspecs)
        state = _State(pm)
        _state = state
        try:
            _build(state)
        except BaseException:
            _state = None  # no half-made manager: the next call starts again
            raise
    return _state


def _build(state: _State) -> None:
    from mideast_model import __version__

    for modname in DEFAULT_PLUGINS:
        state.dists[modname] = (CORE_DISTRIBUTION, __version__)
        start = time.perf_counter()
        try:
            module = importlib.import_module(modname)
            state.pm.register(module, name=modname)
        except (Exception, SystemExit) as exc:
            _fail(state, modname, exc)
        state.timings[modname] = time.perf_counter() - start
    if os.environ.get("MIDEAST_MODEL_LOAD_PLUGINS", None) != "":
        _load_entry_points(state)
    call_each("add_hookspecs", {"pluginmanager": state.pm}, _state_=state)
    _check_pending(state)
    state.built = True


def reset() -> None:
    """Forget the plugin manager, registries and converter (tests; after installing a plugin)."""
    global _state
    _state = None


def clear_registries() -> None:
    """Forget the collected registries and the converter, keeping the manager."""
    _changed()


def purge_converter() -> None:
    """Forget the cached converter, so the next :func:`converter` asks the plugins again."""
    if _state is not None:
        _state.converter = None


def failures() -> list[PluginFailure]:
    """Plugins that failed to load, raised in a hook or had a registration refused, in order."""
    return list(_get_state().failures)


# --------------------------------------------------------------------------- the guard


def _impls(state: _State, hook_name: str) -> list[pluggy.HookImpl]:
    hook = getattr(state.pm.hook, hook_name, None)
    if hook is None:
        return []
    skipped = state.disabled.get(hook_name, set())
    return [impl for impl in hook.get_hookimpls() if impl.plugin_name not in skipped]


def _caller_of(state: _State, hook_name: str, impl: pluggy.HookImpl) -> Any:
    """A hook caller that calls only ``impl``'s plugin (pluggy's public subset caller)."""
    key = (hook_name, impl.plugin_name)
    caller = state.callers.get(key)
    if caller is None:
        others = [p for p in state.pm.get_plugins() if p is not impl.plugin]
        caller = state.callers[key] = state.pm.subset_hook_caller(hook_name, remove_plugins=others)
    return caller


def _guarded(state: _State, hook_name: str, impl: pluggy.HookImpl, kwargs: Mapping[str, Any]) -> tuple[bool, Any]:
    """Call one implementation; on failure report its plugin and return ``(False, None)``."""
    start = time.perf_counter()
    try:
        return True, _caller_of(state, hook_name, impl)(**kwargs)
    except (Exception, SystemExit) as exc:
        _fail(state, impl.plugin_name, exc, hook_name)
        return False, None
    finally:
        name = impl.plugin_name
        state.hook_seconds[name] = state.hook_seconds.get(name, 0.0) + time.perf_counter() - start


def call_each(
    hook_name: str,
    kwargs: Mapping[str, Any],
    *,
    snapshot: Callable[[], Callable[[], None]] | None = None,
    _state_: _State | None = None,
) -> list[tuple[str, Any]]:
    """Call every implementation of ``hook_name`` on its own, first-registered first.

    Each call goes through pluggy's hook caller restricted to one plugin, inside the
    guard: a raising plugin is reported (distribution, version, hook, error) and skipped
    in this hook from now on; in strict mode the first failure raises
    :class:`~mideast_model.errors.PluginError`.

    :param hook_name: the hook, e.g. ``"register_importers"``; an unknown hook calls nothing.
    :param kwargs: the hook's arguments, by name.
    :param snapshot: called before each implementation; returns an undo callable run if
        that implementation fails (so a half-done plugin leaves nothing behind).
    :return: ``(plugin name, result)`` for each implementation that succeeded.
    """
    state = _state_ or _get_state()
    results = []
    for impl in _impls(state, hook_name):
        undo = snapshot() if snapshot is not None else None
        ok, result = _guarded(state, hook_name, impl, kwargs)
        if ok:
            results.append((impl.plugin_name, result))
        elif undo is not None:
            undo()
    return results


def call_first(hook_name: str, kwargs: Mapping[str, Any]) -> Any:
    """The first non-``None`` result of ``hook_name`` in pluggy's order, guarded.

    For hot, side-effect-free hooks (``resolve_actor`` runs for every row): one call
    through pluggy's hook caller without the plugins already skipped; only when it raises
    are the implementations tried one by one to find, report and skip the culprit.

    :param hook_name: a ``firstresult`` hook.
    :param kwargs: the hook's arguments, by name.
    :return: the first non-``None`` result, or ``None``.
    """
    state = _get_state()
    while True:
        fast = state.callers.get((hook_name, None))
        if fast is None:
            skipped = state.disabled.get(hook_name, set())
            plugins = [state.pm.get_plugin(name) for name in skipped]
            fast = state.pm.subset_hook_caller(hook_name, remove_plugins=[p for p in plugins if p is not None])
            state.callers[(hook_name, None)] = fast
        try:
            return fast(**kwargs)
        except (Exception, SystemExit):
            culprit = None
            for impl in reversed(_impls(state, hook_name)):  # pluggy calls last-registered first
                ok, result = _guarded(state, hook_name, impl, kwargs)
                if not ok:
                    culprit = impl
                    break
                if result is not None:
                    return result
            if culprit is None:  # pragma: no cover - the failure did not repeat
                raise


# ------------------------------------------------------------------------- registries


def registrations(hook_name: str, cls: type[T]) -> dict[str, tuple[T, str]]:
    """What the registration hook ``hook_name`` collected: name -> (item, plugin name).

    Each plugin's implementation is called through the guard with a ``register``
    callable that checks the item's type. A name registered twice keeps the first
    (built-ins are registered first) and disables the later one, with a warning naming
    both plugins. Collected once, until a plugin is registered or unregistered.

    :param hook_name: e.g. ``"register_importers"``, or a hook a plugin added.
    :param cls: the class every registered item must be an instance of.
    """
    state = _get_state()
    cached = state.registries.get(hook_name)
    if cached is not None:
        return cached
    found: dict[str, tuple[T, str]] = {}
    for impl in _impls(state, hook_name):
        pending: list[T] = []

        def register(item: T, _pending: list[T] = pending) -> None:
            if not isinstance(item, cls):
                raise PluginError(f"{hook_name} expects {cls.__name__} objects, got {type(item).__name__}")
            _pending.append(item)

        ok, _ = _guarded(state, hook_name, impl, {"register": register})
        if not ok:
            continue
        for item in pending:
            if item.name in found:
                first = found[item.name][1]
                message = (
                    f"plugin {_who(state, impl.plugin_name)}: {cls.__name__.lower()} {item.name!r} is already "
                    f"registered by {_who(state, first)}, so this registration is disabled"
                )
                dist, version = state.dists.get(impl.plugin_name, (None, None))
                failure = PluginFailure(impl.plugin_name, dist, version, f"duplicate {item.name!r}", hook_name)
                _report(state, failure, message, None)
                continue
            found[item.name] = (item, impl.plugin_name)
    state.registries[hook_name] = dict(sorted(found.items()))
    return state.registries[hook_name]


def importers() -> dict[str, Importer]:
    """Every registered importer by name."""
    return {k: v for k, (v, _) in registrations("register_importers", Importer).items()}


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name."""
    return {k: v for k, (v, _) in registrations("register_exporters", Exporter).items()}


def analyses() -> dict[str, Analysis]:
    """Every registered analysis by name."""
    return {k: v for k, (v, _) in registrations("register_analyses", Analysis).items()}


_KINDS: dict[str, type[Any]] = {
    "importers": Importer,
    "exporters": Exporter,
    "analyses": Analysis,
}


def registered_plugin(kind: str, name: str, cls: type[Any] | None = None) -> str | None:
    """The plugin that registered ``name`` in ``kind`` ("importers"…), or ``None``.

    :param cls: what the hook ``register_<kind>`` registers, for a kind a plugin added
        (``ReportSection`` for the report plugin's ``report_sections``).
    """
    if cls is None:
        if kind not in _KINDS:
            raise UnknownNameError(f"no core registration kind {kind!r} ({', '.join(_KINDS)}): give its class")
        cls = _KINDS[kind]
    entry = registrations(f"register_{kind}", cls).get(name)
    return entry[1] if entry else None


def install_hint(kind: str, name: str) -> str | None:
    """What to install for the first-party ``kind`` ("exporter"…) ``name``, or ``None``."""
    found = FIRST_PARTY.get(kind, {}).get(name)
    if found is None:
        return None
    dist, directory = found
    return f"it is provided by {dist}: pip install {dist} (from a checkout: pip install -e {directory})"


def _get(kind: str, getter: Callable[[], dict[str, T]], name: str) -> T:
    items = getter()
    if name not in items:
        known = ", ".join(items) or "none installed"
        hint = install_hint(kind, name)
        extra = f"; {hint}" if hint else ""
        raise UnknownNameError(f"no {kind} named {name!r} (available: {known}){extra}")
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
    """The canonical actor for a raw name or code, through the guarded ``resolve_actor`` hook."""
    from mideast_model.model import Actor

    found = call_first("resolve_actor", {"name": name, "context": dict(context or {})})
    return found if isinstance(found, Actor) else None


# -------------------------------------------------------------------------- converter


def converter() -> cattrs.Converter:
    """The canonical JSON converter taught by every plugin's ``prepare_converter``, cached.

    A plugin that raises there is reported and skipped, and the converter is built again
    without it, so a broken plugin never shows up as an error in the data.
    """
    state = _get_state()
    if state.converter is None:
        from mideast_model.io import canonical

        while True:
            conv = canonical.make_converter()
            wanted = len(_impls(state, "prepare_converter"))
            if len(call_each("prepare_converter", {"converter": conv})) == wanted:
                break  # no plugin failed half-way: conv is complete; else again, without it
        state.converter = conv
    return state.converter


def converter_options() -> dict[str, Any]:
    """Keyword arguments that make :mod:`mideast_model.io.canonical` use :func:`converter`.

    Empty when no plugin implements ``prepare_converter`` (the core's converter is enough).
    """
    if not _impls(_get_state(), "prepare_converter"):
        return {}
    return {"converter": converter()}


# ------------------------------------------------------------------------------- info


def plugin_info() -> list[dict[str, Any]]:
    """Every loaded plugin: name, distribution, version, hooks, registrations and timings."""
    state = _get_state()
    owners: dict[str, dict[str, list[str]]] = {}
    for kind, cls in _KINDS.items():
        for name, (_, plugin_name) in registrations(f"register_{kind}", cls).items():
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
                "import_seconds": round(state.timings.get(plugin_name, 0.0), 4),
                "hook_seconds": round(state.hook_seconds.get(plugin_name, 0.0), 4),
            }
        )
    return sorted(info, key=lambda i: (not i["builtin"], i["name"]))
