"""Tests of the ACLED importer and the ACLED actor-name resolution."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mideast_model_acled.reader import COLUMNS, EVENT_KINDS, EVENT_TYPE_DEFAULTS

from mideast_model.errors import InvalidInputError
from mideast_model.model import ActorKind, EventKind, ExternalId, GeoPrecision, Metrics, Role
from mideast_model.plugins import get_importer, resolve_actor
from mideast_model.testing.importers import (
    check_bom_and_crlf,
    check_importer,
    check_importer_rejects,
    check_mutations,
    fixtures_dir,
    outcome,
    shared,
)

FIXTURES = fixtures_dir(__file__)

TAJI = FIXTURES / "camp_taji_acled.csv"
OLD = FIXTURES / "old_format_acled.csv"
ACLED = "acled-acledR-tables"


@pytest.fixture
def acled():
    return get_importer("acled")


def test_sniff(acled) -> None:
    assert acled.sniff(TAJI.read_bytes()[:2048], TAJI.name)
    assert acled.sniff(OLD.read_bytes()[:2048], OLD.name)
    assert not acled.sniff(b"id,relid,year\n", None)


def test_camp_taji_fixture(acled) -> None:
    data = check_importer(acled, TAJI)
    event = data.events["event:acled:IRQ99001"]
    assert event.kind is EventKind.ARTILLERY_OR_ROCKET_ATTACK
    assert event.when.edtf == "2020-03-11"
    assert event.place is not None and event.place.country == "IRQ" and event.place.precision is GeoPrecision.LOCALITY
    roles = {p.actor: (p.role, p.side, p.associated) for p in event.participants}
    assert roles["actor:kataib-hezbollah"] == (Role.INITIATOR, 1, False)
    assert roles["actor:us-military"] == (Role.TARGET, 2, False)
    assert roles["actor:uk-armed-forces"] == (Role.TARGET, 2, True)  # assoc_actor_2: a member of side 2
    assert event.external_ids == (ExternalId("acled", "IRQ99001"),)
    assert event.metrics == Metrics(fatalities_best=3, interaction=38, time_precision=1, geo_precision=1)
    (casualty,) = event.casualties
    assert casualty.killed is not None and casualty.killed.low == casualty.killed.high == 3
    claim = data.claims["claim:acled:IRQ99001"]
    assert claim.source == "source:acled" and not claim.machine
    assert claim.evidence is not None and claim.evidence.startswith("On 11 March 2020")
    assert {data.sources[s].title for s in claim.cites} == {"Fixture Wire", "Fixture Daily (Iraq)"}
    assert claim.about == ()
    assert "=" not in (event.summary or "")  # typed metrics, not key=value text
    assert data.actors["actor:iraqi-protesters"].resolved  # "Protesters (Iraq)": alias, country qualifier dropped
    students = next(a for a in data.actors.values() if a.name == "Students (Iraq)")
    assert students.resolved is False and students.kind is ActorKind.GROUP and students.country == "IRQ"


def test_older_header_and_event_types(acled) -> None:
    data = check_importer(acled, OLD)
    assert data.events["event:acled:IRQ0001"].kind is EventKind.ARMED_CLASH
    assert data.events["event:acled:IRQ0001"].when.edtf == "2018-01-03"  # day first
    ied = data.events["event:acled:IRQ0002"]
    assert ied.kind is EventKind.MILITARY_FORCE and ied.when.edtf == "2018-01-12/2018-01-18"  # a week
    assert {p.role for p in ied.participants} == {Role.INITIATOR, Role.VICTIM}
    protest = data.events["event:acled:IRQ0003"]
    assert protest.kind is EventKind.PROTEST and protest.when.edtf == "2018-02"  # a month
    assert protest.place is not None and protest.place.precision is GeoPrecision.REGION
    assert [(p.role, p.side, p.associated) for p in protest.participants] == [
        (Role.PARTICIPANT, 1, False),
        (Role.PARTICIPANT, 1, True),  # ALLY_ACTOR_1
    ]
    assert data.actors["actor:iraqi-security-forces"].resolved
    assert data.actors["actor:islamic-state"].resolved


def test_resolve_actor_hook() -> None:
    found = resolve_actor("Military Forces of the United States (2017-2021)", {"scheme": "acled"})
    assert found is not None and found.id == "actor:us-military"
    assert resolve_actor("Protesters (Iran)", {"scheme": "acled"}) is None  # not the seed's Iraqi protesters


def test_unknown_event_type_is_a_bad_row(acled, tmp_path: Path) -> None:
    text = TAJI.read_text(encoding="utf-8").replace("Explosions/Remote violence", "Explosions/Remote violins")
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    err = check_importer_rejects(acled, path)
    assert err.line == 2 and err.field == "event_type"


def test_kind_table_covers_the_taxonomy() -> None:
    assert len(EVENT_KINDS) == 25
    assert {t for t, _ in EVENT_KINDS} <= set(EVENT_TYPE_DEFAULTS)


def test_kind_table_covers_acleds_published_taxonomy() -> None:
    path = shared(ACLED, "acled_event_categories.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        pairs = {(r["event_type"].lower(), r["sub_event_type"].lower()) for r in csv.DictReader(fh)}
    assert pairs == set(EVENT_KINDS)


def test_real_sample_imports(acled) -> None:
    path = shared(ACLED, "acled_old_dummy.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    data = check_importer(acled, path)
    assert len(data.events) == len(rows) == 326
    assert {e.removeprefix("event:acled:") for e in data.events} == {r["event_id_cnty"] for r in rows}
    typo = sum(1 for r in rows if r["disorder_type"] == "Demostrations")
    assert typo == 320
    fatalities = {f"event:acled:{r['event_id_cnty']}": int(r["fatalities"]) for r in rows}
    for event in data.events.values():
        assert event.casualties[0].killed is not None
        assert event.casualties[0].killed.low == fatalities[event.id]
        assert event.metrics is not None and event.metrics.fatalities_best == fatalities[event.id]


def _real_or_fixture() -> Path:
    try:
        return shared(ACLED, "acled_old_dummy.csv")
    except pytest.skip.Exception:
        return TAJI


def _drop_one(line: bytes) -> bytes:
    return line.rstrip(b"\n").rsplit(b",", 1)[0] + b"\n"


def test_mutated_files(acled, tmp_path: Path) -> None:
    source = _real_or_fixture()
    rows = len(list(csv.reader(source.read_text(encoding="utf-8").splitlines(keepends=True)))) - 1
    results = check_mutations(acled, source, tmp_path, header=True, delimiter=b",", short_row=_drop_one)
    for name, (_, dataset) in results.items():
        assert dataset is None or len(dataset.events) == rows - 1, name


def test_bom_and_crlf_import_the_same(acled, tmp_path: Path) -> None:
    check_bom_and_crlf(acled, _real_or_fixture(), tmp_path)


def test_unclosed_quote_is_a_typed_error(acled, tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_bytes(TAJI.read_bytes().rstrip(b"\n")[:-40] + b'"unterminated\n')
    err = check_importer_rejects(acled, path)
    assert err.line is not None


def test_header_without_required_columns(acled, tmp_path: Path) -> None:
    path = tmp_path / "notacled.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    err = check_importer_rejects(acled, path)
    assert err.line == 1 and "event_id_cnty" in str(err)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(["event_date", "year", "time_precision", "event_type", "sub_event_type", "inter1",
                           "latitude", "longitude", "geo_precision", "fatalities", "event_id_cnty", "iso"]),
    junk=st.text(min_size=0, max_size=12),
    width=st.sampled_from([31, 30, 32]),
)  # fmt: skip
def test_malformed_rows_give_typed_errors(
    tmp_path_factory: pytest.TempPathFactory, field: str, junk: str, width: int
) -> None:
    acled = get_importer("acled")
    with open(TAJI, encoding="utf-8", newline="") as fh:
        header, good, other = list(csv.reader(fh))
    row = list(good)
    row[COLUMNS.index(field)] = junk
    row = [*row, "x"][:width]
    path = tmp_path_factory.mktemp("h") / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, other, row])
    kind, result = outcome(acled, path)
    if kind == "error":
        assert isinstance(result, InvalidInputError)
        kind, result = outcome(acled, path, skip_bad=True)
    assert kind == "ok"
    dataset, skipped = result  # type: ignore[misc]
    assert len(dataset.events) + len(skipped) == 2


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(tmp_path_factory: pytest.TempPathFactory, blob: bytes) -> None:
    path = tmp_path_factory.mktemp("b") / "blob.csv"
    path.write_bytes(b"\n".join([b",".join(c.encode() for c in COLUMNS), blob]))
    outcome(get_importer("acled"), path, skip_bad=True)
