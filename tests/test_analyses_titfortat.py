"""Tests of the ``titfortat`` analysis: action–reaction chains."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from mideast_model.analyses import titfortat
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

US, KH, IRAN, ARMY = "actor:us", "actor:kh", "actor:iran", "actor:us-army"


def _actors() -> list[Object]:
    return [
        Actor(id=US, name="US", kind=ActorKind.STATE),
        Actor(id=KH, name="KH", kind=ActorKind.ARMED_GROUP),
        Actor(id=IRAN, name="Iran", kind=ActorKind.STATE),
        Actor(id=ARMY, name="US Army", kind=ActorKind.MILITARY),
        Relation(id="rel:army", subject=ARMY, predicate=RelationPredicate.PART_OF, object=US),
        Relation(id="rel:iran-backs-kh", subject=IRAN, predicate=RelationPredicate.BACKS, object=KH),
    ]


def _event(
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


def _run(*events: Event, **params: object) -> titfortat.TitForTatResult:
    return titfortat.run(Dataset.from_objects([*_actors(), *events]), **params)  # type: ignore[arg-type]


def test_camp_taji_like_chain() -> None:
    result = _run(
        _event("taji", "2020-03-11", KH, ARMY),
        _event("strikes", "2020-03-12", US, KH, EventKind.AIRSTRIKE),
        _event("rockets", "2020-03-14", KH, US),
        _event("meeting", "2020-03-13", US, KH, EventKind.MEETING),
    )
    assert len(result.chains) == 1
    chain = result.chains[0]
    assert [a.event for a in chain.actions] == ["event:taji", "event:strikes", "event:rockets"]
    assert [(a.actor, a.target) for a in chain.actions] == [(KH, US), (US, KH), (KH, US)]
    assert chain.delays == (1, 2)
    stats = {(d.actor, d.target): d for d in result.dyads}
    assert stats[(KH, US)].actions == 2 and stats[(KH, US)].answered == 1 and stats[(KH, US)].median_delay == 1.0
    assert stats[(US, KH)].share == 1.0


def test_no_answer_outside_window_same_day_and_possible_links_across_precision() -> None:
    late = _run(_event("a", "2020-03-01", KH, US), _event("b", "2020-03-09", US, KH))
    assert (
        late.chains == ()
        and _run(_event("a", "2020-03-01", KH, US), _event("b", "2020-03-09", US, KH), window=8).chains
    )
    assert _run(_event("a", "2020-03-01", KH, US), _event("b", "2020-03-01", US, KH)).chains == ()
    # a day-precise act answered in a month-precise event: a possible link, with its uncertainty
    mixed = _run(_event("a", "2020-03-10", KH, US), _event("b", "2020-03", US, KH), window=31).chains
    assert len(mixed) == 1 and mixed[0].links == ("possible",) and mixed[0].slack == (30,)
    # a month-precise answer that surely precedes: none
    before = _run(_event("a", "2020-03-10", KH, US), _event("b", "2020-02", US, KH), window=31).chains
    assert [c.events for c in before] == [("event:b", "event:a")]  # b may answer nothing after a
    # too vague: a six-month span
    assert _run(_event("a", "2020-03-10", KH, US), _event("b", "2020-01/2020-06", US, KH), window=31).chains == ()
    # threats count only when asked
    threat = (_event("a", "2020-03-10", KH, US, EventKind.THREAT), _event("b", "2020-03-11", US, KH))
    assert _run(*threat).chains == () and len(_run(*threat, threats=True).chains) == 1


def test_answer_by_backer_with_proxies_by_default() -> None:
    events = (_event("strike", "2020-03-12", US, KH, EventKind.AIRSTRIKE), _event("reply", "2020-03-13", IRAN, US))
    assert _run(*events, proxies=False).chains == ()
    chain = _run(*events).chains[0]
    assert [(a.actor, a.target) for a in chain.actions] == [(US, KH), (IRAN, US)]


def test_chains_are_maximal_and_deduplicated() -> None:
    # one attack on two US targets (two dyads) answered once: one chain, not two
    two_targets = Event(
        id="event:taji",
        kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        when="2020-03-11",
        title="taji",
        participants=(Participant(KH, Role.INITIATOR), Participant(US, Role.TARGET), Participant(ARMY, Role.VICTIM)),
    )
    result = _run(
        two_targets,
        _event("strikes", "2020-03-12", US, KH, EventKind.AIRSTRIKE),
        _event("rockets", "2020-03-14", KH, US),
    )
    assert [c.events for c in result.chains] == [("event:taji", "event:strikes", "event:rockets")]


def test_unattributed_events_act_only_through_attribution() -> None:
    from mideast_model.model import Claim, Predicate, Source, SourceKind

    anon = Event(
        id="event:anon",
        kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        when="2020-03-11",
        title="rockets",
        participants=(Participant(US, Role.TARGET),),
    )
    reply = _event("reply", "2020-03-12", US, KH, EventKind.AIRSTRIKE)
    alone = _run(anon, reply)
    assert alone.chains == () and alone.unattributed == ("event:anon",)
    source = Source(id="source:s", title="S", kind=SourceKind.NEWS_REPORT)
    blame = Claim(id="claim:b", source="source:s", subject=KH, predicate=Predicate.RESPONSIBLE_FOR, object="event:anon")
    chain = titfortat.run(Dataset.from_objects([*_actors(), anon, reply, source, blame])).chains[0]
    assert chain.actions[0].actor == KH and chain.actions[0].attributed == ("claim:b",)


@st.composite
def worlds(draw: st.DrawFn) -> list[Object]:
    events = []
    for i in range(draw(st.integers(0, 30))):
        by, against = draw(st.permutations([US, KH, IRAN]))[:2]
        day = dt.date(2020, 3, 1) + dt.timedelta(days=draw(st.integers(0, 40)))
        when = draw(st.sampled_from([day.isoformat(), day.isoformat()[:7], f"{day.isoformat()}~"]))
        kind = draw(st.sampled_from([EventKind.ARTILLERY_OR_ROCKET_ATTACK, EventKind.AIRSTRIKE, EventKind.MEETING]))
        events.append(_event(f"{i:03d}", when, by, against, kind))
    return [*_actors(), *events]


@settings(max_examples=50, deadline=None)
@given(worlds(), st.integers(1, 10), st.booleans(), st.randoms())
def test_chains_alternate_and_move_forward(objs: list[Object], window: int, proxies: bool, rnd: random.Random) -> None:
    dataset = Dataset.from_objects(objs)
    result = titfortat.run(dataset, window=window, proxies=proxies)
    assert len({c.events for c in result.chains}) == len(result.chains)
    for chain in result.chains:
        assert len(chain.actions) >= 2 and len(chain.links) == len(chain.actions) - 1
        for before, after, link in zip(chain.actions, chain.actions[1:], chain.links, strict=False):
            if not proxies:
                assert after.target == before.actor and after.actor == before.target
            assert after.day >= before.day
            first, last = dataset.events[after.event].when.bounds()
            if link == "certain":
                assert 0 < (after.day - before.day).days <= window
                assert dataset.events[before.event].when.bounds()[1] < first
            else:
                assert last > dataset.events[before.event].when.bounds()[0]
    for stats in result.dyads:
        assert 0 <= stats.answered <= stats.actions and 0.0 <= stats.share <= 1.0
    shuffled = list(objs)
    rnd.shuffle(shuffled)
    assert titfortat.run(Dataset.from_objects(shuffled), window=window, proxies=proxies).to_json() == result.to_json()


def _maximal_by_brute_force(keys: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The definition: longest first, a key is dropped when some kept key holds it as a contiguous run."""

    def inside(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
        return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))

    kept: list[tuple[str, ...]] = []
    for key in sorted(keys, key=lambda k: (-len(k), k)):
        if not any(inside(longer, key) for longer in kept):
            kept.append(key)
    return kept


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from("abcdef"), min_size=1, max_size=6).map(lambda k: tuple(f"event:{e}" for e in k)),
        max_size=25,
        unique=True,
    )
)
def test_maximal_keeps_exactly_the_sequences_no_longer_one_contains(keys: list[tuple[str, ...]]) -> None:
    # Keys may repeat an event (a cycle of same-day possible links): every position must be indexed.
    day = dt.date(2020, 1, 1)
    sequences = {
        k: titfortat.Chain(tuple(titfortat.Action(day, e, "actor:a", "actor:b", day, day) for e in k), ()) for k in keys
    }
    got = [c.events for c in titfortat._maximal(sequences)]
    assert sorted(got) == sorted(_maximal_by_brute_force(keys))
    assert len(got) == len(set(got))
