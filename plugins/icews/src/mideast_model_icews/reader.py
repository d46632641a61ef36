"""The ICEWS importer: the coded-event ``.tab`` files (tab-separated, header row, 20 columns).

Each row becomes an :class:`~mideast_model.model.Event` with its CAMEO code and a
machine-coded claim ``(event, occurred)`` by ICEWS of low stated confidence. The literal
``NA`` means missing. ICEWS Event IDs are not unique, so the event id is
``event:icews:<Event ID>-<8 hex of SHA-1 of the whole row>``: the same row always gets the
same id, two different rows sharing an Event ID get different ones, and a row repeated
verbatim is imported once (and counted). See ``docs/icews.md``.
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
    Claim,
    ClaimKind,
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

__all__ = ["COLUMNS", "CONFIDENCE", "read_icews", "sector_kind", "sniff"]

log = logging.getLogger(__name__)

COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip
_REQUIRED = ("Event ID", "Event Date", "Source Name", "CAMEO Code", "Target Name")
#: The stated confidence of every ICEWS claim: machine-coded, one sentence of one story.
CONFIDENCE = 0.3
_NA = "NA"
_EVENT_CODE = re.compile(r"^\d{2,4}$")

SOURCE = Source(
    id="source:icews",
    title="Integrated Crisis Early Warning System (ICEWS) Coded Event Data",
    kind=SourceKind.DATASET,
    publisher="Lockheed Martin Advanced Technology Laboratories; Harvard Dataverse",
    url="https://doi.org/10.7910/DVN/28075",
    description="Events machine-coded in CAMEO (BBN ACCENT) from news stories; each row is a "
    "low-confidence machine claim, not curated fact.",
)

_SECTOR_KINDS: tuple[tuple[str, ActorKind], ...] = (
    ("military", ActorKind.MILITARY),
    ("police", ActorKind.GOVERNMENT_BODY),
    ("insurgents", ActorKind.ARMED_GROUP),
    ("rebel", ActorKind.ARMED_GROUP),
    ("separatists", ActorKind.ARMED_GROUP),
    ("militant", ActorKind.ARMED_GROUP),
    ("terrorist", ActorKind.ARMED_GROUP),
    ("parties", ActorKind.PARTY),
    ("party", ActorKind.PARTY),
    ("media", ActorKind.MEDIA),
    ("news", ActorKind.MEDIA),
    ("ngo", ActorKind.NGO),
    ("non-governmental", ActorKind.NGO),
    ("international", ActorKind.IGO),
    ("business", ActorKind.COMPANY),
    ("government", ActorKind.GOVERNMENT_BODY),
    ("executive", ActorKind.GOVERNMENT_BODY),
    ("legislative", ActorKind.GOVERNMENT_BODY),
    ("judicial", ActorKind.GOVERNMENT_BODY),
)


def sector_kind(sectors: str) -> ActorKind | None:
    """Our actor kind for an ICEWS sector list ("Military,Government"), or ``None``."""
    parts = [p.strip().lower() for p in sectors.split(",") if p.strip()]
    for needle, kind in _SECTOR_KINDS:
        if any(needle in p for p in parts):
            return kind
    return None


_DIGITS = re.compile(r"[0-9]{1,20}")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _quad(code: str) -> int:
    """CAMEO's quad class of an event code: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def sniff(head: bytes, name: str | None) -> bool:
    """True for a tab-separated header starting with ICEWS's ``Event ID`` and ``Event Date``."""
    first = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf")
    return first.startswith(b"Event ID\tEvent Date")


def _kv(pairs: Sequence[tuple[str, object]]) -> str:
    return "; ".join(f"{k}={str(v).replace(';', ',')}" for k, v in pairs if v not in (None, ""))


def _make_id(name: str) -> str:
    return f"actor:icews:{c.slug(name, 40)}-{c.short_hash(name, length=6)}"


