"""The columnar bulk path: a GDELT 2.0 export as an Arrow table, queried without objects.

:func:`read_table` parses the file with ``pyarrow.csv`` under an explicit schema (codes
stay text: ``"010"``, not 10) in parallel, multi-threaded blocks. :class:`GdeltEventStore`
wraps the table with a date index and per-actor row indexes, answers
``events_between`` / ``events_involving`` as Arrow slices, and makes
:class:`~mideast_model.model.Event` objects only for the rows a query returns (through
the same row conversion as the object importer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ImportContext
from mideast_model.model import Event
from mideast_model_gdelt.reader import _IX2, EVENT_COLUMNS_V2, _Reader
from mideast_model_gdelt.tables import CAMEO_TO_SEED

if TYPE_CHECKING:
    import numpy
    import pyarrow

__all__ = ["GdeltEventStore", "read_table", "schema"]

_INTS = {
    "GLOBALEVENTID": "int64", "SQLDATE": "int32", "MonthYear": "int32", "Year": "int16", "IsRootEvent": "int8",
    "QuadClass": "int8", "NumMentions": "int32", "NumSources": "int32", "NumArticles": "int32",
    "Actor1Geo_Type": "int8", "Actor2Geo_Type": "int8", "ActionGeo_Type": "int8", "DATEADDED": "int64",
}  # fmt: skip
_FLOATS = {
    "FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
    "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long",
}  # fmt: skip


def schema() -> pyarrow.Schema:
    """The Arrow schema of a GDELT 2.0 export: codes and names as strings."""
    import pyarrow as pa

    fields = []
    for name in EVENT_COLUMNS_V2:
        if name in _INTS:
            fields.append(pa.field(name, getattr(pa, _INTS[name])()))
        elif name in _FLOATS:
            fields.append(pa.field(name, pa.float64()))
        else:
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields)


def read_table(path: str | Path, *, skip_bad: bool = False, skipped: list[str] | None = None) -> pyarrow.Table:
    """Read a GDELT 2.0 export (61 columns, TSV, no header) into an Arrow table.

    :param skip_bad: drop rows with the wrong number of columns (reported in ``skipped``)
        instead of raising.
    :raises InvalidInputError: a malformed row, a value of the wrong type, or bytes
        that are not UTF-8, naming the file (and the column or row, as Arrow reports it).
    """
    import pyarrow as pa
    from pyarrow import csv as pacsv

    sch = schema()
    bad: list[str] = [] if skipped is None else skipped

    def handler(row: Any) -> str:
        bad.append(f"row {row.number}: expected {row.expected_columns} columns, got {row.actual_columns}")
        return "skip"

    try:
        return pacsv.read_csv(
            str(path),
            read_options=pacsv.ReadOptions(column_names=list(EVENT_COLUMNS_V2), block_size=1 << 20),
            parse_options=pacsv.ParseOptions(
                delimiter="\t", quote_char=False, double_quote=False, invalid_row_handler=handler if skip_bad else None
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=sch, strings_can_be_null=False, quoted_strings_can_be_null=False, check_utf8=True
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise InvalidInputError(" ".join(str(exc).split())[:400], path=str(path)) from None
    except FileNotFoundError:
        raise InvalidInputError("no such file", path=str(path)) from None


def _ints(values: Any) -> numpy.ndarray[Any, Any]:
    """An integer Arrow (chunked) array as a NumPy array, nulls as 0.

    Reads the data buffer directly: ``to_numpy`` would import pandas (0.8 s) on first use.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], type=values.type)
    if values.null_count:
        values = pc.fill_null(values, 0)
    dtype = np.dtype(values.type.to_pandas_dtype())
    buffer = values.buffers()[1]
    if buffer is None:
        return np.zeros(0, dtype=dtype)
    offset = values.offset * dtype.itemsize
    out: numpy.ndarray[Any, Any] = np.frombuffer(buffer, dtype=dtype, count=len(values), offset=offset)
    return out


