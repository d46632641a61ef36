"""Tests of the GDELT importer, the CAMEO resolution hook and the columnar path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mideast_model_gdelt.reader import EVENT_COLUMNS_V2, read_events, sniff

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ImportContext
from mideast_model.model import Claim, Event, EventKind, GeoPrecision, Role
from mideast_model.plugins import get_importer, resolve_actor
from mideast_model.testing.importers import (
    check_bom_and_crlf,
    check_importer,
    check_importer_rejects,
    check_mutations,
    fixtures_dir,
    import_file,
    outcome,
    shared,
)

FIXTURES = fixtures_dir(__file__)

EXPORT = FIXTURES / "20200311190000.export.CSV"
MIXED = FIXTURES / "gdelt1_mixed.tsv"
GDELT2 = "gdelt2-raw-spark-gdelt"
REAL_EXPORTS = [
    (GDELT2, "export_20150218230000+20200318104500_100rows.tsv"),
    (GDELT2, "translation.export_20150218224500+20200318103000_100rows.tsv"),
    ("gdelt1-mixed-spark-gdelt", "gdelt1_events_6slices_57and58col.tsv"),
    ("gdelt1-daily-reed9999", "events_sample.tsv"),
]


@pytest.fixture
def gdelt():
    return get_importer("gdelt")


def test_registered_and_sniffs(gdelt) -> None:
    assert gdelt.sniff is not None
    assert gdelt.sniff(EXPORT.read_bytes()[:4096], EXPORT.name)
    assert sniff(MIXED.read_bytes()[:4096], None)
    assert not sniff(b"Event ID\tEvent Date\n", None)


def test_camp_taji_fixture(gdelt) -> None:
    data = check_importer(gdelt, EXPORT)
    assert len(data.events) == 2
    event = data.events["event:gdelt:910100001"]
    assert event.kind is EventKind.ARTILLERY_OR_ROCKET_ATTACK
    assert event.cameo == "194"
    assert event.when.edtf == "2020-03-11"
    assert event.place is not None
    assert event.place.country == "IRQ"  # FIPS "IZ" mapped to ISO
    assert event.place.admin1 == "IZ07" and event.place.precision is GeoPrecision.LOCALITY
    assert event.metrics is not None and event.metrics.goldstein == -10.0 and event.metrics.quad_class == 4
    assert event.summary is None  # typed metrics, not key=value text
    assert event.external_id("gdelt") == "910100001"
    roles = {p.actor: (p.role, p.side) for p in event.participants}
    assert roles["actor:us-military"] == (Role.TARGET, 2)
    militia = data.actors["actor:cameo:IRQREB"]
    assert militia.resolved is False and militia.country == "IRQ" and militia.name == "Rebels (Iraq)"
    assert data.actors["actor:us-military"].resolved
    claim = data.claims["claim:gdelt:910100001"]
    assert claim.machine and 0.2 <= claim.confidence <= 0.5
    assert claim.source == "source:gdelt-2"
    assert claim.about == ()
    url_source = data.sources[claim.cites[0]]
    assert url_source.url is not None and url_source.url.startswith("https://example.org/")


def test_mentions_beside_the_export_are_joined(gdelt) -> None:
    data = check_importer(gdelt, EXPORT)
    mentions = [c for c in data.claims.values() if ":mention:" in c.id]
    assert len(mentions) == 2
    assert {c.subject for c in mentions} == {"event:gdelt:910100001"}
    best = max(mentions, key=lambda c: c.confidence)
    assert best.confidence == 0.5 and best.offsets == (12, 102)
    assert all(c.machine and 0.2 <= c.confidence <= 0.5 for c in mentions)
    file_source = next(s for s in data.sources.values() if s.id.startswith("source:gdelt:file:"))
    assert "mentions_joined=2" in (file_source.description or "")
    assert "mentions_unmatched=1" in (file_source.description or "")


def test_mentions_can_be_turned_off(tmp_path: Path) -> None:
    context = ImportContext(path=str(EXPORT), options={"mentions": "none"})
    objects = list(read_events(EXPORT, context))
    assert not [o for o in objects if isinstance(o, Claim) and ":mention:" in o.id]


def test_mentions_file_alone_is_refused(gdelt) -> None:
    err = check_importer_rejects(gdelt, FIXTURES / "20200311190000.mentions.CSV")
    assert "mentions file" in str(err)


def test_gdelt1_57_and_58_columns_in_one_file(gdelt) -> None:
    data = check_importer(gdelt, MIXED)
    assert set(data.events) == {"event:gdelt:300000001", "event:gdelt:300000002"}
    assert data.claims["claim:gdelt:300000001"].cites == ()
    assert data.claims["claim:gdelt:300000002"].cites != ()
    assert data.claims["claim:gdelt:300000001"].source == "source:gdelt-1"


def test_resolve_actor_hook() -> None:
    found = resolve_actor("USAMIL", {"scheme": "cameo", "dataset": "gdelt"})
    assert found is not None and found.id == "actor:us-military"
    assert resolve_actor("IRQREB", {"scheme": "cameo"}) is None


@pytest.mark.parametrize(("folder", "name"), REAL_EXPORTS)
def test_real_files_import(gdelt, folder: str, name: str) -> None:
    path = shared(folder, name)
    rows = [line for line in path.read_bytes().splitlines() if line.strip()]
    data = check_importer(gdelt, path)
    assert len(data.events) == len(rows)
    assert all(c.machine for c in data.claims.values())
    ids = {line.split(b"\t")[0].decode() for line in rows}
    assert {e.removeprefix("event:gdelt:") for e in data.events} == ids
    for event in data.events.values():
        assert event.cameo is not None and event.cameo.isdigit() and len(event.cameo) >= 2


@pytest.mark.parametrize("prefix", ["", "translation."])
def test_real_mentions_join(gdelt, prefix: str) -> None:
    export = next(shared(GDELT2).glob(f"{prefix}export_*.tsv"))
    mentions = next(shared(GDELT2).glob(f"{prefix}mentions_*.tsv"))
    events = {line.split(b"\t")[0] for line in export.read_bytes().splitlines()}
    expected = sum(1 for line in mentions.read_bytes().splitlines() if line.split(b"\t")[0] in events)
    data, skipped = import_file(gdelt, export)
    assert not skipped
    joined = [c for c in data.claims.values() if ":mention:" in c.id]
    assert len(joined) == expected and expected > 0
    if not prefix:
        assert expected == 52  # PROVENANCE.md: 52 of the 100 mention rows are in the export


def _real_or_fixture() -> Path:
    try:
        return shared(GDELT2, "export_20150218230000+20200318104500_100rows.tsv")
    except pytest.skip.Exception:
        return EXPORT


def _drop_four(line: bytes) -> bytes:
    return b"\t".join(line.rstrip(b"\n").split(b"\t")[:57]) + b"\n"


def test_mutated_files(gdelt, tmp_path: Path) -> None:
    source = _real_or_fixture()
    rows = len(source.read_bytes().splitlines())
    results = check_mutations(gdelt, source, tmp_path, header=False, delimiter=b"\t", short_row=_drop_four)
    error, _ = results["non_utf8"]
    assert "column" in str(error) and error.field == "GLOBALEVENTID"
    error, _ = results["short_row"]
    assert "57 columns" in str(error)
    for name, (_, dataset) in results.items():
        assert dataset is None or len(dataset.events) == rows - 1, name


def test_bom_and_crlf_import_the_same(gdelt, tmp_path: Path) -> None:
    check_bom_and_crlf(gdelt, _real_or_fixture(), tmp_path)


def test_non_utf8_error_names_line_and_column(gdelt, tmp_path: Path) -> None:
    lines = EXPORT.read_bytes().splitlines(keepends=True)
    bad = lines[1].replace(b"WHITE HOUSE", b"WHITE H\xd4USE")
    path = tmp_path / "latin.CSV"
    path.write_bytes(lines[0] + bad)
    err = check_importer_rejects(gdelt, path)
    assert err.line == 2 and err.field == "Actor1Name" and "column" in str(err)


def test_duplicate_event_id_is_a_bad_row(gdelt, tmp_path: Path) -> None:
    first = EXPORT.read_bytes().splitlines(keepends=True)[0]
    path = tmp_path / "dup.tsv"
    path.write_bytes(first + first)
    err = check_importer_rejects(gdelt, path)
    assert err.line == 2 and err.field == "GLOBALEVENTID"


_FIELDS = ["SQLDATE", "EventCode", "QuadClass", "GoldsteinScale", "NumSources", "AvgTone", "ActionGeo_Lat",
           "ActionGeo_Type", "Actor1Code", "GLOBALEVENTID", "IsRootEvent", "DATEADDED"]  # fmt: skip


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(_FIELDS),
    junk=st.text(alphabet=st.characters(codec="utf-8", blacklist_characters="\t\n\r"), min_size=1, max_size=12),
    width=st.sampled_from([61, 60, 62, 16, 1]),
)
def test_malformed_rows_give_typed_errors(
    tmp_path_factory: pytest.TempPathFactory, field: str, junk: str, width: int
) -> None:
    gdelt = get_importer("gdelt")
    good = EXPORT.read_bytes().splitlines()[0].decode().split("\t")
    row = list(good)
    row[EVENT_COLUMNS_V2.index(field)] = junk
    row = [*row, *["x"] * 10][:width]
    path = tmp_path_factory.mktemp("h") / "bad.tsv"
    path.write_text(EXPORT.read_text(encoding="utf-8").splitlines()[1] + "\n" + "\t".join(row) + "\n", encoding="utf-8")
    kind, result = outcome(gdelt, path)
    if kind == "ok":  # the junk happened to be a valid value: the row must then be imported as read
        dataset, _ = result  # type: ignore[misc]
        assert len(dataset.events) == 2
    else:
        assert isinstance(result, InvalidInputError)
        kind, result = outcome(gdelt, path, skip_bad=True)
        assert kind == "ok"
        dataset, skipped = result  # type: ignore[misc]
        assert len(dataset.events) + len(skipped) == 2


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(tmp_path_factory: pytest.TempPathFactory, blob: bytes) -> None:
    path = tmp_path_factory.mktemp("b") / "blob.tsv"
    path.write_bytes(blob)
    outcome(get_importer("gdelt"), path, skip_bad=True)


# -- the columnar path ----------------------------------------------------------------------


def test_read_table_keeps_codes_as_text(tmp_path: Path) -> None:
    from mideast_model_gdelt import read_table

    copy = tmp_path / "export.tsv"
    shutil.copy(EXPORT, copy)
    table = read_table(copy)
    assert table.num_rows == 2
    assert table.column("EventCode").to_pylist() == ["194", "0214"]
    assert str(table.schema.field("Actor1Code").type) == "string"


def test_read_table_rejects_short_rows(tmp_path: Path) -> None:
    from mideast_model_gdelt import read_table

    path = tmp_path / "short.tsv"
    path.write_bytes(_drop_four(EXPORT.read_bytes().splitlines(keepends=True)[0]))
    with pytest.raises(InvalidInputError):
        read_table(path)
    skipped: list[str] = []
    from mideast_model_gdelt.columnar import read_table as rt

    assert rt(path, skip_bad=True, skipped=skipped).num_rows == 0 and len(skipped) == 1


def test_store_queries_match_the_object_path(gdelt) -> None:
    from mideast_model_gdelt import GdeltEventStore

    path = _real_or_fixture()
    store = GdeltEventStore.from_file(path)
    objects, _ = import_file(gdelt, path)
    assert len(store) == len(objects.events)
    want = {e.id for e in objects.events.values() if "2020-03-01" <= e.when.edtf <= "2020-03-31"}
    assert {e.id for e in store.events_between("2020-03-01", "2020-03-31")} == want
    for actor in ("actor:usa", "actor:cameo:GOV", "USA"):
        target = actor if actor.startswith("actor:") else "actor:usa"
        brute = {e.id for e in objects.events.values() if target in e.actors()}
        got = store.events_involving(actor)
        if actor != "actor:cameo:GOV":
            assert {e.id for e in got} == brute
        for event in got:
            assert isinstance(event, Event)
            assert event == objects.events[event.id]
