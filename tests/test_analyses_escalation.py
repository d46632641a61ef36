"""Tests of the ``escalation`` analysis and the Goldstein table."""

from __future__ import annotations

import datetime as dt
import math
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mideast_model.analyses import escalation
from mideast_model.analyses.goldstein import event_goldstein, goldstein, goldstein_table
from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
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

A, B, C, UNIT = "actor:a", "actor:b", "actor:c", "actor:a-army"


def _actors() -> list[Object]:
    return [
        Actor(id=A, name="A", kind=ActorKind.STATE),
        Actor(id=B, name="B", kind=ActorKind.ARMED_GROUP),
        Actor(id=C, name="C", kind=ActorKind.STATE),
        Actor(id=UNIT, name="A army", kind=ActorKind.MILITARY),
        Relation(id="rel:unit", subject=UNIT, predicate=RelationPredicate.PART_OF, object=A),
        Relation(id="rel:c-backs-b", subject=C, predicate=RelationPredicate.BACKS, object=B),
    ]


def _event(
    i: int,
    day: str,
    by: str,
    against: str,
    kind: EventKind = EventKind.ARTILLERY_OR_ROCKET_ATTACK,
    cameo: str | None = None,
    role: Role = Role.TARGET,
) -> Event:
    return Event(
        id=f"event:{i:03d}",
        kind=kind,
        when=day,
        title=f"e{i}",
        cameo=cameo,
        participants=(Participant(by, Role.INITIATOR), Participant(against, role)),
    )


def test_goldstein_table_is_gdelt_s() -> None:
    table = goldstein_table()
    assert len(table) == 311
    assert table["190"] == -10.0 and table["057"] == 8.0 and table["010"] == 0.0
    assert goldstein("0231") == table["023"]  # falls back to the three-digit base
    assert goldstein("99") is None
    assert all(-10.0 <= v <= 10.0 for v in table.values())


def test_event_score_prefers_own_code_then_kind() -> None:
    own = _event(1, "2020-03-11", B, A, cameo="0231")
    assert event_goldstein(own) == (3.4, "0231")
    by_kind = _event(2, "2020-03-11", B, A)
    assert event_goldstein(by_kind) == (-10.0, "194")
    unscored = Event(id="event:x", kind=EventKind.ELECTION, when="2020", title="x")
    assert event_goldstein(unscored) == (None, None)


def test_dyads_windows_and_unscored() -> None:
    objs = [
        *_actors(),
        _event(1, "2020-03-11", B, UNIT),
        _event(2, "2020-03-12", UNIT, B, EventKind.AIRSTRIKE),
        _event(3, "2020-03-20", B, A, role=Role.VICTIM),
        _event(4, "2020-04-02", B, A, EventKind.THREAT),
        Event(id="event:vote", kind=EventKind.ELECTION, when="2020-03", title="vote"),
    ]
    result = escalation.run(Dataset.from_objects(objs))
    rows = {(r.actor, r.target, r.window): r for r in result.rows}
    assert set(rows) == {(B, A, "2020-03"), (A, B, "2020-03"), (B, A, "2020-04")}  # the unit acts for A
    march = rows[(B, A, "2020-03")]
    assert march.events == ("event:001", "event:003") and march.conflict == 20.0
    # two rocket attacks (Goldstein -10, no deaths known): severity 0.5 each
    assert march.severity == pytest.approx(0.5) and march.volume == 2.0
    assert march.index == pytest.approx(10 * 0.5 * (0.5 + 0.5 * math.log(3) / math.log(31)))
    assert rows[(B, A, "2020-04")].trend == pytest.approx(rows[(B, A, "2020-04")].index - march.index)
    assert result.unscored == ("event:vote",) and result.undirected == ("event:vote",)
    assert not any(r.rolled_up for r in result.rows)
    days = escalation.run(Dataset.from_objects(objs), window="week")
    assert {r.window for r in days.rows} == {"2020-W11", "2020-W12", "2020-W14"}
    raw = escalation.run(Dataset.from_objects(objs), merge_units=False)
    assert (B, UNIT) in {(r.actor, r.target) for r in raw.rows}


def test_rollup_is_explicit_and_marked() -> None:
    objs = [*_actors(), _event(1, "2020-03-11", B, A)]
    plain = escalation.run(Dataset.from_objects(objs))
    assert [(r.actor, r.target, r.rolled_up) for r in plain.rows] == [(B, A, False)]
    rolled = escalation.run(Dataset.from_objects(objs), rollup=True)
    assert [(r.actor, r.target, r.rolled_up, r.via) for r in rolled.rows] == [(B, A, False, ()), (C, A, True, (B,))]
    assert rolled.to_json()["dyads"][1]["rolled_up"] is True
    assert "via actor:b" in rolled.to_markdown()


