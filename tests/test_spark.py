"""The bulk queries on Spark (local mode) give DuckDB's results on the same Parquet store.

Skipped, with the reason, where pyspark, sqlglot or Java is missing (``.ci/run`` installs
Debian's ``openjdk-17-jre-headless``; pyspark comes from ``requirements/test.txt``).
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pyarrow", reason="the event table needs pyarrow")
pytest.importorskip("duckdb", reason="the reference engine is DuckDB")
pytest.importorskip("sqlglot", reason="the queries are transpiled to Spark SQL by sqlglot")
pytest.importorskip("pyspark", reason="pyspark is not installed (pip install mideast-model[spark])")
if shutil.which("java") is None:
    pytest.skip("no java on the PATH: Spark needs Java 17 (Debian: openjdk-17-jre-headless)", allow_module_level=True)

from mideast_model.events import ParquetStore, sql, write_store

GDELT = Path(__file__).parents[1] / "plugins" / "gdelt" / "tests" / "fixtures" / "20200311190000.export.CSV"

#: Every bulk query with the parameters it is run with.
CASES: list[tuple[str, dict[str, Any]]] = [
    ("escalation", {}),
    ("escalation", {"fatality_ref": 10.0, "max_span": 40, "own_goldstein": False}),
    ("timeline", {}),
    ("titfortat", {"window": 7}),
    ("titfortat_dyads", {"window": 3, "threats": True}),
    ("hawkes", {}),
    ("links", {"days": 2}),
    ("monthly", {}),
    ("top_dyads", {"limit": 10}),
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("mideast-model-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ParquetStore:
    """The seed's events and a GDELT export's in one store (two sources, so links find pairs)."""
    from mideast_model import seed
    from mideast_model.events.bulk import store_items

    path = tmp_path_factory.mktemp("spark") / "store"
    items: list[Any] = list(seed())
    tables = []
    try:
        from mideast_model.extensions import ImportContext
        from mideast_model.plugins import get_importer, resolve_actor

        context = ImportContext(path=str(GDELT), resolve_actor=resolve_actor, options={"mentions": "none"})
        for item in store_items(get_importer("gdelt"), str(GDELT), context):
            (items if hasattr(item, "kind_name") else tables).append(item)
    except Exception:  # the gdelt plugin is optional: the seed alone still tests every query
        tables = []
    by_id = {getattr(o, "id", None): o for o in items}
    write_store(path, list(by_id.values()), tables)
    return ParquetStore(path)


def _normal(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else value
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _rows(table: Any) -> list[tuple[Any, ...]]:
    return [tuple(_normal(v) for v in row.values()) for row in table.to_pylist()]


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_spark_equals_duckdb(spark: Any, store: ParquetStore, name: str, params: dict[str, Any]) -> None:
    t = time.perf_counter()
    local = sql.run(store, name, **params)
    t_duck = time.perf_counter() - t
    t = time.perf_counter()
    remote = sql.run_spark(spark, str(store.path / "events"), name, unknown=sql.unknown_actors(store), **params)
    t_spark = time.perf_counter() - t
    print(f"{name} {params}: {local.num_rows} rows; duckdb {t_duck:.3f} s, spark {t_spark:.3f} s")
    assert remote.column_names == local.column_names
    got, want = _rows(remote), _rows(local)
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):  # sums in another order may differ in the last rounded digit
        assert [type(v) for v in g] == [type(v) for v in w], (g, w)
        assert g == pytest.approx(w, abs=2e-6), (g, w)
    if name in ("escalation", "timeline", "monthly", "top_dyads"):
        assert local.num_rows > 0, "an empty result would prove nothing"


def test_transpiled_sql_is_spark_sql() -> None:
    text = sql.to_spark(sql.escalation_sql())
    assert "LATERAL VIEW" in text and "EXPLODE" in text and "UNNEST" not in text
