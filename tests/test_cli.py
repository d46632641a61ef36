"""The command line's verbs on the embedded seed dataset (DESIGN §7)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import mideast_model
from mideast_model import cli as cli_module
from mideast_model import plugins


@pytest.fixture(scope="module")
def seed() -> mideast_model.Dataset:
    try:
        dataset = mideast_model.seed()
    except Exception as exc:
        pytest.skip(f"the embedded seed dataset is not available yet: {exc}")
    if not dataset.events:
        pytest.skip("the embedded seed dataset has no events yet")
    return dataset


@pytest.fixture(autouse=True)
def fresh_plugins() -> Iterator[None]:
    plugins.reset()
    yield
    plugins.reset()


@pytest.fixture
def builtins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the built-in plugins, so stderr holds nothing but the command's own messages."""
    monkeypatch.setenv("MIDEAST_MODEL_LOAD_PLUGINS", "")
    plugins.reset()


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "250"}).invoke(cli_module.cli, list(args), catch_exceptions=False)


def run_process(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MIDEAST_MODEL_")}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "mideast_model.cli", *args], capture_output=True, text=True, cwd=cwd, env=environ
    )


# ----------------------------------------------------------------------------- plugins


def test_plugins_json_lists_every_plugin_with_what_it_registered() -> None:
    result = run("plugins", "--json")
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert {"name", "distribution", "version", "builtin", "hooks", "registered"} <= set(info[0])
    by_name = {i["name"]: i for i in info}
    assert set(plugins.DEFAULT_PLUGINS) <= set(by_name)
    registered_exporters = {n for i in info for n in i["registered"].get("exporters", [])}
    assert registered_exporters == set(plugins.exporters())
    registered_importers = {n for i in info for n in i["registered"].get("importers", [])}
    assert registered_importers == set(plugins.importers())
    # Built-ins first, then the rest, each group by name.
    flags = [i["builtin"] for i in info]
    assert flags == sorted(flags, reverse=True)


def run80(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "80"}).invoke(cli_module.cli, list(args), catch_exceptions=False)


def test_plugins_table_shows_the_builtins_once_at_80_columns() -> None:
    result = run80("plugins")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert "…" not in result.stdout
    assert "mideast_model.builtin" not in result.stdout
    assert len([line for line in lines if "built-in" in line]) == 1
    assert "json;" in result.stdout or "json\n" in result.stdout or "json " in result.stdout
    for info in plugins.plugin_info():
        if not info["builtin"]:  # every outside plugin by its name and distribution
            assert any(line.split("│")[1].strip() == info["name"] for line in lines if "│" in line), info["name"]
            assert info["distribution"] in result.stdout


def test_plugins_timings_shows_import_seconds() -> None:
    result = run80("plugins", "--timings")
    assert result.exit_code == 0
    assert "import s" in result.stdout


# -------------------------------------------------------------------------------- info