def test_rejects_bad_parameters() -> None:
    with pytest.raises(InvalidInputError, match="window"):
        escalation.run(Dataset.empty(), window="year")
    with pytest.raises(InvalidInputError, match="scale"):
        escalation.run(Dataset.empty(), scale=0)


KINDS = [
    EventKind.ARTILLERY_OR_ROCKET_ATTACK,
    EventKind.AIRSTRIKE,
    EventKind.THREAT,
    EventKind.AID,
    EventKind.MEETING,
    EventKind.ARREST,
    EventKind.MASS_VIOLENCE,
]


@st.composite
def worlds(draw: st.DrawFn) -> list[Object]:
    """Events among three actors over two months, some with coarse dates."""
    n = draw(st.integers(0, 25))
    events = []
    for i in range(n):
        by, against = draw(st.permutations([A, B, C]))[:2]
        day = dt.date(2020, 3, 1) + dt.timedelta(days=draw(st.integers(0, 60)))
        when = day.isoformat() if draw(st.booleans()) else day.isoformat()[:7]
        events.append(_event(i, when, by, against, draw(st.sampled_from(KINDS))))
    return [*_actors(), *events]


@settings(max_examples=50, deadline=None)
@given(worlds(), st.sampled_from(["month", "week", "day"]), st.booleans(), st.floats(0.5, 50), st.randoms())
def test_index_is_bounded_and_order_free(
    objs: list[Object], window: str, rollup: bool, scale: float, rnd: random.Random
) -> None:
    result = escalation.run(Dataset.from_objects(objs), window=window, rollup=rollup, scale=scale)
    for row in result.rows:
        assert 0.0 <= row.index <= 10.0
        assert row.conflict >= 0 and row.cooperation >= 0
        assert row.rolled_up == bool(row.via)
    shuffled = list(objs)
    rnd.shuffle(shuffled)
    again = escalation.run(Dataset.from_objects(shuffled), window=window, rollup=rollup, scale=scale)
    assert again.to_json() == result.to_json()


def test_dataset_coding_first_fatalities_and_no_saturation_on_busy_months() -> None:
    from mideast_model.model import Metrics

    busy = [_event(i, f"2020-03-{1 + i % 28:02d}", B, A) for i in range(300)]  # 300 minor incidents
    deadly = [
        attrs.evolve(
            _event(900 + i, f"2020-03-{10 + i:02d}", A, C, EventKind.AIRSTRIKE), metrics=Metrics(fatalities_best=25)
        )
        for i in range(2)
    ]
    coded = attrs.evolve(_event(999, "2020-03-05", C, A), cameo="190", metrics=Metrics(goldstein=-2.0))
    result = escalation.run(Dataset.from_objects([*_actors(), *busy, *deadly, coded]))
    rows = {(r.actor, r.target): r for r in result.rows}
    assert rows[(B, A)].index < 10.0 and rows[(A, C)].index > rows[(B, A)].index
    scores = {s.event: s for s in result.scores}
    assert scores["event:999"].score == -2.0 and scores["event:999"].origin == "dataset"
    assert result.distribution()["share_at_or_above_9.5"] == 0.0


def test_year_only_events_are_spread_not_placed_mid_year() -> None:
    year = _event(1, "2018", B, A)
    result = escalation.run(Dataset.from_objects([*_actors(), year]))
    months = sorted(r.window for r in result.rows)
    assert months == [f"2018-{m:02d}" for m in range(1, 13)] and result.spread == ("event:001",)
    assert all(r.volume == pytest.approx(1 / 12, abs=0.01) for r in result.rows)
    vague = escalation.run(Dataset.from_objects([*_actors(), _event(2, "2018/2019", B, A)]))
    assert vague.rows == () and vague.too_vague == ("event:002",)


# Deaths per dyad: split by victim, one toll of several perpetrators shared, never counted twice.

US, UK, USMIL, UKMIL, COAL, KH = "actor:us", "actor:uk", "actor:us-mil", "actor:uk-mil", "actor:coal", "actor:kh"
GOV, MIL, PROT = "actor:gov", "actor:militias", "actor:protesters"


