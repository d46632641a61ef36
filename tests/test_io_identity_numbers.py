"""The importers' shared core: the identity table, strict numbers, countries, the row template."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ImportContext
from mideast_model.io.countries import FIPS_EXTRA, countries
from mideast_model.io.identity import IdentityTable, identities, split_period
from mideast_model.io.numbers import RowError, parse_compact_date, parse_float, parse_int
from mideast_model.io.rows import RowImporter, parse_resolution, resolution_text
from mideast_model.model import Actor, ActorKind, ExternalId

# -- identity ---------------------------------------------------------------------------------------

ACLED_NAMES = [
    ("Kataib Hezbollah (Iraq)", "actor:kataib-hezbollah", "country qualifier (Iraq) dropped"),
    ("Kata'ib Hizballah", "actor:kataib-hezbollah", "name or alias"),
    ("Kata’ib Hizballah", "actor:kataib-hezbollah", "name or alias"),
    ("Hezbollah Brigades", "actor:kataib-hezbollah", "name or alias"),
    ("Kataeb Hezbollah", "actor:kataib-hezbollah", "name or alias"),
    ("Military Forces of the United States (2017-)", "actor:us-military", "period tag (2017-) dropped"),
    ("Military Forces of the United States (2017-2021)", "actor:us-military", "period tag (2017-2021) dropped"),
    ("Military Forces of the United States (2017-) Marine Corps", "actor:us-military", "parent unit"),
    ("Military Forces of the United States (2017-) Navy", "actor:us-navy", "sub-unit"),
    ("Military Forces of Iraq (2018-2020) Popular Mobilization Forces", "actor:iraqi-security-forces", "parent unit"),
    ("Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", "actor:irgc", "sub-unit"),
    ("Global Coalition Against Daesh", "actor:us-led-coalition", "acled id"),
    ("Islamic State (Iraq)", "actor:islamic-state", "country qualifier (Iraq) dropped"),
    ("Hezbollah", "actor:lebanese-hezbollah", "acled id"),
]


@pytest.mark.parametrize(("raw", "actor", "rule"), ACLED_NAMES)
def test_acled_names_resolve_with_their_rule(raw: str, actor: str, rule: str) -> None:
    match = identities().resolve(raw, "acled")
    assert match is not None and match.actor.id == actor and rule in match.rule, match


@pytest.mark.parametrize(
    "raw",
    ["Unidentified Armed Group (Iraq)", "Protesters (Iran)", "Hezbollah (Iraq)", "Civilians (Iraq)", "Kataib",
     "Military Forces of Iran (1989-) Navy X"],
)  # fmt: skip
def test_qualifiers_never_collapse(raw: str) -> None:
    match = identities().resolve(raw, "acled")
    if raw.startswith("Military Forces of Iran"):
        assert match is not None and match.actor.id == "actor:iran-military" and "parent unit" in match.rule
    else:
        assert match is None, match


def test_kataib_spellings_never_become_lebanese_hezbollah() -> None:
    for raw in ("Kataeb Hezbollah", "Kataib Hezbollah (Iraq)", "Hezbollah Brigades", "Kata'ib Hizballah"):
        for scheme in (None, "acled", "ucdp", "icews"):
            match = identities().resolve(raw, scheme)
            assert match is not None and match.actor.id == "actor:kataib-hezbollah", (raw, scheme)


def test_cameo_codes() -> None:
    table = identities()
    assert table.resolve("USAMIL", "cameo").actor.id == "actor:us-military"  # type: ignore[union-attr]
    found = table.resolve("LBNHEZ", "cameo")
    assert found is not None and found.actor.id == "actor:lebanese-hezbollah" and "known group" in found.rule
    assert table.resolve("USAGOV", "cameo") is None  # spans administrations: deliberately unresolved
    assert table.resolve("Kataib Hezbollah", "cameo") is None  # codes are not names


def test_a_shared_alias_is_ambiguous_and_resolves_to_neither() -> None:
    a = Actor(id="actor:a", name="Alpha", kind=ActorKind.GROUP, aliases=("The Front",))
    b = Actor(id="actor:b", name="Beta", kind=ActorKind.GROUP, aliases=("the front",), external_ids=(
        ExternalId("acled", "Beta Group"),))  # fmt: skip
    table = IdentityTable([a, b])
    assert table.resolve("The Front") is None and "front" in table.ambiguous()
    assert table.resolve("Beta Group", "acled").actor.id == "actor:b"  # type: ignore[union-attr]


def test_seed_identity_table_has_no_ambiguity() -> None:
    assert identities().ambiguous() == []


def test_split_period() -> None:
    assert split_period("Military Forces of Iraq (2018-2020) Popular Mobilization Forces") == (
        "Military Forces of Iraq", "(2018-2020)", "Popular Mobilization Forces")  # fmt: skip
    assert split_period("Military Forces of Iran (1989-)") == ("Military Forces of Iran", "(1989-)", "")
    assert split_period("Kataib Hezbollah (Iraq)") == ("Kataib Hezbollah (Iraq)", None, "")


# -- numbers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["١٢", "1_000", "+7", "１２", "1e3", "0x10", "nan", "12 3", "--1"])
def test_integers_are_ascii_digits(text: str) -> None:
    with pytest.raises(RowError) as info:
        parse_int(text, "f")
    assert info.value.field == "f"


def test_integer_bounds_and_forms() -> None:
    assert parse_int(" 12 ", "f") == 12 and parse_int("4.0", "f") == 4 and parse_int("", "f") is None
    with pytest.raises(RowError, match="at most"):
        parse_int(str(2**64), "f", maximum=10**7)
    with pytest.raises(RowError, match="at least"):
        parse_int("-1", "f", minimum=0)


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1_0", "+1.5", "１.５", "1e999"])
def test_floats_are_ascii_and_finite(text: str) -> None:
    with pytest.raises(RowError):
        parse_float(text, "f")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_round_trip(n: int) -> None:
    assert parse_int(str(n), "f") == n


@pytest.mark.parametrize("text", ["00010101", "99991231", "20201301", "２０２００３１１", "2020031", "20200311250000"])
def test_compact_dates_that_lie(text: str) -> None:
    with pytest.raises(RowError):
        parse_compact_date(text, "SQLDATE")


def test_compact_dates() -> None:
    assert parse_compact_date("20200311", "SQLDATE").isoformat() == "2020-03-11"
    assert parse_compact_date("20200311190000", "DATEADDED").isoformat() == "2020-03-11"


# -- countries ---------------------------------------------------------------------------------------


def test_every_fips_code_is_mapped() -> None:
    table = countries()
    for code in ("IZ", "IR", "US", "UK", "GZ", "WE", "OS", "KV", *FIPS_EXTRA):
        assert table.knows_fips(code), code
    assert table.from_fips("GZ") == "PSE" and table.from_fips("WE") == "PSE" and table.from_fips("OS") is None
    assert table.from_fips("IZ") == "IRQ" and table.from_fips("UK") == "GBR"


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("Iraq", "IRQ"), ("Iran (Islamic Republic of)", "IRN"), ("Russia (Soviet Union)", "RUS"), ("Curacao", "CUW"),
     ("DR Congo (Zaire)", "COD"), ("Turkey", "TUR"), ("United States of America", "USA"), ("Palestine", "PSE")],
)  # fmt: skip
def test_country_names(name: str, iso3: str) -> None:
    assert countries().from_name(name) == iso3


# -- the row template and the resolution record ----------------------------------------------------------


def test_resolution_text_round_trips_names_with_quotes_and_arrows() -> None:
    entries = [('Say "hi" -> (x)', "actor:a", "name or alias"), ("Kata'ib Hizballah", "actor:acled:k-1", None)]
    assert sorted(parse_resolution("header line\n" + resolution_text(entries))) == sorted(entries)
    assert parse_resolution(None) == [] and parse_resolution("no table") == []


def test_row_importer_keep_policy() -> None:
    context = ImportContext(path="f.csv", skip_bad=True)
    rows = RowImporter(context, "f.csv")

    def bad() -> None:
        raise RowError("nope", "x")

    assert rows.convert(2, bad) is None and rows.convert(3, lambda: 1) == 1
    rows.finish()  # 1 of 2 kept: 50%
    assert rows.convert(4, bad) is None
    with pytest.raises(InvalidInputError) as info:
        rows.finish()
    assert "kept 1 of 3 rows" in str(info.value) and "f.csv:2: x: nope" in str(info.value)
    strict = ImportContext(path="g.csv", skip_bad=False)
    with pytest.raises(InvalidInputError) as info:
        RowImporter(strict, "g.csv").convert(7, bad)
    assert info.value.line == 7 and info.value.field == "x"


def test_resolution_text_is_bounded_resolved_first() -> None:
    entries = [(f"code{i:03d}", f"actor:cameo:C{i}", None) for i in range(10)] + [
        ("USAMIL", "actor:us-military", "cameo id")
    ]
    text = resolution_text(entries, limit=3)
    parsed = parse_resolution(text)
    assert parsed[0] == ("USAMIL", "actor:us-military", "cameo id") and len(parsed) == 3
    assert text.endswith("... and 8 more names not listed")
