"""The plugin host: built-ins through hooks, isolation of broken plugins, load control, strictness.

The isolation tests pip-install real distributions (wheels with an entry point) into
a private ``--target`` directory and run the command line with that directory on
``PYTHONPATH``, so the environment other tests share is never changed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import types
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import mideast_model
from mideast_model import plugins
from mideast_model.errors import DuplicateRegistrationError, PluginError
from mideast_model.extensions import Exporter, Importer

BUILTINS = set(plugins.DEFAULT_PLUGINS)


# ------------------------------------------------------------------------ in-process host


@pytest.fixture
def host(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A fresh plugin manager with no entry-point plugins, reset again afterwards."""
    monkeypatch.setenv("MIDEAST_MODEL_LOAD_PLUGINS", "")
    monkeypatch.delenv("MIDEAST_MODEL_STRICT_PLUGINS", raising=False)
    monkeypatch.delenv("MIDEAST_MODEL_DEBUG", raising=False)
    plugins.reset()
    yield
    plugins.reset()


def _write_ids(dataset: Any, target: Any, context: Any) -> None:
    target.write("".join(f"{o.id}\n" for o in dataset).encode())


def _exporter_plugin(exporter_name: str) -> object:
    class Plugin:
        @mideast_model.hookimpl
        def register_exporters(self, register: Callable[[Exporter], None]) -> None:
            register(Exporter(name=exporter_name, description="ids, one a line", write=_write_ids))

    return Plugin()


def test_builtins_are_registered_through_the_hooks(host: None) -> None:
    pm = plugins.get_plugin_manager()
    for name in plugins.DEFAULT_PLUGINS:
        module = pm.get_plugin(name)
        assert isinstance(module, types.ModuleType), name
        assert pm.get_hookcallers(module), f"{name} implements no hook"
    assert plugins.registered_plugin("exporters", "json") == "mideast_model.builtin.json_format"
    assert plugins.registered_plugin("importers", "json") == "mideast_model.builtin.json_format"
    info = {i["name"]: i for i in plugins.plugin_info()}
    assert set(info) == BUILTINS  # nothing external when MIDEAST_MODEL_LOAD_PLUGINS=''
    json_plugin = info["mideast_model.builtin.json_format"]
    assert json_plugin["builtin"] is True
    assert json_plugin["distribution"] == "mideast-model"
    assert json_plugin["version"] == mideast_model.__version__
    assert json_plugin["registered"] == {"importers": ["json"], "exporters": ["json"]}
    assert "resolve_actor" in info["mideast_model.builtin.resolve"]["hooks"]


def _misspelled_module(monkeypatch: pytest.MonkeyPatch) -> str:
    module = types.ModuleType("mm_test_misspelled_plugin")

    @mideast_model.hookimpl
    def register_exporter(register: Callable[[Exporter], None]) -> None:  # missing the final "s"
        raise AssertionError("never called")

    module.register_exporter = register_exporter  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(plugins, "DEFAULT_PLUGINS", (*plugins.DEFAULT_PLUGINS, module.__name__))
    return module.__name__


