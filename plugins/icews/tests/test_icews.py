"""Tests of the ICEWS importer and the ICEWS actor-name resolution."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mideast_model_icews.reader import COLUMNS, sector_kind

from mideast_model.errors import InvalidInputError
from mideast_model.model import ActorKind, EventKind, GeoPrecision, Role
from mideast_model.plugins import get_importer, resolve_actor
from mideast_model.testing.importers import (
    check_bom_and_crlf,
    check_importer,
    check_mutations,
    fixtures_dir,
    import_file,
    outcome,
    shared,
)

FIXTURES = fixtures_dir(__file__)

TAB = FIXTURES / "icews_fixture.tab"
ICEWS = "icews-sample-andybega"


@pytest.fixture
def icews():
    return get_importer("icews")


def test_sniff(icews) -> None:
    assert icews.sniff(TAB.read_bytes()[:2048], TAB.name)
    assert not icews.sniff(b"id,relid\n", None)


def test_fixture(icews) -> None:
    data = check_importer(icews, TAB)
    # two different rows share Event ID 99000001: two events; a verbatim repeat is imported once
    assert len(data.events) == 3
    shared_id = sorted(
        (e for e in data.events.values() if e.external_id("icews") == "99000001"), key=lambda e: e.cameo or ""
    )
    assert len(shared_id) == 2 and len({e.id for e in shared_id}) == 2
    taji = next(e for e in shared_id if e.cameo == "194")
    assert taji.kind is EventKind.ARTILLERY_OR_ROCKET_ATTACK and taji.cameo == "194"
    assert taji.place is not None and taji.place.name == "Taji" and taji.place.precision is GeoPrecision.LOCALITY
    assert taji.place.country == "IRQ"
    statement = next(e for e in data.events.values() if e.cameo == "010")
    assert [p.role for p in statement.participants] == [Role.INITIATOR]  # Target Name NA = no target
    assert statement.place is not None and statement.place.precision is GeoPrecision.COUNTRY
    assert statement.summary is None  # typed metrics, not key=value text
    assert taji.metrics is not None and taji.metrics.quad_class == 4 and taji.metrics.goldstein is not None
    assert [p.side for p in taji.participants] == [1, 2]
    assert all(c.machine and c.confidence == 0.3 for c in data.claims.values())
    militia = next(a for a in data.actors.values() if a.name == "Militia (Iraq)")
    assert militia.resolved is False and militia.kind is ActorKind.ARMED_GROUP and militia.country == "IRQ"
    assert data.actors["actor:us-military"].resolved
    file_source = next(s for s in data.sources.values() if ":file:" in s.id)
    assert "rows_repeated_verbatim=1" in (file_source.description or "")
    assert "event_ids_shared_by_rows=1" in (file_source.description or "")


def test_ids_are_deterministic(icews, tmp_path: Path) -> None:
    lines = TAB.read_bytes().splitlines(keepends=True)
    reordered = tmp_path / "reordered.tab"
    reordered.write_bytes(lines[0] + b"".join(reversed(lines[1:])))
    a, _ = import_file(icews, TAB)
    b, _ = import_file(icews, reordered)
    assert dict(a.events) == dict(b.events)
    assert dict(a.actors) == dict(b.actors)


def test_sector_kinds() -> None:
    assert sector_kind("Military,Government") is ActorKind.MILITARY
    assert sector_kind("Executive,Foreign Ministry,Government") is ActorKind.GOVERNMENT_BODY
    assert sector_kind("") is None


def test_resolve_actor_hook() -> None:
    found = resolve_actor("Military (United States)", {"scheme": "icews"})
    assert found is not None and found.id == "actor:us-military"
    assert resolve_actor("Citizen (Iraq)", {"scheme": "icews"}) is None


def test_real_sample_imports(icews) -> None:
    path = shared(ICEWS, "events.2018.sample.tab")
    lines = [line for line in path.read_bytes().splitlines()[1:] if line.strip()]
    data = check_importer(icews, path)
    assert len(data.events) == len(lines) == 3705
    na_city = sum(1 for line in lines if line.split(b"\t")[14] == b"NA")
    assert na_city == 1111
    for event in data.events.values():
        assert event.place is None or event.place.name != "NA"
        assert event.cameo is not None and event.cameo.isdigit()


def _real_or_fixture() -> Path:
    try:
        return shared(ICEWS, "events.2018.sample.tab")
    except pytest.skip.Exception:
        return TAB


def _drop_one(line: bytes) -> bytes:
    return line.rstrip(b"\n").rsplit(b"\t", 1)[0] + b"\n"


def test_mutated_files(icews, tmp_path: Path) -> None:
    # ICEWS repeats Event IDs: a lost row that repeats another leaves its event in place,
    # which the kit's check allows (events unchanged, at most one lost).
    check_mutations(icews, _real_or_fixture(), tmp_path, header=True, delimiter=b"\t", short_row=_drop_one)


def test_bom_and_crlf_import_the_same(icews, tmp_path: Path) -> None:
    check_bom_and_crlf(icews, _real_or_fixture(), tmp_path)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(["Event ID", "Event Date", "CAMEO Code", "Intensity", "Latitude", "Longitude",
                           "Story ID", "Sentence Number", "Source Name", "Country"]),
    junk=st.text(alphabet=st.characters(codec="utf-8", blacklist_characters="\t\n\r"), min_size=0, max_size=12),
    width=st.sampled_from([20, 19, 21]),
)  # fmt: skip
def test_malformed_rows_give_typed_errors(
    tmp_path_factory: pytest.TempPathFactory, field: str, junk: str, width: int
) -> None:
    icews = get_importer("icews")
    header, good, _, other, *_ = TAB.read_text(encoding="utf-8").splitlines()
    row = good.split("\t")
    row[COLUMNS.index(field)] = junk
    row = [*row, "x"][:width]
    path = tmp_path_factory.mktemp("h") / "bad.tab"
    path.write_text("\n".join([header, other, "\t".join(row)]) + "\n", encoding="utf-8")
    kind, result = outcome(icews, path)
    if kind == "error":
        assert isinstance(result, InvalidInputError)
        kind, result = outcome(icews, path, skip_bad=True)
    assert kind == "ok"
    dataset, skipped = result  # type: ignore[misc]
    assert len(dataset.events) + len(skipped) == 2


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(tmp_path_factory: pytest.TempPathFactory, blob: bytes) -> None:
    path = tmp_path_factory.mktemp("b") / "blob.tab"
    path.write_bytes(b"\n".join([b"\t".join(c.encode() for c in COLUMNS), blob]))
    outcome(get_importer("icews"), path, skip_bad=True)


@pytest.mark.parametrize(
    ("field", "value"), [("Event ID", "١٢"), ("Event Date", "9999-12-31"), ("Event Date", "20180601"),
                         ("Intensity", "nan"), ("Story ID", "+7")],
)  # fmt: skip
def test_values_that_lie_are_typed_row_errors(icews, tmp_path: Path, field: str, value: str) -> None:
    from mideast_model.api import read_input

    lines = TAB.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    row = lines[1].split("\t")
    row[header.index(field)] = value
    path = tmp_path / "bad.tab"
    path.write_text("\n".join([lines[0], "\t".join(row), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        read_input(icews, str(path))
    assert info.value.line == 2 and info.value.field == field


def test_a_gdelt_file_is_named(icews) -> None:
    from mideast_model.api import read_input

    gdelt = Path(__file__).parents[2] / "gdelt" / "tests" / "fixtures" / "20200311190000.export.CSV"
    with pytest.raises(InvalidInputError, match=r"looks like a GDELT 2\.0 events export, not an ICEWS events file"):
        read_input(icews, str(gdelt))
