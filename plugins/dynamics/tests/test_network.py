"""Tests of the ``network`` analysis."""

from __future__ import annotations

import datetime as dt
import random

from mideast_model_dynamics import network

from mideast_model.dataset import Dataset
from mideast_model.model import Object


def test_proxy_chain_centrality_and_communities(proxy_dataset: Dataset) -> None:
    result = network.run(proxy_dataset)
    chains = {(c.backer, c.proxy, c.link, c.target): c.evidence for c in result.chains}
    assert set(chains) == {("actor:iran", "actor:kh", "attacks", "actor:usa")}
    assert chains[("actor:iran", "actor:kh", "attacks", "actor:usa")] == (
        "event:rockets",
        "event:taji",
        "rel:iran-backs-kh",
    )
    edges = {(e.source, e.target, e.predicate) for e in result.edges}
    assert ("actor:usa", "actor:uk", "allied_with") in edges and ("actor:uk", "actor:usa", "allied_with") in edges
    assert ("actor:usa", "actor:kh", "attacks") in edges
    nodes = {n.actor: n for n in result.nodes}
    assert max(nodes.values(), key=lambda n: n.degree).actor == "actor:usa"
    community = {a: i for i, c in enumerate(result.communities) for a in c}
    assert community["actor:iran"] == community["actor:kh"] != community["actor:usa"] == community["actor:uk"]
    assert "Proxy chains" in result.to_markdown()


def test_date_filters_relations_and_attacks(proxy_dataset: Dataset) -> None:
    late = network.run(proxy_dataset, date=dt.date(2021, 6, 1))
    assert late.chains == ()  # the backing is valid 2019–2020 only
    assert not any(e.predicate == "attacks" for e in late.edges)  # attacks more than a year before
    march = network.run(proxy_dataset, date=dt.date(2020, 3, 13), days=30)
    assert {e.evidence for e in march.edges if e.predicate == "attacks" and e.source == "actor:kh"} == {("event:taji",)}


def test_order_independent(proxy_world: list[Object]) -> None:
    base = network.run(Dataset.from_objects(proxy_world)).to_json()
    for seed in range(5):
        objs = list(proxy_world)
        random.Random(seed).shuffle(objs)
        assert network.run(Dataset.from_objects(objs)).to_json() == base


def test_protesters_shot_by_their_state_are_not_in_its_community(proxy_world: list[Object]) -> None:
    """Protesters "part of" Iran, attacked by Iran and by the militia it backs, are set apart;
    the US Army, part of the US and never hostile to it, stays in the US community."""
    from mideast_model.model import Actor, ActorKind, Event, EventKind, Participant, Relation, RelationPredicate, Role

    def _attack(name: str, when: str, by: str, against: str) -> Event:
        return Event(
            id=f"event:{name}",
            kind=EventKind.REPRESSION,
            when=when,
            title=name,
            participants=(Participant(by, Role.INITIATOR), Participant(against, Role.TARGET)),
        )

    world = [
        *proxy_world,
        Actor(id="actor:protesters", name="Iranian protesters", kind=ActorKind.GROUP, country="IRN"),
        Relation(
            id="rel:protesters-iran",
            subject="actor:protesters",
            predicate=RelationPredicate.PART_OF,
            object="actor:iran",
        ),
        _attack("crackdown", "2019-11-16", "actor:iran", "actor:protesters"),
        _attack("shooting", "2019-11-17", "actor:kh", "actor:protesters"),
    ]
    result = network.run(Dataset.from_objects(world))
    community = {a: i for i, c in enumerate(result.communities) for a in c}
    assert ("actor:protesters",) in result.communities
    assert community["actor:iran"] == community["actor:kh"]
    assert community["actor:us-army"] == community["actor:usa"]
