"""Build a STIX 2.1 bundle from a dataset.

Mapping (``docs/stix.md`` explains each choice):

- every actor → ``identity`` (who it is); an actor that initiates an event also gets a
  ``threat-actor`` (``attributed-to`` its identity) or, when it is unresolved or an
  unnamed group, an ``intrusion-set`` (``related-to`` its identity);
- every source → ``report`` with ``external_references`` (our id, its URL), created by
  an ``identity`` for its publisher; ``derived_from`` → ``derived-from`` relationships;
- every event → ``campaign`` (``first_seen``/``last_seen``), ``attributed-to`` the
  initiators' threat actors, ``targets`` the identities of targets and victims,
  ``related-to`` other participants and a ``location`` when it has coordinates;
- every claim → ``note`` (confidence 0–100) whose ``object_refs`` are the source's
  report and the objects the claim is about;
- every relation → ``related-to`` relationship with ``start_time``/``stop_time``.

Our own fields (speaker, stance, quote, evidence, Admiralty grades, EDTF dates…) travel
in one STIX 2.1 ``extension-definition`` used as a ``property-extension``. Ids are
UUIDv5 of our ids, and ``created``/``modified`` are fixed, so equal datasets give
byte-identical bundles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO
from urllib.parse import quote

from mideast_model.errors import InvalidInputError, MideastModelError
from mideast_model.extensions import ExportContext
from mideast_model.model import Actor, ActorKind, Claim, Event, Relation, Role, Source

#: Namespace of every UUIDv5 this exporter makes.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mideast-model.readthedocs.io/stix")
#: ``created`` and ``modified`` of every object unless ``--option created=…`` is given.
DEFAULT_CREATED = "2020-01-01T00:00:00.000Z"
EXTENSION_VERSION = "1.0.0"

_IDENTITY_CLASS = {
    ActorKind.PERSON: "individual",
    ActorKind.GROUP: "group",
    ActorKind.ARMED_GROUP: "group",
    ActorKind.OTHER: "unknown",
}
_SECTORS = {
    ActorKind.STATE: ["government-national"],
    ActorKind.GOVERNMENT_BODY: ["government-national"],
    ActorKind.MILITARY: ["defense"],
    ActorKind.NGO: ["non-profit"],
    ActorKind.THINK_TANK: ["non-profit"],
    ActorKind.MEDIA: ["communications"],
}
_NATION_STATE = {ActorKind.STATE, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY}

EXTENSION_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "mideast-model properties",
    "description": (
        "Fields of the mideast-model data model that STIX 2.1 has no property for. "
        "Dates are EDTF strings; confidence is 0-1; Admiralty grades are reliability A-F "
        "(of the source) and credibility 1-6 (of the information)."
    ),
    "type": "object",
    "properties": {
        "extension_type": {"const": "property-extension"},
        "model_id": {"type": "string", "description": "id of the object in the mideast-model dataset"},
        "model_kind": {"enum": ["actor", "source", "event", "claim", "relation"]},
        "kind": {"type": "string", "description": "actor, source, event or claim kind (vocabulary value)"},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "country": {"type": "string", "description": "ISO 3166-1 alpha-3"},
        "external_ids": {"type": "object", "additionalProperties": {"type": "string"}},
        "resolved": {"type": "boolean"},
        "publisher": {"type": "string"},
        "authors": {"type": "array", "items": {"type": "string"}},
        "published": {"type": "string", "description": "EDTF"},
        "url": {"type": "string"},
        "derived_from": {"type": "array", "items": {"type": "string"}},
        "language": {"type": "string"},
        "when": {"type": "string", "description": "EDTF"},
        "cameo": {"type": "string"},
        "plover": {"type": "string"},
        "place": {"type": "object"},
        "participants": {"type": "array", "items": {"type": "object"}},
        "casualties": {"type": "array", "items": {"type": "object"}},
        "source": {"type": "string"},
        "subject": {"type": "string"},
        "predicate": {"type": "string"},
        "object": {"type": "string"},
        "attribute": {"type": "string"},
        "value": {"type": "object"},
        "stance": {"enum": ["asserts", "denies", "hedges"]},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "speaker": {"type": "string", "description": "id of the speaker actor"},
        "speaker_ref": {"type": "string", "description": "STIX id of the speaker's identity"},
        "quote": {"type": "string", "description": "the speaker's exact words"},
        "evidence": {"type": "string", "description": "the verbatim passage of the source"},
        "said": {"type": "string", "description": "EDTF"},
        "about": {"type": "array", "items": {"type": "string"}},
        "admiralty": {
            "type": "object",
            "properties": {
                "reliability": {"enum": ["A", "B", "C", "D", "E", "F"]},
                "credibility": {"type": "integer", "minimum": 1, "maximum": 6},
                "grade": {"type": "string", "pattern": "^[A-F][1-6]?$"},
            },
        },
        "offsets": {"type": "array", "items": {"type": "integer"}},
        "machine": {"type": "boolean"},
        "valid": {"type": "string", "description": "EDTF"},
        "role": {"type": "string"},
    },
    "required": ["extension_type", "model_id", "model_kind"],
}


def stix_id(stix_type: str, key: str) -> str:
    """The deterministic STIX id of ``stix_type`` for one of our keys (UUIDv5)."""
    return f"{stix_type}--{uuid.uuid5(NAMESPACE, f'{stix_type}|{key}')}"


EXPORTER_IDENTITY = stix_id("identity", "mideast-model")
EXTENSION_ID = stix_id("extension-definition", "mideast-model-properties")


def _ts(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"


_URI_SAFE = ":/?#[]@!$&'()*+,;=-._~%"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def uri(text: str | None) -> str | None:
    """``text`` as an RFC 3986 URI (characters outside it percent-encoded), or ``None``
    when it has no scheme; the original text stays in the extension."""
    if not text or not _SCHEME.match(text):
        return None
    return quote(_BAD_PERCENT.sub("%25", text), safe=_URI_SAFE)


def _clean(value: Any) -> Any:
    """``value`` without ``None`` and empty lists/dicts (STIX forbids both)."""
    if isinstance(value, Mapping):
        out = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value if v is not None]
    return value


class _Builder:
    """Collects the STIX objects of one dataset."""

    def __init__(self, dataset: Any, created: str) -> None:
        from mideast_model.io.canonical import converter

        self.dataset = dataset
        self.created = created
        self.objects: dict[str, Any] = {}
        self.unstructure = converter().unstructure
        self.initiators = {p.actor for e in dataset.events.values() for p in e.participants if p.role is Role.INITIATOR}

    # -- helpers ---------------------------------------------------------------------

    def common(self, stix_id_: str, **props: Any) -> dict[str, Any]:
        return {"id": stix_id_, "created": self.created, "modified": self.created, **props}

    def ext(self, model_kind: str, model_id: str, **props: Any) -> dict[str, Any]:
        body = _clean({"extension_type": "property-extension", "model_id": model_id, "model_kind": model_kind, **props})
        return {EXTENSION_ID: body}

    def add(self, obj: Any) -> None:
        if obj.id in self.objects:
            raise MideastModelError(f"STIX export: two objects with id {obj.id}")
        self.objects[obj.id] = obj

    def ref_of(self, object_id: str) -> str:
        """The STIX id standing for one of our ids."""
        kind = self.dataset.kind_of(object_id)
        stix_type = {
            "actors": "identity",
            "sources": "report",
            "events": "campaign",
            "claims": "note",
            "relations": "relationship",
        }.get(kind or "")
        if stix_type is None:
            raise MideastModelError(f"STIX export: {object_id!r} is not in the dataset")
        return stix_id(stix_type, object_id)

    def publisher_ref(self, source: Source) -> str:
        return stix_id("identity", f"publisher|{source.publisher}") if source.publisher else EXPORTER_IDENTITY

    def rel(self, key: str, rel_type: str, source_ref: str, target_ref: str, **props: Any) -> None:
        from stix2.v21 import Relationship  # type: ignore[import-untyped]

        self.add(
            Relationship(
                **self.common(stix_id("relationship", key)),
                created_by_ref=EXPORTER_IDENTITY,
                relationship_type=rel_type,
                source_ref=source_ref,
                target_ref=target_ref,
                **_clean(props),
            )
        )

    # -- the five kinds ------------------------------------------------------------------

    def header(self) -> None:
        from stix2.v21 import ExtensionDefinition, Identity

        self.add(
            Identity(
                **self.common(EXPORTER_IDENTITY),
                name="mideast-model",
                identity_class="system",
                description="The mideast-model library, which wrote this bundle.",
            )
        )
        self.add(
            ExtensionDefinition(
                **self.common(EXTENSION_ID),
                created_by_ref=EXPORTER_IDENTITY,
                name="mideast-model properties",
                description="Provenance and modelling fields of mideast-model: speaker, stance, quote, evidence, "
                "Admiralty grades, EDTF dates, event kinds and participants.",
                schema=json.dumps(EXTENSION_SCHEMA, sort_keys=True),
                version=EXTENSION_VERSION,
                extension_types=["property-extension"],
            )
        )

    def actor(self, actor: Actor) -> None:
        from stix2.v21 import Identity, IntrusionSet, ThreatActor

        identity_ref = stix_id("identity", actor.id)
        d = self.unstructure(actor)
        props = _clean(
            {
                "description": actor.description or None,
                "sectors": _SECTORS.get(actor.kind),
            }
        )
        self.add(
            Identity(
                **self.common(identity_ref),
                created_by_ref=EXPORTER_IDENTITY,
                name=actor.name,
                identity_class=_IDENTITY_CLASS.get(actor.kind, "organization"),
                extensions=self.ext(
                    "actor",
                    actor.id,
                    kind=actor.kind.value,
                    aliases=list(actor.aliases),
                    country=actor.country,
                    external_ids=d.get("external_ids"),
                    resolved=actor.resolved,
                ),
                **props,
            )
        )
        if actor.id not in self.initiators:
            return
        aliases = [a for a in actor.aliases if a.strip()] or None
        if not actor.resolved or actor.kind in (ActorKind.GROUP, ActorKind.OTHER):
            ref = stix_id("intrusion-set", actor.id)
            self.add(
                IntrusionSet(
                    **self.common(ref),
                    created_by_ref=EXPORTER_IDENTITY,
                    name=actor.name,
                    **_clean({"aliases": aliases, "description": actor.description or None}),
                    extensions=self.ext("actor", actor.id, kind=actor.kind.value),
                )
            )
            self.rel(f"actor-identity|{actor.id}", "related-to", ref, identity_ref, description="the actor behind it")
        else:
            ref = stix_id("threat-actor", actor.id)
            types = ["nation-state"] if actor.kind in _NATION_STATE else ["unknown"]
            self.add(
                ThreatActor(
                    **self.common(ref),
                    created_by_ref=EXPORTER_IDENTITY,
                    name=actor.name,
                    threat_actor_types=types,
                    **_clean({"aliases": aliases, "description": actor.description or None}),
                    extensions=self.ext("actor", actor.id, kind=actor.kind.value),
                )
            )
            self.rel(f"actor-identity|{actor.id}", "attributed-to", ref, identity_ref)

    def attacker_ref(self, actor_id: str) -> str:
        actor = self.dataset.actors[actor_id]
        if not actor.resolved or actor.kind in (ActorKind.GROUP, ActorKind.OTHER):
            return stix_id("intrusion-set", actor_id)
        return stix_id("threat-actor", actor_id)

    def publisher(self, name: str) -> None:
        from stix2.v21 import Identity

        ref = stix_id("identity", f"publisher|{name}")
        if ref in self.objects:
            return
        self.add(
            Identity(
                **self.common(ref),
                created_by_ref=EXPORTER_IDENTITY,
                name=name,
                identity_class="organization",
                description="Publisher of one or more sources.",
            )
        )

    def source(self, source: Source, claims: list[Claim]) -> None:
        from stix2.v21 import Report

        if source.publisher:
            self.publisher(source.publisher)
        refs: list[str] = []
        for claim in claims:
            refs.append(stix_id("note", claim.id))
            refs.extend(self.ref_of(t) for t in claim.targets())
        refs = list(dict.fromkeys(refs)) or [self.publisher_ref(source)]
        ext_ref = _clean(
            {
                "source_name": source.publisher or "mideast-model",
                "external_id": source.id,
                "url": uri(source.url),
                "description": source.title,
            }
        )
        published = source.published.earliest if source.published and source.published.earliest > dt.date.min else None
        self.add(
            Report(
                **self.common(stix_id("report", source.id)),
                created_by_ref=self.publisher_ref(source),
                name=source.title,
                published=_ts(published) if published else self.created,
                object_refs=refs,
                external_references=[ext_ref],
                **_clean({"description": source.description or None}),
                extensions=self.ext(
                    "source",
                    source.id,
                    kind=source.kind.value,
                    publisher=source.publisher,
                    authors=list(source.authors),
                    published=source.published.edtf if source.published else None,
                    url=source.url,
                    derived_from=list(source.derived_from),
                    language=source.language,
                    admiralty={"reliability": source.reliability.value, "grade": source.reliability.value},
                ),
            )
        )
        for i, origin in enumerate(source.derived_from):
            self.rel(
                f"derived|{source.id}|{i}",
                "derived-from",
                stix_id("report", source.id),
                stix_id("report", origin),
            )

    def event(self, event: Event) -> None:
        from stix2.v21 import Campaign, Location

        campaign_ref = stix_id("campaign", event.id)
        d = self.unstructure(event)
        low, high = event.when.earliest, event.when.latest
        seen = {}
        if low > dt.date.min:
            seen["first_seen"] = _ts(low)
        if high < dt.date.max - dt.timedelta(days=1):
            seen["last_seen"] = _ts(high + dt.timedelta(days=1))
        self.add(
            Campaign(
                **self.common(campaign_ref),
                created_by_ref=EXPORTER_IDENTITY,
                name=event.title,
                **_clean({"description": event.summary or None}),
                **seen,
                extensions=self.ext(
                    "event",
                    event.id,
                    kind=event.kind.value,
                    when=event.when.edtf,
                    cameo=event.cameo or event.kind.cameo,
                    plover=event.kind.plover,
                    place=d.get("place"),
                    participants=d.get("participants"),
                    casualties=d.get("casualties"),
                ),
            )
        )
        for i, p in enumerate(event.participants):
            key = f"participant|{event.id}|{i}"
            if p.role is Role.INITIATOR:
                self.rel(key, "attributed-to", campaign_ref, self.attacker_ref(p.actor), description="initiator")
            elif p.role in (Role.TARGET, Role.VICTIM):
                self.rel(key, "targets", campaign_ref, stix_id("identity", p.actor), description=p.role.value)
            else:
                self.rel(key, "related-to", campaign_ref, stix_id("identity", p.actor), description=p.role.value)
        place = event.place
        if place is not None and place.lat is not None and place.lon is not None:
            location_ref = stix_id("location", event.id)
            self.add(
                Location(
                    **self.common(location_ref),
                    created_by_ref=EXPORTER_IDENTITY,
                    name=place.name,
                    latitude=place.lat,
                    longitude=place.lon,
                    **_clean({"administrative_area": place.admin1 or None}),
                )
            )
            self.rel(f"place|{event.id}", "related-to", campaign_ref, location_ref, description="took place at")

    def claim(self, claim: Claim) -> None:
        from stix2.v21 import Note

        source = self.dataset.sources[claim.source]
        d = self.unstructure(claim)
        refs = [stix_id("report", claim.source), *(self.ref_of(t) for t in claim.targets())]
        abstract = " ".join(
            part
            for part in (
                self.label(claim.subject),
                claim.predicate.value,
                self.label(claim.object) if claim.object else None,
                f"[{claim.attribute}]" if claim.attribute else None,
                _value_text(d.get("value")),
            )
            if part
        )
        admiralty: dict[str, Any] = {"reliability": source.reliability.value}
        if claim.credibility is not None:
            admiralty["credibility"] = claim.credibility.value
        admiralty["grade"] = source.reliability.value + (str(claim.credibility.value) if claim.credibility else "")
        self.add(
            Note(
                **self.common(stix_id("note", claim.id)),
                created_by_ref=self.publisher_ref(source),
                abstract=abstract,
                content=claim.quote or claim.evidence or abstract,
                object_refs=list(dict.fromkeys(refs)),
                confidence=round(claim.confidence * 100),
                **_clean({"authors": [a for a in source.authors if a] or None}),
                extensions=self.ext(
                    "claim",
                    claim.id,
                    kind=claim.kind.value,
                    source=claim.source,
                    subject=claim.subject,
                    predicate=claim.predicate.value,
                    object=claim.object,
                    attribute=claim.attribute,
                    value=d.get("value"),
                    stance=claim.stance.value,
                    confidence=claim.confidence,
                    speaker=claim.speaker,
                    speaker_ref=stix_id("identity", claim.speaker) if claim.speaker else None,
                    quote=claim.quote,
                    evidence=claim.evidence,
                    said=claim.said.edtf if claim.said else None,
                    about=list(claim.about),
                    admiralty=admiralty,
                    offsets=list(claim.offsets) if claim.offsets else None,
                    machine=claim.machine,
                ),
            )
        )

    def relation(self, relation: Relation) -> None:
        props: dict[str, Any] = {}
        if relation.valid is not None:
            low, high = relation.valid.earliest, relation.valid.latest
            if low > dt.date.min:
                props["start_time"] = _ts(low)
            if high < dt.date.max - dt.timedelta(days=1):
                props["stop_time"] = _ts(high + dt.timedelta(days=1))
        description = relation.description or (
            f"{self.label(relation.subject)} {relation.predicate.value} {self.label(relation.object)}"
        )
        from stix2.v21 import Relationship

        self.add(
            Relationship(
                **self.common(stix_id("relationship", relation.id)),
                created_by_ref=EXPORTER_IDENTITY,
                relationship_type="related-to",
                source_ref=stix_id("identity", relation.subject),
                target_ref=stix_id("identity", relation.object),
                description=description,
                **props,
                extensions=self.ext(
                    "relation",
                    relation.id,
                    subject=relation.subject,
                    predicate=relation.predicate.value,
                    object=relation.object,
                    valid=relation.valid.edtf if relation.valid else None,
                    role=relation.role,
                ),
            )
        )

    def label(self, object_id: str | None) -> str:
        if object_id is None:
            return ""
        obj = self.dataset.get(object_id)
        for attr in ("name", "title"):
            text = getattr(obj, attr, None)
            if isinstance(text, str):
                return text
        return object_id


def _value_text(value: Mapping[str, Any] | None) -> str | None:
    if not value:
        return None
    if "count" in value:
        c = value["count"]
        high = c.get("high")
        return f"= {c['low']}" if high == c["low"] else f"= {c['low']}-{'' if high is None else high}"
    if "when" in value:
        return f"= {value['when']}"
    return f"= {value.get('text')}"


def _refs(obj: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Every (property, STIX id) reference in one serialised object, extensions included."""
    for key, value in obj.items():
        if key.endswith("_ref") and isinstance(value, str):
            yield key, value
        elif key.endswith("_refs") and isinstance(value, list):
            for item in value:
                yield key, item
        elif key == "extensions" and isinstance(value, Mapping):
            for ext_id, body in value.items():
                if ext_id.startswith("extension-definition--"):
                    yield "extensions", ext_id
                if isinstance(body, Mapping):
                    yield from _refs(body)


