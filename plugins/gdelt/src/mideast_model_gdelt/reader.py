"""The GDELT events importer: GDELT 2.0 export (61 columns) and 1.0 files (57/58 columns).

Each row becomes one :class:`~mideast_model.model.Event` (``event:gdelt:<GLOBALEVENTID>``)
and one machine-coded claim ``(event, occurred)`` by the dataset source, of low stated
confidence. A GDELT 2.0 mentions file (16 columns), given with ``options["mentions"]`` or
found beside the export file, adds one machine claim per mention by the mentioning
article. See ``docs/gdelt.md`` for every field's mapping.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ImportContext
from mideast_model.io import numbers
from mideast_model.io import rows as c
from mideast_model.model import (
    Actor,
    Claim,
    ClaimKind,
    Event,
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
from mideast_model_gdelt import tables

__all__ = ["EVENT_COLUMNS_V1", "EVENT_COLUMNS_V2", "MENTION_COLUMNS", "mentions_beside", "read_events", "sniff"]

_ACTOR = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO_V2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_GEO_V1 = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_HEAD = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
_EVENT = (
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
)  # fmt: skip


def _columns(geo: tuple[str, ...], tail: tuple[str, ...]) -> tuple[str, ...]:
    return (
        *_HEAD,
        *(f"Actor1{n}" for n in _ACTOR),
        *(f"Actor2{n}" for n in _ACTOR),
        *_EVENT,
        *(f"Actor1Geo_{n}" for n in geo),
        *(f"Actor2Geo_{n}" for n in geo),
        *(f"ActionGeo_{n}" for n in geo),
        *tail,
    )


#: GDELT 2.0 event export columns (61), in file order.
EVENT_COLUMNS_V2 = _columns(_GEO_V2, ("DATEADDED", "SOURCEURL"))
#: GDELT 1.0 daily-file columns (58); the historical back-file rows lack SOURCEURL (57).
EVENT_COLUMNS_V1 = _columns(_GEO_V1, ("DATEADDED", "SOURCEURL"))
#: GDELT 2.0 mentions columns (16).
MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
assert len(EVENT_COLUMNS_V2) == 61 and len(EVENT_COLUMNS_V1) == 58 and len(MENTION_COLUMNS) == 16

_IX2 = {name: i for i, name in enumerate(EVENT_COLUMNS_V2)}
_IX1 = {name: i for i, name in enumerate(EVENT_COLUMNS_V1)}
_MX = {name: i for i, name in enumerate(MENTION_COLUMNS)}

SOURCE_V2 = Source(
    id="source:gdelt-2",
    title="GDELT 2.0 Event Database",
    kind=SourceKind.DATASET,
    publisher="The GDELT Project",
    url="https://www.gdeltproject.org/",
    description="Events machine-coded in CAMEO from world news every 15 minutes; each row is a "
    "low-confidence machine claim, not curated fact.",
)
SOURCE_V1 = Source(
    id="source:gdelt-1",
    title="GDELT 1.0 Event Database",
    kind=SourceKind.DATASET,
    publisher="The GDELT Project",
    url="https://www.gdeltproject.org/",
    description="Daily machine-coded CAMEO events (and the 1979-2013 back-file); each row is a "
    "low-confidence machine claim, not curated fact.",
)

_CODE = re.compile(r"^[A-Za-z0-9]{1,60}$")
_EVENT_CODE = re.compile(r"^\d{2,4}$")  # the bulk path (columnar) checks codes with it
_GEO_PRECISION = {name: GeoPrecision(value) for name, value in tables.GEO_TYPES.items()}


def sniff(head: bytes, name: str | None) -> bool:
    """True for lines of 57, 58 or 61 tab-separated fields starting with a numeric id, or a header of them.

    A header row (``GLOBALEVENTID`` first) may be tab- or comma-separated (a BigQuery
    CSV download); a zip archive of an ``*.export.CSV`` file (GDELT's own downloads) is read
    inside.
    """
    if head.startswith(b"PK\x03\x04") and len(head) >= 30:  # GDELT's own downloads: *.export.CSV.zip
        size = int.from_bytes(head[26:28], "little")
        member = head[30 : 30 + size].lower()
        return member.endswith(b".csv") and b"export" in member
    first = head.split(b"\n", 1)[0].lstrip(b"\xef\xbb\xbf").rstrip(b"\r")
    for sep in (b"\t", b","):
        fields = first.split(sep)
        lead = fields[0].strip().strip(b'"')
        if lead.upper() == b"GLOBALEVENTID" and len(fields) >= len(HEADER_REQUIRED):
            return True  # a header row: the full layout or a selection of GDELT's columns
        if len(fields) in (57, 58, 61) and lead.isdigit() and sep == b"\t":
            return True
    return False


def _date(text: str, field: str) -> dt.date:
    """A GDELT date (``SQLDATE``, ``DATEADDED``…): ASCII ``YYYYMMDD[HHMMSS]`` in 1900-2100.

    GDELT has no open-ended dates, so ``00010101`` and ``99991231`` are rejected (never
    read as "year 1" or as an open end).
    """
    return numbers.parse_compact_date(text, field, first_year=1900, last_year=2100)


def _confidence(num_sources: int, num_articles: int) -> float:
    """0.2 for one article from one source, rising to 0.5 at 10 sources and 100 articles."""
    s = min(1.0, math.log10(max(1, num_sources)))
    a = min(1.0, math.log10(max(1, num_articles)) / 2)
    return round(0.2 + 0.15 * s + 0.15 * a, 3)


def _mention_confidence(confidence: int) -> float:
    """GDELT's mention Confidence (10-100) scaled into the machine range 0.2-0.5."""
    return round(0.2 + 0.3 * max(0, min(100, confidence)) / 100, 3)


@attrs.frozen
class _Mention:
    claim: Claim
    source: Source


class _Reader(c.RowImporter):
    """One import run: state shared by the rows (seen actors and sources, counts)."""

    name, title, dataset = "gdelt", "GDELT file", SOURCE_V1

    def __init__(self, context: ImportContext) -> None:
        super().__init__(context)
        self.actor_cache: dict[str, Actor] = {}
        self.version = 0
        self.ix = _IX2
        self.variants: dict[int, int] = {}
        self.unknown_fips: set[str] = set()
        self.mentions: dict[str, list[_Mention]] = {}
        self.mention_rows = 0
        self.mentions_matched = 0
        self.mentions_file: str | None = None

    # -- actors ----------------------------------------------------------------------------

    def actor(self, row: list[str], ix: dict[str, int], n: int) -> Actor | None:
        code = _cell(row, ix, f"Actor{n}Code")
        if not code:
            return None
        cached = self.actor_cache.get(code)
        if cached is not None:
            return cached
        field = f"Actor{n}Code"
        if not _CODE.match(code):
            raise c.RowError(f"not a CAMEO actor code: {code!r}", field)
        country = _cell(row, ix, f"Actor{n}CountryCode")
        iso3 = country if country in self.countries.iso3 else None
        found = self.resolve(code, {"scheme": "cameo", "dataset": "gdelt", "country": iso3})
        if found is None:
            found = self._cameo_actor(code, row, ix, n, iso3)
        self.actor_cache[code] = found
        return found

    def _cameo_actor(self, code: str, row: list[str], ix: dict[str, int], n: int, iso3: str | None) -> Actor:
        def get(name: str) -> str:
            return _cell(row, ix, f"Actor{n}{name}")

        country, group = get("CountryCode"), get("KnownGroupCode")
        ethnic, rel1, rel2 = get("EthnicCode"), get("Religion1Code"), get("Religion2Code")
        types = tuple(t for t in (get("Type1Code"), get("Type2Code"), get("Type3Code")) if t)
        labels = []
        if group:
            labels.append(tables.table("cameoGroup.txt").get(group, group))
        labels.extend(tables.table("cameoType.txt").get(t, t) for t in types)
        if not labels and ethnic:
            labels.append(tables.table("cameoEthnic.txt").get(ethnic, ethnic))
        if not labels and (rel1 or rel2):
            labels.append(tables.table("cameoReligion.txt").get(rel1 or rel2, rel1 or rel2))
        main = ", ".join(labels)
        place = tables.table("cameoCountry.txt").get(country, country) if country else ""
        name = f"{main} ({place})" if main and place else (main or place or code)
        parts = [
            ("country", country), ("known_group", group), ("ethnic", ethnic), ("religion1", rel1),
            ("religion2", rel2), ("types", ",".join(types)),
        ]  # fmt: skip
        return Actor(
            id=f"actor:cameo:{code}",
            name=name,
            kind=tables.actor_kind(iso3 or "", group, types),
            country=iso3,
            external_ids=(ExternalId("cameo", code),),
            description=f"CAMEO actor code {code}: " + c.kv(parts),
            resolved=False,
        )

    # -- places ------------------------------------------------------------------------------

    def geo(self, row: list[str], ix: dict[str, int], prefix: str, *, place: bool = True) -> tuple[Place | None, str]:
        """The Place of one geo block and its ``key=value`` description."""
        kind = _cell(row, ix, f"{prefix}_Type")
        name = _cell(row, ix, f"{prefix}_FullName")
        fips = _cell(row, ix, f"{prefix}_CountryCode")
        if kind == "0" or (kind == "" and (f"{prefix}_Type" in ix or not (name or fips))):
            return None, ""  # no geography (a column subset without the type still names a place)
        c.one_of(kind, _GEO_PRECISION, f"{prefix}_Type", empty=True)
        lat, lon = c.coordinates(
            _cell(row, ix, f"{prefix}_Lat"), _cell(row, ix, f"{prefix}_Long"), f"{prefix}_Lat", f"{prefix}_Long"
        )
        iso3 = self.countries.from_fips(fips) if fips else None
        if fips and not self.countries.knows_fips(fips):
            self.unknown_fips.add(fips)
        adm1 = _cell(row, ix, f"{prefix}_ADM1Code") or None
        if not name:
            name = (self.countries.names.get(iso3, fips) if iso3 else fips) or "unnamed place"
        text = f"{name} [{fips or '?'}->{iso3 or '?'}]" + (f" ({lat},{lon})" if lat is not None else "")
        if not place:
            return None, text
        precision = _GEO_PRECISION[kind] if kind else None
        return Place(name=name, country=iso3, admin1=adm1, lat=lat, lon=lon, precision=precision), text

    # -- rows ------------------------------------------------------------------------------------

    def row(self, fields: list[str]) -> list[Object]:
        objects = self.event(fields, self.ix, self.version)
        self.variants[len(fields)] = self.variants.get(len(fields), 0) + 1
        return objects

    def event(self, row: list[str], ix: dict[str, int], version: int) -> list[Object]:
        """Every object of one event row (nothing is emitted if any field is bad)."""

        def get(name: str) -> str:
            return _cell(row, ix, name)

        gid = self.unique(c.digits(get("GLOBALEVENTID"), "GLOBALEVENTID"), "GLOBALEVENTID")
        day = _date(get("SQLDATE"), "SQLDATE")
        code = get("EventCode")
        kind = c.cameo_kind(code, "EventCode")
        quad = c.parse_int(get("QuadClass"), "QuadClass", minimum=1, maximum=4)
        gold = c.parse_float(get("GoldsteinScale"), "GoldsteinScale", low=-10, high=10)
        most = numbers.MAX_COUNT - 1
        mentions = c.parse_int(get("NumMentions"), "NumMentions", minimum=0, maximum=most)
        sources = c.parse_int(get("NumSources"), "NumSources", minimum=0, maximum=most)
        articles = c.parse_int(get("NumArticles"), "NumArticles", minimum=0, maximum=most)
        tone = c.parse_float(get("AvgTone"), "AvgTone", low=-100, high=100)
        c.one_of(get("IsRootEvent"), ("0", "1"), "IsRootEvent", empty=True)
        added = get("DATEADDED")
        added_day = _date(added, "DATEADDED") if added or "DATEADDED" in ix else None
        url = get("SOURCEURL")

        a1, a2 = self.actor(row, ix, 1), self.actor(row, ix, 2)
        self.geo(row, ix, "Actor1Geo", place=False)
        self.geo(row, ix, "Actor2Geo", place=False)
        place, _ = self.geo(row, ix, "ActionGeo")
        geo_type = get("ActionGeo_Type")

        event_id = f"event:gdelt:{gid}"
        desc = tables.event_description(code) or f"CAMEO {code}"
        n1 = get("Actor1Name") or (a1.name if a1 else "")
        n2 = get("Actor2Name") or (a2.name if a2 else "")
        title = desc + (f": {n1}" if n1 else "") + (f" -> {n2}" if n2 else "")
        participants = []
        if a1 is not None:  # CAMEO is directed: Actor1 does the action to Actor2
            participants.append(Participant(a1.id, Role.INITIATOR, side=1))
        if a2 is not None and (a1 is None or a2.id != a1.id):
            participants.append(Participant(a2.id, Role.TARGET, side=2))
        event = Event(
            id=event_id,
            kind=kind,
            when=day.isoformat(),
            title=title,
            place=place,
            participants=tuple(participants),
            cameo=code,
            metrics=Metrics(
                goldstein=gold,
                quad_class=quad,
                tone=tone,
                mentions=mentions,
                sources=sources,
                articles=articles,
                geo_precision=int(geo_type) if geo_type not in ("", "0") else None,
            ),
            external_ids=(ExternalId("gdelt", gid),),
        )
        dataset = SOURCE_V2 if version == 2 else SOURCE_V1
        url_src = c.url_source(url) if url else None
        claim = self.occurred(
            gid,
            event_id,
            source=dataset,
            confidence=_confidence(sources or 0, articles or 0),
            evidence=url or None,
            said=added_day.isoformat() if added_day is not None else None,
            cites=(url_src.id,) if url_src else (),
            machine=True,
        )
        out: list[Object] = [event, claim]
        if url_src is not None:
            out.append(url_src)
        for actor in (a1, a2):
            if actor is not None:
                out.append(actor)
        for mention in self.mentions.pop(gid, ()):
            self.mentions_matched += 1
            out.extend((mention.claim, mention.source))
        if dataset.id not in self.seen:
            out.append(dataset)
        return out

    def entries(self) -> list[tuple[str, str, str | None]]:
        """The resolution table: each CAMEO code met, its actor and the rule (``None``: unresolved)."""
        return [
            (code, actor.id, self.resolve.rules.get(code, "resolve_actor hook") if actor.resolved else None)
            for code, actor in sorted(self.actor_cache.items())
        ]

    def actors(self) -> list[Actor]:
        return []  # each row's actors come with its event

    def summary(self) -> list[tuple[str, object]]:
        unmatched = sum(len(v) for v in self.mentions.values())
        joined = self.mentions_file is not None
        return [
            ("columns", ",".join(f"{k}:{v}" for k, v in sorted(self.variants.items()))),
            ("mentions_file", self.mentions_file), ("mention_rows", self.mention_rows if joined else None),
            ("mentions_joined", self.mentions_matched if joined else None),
            ("mentions_unmatched", unmatched if joined else None),
            ("unknown_fips", ",".join(sorted(self.unknown_fips))),
        ]  # fmt: skip

    def records(self, source: Path | BinaryIO) -> Iterator[tuple[int, list[str]]]:
        """The event rows: a header row or the first row's width tells the version; other widths are skipped."""
        context = self.context
        head, source = c.peek(source, context=context)
        first = head.split(b"\n", 1)[0]
        delimiter = "\t" if b"\t" in first or b"," not in first else ","  # BigQuery CSV downloads have commas
        width_of_header: int | None = None

        def column(i: int) -> str:
            names = [n for n, _ in sorted(self.ix.items(), key=lambda kv: kv[1])]
            return names[i] if i < len(names) else f"column {i + 1}"

        for line, row in c.read_rows(source, context, delimiter=delimiter, quote=delimiter == ",", column_name=column):
            width = len(row)
            if self.version == 0:
                found = _header(row, context, line)
                if found is not None:  # a header row some downloaders write (GDELT 1.0 and 2.0 names)
                    self.version, self.ix = found
                    width_of_header = width
                elif width == 61:
                    self.version, self.ix = 2, _IX2
                elif width in (57, 58):
                    self.version, self.ix = 1, _IX1
                elif width == 16 and delimiter == "\t":
                    raise context.error(
                        "this is a GDELT mentions file (16 columns): import its export file; the mentions are "
                        "joined from the file beside it or from options['mentions']",
                        line=line,
                    )
                else:
                    c.not_this_format(row, delimiter, "a GDELT events file", context, line)
                    self.rows += 1
                    context.skip(
                        context.error(f"a GDELT row has 61 (2.0) or 57/58 (1.0) columns, not {width}", line=line)
                    )
                    continue
                self.dataset = SOURCE_V2 if self.version == 2 else SOURCE_V1
                if found is not None:
                    continue
            expected = (width_of_header,) if width_of_header is not None else (61,) if self.version == 2 else (57, 58)
            if width not in expected:
                self.rows += 1
                what = f"GDELT {'2.0' if self.version == 2 else '1.0'} file: {' or '.join(map(str, expected))}"
                context.skip(context.error(f"{width} columns in a {what} expected", line=line))
                continue
            yield line, row

    # -- mentions ----------------------------------------------------------------------------------

    def load_mentions(self, path: Path) -> None:
        """Read a mentions file into claims grouped by GLOBALEVENTID (one 15-minute file fits)."""
        sub = ImportContext(path=str(path), skip_bad=self.context.skip_bad, options=self.context.options)
        self.mentions_file = path.name
        seen: set[str] = set()
        rows = c.RowImporter(sub)
        for line, row in c.read_rows(path, sub, delimiter="\t", quote=False, column_name=_mention_column):
            mention = rows.convert(line, _mention, row, seen)
            if mention is not None:
                self.mentions.setdefault(row[0].strip(), []).append(mention)
        self.mention_rows = rows.rows
        self.context.skipped.extend(sub.skipped)


def _mention_column(i: int) -> str:
    return MENTION_COLUMNS[i] if i < len(MENTION_COLUMNS) else f"column {i + 1}"


def _mention(row: list[str], seen: set[str]) -> _Mention | None:
    if len(row) != 16:
        raise c.RowError(f"a GDELT mentions row has 16 columns, this one has {len(row)}")

    def get(name: str) -> str:
        return row[_MX[name]].strip()

    gid = c.digits(get("GLOBALEVENTID"), "GLOBALEVENTID")
    said = _date(get("MentionTimeDate"), "MentionTimeDate")
    _date(get("EventTimeDate"), "EventTimeDate")
    mtype = c.parse_int(get("MentionType"), "MentionType", minimum=1)
    ident = get("MentionIdentifier")
    if not ident:
        raise c.RowError("MentionIdentifier is empty", "MentionIdentifier")
    sentence = c.parse_int(get("SentenceID"), "SentenceID", minimum=0)
    offsets = [c.parse_int(get(name), name) for name in ("Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset")]
    in_raw = c.one_of(get("InRawText"), ("0", "1"), "InRawText", empty=True)
    confidence = c.parse_int(get("Confidence"), "Confidence", allow_empty=False, minimum=0, maximum=100) or 0
    doc_len = c.parse_int(get("MentionDocLen"), "MentionDocLen", minimum=0)
    tone = c.parse_float(get("MentionDocTone"), "MentionDocTone", low=-100, high=100)
    key = c.short_hash(*row, length=12)
    if key in seen:
        return None  # the very same mention row twice
    seen.add(key)
    source = c.url_source(ident)
    valid = [o for o in offsets if o is not None and o >= 0]
    claim = Claim(
        id=f"claim:gdelt:{gid}:mention:{key}",
        source=source.id,
        subject=f"event:gdelt:{gid}",
        predicate=Predicate.OCCURRED,
        confidence=_mention_confidence(confidence),
        kind=ClaimKind.FACT,
        evidence=c.kv(
            [
                ("mention_type", mtype),
                ("source_name", get("MentionSourceName")),
                ("sentence_id", sentence),
                ("actor1_char_offset", offsets[0]),
                ("actor2_char_offset", offsets[1]),
                ("action_char_offset", offsets[2]),
                ("in_raw_text", in_raw),
                ("confidence", confidence),
                ("doc_len", doc_len),
                ("doc_tone", tone),
                ("translation_info", get("MentionDocTranslationInfo")),
            ]
        ),
        said=said.isoformat(),
        offsets=(min(valid), max(valid)) if valid else None,
        machine=True,
    )
    return _Mention(claim, source)


_NAMES_V2 = {n.casefold(): n for n in EVENT_COLUMNS_V2}
_NAMES_V1 = {n.casefold(): n for n in EVENT_COLUMNS_V1}


#: The columns a header row must name: without them a row is no event.
HEADER_REQUIRED = ("GLOBALEVENTID", "SQLDATE", "EventCode")


def _cell(row: list[str], ix: dict[str, int], name: str) -> str:
    """The stripped cell of column ``name`` ("" when the file has no such column)."""
    i = ix.get(name)
    return row[i].strip() if i is not None and i < len(row) else ""


def _header(row: list[str], context: ImportContext, line: int) -> tuple[int, dict[str, int]] | None:
    """``(version, column index)`` of a header row of GDELT column names, else ``None``.

    A full 2.0 (61) or 1.0 (57/58) layout, or any subset of GDELT's names that includes
    :data:`HEADER_REQUIRED` (a BigQuery download of selected columns; read as GDELT 2.0
    unless it has the 1.0 layout's names only and ``DATEADDED`` is absent).

    :raises InvalidInputError: for a header with names GDELT does not use, a repeated
        name, or without the required columns.
    """
    names = [f.strip().lstrip("\ufeff").strip('"') for f in row]
    if not names or names[0].casefold() != "globaleventid":
        return None
    folded = [n.casefold() for n in names]
    unknown = [n for n, f in zip(names, folded, strict=True) if f not in _NAMES_V2]
    if unknown:
        raise context.error(f"a header row of GDELT names with unknown column(s) {', '.join(unknown[:5])}", line=line)
    if len(set(folded)) != len(folded):
        raise context.error("a header row of GDELT names with a column named twice", line=line)
    missing = [n for n in HEADER_REQUIRED if n.casefold() not in folded]
    if missing:
        raise context.error(f"a GDELT header row without the column(s) {', '.join(missing)}", line=line)
    index = {_NAMES_V2[n]: i for i, n in enumerate(folded)}
    v1_layout = len(folded) in (57, 58) and all(n in _NAMES_V1 for n in folded)
    return (1 if v1_layout else 2), index


def mentions_beside(name: str) -> Path | None:
    """The mentions file GDELT publishes beside an export file, if it is there."""
    path = Path(name)
    base = path.name
    i = base.lower().rfind("export")
    if i < 0:
        return None
    candidate = path.with_name(base[:i] + ("MENTIONS" if base[i : i + 6].isupper() else "mentions") + base[i + 6 :])
    return candidate if candidate.is_file() else None


def read_events(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    """Read a GDELT 2.0 export or 1.0 events file (``read`` of the ``gdelt`` importer)."""
    run = _Reader(context)
    option = context.options.get("mentions") if context.options else None
    mentions: Path | None = None
    if option not in (None, "", "none", "auto"):
        mentions = Path(str(option))
        if not mentions.is_file():
            raise InvalidInputError("mentions file not found", path=str(option))
    elif option != "none":
        name = source if isinstance(source, (str, Path)) else getattr(source, "name", None)
        if isinstance(name, (str, Path)):
            mentions = mentions_beside(str(name))
    if mentions is not None:
        run.load_mentions(mentions)
    return run.read(source)
