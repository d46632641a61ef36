"""Tests of the UCDP GED importer and the UCDP side resolution."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mideast_model_ucdp.reader import COLUMNS, edtf_span

from mideast_model.errors import InvalidInputError
from mideast_model.model import ActorKind, EventKind, GeoPrecision, Metrics, Predicate, Role, TimeSpan
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

GED = FIXTURES / "ged_fixture.csv"
UCDP = "ucdp-ged-uncertainUCDP"


@pytest.fixture
def ucdp():
    return get_importer("ucdp")


def test_sniff(ucdp) -> None:
    assert ucdp.sniff(GED.read_bytes()[:2048], GED.name)
    assert not ucdp.sniff(b"event_id_cnty,event_date\n", None)


def test_fixture(ucdp) -> None:
    data = check_importer(ucdp, GED)
    first = data.events["event:ucdp:900001"]
    assert first.kind is EventKind.MILITARY_FORCE and first.when.edtf == "2020-03-02"
    assert first.place is not None and first.place.precision is GeoPrecision.POINT and first.place.country == "IRQ"
    assert {p.actor for p in first.participants} == {"actor:iraq", "actor:islamic-state"}
    total = first.casualties[-1].killed
    assert total is not None and (total.low, total.high) == (4, 6)
    by_label = {c.label: c for c in first.casualties}
    assert by_label["side B: IS"].group == "actor:islamic-state" and by_label["side B: IS"].killed.low == 3  # type: ignore[union-attr]
    best = data.claims["claim:ucdp:900001:best"]
    assert best.predicate is Predicate.COUNT and best.value is not None and best.value.count is not None
    assert best.value.count.low == 4
    assert {data.sources[s].title for s in data.claims["claim:ucdp:900001"].cites} == {"Fixture Wire", "Fixture Daily"}
    assert first.metrics == Metrics(fatalities_low=4, fatalities_best=4, fatalities_high=6, time_precision=1,
                                    geo_precision=1)  # fmt: skip
    assert first.external_id("ucdp") == "900001"
    assert {p.side for p in first.participants} == {1, 2}


def test_inconsistent_estimates_are_kept_and_flagged(ucdp) -> None:
    data = check_importer(ucdp, GED)
    event = data.events["event:ucdp:900002"]
    assert event.when.edtf == "2020-03"  # a whole month at date_prec 4
    total = event.casualties[-1].killed
    assert total is not None and (total.low, total.high) == (7, 8) and "best 7, low 8, high 7" in (total.text or "")
    assert event.metrics is not None and event.metrics.fatalities_best == 7
    assert event.metrics.fatalities_low is None and event.metrics.fatalities_high is None  # not a valid range
    flag = data.claims["claim:ucdp:900002:deaths-inconsistent"]
    assert flag.attribute == "deaths:inconsistent" and flag.machine
    file_source = data.sources[flag.source]
    assert "deaths_inconsistent=1" in (file_source.description or "")
    assert "claim:ucdp:900001:deaths-inconsistent" not in data.claims


def test_gwno_lists_and_government_alliances(ucdp) -> None:
    data = check_importer(ucdp, GED)
    event = data.events["event:ucdp:900003"]
    assert "=" not in (event.summary or "")  # typed metrics, not key=value text
    assert {"actor:iraq", "actor:usa"} <= {p.actor for p in event.participants}
    assert event.when.edtf == "2020-03-10/2020-03-13"


def test_one_sided_violence(ucdp) -> None:
    data = check_importer(ucdp, GED)
    event = data.events["event:ucdp:900004"]
    assert event.kind is EventKind.ASSAULT and event.when.edtf == "2020"
    roles = {p.actor: p.role for p in event.participants}
    assert roles["actor:iran"] is Role.INITIATOR and roles["actor:ucdp:1"] is Role.VICTIM
    assert data.actors["actor:ucdp:1"].kind is ActorKind.GROUP and not data.actors["actor:ucdp:1"].resolved
    assert event.place is not None and event.place.precision is GeoPrecision.COUNTRY


def test_edtf_span() -> None:
    d = dt.date
    assert edtf_span(d(2020, 1, 1), d(2020, 1, 1), 1) == "2020-01-01"
    assert edtf_span(d(2020, 1, 1), d(2020, 1, 1), 3) == "2020-01-01~"
    assert edtf_span(d(2020, 2, 1), d(2020, 2, 29), 4) == "2020-02"
    assert edtf_span(d(2020, 2, 1), d(2020, 2, 29), 2) == "2020-02-01/2020-02-29"
    assert edtf_span(d(2019, 1, 1), d(2019, 12, 31), 5) == "2019"
    assert edtf_span(d(2019, 1, 5), d(2019, 3, 1), 5) == "2019-01-05/2019-03-01"
    for args in ((d(2020, 1, 1), d(2020, 1, 9), 2), (d(2020, 1, 1), d(2020, 1, 1), 5)):
        span = TimeSpan(edtf_span(*args))
        assert span.earliest <= args[0] and span.latest >= args[1] - dt.timedelta(days=0)


def test_resolve_actor_hook() -> None:
    found = resolve_actor("Government of Iraq", {"scheme": "ucdp"})
    assert found is not None and found.id == "actor:iraq"
    assert resolve_actor("Taleban", {"scheme": "ucdp"}) is None


def test_real_sample_imports(ucdp) -> None:
    path = shared(UCDP, "ged231_sample1000.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    data = check_importer(ucdp, path)
    assert len(data.events) == len(rows) == 1000
    flags = [c for c in data.claims.values() if c.attribute == "deaths:inconsistent"]
    bad = [r for r in rows if not int(r["low"]) <= int(r["best"]) <= int(r["high"])]
    assert len(flags) == len(bad) == 13
    for r in rows:
        event = data.events[f"event:ucdp:{r['id']}"]
        assert event.when.earliest == dt.date.fromisoformat(r["date_start"][:10])
        assert event.when.latest == dt.date.fromisoformat(r["date_end"][:10])
        total = event.casualties[-1].killed
        assert total is not None
        values = (int(r["best"]), int(r["low"]), int(r["high"]))
        assert (total.low, total.high) == (min(values), max(values))
    iraq = [e for e in data.events.values() if e.place is not None and e.place.country == "IRQ"]
    assert len(iraq) == 19


def _real_or_fixture() -> Path:
    try:
        return shared(UCDP, "ged231_sample1000.csv")
    except pytest.skip.Exception:
        return GED


def _drop_one(line: bytes) -> bytes:
    return line.rstrip(b"\n").rsplit(b",", 1)[0] + b"\n"


def test_mutated_files(ucdp, tmp_path: Path) -> None:
    source = _real_or_fixture()
    rows = len(list(csv.reader(source.read_text(encoding="utf-8").splitlines(keepends=True)))) - 1
    results = check_mutations(ucdp, source, tmp_path, header=True, delimiter=b",", short_row=_drop_one)
    for name, (_, dataset) in results.items():
        assert dataset is None or len(dataset.events) == rows - 1, name


def test_bom_and_crlf_import_the_same(ucdp, tmp_path: Path) -> None:
    check_bom_and_crlf(ucdp, _real_or_fixture(), tmp_path)


def test_end_before_start_is_a_bad_row(ucdp, tmp_path: Path) -> None:
    good, bad = "2020-03-10 00:00:00.000,2020-03-13", "2020-03-10 00:00:00.000,2020-03-09"
    text = GED.read_text(encoding="utf-8").replace(good, bad)
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    err = check_importer_rejects(ucdp, path)
    assert err.line == 4 and err.field == "date_end"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(["id", "type_of_violence", "date_start", "date_end", "date_prec", "where_prec", "best",
                           "low", "high", "deaths_a", "latitude", "gwnoa", "side_a", "event_clarity"]),
    junk=st.text(min_size=0, max_size=12),
    width=st.sampled_from([49, 48, 50]),
)  # fmt: skip
def test_malformed_rows_give_typed_errors(
    tmp_path_factory: pytest.TempPathFactory, field: str, junk: str, width: int
) -> None:
    ucdp = get_importer("ucdp")
    with open(GED, encoding="utf-8", newline="") as fh:
        header, good, other, *_ = list(csv.reader(fh))
    row = list(good)
    row[COLUMNS.index(field)] = junk
    row = [*row, "x"][:width]
    path = tmp_path_factory.mktemp("h") / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, other, row])
    kind, result = outcome(ucdp, path)
    if kind == "error":
        assert isinstance(result, InvalidInputError)
        kind, result = outcome(ucdp, path, skip_bad=True)
    assert kind == "ok"
    dataset, skipped = result  # type: ignore[misc]
    assert len(dataset.events) + len(skipped) == 2


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(tmp_path_factory: pytest.TempPathFactory, blob: bytes) -> None:
    path = tmp_path_factory.mktemp("b") / "blob.csv"
    path.write_bytes(b"\n".join([b",".join(c.encode() for c in COLUMNS), blob]))
    outcome(get_importer("ucdp"), path, skip_bad=True)


@pytest.mark.parametrize(
    ("field", "value"),
    [("date_start", "2020-03-02T25:00:00"), ("date_end", "9999-12-31"), ("best", "١٢"), ("best", "+7"),
     ("high", "1e18"), ("deaths_a", "1_000"), ("latitude", "nan")],
)  # fmt: skip
def test_values_that_lie_are_typed_row_errors(ucdp, tmp_path: Path, field: str, value: str) -> None:
    import csv

    from mideast_model.api import read_input

    with open(GED, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[1][rows[0].index(field)] = value
    path = tmp_path / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    with pytest.raises(InvalidInputError) as info:
        read_input(ucdp, str(path))
    assert info.value.line == 2 and info.value.field in (field, "date_end")
    data, skipped = read_input(ucdp, str(path), skip_bad=True)
    assert len(skipped) == 1 and len(data.events) == len(rows) - 2


def test_an_acled_file_is_named(ucdp) -> None:
    from mideast_model.api import read_input

    acled = Path(__file__).parents[2] / "acled" / "tests" / "fixtures" / "camp_taji_acled.csv"
    with pytest.raises(InvalidInputError, match="looks like an ACLED export, not a UCDP GED file"):
        read_input(ucdp, str(acled))
