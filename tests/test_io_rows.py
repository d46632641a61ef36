"""The RowImporter template (mideast_model.io.rows) through a toy format, and its shared row helpers."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ImportContext
from mideast_model.io import rows as c
from mideast_model.model import (
    Actor,
    ActorKind,
    Claim,
    Event,
    EventKind,
    Object,
    Participant,
    Role,
    Source,
    SourceKind,
)

TOY = Source(id="source:toy", title="Toy dataset", kind=SourceKind.DATASET, publisher="Toy Lab")


class _Toy(c.RowImporter):
    """id,actor,kind,outlet: one event per row, its actor by name (the hint: the row's kind)."""

    name, title, dataset = "toy", "Toy file", TOY
    header: c.Header

    def __init__(self, context: ImportContext) -> None:
        super().__init__(context)
        self.header = c.Header("a toy file", ("id", "actor", "kind"), known=("id", "actor", "kind", "outlet"))

    def make_actor(self, actor_id: str, name: str, hints: dict[str, int]) -> Actor:
        return Actor(id=actor_id, name=name, kind=ActorKind.GROUP, description=f"hints {sorted(hints)}", resolved=False)

    def row(self, fields: list[str]) -> list[Object]:
        get = self.cells(fields)
        key = self.unique(c.digits(get("id"), "id"), "id")
        aid = self.actor_id(get("actor"), hint=get("kind"))
        kind = c.cameo_kind(get("kind"), "kind")
        event = Event(
            id=f"event:toy:{key}",
            kind=kind,
            when="2020-03-11",
            title=key,
            participants=(Participant(aid, Role.INITIATOR),),
        )
        outlets = c.outlets(get("outlet"))
        return [event, self.occurred(key, event.id, cites=tuple(o.id for o in outlets)), *outlets]


def _read(text: str, *, skip_bad: bool = True) -> tuple[list[Object], ImportContext]:
    context = ImportContext(path="toy.csv", skip_bad=skip_bad)
    source = io.BytesIO(text.encode())
    source.name = "toy.csv"  # type: ignore[misc]
    return list(_Toy(context).read(source)), context


def test_a_key_and_actor_hints_are_kept_only_when_their_row_converts() -> None:
    objects, context = _read(
        "id,actor,kind,outlet\n"
        "1,Alpha,999,Wire\n"  # a bad CAMEO code: neither id 1 nor the hint 999 is kept
        "1,Alpha,190,Wire; Wire\n"  # so id 1 is still free
        "1,Beta,190,\n"  # and now it is taken
        "2,Alpha,042,\n"
    )
    assert [e.field for e in context.skipped] == ["kind", "id"]
    assert "id 1 appears twice in this file" in str(context.skipped[1])
    events = [o for o in objects if isinstance(o, Event)]
    assert [e.id for e in events] == ["event:toy:1", "event:toy:2"]
    (alpha,) = [o for o in objects if isinstance(o, Actor)]  # Beta's row failed: no actor for it
    assert alpha.name == "Alpha" and alpha.description == "hints ['042', '190']"


def test_each_source_once_then_actors_dataset_and_file_source_with_the_summary() -> None:
    objects, _ = _read("id,actor,kind,outlet,extra\n1,Alpha,190,Wire,x\n2,Alpha,042,Wire,y\n3,Alpha,1x,,z\n")
    ids = [o.id for o in objects]
    outlet = c.outlet_source("Wire").id
    assert ids.count(outlet) == 1 and ids.index(outlet) < ids.index("event:toy:2")
    assert ids[-3:] == [ids[-3], "source:toy", c.stable_id("source:toy:file", "toy.csv")]
    assert ids[-3].startswith("actor:toy:alpha-")
    claims = [o for o in objects if isinstance(o, Claim)]
    assert [(k.id, k.source, k.subject, k.cites) for k in claims] == [
        ("claim:toy:1", "source:toy", "event:toy:1", (outlet,)),
        ("claim:toy:2", "source:toy", "event:toy:2", (outlet,)),
    ]
    file_source = objects[-1]
    assert isinstance(file_source, Source)
    assert file_source.derived_from == ("source:toy",) and file_source.publisher == "Toy Lab"
    assert file_source.title == "Toy file toy.csv"
    assert file_source.description is not None
    summary = file_source.description.splitlines()[0]
    assert summary.startswith("Imported by mideast-model-toy: rows=3; events=2; skipped=1; ignored_columns=extra;")
    assert c.parse_resolution(file_source.description) == [("Alpha", ids[-3], None)]


def test_a_bad_row_without_skip_bad_names_file_line_and_field() -> None:
    with pytest.raises(InvalidInputError) as info:
        _read("id,actor,kind\n1,Alpha,190\n٣,Alpha,190\n", skip_bad=False)
    assert (info.value.path, info.value.line, info.value.field) == ("toy.csv", 3, "id")
    assert "ASCII digits" in str(info.value)


def test_the_keep_policy_applies_to_a_template_read() -> None:
    with pytest.raises(InvalidInputError, match="kept 1 of 3 rows"):
        _read("id,actor,kind\n1,Alpha,190\nx,Alpha,190\ny,Alpha,190\n")


def test_iso_day() -> None:
    assert c.iso_day(" 2020-03-11 ", "d") == dt.date(2020, 3, 11)
    assert c.iso_day("2020-03-11 23:59:59.5", "d", time=True) == dt.date(2020, 3, 11)
    bad = [("2020-03-11 10:00", False), ("2020-03-11T25:00:00", True), ("2020-02-30", False)]
    bad += [("１９９９-01-01", False), ("9999-12-31", False), ("0001-01-01", True), ("20200311", False)]
    for text, time in bad:
        with pytest.raises(c.RowError) as info:
            c.iso_day(text, "d", time=time)
        assert info.value.field == "d"


def test_digits_cameo_kind_coordinates_outlets() -> None:
    assert c.digits("0123", "id") == "0123"
    for bad in ("", "12a", "١٢", "1" * 21, "-1"):
        with pytest.raises(c.RowError):
            c.digits(bad, "id")
    assert c.cameo_kind("190", "code") is EventKind.from_cameo("190")
    for bad in ("", "1900x", "7", "99999", "٠٤٢"):
        with pytest.raises(c.RowError):
            c.cameo_kind(bad, "code")
    assert c.coordinates("33.3", "44.4", "lat", "lon") == (33.3, 44.4)
    assert c.coordinates("", "", "lat", "lon") == (None, None)
    with pytest.raises(c.RowError, match="latitude without longitude"):
        c.coordinates("33.3", "", "lat", "lon")
    with pytest.raises(c.RowError):
        c.coordinates("91", "0", "lat", "lon")
    found = c.outlets(" Reuters ; AFP;;Reuters")
    assert [s.title for s in found] == ["Reuters", "AFP"]
    assert c.kv([("a", 1), ("b", ""), ("c", None), ("d", "x;y")]) == "a=1; d=x,y"
    assert c.stable_id("actor:x", "Ab c") == c.stable_id("actor:x", "Ab c") != c.stable_id("actor:x", "Ab d")


def test_the_template_reads_a_path_too(tmp_path: Path) -> None:
    path = tmp_path / "named.csv"
    path.write_text("id,actor,kind\n7,Alpha,190\n", encoding="utf-8")
    objects = list(_Toy(ImportContext(path=str(path))).read(path))
    assert objects[-1].id == c.stable_id("source:toy:file", "named.csv")


def test_one_of_names_the_allowed_codes() -> None:
    assert c.one_of("2", ("1", "2", "3"), "prec") == "2"
    assert c.one_of("", ("1", "2"), "prec", empty=True) == ""
    with pytest.raises(c.RowError, match=r"prec must be 1, 2 or 3, got '4'") as info:
        c.one_of("4", {"1": 0, "2": 0, "3": 0}, "prec")
    assert info.value.field == "prec"
    with pytest.raises(c.RowError, match="must be 1 or 2, got ''"):
        c.one_of("", ("1", "2"), "clarity")


def test_place_takes_the_first_name_and_keeps_precision_only_with_coordinates() -> None:
    from mideast_model.model import GeoPrecision

    found = c.place(("", "Baghdad", "Iraq"), "IRQ", "", None, None, GeoPrecision.LOCALITY)
    assert found is not None and (found.name, found.admin1, found.precision) == ("Baghdad", None, None)
    found = c.place(("Taji",), None, "Baghdad", 33.5, 44.2, GeoPrecision.LOCALITY)
    assert found is not None and (found.admin1, found.precision) == ("Baghdad", GeoPrecision.LOCALITY)
    assert c.place(("", ""), "IRQ", "x", 33.5, 44.2, None) is None
