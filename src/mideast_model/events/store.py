"""The store on disk: curated objects as canonical JSON, the event table as hive-partitioned Parquet.

A store is a directory::

    STORE/
      store.json                       manifest: format, version, counts, date range
      objects.json                     actors, sources, claims, relations (canonical JSON)
      events/year=YYYY/month=MM/*.parquet   the event table (``year=0/month=0``: undated)

:func:`write_store` writes one atomically; :class:`ParquetStore` opens one (or any
directory of event-table Parquet files) and implements :class:`~mideast_model.store.Store`
with DuckDB in process, making Event objects only for the rows a query returns.
:func:`open_input` is what every command's ``-i`` goes through.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, ValuesView
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from mideast_model.errors import DanglingReferenceError, InvalidInputError
from mideast_model.model import KINDS, Actor, Claim, Event, Relation, Role, Source
from mideast_model.model.time import window_bound

if TYPE_CHECKING:
    import duckdb
    import pyarrow

    from mideast_model.dataset import Dataset
    from mideast_model.model import Object
    from mideast_model.store import Store

__all__ = [
    "IN_MEMORY_ENV",
    "MANIFEST",
    "STORE_FORMAT",
    "ParquetStore",
    "in_memory_limit",
    "is_store",
    "load_input",
    "open_input",
    "open_store",
    "write_store",
]

STORE_FORMAT = "mideast-model-store"
STORE_VERSION = 2
MANIFEST = "store.json"
OBJECTS = "objects.json"
EVENTS = "events"
_CURATED = ("actors", "sources", "claims", "relations")
_BATCH = 65_536
_FIRST_REFERRING = (
    "SELECT id FROM events WHERE list_contains(list_transform(participants, lambda p: p.actor), ?) "
    "OR list_contains(list_transform(casualties, lambda c: c.group), ?) ORDER BY id LIMIT 1"
)


#: Environment variable: the most events a store may hold to be read into memory for analysis.
IN_MEMORY_ENV = "MIDEAST_MODEL_IN_MEMORY_EVENTS"
#: Stores of at most this many events are read into one in-memory Dataset (see :func:`in_memory_limit`).
IN_MEMORY_EVENTS = 2_000_000
#: Resident memory one materialised event takes, with the indexes the analyses build: peak RSS
#: of ``report -i STORE`` on GDELT rows was 0.47 GB at 10^5 events, 2.7 GB at 10^6; with margin.
_BYTES_PER_EVENT = 4_000


def _available_memory() -> int | None:
    """Bytes of memory available to this process (Linux ``MemAvailable``), or ``None`` when unknown."""
    try:
        with open("/proc/meminfo", "rb") as fh:
            for line in fh:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def in_memory_limit() -> int:
    """The most events a store may hold to be analysed in memory.

    ``$MIDEAST_MODEL_IN_MEMORY_EVENTS`` when set (``0``: never); otherwise
    :data:`IN_MEMORY_EVENTS`, lowered to what half the available memory holds.
    """
    text = os.environ.get(IN_MEMORY_ENV)
    if text is not None and text.strip():
        try:
            value = int(text.strip().replace("_", ""))
        except ValueError:
            raise InvalidInputError(f"{IN_MEMORY_ENV} must be a whole number of events, not {text!r}") from None
        return max(value, 0)
    available = _available_memory()
    if available is None:
        return IN_MEMORY_EVENTS
    return min(IN_MEMORY_EVENTS, available // 2 // _BYTES_PER_EVENT)


def is_store(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a store directory (it has a ``store.json`` manifest)."""
    return (Path(path) / MANIFEST).is_file()


# -- writing ---------------------------------------------------------------------------------


