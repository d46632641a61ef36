"""ACLED as users hold it: re-saved dates, ACLED's actor naming, sides per the codebook, keep policy."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mideast_model_acled.reader import _date

from mideast_model.api import read_input
from mideast_model.errors import InvalidInputError
from mideast_model.io.numbers import RowError
from mideast_model.io.rows import parse_resolution
from mideast_model.model import Role
from mideast_model.plugins import get_importer
from mideast_model.testing.conformance import check_importer

FIXTURES = Path(__file__).parent / "fixtures"

IRAQ = FIXTURES / "iraq_2019_2020_acled.csv"
KEY_DATES = {
    "IRQ46001": "2019-12-27", "IRQ46002": "2019-12-29", "IRQ46003": "2019-12-31", "IRQ46005": "2020-01-03",
    "IRQ46007": "2020-01-08", "IRQ46011": "2020-03-11", "IRQ46012": "2020-03-12",
}  # fmt: skip


@pytest.fixture(scope="module")
def acled():  # type: ignore[no-untyped-def]
    return get_importer("acled")


def _rows(path: Path) -> int:
    with open(path, encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


@pytest.fixture(scope="module")
def iraq(acled):  # type: ignore[no-untyped-def]
    return check_importer(acled, IRAQ)


def test_iraq_fixture_imports_completely(iraq) -> None:  # type: ignore[no-untyped-def]
    assert len(iraq.events) == _rows(IRAQ) == 539


@pytest.mark.parametrize(
    "name", ["dates_dd-mon-yy.csv", "dates_yyyymmdd.csv", "dates_d_month_yyyy.csv", "dates_dd-month-yyyy.csv",
             "dates_iso.csv", "api_2020_acled.csv", "names_acled.csv"],
)  # fmt: skip
def test_real_shapes_import_completely(acled, name: str) -> None:  # type: ignore[no-untyped-def]
    data = check_importer(acled, FIXTURES / name)
    assert len(data.events) == _rows(FIXTURES / name)
    if name.startswith(("dates_", "api_")):
        assert {e.removeprefix("event:acled:"): data.events[e].when.edtf for e in data.events} == KEY_DATES


def test_ambiguous_day_month_is_an_error_naming_the_row(acled) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / "dates_dd_mm_yyyy.csv"
    with pytest.raises(InvalidInputError) as info:
        read_input(acled, str(path))
    assert info.value.field == "event_date" and info.value.line is not None and "ambiguous" in str(info.value)
    data, skipped = read_input(acled, str(path), options={"date_order": "dmy"})
    assert not skipped and {e.removeprefix("event:acled:"): data.events[e].when.edtf for e in data.events} == KEY_DATES


def test_date_must_agree_with_year(acled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (FIXTURES / "dates_dd-mon-yy.csv").read_text(encoding="utf-8").replace("12-Mar-20,2020", "12-Mar-20,2019")
    path = tmp_path / "wrong_year.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError) as info:
        read_input(acled, str(path))
    assert info.value.line == 2 and info.value.field == "year" and "does not match the year column" in str(info.value)


RESOLUTION = {
    "Military Forces of the United States (2017-) Marine Corps": ("actor:us-military", "parent unit"),
    "Military Forces of the United States (2017-2021)": ("actor:us-military", "period tag (2017-2021) dropped"),
    "Kataib Hezbollah (Iraq)": ("actor:kataib-hezbollah", "country qualifier (Iraq) dropped"),
    "Kata'ib Hizballah": ("actor:kataib-hezbollah", "name or alias"),
    "Hezbollah Brigades": ("actor:kataib-hezbollah", "name or alias"),
    "Kataeb Hezbollah": ("actor:kataib-hezbollah", "name or alias"),
    "Hezbollah": ("actor:lebanese-hezbollah", "acled id"),
    "Global Coalition Against Daesh": ("actor:us-led-coalition", "acled id"),
    "Military Forces of Iraq (2018-2020) Popular Mobilization Forces": ("actor:iraqi-security-forces", "parent unit"),
    "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps": ("actor:irgc", "sub-unit"),
    "Unidentified Armed Group (Iraq)": (None, None),
}


def test_each_raw_name_is_reported_with_its_rule(acled) -> None:  # type: ignore[no-untyped-def]
    data = check_importer(acled, FIXTURES / "names_acled.csv")
    (file_source,) = [s for s in data.sources.values() if s.id.startswith("source:acled:file:")]
    table = {raw: (actor, rule) for raw, actor, rule in parse_resolution(file_source.description)}
    for raw, (actor, rule) in RESOLUTION.items():
        got_actor, got_rule = table[raw]
        if actor is None:
            assert got_rule is None and not data.actors[got_actor].resolved, raw
        else:
            assert got_actor == actor and got_rule is not None and rule in got_rule, (raw, table[raw])
    assert all(a != "actor:lebanese-hezbollah" for raw, (a, _) in table.items() if "Kata" in raw or "Brigades" in raw)


def test_sides_and_roles_per_event_type(iraq) -> None:  # type: ignore[no-untyped-def]
    def parts(key: str) -> set[tuple[str, Role, int | None, bool]]:
        event = iraq.events[f"event:acled:{key}"]
        return {(p.actor, p.role, p.side, p.associated) for p in event.participants}

    # remote violence: actor1 initiates, actor2's side is the target; associated actors are side members
    assert ("actor:kataib-hezbollah", Role.INITIATOR, 1, False) in parts("IRQ46001")
    assert ("actor:us-military", Role.TARGET, 2, False) in parts("IRQ46001")
    strike = parts("IRQ46002")
    assert ("actor:us-military", Role.INITIATOR, 1, False) in strike
    assert ("actor:kataib-hezbollah", Role.TARGET, 2, True) in strike  # assoc of the PMF
    taji = parts("IRQ46011")
    assert ("actor:us-military", Role.TARGET, 2, True) in taji  # assoc of the coalition
    assert ("actor:uk-armed-forces", Role.TARGET, 2, True) in taji
    # riots, battles, protests: undirected, with sides
    embassy = parts("IRQ46003")
    assert {r for _, r, _, _ in embassy} == {Role.PARTICIPANT}
    assert ("actor:kataib-hezbollah", Role.PARTICIPANT, 1, True) in embassy
    assert ("actor:us-military", Role.PARTICIPANT, 2, False) in embassy
    raid = parts("IRQ46010")
    assert {r for _, r, _, _ in raid} == {Role.PARTICIPANT} and {s for _, _, s, _ in raid} == {1, 2}
    # violence against civilians: the civilians are victims
    vac = next(e for e in iraq.events.values() if e.title.startswith("Attack:"))
    assert {p.role for p in vac.participants} == {Role.INITIATOR, Role.VICTIM}


def test_typed_metrics_and_ids(iraq) -> None:  # type: ignore[no-untyped-def]
    soleimani = iraq.events["event:acled:IRQ46005"]
    assert soleimani.metrics is not None and soleimani.metrics.fatalities_best == 10
    assert soleimani.metrics.interaction == 88 and soleimani.metrics.geo_precision == 1
    assert soleimani.external_id("acled") == "IRQ46005"


def _bad_copy(tmp_path: Path, bad: int) -> Path:
    with open(FIXTURES / "dates_iso.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows[1 : 1 + bad]:
        row[1] = "not a date"
    path = tmp_path / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return path


def test_skip_bad_that_keeps_too_little_fails_with_a_summary(acled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _bad_copy(tmp_path, 7)  # every row bad
    with pytest.raises(InvalidInputError) as info:
        read_input(acled, str(path), skip_bad=True)
    text = str(info.value)
    assert "kept 0 of 7 rows" in text and "7 skipped" in text and "bad.csv:2" in text and "event_date" in text
    path = _bad_copy(tmp_path, 4)  # 3 of 7 kept: less than half
    with pytest.raises(InvalidInputError, match="kept 3 of 7"):
        read_input(acled, str(path), skip_bad=True)
    data, skipped = read_input(acled, str(path), skip_bad=True, options={"min_kept": "0.4"})
    assert len(data.events) == 3 and len(skipped) == 4


def test_wrong_format_is_named(acled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    row = "\t".join(["910100001", "20200311", *["x"] * 59])
    path = tmp_path / "20200311.export.CSV"
    path.write_text(row + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"looks like a GDELT 2\.0 events export, not an ACLED export"):
        read_input(acled, str(path))


@pytest.mark.parametrize("name", ["pandas_resaved_acled.csv", "excel_semicolon_acled.csv"])
def test_spreadsheet_and_pandas_resaves_import_completely(acled, name: str) -> None:  # type: ignore[no-untyped-def]
    data = check_importer(acled, FIXTURES / name)
    assert {e.removeprefix("event:acled:"): data.events[e].when.edtf for e in data.events} == KEY_DATES
    reference = check_importer(acled, FIXTURES / "dates_iso.csv")
    for event_id, event in data.events.items():
        other = reference.events[event_id]
        assert event.metrics == other.metrics and event.participants == other.participants, event_id
        assert event.place == other.place, event_id


def test_an_excel_workbook_is_named(acled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    path = tmp_path / "acled_export.xlsx"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InvalidInputError, match=r"Excel workbook \(\.xlsx\)") as info:
        read_input(acled, str(path))
    assert info.value.path == str(path)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(1997, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_every_shape_of_a_date_reads_back(day: dt.date) -> None:
    shapes = [
        day.isoformat(), day.strftime("%d %B %Y"), f"{day.day} {day.strftime('%B %Y')}", day.strftime("%d-%b-%y"),
        day.strftime("%Y%m%d"), day.strftime("%d-%B-%Y"), f"{day.isoformat()} 00:00:00", day.strftime("%d.%m.%Y"),
    ]  # fmt: skip
    for text in shapes:
        assert _date(text, day.year, day_first=None) == day, text
    numeric = day.strftime("%d/%m/%Y")
    if day.day > 12 or day.day == day.month:
        assert _date(numeric, day.year, day_first=None) == day  # only one reading
    else:
        with pytest.raises(RowError, match="ambiguous"):
            _date(numeric, day.year, day_first=None)
        assert _date(numeric, day.year, day_first=True) == day
    with pytest.raises(RowError):
        _date(day.isoformat(), day.year + 1, day_first=None)  # the year column disagrees


def test_a_windows_1252_resave(acled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (
        (FIXTURES / "names_acled.csv")
        .read_text(encoding="utf-8")
        .replace("Kata'ib Hizballah", "Kata\u2019ib Hizballah")
    )
    path = tmp_path / "cp1252.csv"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(InvalidInputError, match="encoding=auto") as info:
        read_input(acled, str(path))
    assert info.value.line == 3
    for encoding in ("auto", "cp1252"):
        data, skipped = read_input(acled, str(path), options={"encoding": encoding})
        assert not skipped and len(data.events) == 7
        event = data.events["event:acled:IRQ90002"]
        assert "actor:kataib-hezbollah" in event.actors()
