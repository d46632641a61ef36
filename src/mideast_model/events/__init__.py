"""The event table: bulk events in columns (Arrow), stored as date-partitioned Parquet.

One Arrow schema (:func:`event_schema`) holds events from any source — GDELT, ACLED, UCDP,
ICEWS or curated ones — with typed metrics and sides. Importers write it in bulk
(:class:`EventTableBuilder`); :func:`events_to_table` and :func:`table_to_events` convert
between objects and rows, and are the one conversion every path uses, so the object and
the columnar views never disagree. A store (:mod:`mideast_model.events.store`) is a
directory with the curated objects as canonical JSON and the table as Parquet under
``events/year=YYYY/month=MM/``; :class:`ParquetStore` queries it with DuckDB in process
and implements :class:`~mideast_model.store.Store`. The bulk analyses are SQL
(:mod:`mideast_model.events.sql`), run on DuckDB or, transpiled by sqlglot, on Spark.

Everything here needs the ``columnar`` extra (``pip install mideast-model[columnar]``);
``import mideast_model`` does not import pyarrow or duckdb.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.events.convert import EventTableBuilder, events_to_table, table_to_events
    from mideast_model.events.schema import schema as event_schema
    from mideast_model.events.store import ParquetStore, open_input, open_store, write_store

__all__ = [
    "EventTableBuilder",
    "ParquetStore",
    "event_schema",
    "events_to_table",
    "open_input",
    "open_store",
    "table_to_events",
    "write_store",
]

_LAZY = {
    "EventTableBuilder": "mideast_model.events.convert",
    "events_to_table": "mideast_model.events.convert",
    "table_to_events": "mideast_model.events.convert",
    "ParquetStore": "mideast_model.events.store",
    "open_input": "mideast_model.events.store",
    "open_store": "mideast_model.events.store",
    "write_store": "mideast_model.events.store",
}


def __getattr__(name: str) -> Any:
    if name == "event_schema":
        return importlib.import_module("mideast_model.events.schema").schema
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mideast_model.events' has no attribute {name!r}")
