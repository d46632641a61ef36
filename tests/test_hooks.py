"""One test per hook (``test_hook_<name>``), each through a registered test plugin.

:mod:`tests.test_hooks_meta` checks that every hookspec has a test here and a heading in
``docs/plugin-hooks.md``.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import cattrs
import orjson
import pluggy
import pytest
from click.testing import CliRunner

import mideast_model
from mideast_model import cli as cli_module
from mideast_model import plugins
from mideast_model.errors import UnknownNameError
from mideast_model.extensions import (
    Analysis,
    ExportContext,
    Exporter,
    ImportContext,
    Importer,
    Param,
    TableResult,
)
from mideast_model.io import canonical
from mideast_model.model import Actor, ActorKind, Event, EventKind, Participant, Role
from mideast_model.testing import registered


@pytest.fixture(autouse=True)
def only_builtins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Built-ins and the test's own plugin only, whatever else is installed."""
    monkeypatch.setenv("MIDEAST_MODEL_LOAD_PLUGINS", "")
    monkeypatch.delenv("MIDEAST_MODEL_STRICT_PLUGINS", raising=False)
    plugins.reset()
    yield
    plugins.reset()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A two-actor, one-event dataset in canonical JSON."""
    dataset = mideast_model.Dataset.from_objects(
        [
            Actor(id="actor:a", name="Alpha", kind=ActorKind.STATE, country="IRQ"),
            Actor(id="actor:b", name="Beta", kind=ActorKind.ARMED_GROUP),
            Event(
                id="event:1",
                kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
                when="2020-03-11",
                title="Rockets",
                participants=(Participant("actor:b", Role.INITIATOR), Participant("actor:a", Role.TARGET)),
            ),
        ]
    )
    path = tmp_path / "small.json"
    canonical.dump(dataset, path)
    return path


def _runner() -> CliRunner:
    return CliRunner()


# ---------------------------------------------------------------------------- importers


def _read_actor_lines(source: Path | BinaryIO, context: ImportContext) -> Iterator[Actor]:
    """``ID<TAB>NAME`` lines, one actor each."""
    assert not isinstance(source, Path)
    for number, raw in enumerate(source, 1):
        line = raw.decode("utf-8").rstrip("\n")
        object_id, tab, name = line.partition("\t")
        if not tab or not name.strip():
            context.skip(context.error("expected ID<TAB>NAME", line=number, field="name"))
            continue
        yield Actor(id=object_id, name=name, kind=ActorKind.GROUP)


class ImporterPlugin:
    @mideast_model.hookimpl
    def register_importers(self, register: Callable[[Importer], None]) -> None:
        register(Importer(name="actor-lines", description="ID<TAB>NAME lines", read=_read_actor_lines, suffixes="tsv"))


def test_hook_register_importers(tmp_path: Path) -> None:
    good = tmp_path / "actors.tsv"
    good.write_text("actor:x\tXavier\nactor:y\tYolanda\n")
    bad = tmp_path / "bad.tsv"
    bad.write_text("actor:x\tXavier\nactor:y\n")
    with registered(ImporterPlugin()):
        importer = plugins.get_importer("actor-lines")
        assert importer.suffixes == (".tsv",)
        dataset, skipped = cli_module.read_input(importer, str(good))
        assert sorted(dataset.actors) == ["actor:x", "actor:y"]
        assert skipped == []
        _, skipped = cli_module.read_input(importer, str(bad), skip_bad=True)
        assert [(e.line, e.field) for e in skipped] == [(2, "name")]

        result = _runner().invoke(cli_module.cli, ["import", "actor-lines", str(good), "-o", str(tmp_path / "o.json")])
        assert result.exit_code == 0, result.output
        assert canonical.load(tmp_path / "o.json") == dataset
        result = _runner().invoke(cli_module.cli, ["import", "actor-lines", str(bad), "-o", str(tmp_path / "p.json")])
        assert result.exit_code == 1
        assert f"{bad}:2: name: expected ID<TAB>NAME" in result.stderr
        assert "actor-lines" in _runner().invoke(cli_module.cli, ["import", "--help"]).output
    with pytest.raises(UnknownNameError):
        plugins.get_importer("actor-lines")


# ---------------------------------------------------------------------------- exporters


def _write_ids(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    sep = context.options.get("sep", "\n")
    target.write(sep.join(o.id for o in dataset).encode() + b"\n")


class ExporterPlugin:
    @mideast_model.hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        register(Exporter(name="ids", description="object ids, one a line", write=_write_ids, suffixes=(".txt",)))


def test_hook_register_exporters(tmp_path: Path, small: Path) -> None:
    with registered(ExporterPlugin()):
        assert plugins.get_exporter("ids").description == "object ids, one a line"
        out = tmp_path / "ids.txt"
        result = _runner().invoke(cli_module.cli, ["export", "ids", "-i", str(small), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text().split() == ["actor:a", "actor:b", "event:1"]
        result = _runner().invoke(cli_module.cli, ["export", "ids", "-i", str(small), "-o", "-", "--option", "sep=,"])
        assert result.stdout == "actor:a,actor:b,event:1\n"
        assert "ids" in _runner().invoke(cli_module.cli, ["export", "--help"]).output
    assert "ids" not in plugins.exporters()


# ----------------------------------------------------------------------------- analyses


def _count(dataset: Any, kind: str) -> TableResult:
    objects = list(dataset.objects(kind))
    by_kind: dict[str, int] = {}
    for obj in objects:
        key = getattr(obj, "kind", None)
        label = key.value if key is not None else kind
        by_kind[label] = by_kind.get(label, 0) + 1
    rows = tuple(sorted(by_kind.items()))
    return TableResult(title=f"{kind} by kind", columns=("kind", "count"), rows=rows)


class AnalysisPlugin:
    @mideast_model.hookimpl
    def register_analyses(self, register: Callable[[Analysis], None]) -> None:
        register(
            Analysis(
                name="count-kinds",
                description="objects of one kind, counted by their kind",
                run=_count,
                params=(Param("kind", "str", default="events", choices=("actors", "events")),),
            )
        )


def test_hook_register_analyses(small: Path) -> None:
    with registered(AnalysisPlugin()):
        result = _runner().invoke(cli_module.cli, ["analyze", "count-kinds", "-i", str(small), "--json"])
        assert result.exit_code == 0, result.output
        assert orjson.loads(result.stdout) == [{"kind": "rocket_attack", "count": 1}]
        result = _runner().invoke(
            cli_module.cli, ["analyze", "count-kinds", "-i", str(small), "--markdown", "--param", "kind=actors"]
        )
        assert "| armed_group | 1 |" in result.stdout
        assert "| state | 1 |" in result.stdout
        result = _runner().invoke(cli_module.cli, ["analyze", "count-kinds", "-i", str(small), "--param", "kind=x"])
        assert result.exit_code == 1
        assert "--param kind: expected one of actors, events" in result.stderr
        assert "count-kinds" in _runner().invoke(cli_module.cli, ["analyze", "--help"]).output
    assert "count-kinds" not in plugins.analyses()


# ------------------------------------------------------------------------ report sections


def _render(dataset: Any, context: Mapping[str, Any]) -> Mapping[str, str] | None:
    n = len(dataset.events)
    return {"html": f"<p>{n} events</p>", "markdown": f"{n} events"} if n else None


class SectionPlugin:
    @mideast_model.hookimpl
    def register_report_sections(self, register: Callable[[Any], None]) -> None:
        from mideast_model_report import ReportSection  # the report plugin's own hook registers these

        register(ReportSection(name="zz-late", title="Late", render=_render, order=900))
        register(ReportSection(name="aa-early", title="Early", render=_render, order=-5))


class ReportHooks:
    """Adds the report plugin's hook, as the report plugin does (through ``add_hookspecs``)."""

    @mideast_model.hookimpl
    def add_hookspecs(self, pluginmanager: Any) -> None:
        from mideast_model_report import hookspecs as report_hookspecs

        pluginmanager.add_hookspecs(report_hookspecs)


