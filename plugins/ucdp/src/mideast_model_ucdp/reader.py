"""The UCDP GED importer: the Georeferenced Event Dataset CSV (49 columns, GED 23.1 layout).

Each row becomes an :class:`~mideast_model.model.Event` (``event:ucdp:<id>``) with sides A
and B as participants, the type of violence as its kind, ``date_start``/``date_end`` with
``date_prec`` as an EDTF span, ``where_prec`` as the place's precision, and casualties
per side, civilians, unknown and the low-high range of the total. ``best`` is a count
claim; rows where ``low <= best <= high`` does not hold keep all three values and get a
flag claim (attribute ``deaths:inconsistent``) by the import record. See ``docs/ucdp.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from mideast_model.extensions import ImportContext
from mideast_model.io import numbers
from mideast_model.io import rows as c
from mideast_model.model import (
    Actor,
    ActorKind,
    Casualties,
    Claim,
    ClaimKind,
    ClaimValue,
    CountRange,
    Event,
    EventKind,
    ExternalId,
    GeoPrecision,
    Metrics,
    Object,
    Participant,
    Place,
    Predicate,
    Role,
    Source,
    SourceKind,
)

__all__ = ["COLUMNS", "VIOLENCE_KINDS", "WHERE_PRECISION", "edtf_span", "read_ged", "sniff"]

#: GED 23.1 columns, in file order.
COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip
_REQUIRED = (
    "id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best", "low", "high", "country",
)  # fmt: skip

#: ``type_of_violence``: 1 state-based, 2 non-state, 3 one-sided (against civilians).
VIOLENCE_KINDS = {"1": EventKind.MILITARY_FORCE, "2": EventKind.ARMED_CLASH, "3": EventKind.ASSAULT}
_VIOLENCE_NAMES = {"1": "state-based violence", "2": "non-state violence", "3": "one-sided violence"}
#: ``where_prec`` 1-7 to our geo precision (7, international waters or airspace, has none).
WHERE_PRECISION: dict[str, GeoPrecision | None] = {
    "1": GeoPrecision.POINT,
    "2": GeoPrecision.LOCALITY,
    "3": GeoPrecision.DISTRICT,
    "4": GeoPrecision.REGION,
    "5": GeoPrecision.REGION,
    "6": GeoPrecision.COUNTRY,
    "7": None,
}
_GW = re.compile(r"^[0-9]+(?:\s*[;,]\s*[0-9]+)*$")

SOURCE = Source(
    id="source:ucdp-ged",
    title="UCDP Georeferenced Event Dataset (GED)",
    kind=SourceKind.DATASET,
    publisher="Uppsala Conflict Data Program",
    url="https://ucdp.uu.se/",
    description="Human-coded events of organised violence with at least one death; best, low and high "
    "fatality estimates.",
)


def sniff(head: bytes, name: str | None) -> bool:
    """True for a CSV header with GED's ``type_of_violence`` and ``side_a`` columns."""
    first = head.split(b"\n", 1)[0].lower()
    return b"type_of_violence" in first and b"side_a" in first


def edtf_span(start: dt.date, end: dt.date, date_prec: int) -> str:
    """The EDTF span for GED's ``date_start``/``date_end`` and ``date_prec`` (1-5).

    An exact date is a day; a range that is a whole month (precision 4) or a whole year
    (precision 5) is written as that month or year; any other range as an interval. A
    single day given with a precision coarser than 1 is marked approximate (``~``).
    """
    if start == end:
        return start.isoformat() + ("~" if date_prec > 1 else "")
    next_day = end + dt.timedelta(days=1)
    if date_prec >= 4 and start.day == 1 and next_day.day == 1 and (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}"
    if date_prec >= 5 and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year:04d}"
    return f"{start.isoformat()}/{end.isoformat()}"


def _gw(text: str, field: str) -> str:
    text = text.strip()
    if text and not _GW.match(text):
        raise c.RowError(f"expected Gleditsch-Ward codes like '2;200;900', got {text!r}", field)
    return ";".join(part.strip() for part in re.split(r"[;,]", text)) if text else ""