def _victim_world() -> list[Object]:
    from mideast_model.model import Casualties, CountRange

    taji = Event(
        id="event:taji",
        kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        when="2020-03-11",
        title="rockets on a base",
        participants=(
            Participant(KH, Role.INITIATOR),
            Participant(COAL, Role.TARGET),
            Participant(USMIL, Role.VICTIM),
            Participant(UKMIL, Role.VICTIM),
        ),
        casualties=(
            Casualties("American troops", USMIL, killed=CountRange.exactly(2)),
            Casualties("British soldier", UKMIL, killed=CountRange.exactly(1)),
            Casualties("coalition wounded", COAL, wounded=CountRange(13)),
        ),
    )
    crackdown = Event(
        id="event:crackdown",
        kind=EventKind.MASS_VIOLENCE,
        when="2019-11-15",
        title="protests suppressed",
        participants=(
            Participant(GOV, Role.INITIATOR),
            Participant(MIL, Role.INITIATOR),
            Participant(PROT, Role.VICTIM),
        ),
        casualties=(Casualties("protesters", PROT, killed=CountRange(601)),),
    )
    strike = Event(
        id="event:strike",
        kind=EventKind.AIRSTRIKE,
        when="2020-03-12",
        title="strikes on depots",
        participants=(Participant(US, Role.INITIATOR), Participant(KH, Role.TARGET), Participant(GOV, Role.VICTIM)),
        casualties=(
            Casualties("militiamen (no number)", KH),
            Casualties("servicemen", GOV, killed=CountRange.exactly(5)),
            Casualties("a civilian", None, killed=CountRange.exactly(1)),
        ),
    )
    return [
        Actor(id=US, name="US", kind=ActorKind.STATE),
        Actor(id=UK, name="UK", kind=ActorKind.STATE),
        Actor(id=USMIL, name="US military", kind=ActorKind.MILITARY),
        Actor(id=UKMIL, name="UK forces", kind=ActorKind.MILITARY),
        Actor(id=COAL, name="coalition", kind=ActorKind.IGO),
        Actor(id=KH, name="KH", kind=ActorKind.ARMED_GROUP),
        Actor(id=GOV, name="government", kind=ActorKind.STATE),
        Actor(id=MIL, name="militias", kind=ActorKind.ARMED_GROUP),
        Actor(id=PROT, name="protesters", kind=ActorKind.GROUP),
        Relation(id="rel:usmil", subject=USMIL, predicate=RelationPredicate.PART_OF, object=US),
        Relation(id="rel:ukmil", subject=UKMIL, predicate=RelationPredicate.PART_OF, object=UK),
        taji,
        crackdown,
        strike,
    ]


def test_deaths_go_to_the_dyad_of_their_victims() -> None:
    result = escalation.run(Dataset.from_objects(_victim_world()))
    rows = {(r.actor, r.target): r for r in result.rows}
    # 2 American and 1 British dead: 2 for KH → US, 1 for KH → UK, none for KH → coalition
    assert (rows[(KH, US)].fatalities, rows[(KH, US)].shared_fatalities) == (2, 0)
    assert (rows[(KH, UK)].fatalities, rows[(KH, UK)].shared_fatalities) == (1, 0)
    assert (rows[(KH, COAL)].fatalities, rows[(KH, COAL)].shared_fatalities) == (0, 0)
    # 5 servicemen of the government are its dyad's; the unnamed civilian is shared by both dyads
    assert (rows[(US, GOV)].fatalities, rows[(US, GOV)].shared_fatalities) == (5, 1)
    assert (rows[(US, KH)].fatalities, rows[(US, KH)].shared_fatalities) == (0, 1)
    # the severity (and the index) still uses each event's whole toll
    event = next(o for o in _victim_world() if isinstance(o, Event) and o.id == "event:taji")
    assert isinstance(event, Event)
    taji = escalation.event_severity(event)
    assert taji.fatalities == 3
    assert rows[(KH, US)].severity == rows[(KH, UK)].severity == pytest.approx(taji.severity)
    assert "5 (+1 shared)" in result.to_markdown()


def test_one_toll_of_two_perpetrators_is_counted_once() -> None:
    result = escalation.run(Dataset.from_objects(_victim_world()))
    rows = {(r.actor, r.target): r for r in result.rows}
    assert (rows[(GOV, PROT)].fatalities, rows[(GOV, PROT)].shared_fatalities) == (0, 601)
    assert (rows[(MIL, PROT)].fatalities, rows[(MIL, PROT)].shared_fatalities) == (0, 601)
    # dataset-wide: 3 + 601 + 6 deaths, each once; the rows' own deaths plus the shared ones add up to it
    assert result.fatalities_total == 610 and result.fatalities_shared == 602
    assert sum(r.fatalities for r in result.rows if not r.rolled_up) + result.fatalities_shared == 610
    doc = result.to_json()
    assert doc["fatalities_total"] == 610 and doc["dyads"][0]["shared_fatalities"] in (0, 1, 601)
    assert "each event's toll once: 610" in result.to_markdown()


def test_a_single_dyad_keeps_its_whole_toll() -> None:
    from mideast_model.model import Casualties, CountRange, Metrics

    lump = attrs.evolve(_event(1, "2020-03-11", B, A), metrics=Metrics(fatalities_best=7))
    named = attrs.evolve(
        _event(2, "2020-03-12", B, C), casualties=(Casualties("elsewhere", A, killed=CountRange.exactly(4)),)
    )
    result = escalation.run(Dataset.from_objects([*_actors(), lump, named]))
    rows = {(r.actor, r.target): r for r in result.rows}
    assert (rows[(B, A)].fatalities, rows[(B, C)].fatalities) == (7, 4)  # one dyad: its own, not shared
    assert result.fatalities_total == 11 and result.fatalities_shared == 0
