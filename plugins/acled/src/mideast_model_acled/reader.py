"""The ACLED importer: the current 31-column export and the older headers ACLED has used.

Each row becomes an :class:`~mideast_model.model.Event` (``event:acled:<event_id_cnty>``)
with its kind from ``event_type``/``sub_event_type`` (:data:`EVENT_KINDS`), participants
from ``actor1``/``actor2`` and the ``assoc_actor_*`` lists, fatalities as a casualty
count, and one claim ``(event, occurred)`` by ACLED whose ``evidence`` is the row's
``notes`` and whose ``about`` lists the outlets named in ``source``. See ``docs/acled.md``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from mideast_model.extensions import ImportContext
from mideast_model.io import numbers
from mideast_model.io import rows as c
from mideast_model.io.identity import split_period
from mideast_model.model import (
    Actor,
    ActorKind,
    Casualties,
    CountRange,
    Event,
    EventKind,
    ExternalId,
    GeoPrecision,
    Metrics,
    Object,
    Participant,
    Role,
    Source,
    SourceKind,
)

__all__ = ["COLUMNS", "EVENT_KINDS", "EVENT_TYPE_DEFAULTS", "HEADER_ALIASES", "read_acled", "sniff"]

#: The current export's 31 columns, in order (acledR's ``acled_old_dummy``, ACLED 2022).
COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

#: Older header names mapped to the current ones (ACLED's 2013-2019 files; upper-case headers).
HEADER_ALIASES = {
    "ally_actor_1": "assoc_actor_1",
    "ally_actor_2": "assoc_actor_2",
    "assoc_actor1": "assoc_actor_1",
    "assoc_actor2": "assoc_actor_2",
    "lat": "latitude",
    "long": "longitude",
    "lon": "longitude",
    "event_id": "event_id_cnty",
}
_REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "country", "fatalities")

#: (event_type, sub_event_type), case-insensitive, to our event kinds.
EVENT_KINDS: dict[tuple[str, str], EventKind] = {
    ("battles", "armed clash"): EventKind.ARMED_CLASH,
    ("battles", "government regains territory"): EventKind.ARMED_CLASH,
    ("battles", "non-state actor overtakes territory"): EventKind.ARMED_CLASH,
    ("explosions/remote violence", "chemical weapon"): EventKind.MASS_VIOLENCE,
    ("explosions/remote violence", "air/drone strike"): EventKind.AIRSTRIKE,
    ("explosions/remote violence", "suicide bomb"): EventKind.BOMBING,
    ("explosions/remote violence", "shelling/artillery/missile attack"): EventKind.ARTILLERY_OR_ROCKET_ATTACK,
    ("explosions/remote violence", "remote explosive/landmine/ied"): EventKind.BOMBING,
    ("explosions/remote violence", "grenade"): EventKind.BOMBING,
    ("protests", "peaceful protest"): EventKind.PROTEST,
    ("protests", "protest with intervention"): EventKind.PROTEST,
    ("protests", "excessive force against protesters"): EventKind.REPRESSION,
    ("riots", "violent demonstration"): EventKind.RIOT,
    ("riots", "mob violence"): EventKind.RIOT,
    ("strategic developments", "agreement"): EventKind.AGREEMENT,
    ("strategic developments", "arrests"): EventKind.ARREST,
    ("strategic developments", "change to group/activity"): EventKind.OTHER,
    ("strategic developments", "disrupted weapons use"): EventKind.SEIZURE,
    ("strategic developments", "headquarters or base established"): EventKind.MILITARY_POSTURE,
    ("strategic developments", "looting/property destruction"): EventKind.SEIZURE,
    ("strategic developments", "non-violent transfer of territory"): EventKind.MILITARY_POSTURE,
    ("strategic developments", "other"): EventKind.OTHER,
    ("violence against civilians", "sexual violence"): EventKind.ASSAULT,
    ("violence against civilians", "attack"): EventKind.ASSAULT,
    ("violence against civilians", "abduction/forced disappearance"): EventKind.ASSAULT,
}

#: An event type alone (older files have no sub-event type), current and pre-2019 names.
EVENT_TYPE_DEFAULTS: dict[str, EventKind] = {
    "battles": EventKind.ARMED_CLASH,
    "explosions/remote violence": EventKind.MILITARY_FORCE,
    "protests": EventKind.PROTEST,
    "riots": EventKind.RIOT,
    "strategic developments": EventKind.OTHER,
    "violence against civilians": EventKind.ASSAULT,
    # before 2019
    "battle-no change of territory": EventKind.ARMED_CLASH,
    "battle-government regains territory": EventKind.ARMED_CLASH,
    "battle-non-state actor overtakes territory": EventKind.ARMED_CLASH,
    "remote violence": EventKind.MILITARY_FORCE,
    "riots/protests": EventKind.PROTEST,
    "strategic development": EventKind.OTHER,
    "headquarters or base established": EventKind.MILITARY_POSTURE,
    "non-violent transfer of territory": EventKind.MILITARY_POSTURE,
    "non-violent activity by a conflict actor": EventKind.OTHER,
    "violence against civilians (one-sided)": EventKind.ASSAULT,
}

#: ``disorder_type`` spellings normalised (ACLED's own files hold the typo "Demostrations").
DISORDER_TYPES = {"demostrations": "Demonstrations"}

#: ``inter1``/``inter2`` codes and the text labels ACLED uses since 2023.
INTER_LABELS = {
    "state forces": 1, "rebel group": 2, "rebel groups": 2, "rebel forces": 2, "political militia": 3,
    "political militias": 3, "militia groups": 3, "identity militia": 4, "identity militias": 4,
    "communal/identity groups": 4, "communal / identity groups": 4, "rioters": 5, "protesters": 6,
    "protestors": 6, "civilians": 7, "external/other forces": 8, "foreign/others": 8, "foreign / others": 8,
}  # fmt: skip
_INTER_KIND = {
    1: ActorKind.MILITARY, 2: ActorKind.ARMED_GROUP, 3: ActorKind.ARMED_GROUP, 4: ActorKind.ARMED_GROUP,
    5: ActorKind.GROUP, 6: ActorKind.GROUP, 7: ActorKind.GROUP, 8: ActorKind.OTHER,
}  # fmt: skip
_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
_GEO_PRECISION = {"1": GeoPrecision.LOCALITY, "2": GeoPrecision.DISTRICT, "3": GeoPrecision.REGION}
_ID = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")
_OF_COUNTRY = re.compile(r"^(?:Military|Police|Government|Forces)(?: Forces)? of (?:the )?(.+?)(?: \(|$)")
_PAREN_COUNTRY = re.compile(r"\(([^()]+)\)\s*$")

SOURCE = Source(
    id="source:acled",
    title="Armed Conflict Location & Event Data (ACLED)",
    kind=SourceKind.DATASET,
    publisher="ACLED",
    url="https://acleddata.com/",
    description="Human-coded political violence and protest events from news, local partners and "
    "reports; fatality counts are conservative estimates.",
)


def sniff(head: bytes, name: str | None) -> bool:
    """True for a CSV whose header has ACLED's ``event_id_cnty`` and ``event_type`` columns."""
    first = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf").lower()
    return b"event_id_cnty" in first and b"event_type" in first