def test_hook_register_report_sections(small: Path) -> None:
    pytest.importorskip("mideast_model_report")
    from mideast_model_report import report_sections

    assert not hasattr(plugins.get_plugin_manager().hook, "register_report_sections")  # not a core hook
    assert not hasattr(plugins, "report_sections") and not hasattr(mideast_model.extensions, "ReportSection")
    with registered(ReportHooks()), registered(SectionPlugin()):
        assert plugins.get_plugin_manager().hook.register_report_sections.has_spec()
        sections = report_sections()
        names = [s.name for s in sections]
        assert names[0] == "aa-early"
        assert names[-1] == "zz-late"
        assert [s.order for s in sections] == sorted(s.order for s in sections)
        rendered = sections[0].render(canonical.load(small), {})
        assert rendered == {"html": "<p>1 events</p>", "markdown": "1 events"}
        assert sections[0].render(mideast_model.Dataset.empty(), {}) is None
    assert "aa-early" not in [s.name for s in report_sections()]


# ----------------------------------------------------------------------------- commands


class CommandPlugin:
    @mideast_model.hookimpl
    def register_commands(self, cli: Any) -> None:
        import click

        @cli.command(name="hook-hello")
        @click.option("--name", default="world")
        def hello(name: str) -> None:
            """Say hello (a command added by a plugin)."""
            click.echo(f"hello, {name}")


def test_hook_register_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    group = cli_module.cli
    # The group adds plugin commands once per process; give it a fresh start and restore it after.
    monkeypatch.setattr(group, "commands", dict(group.commands))
    monkeypatch.setattr(group, "_loaded", False, raising=False)
    with registered(CommandPlugin()):
        result = _runner().invoke(group, ["hook-hello", "--name", "Baghdad"])
        assert result.exit_code == 0, result.output
        assert result.stdout == "hello, Baghdad\n"
        assert "hook-hello" in _runner().invoke(group, ["--help"]).output


# --------------------------------------------------------------------------- converter


