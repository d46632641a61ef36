"""The event table: one Arrow schema, exact Event <-> row conversion, the column builder."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow")

from mideast_model.events import EventTableBuilder, events_to_table, table_to_events  # noqa: E402
from mideast_model.events.schema import METRIC_FIELDS, schema  # noqa: E402
from mideast_model.model import Event, EventKind, Metrics, Participant, Role  # noqa: E402
from mideast_model.testing import strategies as mst  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.lists(mst.events(), max_size=8, unique_by=lambda e: e.id))
def test_round_trip_gives_the_same_events(events: list[Event]) -> None:
    table = events_to_table(events)
    assert table.schema.equals(schema(), check_metadata=False)
    assert table.num_rows == len(events)
    assert table_to_events(table) == events


@settings(max_examples=20, deadline=None)
@given(st.lists(mst.events(), min_size=1, max_size=5, unique_by=lambda e: e.id))
def test_round_trip_through_parquet(tmp_path_factory: pytest.TempPathFactory, events: list[Event]) -> None:
    import pyarrow.parquet as pq

    path = tmp_path_factory.mktemp("pq") / "events.parquet"
    pq.write_table(events_to_table(events), path)
    assert table_to_events(pq.read_table(path)) == events


def test_metric_columns_are_the_metrics_fields() -> None:
    assert [name for name, _ in METRIC_FIELDS] == [f.name for f in attrs.fields(Metrics)]


def test_derived_columns_follow_the_time_span() -> None:
    event = Event(id="event:x", kind=EventKind.AIRSTRIKE, when="2020-03", title="strikes")
    row = events_to_table([event]).to_pylist()[0]
    assert str(row["earliest"]) == "2020-03-01" and str(row["latest"]) == "2020-03-31"
    assert str(row["day"]) == "2020-03-16" and row["precision"] == "month"
    assert row["plover"] == "ASSAULT" and row["has_metrics"] is False
    open_end = Event(id="event:y", kind=EventKind.OTHER, when="2019-11/..", title="open")
    row = events_to_table([open_end]).to_pylist()[0]
    assert row["latest"] is None and str(row["day"]) == "2019-11-01"


def test_builder_appends_plain_values_like_objects() -> None:
    builder = EventTableBuilder(source="source:test")
    builder.append(
        id="event:a",
        kind="airstrike",
        when="2020-03-12",
        title="Strike",
        cameo="195",
        place={"name": "Jurf al-Sakhar", "country": "IRQ", "lat": 32.9, "lon": 44.1, "precision": "locality"},
        participants=[("actor:usa", "initiator", 1, False), ("actor:kh", Role.TARGET, 2, False)],
        metrics={"goldstein": -10.0, "fatalities_best": 5},
        external_ids=[("acled", "IRQ1")],
    )
    table = builder.finish()
    (event,) = table_to_events(table)
    assert event.participants == (Participant("actor:usa", Role.INITIATOR, 1), Participant("actor:kh", Role.TARGET, 2))
    assert event.metrics == Metrics(goldstein=-10.0, fatalities_best=5)
    assert event.place is not None and event.place.country == "IRQ"
    assert table.column("source").to_pylist() == ["source:test"]
    assert events_to_table([event]).drop_columns(["source"]).equals(table.drop_columns(["source"]))


def test_from_arrays_fills_defaults_and_rejects_bad_columns() -> None:
    table = EventTableBuilder.from_arrays(
        {"id": ["event:1", "event:2"], "kind": ["protest", "riot"], "when": ["2020-01-03", "2020"], "title": ["a", "b"]}
    )
    assert [e.kind.value for e in table_to_events(table)] == ["protest", "riot"]
    assert table.column("participants").to_pylist() == [[], []]
    with pytest.raises(ValueError, match="not event kinds"):
        EventTableBuilder.from_arrays({"id": ["e"], "kind": ["nonsense"], "when": ["2020"], "title": ["t"]})
    with pytest.raises(ValueError, match="not columns"):
        EventTableBuilder.from_arrays({"id": ["e"], "colour": ["red"]})
    with pytest.raises(ValueError, match="must not be null"):
        EventTableBuilder.from_arrays({"id": ["e"], "kind": ["riot"], "when": ["2020"]})


def test_import_mideast_model_does_not_import_pyarrow_or_duckdb() -> None:
    import subprocess
    import sys

    code = (
        "import sys, mideast_model, mideast_model.events\n"
        "print(sorted(m for m in ('pyarrow', 'duckdb') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
