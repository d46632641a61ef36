"""Parquet: one file per kind, nested values as Arrow structs and lists.

``actors.parquet``, ``sources.parquet``, ``claims.parquet``, ``relations.parquet``,
and events either as ``events.parquet`` or, when there are more than
``partition_rows`` events (``--option partition_rows=N``, default 100000), as a
hive-partitioned directory ``events/year=YYYY/part-0.parquet`` (the year of the
event's midpoint). Extra date columns (``start_date``/``end_date``…) hold each EDTF
span's earliest and latest day for range queries; the importer ignores them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ExportContext, ImportContext
from mideast_model.io.canonical import FORMAT, VERSION
from mideast_model_tabular._records import KINDS, build, integer, records, span_dates

if TYPE_CHECKING:
    import pyarrow as pa

FORMAT_NAME = "mideast-model-parquet"
SCHEMA_VERSION = "2"  # 2: event metrics and external ids, participant side/associated, claim cites
DEFAULT_PARTITION_ROWS = 100_000
_DERIVED = {
    "sources": ("published_start", "published_end"),
    "events": ("start_date", "end_date", "year"),
    "relations": ("start_date", "end_date"),
}


def schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of each kind's file."""
    import pyarrow as pa

    s = pa.string()
    count = pa.struct([("low", pa.int64()), ("high", pa.int64()), ("approximate", pa.bool_()), ("text", s)])
    ids = pa.list_(pa.struct([("scheme", s), ("value", s)]))
    metrics = pa.struct(
        [(name, pa.float64()) for name in ("goldstein", "tone")]
        + [
            (name, pa.int64())
            for name in (
                "quad_class",
                "mentions",
                "sources",
                "articles",
                "fatalities_low",
                "fatalities_best",
                "fatalities_high",
                "interaction",
                "time_precision",
                "geo_precision",
            )
        ]
    )
    place = pa.struct(
        [("name", s), ("country", s), ("admin1", s), ("lat", pa.float64()), ("lon", pa.float64()), ("precision", s)]
    )
    return {
        "actors": pa.schema(
            [
                ("id", s),
                ("name", s),
                ("kind", s),
                ("aliases", pa.list_(s)),
                ("country", s),
                ("external_ids", ids),
                ("description", s),
                ("resolved", pa.bool_()),
            ]
        ),
        "sources": pa.schema(
            [
                ("id", s),
                ("title", s),
                ("kind", s),
                ("publisher", s),
                ("authors", pa.list_(s)),
                ("published", s),
                ("published_start", pa.date32()),
                ("published_end", pa.date32()),
                ("url", s),
                ("reliability", s),
                ("derived_from", pa.list_(s)),
                ("language", s),
                ("description", s),
            ]
        ),
        "events": pa.schema(
            [
                ("id", s),
                ("kind", s),
                ("when", s),
                ("start_date", pa.date32()),
                ("end_date", pa.date32()),
                ("title", s),
                ("summary", s),
                ("place", place),
                (
                    "participants",
                    pa.list_(pa.struct([("actor", s), ("role", s), ("side", pa.int8()), ("associated", pa.bool_())])),
                ),
                (
                    "casualties",
                    pa.list_(pa.struct([("label", s), ("group", s), ("killed", count), ("wounded", count)])),
                ),
                ("cameo", s),
                ("metrics", metrics),
                ("external_ids", ids),
                ("year", pa.int32()),
            ]
        ),
        "claims": pa.schema(
            [
                ("id", s),
                ("source", s),
                ("subject", s),
                ("predicate", s),
                ("object", s),
                ("value", pa.struct([("count", count), ("when", s), ("text", s)])),
                ("attribute", s),
                ("stance", s),
                ("confidence", pa.float64()),
                ("kind", s),
                ("speaker", s),
                ("quote", s),
                ("evidence", s),
                ("said", s),
                ("about", pa.list_(s)),
                ("credibility", pa.int8()),
                ("offsets", pa.struct([("start", pa.int64()), ("end", pa.int64())])),
                ("machine", pa.bool_()),
                ("cites", pa.list_(s)),
            ]
        ),
        "relations": pa.schema(
            [
                ("id", s),
                ("subject", s),
                ("predicate", s),
                ("object", s),
                ("valid", s),
                ("start_date", pa.date32()),
                ("end_date", pa.date32()),
                ("role", s),
                ("description", s),
            ]
        ),
    }