def _make_actor(actor_id: str, name: str, hints: dict[str, int]) -> Actor:
    # hints are "country|sectors" strings; the most frequent wins, ties by text (order-free).
    best = sorted(hints.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if hints else "|"
    country, _, sectors = best.partition("|")
    countries = c.countries()
    iso3 = countries.from_name(country) if country else None
    kind = sector_kind(sectors)
    if kind is None:
        is_state = iso3 is not None and countries.names.get(iso3, "").casefold() == name.casefold()
        kind = ActorKind.STATE if is_state else ActorKind.OTHER
    return Actor(
        id=actor_id,
        name=name,
        kind=kind,
        country=iso3,
        external_ids=(ExternalId("icews", name),),
        description="ICEWS actor" + (f"; sectors: {sectors}" if sectors else ""),
        resolved=False,
    )


class _Reader:
    def __init__(self, context: ImportContext) -> None:
        self.context = context
        self.header = c.Header("an ICEWS events file", _REQUIRED, delimiter="\t")
        self.resolve = c.Resolver(context)
        self.book = c.ActorBook(self.resolve, {"scheme": "icews", "dataset": "icews"}, _make_id, _make_actor)
        self.countries = c.countries()
        self.seen: set[str] = set()
        self.ids: set[str] = set()
        self.event_ids: dict[str, int] = {}
        self.rows = 0
        self.events = 0
        self.repeated = 0

    def convert(self, row: list[str]) -> tuple[list[Object], list[tuple[str, str]]] | None:
        self.header.check_width(row)
        get = self.header.getter(row, missing=(_NA,))

        key = get("Event ID")
        if not _DIGITS.fullmatch(key):
            raise c.RowError(f"Event ID must be ASCII digits, got {key[:40]!r}", "Event ID")
        when = get("Event Date")
        try:
            if not _ISO_DAY.fullmatch(when):
                raise ValueError(when)
            day = dt.date.fromisoformat(when)
        except ValueError:
            raise c.RowError(f"not a date YYYY-MM-DD: {when[:40]!r}", "Event Date") from None
        if not 1900 <= day.year <= 2100:
            raise c.RowError(f"year {day.year} is outside 1900-2100", "Event Date")
        code = get("CAMEO Code")
        if not _EVENT_CODE.match(code):
            raise c.RowError(f"not a zero-padded CAMEO event code: {code!r}", "CAMEO Code")
        try:
            kind = EventKind.from_cameo(code)
        except ValueError as exc:
            raise c.RowError(str(exc), "CAMEO Code") from None
        intensity = c.parse_float(get("Intensity"), "Intensity", low=-10, high=10)
        lat = c.parse_float(get("Latitude"), "Latitude", low=-90, high=90)
        lon = c.parse_float(get("Longitude"), "Longitude", low=-180, high=180)
        if (lat is None) != (lon is None):
            raise c.RowError("latitude without longitude (or the reverse)", "Latitude")
        story = c.parse_int(get("Story ID"), "Story ID", minimum=0, maximum=10**15)
        sentence = c.parse_int(get("Sentence Number"), "Sentence Number", minimum=0, maximum=numbers.MAX_COUNT - 1)

        row_hash = c.short_hash(*row, length=8)
        event_id = f"event:icews:{key}-{row_hash}"
        if event_id in self.ids:
            self.repeated += 1
            return None
        participants: list[Participant] = []
        notes: list[tuple[str, str]] = []
        for side, prefix, role in ((1, "Source", Role.INITIATOR), (2, "Target", Role.TARGET)):
            name = " ".join(get(f"{prefix} Name").split())
            if not name:
                continue
            country = get(f"{prefix} Country")
            iso3 = self.countries.from_name(country) if country else None
            participants.append(Participant(self.book.lookup(name, iso3), role, side=side))
            notes.append((name, f"{country}|{get(f'{prefix} Sectors')}"))
        participants = list(dict.fromkeys(participants))

        city, district, province, country = get("City"), get("District"), get("Province"), get("Country")
        place = None
        name = city or district or province or country
        if name:
            precision = (
                GeoPrecision.LOCALITY if city else GeoPrecision.DISTRICT if district
                else GeoPrecision.REGION if province else GeoPrecision.COUNTRY
            )  # fmt: skip
            place = Place(
                name=name,
                country=self.countries.from_name(country) if country else None,
                admin1=province or None,
                lat=lat,
                lon=lon,
                precision=precision if lat is not None else None,
            )
        text = get("Event Text") or f"CAMEO {code}"
        title = f"{text}: {get('Source Name') or '?'} -> {get('Target Name') or '?'}"
        event = Event(
            id=event_id,
            kind=kind,
            when=day.isoformat(),
            title=title,
            place=place,
            participants=tuple(participants),
            cameo=code,
            metrics=Metrics(goldstein=intensity, quad_class=_quad(code), geo_precision=None),
            external_ids=(ExternalId("icews", key),),
        )
        outlets = [c.outlet_source(get("Publisher"))] if get("Publisher") else []
        claim = Claim(
            id=f"claim:icews:{key}-{row_hash}",
            source=SOURCE.id,
            subject=event_id,
            predicate=Predicate.OCCURRED,
            confidence=CONFIDENCE,
            kind=ClaimKind.FACT,
            evidence=_kv([("story_id", story), ("sentence_number", sentence), ("publisher", get("Publisher"))]) or None,
            cites=tuple(o.id for o in outlets),
            machine=True,
        )
        return [event, claim, *outlets], notes


def read_icews(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    """Read an ICEWS ``.tab`` events file (``read`` of the ``icews`` importer)."""
    run = _Reader(context)
    label = c.file_label(source, context)
    rows = c.RowImporter(context, label)
    for line, row in c.read_rows(
        source, context, delimiter="\t", quote=False, header=True,
        on_header=lambda fields, line: run.header(fields, line, context), column_name=run.header.column,
    ):  # fmt: skip
        converted = rows.convert(line, run.convert, row)
        if converted is None:
            continue
        objects, notes = converted
        event = objects[0]
        run.ids.add(event.id)
        key = event.id.removeprefix("event:icews:").rsplit("-", 1)[0]
        run.event_ids[key] = run.event_ids.get(key, 0) + 1
        run.book.commit(notes)
        run.events += 1
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
    shared = sum(1 for n in run.event_ids.values() if n > 1)
    summary = _kv(
        [
            ("rows", run.rows), ("events", run.events), ("skipped", rows.skipped),
            ("rows_repeated_verbatim", run.repeated), ("event_ids_shared_by_rows", shared),
            ("resolution", run.resolve.summary()),
        ]
    )  # fmt: skip
    log.info("%s: %s", label, summary)
    yield Source(
        id=f"source:icews:file:{c.slug(label, 40)}-{c.short_hash(label, length=6)}",
        title=f"ICEWS file {label}",
        kind=SourceKind.DATASET,
        publisher=SOURCE.publisher,
        derived_from=(SOURCE.id,),
        description=f"Imported by mideast-model-icews: {summary}\n{c.resolution_text(run.book.entries())}",
    )