def split_side(name: str) -> list[str]:
    """The actors of one side: a list of governments is split, any other name kept whole."""
    if name.startswith("Government of ") and ", Government of " in name:
        return [part.strip() for part in re.split(r",\s*(?=Government of )", name) if part.strip()]
    return [name]


class _Reader(c.RowImporter):
    name, title, dataset = "ucdp", "UCDP GED file", SOURCE
    header: c.Header

    def __init__(self, context: ImportContext) -> None:
        super().__init__(context)
        self.side_ids: dict[str, int] = {}
        self.header = c.Header(
            "a UCDP GED file", _REQUIRED, known=COLUMNS, normalise=lambda f: f.strip().lstrip("\ufeff").lower()
        )
        self.inconsistent = 0

    # -- actors ------------------------------------------------------------------------------

    def make_id(self, name: str) -> str:
        return f"actor:ucdp:{self.side_ids[name]}" if name in self.side_ids else super().make_id(name)

    def make_actor(self, actor_id: str, name: str, hints: dict[str, int]) -> Actor:
        country = None
        if name.startswith("Government of "):
            country = self.countries.from_name(name.removeprefix("Government of "))
            kind = ActorKind.STATE
        elif name == "Civilians":
            kind = ActorKind.GROUP
        else:
            kind = ActorKind.ARMED_GROUP
        ext = (ExternalId("ucdp", str(self.side_ids[name])),) if name in self.side_ids else ()
        alliance = ", " in name and kind is ActorKind.ARMED_GROUP
        return Actor(
            id=actor_id,
            name=name,
            kind=kind,
            country=country,
            external_ids=ext,
            description="UCDP side" + (" (an alliance of the groups named)" if alliance else ""),
            resolved=False,
        )

    def side(self, get: Callable[[str], str], letter: str) -> list[str]:
        """The actor ids of side A or B (a list of governments is split); their names are noted."""
        name = " ".join(get(f"side_{letter}").split())
        if not name:
            raise c.RowError(f"side_{letter} is empty", f"side_{letter}")
        new_id = c.parse_int(get(f"side_{letter}_new_id"), f"side_{letter}_new_id", minimum=0, maximum=10**7)
        pieces = split_side(name)
        ids = []
        for piece in pieces:
            if new_id is not None and len(pieces) == 1:
                known = self.side_ids.get(piece)
                self.side_ids[piece] = new_id if known is None else min(known, new_id)
            country = None
            if piece.startswith("Government of "):
                country = self.countries.from_name(piece.removeprefix("Government of "))
            ids.append(self.actor_id(piece, country, hint=""))
        return ids

    def summary(self) -> list[tuple[str, object]]:
        return [("deaths_inconsistent", self.inconsistent)]

    # -- rows ----------------------------------------------------------------------------------

    def row(self, row: list[str]) -> list[Object]:
        get = self.cells(row)

        key = self.unique(c.digits(get("id"), "id"), "id")
        violence = c.one_of(get("type_of_violence"), VIOLENCE_KINDS, "type_of_violence")
        start = c.iso_day(get("date_start"), "date_start", time=True)
        end = c.iso_day(get("date_end"), "date_end", time=True)
        if end < start:
            raise c.RowError(f"date_end {end} is before date_start {start}", "date_end")
        prec = c.parse_int(get("date_prec"), "date_prec", minimum=1, maximum=5) or 1
        where = c.one_of(get("where_prec"), WHERE_PRECISION, "where_prec", empty=True)
        lat, lon = c.coordinates(get("latitude"), get("longitude"), "latitude", "longitude")
        deaths = {}
        for name in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high"):
            required = name not in ("best", "low", "high")
            value = c.parse_int(get(name), name, allow_empty=required, minimum=0, maximum=numbers.MAX_FATALITIES)
            deaths[name] = value
        best, low, high = deaths["best"], deaths["low"], deaths["high"]
        assert best is not None and low is not None and high is not None
        _gw(get("gwnoa"), "gwnoa")  # validated: lists like "2;200;900"
        _gw(get("gwnob"), "gwnob")
        clarity = c.one_of(get("event_clarity"), ("1", "2"), "event_clarity", empty=True)
        c.parse_int(get("number_of_sources"), "number_of_sources", minimum=-1, maximum=numbers.MAX_COUNT - 1)

        side_a, side_b = self.side(get, "a"), self.side(get, "b")
        role_a = Role.INITIATOR if violence == "3" else Role.PARTICIPANT
        role_b = Role.VICTIM if violence == "3" else Role.PARTICIPANT
        participants: list[Participant] = []
        for n, ids, role in ((1, side_a, role_a), (2, side_b, role_b)):
            participants.extend(Participant(aid, role, side=n) for aid in ids)
        participants = list(dict.fromkeys(participants))

        iso3 = self.countries.from_name(get("country")) if get("country") else None
        place_name = get("where_coordinates") or get("where_description") or get("adm_1") or get("country")
        place = Place(
            name=place_name,
            country=iso3,
            admin1=get("adm_1") or None,
            lat=lat,
            lon=lon,
            precision=WHERE_PRECISION.get(where) if where else None,
        )
        event_id = f"event:ucdp:{key}"
        consistent = low <= best <= high
        values = f"best {best}, low {low}, high {high}"
        casualties = []
        for name, label, entries in (
            ("deaths_a", f"side A: {get('side_a')}", side_a),
            ("deaths_b", f"side B: {get('side_b')}", side_b),
            ("deaths_civilians", "civilians", []),
            ("deaths_unknown", "unknown", []),
        ):
            count = deaths[name]
            if count is None:
                continue
            group = entries[0] if len(entries) == 1 else None
            casualties.append(Casualties(label=label, group=group, killed=CountRange.exactly(count)))
        lo, hi = min(best, low, high), max(best, low, high)
        casualties.append(
            Casualties(
                label="total (UCDP low-high)" if consistent else "total (UCDP low-high; inconsistent estimates)",
                killed=CountRange(lo, hi, approximate=lo != hi, text=values),
            )
        )
        title = f"{get('side_a')} - {get('side_b')}: {_VIOLENCE_NAMES[violence]} in {place_name}"
        metrics = Metrics(
            fatalities_low=low if consistent else None,
            fatalities_best=best,
            fatalities_high=high if consistent else None,
            time_precision=prec,
            geo_precision=int(where) if where else None,
        )
        event = Event(
            id=event_id,
            kind=VIOLENCE_KINDS[violence],
            when=edtf_span(start, end, prec),
            title=title,
            summary=get("source_headline") or None,
            place=place,
            participants=tuple(participants),
            casualties=tuple(casualties),
            metrics=metrics,
            external_ids=(ExternalId("ucdp", key),),
        )
        outlets = c.outlets(get("source_office"))
        cites = tuple(o.id for o in outlets)
        confidence = 0.6 if clarity == "2" else 0.8
        claims = [
            self.occurred(key, event_id, confidence=confidence, evidence=get("source_article") or None, cites=cites),
            Claim(
                id=f"claim:ucdp:{key}:best",
                source=SOURCE.id,
                subject=event_id,
                predicate=Predicate.COUNT,
                attribute="killed",
                value=ClaimValue(count=CountRange.exactly(best, text=f"UCDP best estimate ({values})")),
                confidence=confidence,
                cites=cites,
            ),
        ]
        if not consistent:
            claims.append(
                Claim(
                    id=f"claim:ucdp:{key}:deaths-inconsistent",
                    source=c.stable_id("source:ucdp:file", self.label),
                    subject=event_id,
                    predicate=Predicate.STATES,
                    attribute="deaths:inconsistent",
                    value=ClaimValue(text=f"{values}: low <= best <= high does not hold"),
                    confidence=1.0,
                    kind=ClaimKind.ASSESSMENT,
                    machine=True,
                )
            )
            self.inconsistent += 1
        return [event, *claims, *outlets]


def read_ged(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    """Read a UCDP GED CSV (``read`` of the ``ucdp`` importer)."""
    return _Reader(context).read(source)