def _month_keys(table: pyarrow.Table) -> Any:
    """Each row's partition as ``year * 100 + month`` of its day (0 when undated), a NumPy array."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    day = table.column("day")
    key = pc.fill_null(pc.add(pc.multiply(pc.year(day), 100), pc.month(day)), 0).cast(pa.int32())
    return np.asarray(key.to_numpy(), dtype=np.int32)


#: Columns written with Parquet dictionary encoding (few distinct values) and with statistics
#: (what queries filter on: row groups whose min/max miss a filter are skipped).
_DICTIONARY = (
    "kind", "precision", "cameo", "plover", "place_name", "place_country", "place_admin1", "place_precision",
    "source", "participants.list.item.actor", "participants.list.item.role", "external_ids.list.item.scheme",
)  # fmt: skip
_STATISTICS = ("id", "kind", "earliest", "latest", "fuzzy_earliest", "fuzzy_latest", "day", "cameo", "place_country")


class _PartitionWriter:
    """Writes event-table blocks into ``year=YYYY/month=MM/`` files, one Parquet writer per month.

    Each block is ordered by month with one ``take`` (skipped when it is in order already,
    as a GDELT file of one day is); the month slices are kept until ``flush_rows`` rows
    are waiting and then appended, one row group per month, so that memory stays at a few
    blocks and row groups stay large whatever the number of months.
    """

    def __init__(self, root: Path, schema: pyarrow.Schema, basename: str, flush_rows: int = 1 << 17) -> None:
        self.root = root
        self.schema = schema
        self.basename = basename
        self.flush_rows = flush_rows
        self.writers: dict[int, Any] = {}
        self.waiting: dict[int, list[pyarrow.Table]] = {}
        self.rows = 0

    def __enter__(self) -> _PartitionWriter:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        try:
            if kind is None:
                self.flush()
        finally:
            for writer in self.writers.values():
                writer.close()

    def write(self, table: pyarrow.Table) -> None:
        """Add one block of the event table."""
        import numpy as np

        keys = _month_keys(table)
        if len(keys) > 1 and bool(np.any(keys[1:] < keys[:-1])):
            from mideast_model.events.convert import row_indices

            order = np.argsort(keys, kind="stable")
            keys = keys[order]
            table = table.take(row_indices(order))
        cuts = np.flatnonzero(keys[1:] != keys[:-1]) + 1
        starts = [0, *cuts.tolist()]
        ends = [*cuts.tolist(), len(keys)]
        for start, end in zip(starts, ends, strict=True):
            self.waiting.setdefault(int(keys[start]), []).append(table.slice(start, end - start))
        self.rows += len(keys)
        if self.rows >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        """Append every month's waiting rows to its file as one row group."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        for key, pieces in sorted(self.waiting.items()):
            writer = self.writers.get(key)
            if writer is None:
                folder = self.root / f"year={key // 100}" / f"month={key % 100}"
                folder.mkdir(parents=True, exist_ok=True)
                writer = pq.ParquetWriter(
                    folder / self.basename,
                    self.schema,
                    compression="snappy",
                    use_dictionary=list(_DICTIONARY),
                    write_statistics=list(_STATISTICS),
                )
                self.writers[key] = writer
            writer.write_table(pa.concat_tables(pieces), row_group_size=1 << 20)
        self.waiting.clear()
        self.rows = 0