def _row(kind: str, obj: Any, d: dict[str, Any]) -> dict[str, Any]:
    row = dict(d)
    if kind == "actors" and "external_ids" in row:
        ids = row["external_ids"]  # canonical JSON 2: already a list of {"scheme", "value"}
        row["external_ids"] = [{"scheme": k, "value": v} for k, v in ids.items()] if isinstance(ids, dict) else ids
    elif kind == "sources":
        row["published_start"], row["published_end"] = span_dates(obj.published)
    elif kind == "events":
        row["start_date"], row["end_date"] = span_dates(obj.when)
        row["year"] = obj.when.midpoint.year
    elif kind == "claims" and "offsets" in row:
        start, end = row["offsets"]
        row["offsets"] = {"start": start, "end": end}
    elif kind == "relations":
        row["start_date"], row["end_date"] = span_dates(obj.valid)
    return row


def _metadata(kind: str) -> dict[bytes, bytes]:
    return {
        b"mideast_model_format": FORMAT_NAME.encode(),
        b"mideast_model_schema_version": SCHEMA_VERSION.encode(),
        b"mideast_model_kind": kind.encode(),
        b"mideast_model_canonical": f"{FORMAT} {VERSION}".encode(),
    }


def write(dataset: Any, target: Path, context: ExportContext) -> None:
    """Write the Parquet files of ``dataset`` into the directory ``target``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    limit = integer(context.options, "partition_rows", DEFAULT_PARTITION_ROWS)
    for kind, schema in schemas().items():
        rows = [_row(kind, obj, d) for obj, d in records(dataset, kind)]
        schema = schema.with_metadata(_metadata(kind))
        try:
            table = pa.Table.from_pylist(rows, schema=schema)
        except (pa.ArrowInvalid, OverflowError) as exc:
            raise InvalidInputError(f"cannot write {kind} as Parquet: {exc}", field=kind) from None
        if kind == "events" and len(rows) > limit:
            pq.write_to_dataset(
                table,
                root_path=str(target / "events"),
                partition_cols=["year"],
                compression="zstd",
                basename_template="part-{i}.parquet",
                existing_data_behavior="overwrite_or_ignore",
            )
        else:
            pq.write_table(table, target / f"{kind}.parquet", compression="zstd")


# -- reading -----------------------------------------------------------------------------


def _unrow(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    for name in _DERIVED.get(kind, ()):
        row.pop(name, None)
    if kind == "actors" and row.get("external_ids") is not None:
        row["external_ids"] = [{"scheme": e["scheme"], "value": e["value"]} for e in row["external_ids"]]
    elif kind == "claims" and row.get("offsets") is not None:
        row["offsets"] = [row["offsets"]["start"], row["offsets"]["end"]]
    for key, value in list(row.items()):
        if isinstance(value, dt.date):  # pragma: no cover - only derived columns hold dates
            row.pop(key)
    return row


def _table(directory: Path, kind: str, where: str) -> Any:
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    single = directory / f"{kind}.parquet"
    folder = directory / kind
    try:
        if single.is_file():
            table = pq.read_table(single)
        elif folder.is_dir():
            table = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
        else:
            return None
    except (pa.ArrowInvalid, OSError) as exc:
        raise InvalidInputError(f"cannot read {kind} Parquet: {exc}", path=where, field=kind) from None
    expected = schemas()[kind]
    missing = [name for name in expected.names if name not in table.column_names and name not in _DERIVED.get(kind, ())]
    if missing:
        raise InvalidInputError(f"{kind}: missing column(s) {', '.join(missing)}", path=where, field=kind)
    return table


def read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Any]:
    """Read a directory written by :func:`write`; every kind's file is optional."""
    if not isinstance(source, Path | str):
        raise InvalidInputError("the parquet importer reads a directory", path=context.path)
    directory = Path(source)
    if not directory.is_dir():
        raise InvalidInputError("the parquet importer reads a directory", path=context.path)
    found = False
    for kind in KINDS:
        table = _table(directory, kind, context.path)
        if table is None:
            continue
        found = True
        meta: Mapping[bytes, bytes] = table.schema.metadata or {}
        if meta.get(b"mideast_model_format", FORMAT_NAME.encode()) != FORMAT_NAME.encode():
            raise InvalidInputError(f"{kind}: not written by the mideast-model parquet exporter", path=context.path)
        names = [n for n in table.column_names if n not in _DERIVED.get(kind, ())]
        index = 0
        for batch in table.select(names).to_batches(max_chunksize=10_000):
            for row in batch.to_pylist():
                yield build(kind, _unrow(kind, row), path=context.path, index=index)
                index += 1
    if not found:
        raise InvalidInputError("no mideast-model Parquet files (actors.parquet, events/…) here", path=context.path)
