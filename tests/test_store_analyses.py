"""``-i STORE`` gives what ``-i dataset.json`` gives: one input imported both ways, analysed both ways.

A store of at most ``in_memory_limit()`` events is read into one Dataset in one scan; a
larger one is analysed through the Store protocol (``MIDEAST_MODEL_IN_MEMORY_EVENTS=0``
forces that here). Either way the analyses' JSON, Markdown and the report must be the same
as on the canonical JSON of the same rows. Bad stores are typed errors naming the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

from click.testing import CliRunner

from mideast_model import seed
from mideast_model.api import load_dataset
from mideast_model.cli import cli
from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError, MideastModelError
from mideast_model.events import ParquetStore
from mideast_model.events.store import IN_MEMORY_ENV, in_memory_limit, load_input
from mideast_model.io import canonical

ROOT = Path(__file__).parents[1]
ACLED = ROOT / "plugins" / "acled" / "tests" / "fixtures" / "iraq_2019_2020_acled.csv"
GDELT = ROOT / "plugins" / "gdelt" / "tests" / "fixtures" / "20200311190000.export.CSV"
ANALYSES = ("escalation", "timeline", "titfortat")


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _both_ways(tmp: Path, fmt: str, source: Path, *options: str) -> tuple[Path, Path]:
    """``import FMT SOURCE`` once into a store directory and once into canonical JSON."""
    store, json_path = tmp / "store", tmp / "dataset.json"
    _invoke("import", fmt, str(source), "-o", f"{store}/", *options)
    _invoke("import", fmt, str(source), "-o", str(json_path), *options)
    assert (store / "store.json").is_file() and json_path.is_file()
    return store, json_path


@pytest.fixture(scope="module")
def acled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    pytest.importorskip("mideast_model_acled")
    return _both_ways(tmp_path_factory.mktemp("acled"), "acled", ACLED)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed (claims, relations, curated events) through the json importer both ways."""
    tmp = tmp_path_factory.mktemp("seed")
    source = tmp / "seed-in.json"
    canonical.dump(seed(), source)
    return _both_ways(tmp, "json", source)


def _outputs(path: Path, name: str, *params: str) -> tuple[str, str]:
    extra = [arg for p in params for arg in ("--param", p)]
    as_json = _invoke("analyze", name, "-i", str(path), "--json", *extra)
    as_markdown = _invoke("analyze", name, "-i", str(path), "--markdown", *extra)
    return as_json, as_markdown


@pytest.mark.parametrize("which", ["acled", "seeded"])
def test_a_store_loads_as_the_dataset_of_its_json(which: str, request: pytest.FixtureRequest) -> None:
    store, json_path = request.getfixturevalue(which)
    from_store = load_dataset(store)
    assert isinstance(from_store, Dataset)
    from_json = load_dataset(json_path)
    assert from_store.counts() == from_json.counts() and from_store.counts()["events"] > 0
    assert from_store == from_json
    assert from_store.to_json() == from_json.to_json()


@pytest.mark.parametrize("which", ["acled", "seeded"])
@pytest.mark.parametrize("name", ANALYSES)
def test_analyses_on_a_store_equal_those_on_its_json(which: str, name: str, request: pytest.FixtureRequest) -> None:
    store, json_path = request.getfixturevalue(which)
    on_store = _outputs(store, name)
    on_json = _outputs(json_path, name)
    assert on_store[0].count("\n") > 3  # a finding, not an empty result
    assert on_store == on_json


