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
            for obj in run.convert(row, _IX2, 2):
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
