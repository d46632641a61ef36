"""GDELT as users hold it: header rows, BigQuery CSV downloads, FIPS GZ/OS, numbers that lie, wrong formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from mideast_model_gdelt.reader import EVENT_COLUMNS_V2

from mideast_model.api import read_input
from mideast_model.errors import InvalidInputError
from mideast_model.io.rows import parse_resolution
from mideast_model.model import Metrics
from mideast_model.plugins import get_importer
from mideast_model.testing.conformance import check_importer

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "20200311190000.export.CSV"
IX = {name: i for i, name in enumerate(EVENT_COLUMNS_V2)}


@pytest.fixture(scope="module")
def gdelt():  # type: ignore[no-untyped-def]
    return get_importer("gdelt")


@pytest.mark.parametrize("name", ["gdelt2_header.export.tsv", "bigquery_gdeltv2_events.csv"])
def test_gdelt2_with_a_header_row_imports_completely(gdelt, name: str) -> None:  # type: ignore[no-untyped-def]
    plain = check_importer(gdelt, EXPORT)
    data = check_importer(gdelt, FIXTURES / name)
    assert set(data.events) == {"event:gdelt:910100001", "event:gdelt:910100002"}
    for event_id in data.events:
        assert data.events[event_id] == plain.events[event_id]


def test_gdelt1_with_a_header_row(gdelt) -> None:  # type: ignore[no-untyped-def]
    data = check_importer(gdelt, FIXTURES / "gdelt1_header.tsv")
    assert set(data.events) == {"event:gdelt:300000002"}
    assert data.claims["claim:gdelt:300000002"].source == "source:gdelt-1"


def test_fips_gaza_strip_and_oceans(gdelt) -> None:  # type: ignore[no-untyped-def]
    data = check_importer(gdelt, FIXTURES / "fips_gz_os.export.CSV")
    gaza = data.events["event:gdelt:910100010"].place
    ocean = data.events["event:gdelt:910100011"].place
    assert gaza is not None and gaza.country == "PSE"
    assert ocean is not None and ocean.country is None and ocean.name == "Indian Ocean"
    (file_source,) = [s for s in data.sources.values() if s.id.startswith("source:gdelt:file:")]
    assert "unknown_fips" not in (file_source.description or "")  # OS is known: a sea, no country


def test_typed_metrics(gdelt) -> None:  # type: ignore[no-untyped-def]
    event = check_importer(gdelt, EXPORT).events["event:gdelt:910100001"]
    assert isinstance(event.metrics, Metrics)
    assert event.metrics.goldstein == -10.0 and event.metrics.quad_class == 4
    assert event.metrics.mentions is not None and event.metrics.sources is not None
    assert event.metrics.articles is not None and event.metrics.tone is not None


def test_resolution_table_of_cameo_codes(gdelt) -> None:  # type: ignore[no-untyped-def]
    data = check_importer(gdelt, EXPORT)
    (file_source,) = [s for s in data.sources.values() if s.id.startswith("source:gdelt:file:")]
    table = {raw: (actor, rule) for raw, actor, rule in parse_resolution(file_source.description)}
    assert table["USAMIL"] == ("actor:us-military", "cameo id")
    assert table["IRQREB"] == ("actor:cameo:IRQREB", None)


def _mutated(tmp_path: Path, field: str, value: str) -> Path:
    rows = [line.split("\t") for line in EXPORT.read_text(encoding="utf-8").splitlines()]
    rows[0][IX[field]] = value
    path = tmp_path / "mutated.export.CSV"
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("SQLDATE", "00010101"), ("SQLDATE", "99991231"), ("SQLDATE", "２０２００３１１"), ("NumMentions", "١٢"),
        ("NumMentions", "1_000"), ("NumMentions", "+7"), ("NumMentions", "18446744073709551616"),
        ("NumArticles", "10000000"), ("GoldsteinScale", "nan"), ("DATEADDED", "99991231235959"),
    ],
)  # fmt: skip
def test_numbers_and_dates_that_lie_are_typed_row_errors(gdelt, tmp_path: Path, field: str, value: str) -> None:  # type: ignore[no-untyped-def]
    path = _mutated(tmp_path, field, value)
    with pytest.raises(InvalidInputError) as info:
        read_input(gdelt, str(path))
    assert info.value.line == 1 and info.value.field == field
    data, skipped = read_input(gdelt, str(path), skip_bad=True)  # one of two rows kept: 50% is enough
    assert len(data.events) == 1 and len(skipped) == 1


def test_an_acled_file_is_named(gdelt) -> None:  # type: ignore[no-untyped-def]
    acled = Path(__file__).parents[2] / "acled" / "tests" / "fixtures" / "camp_taji_acled.csv"
    with pytest.raises(InvalidInputError, match="looks like an ACLED export, not a GDELT events file"):
        read_input(gdelt, str(acled))


@pytest.mark.parametrize("codec", ["rot13", "zlib", "hex", "uu", "base64"])
def test_encoding_option_takes_only_text_encodings(gdelt, codec: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInputError, match="not a text encoding"):
        read_input(gdelt, str(EXPORT), options={"encoding": codec})


def test_gdelt_zip_downloads_with_their_mentions(gdelt) -> None:  # type: ignore[no-untyped-def]
    plain = check_importer(gdelt, EXPORT)
    data = check_importer(gdelt, FIXTURES / "zipped.export.CSV.zip")
    assert set(data.events) == set(plain.events) and set(data.claims) == set(plain.claims)  # mentions joined
    for event_id, event in data.events.items():
        assert event == plain.events[event_id]


def test_a_gzip_file_and_a_broken_archive(gdelt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import gzip

    path = tmp_path / "events.export.CSV.gz"
    path.write_bytes(gzip.compress(EXPORT.read_bytes()))
    data, skipped = read_input(gdelt, str(path))
    assert not skipped and len(data.events) == 2
    broken = tmp_path / "broken.export.CSV.gz"
    broken.write_bytes(gzip.compress(EXPORT.read_bytes())[:60])
    with pytest.raises(InvalidInputError, match="unreadable compressed data"):
        read_input(gdelt, str(broken))


def test_a_bigquery_download_of_selected_columns(gdelt) -> None:  # type: ignore[no-untyped-def]
    plain = check_importer(gdelt, EXPORT)
    data = check_importer(gdelt, FIXTURES / "bigquery_selected_columns.csv")
    assert set(data.events) == set(plain.events)
    for event_id, event in data.events.items():
        full = plain.events[event_id]
        assert event.kind is full.kind and event.when == full.when and event.participants == full.participants
        assert event.metrics is not None and event.metrics.goldstein == full.metrics.goldstein  # type: ignore[union-attr]
        assert event.place is not None and full.place is not None and event.place.country == full.place.country
        assert event.metrics.sources is None  # NumSources not selected


def test_a_header_without_the_event_columns_is_refused(gdelt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "partial.csv"
    path.write_text("GLOBALEVENTID,SQLDATE,Actor1Code\n1,20200311,USA\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="without the column"):
        read_input(gdelt, str(path))
    path.write_text("GLOBALEVENTID,SQLDATE,EventCode,Colour\n1,20200311,190,red\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="unknown column"):
        read_input(gdelt, str(path))
