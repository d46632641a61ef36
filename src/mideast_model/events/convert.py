"""Events ↔ rows of the event table: the one conversion every path goes through.

:class:`EventTableBuilder` collects rows from plain values (no attrs object per row) or
whole Arrow columns (:meth:`EventTableBuilder.from_arrays`) and fills the derived columns;
:func:`events_to_table` and :func:`table_to_events` convert objects and rows both ways,
exactly (a property test checks the round trip).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mideast_model.events.schema import CASUALTY_FIELDS, METRIC_FIELDS, schema
from mideast_model.model import (
    Casualties,
    CountRange,
    Event,
    EventKind,
    ExternalId,
    GeoPrecision,
    Metrics,
    Participant,
    Place,
    Role,
    TimeSpan,
)

if TYPE_CHECKING:
    import pyarrow

__all__ = ["EventTableBuilder", "derive_columns", "events_to_table", "iter_events", "table_to_events"]

_METRICS = tuple(name for name, _ in METRIC_FIELDS)
_ROLES = {r.value: r for r in Role}
_KINDS = {k.value: k for k in EventKind}
_GEO = {g.value: g for g in GeoPrecision}
_PLAIN = (
    "id", "kind", "when", "title", "summary", "cameo", "place_name", "place_country", "place_admin1",
    "place_lat", "place_lon", "place_precision", "source", "url",
)  # fmt: skip


_SPAN_COLUMNS = ("earliest", "latest", "fuzzy_earliest", "fuzzy_latest", "day", "precision")


def _bounded(day: dt.date) -> dt.date | None:
    return None if day in (dt.date.min, dt.date.max) else day


_Day = dt.date | None


@functools.lru_cache(maxsize=65536)
def span_columns(edtf: str) -> tuple[_Day, _Day, _Day, _Day, _Day, str]:
    """(earliest, latest, fuzzy earliest, fuzzy latest, day, precision) of an EDTF text.

    Open ends (and anything an approximate span widens past the calendar) are ``None``;
    the fuzzy bounds are :meth:`~mideast_model.model.TimeSpan.bounds` (widened for ``~``
    and ``?``); ``day`` is the midpoint the analyses date an event by
    (``analyses.common.event_day``), ``None`` when both ends are open.
    """
    span = TimeSpan(edtf)
    earliest, latest = _bounded(span.earliest), _bounded(span.latest)
    low, high = span.bounds()
    day = None if earliest is None and latest is None else span.midpoint
    return earliest, latest, _bounded(low), _bounded(high), day, span.precision


class EventTableBuilder:
    """Collects event rows and makes an Arrow table under :func:`~mideast_model.events.schema.schema`.

    Append plain values per row with :meth:`append` (what an importer has at hand), or
    whole objects with :meth:`add`; :meth:`finish` returns the table. For a whole file
    already in Arrow, :meth:`from_arrays` builds the table from columns in one go.

    :param source: the dataset source id every row comes from (``source:gdelt-2``), unless
        a row gives its own.
    """

    def __init__(self, source: str | None = None) -> None:
        self.source = source
        self._cols: dict[str, list[Any]] = {name: [] for name in _PLAIN}
        self._participants: list[list[dict[str, Any]]] = []
        self._casualties: list[list[dict[str, Any]]] = []
        self._external: list[list[dict[str, str]]] = []
        self._has_metrics: list[bool] = []
        self._metrics: dict[str, list[Any]] = {name: [] for name in _METRICS}

    def __len__(self) -> int:
        return len(self._has_metrics)

    def append(
        self,
        *,
        id: str,
        kind: str | EventKind,
        when: str,
        title: str,
        summary: str | None = None,
        cameo: str | None = None,
        place: Mapping[str, Any] | None = None,
        participants: Sequence[tuple[str, str | Role, int | None, bool]] = (),
        casualties: Sequence[Mapping[str, Any]] = (),
        metrics: Mapping[str, Any] | None = None,
        external_ids: Sequence[tuple[str, str]] = (),
        source: str | None = None,
        url: str | None = None,
    ) -> None:
        """Add one row from plain values.

        :param kind: an :class:`~mideast_model.model.EventKind` or its value (``"airstrike"``).
        :param when: the EDTF text of the event's time span.
        :param place: ``name``, ``country``, ``admin1``, ``lat``, ``lon``, ``precision`` (a
            :class:`~mideast_model.model.GeoPrecision` value); ``None`` for no place.
        :param participants: ``(actor id, role, side, associated)`` per participant.
        :param casualties: per group, the keys of ``CASUALTY_FIELDS`` (missing ones are null).
        :param metrics: :class:`~mideast_model.model.Metrics` field values; ``None`` for no metrics.
        :param external_ids: ``(scheme, value)`` pairs.
        """
        cols = self._cols
        cols["id"].append(id)
        cols["kind"].append(kind.value if isinstance(kind, EventKind) else kind)
        cols["when"].append(when)
        cols["title"].append(title)
        cols["summary"].append(summary)
        cols["cameo"].append(cameo)
        place = place or {}
        cols["place_name"].append(place.get("name"))
        cols["place_country"].append(place.get("country"))
        cols["place_admin1"].append(place.get("admin1"))
        cols["place_lat"].append(place.get("lat"))
        cols["place_lon"].append(place.get("lon"))
        precision = place.get("precision")
        cols["place_precision"].append(precision.value if isinstance(precision, GeoPrecision) else precision)
        cols["source"].append(source if source is not None else self.source)
        cols["url"].append(url)
        self._participants.append(
            [
                {"actor": a, "role": r.value if isinstance(r, Role) else r, "side": s, "associated": bool(assoc)}
                for a, r, s, assoc in participants
            ]
        )
        self._casualties.append([{name: c.get(name) for name in CASUALTY_FIELDS} for c in casualties])
        self._external.append([{"scheme": s, "value": v} for s, v in external_ids])
        self._has_metrics.append(metrics is not None)
        m = metrics or {}
        for name in _METRICS:
            self._metrics[name].append(m.get(name))

    def add(self, event: Event, *, source: str | None = None, url: str | None = None) -> None:
        """Add one Event object as a row."""
        place = event.place
        metrics = event.metrics
        self.append(
            id=event.id,
            kind=event.kind,
            when=event.when.edtf,
            title=event.title,
            summary=event.summary,
            cameo=event.cameo,
            place=None
            if place is None
            else {
                "name": place.name,
                "country": place.country,
                "admin1": place.admin1,
                "lat": place.lat,
                "lon": place.lon,
                "precision": place.precision,
            },
            participants=[(p.actor, p.role, p.side, p.associated) for p in event.participants],
            casualties=[_casualty_row(c) for c in event.casualties],
            metrics=None if metrics is None else {name: getattr(metrics, name) for name in _METRICS},
            external_ids=[(e.scheme, e.value) for e in event.external_ids],
            source=source,
            url=url,
        )

    def finish(self) -> pyarrow.Table:
        """The rows so far as an Arrow table, derived columns filled in."""
        import pyarrow as pa

        sch = schema()
        arrays: dict[str, Any] = {name: pa.array(values, sch.field(name).type) for name, values in self._cols.items()}
        arrays["participants"] = pa.array(self._participants, sch.field("participants").type)
        arrays["casualties"] = pa.array(self._casualties, sch.field("casualties").type)
        arrays["external_ids"] = pa.array(self._external, sch.field("external_ids").type)
        arrays["has_metrics"] = pa.array(self._has_metrics, pa.bool_())
        for name, values in self._metrics.items():
            arrays[name] = pa.array(values, sch.field(name).type)
        return self.from_arrays(arrays, len(self))

    @staticmethod
    def from_arrays(columns: Mapping[str, Any], length: int | None = None) -> pyarrow.Table:
        """A table from whole columns (Arrow arrays or Python lists) under the event schema.

        Missing columns are null (empty lists for ``participants``, ``casualties`` and
        ``external_ids``; ``has_metrics`` is true when any metric column is given); the
        derived columns (``earliest``, ``latest``, ``day``, ``precision``, ``plover``) are
        computed from ``when`` and ``kind`` unless given.

        :param length: the number of rows (needed only when no column is given).
        :raises ValueError: a column of the wrong length or type, or an unknown kind.
        """
        import pyarrow as pa

        sch = schema()
        unknown = set(columns) - set(sch.names)
        if unknown:
            raise ValueError(f"not columns of the event table: {', '.join(sorted(unknown))}")
        if length is None:
            first = next(iter(columns.values()), None)
            if first is None:
                raise ValueError("give the number of rows when no column is given")
            length = len(first)
        out: dict[str, Any] = {}
        for name, value in columns.items():
            array = value if isinstance(value, (pa.Array, pa.ChunkedArray)) else pa.array(value)
            if len(array) != length:
                raise ValueError(f"column {name} has {len(array)} rows, expected {length}")
            out[name] = array
        if "has_metrics" not in out:
            out["has_metrics"] = pa.repeat(pa.scalar(any(m in out for m in _METRICS)), length)
        for name in ("participants", "casualties", "external_ids"):
            if name not in out:
                out[name] = (
                    pa.array([[]] * length, sch.field(name).type) if length else pa.array([], sch.field(name).type)
                )
        out = derive_columns(out, length)
        arrays = []
        for field in sch:
            array = out.get(field.name)
            if array is None:
                array = pa.nulls(length, field.type)
            elif not array.type.equals(field.type):
                array = array.cast(field.type)
            arrays.append(array)
        table = pa.Table.from_arrays(arrays, schema=sch) if length or arrays else pa.table({}, schema=sch)
        for field in sch:
            if not field.nullable and table.column(field.name).null_count:
                raise ValueError(f"column {field.name} must not be null")
        return table


def derive_columns(columns: dict[str, Any], length: int) -> dict[str, Any]:
    """Fill the span columns (``earliest``, ``latest``, ``fuzzy_*``, ``day``, ``precision``) and ``plover``.

    Each distinct value is parsed once (dictionary encoding), so a million rows of a
    few thousand days cost a few thousand parses.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    out = dict(columns)
    need = [name for name in _SPAN_COLUMNS if name not in out]
    if need and "when" in out:
        encoded = _encode(out["when"])
        values = [span_columns(text) for text in encoded.dictionary.to_pylist()]
        derived = {
            name: pa.array([v[i] for v in values], pa.string() if name == "precision" else pa.date32())
            for i, name in enumerate(_SPAN_COLUMNS)
        }
        for name in need:
            out[name] = pc.take(derived[name], encoded.indices)
    if "plover" not in out and "kind" in out:
        encoded = _encode(out["kind"])
        kinds = encoded.dictionary.to_pylist()
        bad = [k for k in kinds if k not in _KINDS]
        if bad:
            raise ValueError(f"not event kinds: {', '.join(map(repr, bad[:5]))}")
        plover = pa.array([_KINDS[k].plover for k in kinds], pa.string())
        out["plover"] = pc.take(plover, encoded.indices)
    return out