def check_references(objects: Iterable[Mapping[str, Any]]) -> list[str]:
    """Dangling references in a list of serialised STIX objects (``[]`` when all resolve).

    Covers what ``stix2-validator --enforce-refs`` misses: ``created_by_ref``, the
    ``object_refs`` of reports, notes and opinions, extension definitions, and refs
    inside extensions.
    """
    items = list(objects)
    known = {o["id"] for o in items}
    problems = []
    for obj in items:
        for prop, ref in _refs(obj):
            if ref not in known:
                problems.append(f"{obj['id']}.{prop} -> {ref}")
    return problems


def build(dataset: Any, *, created: str = DEFAULT_CREATED) -> dict[str, Any]:
    """The STIX bundle of ``dataset`` as JSON data; raises if a reference would dangle.

    Each object is built (and checked) by the ``stix2`` library, then serialised
    compactly: ``stix2``'s pretty printer sorts nested keys in quadratic time.
    """
    b = _Builder(dataset, created)
    b.header()
    for actor in dataset.actors.values():
        b.actor(actor)
    by_source: dict[str, list[Claim]] = {s: [] for s in dataset.sources}
    for claim in dataset.claims.values():
        by_source[claim.source].append(claim)
    for source in dataset.sources.values():
        b.source(source, by_source[source.id])
    for event in dataset.events.values():
        b.event(event)
    for claim in dataset.claims.values():
        b.claim(claim)
    for relation in dataset.relations.values():
        b.relation(relation)
    objects = [json.loads(b.objects[k].serialize()) for k in sorted(b.objects)]
    problems = check_references(objects)
    if problems:
        raise MideastModelError("STIX export: dangling references: " + "; ".join(problems[:5]))
    bundle_key = ",".join(sorted(b.objects))
    return {"type": "bundle", "id": f"bundle--{uuid.uuid5(NAMESPACE, bundle_key)}", "objects": objects}


def _created(options: Mapping[str, Any]) -> str:
    raw = options.get("created")
    if raw is None:
        return DEFAULT_CREATED
    try:
        when = dt.datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInputError(f"--option created: expected an ISO timestamp, got {raw!r}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def dumps(dataset: Any, options: Mapping[str, Any] | None = None) -> bytes:
    """The bundle as UTF-8 JSON; ``<``, ``>`` and ``&`` are escaped (``\\u003c``…) so the
    text is also safe to inline in HTML."""
    bundle = build(dataset, created=_created(options or {}))
    text = json.dumps(bundle, indent=2, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")


def write(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    """Write the bundle of ``dataset`` to ``target``."""
    target.write(dumps(dataset, context.options))