def write_store(
    path: str | os.PathLike[str],
    curated: Iterable[Object],
    tables: Iterable[pyarrow.Table],
    *,
    check: bool = True,
) -> dict[str, Any]:
    """Write a store directory atomically: the old one (if any) stays until the new one is complete.

    :param curated: actors, sources, claims and relations (events among them are added to
        the event table).
    :param tables: the event table, in pieces (each under the event schema).
    :param check: raise :class:`~mideast_model.errors.DanglingReferenceError` when a
        participant or casualty group is not among the actors, or an event id repeats.
    :return: the manifest written.
    """
    import pyarrow.compute as pc

    from mideast_model.events.convert import events_to_table
    from mideast_model.events.schema import SCHEMA_VERSION, schema
    from mideast_model.io.canonical import FORMAT, VERSION, converter
    from mideast_model.io.outputs import atomic_directory

    by_kind: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    sch = schema()
    rows = 0
    ids: list[Any] = []
    refs: set[str] = set()
    bounds: dict[str, list[dt.date]] = {"earliest": [], "latest": []}

    def write(pieces: Iterable[pyarrow.Table], basename: str) -> None:
        nonlocal rows
        with _PartitionWriter(tmp / EVENTS, sch, basename) as writer:
            for table in pieces:
                if not table.num_rows:
                    continue
                rows += table.num_rows
                if check:
                    ids.append(table.column("id"))
                    refs.update(_references(table))
                for name, pick in (("earliest", "min"), ("latest", "max")):
                    value = pc.min_max(table.column(name))[pick].as_py()
                    if value is not None:
                        bounds[name].append(value)
                writer.write(table)

    with atomic_directory(path, exporter="store") as tmp:
        (tmp / EVENTS).mkdir()
        write(tables, "part-0.parquet")
        extra_events: list[Event] = []
        for obj in curated:  # read after the tables: a bulk reader yields its curated objects last
            if isinstance(obj, Event):
                extra_events.append(obj)
            else:
                by_kind[f"{obj.kind_name}s"][obj.id] = obj
        if extra_events:
            write([events_to_table(extra_events)], "curated-0.parquet")
        conv = converter()
        doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
        for kind in KINDS:
            if kind != "events":
                doc[kind] = [conv.unstructure(obj) for _, obj in sorted(by_kind[kind].items())]
        (tmp / OBJECTS).write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n")
        store = ParquetStore(tmp)
        if check and rows:
            _check(ids, refs, set(by_kind["actors"]), store)
        span = (
            [min(bounds["earliest"]).isoformat(), max(bounds["latest"]).isoformat()]
            if bounds["earliest"] and bounds["latest"]
            else None
        )
        manifest = {
            "format": STORE_FORMAT,
            "version": STORE_VERSION,
            "event_table_schema": SCHEMA_VERSION,
            "counts": {kind: (rows if kind == "events" else len(by_kind[kind])) for kind in KINDS},
            "date_range": span,
            "event_files": _event_files(tmp),
        }
        store.close()
        (tmp / MANIFEST).write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2) + b"\n")
    return manifest


def _event_files(root: Path) -> dict[str, int]:
    """The event table's Parquet files (relative paths) and their sizes."""
    base = root / EVENTS
    if not base.is_dir():
        return {}
    return {p.relative_to(base).as_posix(): p.stat().st_size for p in sorted(base.rglob("*.parquet"))}


def _references(table: pyarrow.Table) -> set[str]:
    """The actor ids a block of the event table refers to (participants, casualty groups)."""
    import pyarrow.compute as pc

    out: set[str] = set()
    for column, field in (("participants", "actor"), ("casualties", "group")):
        values = pc.list_flatten(table.column(column))
        if len(values):
            found = pc.unique(pc.struct_field(values, field))
            out.update(v for v in found.to_pylist() if v is not None)
    return out