def row_indices(rows: Any) -> pyarrow.Array:
    """Row positions (a NumPy integer array) as an Arrow int64 array, without a copy where possible."""
    import numpy as np
    import pyarrow as pa

    data = np.ascontiguousarray(rows, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def _encode(values: Any) -> Any:
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], values.type)
    if pa.types.is_dictionary(values.type):
        return values
    return values.dictionary_encode()


def _count_row(prefix: str, count: CountRange | None) -> dict[str, Any]:
    if count is None:
        return {}
    return {
        f"{prefix}_low": count.low,
        f"{prefix}_high": count.high,
        f"{prefix}_approximate": count.approximate,
        f"{prefix}_text": count.text,
    }


def _casualty_row(c: Casualties) -> dict[str, Any]:
    return {"label": c.label, "group": c.group, **_count_row("killed", c.killed), **_count_row("wounded", c.wounded)}


def _count(row: Mapping[str, Any], prefix: str) -> CountRange | None:
    low = row.get(f"{prefix}_low")
    if low is None:
        return None
    return CountRange(low, row.get(f"{prefix}_high"), bool(row.get(f"{prefix}_approximate")), row.get(f"{prefix}_text"))


def events_to_table(events: Iterable[Event], *, source: str | None = None) -> pyarrow.Table:
    """The event table of ``events`` (in the order given).

    :param source: the dataset source id to record in every row's ``source`` column.
    """
    builder = EventTableBuilder(source)
    for event in events:
        builder.add(event)
    return builder.finish()


