"""sqlite, parquet and csv: round trips, the real consumers (Datasette, DuckDB, csv), safety."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from mideast_model_tabular.csv_format import DANGEROUS, read_ids, undefuse
from mideast_model_tabular.sqlite import metadata_path

import mideast_model
from mideast_model.cli import read_input, write_output
from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
from mideast_model.plugins import get_exporter, get_importer
from mideast_model.testing.strategies import datasets

HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> ]]> line one\nline two \x07 bell & "q"'
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def test_registered() -> None:
    assert get_exporter("sqlite").lossless and get_exporter("parquet").lossless
    assert get_exporter("parquet").directory and get_exporter("csv").directory
    assert get_importer("sqlite").lossless and get_importer("parquet").directory


# -- lossless round trips through the conformance kit -------------------------------------


@pytest.mark.parametrize("name", ["sqlite", "parquet"])
def test_roundtrip_hostile_and_seed(name: str, hostile: Dataset) -> None:
    from mideast_model.testing.conformance import check_roundtrip

    check_roundtrip(get_exporter(name), get_importer(name), hostile)
    check_roundtrip(get_exporter(name), get_importer(name), mideast_model.seed())


@SLOW
@given(datasets())
def test_sqlite_roundtrip_property(dataset: Dataset) -> None:
    from mideast_model.testing.conformance import check_roundtrip

    check_roundtrip(get_exporter("sqlite"), get_importer("sqlite"), dataset)


@SLOW
@given(datasets())
def test_parquet_roundtrip_property(dataset: Dataset) -> None:
    from mideast_model.testing.conformance import check_roundtrip

    check_roundtrip(get_exporter("parquet"), get_importer("parquet"), dataset)


def test_parquet_partitioned_roundtrip(hostile: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    write_output("parquet", hostile, str(out), {"partition_rows": "0"})
    assert sorted(p.name for p in (out / "events").iterdir()) == ["year=2020"]
    back, _ = read_input(get_importer("parquet"), str(out))
    assert back == hostile


# -- the consumers ------------------------------------------------------------------------


def test_datasette_serves_the_database(hostile: Dataset, tmp_path: Path) -> None:
    from datasette.app import Datasette

    db = tmp_path / "conflict.db"
    write_output("sqlite", hostile, str(db), {})
    meta_file = metadata_path(db)
    assert meta_file.name == "conflict.metadata.json"
    meta = json.loads(meta_file.read_text())

    async def run() -> tuple[Any, Any, Any]:
        ds = Datasette([str(db)], metadata=meta)
        await ds.invoke_startup()
        search = await ds.client.get("/conflict/claims.json?_search=HYPERLINK&_shape=array")
        sql = await ds.client.get(
            "/conflict.json?_shape=array&sql="
            "select+e.id,+a.name+from+event_participants+p+join+events+e+on+e.id=p.event+"
            "join+actors+a+on+a.id=p.actor+where+p.role='initiator'+order+by+e.id"
        )
        tables = await ds.client.get("/conflict.json")
        return search, sql, tables

    search, sql, tables = asyncio.run(run())
    assert search.status_code == 200, search.text
    rows = search.json()
    assert [r["id"] for r in rows] == ["claim:1"]
    assert rows[0]["quote"] == HOSTILE
    assert sql.status_code == 200, sql.text
    assert sql.json() == [
        {"id": "event:strikes", "name": "United States"},
        {"id": "event:taji", "name": "Kataib Hezbollah"},
    ]
    names = {t["name"]: t for t in tables.json()["tables"]}
    assert {"actors", "claims", "claim_targets", "event_participants"} <= set(names)
    assert names["claims_fts"]["hidden"]


def test_sqlite_schema_has_foreign_keys_and_fts(hostile: Dataset, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    write_output("sqlite", hostile, str(db), {"metadata": "false"})
    assert not metadata_path(db).exists()
    conn = sqlite3.connect(db)
    fks = {(r[2], r[3]) for r in conn.execute("pragma foreign_key_list(claims)")}
    assert ("sources", "source") in fks and ("actors", "speaker") in fks
    conn.execute("pragma foreign_keys = on")
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    hits = conn.execute("select rowid from events_fts where events_fts match 'script'").fetchall()
    assert len(hits) == 1
    targets = conn.execute("select field, target from claim_targets where claim = 'claim:1' order by field").fetchall()
    assert targets == [("about", "event:strikes"), ("object", "event:taji"), ("subject", "actor:kataib-hezbollah")]


def test_duckdb_reads_parquet(hostile: Dataset, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "pq"
    write_output("parquet", hostile, str(out), {"partition_rows": "1"})
    con = duckdb.connect()
    # The query of docs/parquet.md: initiators of events, by year, through the hive partitions.
    rows = con.execute(
        f"""
        select e.year, e.id, p.actor, a.name
        from read_parquet('{out}/events/**/*.parquet', hive_partitioning = true) e,
             unnest(e.participants) as t(p)
        join read_parquet('{out}/actors.parquet') a on a.id = p.actor
        where p.role = 'initiator'
        order by e.id
        """
    ).fetchall()
    assert rows == [
        (2020, "event:strikes", "actor:usa", "United States"),
        (2020, "event:taji", "actor:kataib-hezbollah", "Kataib Hezbollah"),
    ]
    quote = con.execute(f"select quote from read_parquet('{out}/claims.parquet') where id = 'claim:1'").fetchall()
    assert quote == [(HOSTILE,)]
    killed = con.execute(
        f"select c.killed.low from read_parquet('{out}/events/**/*.parquet', hive_partitioning = true), "
        "unnest(casualties) as t(c)"
    ).fetchall()
    assert killed == [(2,)]


def test_parquet_importer_rejects_garbage(tmp_path: Path) -> None:
    (tmp_path / "actors.parquet").write_bytes(b"not parquet")
    with pytest.raises(InvalidInputError) as err:
        read_input(get_importer("parquet"), str(tmp_path))
    assert str(tmp_path) in str(err.value)


def test_sqlite_importer_rejects_garbage(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(InvalidInputError):
        read_input(get_importer("sqlite"), str(bad))
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.commit()
    with pytest.raises(InvalidInputError, match="mideast_model_meta"):
        read_input(get_importer("sqlite"), str(other))


# -- CSV ----------------------------------------------------------------------------------


def test_csv_defuses_formulas_and_keeps_text(hostile: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    write_output("csv", hostile, str(out), {})
    assert sorted(p.name for p in out.iterdir()) == [
        ".mideast-model-export.json",  # the manifest of the exporter's own files (docs/outputs.md)
        "actors.csv",
        "claims.csv",
        "events.csv",
        "relations.csv",
        "sources.csv",
    ]
    raw = (out / "claims.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with open(out / "claims.csv", encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert rows["claim:1"]["quote"] == "'" + HOSTILE
    assert undefuse(rows["claim:1"]["quote"]) == HOSTILE
    assert rows["claim:1"]["evidence"] == "'-1 +1 @x\tfoo"
    assert json.loads(rows["claim:1"]["about"]) == ["event:strikes"]
    assert rows["claim:2"]["confidence"] == "0.8"
    with open(out / "sources.csv", encoding="utf-8", newline="") as fh:
        titles = {r["id"]: r["title"] for r in csv.DictReader(fh)}
    assert titles["source:cg"] == "'=Pandemic opening"
    for path in out.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(DANGEROUS[:-1]), (path.name, cell)


def test_csv_bom_option(hostile: Dataset, tmp_path: Path) -> None:
    write_output("csv", hostile, str(tmp_path / "c"), {"bom": "true"})
    assert (tmp_path / "c" / "actors.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    with pytest.raises(InvalidInputError):
        write_output("csv", hostile, str(tmp_path / "d"), {"bom": "maybe"})


@SLOW
@given(datasets())
def test_csv_keeps_every_id(dataset: Dataset) -> None:
    from mideast_model.testing.conformance import check_lossy_export

    check_lossy_export(get_exporter("csv"), dataset, read_ids)


def test_csv_lossy_conformance_on_seed() -> None:
    from mideast_model.testing.conformance import check_lossy_export

    check_lossy_export(get_exporter("csv"), mideast_model.seed(), read_ids)


# -- hostile text and killed exports -----------------------------------------------------


@pytest.mark.parametrize("name", ["sqlite", "parquet", "csv"])
def test_hostile_text_survives(name: str, hostile: Dataset, tmp_path: Path) -> None:
    out = tmp_path / ("x.db" if name == "sqlite" else name)
    write_output(name, hostile, str(out), {})
    if name == "sqlite":
        quote = sqlite3.connect(out).execute("select quote from claims where id = 'claim:1'").fetchone()[0]
        assert quote == HOSTILE
    elif name == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out / "claims.parquet").to_pylist()
        assert {r["id"]: r["quote"] for r in table}["claim:1"] == HOSTILE
    else:
        with open(out / "claims.csv", encoding="utf-8", newline="") as fh:
            quote = {r["id"]: r["quote"] for r in csv.DictReader(fh)}["claim:1"]
        assert quote == "'" + HOSTILE


@pytest.mark.parametrize("name", ["sqlite", "parquet", "csv"])
def test_killed_export_leaves_previous_output(
    name: str, large_json: Path, hostile: Dataset, tmp_path: Path, killer: Any
) -> None:
    directory = name != "sqlite"
    target = tmp_path / ("out.db" if name == "sqlite" else "out")
    write_output(name, hostile, str(target), {})  # a complete previous output

    def tree() -> dict[str, bytes]:
        if directory:
            return {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}
        return {"": target.read_bytes(), "meta": target.with_name("out.metadata.json").read_bytes()}

    before = tree()
    killed = killer(name, large_json, target)
    if killed:
        if directory:
            assert tree() == before
        else:  # the database itself is old; the pair is old once the next run recovers
            assert target.read_bytes() == before[""]
            from mideast_model.io.atomic import recover

            recover(target)
            assert tree() == before
    else:  # finished first: the new output is complete
        assert tree() != before
    assert killed, "the export finished before it could be killed; raise MIDEAST_MODEL_KILL_EVENTS"


def test_killed_export_without_previous_leaves_nothing(large_json: Path, tmp_path: Path, killer: Any) -> None:
    target = tmp_path / "fresh.db"
    assert killer("sqlite", large_json, target)
    assert not target.exists()


@pytest.mark.parametrize("name", ["sqlite", "parquet"])
def test_importer_conformance(name: str, hostile: Dataset, tmp_path: Path) -> None:
    from mideast_model.testing.conformance import check_importer, check_importer_rejects

    out = tmp_path / ("x.db" if name == "sqlite" else "pq")
    write_output(name, hostile, str(out), {})
    assert check_importer(get_importer(name), out) == hostile
    bad = tmp_path / ("bad.db" if name == "sqlite" else "bad")
    if name == "sqlite":
        bad.write_bytes(b"SQLite format 3\x00 truncated")
    else:
        bad.mkdir()
        (bad / "claims.parquet").write_bytes(b"PAR1 garbage PAR1")
    check_importer_rejects(get_importer(name), bad)