@attrs.frozen
class Tagged:
    tag: str


class ConverterPlugin:
    def __init__(self) -> None:
        self.seen: list[cattrs.Converter] = []

    @mideast_model.hookimpl
    def prepare_converter(self, converter: cattrs.Converter) -> None:
        self.seen.append(converter)
        converter.register_unstructure_hook(Tagged, lambda t: f"tag:{t.tag}")
        converter.register_structure_hook(Tagged, lambda v, _: Tagged(v.removeprefix("tag:")))


def test_hook_prepare_converter() -> None:
    plugin = ConverterPlugin()
    with registered(plugin):
        conv = plugins.converter()
        assert plugin.seen == [conv]
        assert plugins.converter() is conv  # cached ...
        plugins.purge_converter()
        assert plugins.converter() is not conv  # ... until purged
        assert len(plugin.seen) == 2
        conv = plugins.converter()
        assert conv.unstructure(Tagged("kh")) == "tag:kh"
        assert conv.structure("tag:kh", Tagged) == Tagged("kh")
        # The model's own hooks are in place before the plugin's run.
        assert conv.unstructure(mideast_model.model.TimeSpan("2020-03")) == "2020-03"
        # The io layer's factory is pure: it never asks the plugins.
        assert canonical.make_converter().unstructure(Tagged("kh")) == {"tag": "kh"}
        assert len(plugin.seen) == 2
    assert plugins.converter().unstructure(Tagged("kh")) == {"tag": "kh"}


# ------------------------------------------------------------------------ add_hookspecs


class WidgetSpecs:
    """A plugin's own hook (a class of hookspecs works as well as a module)."""

    @pluggy.HookspecMarker("mideast_model")
    def register_widgets(self, register: Callable[[Any], None]) -> None:
        """Register widgets."""


@attrs.frozen
class Widget:
    name: str


class WidgetHost:
    @mideast_model.hookimpl
    def add_hookspecs(self, pluginmanager: pluggy.PluginManager) -> None:
        pluginmanager.add_hookspecs(WidgetSpecs)


class WidgetMaker:
    @mideast_model.hookimpl
    def register_widgets(self, register: Callable[[Widget], None]) -> None:
        register(Widget("gear"))


def test_hook_add_hookspecs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Loaded with the host: the implementation of the added hook passes check_pending.
    host, maker = types.ModuleType("mm_widget_host"), types.ModuleType("mm_widget_maker")
    host.add_hookspecs = WidgetHost().add_hookspecs  # type: ignore[attr-defined]
    maker.register_widgets = WidgetMaker().register_widgets  # type: ignore[attr-defined]
    for module in (host, maker):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(plugins, "DEFAULT_PLUGINS", (*plugins.DEFAULT_PLUGINS, maker.__name__, host.__name__))
    plugins.reset()
    assert plugins.registrations("register_widgets", Widget) == {"gear": (Widget("gear"), maker.__name__)}
    assert capsys.readouterr().err == ""  # no "unknown hook": the spec came before the check
    # Registered later (a test, a notebook), the plugin's add_hookspecs runs at once.
    monkeypatch.setattr(plugins, "DEFAULT_PLUGINS", tuple(plugins.DEFAULT_PLUGINS[:3]))
    plugins.reset()
    with registered(WidgetHost()), registered(WidgetMaker()):
        assert plugins.get_plugin_manager().hook.register_widgets.has_spec()
        assert list(plugins.registrations("register_widgets", Widget)) == ["gear"]


# ------------------------------------------------------------------------ resolve_actor

_KH = Actor(id="actor:hooktest-kh", name="Kataib Hezbollah (test table)", kind=ActorKind.ARMED_GROUP)


class ResolverPlugin:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    @mideast_model.hookimpl
    def resolve_actor(self, name: str, context: Mapping[str, Any]) -> Actor | None:
        self.calls.append((name, dict(context)))
        if context.get("scheme") == "hooktest" and name == "KH-1":
            return _KH
        if name.casefold() == "iran" and context.get("dataset") == "hooktest":
            return attrs.evolve(_KH, id="actor:hooktest-iran", name="Iran (test table)", kind=ActorKind.STATE)
        return None


def test_hook_resolve_actor() -> None:
    builtin_iran = plugins.resolve_actor("Iran", {})
    plugin = ResolverPlugin()
    with registered(plugin):
        assert plugins.resolve_actor("KH-1", {"scheme": "hooktest"}) == _KH
        assert plugin.calls[-1] == ("KH-1", {"scheme": "hooktest"})
        # firstresult: a plugin answer wins over the built-in table, which is tried last ...
        mine = plugins.resolve_actor("Iran", {"dataset": "hooktest"})
        assert mine is not None
        assert mine.id == "actor:hooktest-iran"
        # ... and None lets the next implementation (the built-in one) answer.
        assert plugins.resolve_actor("Iran", {}) == builtin_iran
        assert plugins.resolve_actor("no such actor anywhere", {}) is None
    assert plugins.resolve_actor("KH-1", {"scheme": "hooktest"}) is None