def _check(ids: list[Any], refs: set[str], actors: set[str], store: ParquetStore) -> None:
    """Raise for a repeated event id or a reference to an actor the store does not hold."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = pa.chunked_array([c for chunked in ids for c in chunked.chunks], pa.string())
    if pc.count_distinct(column).as_py() != len(column):
        store.check(actors)  # names the repeated id
    missing = sorted(refs - actors)
    if missing:
        store.check(actors)  # names the first event with a dangling reference
        raise DanglingReferenceError("?", "participants", missing[0], str(store.path))


# -- reading -------------------------------------------------------------------------------


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class _Events(Mapping[str, Event]):
    """Events by id, each made from its row on access."""

    def __init__(self, store: ParquetStore) -> None:
        self._store = store

    def __getitem__(self, key: str) -> Event:
        found = self._store.query_events("id = ?", [key])
        if not found:
            raise KeyError(key)
        return found[0]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        return bool(self._store.rows("SELECT count(*) FROM events WHERE id = ?", [key])[0][0])

    def __iter__(self) -> Iterator[str]:
        for batch in self._store.relation("SELECT id FROM events ORDER BY id").to_arrow_reader(_BATCH):
            yield from batch.column(0).to_pylist()

    def __len__(self) -> int:
        return self._store.event_count()

    def values(self) -> ValuesView[Event]:
        """Every event in id order, made batch by batch."""
        return _EventValues(self)

    def items(self) -> ItemsView[str, Event]:
        """(id, event) pairs in id order, made batch by batch."""
        return _EventItems(self)


class _EventValues(ValuesView[Event]):
    def __init__(self, events: _Events) -> None:
        super().__init__(events)
        self._events = events

    def __iter__(self) -> Iterator[Event]:
        return self._events._store.iter_events()


class _EventItems(ItemsView[str, Event]):
    def __init__(self, events: _Events) -> None:
        super().__init__(events)
        self._events = events

    def __iter__(self) -> Iterator[tuple[str, Event]]:
        for event in self._events._store.iter_events():
            yield event.id, event


class ParquetStore:
    """A store directory (or a directory of event-table Parquet files) queried with DuckDB.

    Curated objects (actors, sources, claims, relations) load from ``objects.json`` on first
    use; events stay in Parquet and become :class:`~mideast_model.model.Event` objects only
    for the rows a query returns. :meth:`sql` runs any query over the view ``events``.

    :param path: the store directory, a directory of Parquet files, or one Parquet file.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise InvalidInputError("no such store", path=str(path))
        self.manifest: dict[str, Any] | None = None
        manifest = self.path / MANIFEST
        if manifest.is_file():
            try:
                self.manifest = orjson.loads(manifest.read_bytes())
            except orjson.JSONDecodeError:
                raise InvalidInputError("store manifest is not valid JSON", path=str(manifest)) from None
            if not isinstance(self.manifest, dict) or self.manifest.get("format") != STORE_FORMAT:
                raise InvalidInputError(f"not a {STORE_FORMAT} manifest", path=str(manifest))
            if self.manifest.get("version") != STORE_VERSION:
                raise InvalidInputError(
                    f"store version {self.manifest.get('version')!r} is not supported (expected {STORE_VERSION})",
                    path=str(manifest),
                )
        self._con: duckdb.DuckDBPyConnection | None = None
        self._curated: Dataset | None = None
        self._events = _Events(self)

    # -- engine --------------------------------------------------------------------------

    def _glob(self) -> str | None:
        if self.path.is_file():
            return str(self.path)
        base = self.path / EVENTS if (self.path / EVENTS).is_dir() else self.path
        if not any(base.rglob("*.parquet")):
            return None
        return str(base / "**" / "*.parquet")

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, with the view ``events`` over the Parquet files."""
        if self._con is None:
            import duckdb

            con = duckdb.connect(":memory:")
            con.execute("SET enable_progress_bar = false")  # a bar on stdout in the middle of a command's output
            glob = self._glob()
            if glob is None:
                from mideast_model.events.schema import schema

                con.register("empty_event_table", schema().empty_table())
                con.execute("CREATE VIEW events AS SELECT * FROM empty_event_table")
            else:
                hive = "true" if not self.path.is_file() else "false"
                try:
                    with self._errors():  # union_by_name reads every file's footer here
                        con.execute(
                            f"CREATE VIEW events AS SELECT * FROM read_parquet({_sql_text(glob)}, "
                            f"hive_partitioning = {hive}, union_by_name = true)"
                        )
                except BaseException:
                    con.close()
                    raise
            self._con = con
        return self._con

    def rows(self, query: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Every row of ``query`` (DuckDB SQL, ``?`` parameters) as tuples."""
        with self._errors():
            return self.connection.execute(query, params or []).fetchall()

    def relation(self, query: str, params: list[Any] | None = None) -> duckdb.DuckDBPyRelation:
        """``query`` as a DuckDB relation (lazy; ``.to_arrow_table()``, ``.to_arrow_reader(n)``)."""
        with self._errors():
            return self.connection.sql(query, params=params or None)

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        import duckdb

        try:
            yield
        except duckdb.Error as exc:
            # a mistake in a query (binder, parser, catalog) is the caller's, not the data's
            if isinstance(exc, duckdb.ProgrammingError) and not isinstance(exc, duckdb.InvalidInputException):
                raise
            lines = [line for line in str(exc).splitlines() if line.strip() and not line.startswith("LINE ")]
            message = " ".join(" ".join(lines[:1] or [str(exc)]).split())[:300]  # DuckDB's line names the file
            raise InvalidInputError(f"cannot read the event table: {message}", path=str(self.path)) from None

    def sql(self, query: str, params: list[Any] | None = None) -> pyarrow.Table:
        """The result of a DuckDB query over the view ``events`` as an Arrow table."""
        with self._errors():
            return self.relation(query, params).to_arrow_table()

    def close(self) -> None:
        """Close the DuckDB connection (it reopens on next use)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    # -- objects ---------------------------------------------------------------------------

    @property
    def curated(self) -> Dataset:
        """The curated objects (actors, sources, claims, relations) as a Dataset, loaded once."""
        if self._curated is None:
            from mideast_model.dataset import Dataset
            from mideast_model.io.canonical import from_dict

            objects = self.path / OBJECTS
            if objects.is_file():
                try:
                    doc = orjson.loads(objects.read_bytes())
                except orjson.JSONDecodeError:
                    raise InvalidInputError("not valid JSON", path=str(objects)) from None
                # claims may be about events in the Parquet table: references are checked on write
                self._curated = from_dict(doc, path=str(objects), validate=False)
            else:
                self._curated = Dataset.empty()
        return self._curated

    def query_events(self, where: str = "true", params: list[Any] | None = None, order: str = "id") -> list[Event]:
        """Events of the rows matching a SQL condition, made through the one row conversion."""
        from mideast_model.dataset import Results
        from mideast_model.events.convert import table_to_events

        table = self.sql(f"SELECT * FROM events WHERE {where} ORDER BY {order}", params)
        return Results(table_to_events(table))

    def iter_events(self, where: str = "true", params: list[Any] | None = None) -> Iterator[Event]:
        """Events of the matching rows in id order, made batch by batch (bounded memory)."""
        import pyarrow as pa

        from mideast_model.events.convert import iter_events

        with self._errors():
            reader = self.relation(f"SELECT * FROM events WHERE {where} ORDER BY id", params).to_arrow_reader(_BATCH)
            batches = iter(reader)
        while True:
            with self._errors():  # a corrupt file may only show when its rows are read
                batch = next(batches, None)
            if batch is None:
                return
            yield from iter_events(pa.Table.from_batches([batch]))

    def check(self, actors: set[str] | None = None) -> None:
        """Raise on a repeated event id or a participant/casualty group that is not an actor."""
        dup = next(iter(self.rows("SELECT id FROM events GROUP BY id HAVING count(*) > 1 LIMIT 1")), None)
        if dup is not None:
            raise InvalidInputError(f"event id {dup[0]!r} appears twice", path=str(self.path))
        known = set(self.curated.actors) if actors is None else actors
        refs = self.rows(
            "SELECT DISTINCT r FROM (SELECT unnest(list_transform(participants, lambda p: p.actor)) AS r FROM events "
            "UNION ALL SELECT unnest(list_transform(casualties, lambda c: c.group)) FROM events) WHERE r IS NOT NULL"
        )
        for (ref,) in refs:
            if ref not in known:
                first = next(iter(self.rows(_FIRST_REFERRING, [ref, ref])), None)
                raise DanglingReferenceError(first[0] if first else "?", "participants", ref, str(self.path))

    # -- the Store protocol ------------------------------------------------------------------

    @property
    def actors(self) -> Mapping[str, Actor]:
        """Actors by id."""
        return self.curated.actors

    @property
    def sources(self) -> Mapping[str, Source]:
        """Sources by id."""
        return self.curated.sources

    @property
    def events(self) -> Mapping[str, Event]:
        """Events by id, each made from its row on access."""
        return self._events

    @property
    def claims(self) -> Mapping[str, Claim]:
        """Claims by id."""
        return self.curated.claims

    @property
    def relations(self) -> Mapping[str, Relation]:
        """Relations by id."""
        return self.curated.relations

    def _listed(self) -> dict[str, Any] | None:
        """The manifest, when the event files on disk are still exactly those it lists."""
        if self.manifest is None:
            return None
        files = self.manifest.get("event_files")
        if not isinstance(files, dict) or _event_files(self.path) != files:
            return None
        return self.manifest

    def event_count(self) -> int:
        """The number of rows of the event table (from the manifest while the files are unchanged)."""
        listed = self._listed()
        counts = listed.get("counts") if listed else None
        if isinstance(counts, dict) and isinstance(counts.get("events"), int):
            return int(counts["events"])
        row = next(iter(self.rows("SELECT count(*) FROM events")), None)
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        """Number of objects per kind (curated kinds from the manifest when there is one)."""
        listed = (self.manifest or {}).get("counts") if self._curated is None else None
        out = {}
        for kind in KINDS:
            if kind == "events":
                out[kind] = self.event_count()
            elif isinstance(listed, dict) and isinstance(listed.get(kind), int):
                out[kind] = int(listed[kind])
            else:
                out[kind] = self.curated.counts()[kind]
        return out

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """Earliest and latest bounded day over all events (from the manifest while the files are unchanged)."""
        listed = self._listed()
        if listed is not None and "date_range" in listed:
            span = listed["date_range"]
            if span is None:
                return None
            return dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])
        row = next(iter(self.rows("SELECT min(earliest), max(latest) FROM events")), None)
        if not row or row[0] is None or row[1] is None:
            return None
        return row[0], row[1]

    def events_between(self, start: dt.date | str | None = None, end: dt.date | str | None = None) -> list[Event]:
        """Events whose span may overlap ``[start, end]`` (strict bounds), by time then id."""
        lo, hi = window_bound(start, end=False), window_bound(end, end=True)
        where, params = self._window(lo, hi)
        return self.query_events(where, params, order="earliest NULLS FIRST, id")

    @staticmethod
    def _window(lo: dt.date | None, hi: dt.date | None) -> tuple[str, list[Any]]:
        parts, params = ["true"], []
        if lo is not None:
            parts.append("(latest IS NULL OR latest >= ?)")
            params.append(lo)
        if hi is not None:
            parts.append("(earliest IS NULL OR earliest <= ?)")
            params.append(hi)
        return " AND ".join(parts), params

    def events_involving(
        self,
        actor: str,
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
        *,
        roles: Iterable[Role] | None = None,
    ) -> list[Event]:
        """Events in which ``actor`` takes part (in ``roles``, if given) within a window."""
        lo, hi = window_bound(start, end=False), window_bound(end, end=True)
        where, params = self._window(lo, hi)
        if roles is None:
            cond = "list_contains(list_transform(participants, lambda p: p.actor), ?)"
            params = [*params, actor]
        else:
            wanted = sorted({r.value for r in roles})
            if not wanted:
                return []
            marks = ", ".join("?" for _ in wanted)
            cond = f"len(list_filter(participants, lambda p: p.actor = ? AND p.role IN ({marks}))) > 0"
            params = [*params, actor, *wanted]
        return self.query_events(f"{where} AND {cond}", params, order="earliest NULLS FIRST, id")

    def claims_about(self, object_id: str) -> list[Claim]:
        """Claims whose subject, object or ``about`` is ``object_id``."""
        return self.curated.claims_about(object_id)

    def claims_by_source(self, source_id: str) -> list[Claim]:
        """Claims made by one source."""
        return self.curated.claims_by_source(source_id)

    def claims_by_speaker(self, actor_id: str) -> list[Claim]:
        """Claims quoting or attributed to one actor."""
        return self.curated.claims_by_speaker(actor_id)

    def relations_on(
        self, day: dt.date | str | None = None, *, actor: str | None = None, predicate: str | None = None
    ) -> list[Relation]:
        """Relations that may hold on ``day``."""
        return self.curated.relations_on(day, actor=actor, predicate=predicate)

    def __iter__(self) -> Iterator[Actor | Source | Event | Claim | Relation]:
        """Every object, kind by kind, in id order (events made batch by batch)."""
        yield from self.curated.actors.values()
        yield from self.curated.sources.values()
        yield from self.iter_events()
        yield from self.curated.claims.values()
        yield from self.curated.relations.values()

    def __len__(self) -> int:
        return sum(self.counts().values())

    def to_dataset(self, *, validate: bool | None = None) -> Dataset:
        """Everything as one in-memory :class:`~mideast_model.Dataset`: the Parquet read in one scan.

        The same objects as the canonical JSON of the same data (events through the one
        row conversion), so an analysis of it equals the analysis of that JSON file.

        :param validate: check every reference (default: for a store, whose curated objects
            hold the actors; a bare directory of event files has none to check against).
        """
        from mideast_model.dataset import Dataset
        from mideast_model.gcpause import paused_gc

        check = self.manifest is not None if validate is None else validate
        curated = self.curated
        with paused_gc():  # 10^5 new objects, no cycles: collections would walk them all again and again
            events = list(self.iter_events())
        return Dataset.from_kinds(
            {
                "actors": curated.actors.values(),
                "sources": curated.sources.values(),
                "events": events,
                "claims": curated.claims.values(),
                "relations": curated.relations.values(),
            },
            validate=check,
            where=str(self.path),
        )

    def __repr__(self) -> str:
        return f"ParquetStore({str(self.path)!r})"


def open_store(path: str | os.PathLike[str]) -> ParquetStore:
    """Open a store directory, a directory of event-table Parquet files or one such file."""
    return ParquetStore(path)


def load_input(path: str | os.PathLike[str], *, limit: int | None = None) -> Dataset | ParquetStore:
    """A store or Parquet input for analysis: in memory when it fits, else queried where it lies.

    A store of at most ``limit`` events (default :func:`in_memory_limit`) becomes one
    :class:`~mideast_model.Dataset` read in one scan, so every analysis, exporter and the
    report run on it exactly as on the canonical JSON of the same objects. A larger one is
    returned as the :class:`ParquetStore` (the :class:`~mideast_model.store.Store` protocol:
    bounded memory, each query a scan). Other inputs go through :func:`open_input`.
    """
    opened = open_input(path)
    if not isinstance(opened, ParquetStore):
        return opened  # type: ignore[return-value]  # a Dataset
    most = in_memory_limit() if limit is None else limit
    if opened.event_count() > most:
        return opened
    try:
        return opened.to_dataset()
    finally:
        opened.close()


def _is_tabular_parquet(path: Path) -> bool:
    """True for the ``parquet`` exporter's layout (one file per kind), not an event table."""
    return any((path / f"{kind}.parquet").is_file() for kind in ("actors", "sources", "claims", "relations"))


