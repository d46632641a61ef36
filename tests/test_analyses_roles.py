"""Roles and direction, everywhere: no analysis puts an actor in the acting position for an event
where it is only a target or victim; target-only events act only through attributions; agentless
and undirected events have no dyad."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mideast_model.analyses import escalation, timeline, titfortat
from mideast_model.analyses.common import UNATTRIBUTED, Sides, attributions
from mideast_model.dataset import Dataset
from mideast_model.model import (
    Actor,
    ActorKind,
    Claim,
    Event,
    EventKind,
    Object,
    Participant,
    Predicate,
    Relation,
    RelationPredicate,
    Role,
    Source,
    SourceKind,
    Stance,
)

ACTORS = ["actor:us", "actor:army", "actor:kh", "actor:iran", "actor:unknown"]
KINDS = [
    EventKind.ARTILLERY_OR_ROCKET_ATTACK,
    EventKind.AIRSTRIKE,
    EventKind.ARMED_CLASH,
    EventKind.DISASTER,
    EventKind.RIOT,
    EventKind.THREAT,
]


def _base() -> list[Object]:
    return [
        Actor(id="actor:us", name="United States", kind=ActorKind.STATE, country="USA"),
        Actor(id="actor:army", name="US Army", kind=ActorKind.MILITARY, country="USA"),
        Actor(id="actor:kh", name="Kataib Hezbollah", kind=ActorKind.ARMED_GROUP, country="IRQ"),
        Actor(id="actor:iran", name="Iran", kind=ActorKind.STATE, country="IRN"),
        Actor(id="actor:unknown", name="Unidentified Armed Group (Iraq)", kind=ActorKind.ARMED_GROUP),
        Relation(id="rel:army", subject="actor:army", predicate=RelationPredicate.PART_OF, object="actor:us"),
        Relation(id="rel:backs", subject="actor:iran", predicate=RelationPredicate.BACKS, object="actor:kh"),
        Source(id="source:s", title="S", kind=SourceKind.NEWS_REPORT),
    ]


@st.composite
def worlds(draw: st.DrawFn) -> list[Object]:
    objs = _base()
    for i in range(draw(st.integers(0, 20))):
        day = dt.date(2020, 3, 1) + dt.timedelta(days=draw(st.integers(0, 30)))
        when = draw(st.sampled_from([day.isoformat(), day.isoformat()[:7], "2020"]))
        roles = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(ACTORS),
                    st.sampled_from([Role.INITIATOR, Role.TARGET, Role.VICTIM, Role.PARTICIPANT]),
                ),
                max_size=3,
                unique_by=lambda x: x[0],
            )
        )
        participants = tuple(
            Participant(a, r, side=draw(st.sampled_from([None, 1, 2])) if r is Role.PARTICIPANT else None)
            for a, r in roles
        )
        event_id = f"event:{i:03d}"
        objs.append(
            Event(id=event_id, kind=draw(st.sampled_from(KINDS)), when=when, title=event_id, participants=participants)
        )
        if draw(st.booleans()):
            objs.append(
                Claim(
                    id=f"claim:{i:03d}",
                    source="source:s",
                    subject=draw(st.sampled_from(ACTORS)),
                    predicate=Predicate.RESPONSIBLE_FOR,
                    object=event_id,
                    stance=draw(st.sampled_from(list(Stance))),
                    confidence=draw(st.sampled_from([0.3, 0.9])),
                )
            )
    return objs


def _acting(dataset: Dataset, sides: Sides, event_id: str) -> set[str]:
    """The sides the data codes as acting in the event (named initiators only)."""
    event = dataset.events[event_id]
    day = None if event.when.is_open else event.when.midpoint
    return {
        sides.side(p.actor, day) for p in event.participants if p.role is Role.INITIATOR and not sides.unknown(p.actor)
    }


def _blamed(dataset: Dataset, sides: Sides, event_id: str) -> set[str]:
    event = dataset.events[event_id]
    day = None if event.when.is_open else event.when.midpoint
    return {
        sides.side(a.actor, day)
        for a in attributions(dataset).get(event_id, ())
        if a.stance == Stance.ASSERTS.value and a.confidence >= 0.5
    }


@settings(max_examples=60, deadline=None)
@given(worlds())
def test_no_output_puts_a_target_or_victim_in_the_acting_position(objs: list[Object]) -> None:
    dataset = Dataset.from_objects(objs)
    sides = Sides(dataset)
    tft = titfortat.run(dataset, threats=True)
    for chain in tft.chains:
        for action in chain.actions:
            acting = _acting(dataset, sides, action.event)
            if action.attributed:
                assert not acting and action.actor in _blamed(dataset, sides, action.event)
            elif action.directed:
                assert action.actor in acting, (action, acting)
            else:  # one side of an undirected riot: a coded side, shown as ↔
                assert dataset.events[action.event].kind is EventKind.RIOT
    esc = escalation.run(dataset)
    for row in esc.rows:
        for event_id in row.events:
            if event_id in row.attributed:
                assert row.actor in _blamed(dataset, sides, event_id)
            else:
                assert row.actor in _acting(dataset, sides, event_id), (row, event_id)
    for event in dataset.events.values():
        direction = sides.direction(event, None if event.when.is_open else event.when.midpoint)
        if direction.status == "agentless" or direction.status == "undirected":
            assert direction.dyads == ()
        if direction.status == "unattributed":
            assert direction.acting == (UNATTRIBUTED,) and direction.dyads == ()
    # no year-only event is placed at mid-year: it is spread over its months, or left out
    for row in esc.rows:
        for event_id in row.events:
            if dataset.events[event_id].when.edtf == "2020":
                assert event_id in esc.spread
    assert timeline.run(dataset).tiers is not None
    try:
        from mideast_model_dynamics import network
    except ImportError:  # the dynamics plugin is optional
        return
    for edge in network.run(dataset).edges:
        if edge.predicate == "attacks":
            for event_id in edge.evidence:
                assert edge.source in _acting(dataset, sides, event_id), (edge, event_id)
