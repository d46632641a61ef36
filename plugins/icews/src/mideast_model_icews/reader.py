"""The ICEWS importer: the coded-event ``.tab`` files (tab-separated, header row, 20 columns).

Each row becomes an :class:`~mideast_model.model.Event` with its CAMEO code and a
machine-coded claim ``(event, occurred)`` by ICEWS of low stated confidence. The literal
``NA`` means missing. ICEWS Event IDs are not unique, so the event id is
``event:icews:<Event ID>-<8 hex of SHA-1 of the whole row>``: the same row always gets the
same id, two different rows sharing an Event ID get different ones, and a row repeated
verbatim is imported once (and counted). See ``docs/icews.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from mideast_model.extensions import ImportContext
from mideast_model.io import numbers
from mideast_model.io import rows as c
from mideast_model.model import (
    Actor,
    ActorKind,
    Event,
    ExternalId,
    GeoPrecision,
    Metrics,
    Object,
    Participant,
    Role,
    Source,
    SourceKind,
)

__all__ = ["COLUMNS", "CONFIDENCE", "read_icews", "sector_kind", "sniff"]

COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip
_REQUIRED = ("Event ID", "Event Date", "Source Name", "CAMEO Code", "Target Name")
#: The stated confidence of every ICEWS claim: machine-coded, one sentence of one story.
CONFIDENCE = 0.3
_NA = "NA"

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


def _quad(code: str) -> int:
    """CAMEO's quad class of an event code: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def sniff(head: bytes, name: str | None) -> bool:
    """True for a tab-separated header starting with ICEWS's ``Event ID`` and ``Event Date``."""
    first = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf")
    return first.startswith(b"Event ID\tEvent Date")


class _Reader(c.RowImporter):
    name, title, dataset, delimiter, quote = "icews", "ICEWS file", SOURCE, "\t", False
    header: c.Header

    def __init__(self, context: ImportContext) -> None:
        super().__init__(context)
        self.header = c.Header("an ICEWS events file", _REQUIRED, delimiter="\t")
        self.repeated = 0

    def make_actor(self, actor_id: str, name: str, hints: dict[str, int]) -> Actor:
        # hints are "country|sectors" strings; the most frequent wins, ties by text (order-free).
        best = sorted(hints.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if hints else "|"
        country, _, sectors = best.partition("|")
        iso3 = self.countries.from_name(country) if country else None
        kind = sector_kind(sectors)
        if kind is None:
            is_state = iso3 is not None and self.countries.names.get(iso3, "").casefold() == name.casefold()
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

    def summary(self) -> list[tuple[str, object]]:
        shared = Counter(k.rsplit("-", 1)[0] for k in self.keys)
        return [
            ("rows_repeated_verbatim", self.repeated),
            ("event_ids_shared_by_rows", sum(n > 1 for n in shared.values())),
        ]

    def row(self, row: list[str]) -> list[Object] | None:
        get = self.cells(row, missing=(_NA,))
        key = c.digits(get("Event ID"), "Event ID")
        day = c.iso_day(get("Event Date"), "Event Date")
        code = get("CAMEO Code")
        kind = c.cameo_kind(code, "CAMEO Code")
        intensity = c.parse_float(get("Intensity"), "Intensity", low=-10, high=10)
        lat, lon = c.coordinates(get("Latitude"), get("Longitude"), "Latitude", "Longitude")
        story = c.parse_int(get("Story ID"), "Story ID", minimum=0, maximum=10**15)
        sentence = c.parse_int(get("Sentence Number"), "Sentence Number", minimum=0, maximum=numbers.MAX_COUNT - 1)

        row_hash = c.short_hash(*row, length=8)
        event_id = f"event:icews:{key}-{row_hash}"
        if event_id in self.keys:
            self.repeated += 1
            return None
        self.unique(event_id, "Event ID")
        participants: list[Participant] = []
        for side, prefix, role in ((1, "Source", Role.INITIATOR), (2, "Target", Role.TARGET)):
            name = " ".join(get(f"{prefix} Name").split())
            if not name:
                continue
            country = get(f"{prefix} Country")
            iso3 = self.countries.from_name(country) if country else None
            aid = self.actor_id(name, iso3, hint=f"{country}|{get(f'{prefix} Sectors')}")
            participants.append(Participant(aid, role, side=side))
        participants = list(dict.fromkeys(participants))

        city, district, province, country = get("City"), get("District"), get("Province"), get("Country")
        precision = (
            GeoPrecision.LOCALITY if city else GeoPrecision.DISTRICT if district
            else GeoPrecision.REGION if province else GeoPrecision.COUNTRY
        )  # fmt: skip
        iso3 = self.countries.from_name(country) if country else None
        place = c.place((city, district, province, country), iso3, province, lat, lon, precision)
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
        claim = self.occurred(
            f"{key}-{row_hash}",
            event_id,
            confidence=CONFIDENCE,
            evidence=c.kv([("story_id", story), ("sentence_number", sentence), ("publisher", get("Publisher"))])
            or None,
            cites=tuple(o.id for o in outlets),
            machine=True,
        )
        return [event, claim, *outlets]


def read_icews(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    """Read an ICEWS ``.tab`` events file (``read`` of the ``icews`` importer)."""
    return _Reader(context).read(source)