@pytest.mark.parametrize("name", ANALYSES)
def test_the_query_path_of_a_large_store_gives_the_same_answers(
    name: str, acled: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, json_path = acled
    monkeypatch.setenv(IN_MEMORY_ENV, "0")  # every store is "too large": the Store protocol path
    assert in_memory_limit() == 0
    assert isinstance(load_dataset(store), ParquetStore)
    result = CliRunner().invoke(cli, ["analyze", name, "-i", str(store), "--json"])
    assert result.exit_code == 0, result.output
    assert "analysed through queries" in result.stderr
    monkeypatch.delenv(IN_MEMORY_ENV)
    assert result.stdout == _outputs(json_path, name)[0]


def test_report_on_a_store_equals_the_report_on_its_json(seeded: tuple[Path, Path], tmp_path: Path) -> None:
    pytest.importorskip("mideast_model_report")
    store, json_path = seeded
    pages = []
    for path in (store, json_path):
        out = tmp_path / f"{path.name}.md"
        _invoke("report", "-i", str(path), "--format", "markdown", "-o", str(out))
        pages.append(out.read_text(encoding="utf-8"))
    assert "Briefing" in pages[0]
    assert pages[0] == pages[1]


def test_gdelt_store_analyses_equal_its_exported_json(tmp_path: Path) -> None:
    """The bulk GDELT path: the store's objects, exported to JSON, analyse the same (also a bare events dir)."""
    pytest.importorskip("mideast_model_gdelt")
    store = tmp_path / "store"
    _invoke("import", "gdelt", str(GDELT), "-o", f"{store}/", "--option", "mentions=none")
    json_path = tmp_path / "exported.json"
    _invoke("export", "json", "-i", str(store), "-o", str(json_path))
    assert load_dataset(json_path).counts() == ParquetStore(store).counts()
    for name in ANALYSES:
        assert _outputs(store, name) == _outputs(json_path, name), name
    bare = load_dataset(store / "events")  # no actors to check references against: not validated
    assert isinstance(bare, Dataset) and list(bare.events.values()) == list(load_dataset(store).events.values())


def test_info_does_not_read_the_rows(acled: tuple[Path, Path]) -> None:
    store, _ = acled
    assert isinstance(load_dataset(store, lazy=True), ParquetStore)
    out = _invoke("info", "-i", str(store), "--json")
    assert '"events":' in out.replace(" ", "")


def test_export_refuses_a_store_too_large_for_memory(acled: tuple[Path, Path], tmp_path: Path) -> None:
    store, _ = acled
    assert isinstance(load_input(store, limit=0), ParquetStore)
    result = CliRunner(env={IN_MEMORY_ENV: "10"}).invoke(
        cli, ["export", "json", "-i", str(store), "-o", str(tmp_path / "x.json")]
    )
    assert result.exit_code == 1
    assert IN_MEMORY_ENV in result.output and str(store) in result.output
    assert not (tmp_path / "x.json").exists()


def test_a_bad_limit_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(IN_MEMORY_ENV, "lots")
    with pytest.raises(InvalidInputError, match=IN_MEMORY_ENV):
        in_memory_limit()


# -- bad stores are typed errors naming the path and the file ----------------------------------


def _copy(store: Path, where: Path) -> Path:
    import shutil

    target = where / "copy"
    shutil.copytree(store, target)
    return target


def _error(path: Path) -> str:
    result = CliRunner().invoke(cli, ["analyze", "escalation", "-i", str(path)])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    return result.output


def test_missing_store_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    missing.mkdir()
    assert str(missing) in _error(missing)
    with pytest.raises(InvalidInputError, match="no Parquet files"):
        load_dataset(missing)


def test_corrupt_parquet_file_is_named(acled: tuple[Path, Path], tmp_path: Path) -> None:
    store = _copy(acled[0], tmp_path)
    victim = sorted((store / "events").rglob("*.parquet"))[0]
    victim.write_bytes(b"PAR1 this is not a parquet file PAR1")
    with pytest.raises(MideastModelError) as caught:
        load_dataset(store)
    assert str(victim.name) in str(caught.value) and str(store) in str(caught.value)
    output = _error(store)
    assert victim.name in output


def test_truncated_parquet_file_is_named(acled: tuple[Path, Path], tmp_path: Path) -> None:
    store = _copy(acled[0], tmp_path)
    victim = sorted((store / "events").rglob("*.parquet"))[-1]
    data = victim.read_bytes()
    victim.write_bytes(data[: len(data) // 2])
    assert victim.name in _error(store)


@pytest.mark.parametrize(("name", "text"), [("store.json", "{not json"), ("objects.json", "[1, 2")])
def test_corrupt_json_of_a_store_is_named(name: str, text: str, acled: tuple[Path, Path], tmp_path: Path) -> None:
    store = _copy(acled[0], tmp_path)
    (store / name).write_text(text, encoding="utf-8")
    output = _error(store)
    assert str(store / name) in output
