"""Countries for the importers: ISO 3166 from pycountry, FIPS 10-4 for GDELT from GeoNames.

Names are matched after folding case, accents and punctuation ("Curacao" is
"Curaçao"), against pycountry's names, official names and common names, GeoNames'
English names, the part of a name before a parenthesis in either ("Myanmar (Burma)"),
and a short table of the spellings event datasets use that neither knows ("Ivory
Coast", "DR Congo (Zaire)", "Russia (Soviet Union)"). GDELT writes FIPS 10-4 country
codes: GeoNames' ``countryInfo.txt`` (CC BY 4.0, shipped in ``mideast_model/data``) maps
one FIPS code per country; :data:`FIPS_EXTRA` adds the FIPS codes of territories it
lacks (``GZ`` Gaza Strip) and the codes that name no country (``OS`` oceans), so that
every FIPS code GDELT writes is known.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from importlib import resources

__all__ = ["FIPS_EXTRA", "Countries", "countries", "name_key"]

#: FIPS 10-4 codes GeoNames' table lacks: territory -> ISO alpha-3 (``None``: no country).
FIPS_EXTRA: dict[str, str | None] = {
    "GZ": "PSE",  # Gaza Strip (GeoNames maps only WE, the West Bank, to PSE)
    "OS": None,  # Oceans: a sea area, no country
    "AT": "AUS",  # Ashmore and Cartier Islands
    "CR": "AUS",  # Coral Sea Islands
    "AX": "GBR",  # Akrotiri (sovereign base area)
    "DX": "GBR",  # Dhekelia (sovereign base area)
    "BS": "ATF",  # Bassas da India
    "EU": "ATF",  # Europa Island
    "GO": "ATF",  # Glorioso Islands
    "JU": "ATF",  # Juan de Nova Island
    "TE": "ATF",  # Tromelin Island
    "JN": "SJM",  # Jan Mayen
    "BQ": "UMI",  # Navassa Island
    "FQ": "UMI",  # Baker Island
    "HQ": "UMI",  # Howland Island
    "DQ": "UMI",  # Jarvis Island
    "JQ": "UMI",  # Johnston Atoll
    "KQ": "UMI",  # Kingman Reef
    "LQ": "UMI",  # Palmyra Atoll
    "MQ": "UMI",  # Midway Islands
    "WQ": "UMI",  # Wake Island
    "IP": "FRA",  # Clipperton Island
    "PF": None,  # Paracel Islands (disputed)
    "PG": None,  # Spratly Islands (disputed)
    "YI": "SRB",  # Serbia and Montenegro (former), its successor's code
    "RB": "SRB",  # Serbia (FIPS 10-4 2008 revision)
    "KV": "XKX",  # Kosovo
}

#: Spellings of event datasets (ACLED, UCDP, ICEWS) that pycountry and GeoNames lack.
_DATASET_NAMES: dict[str, str] = {
    "Democratic Republic of Congo": "COD",
    "Democratic Republic of the Congo": "COD",
    "DR Congo": "COD",
    "Zaire": "COD",
    "Republic of Congo": "COG",
    "Congo": "COG",
    "Ivory Coast": "CIV",
    "Cote d'Ivoire": "CIV",
    "East Timor": "TLS",
    "Micronesia": "FSM",
    "Palestine": "PSE",
    "Occupied Palestinian Territory": "PSE",
    "Palestinian Territories": "PSE",
    "Vatican City": "VAT",
    "Turkey": "TUR",
    "Russia": "RUS",
    "Soviet Union": "RUS",
    "Bailiwick of Guernsey": "GGY",
    "Bailiwick of Jersey": "JEY",
    "Caribbean Netherlands": "BES",
    "Brunei": "BRN",
    "Cape Verde": "CPV",
    "Falkland Islands": "FLK",
    "Kosovo": "XKX",
    "Bosnia-Herzegovina": "BIH",
    "Macedonia, FYR": "MKD",
    "Macedonia": "MKD",
    "eSwatini": "SWZ",
    "Kingdom of eSwatini": "SWZ",
    "Swaziland": "SWZ",
    "Burma": "MMR",
    "Kampuchea": "KHM",
    "Yugoslavia": "SRB",
    "North Yemen": "YEM",
    "South Korea": "KOR",
    "North Korea": "PRK",
    "Laos": "LAO",
    "Syria": "SYR",
    "Iran": "IRN",
    "United States": "USA",
    "US": "USA",
    "UAE": "ARE",
    "UK": "GBR",
    "Britain": "GBR",
    "Great Britain": "GBR",
}

_PUNCT = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """A name folded for matching: accents, case, apostrophes and punctuation removed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("&", " and ").casefold()
    text = re.sub(r"['\u2019\u02bc\u02bb`\u2018]", "", text)
    text = _PUNCT.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


