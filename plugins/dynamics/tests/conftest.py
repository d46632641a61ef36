"""Shared fixtures of the dynamics plugin's tests."""

from __future__ import annotations

import pytest

from mideast_model.dataset import Dataset
from mideast_model.model import (
    Actor,
    ActorKind,
    Event,
    EventKind,
    Object,
    Participant,
    Relation,
    RelationPredicate,
    Role,
)


def _attack(
    name: str,
    when: str,
    by: str,
    against: str,
    kind: EventKind = EventKind.ARTILLERY_OR_ROCKET_ATTACK,
) -> Event:
    return Event(
        id=f"event:{name}",
        kind=kind,
        when=when,
        title=name,
        participants=(Participant(by, Role.INITIATOR), Participant(against, Role.TARGET)),
    )


@pytest.fixture
def proxy_world() -> list[Object]:
    """Iran backs KH (from 2019); KH attacks US forces; the US strikes KH; the US and the UK are allies."""
    return [
        Actor(id="actor:iran", name="Iran", kind=ActorKind.STATE, country="IRN"),
        Actor(id="actor:kh", name="KH", kind=ActorKind.ARMED_GROUP, country="IRQ"),
        Actor(id="actor:usa", name="US", kind=ActorKind.STATE, country="USA"),
        Actor(id="actor:us-army", name="US Army", kind=ActorKind.MILITARY, country="USA"),
        Actor(id="actor:uk", name="UK", kind=ActorKind.STATE, country="GBR"),
        Relation(
            id="rel:iran-backs-kh",
            subject="actor:iran",
            predicate=RelationPredicate.BACKS,
            object="actor:kh",
            valid="2019/2020",
        ),
        Relation(id="rel:army-usa", subject="actor:us-army", predicate=RelationPredicate.PART_OF, object="actor:usa"),
        Relation(id="rel:us-uk", subject="actor:usa", predicate=RelationPredicate.ALLIED_WITH, object="actor:uk"),
        _attack("taji", "2020-03-11", "actor:kh", "actor:us-army"),
        _attack("strikes", "2020-03-12", "actor:usa", "actor:kh", EventKind.AIRSTRIKE),
        _attack("rockets", "2020-03-14", "actor:kh", "actor:usa"),
    ]


@pytest.fixture
def proxy_dataset(proxy_world: list[Object]) -> Dataset:
    """:func:`proxy_world` as a dataset."""
    return Dataset.from_objects(proxy_world)
