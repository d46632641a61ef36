"""The command line's verbs on the embedded seed dataset (DESIGN §7)."""

from __future__ import annotations

import json
import os
import re
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
    assert mideast_model.load(a) == seed
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
    assert mideast_model.load(out) == seed


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


# ------------------------------------------------------------------- friction (issue 13)


def test_unknown_exporter_names_the_plugin_that_provides_it(builtins_only: None) -> None:
    result = run("export", "stix", "-o", "x.json")
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "no exporter named 'stix'" in line
    assert "mideast-model-stix" in line
    assert "pip install" in line
    assert "plugins/stix" in line
    gdelt = run("import", "gdelt", "x.csv", "-o", "x.json")
    assert "mideast-model-gdelt" in gdelt.stderr
    assert "no analysis named 'hawkes'" in run("analyze", "hawkes").stderr
    assert "mideast-model-dynamics" in run("analyze", "hawkes").stderr


def test_output_into_a_missing_directory_is_a_clear_error(tmp_path: Path, seed: mideast_model.Dataset) -> None:
    missing = tmp_path / "nonexistent" / "dir"
    result = run("export", "json", "-o", str(missing / "x.json"))
    assert result.exit_code == 1
    assert "no such directory" in result.stderr
    assert not (tmp_path / "nonexistent").exists()  # nothing created above the target
    (tmp_path / "seed.json").write_bytes(seed.to_json())
    result = run("import", "json", str(tmp_path / "seed.json"), "-o", str(missing / "y.json"))
    assert result.exit_code == 1
    assert "no such directory" in result.stderr
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_empty_output_path_is_a_clear_error(fmt: str, tmp_path: Path) -> None:
    if fmt not in plugins.exporters():
        pytest.skip(f"no {fmt} exporter installed")
    result = run("export", fmt, "-o", "")
    assert result.exit_code == 1, result.output
    assert "output path is empty" in result.stderr
    assert "internal error" not in result.stderr


def test_analyze_name_help_lists_every_parameter_with_its_default() -> None:
    with_params = [a for a in plugins.analyses().values() if a.params]
    assert with_params, "no analysis declares parameters"
    for analysis in with_params:
        result = CliRunner(env={"COLUMNS": "200"}).invoke(cli_module.cli, ["analyze", analysis.name, "--help"])
        assert result.exit_code == 0, result.output
        assert f"The analysis {analysis.name!r}" in result.stdout
        for param in analysis.params:
            line = next((ln for ln in result.stdout.splitlines() if ln.strip().startswith(f"{param.name} (")), None)
            assert line is not None, (analysis.name, param.name, result.stdout)
            assert param.type in line
            if param.default is not None:
                assert f"default: {param.default!r}" in line
            if param.help:
                assert param.help.split()[0] in line


def test_typed_importer_and_exporter_options(tmp_path: Path) -> None:
    from mideast_model.extensions import Exporter, Param
    from mideast_model.testing import registered

    def write(dataset: Any, target: Any, context: Any) -> None:
        target.write(repr(sorted(context.options.items())).encode())

    class Plugin:
        @mideast_model.hookimpl
        def register_exporters(self, register: Any) -> None:
            register(
                Exporter(
                    name="opts-test",
                    description="writes its options",
                    write=write,
                    params=(
                        Param("width", "int", 3, help="cells per row"),
                        Param("style", "str", "plain", help="how it looks", choices=("plain", "fancy")),
                    ),
                )
            )

    with registered(Plugin()):
        help_text = run("export", "opts-test", "--help").stdout
        assert "width (int; default: 3): cells per row" in help_text
        assert "style (str; default: 'plain'; one of plain, fancy): how it looks" in help_text
        out = tmp_path / "o.txt"
        assert run("export", "opts-test", "-o", str(out), "--option", "width=12").exit_code == 0
        assert out.read_text() == "[('style', 'plain'), ('width', 12)]"
        bad = run("export", "opts-test", "-o", str(out), "--option", "width=１２")
        assert bad.exit_code == 1
        assert "--option width: expected int" in bad.stderr
        unknown = run("export", "opts-test", "-o", str(out), "--option", "colour=red")
        assert "exporter opts-test has no such parameter (known: width, style)" in unknown.stderr
        assert "one of plain, fancy" in run("export", "opts-test", "-o", str(out), "--option", "style=x").stderr


def test_error_lines_escape_control_characters(builtins_only: None, tmp_path: Path) -> None:
    payload = "\x1b]0;pwned\x07\x1b[2J\u202e"
    doc = {
        "format": "mideast-model",
        "version": 1,
        "actors": [{"id": f"actor:x{payload}", "name": "X", "kind": "state"}],
    }
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(doc))
    for args in (["validate", str(path)], ["info", "-i", str(tmp_path / f"missing{payload}.json")]):
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
        assert "\\x1b" in result.stderr
    assert "\\x1b" in run("export", f"no{payload}", "-o", "x").stderr


@pytest.mark.parametrize("name", ["timeline", "titfortat", "contradictions", "corroboration", "perspectives"])
def test_analysis_tables_fit_80_columns_without_cutting_ids(name: str, seed: mideast_model.Dataset) -> None:
    if name not in plugins.analyses():
        pytest.skip(f"no analysis {name}")
    result = run80("analyze", name)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    # No id cut short by an ellipsis (an analysis may shorten a quote, never an id) ...
    assert not re.search(r"\b(actor|event|source|claim|relation):[\w.-]*…", result.stdout)
    # ... and every id the wide table shows is still there, whole on one line.
    wide = run("analyze", name).stdout
    ids = {o.id for o in seed if o.id in wide}
    assert ids
    assert all(any(i in line for line in lines) for i in ids), sorted(i for i in ids if i not in result.stdout)[:5]
