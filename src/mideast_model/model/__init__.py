"""The typed model: the five kinds, their values and vocabularies."""

from mideast_model.model.objects import KINDS, Actor, Claim, Event, Object, Ref, Relation, Source
from mideast_model.model.time import EDTFError, Precision, TimeSpan
from mideast_model.model.values import Casualties, ClaimValue, CountRange, ExternalId, Metrics, Participant, Place
from mideast_model.model.vocab import (
    EXCLUSIVE_PREDICATES,
    ActorKind,
    ClaimKind,
    Course,
    Credibility,
    EventKind,
    GeoPrecision,
    Predicate,
    RelationPredicate,
    Reliability,
    Role,
    SourceKind,
    Stance,
)

__all__ = [
    "EXCLUSIVE_PREDICATES",
    "KINDS",
    "Actor",
    "ActorKind",
    "Casualties",
    "Claim",
    "ClaimKind",
    "ClaimValue",
    "CountRange",
    "Course",
    "Credibility",
    "EDTFError",
    "Event",
    "EventKind",
    "ExternalId",
    "GeoPrecision",
    "Metrics",
    "Object",
    "Participant",
    "Place",
    "Precision",
    "Predicate",
    "Ref",
    "Relation",
    "RelationPredicate",
    "Reliability",
    "Role",
    "Source",
    "SourceKind",
    "Stance",
    "TimeSpan",
]
