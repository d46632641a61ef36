"""Tabular formats for mideast-model: SQLite (for Datasette), Parquet (for DuckDB) and CSV.

``sqlite`` and ``parquet`` are lossless and have importers of the same name; ``csv`` is
for spreadsheets (defused against formula injection) and has no importer. Heavy
libraries (pyarrow, sqlite-utils) are imported inside the functions that use them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from mideast_model import hookimpl
from mideast_model.extensions import ExportContext, Exporter, ImportContext, Importer

__all__ = ["register_exporters", "register_importers"]


def _write_sqlite(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    from mideast_model_tabular import sqlite

    sqlite.write(dataset, target, context)


def _read_sqlite(source: Path | BinaryIO, context: ImportContext) -> Iterator[Any]:
    from mideast_model_tabular import sqlite

    yield from sqlite.read(source, context)


def _sniff_sqlite(head: bytes, name: str | None) -> bool:
    return head.startswith(b"SQLite format 3\x00")


def _write_parquet(dataset: Any, target: Path, context: ExportContext) -> None:
    from mideast_model_tabular import parquet

    parquet.write(dataset, target, context)


def _read_parquet(source: Path | BinaryIO, context: ImportContext) -> Iterator[Any]:
    from mideast_model_tabular import parquet

    yield from parquet.read(source, context)


def _write_csv(dataset: Any, target: Path, context: ExportContext) -> None:
    from mideast_model_tabular import csv_format

    csv_format.write(dataset, target, context)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """The ``sqlite``, ``parquet`` and ``csv`` exporters."""
    register(
        Exporter(
            name="sqlite",
            description="SQLite database for Datasette: a table per kind, join tables, full-text search",
            write=_write_sqlite,
            suffixes=(".db", ".sqlite", ".sqlite3"),
            media_type="application/vnd.sqlite3",
            lossless=True,
        )
    )
    register(
        Exporter(
            name="parquet",
            description="Parquet files (one per kind, events partitioned by year when large) for DuckDB/Arrow",
            write=_write_parquet,
            suffixes=(".parquet",),
            media_type="application/vnd.apache.parquet",
            lossless=True,
            directory=True,
        )
    )
    register(
        Exporter(
            name="csv",
            description="CSV files, one per kind, defused for spreadsheets (--option bom=true for Excel)",
            write=_write_csv,
            suffixes=(".csv",),
            media_type="text/csv",
            directory=True,
        )
    )


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """The ``sqlite`` and ``parquet`` importers (the exporters' output, read back losslessly)."""
    register(
        Importer(
            name="sqlite",
            description="SQLite database written by the sqlite exporter",
            read=_read_sqlite,
            suffixes=(".db", ".sqlite", ".sqlite3"),
            media_type="application/vnd.sqlite3",
            sniff=_sniff_sqlite,
            lossless=True,
        )
    )
    register(
        Importer(
            name="parquet",
            description="Directory of Parquet files written by the parquet exporter",
            read=_read_parquet,
            suffixes=(".parquet",),
            media_type="application/vnd.apache.parquet",
            lossless=True,
            directory=True,
        )
    )