def test_misspelled_hook_implementation_is_named_and_skipped(
    host: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = _misspelled_module(monkeypatch)
    assert "json" in plugins.exporters()  # the host works without the broken plugin
    pm = plugins.get_plugin_manager()
    assert not pm.has_plugin(name)
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert name in err
    assert "register_exporter" in err
    assert "unknown hook" in err
    assert [f.plugin for f in plugins.failures()] == [name]


def test_misspelled_hook_implementation_is_fatal_when_strict(host: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIDEAST_MODEL_STRICT_PLUGINS", "1")
    _misspelled_module(monkeypatch)
    with pytest.raises(PluginError, match="register_exporter"):
        plugins.get_plugin_manager()
    # A failed load leaves no half-made manager behind: fixing the plugin list fixes the host.
    monkeypatch.setattr(plugins, "DEFAULT_PLUGINS", tuple(BUILTINS))
    assert "json" in plugins.exporters()


def test_duplicate_name_disables_the_later_registration(host: None, capsys: pytest.CaptureFixture[str]) -> None:
    pm = plugins.get_plugin_manager()
    pm.register(_exporter_plugin("twice"), name="first-plugin")
    pm.register(_exporter_plugin("twice"), name="second-plugin")
    pm.register(_exporter_plugin("once"), name="third-plugin")
    assert {"json", "twice", "once"} <= set(plugins.exporters())  # the tool keeps working
    assert plugins.registered_plugin("exporters", "twice") == "first-plugin"
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert "'twice'" in err
    assert "first-plugin" in err
    assert "second-plugin" in err
    assert "disabled" in err


def test_duplicate_name_is_an_error_when_strict(host: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIDEAST_MODEL_STRICT_PLUGINS", "1")
    pm = plugins.get_plugin_manager()
    pm.register(_exporter_plugin("twice"), name="first-plugin")
    pm.register(_exporter_plugin("twice"), name="second-plugin")
    with pytest.raises(DuplicateRegistrationError) as info:
        plugins.exporters()
    message = str(info.value)
    assert "'twice'" in message
    assert "first-plugin" in message
    assert "second-plugin" in message


def test_duplicate_of_a_builtin_keeps_the_builtin(host: None, capsys: pytest.CaptureFixture[str]) -> None:
    plugins.get_plugin_manager().register(_exporter_plugin("json"), name="usurper")
    assert plugins.registered_plugin("exporters", "json") == "mideast_model.builtin.json_format"
    err = capsys.readouterr().err
    assert "usurper" in err
    assert "json_format" in err
    assert "mideast-model 0.1.0" in err or mideast_model.__version__ in err


class _Raising:
    """Raises the same error from two registration hooks."""

    @mideast_model.hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        raise RuntimeError("exporter table is corrupt")

    @mideast_model.hookimpl
    def register_importers(self, register: Callable[[Importer], None]) -> None:
        raise RuntimeError("exporter table is corrupt")


def test_plugin_raising_in_a_hook_is_reported_once_and_skipped(host: None, capsys: pytest.CaptureFixture[str]) -> None:
    pm = plugins.get_plugin_manager()
    pm.register(_Raising(), name="raising-plugin")
    pm.register(_exporter_plugin("still-here"), name="healthy-plugin")
    assert {"json", "still-here"} <= set(plugins.exporters())
    assert "json" in plugins.importers()
    assert "json" in plugins.exporters()
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if "raising-plugin" in line]) == 1, err
    assert "RuntimeError: exporter table is corrupt" in err
    assert "Traceback" not in err
    assert [f.plugin for f in plugins.failures()] == ["raising-plugin"]


def test_plugin_raising_in_a_hook_is_fatal_when_strict(host: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIDEAST_MODEL_STRICT_PLUGINS", "1")
    plugins.get_plugin_manager().register(_Raising(), name="raising-plugin")
    with pytest.raises(PluginError, match=r"raising-plugin.*exporter table is corrupt"):
        plugins.exporters()


def test_raising_resolve_actor_is_skipped_and_the_others_answer(host: None, capsys: pytest.CaptureFixture[str]) -> None:
    class Bad:
        @mideast_model.hookimpl(tryfirst=True)
        def resolve_actor(self, name: str, context: Any) -> Any:
            raise RuntimeError("actor table is corrupt")

    expected = plugins.resolve_actor("Iran", {})
    assert expected is not None
    plugins.get_plugin_manager().register(Bad(), name="bad-resolver")
    for _ in range(3):  # reported once, then skipped without being asked again
        assert plugins.resolve_actor("Iran", {}) == expected
    err = capsys.readouterr().err
    assert err.count("bad-resolver") == 1, err
    assert "resolve_actor" in err
    assert [(f.plugin, f.hook) for f in plugins.failures()] == [("bad-resolver", "resolve_actor")]


def test_registering_the_wrong_type_is_reported(host: None, capsys: pytest.CaptureFixture[str]) -> None:
    class Confused:
        @mideast_model.hookimpl
        def register_exporters(self, register: Callable[[Any], None]) -> None:
            register(Importer(name="confused", description="an importer", read=lambda s, c: iter(())))

    plugins.get_plugin_manager().register(Confused(), name="confused-plugin")
    assert "confused" not in plugins.exporters()
    assert "register_exporters expects Exporter objects, got Importer" in capsys.readouterr().err


# ------------------------------------------------------------- installed distributions

BROKEN_MODULE = '''\
"""A plugin whose import fails, as a plugin with a missing dependency would."""
import mideast_model
raise ImportError("No module named 'frobnicate' (needed by mideast-model-brokentest)")
'''

GOOD_MODULE = '''\
"""A working plugin: one exporter writing ids one a line."""
import mideast_model
from mideast_model.extensions import Exporter


def _write(dataset, target, context):
    target.write("".join(o.id + "\\n" for o in dataset).encode())


@mideast_model.hookimpl
def register_exporters(register):
    register(Exporter(name="goodtest-ids", description="object ids, one a line", write=_write))
'''


def _make_wheel(root: Path, name: str, module_text: str) -> Path:
    """A wheel of distribution ``mideast-model-<name>`` with entry point ``<name>`` in group ``mideast_model``.

    Written directly (a wheel is a zip with a ``.dist-info``), so the test needs no build
    backend and no package index; pip then installs it like any other wheel.
    """
    dist = f"mideast_model_{name}-0.0.7"
    files = {
        f"mideast_model_{name}/__init__.py": module_text,
        f"{dist}.dist-info/METADATA": (
            f"Metadata-Version: 2.1\nName: mideast-model-{name}\nVersion: 0.0.7\n"
            "Requires-Python: >=3.11\nRequires-Dist: mideast-model\n"
        ),
        f"{dist}.dist-info/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: mideast-model-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
        f"{dist}.dist-info/entry_points.txt": f"[mideast_model]\n{name} = mideast_model_{name}\n",
    }
    records = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        records.append(f"{path},sha256={digest},{len(text.encode())}")
    records.append(f"{dist}.dist-info/RECORD,,")
    files[f"{dist}.dist-info/RECORD"] = "\n".join(records) + "\n"
    wheel = root / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for path, text in files.items():
            zf.writestr(path, text)
    return wheel


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding two pip-installed plugin distributions: one broken, one good."""
    root = tmp_path_factory.mktemp("dists")
    target = root / "site"
    wheels = [_make_wheel(root, "brokentest", BROKEN_MODULE), _make_wheel(root, "goodtest", GOOD_MODULE)]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--target",
            str(target),
            *map(str, wheels),
        ],
        check=True,
        capture_output=True,
    )
    assert sorted(p.name for p in target.glob("*.dist-info")) == [
        "mideast_model_brokentest-0.0.7.dist-info",
        "mideast_model_goodtest-0.0.7.dist-info",
    ]
    return target


def _run(site: Path, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MIDEAST_MODEL_")}
    environ["PYTHONPATH"] = os.pathsep.join([str(site), environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "mideast_model.cli", *args], capture_output=True, text=True, cwd=cwd, env=environ
    )


def _plugin_names(result: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    assert result.returncode == 0, result.stderr
    return {i["name"]: i for i in json.loads(result.stdout)}


def test_broken_plugin_does_not_break_export(site: Path, tmp_path: Path) -> None:
    result = _run(site, "export", "json", "-o", "x.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.json").is_file()
    assert mideast_model.load(tmp_path / "x.json") == mideast_model.seed()
    err = result.stderr
    assert "brokentest" in err
    assert "mideast-model-brokentest 0.0.7" in err
    assert "No module named 'frobnicate'" in err
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if "brokentest" in line]) == 1, err


def test_good_plugin_beside_a_broken_one_still_works(site: Path, tmp_path: Path) -> None:
    result = _run(site, "export", "goodtest-ids", "-o", "ids.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    ids = (tmp_path / "ids.txt").read_text().split()
    assert ids == [o.id for o in mideast_model.seed()]


def test_broken_plugin_is_fatal_when_strict(site: Path, tmp_path: Path) -> None:
    result = _run(site, "export", "json", "-o", "x.json", cwd=tmp_path, MIDEAST_MODEL_STRICT_PLUGINS="1")
    assert result.returncode != 0
    assert "brokentest" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_debug_shows_the_traceback(site: Path, tmp_path: Path) -> None:
    result = _run(site, "--debug", "export", "json", "-o", "x.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" in result.stderr
    assert "frobnicate" in result.stderr


def test_plugins_json_lists_installed_distributions(site: Path, tmp_path: Path) -> None:
    result = _run(site, "plugins", "--json", cwd=tmp_path)
    info = _plugin_names(result)
    assert set(info) >= BUILTINS
    good = info["goodtest"]
    assert good["distribution"] == "mideast-model-goodtest"
    assert good["version"] == "0.0.7"
    assert good["builtin"] is False
    assert good["hooks"] == ["register_exporters"]
    assert good["registered"] == {"exporters": ["goodtest-ids"]}
    assert "brokentest" not in info
    assert "brokentest" in result.stderr


def test_load_plugins_none_such_lists_no_external_plugin(site: Path, tmp_path: Path) -> None:
    result = _run(site, "plugins", "--json", cwd=tmp_path, MIDEAST_MODEL_LOAD_PLUGINS="none-such")
    info = _plugin_names(result)
    assert set(info) == BUILTINS
    assert all(i["builtin"] for i in info.values())
    assert "brokentest" not in result.stderr  # not even tried


def test_load_plugins_empty_lists_builtins_only(site: Path, tmp_path: Path) -> None:
    result = _run(site, "plugins", "--json", cwd=tmp_path, MIDEAST_MODEL_LOAD_PLUGINS="")
    info = _plugin_names(result)
    assert set(info) == BUILTINS
    assert result.stderr == ""


def test_load_plugins_list_loads_only_those(site: Path, tmp_path: Path) -> None:
    result = _run(site, "plugins", "--json", cwd=tmp_path, MIDEAST_MODEL_LOAD_PLUGINS="mideast-model-goodtest")
    info = _plugin_names(result)
    assert set(info) == BUILTINS | {"goodtest"}
    assert "brokentest" not in result.stderr
    # Distribution names are matched normalised, as pip does (case, '_' and '-').
    result = _run(site, "plugins", "--json", cwd=tmp_path, MIDEAST_MODEL_LOAD_PLUGINS=" Mideast_Model_GoodTest ,x")
    assert set(_plugin_names(result)) == BUILTINS | {"goodtest"}


# ------------------------------------------- hostile distributions: one guard, every hook

HOSTILE = {
    # raises while the command line collects its commands (even for --help)
    "raisecmd": '''\
import mideast_model


@mideast_model.hookimpl
def register_commands(cli):
    @cli.command(name="half-added")
    def half_added():
        """Added before the plugin failed: must not survive."""

    raise RuntimeError("command table is corrupt")
''',
    # a hook implementation whose name has a typo
    "misspelt": """\
import mideast_model


@mideast_model.hookimpl
def register_exporter(register):
    raise AssertionError("never called")
""",
    # exits the interpreter while being imported
    "sysexit": """\
raise SystemExit(3)
""",
    # raises for every name it is asked to resolve
    "badresolve": """\
import mideast_model


@mideast_model.hookimpl(tryfirst=True)
def resolve_actor(name, context):
    raise RuntimeError("actor table is corrupt")
""",
    # raises while the canonical JSON converter is prepared
    "badconverter": """\
import mideast_model


@mideast_model.hookimpl
def prepare_converter(converter):
    converter.register_structure_hook(str, lambda value, type_: 1 / 0)  # half-done, then fails
    raise RuntimeError("converter hooks are corrupt")
""",
    # registers an importer under a name the gdelt plugin already uses
    "dupgdelt": """\
import mideast_model
from mideast_model.extensions import Importer


def _read(source, context):
    raise AssertionError("never used")


@mideast_model.hookimpl
def register_importers(register):
    register(Importer(name="gdelt", description="a second gdelt importer", read=_read))
""",
    # takes a while to import
    "slowtest": """\
import time

import mideast_model

time.sleep(0.6)


@mideast_model.hookimpl
def register_analyses(register):
    pass
""",
}


PIP_INSTALL = [
    sys.executable,
    "-m",
    "pip",
    "install",
    "--quiet",
    "--no-deps",
    "--no-index",
    "--disable-pip-version-check",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding one pip-installed distribution per hostile plugin in :data:`HOSTILE`."""
    root = tmp_path_factory.mktemp("hostile")
    target = root / "site"
    wheels = [str(_make_wheel(root, name, text)) for name, text in HOSTILE.items()]
    subprocess.run(
        [*PIP_INSTALL, "--target", str(target), *wheels],
        check=True,
        capture_output=True,
    )
    return target


def _only(*names: str) -> dict[str, str]:
    """Load only these distributions (``mideast-model-<name>``), so each test sees its own plugin."""
    return {"MIDEAST_MODEL_LOAD_PLUGINS": ",".join(f"mideast-model-{n}" for n in names)}


def _one_line_about(result: subprocess.CompletedProcess[str], dist: str, *words: str) -> str:
    lines = [line for line in result.stderr.splitlines() if dist in line]
    assert len(lines) == 1, result.stderr
    assert f"{dist} 0.0.7" in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


def test_raising_in_register_commands_does_not_break_help(hostile_site: Path, tmp_path: Path) -> None:
    result = _run(hostile_site, "--help", cwd=tmp_path, **_only("raisecmd"))
    assert result.returncode == 0, result.stderr
    assert "export" in result.stdout
    assert "half-added" not in result.stdout  # what it added before failing is undone
    _one_line_about(result, "mideast-model-raisecmd", "register_commands", "command table is corrupt")
    info = _run(hostile_site, "info", "--json", cwd=tmp_path, **_only("raisecmd"))
    assert info.returncode == 0, info.stderr


def test_raising_in_register_commands_is_one_line_when_strict(hostile_site: Path, tmp_path: Path) -> None:
    env = {**_only("raisecmd"), "MIDEAST_MODEL_STRICT_PLUGINS": "1"}
    # Plugin commands are collected for --help and for a name the core does not know.
    for args in (["--help"], ["half-added"]):
        result = _run(hostile_site, *args, cwd=tmp_path, **env)
        assert result.returncode == 1, result
        assert len(result.stderr.splitlines()) == 1, result.stderr
        _one_line_about(result, "mideast-model-raisecmd", "register_commands", "STRICT")


def test_misspelled_hook_in_a_distribution_is_named_and_skipped(hostile_site: Path, tmp_path: Path) -> None:
    result = _run(hostile_site, "export", "json", "-o", "x.json", cwd=tmp_path, **_only("misspelt"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.json").is_file()
    _one_line_about(result, "mideast-model-misspelt", "register_exporter", "unknown hook")
    strict = _run(hostile_site, "--help", cwd=tmp_path, MIDEAST_MODEL_STRICT_PLUGINS="1", **_only("misspelt"))
    assert strict.returncode == 1
    _one_line_about(strict, "mideast-model-misspelt", "register_exporter")


def test_system_exit_at_import_is_named_and_skipped(hostile_site: Path, tmp_path: Path) -> None:
    result = _run(hostile_site, "--help", cwd=tmp_path, **_only("sysexit"))
    assert result.returncode == 0, result.stderr
    assert "export" in result.stdout
    _one_line_about(result, "mideast-model-sysexit", "SystemExit", "failed to load")
    strict = _run(hostile_site, "plugins", cwd=tmp_path, MIDEAST_MODEL_STRICT_PLUGINS="1", **_only("sysexit"))
    assert strict.returncode == 1
    assert len(strict.stderr.splitlines()) == 1, strict.stderr
    _one_line_about(strict, "mideast-model-sysexit", "SystemExit")


ACLED_FIXTURE = Path(__file__).parents[1] / "plugins" / "acled" / "tests" / "fixtures" / "camp_taji_acled.csv"


def _import_acled(site: Path, cwd: Path, out: str, *names: str) -> subprocess.CompletedProcess[str]:
    if not ACLED_FIXTURE.is_file():
        pytest.skip("the acled plugin's fixture is not in this checkout")
    return _run(site, "import", "acled", str(ACLED_FIXTURE), "-o", out, cwd=cwd, **_only("acled", *names))


def test_raising_in_resolve_actor_skips_that_plugin_and_imports_keep_working(
    hostile_site: Path, tmp_path: Path
) -> None:
    baseline = _import_acled(hostile_site, tmp_path, "baseline.json")
    if baseline.returncode != 0 and "no importer named 'acled'" in baseline.stderr:
        pytest.skip("the acled plugin is not installed")
    assert baseline.returncode == 0, baseline.stderr
    result = _import_acled(hostile_site, tmp_path, "out.json", "badresolve")
    assert result.returncode == 0, result.stderr
    _one_line_about(result, "mideast-model-badresolve", "resolve_actor", "actor table is corrupt")
    # The other resolvers answered as if the broken plugin were not there.
    assert (tmp_path / "out.json").read_bytes() == (tmp_path / "baseline.json").read_bytes()


def test_raising_in_prepare_converter_never_blames_the_data(hostile_site: Path, tmp_path: Path) -> None:
    exported = _run(hostile_site, "export", "json", "-o", "seed.json", cwd=tmp_path, **_only())
    assert exported.returncode == 0, exported.stderr
    for args in (["info", "-i", "seed.json"], ["validate", "seed.json"]):
        result = _run(hostile_site, *args, cwd=tmp_path, **_only("badconverter"))
        assert result.returncode == 0, result.stderr
        assert "$.actors" not in result.stderr
        assert "seed.json:" not in result.stderr
        _one_line_about(result, "mideast-model-badconverter", "prepare_converter", "converter hooks are corrupt")


def test_a_second_gdelt_registration_is_disabled_not_the_tool(hostile_site: Path, tmp_path: Path) -> None:
    listing = _run(hostile_site, "plugins", "--json", cwd=tmp_path, **_only("dupgdelt", "gdelt", "acled"))
    info = _plugin_names(listing)
    if "gdelt" not in info:
        pytest.skip("the gdelt plugin is not installed")
    owners = [name for name, i in info.items() if "gdelt" in i["registered"].get("importers", [])]
    assert len(owners) == 1, owners
    line = _one_line_about(listing, "mideast-model-dupgdelt", "'gdelt'", "disabled")
    assert "mideast-model-gdelt" in line  # names both plugins
    result = _import_acled(hostile_site, tmp_path, "out.json", "dupgdelt", "gdelt")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.json").is_file()


def test_a_slow_plugin_import_shows_in_plugins_timings(hostile_site: Path, tmp_path: Path) -> None:
    listing = _run(hostile_site, "plugins", "--json", cwd=tmp_path, **_only("slowtest"))
    slow = _plugin_names(listing)["slowtest"]
    assert slow["import_seconds"] >= 0.6
    table = _run(hostile_site, "plugins", "--timings", cwd=tmp_path, COLUMNS="100", **_only("slowtest"))
    assert table.returncode == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if "slowtest" in line)
    seconds = [float(cell) for cell in row.replace("│", " ").split() if cell.replace(".", "", 1).isdigit()]
    assert seconds and max(seconds) >= 0.6, row
    others = [line for line in table.stdout.splitlines() if "built-in" in line]
    assert others, table.stdout


def test_loading_data_never_starts_the_plugin_host() -> None:
    """``seed()`` and reading canonical JSON use the io layer's pure converter: no entry-point scan."""
    code = (
        "import sys, mideast_model\n"
        "mideast_model.seed()\n"
        "mideast_model.loads(mideast_model.dumps(mideast_model.seed()))\n"
        "print(sorted(m for m in ('mideast_model.plugins', 'importlib.metadata') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout
