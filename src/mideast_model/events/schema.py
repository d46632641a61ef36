"""The Arrow schema of the event table (documented field by field in ``docs/event-table.md``).

One row per event. Columns mirror :class:`~mideast_model.model.Event` (so a row converts
back to the same object) plus query columns derived from it (``earliest``, ``latest``,
``fuzzy_earliest``, ``fuzzy_latest``, ``day``, ``precision``, ``plover``) and two row-level
columns that are not part of the object: ``source`` (the dataset source the row comes from) and ``url`` (the article).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow

__all__ = ["CASUALTY_FIELDS", "DERIVED", "METRIC_FIELDS", "ROW_ONLY", "SCHEMA_VERSION", "schema"]

#: Version of the event table's layout, written into each Parquet file's metadata.
SCHEMA_VERSION = "2"

#: Metric columns, in :class:`~mideast_model.model.Metrics` order, with their Arrow type names.
METRIC_FIELDS: tuple[tuple[str, str], ...] = (
    ("goldstein", "float64"),
    ("quad_class", "int8"),
    ("tone", "float64"),
    ("mentions", "int64"),
    ("sources", "int64"),
    ("articles", "int64"),
    ("fatalities_low", "int64"),
    ("fatalities_best", "int64"),
    ("fatalities_high", "int64"),
    ("interaction", "int32"),
    ("time_precision", "int16"),
    ("geo_precision", "int16"),
)

#: Columns computed from the others (ignored when rows become objects).
DERIVED = ("earliest", "latest", "fuzzy_earliest", "fuzzy_latest", "day", "precision", "plover")
#: Columns of the row that the Event object does not hold.
ROW_ONLY = ("source", "url")

CASUALTY_FIELDS = (
    "label", "group", "killed_low", "killed_high", "killed_approximate", "killed_text",
    "wounded_low", "wounded_high", "wounded_approximate", "wounded_text",
)  # fmt: skip


def participant_type() -> pyarrow.DataType:
    """``struct<actor, role, side, associated>``: one participant of an event."""
    import pyarrow as pa

    return pa.struct(
        [
            pa.field("actor", pa.string(), nullable=False),
            pa.field("role", pa.string(), nullable=False),
            pa.field("side", pa.int8()),
            pa.field("associated", pa.bool_(), nullable=False),
        ]
    )


def casualty_type() -> pyarrow.DataType:
    """``struct<label, group, killed_*, wounded_*>``: killed and wounded among one group."""
    import pyarrow as pa

    fields = [pa.field("label", pa.string(), nullable=False), pa.field("group", pa.string())]
    for what in ("killed", "wounded"):
        fields += [
            pa.field(f"{what}_low", pa.int64()),
            pa.field(f"{what}_high", pa.int64()),
            pa.field(f"{what}_approximate", pa.bool_()),
            pa.field(f"{what}_text", pa.string()),
        ]
    return pa.struct(fields)


def external_id_type() -> pyarrow.DataType:
    """``struct<scheme, value>``: the row's id in a dataset."""
    import pyarrow as pa

    return pa.struct([pa.field("scheme", pa.string(), nullable=False), pa.field("value", pa.string(), nullable=False)])


def schema() -> pyarrow.Schema:
    """The Arrow schema of the event table (the same for every source)."""
    import pyarrow as pa

    fields = [
        pa.field("id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("when", pa.string(), nullable=False),
        pa.field("earliest", pa.date32()),
        pa.field("latest", pa.date32()),
        pa.field("fuzzy_earliest", pa.date32()),
        pa.field("fuzzy_latest", pa.date32()),
        pa.field("day", pa.date32()),
        pa.field("precision", pa.string()),
        pa.field("title", pa.string(), nullable=False),
        pa.field("summary", pa.string()),
        pa.field("cameo", pa.string()),
        pa.field("plover", pa.string()),
        pa.field("place_name", pa.string()),
        pa.field("place_country", pa.string()),
        pa.field("place_admin1", pa.string()),
        pa.field("place_lat", pa.float64()),
        pa.field("place_lon", pa.float64()),
        pa.field("place_precision", pa.string()),
        pa.field("participants", pa.list_(pa.field("item", participant_type(), nullable=False))),
        pa.field("casualties", pa.list_(pa.field("item", casualty_type(), nullable=False))),
        pa.field("has_metrics", pa.bool_(), nullable=False),
        *(pa.field(name, getattr(pa, type_name)()) for name, type_name in METRIC_FIELDS),
        pa.field("external_ids", pa.list_(pa.field("item", external_id_type(), nullable=False))),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
    ]
    return pa.schema(fields, metadata={b"mideast_model.event_table": SCHEMA_VERSION.encode()})