def _indices(rows: numpy.ndarray[Any, Any]) -> pyarrow.Array:
    """Row positions as an Arrow int64 array, built from the buffer (``pa.array`` imports pandas)."""
    import numpy as np
    import pyarrow as pa

    data = np.ascontiguousarray(rows, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def _as_int_date(value: dt.date | str | int | None, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.year * 10000 + value.month * 100 + value.day


class GdeltEventStore:
    """GDELT events held in columns (Arrow), with indexes for the common queries.

    The table keeps its file order; a permutation that sorts ``SQLDATE`` makes
    ``events_between`` a binary search, and per-actor row indexes (built on first use)
    make ``events_involving`` a lookup. Query results are Arrow tables (``*_table``) or,
    for the ``events_*`` methods, Event objects made on demand with the object importer's
    conversion.
    """

    def __init__(self, table: pyarrow.Table) -> None:
        import numpy as np

        self.table = table
        dates = _ints(table.column("SQLDATE"))
        self._order: numpy.ndarray[Any, Any] = np.argsort(dates, kind="stable")
        self._dates: numpy.ndarray[Any, Any] = dates[self._order]
        self._actor_index: dict[str, numpy.ndarray[Any, Any]] | None = None

    @classmethod
    def from_file(cls, path: str | Path, *, skip_bad: bool = False) -> GdeltEventStore:
        """Read a GDELT 2.0 export straight into a store."""
        return cls(read_table(path, skip_bad=skip_bad))

    def __len__(self) -> int:
        return int(self.table.num_rows)

    # -- indexes ------------------------------------------------------------------------------

    def _actors(self) -> dict[str, numpy.ndarray[Any, Any]]:
        if self._actor_index is None:
            import numpy as np

            parts: dict[str, list[numpy.ndarray[Any, Any]]] = {}
            for column in ("Actor1Code", "Actor2Code"):
                encoded = self.table.column(column).combine_chunks().dictionary_encode()
                codes = _ints(encoded.indices)
                order = np.argsort(codes, kind="stable")
                bounds = np.searchsorted(codes[order], np.arange(len(encoded.dictionary) + 1))
                for i, code in enumerate(encoded.dictionary.to_pylist()):
                    if code:
                        parts.setdefault(code, []).append(order[bounds[i] : bounds[i + 1]])
            # Each actor's rows as positions in date order: a date range is then two binary searches.
            rank = np.empty(len(self._order), dtype=np.int64)
            rank[self._order] = np.arange(len(self._order), dtype=np.int64)
            self._actor_index = {code: np.unique(rank[np.concatenate(p)]) for code, p in parts.items()}
        return self._actor_index

    @staticmethod
    def _codes_for(actor: str) -> list[str]:
        """CAMEO codes for an actor given as a code, ``actor:cameo:CODE`` or a seed actor id."""
        if actor.startswith("actor:cameo:"):
            return [actor.removeprefix("actor:cameo:")]
        if actor.startswith("actor:"):
            return sorted(code for code, target in CAMEO_TO_SEED.items() if target == actor)
        return [actor]

    # -- queries -----------------------------------------------------------------------------

    def _date_slice(self, start: Any, end: Any) -> tuple[int, int]:
        import numpy as np

        lo = _as_int_date(start, -(2**31))
        hi = _as_int_date(end, 2**31 - 1)
        left = int(np.searchsorted(self._dates, lo, side="left"))
        right = int(np.searchsorted(self._dates, hi, side="right"))
        return left, right

    def table_between(self, start: Any = None, end: Any = None) -> pyarrow.Table:
        """Rows whose ``SQLDATE`` lies in ``[start, end]`` (dates, ISO strings or YYYYMMDD)."""
        left, right = self._date_slice(start, end)
        return self.table.take(_indices(self._order[left:right]))

    def rows_involving(self, actor: str, start: Any = None, end: Any = None) -> numpy.ndarray[Any, Any]:
        """Row positions (in file order) of events with ``actor`` as Actor1 or Actor2 in the date range."""
        import numpy as np

        index = self._actors()
        found = [index[c] for c in self._codes_for(actor) if c in index]
        if not found:
            return np.empty(0, dtype=np.int64)
        positions = np.unique(np.concatenate(found)) if len(found) > 1 else found[0]
        left, right = self._date_slice(start, end)
        window = positions[np.searchsorted(positions, left) : np.searchsorted(positions, right)]
        selected: numpy.ndarray[Any, Any] = np.sort(self._order[window])
        return selected

    def table_involving(self, actor: str, start: Any = None, end: Any = None) -> pyarrow.Table:
        """The rows of :meth:`rows_involving` as an Arrow table."""
        return self.table.take(_indices(self.rows_involving(actor, start, end)))

    def events_between(self, start: Any = None, end: Any = None) -> list[Event]:
        """Events in the date range, made on demand."""
        return list(self.to_events(self.table_between(start, end)))

    def events_involving(self, actor: str, start: Any = None, end: Any = None) -> list[Event]:
        """Events with ``actor`` (a CAMEO code or actor id) in the date range, made on demand."""
        return list(self.to_events(self.table_involving(actor, start, end)))

    @staticmethod
    def to_events(table: pyarrow.Table, context: ImportContext | None = None) -> Iterator[Event]:
        """Event objects for the rows of ``table`` (same conversion as the ``gdelt`` importer)."""
        if context is None:
            from mideast_model.plugins import resolve_actor

            context = ImportContext(path="<arrow>", resolve_actor=lambda name, ctx: resolve_actor(name, dict(ctx)))
        run = _Reader(context)
        for record in table.to_pylist():
            row = [_text(record[name]) for name in EVENT_COLUMNS_V2]
            for obj in run.event(row, _IX2, 2):
                if isinstance(obj, Event):
                    yield obj


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def column_names() -> Sequence[str]:
    """The 61 column names, in file order."""
    return EVENT_COLUMNS_V2


# -- the shared event table ------------------------------------------------------------------

_SOURCE_URL_MAX = 2000


def _trim(values: Any) -> Any:
    import pyarrow.compute as pc

    return pc.utf8_trim_whitespace(values)


def _empty_to_null(values: Any) -> Any:
    """The strings with ``""`` made null, sharing the data and offset buffers (only a new validity bitmap)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = _chunk(values)
    keep = pc.not_equal(pc.binary_length(values), 0)
    if values.null_count:
        keep = pc.fill_null(pc.and_(keep, pc.is_valid(values)), False)
    if keep.offset:
        keep = pa.concat_arrays([keep])
    _, offsets, data = values.buffers()
    return pa.Array.from_buffers(values.type, len(values), [keep.buffers()[1], offsets, data], offset=values.offset)


class _Bulk:
    """State of one bulk read: actors seen, the first bad row, the ids written."""

    def __init__(self, context: ImportContext) -> None:
        from mideast_model.io import rows as c

        self.context = context
        self.run = _Reader(context)
        self.countries = c.countries()
        self.fips = self.countries.by_fips
        self.actors: dict[str, Any] = {}  # code -> Actor
        self.kinds: dict[str, tuple[str, str] | None] = {}  # EventCode -> (kind value, description)
        self.ids: list[Any] = []
        self.rows = 0

    def kind_of(self, code: str) -> tuple[str, str] | None:
        from mideast_model.model import EventKind
        from mideast_model_gdelt import tables
        from mideast_model_gdelt.reader import _EVENT_CODE

        if code not in self.kinds:
            found = None
            if _EVENT_CODE.match(code):
                try:
                    found = (EventKind.from_cameo(code).value, tables.event_description(code) or f"CAMEO {code}")
                except ValueError:
                    found = None
            self.kinds[code] = found
        return self.kinds[code]

    def actor_columns(self, raw: pyarrow.Table, n: int) -> tuple[Any, Any, Any]:
        """(actor id, actor name, has actor) per row for Actor1 or Actor2, resolving each code once."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        codes = _trim(raw.column(f"Actor{n}Code")).combine_chunks().dictionary_encode()
        dictionary = codes.dictionary.to_pylist()
        indices = _ints(codes.indices)
        firsts = np.full(len(dictionary), -1, dtype=np.int64)
        if len(indices):
            uniq, first = np.unique(indices, return_index=True)
            firsts[uniq] = first
        ids: list[str | None] = []
        names: list[str | None] = []
        for i, code in enumerate(dictionary):
            if not code:
                ids.append(None)
                names.append(None)
                continue
            actor = self.actors.get(code)
            if actor is None and firsts[i] >= 0:
                record = raw.slice(int(firsts[i]), 1).to_pylist()[0]
                row = [_text(record.get(name)) for name in EVENT_COLUMNS_V2]
                actor = self.run.actor(row, _IX2, n)
                if actor is not None:
                    self.actors[code] = actor
            ids.append(actor.id if actor is not None else None)
            names.append(actor.name if actor is not None else None)
        take = pa.array(indices, pa.int32()) if len(indices) else pa.array([], pa.int32())
        id_col = pc.take(pa.array(ids, pa.string()), take)
        name_col = pc.take(pa.array(names, pa.string()), take)
        return id_col, name_col, pc.is_valid(id_col)

    def convert(self, raw: pyarrow.Table, first_line: int, line_numbers: list[int] | None = None) -> pyarrow.Table:
        """The event table of one block of GDELT 2.0 rows (bad rows skipped or raised).

        :param first_line: the file's line number of the block's first row.
        :param line_numbers: each row's line number, when rows were dropped before (malformed).
        """
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        from mideast_model.events.convert import EventTableBuilder
        from mideast_model_gdelt.reader import SOURCE_V2

        n = raw.num_rows
        bad = np.zeros(n, dtype=bool)
        reasons: list[tuple[int, str, str]] = []

        def flag(mask: Any, field: str, message: str) -> None:
            arr = np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)
            hits = np.flatnonzero(arr & ~bad)
            if len(hits):
                reasons.extend((int(i), field, message) for i in hits[:1000])
                bad[hits] = True

        gid = raw.column("GLOBALEVENTID")
        flag(pc.or_(pc.is_null(gid), pc.less(gid, 0)), "GLOBALEVENTID", "GLOBALEVENTID must be digits")
        day = pc.cast(
            pc.strptime(pc.cast(raw.column("SQLDATE"), pa.string()), "%Y%m%d", "s", error_is_null=True), pa.date32()
        )
        flag(pc.is_null(day), "SQLDATE", "expected a valid date YYYYMMDD")
        codes = _trim(raw.column("EventCode")).combine_chunks().dictionary_encode()
        found = [self.kind_of(c) for c in codes.dictionary.to_pylist()]
        code_ok = pa.array([f is not None for f in found], pa.bool_())
        take = codes.indices
        flag(pc.invert(pc.take(code_ok, take)), "EventCode", "not a zero-padded CAMEO event code")
        kind = pc.take(pa.array([f[0] if f else "other" for f in found], pa.string()), take)
        desc = pc.take(pa.array([f[1] if f else "" for f in found], pa.string()), take)
        quad = raw.column("QuadClass")
        flag(pc.or_(pc.less(quad, 1), pc.greater(quad, 4)), "QuadClass", "QuadClass must be 1-4")
        gold = raw.column("GoldsteinScale")
        flag(pc.or_(pc.less(gold, -10), pc.greater(gold, 10)), "GoldsteinScale", "GoldsteinScale must lie in [-10, 10]")
        tone = raw.column("AvgTone")
        flag(pc.or_(pc.less(tone, -100), pc.greater(tone, 100)), "AvgTone", "AvgTone must lie in [-100, 100]")
        for name in ("NumMentions", "NumSources", "NumArticles"):
            flag(pc.less(raw.column(name), 0), name, f"{name} must be a non-negative integer")
        geo_type = raw.column("ActionGeo_Type")
        has_place = pc.and_(pc.is_valid(geo_type), pc.not_equal(pc.fill_null(geo_type, 0), 0))
        flag(pc.or_(pc.less(geo_type, 0), pc.greater(geo_type, 5)), "ActionGeo_Type", "geo type must be 0-5")
        lat, lon = raw.column("ActionGeo_Lat"), raw.column("ActionGeo_Long")
        flag(
            pc.and_(has_place, pc.or_(pc.less(lat, -90), pc.greater(lat, 90))), "ActionGeo_Lat", "latitude out of range"
        )
        flag(
            pc.and_(has_place, pc.or_(pc.less(lon, -180), pc.greater(lon, 180))),
            "ActionGeo_Long",
            "longitude out of range",
        )
        flag(
            pc.and_(has_place, pc.not_equal(pc.is_null(lat), pc.is_null(lon))),
            "ActionGeo_Lat",
            "latitude without longitude (or the reverse)",
        )
        root = raw.column("IsRootEvent")
        flag(pc.and_(pc.not_equal(root, 0), pc.not_equal(root, 1)), "IsRootEvent", "IsRootEvent must be 0 or 1")

        if reasons:
            reasons.sort()
            for i, field, message in reasons:
                line = line_numbers[i] if line_numbers is not None else first_line + i
                self.context.skip(self.context.error(message, line=line, field=field))
            keep = pa.array(~bad)
            raw = raw.filter(keep)
            day, kind, desc = (pc.filter(a, keep) for a in (day, kind, desc))
            has_place = pc.filter(has_place, keep)
            n = raw.num_rows
        if n == 0:
            return EventTableBuilder.from_arrays({}, 0)

        id1, name1, has1 = self.actor_columns(raw, 1)
        id2, name2, has2 = self.actor_columns(raw, 2)
        gid_text = pc.cast(raw.column("GLOBALEVENTID"), pa.string())
        self.ids.append(_ints(raw.column("GLOBALEVENTID")).copy())

        # title: "<description>: <actor1 name> -> <actor2 name>", as the object importer writes it
        n1 = pc.coalesce(_empty_to_null(_trim(raw.column("Actor1Name"))), name1, "")
        n2 = pc.coalesce(_empty_to_null(_trim(raw.column("Actor2Name"))), name2, "")
        # (a scalar prefix by utf8_replace_slice: binary_join_element_wise broadcasts it slowly)
        t1 = pc.if_else(pc.equal(n1, ""), "", pc.utf8_replace_slice(n1, start=0, stop=0, replacement=": "))
        t2 = pc.if_else(pc.equal(n2, ""), "", pc.utf8_replace_slice(n2, start=0, stop=0, replacement=" -> "))
        title = pc.binary_join_element_wise(desc, t1, t2, "")

        # participants: actor 1 (initiator, side 1) and actor 2 (target, side 2) unless the same actor
        h1 = np.asarray(has1.to_numpy(zero_copy_only=False), dtype=bool)
        same = np.asarray(pc.fill_null(pc.equal(id1, id2), False).to_numpy(zero_copy_only=False), dtype=bool)
        h2 = np.asarray(has2.to_numpy(zero_copy_only=False), dtype=bool) & ~(h1 & same)
        slots = np.stack([np.arange(n), np.arange(n) + n], axis=1).ravel()[np.stack([h1, h2], axis=1).ravel()]
        offsets = np.concatenate([[0], np.cumsum(h1.astype(np.int32) + h2.astype(np.int32))]).astype(np.int32)
        both = pa.concat_arrays([_chunk(id1), _chunk(id2)])
        sides = pa.array(np.concatenate([np.full(n, 1, np.int8), np.full(n, 2, np.int8)]))
        roles = pa.array(["initiator", "target"], pa.string()).take(_indices(np.repeat(np.arange(2), n)))
        picks = _indices(slots)
        values = pa.StructArray.from_arrays(
            [both.take(picks), roles.take(picks), sides.take(picks), pa.repeat(pa.scalar(False), len(slots))],
            names=["actor", "role", "side", "associated"],
        )
        participants = pa.ListArray.from_arrays(pa.array(offsets), values)

        # the place of the action
        fips = _trim(raw.column("ActionGeo_CountryCode")).combine_chunks().dictionary_encode()
        fips_codes = fips.dictionary.to_pylist()
        iso = [self.fips.get(code) if code else None for code in fips_codes]
        unknown = {code for code, i in zip(fips_codes, iso, strict=True) if code and i is None}
        self.run.unknown_fips |= unknown
        country = pc.take(pa.array(iso, pa.string()), fips.indices)
        fallback = pc.take(
            pa.array(
                [
                    (self.countries.names.get(i, code) if i else code) or "unnamed place"
                    for code, i in zip(fips_codes, iso, strict=True)
                ],
                pa.string(),
            ),
            fips.indices,
        )
        place_name = pc.coalesce(_empty_to_null(_trim(raw.column("ActionGeo_FullName"))), fallback)
        from mideast_model_gdelt.tables import GEO_TYPES

        geo_names = pa.array([GEO_TYPES.get(str(i)) for i in range(6)], pa.string())
        geo = pc.take(geo_names, pc.fill_null(raw.column("ActionGeo_Type"), 0).cast(pa.int32()))
        null_str = pa.nulls(n, pa.string())

        def placed(values: Any) -> Any:
            return pc.if_else(has_place, values, pa.nulls(n, values.type))

        url = _empty_to_null(_trim(raw.column("SOURCEURL")))
        ext = pa.StructArray.from_arrays(
            [pa.repeat(pa.scalar("gdelt"), n), _chunk(gid_text)], names=["scheme", "value"]
        )
        external = pa.ListArray.from_arrays(pa.array(np.arange(n + 1, dtype=np.int32)), ext)
        geo_type = raw.column("ActionGeo_Type")
        columns = {
            "id": pc.utf8_replace_slice(gid_text, start=0, stop=0, replacement="event:gdelt:"),
            "kind": kind,
            "when": pc.cast(day, pa.string()),
            "earliest": day,
            "latest": day,
            "fuzzy_earliest": day,
            "fuzzy_latest": day,
            "day": day,
            "precision": pa.repeat(pa.scalar("day"), n),
            "title": title,
            "summary": null_str,
            "cameo": _trim(raw.column("EventCode")),
            "place_name": placed(place_name),
            "place_country": placed(country),
            "place_admin1": placed(_empty_to_null(_trim(raw.column("ActionGeo_ADM1Code")))),
            "place_lat": placed(raw.column("ActionGeo_Lat")),
            "place_lon": placed(raw.column("ActionGeo_Long")),
            "place_precision": placed(geo),
            "participants": participants,
            "has_metrics": pa.repeat(pa.scalar(True), n),
            "goldstein": raw.column("GoldsteinScale"),
            "quad_class": raw.column("QuadClass"),
            "tone": raw.column("AvgTone"),
            "mentions": pc.fill_null(raw.column("NumMentions"), 0),
            "sources": pc.fill_null(raw.column("NumSources"), 0),
            "articles": pc.fill_null(raw.column("NumArticles"), 0),
            "geo_precision": pc.if_else(has_place, geo_type, pa.nulls(n, geo_type.type)),
            "external_ids": external,
            "source": pa.repeat(pa.scalar(SOURCE_V2.id), n),
            "url": url,
        }
        return EventTableBuilder.from_arrays(columns, n)


def _chunk(values: Any) -> Any:
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks() if values.num_chunks else pa.array([], values.type)
    return values


#: The columns the event table is made from (the actor and action blocks); the actors' own
#: geo blocks, MonthYear/Year/FractionDate and DATEADDED are not parsed on the bulk path.
_BULK_COLUMNS = [
    name
    for name in EVENT_COLUMNS_V2
    if not name.startswith(("Actor1Geo_", "Actor2Geo_"))
    and name not in ("MonthYear", "Year", "FractionDate", "ActionGeo_ADM2Code", "ActionGeo_FeatureID", "DATEADDED")
]


def _chunks(fh: Any, size: int) -> Iterator[bytes]:
    """The file in pieces of about ``size`` bytes, each ending at a line end."""
    rest = b""
    while True:
        data = fh.read(size)
        if not data:
            if rest:
                yield rest
            return
        data = rest + data
        cut = data.rfind(b"\n")
        if cut < 0:
            rest = data
            continue
        rest = data[cut + 1 :]
        yield data[: cut + 1]


def _kept_lines(widths: list[tuple[int, int]], first: int, count: int) -> list[int]:
    """The line numbers of the rows Arrow kept (61 fields), in order."""
    return [i for i, w in widths if w == len(EVENT_COLUMNS_V2) and i < first + count]


def read_store_items(path: str | Path, context: ImportContext, *, block_size: int = 1 << 24) -> Iterator[Any]:
    """The ``gdelt`` importer's bulk path: event-table blocks, then the curated objects.

    Yields :class:`pyarrow.Table` blocks under the shared event schema (one row per event,
    no attrs object per row), then the actors the rows name, the dataset source and the
    file's source. GDELT 1.0 files and files with a mentions file to join go through the
    object importer instead (``mideast_model.events.bulk``).

    :raises InvalidInputError: a malformed row (unless ``context.skip_bad``), naming the line and field.
    """
    import numpy as np
    import pyarrow as pa
    from pyarrow import csv as pacsv

    from mideast_model.io import rows as c
    from mideast_model_gdelt.reader import SOURCE_V2

    bulk = _Bulk(context)
    sch = schema()
    label = Path(path).name

    line = 1
    done = 0
    try:
        with open(path, "rb") as fh:
            for chunk in _chunks(fh, block_size):
                bad: list[str] = []

                def handler(row: Any, bad: list[str] = bad) -> str:
                    bad.append(f"expected {row.expected_columns} columns, got {row.actual_columns}")
                    return "skip"

                raw = pacsv.read_csv(
                    pa.BufferReader(chunk),
                    read_options=pacsv.ReadOptions(column_names=list(EVENT_COLUMNS_V2), block_size=1 << 22),
                    parse_options=pacsv.ParseOptions(
                        delimiter="\t", quote_char=False, double_quote=False, invalid_row_handler=handler
                    ),
                    convert_options=pacsv.ConvertOptions(
                        column_types=sch,
                        include_columns=_BULK_COLUMNS,
                        strings_can_be_null=False,
                        quoted_strings_can_be_null=False,
                        check_utf8=True,
                    ),
                )
                lines = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
                if bad:  # find the lines Arrow skipped (it does not know their numbers when parsing in parallel)
                    widths = [(i, text.count(b"\t") + 1) for i, text in enumerate(chunk.split(b"\n"), start=line)]
                    wrong = [
                        (i, w) for i, w in widths if w != len(EVENT_COLUMNS_V2) and not (w == 1 and i >= line + lines)
                    ]
                    errors = [context.error(f"expected 61 columns, got {w}", line=i) for i, w in wrong[: len(bad)]]
                    collect = ImportContext(path=context.path, skip_bad=True, options=context.options)
                    bulk.context = collect  # the block's bad values too, to report every error in line order
                    try:
                        table = bulk.convert(raw, line, _kept_lines(widths, line, lines))
                    finally:
                        bulk.context = context
                    for error in sorted([*errors, *collect.skipped], key=lambda e: e.line or 0):
                        context.skip(error)
                else:
                    table = bulk.convert(raw, line)
                line += lines
                done += len(chunk)
                if context.progress is not None:
                    context.progress(done)
                bulk.rows += lines
                yield table
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise InvalidInputError(" ".join(str(exc).split())[:400], path=str(path)) from None
    except FileNotFoundError:
        raise InvalidInputError("no such file", path=str(path)) from None
    if bulk.ids:
        ids = np.concatenate(bulk.ids)
        uniq, counts = np.unique(ids, return_counts=True)
        if len(uniq) != len(ids):
            dup = int(uniq[np.argmax(counts > 1)])
            raise InvalidInputError(
                f"GLOBALEVENTID {dup} appears twice in this file", path=str(path), field="GLOBALEVENTID"
            )
    yield from sorted(bulk.actors.values(), key=lambda a: a.id)
    yield SOURCE_V2
    events = int(sum(len(i) for i in bulk.ids))
    summary = f"rows={bulk.rows}; events={events}; skipped={len(context.skipped)}; columns=61:{events}"
    if bulk.run.unknown_fips:
        summary += "; unknown_fips=" + ",".join(sorted(bulk.run.unknown_fips))
    from mideast_model.model import Source, SourceKind

    yield Source(
        id=f"source:gdelt:file:{c.slug(label, 40)}-{c.short_hash(label, length=6)}",
        title=f"GDELT file {label}",
        kind=SourceKind.DATASET,
        publisher="The GDELT Project",
        derived_from=(SOURCE_V2.id,),
        description=f"Imported by mideast-model-gdelt (bulk path): {summary}",
    )