def _norm_header(name: str) -> str:
    key = "_".join(name.strip().lstrip("\ufeff").lower().split())
    return HEADER_ALIASES.get(key, key)


_MONTH_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d-%b-%Y", "%d %b %Y", "%d-%b-%y", "%d %b %y", "%d-%B-%y", "%B %d, %Y")
_TIME_SUFFIX = re.compile(
    r"[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?: ?[AP]M)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?$"
)
_NUMERIC = re.compile(r"([0-9]{1,4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,4})")


def _date(text: str, year: int | None, *, day_first: bool | None) -> dt.date:
    """An ACLED ``event_date`` as ACLED writes it or as a spreadsheet re-saves it.

    ``2020-03-31``, ``31 March 2020``, ``01-January-2015``, ``31-Mar-20``, ``20200131``,
    ``31/03/2020``. The ``year`` column is the check: a two-digit year must agree with it,
    and of the readings of a numeric date only those in that year count. A date that
    still reads two ways (``03/04/2020``) is an error unless ``day_first`` says which
    (ACLED's older layout is day-first; ``--option date_order=dmy|mdy`` for others).
    """
    text = _TIME_SUFFIX.sub("", " ".join(text.split()))  # "2020-03-31 00:00:00", "3/31/2020 0:00"
    readings: set[dt.date] = set()
    if re.fullmatch(r"[0-9]{8}", text):
        with contextlib.suppress(ValueError):
            readings.add(dt.date(int(text[:4]), int(text[4:6]), int(text[6:])))
    elif (m := _NUMERIC.fullmatch(text)) is not None:
        a, b, c_ = m.group(1), m.group(2), m.group(3)
        if day_first is None and "." in text:
            day_first = True  # dotted numeric dates (31.03.2020) are day-first wherever they are written
        if len(a) == 4:  # 2020-03-31, 2020/03/31
            orders = [(int(a), int(b), int(c_))]
        else:
            full = int(c_) if len(c_) == 4 else (year if year is not None and year % 100 == int(c_) else None)
            if full is None:
                raise c.RowError(f"two-digit year in {text!r} does not match the year column ({year})", "event_date")
            orders = []
            if day_first is not False:
                orders.append((full, int(b), int(a)))
            if day_first is not True:
                orders.append((full, int(a), int(b)))
        for y, mo, d in orders:
            try:
                readings.add(dt.date(y, mo, d))
            except ValueError:
                continue
    else:
        for fmt in _MONTH_FORMATS:
            try:
                readings.add(dt.datetime.strptime(text, fmt).date())
            except ValueError:
                continue
    if year is not None:
        in_year = {d for d in readings if d.year == year}
        if readings and not in_year:
            shown = ", ".join(sorted(d.isoformat() for d in readings))
            raise c.RowError(f"event_date {text!r} ({shown}) does not match the year column {year}", "year")
        readings = in_year
    if not readings:
        raise c.RowError(
            f"not a date ACLED writes or a spreadsheet re-saves (2020-03-31, 31 March 2020, 31-Mar-20, "
            f"20200331, 31/03/2020): {text!r}",
            "event_date",
        )
    if len(readings) > 1:
        shown = " or ".join(d.strftime("%d %B %Y").lstrip("0") for d in sorted(readings))
        raise c.RowError(
            f"event_date {text!r} is ambiguous ({shown}); give --option date_order=dmy or date_order=mdy",
            "event_date",
        )
    return readings.pop()


