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
import logging
import re
from collections.abc import Iterator, Sequence
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

log = logging.getLogger(__name__)

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
_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?)?")
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


def _day(text: str, field: str) -> dt.date:
    """A GED date, ``YYYY-MM-DD`` with an optional valid time (``T25:00:00`` is not one), 1900-2100."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        raise c.RowError(f"expected YYYY-MM-DD [HH:MM:SS] in ASCII digits, got {text[:40]!r}", field)
    try:
        day = dt.date.fromisoformat(match.group(1))
        if match.group(2) is not None:
            dt.time(int(match.group(2)), int(match.group(3)), int(match.group(4) or 0))
    except ValueError:
        raise c.RowError(f"not a valid date and time: {text[:40]!r}", field) from None
    if not 1900 <= day.year <= 2100:
        raise c.RowError(f"year {day.year} is outside 1900-2100 (GED has no open-ended dates)", field)
    return day


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


def _kv(pairs: Sequence[tuple[str, object]]) -> str:
    return "; ".join(f"{k}={str(v).replace(';', ',')}" for k, v in pairs if v not in (None, ""))


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


class _Reader:
    def __init__(self, context: ImportContext, file_source: str) -> None:
        self.context = context
        self.file_source = file_source
        self.header = c.Header(
            "a UCDP GED file", _REQUIRED, known=COLUMNS, normalise=lambda f: f.strip().lstrip("\ufeff").lower()
        )
        self.resolve = c.Resolver(context)
        self.side_ids: dict[str, int] = {}
        self.book = c.ActorBook(self.resolve, {"scheme": "ucdp", "dataset": "ucdp"}, self._make_id, self._make_actor)
        self.countries = c.countries()
        self.seen: set[str] = set()
        self.event_ids: set[str] = set()
        self.rows = 0
        self.events = 0
        self.inconsistent = 0

    # -- header and actors -----------------------------------------------------------------

    def _make_id(self, name: str) -> str:
        if name in self.side_ids:
            return f"actor:ucdp:{self.side_ids[name]}"
        return f"actor:ucdp:{c.slug(name, 40)}-{c.short_hash(name, length=6)}"

    def _make_actor(self, actor_id: str, name: str, hints: dict[str, int]) -> Actor:
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

    def side(self, row: list[str], letter: str) -> list[str]:
        get = self.header.getter(row)
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
            ids.append((piece, self.book.lookup(piece, country)))
        return [f"{piece}\x00{aid}" for piece, aid in ids]

    # -- rows ----------------------------------------------------------------------------------

    def convert(self, row: list[str]) -> tuple[list[Object], list[tuple[str, str]]]:
        self.header.check_width(row)
        get = self.header.getter(row)

        key = get("id")
        if not key.isdigit():
            raise c.RowError(f"id must be digits, got {key!r}", "id")
        if key in self.event_ids:
            raise c.RowError(f"id {key} appears twice in this file", "id")
        violence = get("type_of_violence")
        if violence not in VIOLENCE_KINDS:
            raise c.RowError(f"type_of_violence must be 1, 2 or 3, got {violence!r}", "type_of_violence")
        start, end = _day(get("date_start"), "date_start"), _day(get("date_end"), "date_end")
        if end < start:
            raise c.RowError(f"date_end {end} is before date_start {start}", "date_end")
        prec = c.parse_int(get("date_prec"), "date_prec", minimum=1, maximum=5) or 1
        if not 1 <= prec <= 5:
            raise c.RowError(f"date_prec must be 1-5, got {prec}", "date_prec")
        where = get("where_prec")
        if where and where not in WHERE_PRECISION:
            raise c.RowError(f"where_prec must be 1-7, got {where!r}", "where_prec")
        lat = c.parse_float(get("latitude"), "latitude", low=-90, high=90)
        lon = c.parse_float(get("longitude"), "longitude", low=-180, high=180)
        if (lat is None) != (lon is None):
            raise c.RowError("latitude without longitude (or the reverse)", "latitude")
        deaths = {}
        for name in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high"):
            required = name not in ("best", "low", "high")
            value = c.parse_int(get(name), name, allow_empty=required, minimum=0, maximum=numbers.MAX_FATALITIES)
            deaths[name] = value
        best, low, high = deaths["best"], deaths["low"], deaths["high"]
        assert best is not None and low is not None and high is not None
        _gw(get("gwnoa"), "gwnoa")  # validated: lists like "2;200;900"
        _gw(get("gwnob"), "gwnob")
        clarity = get("event_clarity")
        if clarity not in ("", "1", "2"):
            raise c.RowError(f"event_clarity must be 1 or 2, got {clarity!r}", "event_clarity")
        c.parse_int(get("number_of_sources"), "number_of_sources", minimum=-1, maximum=numbers.MAX_COUNT - 1)

        side_a, side_b = self.side(row, "a"), self.side(row, "b")
        role_a = Role.INITIATOR if violence == "3" else Role.PARTICIPANT
        role_b = Role.VICTIM if violence == "3" else Role.PARTICIPANT
        participants: list[Participant] = []
        notes: list[tuple[str, str]] = []
        for n, entries, role in ((1, side_a, role_a), (2, side_b, role_b)):
            for entry in entries:
                piece, aid = entry.split("\x00")
                participants.append(Participant(aid, role, side=n))
                notes.append((piece, ""))
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
            group = entries[0].split("\x00")[1] if len(entries) == 1 else None
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
        outlets = [c.outlet_source(n) for n in get("source_office").split(";") if n.strip()]
        cites = tuple(dict.fromkeys(o.id for o in outlets))
        confidence = 0.6 if clarity == "2" else 0.8
        claims = [
            Claim(
                id=f"claim:ucdp:{key}",
                source=SOURCE.id,
                subject=event_id,
                predicate=Predicate.OCCURRED,
                confidence=confidence,
                evidence=get("source_article") or None,
                cites=cites,
            ),
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
                    source=self.file_source,
                    subject=event_id,
                    predicate=Predicate.STATES,
                    attribute="deaths:inconsistent",
                    value=ClaimValue(text=f"{values}: low <= best <= high does not hold"),
                    confidence=1.0,
                    kind=ClaimKind.ASSESSMENT,
                    machine=True,
                )
            )
        return [event, *claims, *outlets], notes


def read_ged(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    """Read a UCDP GED CSV (``read`` of the ``ucdp`` importer)."""
    label = c.file_label(source, context)
    file_id = f"source:ucdp:file:{c.slug(label, 40)}-{c.short_hash(label, length=6)}"
    run = _Reader(context, file_id)
    rows = c.RowImporter(context, label)
    for line, row in c.read_rows(
        source, context, delimiter=",", header=True,
        on_header=lambda fields, line: run.header(fields, line, context), column_name=run.header.column,
    ):  # fmt: skip
        result = rows.convert(line, run.convert, row)
        if result is None:
            continue
        objects, notes = result
        run.event_ids.add(row[run.header.ix["id"]].strip())
        run.book.commit(notes)
        run.events += 1
        run.inconsistent += sum(1 for o in objects if isinstance(o, Claim) and o.attribute == "deaths:inconsistent")
        for obj in objects:
            if isinstance(obj, Source):
                if obj.id in run.seen:
                    continue
                run.seen.add(obj.id)
            yield obj
    rows.finish()
    run.rows = rows.rows
    yield from run.book.actors()
    yield SOURCE
    summary = _kv(
        [
            ("rows", run.rows), ("events", run.events), ("skipped", rows.skipped),
            ("deaths_inconsistent", run.inconsistent), ("ignored_columns", ",".join(run.header.ignored)),
            ("resolution", run.resolve.summary()),
        ]
    )  # fmt: skip
    log.info("%s: %s", label, summary)
    yield Source(
        id=file_id,
        title=f"UCDP GED file {label}",
        kind=SourceKind.DATASET,
        publisher="Uppsala Conflict Data Program",
        derived_from=(SOURCE.id,),
        description=f"Imported by mideast-model-ucdp: {summary}\n{c.resolution_text(run.book.entries())}",
    )