def test_info_on_the_seed(seed: mideast_model.Dataset) -> None:
    result = run("info", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["dataset"] == "embedded seed dataset"
    assert payload["counts"] == seed.counts()
    span = seed.date_range()
    assert payload["date_range"] == ([span[0].isoformat(), span[1].isoformat()] if span else None)
    text = run("info").stdout
    assert f"events     {len(seed.events)}" in text
    assert "date range" in text


def test_info_of_a_file(tmp_path: Path, seed: mideast_model.Dataset) -> None:
    path = tmp_path / "seed.json"
    path.write_bytes(seed.to_json())
    payload = json.loads(run("info", "-i", str(path), "--json").stdout)
    assert payload["dataset"] == str(path)
    assert payload["counts"] == seed.counts()


# ---------------------------------------------------------------------- export / import


def test_export_json_is_byte_identical_and_round_trips(tmp_path: Path, seed: mideast_model.Dataset) -> None:
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    assert run("export", "json", "-o", str(a)).exit_code == 0
    assert run("export", "json", "-o", str(b)).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    assert mideast_model.Dataset.from_json(a) == seed
    result = run("import", "json", str(a), "-o", str(c))
    assert result.exit_code == 0
    assert c.read_bytes() == a.read_bytes()
    assert f"wrote {c}" in result.stderr


def test_export_to_stdout(tmp_path: Path, seed: mideast_model.Dataset) -> None:
    result = run("export", "json", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes == seed.to_json()


def test_import_merges_several_inputs(tmp_path: Path, seed: mideast_model.Dataset) -> None:
    actors = mideast_model.Dataset.from_objects(seed.actors.values())
    (tmp_path / "actors.json").write_bytes(actors.to_json())
    (tmp_path / "seed.json").write_bytes(seed.to_json())
    out = tmp_path / "merged.json"
    result = run("import", "json", str(tmp_path / "actors.json"), str(tmp_path / "seed.json"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert mideast_model.Dataset.from_json(out) == seed


def test_unknown_format_is_one_clear_line(builtins_only: None) -> None:
    result = run("export", "no-such-format", "-o", "x")
    assert result.exit_code == 1
    assert result.stderr.startswith("mideast-model: error: no exporter named 'no-such-format' (available: ")
    assert "json" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_import_of_a_missing_file(builtins_only: None, tmp_path: Path) -> None:
    result = run("import", "json", str(tmp_path / "absent.json"), "-o", str(tmp_path / "o.json"))
    assert result.exit_code == 1
    assert "absent.json: no such file or directory" in result.stderr
    assert not (tmp_path / "o.json").exists()


# ----------------------------------------------------------------------------- validate


def test_validate_a_good_file(tmp_path: Path, seed: mideast_model.Dataset) -> None:
    path = tmp_path / "seed.json"
    path.write_bytes(seed.to_json())
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{path}: valid (")


def _broken_documents(seed: mideast_model.Dataset) -> dict[str, tuple[bytes, str]]:
    doc: dict[str, Any] = json.loads(seed.to_json())
    event = doc["events"][0]
    dangling = json.loads(json.dumps(doc))
    dangling["events"][0]["participants"] = [{"actor": "actor:nobody", "role": "initiator"}]
    duplicate = json.loads(json.dumps(doc))
    duplicate["events"].append(dict(event))
    inverted = json.loads(json.dumps(doc))
    inverted["events"][0]["when"] = "2020-03-12/2020-03-11"
    return {
        "truncated": (seed.to_json()[:200], "not valid JSON"),
        "dangling": (json.dumps(dangling).encode(), "actor:nobody"),
        "duplicate": (json.dumps(duplicate).encode(), event["id"]),
        "inverted": (json.dumps(inverted).encode(), "2020-03-12/2020-03-11"),
    }


def test_validate_rejects_broken_files_in_one_line(
    builtins_only: None, tmp_path: Path, seed: mideast_model.Dataset
) -> None:
    for name, (data, expected) in _broken_documents(seed).items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(data)
        result = run("validate", str(path))
        assert result.exit_code == 1, name
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, (name, result.stderr)
        assert str(path) in lines[0], name
        assert expected in lines[0], (name, lines[0])


def test_validate_error_has_no_traceback_in_a_real_process(tmp_path: Path, seed: mideast_model.Dataset) -> None:
    (tmp_path / "bad.json").write_bytes(seed.to_json()[:300])
    result = run_process("validate", "bad.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("mideast-model: error: bad.json:")
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------------------ analyze


def test_every_analysis_runs_on_the_seed(seed: mideast_model.Dataset) -> None:
    found = plugins.analyses()
    if not found:
        pytest.skip("no analysis is registered yet")
    for name in sorted(found):
        result = run("analyze", name, "--json")
        assert result.exit_code == 0, f"{name}: {result.stderr}"
        json.loads(result.stdout)
        result = run("analyze", name, "--markdown")
        assert result.exit_code == 0, f"{name}: {result.stderr}"
        assert result.stdout.strip(), name


def test_unknown_analysis_lists_the_known_ones(builtins_only: None) -> None:
    result = run("analyze", "no-such-analysis")
    assert result.exit_code == 1
    assert "no analysis named 'no-such-analysis' (available: " in result.stderr


# -------------------------------------------------------------------------------- report


def test_report_without_a_report_plugin_says_what_to_install(tmp_path: Path) -> None:
    result = run_process("report", "-o", "r.html", cwd=tmp_path, MIDEAST_MODEL_LOAD_PLUGINS="")
    assert result.returncode == 1
    assert "no report plugin is installed" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------- help


@pytest.mark.parametrize(("verb", "kind"), [("import", "importers"), ("export", "exporters"), ("analyze", "analyses")])
def test_help_lists_what_the_plugins_provide(verb: str, kind: str) -> None:
    result = run(verb, "--help")
    assert result.exit_code == 0
    assert f"Available {kind} (from installed plugins):" in result.stdout
    names = getattr(plugins, kind)()
    for name in names:
        assert f"  {name}" in result.stdout, name
    if not names:
        assert "(none)" in result.stdout


def test_top_level_help_lists_the_verbs() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for verb in ("plugins", "info", "import", "export", "analyze", "report", "validate"):
        assert f"  {verb} " in result.stdout, verb


def test_help_with_only_builtins(tmp_path: Path) -> None:
    result = run_process("export", "--help", cwd=tmp_path, MIDEAST_MODEL_LOAD_PLUGINS="")
    assert result.returncode == 0
    assert "  json " in result.stdout
    assert result.stderr == ""