def _span(day: dt.date, precision: str) -> str:
    """The EDTF span of an ACLED date of the given ``time_precision``."""
    if precision == "week":
        return f"{(day - dt.timedelta(days=3)).isoformat()}/{(day + dt.timedelta(days=3)).isoformat()}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def normalise_name(name: str) -> str:
    """An ACLED actor name without its period tag ("Military Forces of Iraq (2018-2020) Popular Mobilization Forces"
    is "Military Forces of Iraq Popular Mobilization Forces")."""
    base, _, rest = split_period(" ".join(name.split()))
    return f"{base} {rest}".strip()


def actor_country(name: str) -> str | None:
    """The ISO3 of the state an ACLED actor name belongs to, when the name says."""
    countries = c.countries()
    match = _OF_COUNTRY.match(name)
    if match:
        found = countries.from_name(match.group(1))
        if found:
            return found
    match = _PAREN_COUNTRY.search(normalise_name(name))
    if match:
        return countries.from_name(match.group(1))
    return None


def _actor_kind(name: str, hints: dict[str, int]) -> ActorKind:
    lowered = name.lower()
    if lowered.startswith("military forces of"):
        return ActorKind.MILITARY
    if lowered.startswith(("police forces of", "government of")):
        return ActorKind.GOVERNMENT_BODY
    if lowered.startswith(("protesters", "rioters", "civilians", "labour group", "labor group")):
        return ActorKind.GROUP
    if "militia" in lowered or lowered.startswith("unidentified armed group"):
        return ActorKind.ARMED_GROUP
    inters = sorted(int(h) for h in hints if h.isdigit() and h != "0")
    return _INTER_KIND.get(inters[0], ActorKind.GROUP) if inters else ActorKind.GROUP


_DIGITS = re.compile(r"[0-9]{1,3}")
_FLOAT_CODE = re.compile(r"([0-9]{1,3})\.0+")


def _code(text: str) -> str:
    """A small code cell as written, or as pandas re-saves it with a float column ("1.0" -> "1")."""
    text = text.strip()
    match = _FLOAT_CODE.fullmatch(text)
    return match.group(1) if match else text


def _decimal(text: str, comma: bool) -> str:
    """``"33,5243"`` as ``"33.5243"`` in a semicolon-separated file (one comma, no point)."""
    return text.replace(",", ".") if comma and text.count(",") == 1 and "." not in text else text