class Countries:
    """ISO 3166 alpha-3 codes by name, ISO numeric code and FIPS 10-4 code.

    :param geonames: the rows of GeoNames' ``countryInfo.txt`` (tab-split).
    """

    def __init__(self, geonames: Iterable[list[str]]) -> None:
        import pycountry

        self.iso3: set[str] = set()
        self.names: dict[str, str] = {}
        self.by_numeric: dict[int, str] = {}
        self.by_fips: dict[str, str] = {}
        self.no_country_fips: set[str] = {k for k, v in FIPS_EXTRA.items() if v is None}
        self.by_name: dict[str, str] = {}
        for country in pycountry.countries:
            code = country.alpha_3
            self.iso3.add(code)
            self.names.setdefault(code, getattr(country, "common_name", None) or country.name)
            self.by_numeric.setdefault(int(country.numeric), code)
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    self._add_name(value, code)
        for row in geonames:
            if len(row) < 5 or row[0].startswith("#") or row[0] == "ISO":
                continue
            code, numeric, fips, name = row[1], row[2], row[3], row[4]
            self.iso3.add(code)
            self.names.setdefault(code, name)
            if fips:
                self.by_fips.setdefault(fips, code)
            if numeric.isdigit():
                self.by_numeric.setdefault(int(numeric), code)
            self._add_name(name, code)
        for fips, extra in FIPS_EXTRA.items():
            if extra is not None:
                self.by_fips.setdefault(fips, extra)
        for name, code in _DATASET_NAMES.items():
            self.by_name[name_key(name)] = code

    def _add_name(self, name: str, code: str) -> None:
        self.by_name.setdefault(name_key(name), code)
        if "(" in name:
            self.by_name.setdefault(name_key(name.split("(", 1)[0]), code)
        if "," in name:  # "Iran, Islamic Republic of" -> "Islamic Republic of Iran"
            head, _, tail = name.partition(",")
            self.by_name.setdefault(name_key(f"{tail} {head}"), code)

    def from_name(self, name: str) -> str | None:
        """The alpha-3 code of a country name ("Iraq", "Myanmar (Burma)", "Curacao"), or ``None``."""
        key = name_key(name)
        found = self.by_name.get(key)
        if found is None and "(" in name:
            found = self.by_name.get(name_key(name.split("(", 1)[0]))
        return found

    def from_fips(self, code: str) -> str | None:
        """The alpha-3 code of a FIPS 10-4 country code (``None`` for unknown or ``OS``, oceans)."""
        return self.by_fips.get(code)

    def knows_fips(self, code: str) -> bool:
        """True for a FIPS 10-4 code that is mapped, including those that name no country."""
        return code in self.by_fips or code in self.no_country_fips


@functools.cache
def countries() -> Countries:
    """The country table (pycountry plus GeoNames ``countryInfo.txt`` for FIPS codes)."""
    text = resources.files("mideast_model.data").joinpath("countryInfo.txt").read_text(encoding="utf-8")
    return Countries(line.split("\t") for line in text.splitlines())
