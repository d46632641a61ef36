"""A synthetic dataset of any size, shaped like a curated conflict dataset, for scale tests."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from mideast_model.dataset import Dataset
from mideast_model.model import (
    Actor,
    ActorKind,
    Claim,
    ClaimValue,
    CountRange,
    Event,
    EventKind,
    Participant,
    Predicate,
    Reliability,
    Role,
    Source,
    SourceKind,
)

__all__ = ["synthetic_dataset"]


def synthetic_dataset(n_events: int, *, claims_per_event: int = 1, seed: int = 1) -> Dataset:
    """``n_events`` events among 24 actors over ten years, with claims by 12 sources.

    Each event is reported by ``claims_per_event`` ``occurred`` claims; about 2% of those
    come with a count claim. Built without validation (the ids are consistent by
    construction), for scale tests and benchmarks.
    """

    rng = random.Random(seed)
    actors = [
        Actor(id=f"actor:a{i:02d}", name=f"Actor {i:02d}", kind=ActorKind.ARMED_GROUP if i % 3 else ActorKind.STATE)
        for i in range(24)
    ]
    sources = [
        Source(
            id=f"source:s{i:02d}",
            title=f"Source {i:02d}",
            kind=SourceKind.NEWS_REPORT,
            publisher=f"Publisher {i:02d}",
            published="2020",
            reliability=Reliability.C,
        )
        for i in range(12)
    ]
    kinds = [
        EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        EventKind.AIRSTRIKE,
        EventKind.MEETING,
        EventKind.THREAT,
        EventKind.ACCUSATION,
        EventKind.AID,
    ]
    start = dt.date(2010, 1, 1)
    objects: list[Any] = [*actors, *sources]
    for i in range(n_events):
        a, b = rng.sample(range(24), 2)
        day = start + dt.timedelta(days=rng.randrange(3650))
        when = day.isoformat() if rng.random() < 0.8 else f"{day.year:04d}-{day.month:02d}"
        event_id = f"event:e{i:07d}"
        objects.append(
            Event(
                id=event_id,
                kind=rng.choice(kinds),
                when=when,
                title=f"Event {i}",
                participants=(Participant(actors[a].id, Role.INITIATOR), Participant(actors[b].id, Role.TARGET)),
            )
        )
        for j in range(claims_per_event):
            source = sources[rng.randrange(12)]
            objects.append(
                Claim(
                    id=f"claim:c{i:07d}-{j}",
                    source=source.id,
                    subject=event_id,
                    predicate=Predicate.OCCURRED,
                    evidence=f"Source says event {i} happened.",
                )
            )
            if rng.random() < 0.02:
                objects.append(
                    Claim(
                        id=f"claim:k{i:07d}-{j}",
                        source=sources[rng.randrange(12)].id,
                        subject=event_id,
                        predicate=Predicate.COUNT,
                        attribute="killed",
                        value=ClaimValue(count=CountRange.exactly(rng.randrange(10))),
                    )
                )
    return Dataset.from_objects(objects, validate=False)
