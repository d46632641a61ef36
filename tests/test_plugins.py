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


def test_misspelled_hook_implementation_fails_check_pending(host: None, monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("mm_test_misspelled_plugin")

    @mideast_model.hookimpl
    def register_exporter(register: Callable[[Exporter], None]) -> None:  # missing the final "s"
        raise AssertionError("never called")

    module.register_exporter = register_exporter  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(plugins, "DEFAULT_PLUGINS", (*plugins.DEFAULT_PLUGINS, module.__name__))
    with pytest.raises(PluginError, match="register_exporter"):
        plugins.get_plugin_manager()
    # A failed load leaves no half-made manager behind: fixing the plugin list fixes the host.
    monkeypatch.setattr(plugins, "DEFAULT_PLUGINS", tuple(BUILTINS))
    assert "json" in plugins.exporters()


def test_duplicate_name_is_an_error_naming_both_plugins(host: None) -> None:
    pm = plugins.get_plugin_manager()
    pm.register(_exporter_plugin("twice"), name="first-plugin")
    pm.register(_exporter_plugin("twice"), name="second-plugin")
    with pytest.raises(DuplicateRegistrationError) as info:
        plugins.exporters()
    message = str(info.value)
    assert "'twice'" in message
    assert "first-plugin" in message
    assert "second-plugin" in message


def test_duplicate_of_a_builtin_names_the_builtin(host: None) -> None:
    plugins.get_plugin_manager().register(_exporter_plugin("json"), name="usurper")
    with pytest.raises(DuplicateRegistrationError, match=r"json_format.*usurper|usurper.*json_format"):
        plugins.exporters()


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
    assert mideast_model.Dataset.from_json(tmp_path / "x.json") == mideast_model.seed()
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