def open_input(path: str | os.PathLike[str], *, read_stdin: Callable[[], bytes] | None = None) -> Store:
    """What a command's ``-i`` names, opened as a Store: a store, a Parquet directory or canonical JSON.

    :param path: a store directory (``store.json`` inside), a directory of event-table
        Parquet files, the ``parquet`` exporter's directory, one ``.parquet`` file, or a
        canonical JSON file (``-`` for stdin).
    :param read_stdin: reads standard input when ``path`` is ``-``.
    :raises InvalidInputError: the path does not exist or is none of these.
    """
    from mideast_model.io import canonical

    text = os.fspath(path)
    if text == "-":
        data = read_stdin() if read_stdin is not None else __import__("sys").stdin.buffer.read()
        return canonical.loads(data, path="<stdin>")
    p = Path(text)
    if p.is_dir():
        if is_store(p):
            return ParquetStore(p)
        if _is_tabular_parquet(p):
            from mideast_model.dataset import Dataset
            from mideast_model.extensions import ImportContext
            from mideast_model.plugins import get_importer

            importer = get_importer("parquet")
            return Dataset.from_objects(importer.read(p, ImportContext(path=text)), where=text)
        if not any(p.rglob("*.parquet")):
            raise InvalidInputError("not a store (no store.json) and no Parquet files inside", path=text)
        return ParquetStore(p)
    if p.suffix.lower() == ".parquet" and p.is_file():
        return ParquetStore(p)
    return canonical.load(p)