def iter_events(table: pyarrow.Table) -> Iterator[Event]:
    """Event objects for the rows of ``table``, made one by one (validated by the model)."""
    names = set(table.column_names)
    n = table.num_rows
    cols = {name: table.column(name).to_pylist() for name in _PLAIN if name in names}
    nested = {name: table.column(name).to_pylist() for name in ("participants", "casualties", "external_ids")}
    has_metrics = table.column("has_metrics").to_pylist() if "has_metrics" in names else [False] * n
    metrics = {name: table.column(name).to_pylist() for name in _METRICS if name in names}
    none = [None] * n
    get = {name: cols.get(name, none) for name in _PLAIN}
    for i in range(n):
        name = get["place_name"][i]
        place = None
        if name is not None:
            precision = get["place_precision"][i]
            place = Place(
                name=name,
                country=get["place_country"][i],
                admin1=get["place_admin1"][i],
                lat=get["place_lat"][i],
                lon=get["place_lon"][i],
                precision=None if precision is None else _GEO[precision],
            )
        m = None
        if has_metrics[i]:
            m = Metrics(**{key: values[i] for key, values in metrics.items()})
        yield Event(
            id=get["id"][i],
            kind=_KINDS[get["kind"][i]],
            when=TimeSpan(get["when"][i]),
            title=get["title"][i],
            summary=get["summary"][i],
            place=place,
            participants=tuple(
                Participant(p["actor"], _ROLES[p["role"]], p["side"], p["associated"])
                for p in nested["participants"][i] or ()
            ),
            casualties=tuple(
                Casualties(c["label"], c["group"], _count(c, "killed"), _count(c, "wounded"))
                for c in nested["casualties"][i] or ()
            ),
            cameo=get["cameo"][i],
            metrics=m,
            external_ids=tuple(ExternalId(e["scheme"], e["value"]) for e in nested["external_ids"][i] or ()),
        )


def table_to_events(table: pyarrow.Table) -> list[Event]:
    """Event objects for every row of ``table`` (the inverse of :func:`events_to_table`)."""
    return list(iter_events(table))
