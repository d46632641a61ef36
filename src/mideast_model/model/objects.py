"""The five kinds of the model: Actor, Source, Event, Claim, Relation.

Each is a frozen, slotted attrs class validated at construction; change one with
:func:`attrs.evolve`. Every object has an ``id`` unique across a dataset, and refers to
other objects by their ids; :meth:`refs` lists those references with the kinds they
must resolve to, which is how a :class:`~mideast_model.Dataset` checks integrity.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, NamedTuple

import attrs
from attrs import validators as v

from mideast_model.model.time import TimeSpan
from mideast_model.model.values import (
    Casualties,
    ClaimValue,
    ExternalId,
    Metrics,
    Participant,
    Place,
    between,
    iso3,
    nonempty,
    strs,
)
from mideast_model.model.vocab import (
    ActorKind,
    ClaimKind,
    Credibility,
    EventKind,
    Predicate,
    RelationPredicate,
    Reliability,
    Role,
    SourceKind,
    Stance,
)

__all__ = ["KINDS", "Actor", "Claim", "Event", "Object", "Ref", "Relation", "Source", "is_valid_id"]

# 1-200 characters, none of them whitespace, a C0/C1 control, DEL, a BOM, a zero-width
# character or a bidi control (which would let an id display as another one).
_ID = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]{1,200}")


def is_valid_id(text: object) -> bool:
    """True when ``text`` may be an object id (1-200 characters; no whitespace, controls or bidi marks)."""
    return type(text) is str and _ID.fullmatch(text) is not None


def _check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if type(value) is not str or not _ID.fullmatch(value):
        raise ValueError(
            f"id must be 1-200 characters without whitespace, control, zero-width or bidi characters, got {value!r}"
        )


def _opt_span(value: object) -> TimeSpan | None:
    if value is None or isinstance(value, TimeSpan):
        return value
    if isinstance(value, str):
        return TimeSpan(value)
    raise TypeError(f"expected an EDTF string or TimeSpan, got {value!r}")


def _span(value: object) -> TimeSpan:
    span = _opt_span(value)
    if span is None:
        raise TypeError("a time span is required")
    return span


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _offsets(value: Iterable[int] | None) -> tuple[int, int] | None:
    if value is None:
        return None
    pair = tuple(value)
    if len(pair) != 2:
        raise ValueError(f"offsets must be (start, end), got {pair!r}")
    return (pair[0], pair[1])


_strs_v = v.deep_iterable(v.instance_of(str), v.instance_of(tuple))


class Ref(NamedTuple):
    """One reference from an object to another: the field, the id, the kinds allowed.

    A named tuple rather than an attrs class: integrity checks make one per reference.
    """

    field: str
    target: str
    kinds: tuple[str, ...]


@attrs.frozen
class Actor:
    """A state, body, armed group, party, person, IGO, NGO, outlet or group.

    :param name: the canonical name.
    :param aliases: every other spelling a source uses (Soleimani, Soleinmani…).
    :param country: ISO 3166-1 alpha-3 of the actor's state, when it has one.
    :param external_ids: ids in other systems (wikidata, cameo, acled, ucdp…).
    :param resolved: ``False`` for an actor an importer could not resolve to a known one.
    """

    kind_name: ClassVar[str] = "actor"

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=nonempty)
    kind: ActorKind = attrs.field(validator=v.instance_of(ActorKind))
    aliases: tuple[str, ...] = attrs.field(default=(), converter=strs, validator=_strs_v)
    country: str | None = attrs.field(default=None, validator=iso3)
    external_ids: tuple[ExternalId, ...] = attrs.field(
        default=(), converter=_tuple, validator=v.deep_iterable(v.instance_of(ExternalId))
    )
    description: str | None = None
    resolved: bool = True

    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)

    def external_id(self, scheme: str) -> str | None:
        """The id of this actor in ``scheme`` (``"wikidata"``), or ``None``."""
        for ext in self.external_ids:
            if ext.scheme == scheme:
                return ext.value
        return None

    def refs(self) -> Iterator[Ref]:
        """An actor refers to nothing."""
        return iter(())


@attrs.frozen
class Source:
    """A document or dataset that makes claims.

    :param derived_from: ids of sources this one cites or derives from (a reprint's
        original, a wire report, an interview it quotes). Sources that share an origin
        are not independent corroboration.
    :param reliability: Admiralty grade of the source, A (reliable) to F (cannot be judged).
    """

    kind_name: ClassVar[str] = "source"

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=nonempty)
    kind: SourceKind = attrs.field(validator=v.instance_of(SourceKind))
    publisher: str | None = None
    authors: tuple[str, ...] = attrs.field(default=(), converter=strs, validator=_strs_v)
    published: TimeSpan | None = attrs.field(default=None, converter=_opt_span)
    url: str | None = None
    reliability: Reliability = attrs.field(default=Reliability.F, validator=v.instance_of(Reliability))
    derived_from: tuple[str, ...] = attrs.field(default=(), converter=strs, validator=_strs_v)
    language: str | None = None
    description: str | None = None

    def refs(self) -> Iterator[Ref]:
        """The sources this one derives from."""
        for target in self.derived_from:
            yield Ref("derived_from", target, ("source",))


@attrs.frozen
class Event:
    """Something that happened: kind, time span, place, participants, casualties.

    :param cameo: the specific CAMEO code when the event was coded with one (GDELT,
        ICEWS); otherwise the kind's representative code applies.
    :param metrics: the typed measures an event dataset codes (Goldstein, tone,
        mentions, fatalities, precision…).
    :param external_ids: the row's ids in the datasets it comes from (schemes
        ``gdelt``, ``acled``, ``ucdp``, ``icews``); several per scheme are allowed.
    """

    kind_name: ClassVar[str] = "event"

    id: str = attrs.field(validator=_check_id)
    kind: EventKind = attrs.field(validator=v.instance_of(EventKind))
    when: TimeSpan = attrs.field(converter=_span)
    title: str = attrs.field(validator=nonempty)
    summary: str | None = None
    place: Place | None = attrs.field(default=None, validator=v.optional(v.instance_of(Place)))
    participants: tuple[Participant, ...] = attrs.field(
        default=(), converter=_tuple, validator=v.deep_iterable(v.instance_of(Participant))
    )
    casualties: tuple[Casualties, ...] = attrs.field(
        default=(), converter=_tuple, validator=v.deep_iterable(v.instance_of(Casualties))
    )
    cameo: str | None = None
    metrics: Metrics | None = attrs.field(default=None, validator=v.optional(v.instance_of(Metrics)))
    external_ids: tuple[ExternalId, ...] = attrs.field(
        default=(), converter=_tuple, validator=v.deep_iterable(v.instance_of(ExternalId))
    )

    def external_id(self, scheme: str) -> str | None:
        """The first id of this event in ``scheme`` (``"acled"``), or ``None``."""
        for ext in self.external_ids:
            if ext.scheme == scheme:
                return ext.value
        return None

    def actors(self, *roles: Role) -> tuple[str, ...]:
        """Ids of the participants, optionally only those in the given roles."""
        return tuple(p.actor for p in self.participants if not roles or p.role in roles)

    def refs(self) -> Iterator[Ref]:
        """Participants and casualty groups, which must be actors."""
        for i, p in enumerate(self.participants):
            yield Ref(f"participants[{i}].actor", p.actor, ("actor",))
        for i, c in enumerate(self.casualties):
            if c.group is not None:
                yield Ref(f"casualties[{i}].group", c.group, ("actor",))


@attrs.frozen
class Claim:
    """Something a source says, possibly quoting a speaker, about a proposition.

    The proposition is ``(subject, predicate, object)`` with an optional literal
    ``value`` and an ``attribute`` naming what a count or text measures ("killed",
    "carriers"). ``quote`` is a speaker's exact words; ``evidence`` is the verbatim
    passage of the source that states the claim.

    :param confidence: how sure the source is, from 0 to 1 ("no firm evidence" is low).
    :param offsets: character offsets of the evidence in the source text, for
        machine-extracted claims.
    :param cites: ids of the sources the claim rests on (the outlets a GDELT mention
        names, the interview a report quotes).
    """

    kind_name: ClassVar[str] = "claim"

    id: str = attrs.field(validator=_check_id)
    source: str = attrs.field(validator=_check_id)
    subject: str = attrs.field(validator=_check_id)
    predicate: Predicate = attrs.field(validator=v.instance_of(Predicate))
    object: str | None = attrs.field(default=None, validator=v.optional(_check_id))
    value: ClaimValue | None = attrs.field(default=None, validator=v.optional(v.instance_of(ClaimValue)))
    attribute: str | None = None
    stance: Stance = attrs.field(default=Stance.ASSERTS, validator=v.instance_of(Stance))
    confidence: float = attrs.field(default=0.8, validator=between(0.0, 1.0))
    kind: ClaimKind = attrs.field(default=ClaimKind.FACT, validator=v.instance_of(ClaimKind))
    speaker: str | None = attrs.field(default=None, validator=v.optional(_check_id))
    quote: str | None = None
    evidence: str | None = None
    said: TimeSpan | None = attrs.field(default=None, converter=_opt_span)
    about: tuple[str, ...] = attrs.field(default=(), converter=strs, validator=_strs_v)
    credibility: Credibility | None = attrs.field(default=None, validator=v.optional(v.instance_of(Credibility)))
    offsets: tuple[int, int] | None = attrs.field(default=None, converter=_offsets)
    machine: bool = False
    cites: tuple[str, ...] = attrs.field(default=(), converter=strs, validator=_strs_v)

    def __attrs_post_init__(self) -> None:
        if self.offsets is not None and not 0 <= self.offsets[0] <= self.offsets[1]:
            raise ValueError(f"offsets must be (start, end) with 0 <= start <= end, got {self.offsets!r}")

    @property
    def proposition(self) -> tuple[str, str, str | None, str | None]:
        """The key of what is claimed, stance aside: (subject, predicate, object, attribute)."""
        return (self.subject, self.predicate.value, self.object, self.attribute)

    def targets(self) -> tuple[str, ...]:
        """Every id this claim is about: subject, object and ``about``."""
        ids = [self.subject]
        if self.object is not None:
            ids.append(self.object)
        ids.extend(self.about)
        return tuple(dict.fromkeys(ids))

    def refs(self) -> Iterator[Ref]:
        """The source, the speaker, the cited sources and every object the claim is about."""
        yield Ref("source", self.source, ("source",))
        for i, cited in enumerate(self.cites):
            yield Ref(f"cites[{i}]", cited, ("source",))
        if self.speaker is not None:
            yield Ref("speaker", self.speaker, ("actor",))
        anything = ("actor", "source", "event", "claim", "relation")
        yield Ref("subject", self.subject, anything)
        if self.object is not None:
            yield Ref("object", self.object, anything)
        for i, target in enumerate(self.about):
            yield Ref(f"about[{i}]", target, anything)


@attrs.frozen
class Relation:
    """A time-bounded edge between two actors (Iran backs Kataib Hezbollah).

    Claims support or dispute a relation by stating its triple
    ``(subject, predicate, object)``. ``role`` names an office for ``leads`` or
    ``commands`` ("Secretary of Defense").
    """

    kind_name: ClassVar[str] = "relation"

    id: str = attrs.field(validator=_check_id)
    subject: str = attrs.field(validator=_check_id)
    predicate: RelationPredicate = attrs.field(validator=v.instance_of(RelationPredicate))
    object: str = attrs.field(validator=_check_id)
    valid: TimeSpan | None = attrs.field(default=None, converter=_opt_span)
    role: str | None = None
    description: str | None = None

    @property
    def triple(self) -> tuple[str, str, str]:
        """``(subject, predicate, object)``, as a claim would state it."""
        return (self.subject, self.predicate.value, self.object)

    def valid_on(self, day: dt.date) -> bool:
        """True when the relation may hold on ``day`` (always, when ``valid`` is unset)."""
        return self.valid is None or self.valid.earliest <= day <= self.valid.latest

    def refs(self) -> Iterator[Ref]:
        """Both ends, which must be actors."""
        yield Ref("subject", self.subject, ("actor",))
        yield Ref("object", self.object, ("actor",))


Object = Actor | Source | Event | Claim | Relation

#: The five kinds by their name in canonical JSON (plural) and their class.
KINDS: dict[str, type[Actor] | type[Source] | type[Event] | type[Claim] | type[Relation]] = {
    "actors": Actor,
    "sources": Source,
    "events": Event,
    "claims": Claim,
    "relations": Relation,
}