class _Header(c.Header):
    """ACLED's header: columns by their current names (older ones mapped), and the date order."""

    def __init__(self) -> None:
        known = {*COLUMNS, "data_id", "event_id_no_cnty", "iso3", "gwno", "geo_precis"}
        super().__init__("an ACLED export", _REQUIRED, known=known, normalise=_norm_header)
        self.day_first: bool | None = None

    def __call__(self, fields: list[str], line: int, context: ImportContext) -> None:
        super().__call__(fields, line, context)
        order = str(context.options.get("date_order", "") if context.options else "").strip().lower()
        if order not in ("", "dmy", "mdy"):
            raise context.error(f"date_order must be dmy or mdy, got {order!r}", field="date_order")
        old_layout = "gwno" in self.names or any(f.strip().isupper() and len(f.strip()) > 3 for f in fields)
        self.day_first = True if order == "dmy" or (not order and old_layout) else False if order == "mdy" else None


class _Reader(c.RowImporter):
    name, title, dataset = "acled", "ACLED file", SOURCE
    header: _Header

    def __init__(self, context: ImportContext) -> None:
        super().__init__(context)
        self.header = _Header()
        self.disorder_fixed = 0

    def records(self, source: Path | BinaryIO) -> Iterator[tuple[int, list[str]]]:
        head, source = c.peek(source, context=self.context)
        first = head.split(b"\n", 1)[0]  # a spreadsheet in a European locale separates by semicolons
        self.delimiter = self.header.delimiter = ";" if first.count(b";") > first.count(b",") else ","
        return super().records(source)

    def actor_key(self, name: str) -> str:
        return normalise_name(name)

    def make_actor(self, actor_id: str, name: str, hints: dict[str, int]) -> Actor:
        raw = self.book.raw_names(name) or [name]
        inters = sorted({h for h in hints if h.isdigit() and h != "0"})
        return Actor(
            id=actor_id,
            name=name,
            kind=_actor_kind(name, hints),
            country=actor_country(name) or next((actor_country(r) for r in raw if actor_country(r)), None),
            aliases=tuple(r for r in raw if r != name),
            external_ids=tuple(ExternalId("acled", r) for r in raw),
            description=f"ACLED actor; inter codes seen: {', '.join(inters) or 'none (associated actor only)'}",
            resolved=False,
        )

    def summary(self) -> list[tuple[str, object]]:
        return [("disorder_type_normalised", self.disorder_fixed)]

    def row(self, row: list[str]) -> list[Object]:
        get = self.cells(row)

        event_key = get("event_id_cnty")
        if not _ID.match(event_key):
            raise c.RowError(f"not an ACLED event id: {event_key!r}", "event_id_cnty")
        self.unique(event_key, "event_id_cnty")
        year = c.parse_int(get("year"), "year", minimum=1900, maximum=2100)
        day = _date(get("event_date"), year, day_first=self.header.day_first)
        tp = c.one_of(_code(get("time_precision")) or "1", _TIME_PRECISION, "time_precision")
        etype, sub = get("event_type"), get("sub_event_type")
        kind = EVENT_KINDS.get((etype.lower(), sub.lower())) if sub else None
        if kind is None:
            kind = EVENT_TYPE_DEFAULTS.get(etype.lower())
        if kind is None:
            field = "sub_event_type" if sub and etype.lower() in EVENT_TYPE_DEFAULTS else "event_type"
            raise c.RowError(f"unknown ACLED event type {etype!r} / {sub!r}", field)
        disorder_raw = get("disorder_type")
        disorder = "; ".join(DISORDER_TYPES.get(p.lower(), p) for p in c.split_list(disorder_raw))
        fatalities = c.parse_int(
            get("fatalities"), "fatalities", allow_empty=False, minimum=0, maximum=numbers.MAX_FATALITIES
        )
        assert fatalities is not None
        comma = self.header.delimiter == ";"  # a European spreadsheet writes decimal commas
        lat, lon = c.coordinates(
            _decimal(get("latitude"), comma), _decimal(get("longitude"), comma), "latitude", "longitude"
        )
        gp = c.one_of(_code(get("geo_precision") or get("geo_precis")), _GEO_PRECISION, "geo_precision", empty=True)
        iso3 = self._country(get)
        inter = {n: self._inter(get(f"inter{n}"), f"inter{n}") for n in (1, 2)}
        interaction = self._interaction(get("interaction"))
        stamp = numbers.parse_timestamp(get("timestamp"), "timestamp")

        # participants: actor N and its associated actors form side N (ACLED's codebook)
        lowered, sub_lowered = etype.lower(), sub.lower()
        one_sided = lowered.startswith("violence against civilians") or sub_lowered.startswith("excessive force")
        directed = one_sided or lowered in ("explosions/remote violence", "remote violence")
        roles = {
            1: Role.INITIATOR if directed else Role.PARTICIPANT,
            2: (Role.VICTIM if one_sided else Role.TARGET) if directed else Role.PARTICIPANT,
        }
        if directed and inter[2] == 7:  # civilians are victims of a directed event
            roles[2] = Role.VICTIM
        participants: list[Participant] = []
        for n in (1, 2):
            side: list[Participant] = []
            name = " ".join(get(f"actor{n}").split())
            if name:
                aid = self.actor_id(name, actor_country(name), hint=str(inter[n] or ""))
                side.append(Participant(aid, roles[n], side=n))
            for assoc in c.split_list(get(f"assoc_actor_{n}")):
                assoc = " ".join(assoc.split())
                aid = self.actor_id(assoc, actor_country(assoc))
                if any(p.actor == aid for p in side):
                    continue  # an associated actor that resolves to the side's own actor
                side.append(Participant(aid, roles[n], side=n, associated=True))
                self.note(assoc, "")
            participants.extend(side)
        if not participants:
            raise c.RowError("actor1 is empty", "actor1")
        unique = list(dict.fromkeys(participants))

        location = get("location")
        names = (location, get("admin2"), get("admin1"), get("country"))
        place = c.place(names, iso3, get("admin1"), lat, lon, _GEO_PRECISION.get(gp))
        event_id = f"event:acled:{event_key}"
        a1, a2 = get("actor1"), get("actor2")
        title = f"{sub or etype}: {a1}" + (f" / {a2}" if a2 else "") + (f" in {location}" if location else "")
        metrics = Metrics(
            fatalities_best=fatalities,
            interaction=interaction,
            time_precision=int(tp),
            geo_precision=int(gp) if gp else None,
        )
        event = Event(
            id=event_id,
            kind=kind,
            when=_span(day, _TIME_PRECISION[tp]),
            title=title,
            summary=get("notes") or None,
            place=place,
            participants=tuple(unique),
            casualties=(
                Casualties(
                    label="all parties (ACLED fatalities)",
                    killed=CountRange.exactly(fatalities, text="ACLED fatalities (a conservative estimate)"),
                ),
            ),
            metrics=metrics,
            external_ids=(ExternalId("acled", event_key),),
        )
        outlets = c.outlets(get("source"))
        claim = self.occurred(
            event_key,
            event_id,
            confidence=0.8 if tp == "1" else 0.7,
            evidence=get("notes") or None,
            said=stamp.date().isoformat() if stamp is not None else None,
            cites=tuple(o.id for o in outlets),
        )
        if disorder != disorder_raw:
            self.disorder_fixed += 1
        return [event, claim, *outlets]

    def _country(self, get: Callable[[str], str]) -> str | None:
        iso3 = get("iso3")
        if iso3:
            if iso3 not in self.countries.iso3:
                raise c.RowError(f"not an ISO 3166 alpha-3 code: {iso3!r}", "iso3")
            return iso3
        numeric = get("iso")
        if numeric:
            code = c.parse_int(numeric, "iso", minimum=0)
            if code is not None and code in self.countries.by_numeric:
                return self.countries.by_numeric[code]
        name = get("country")
        return self.countries.from_name(name) if name else None

    @staticmethod
    def _interaction(text: str) -> int | None:
        """ACLED's ``interaction``: a code (``38``), or since 2023 text ("State forces-Rebel group")."""
        text = _code(text)
        if not text:
            return None
        if _DIGITS.fullmatch(text):
            return c.parse_int(text, "interaction", minimum=0, maximum=88)
        label = " ".join(text.lower().split())
        if label.endswith(" only"):  # "Protesters only": a sole actor's action
            code = INTER_LABELS.get(label.removesuffix(" only").strip())
            if code is not None:
                return code * 10
        for i, ch in enumerate(label):
            if ch == "-":
                a, b = INTER_LABELS.get(label[:i].strip()), INTER_LABELS.get(label[i + 1 :].strip())
                if a is not None and b is not None:
                    return 10 * min(a, b) + max(a, b)
        raise c.RowError(f"unknown interaction value {text[:60]!r}", "interaction")

    @staticmethod
    def _inter(text: str, field: str) -> int | None:
        text = _code(text)
        if not text:
            return None
        if _DIGITS.fullmatch(text):
            value = int(text)
            if not 0 <= value <= 8:
                raise c.RowError(f"{field} must be 0-8, got {value}", field)
            return value
        code = INTER_LABELS.get(" ".join(text.lower().split()))
        if code is None:
            raise c.RowError(f"unknown {field} value {text!r}", field)
        return code


def read_acled(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    """Read an ACLED CSV export (``read`` of the ``acled`` importer)."""
    return _Reader(context).read(source)
