"""Tests of the ``timeline`` analysis: tiers never contradict the certain order of spans."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from mideast_model.analyses import timeline
from mideast_model.dataset import Dataset
from mideast_model.model import Actor, ActorKind, Claim, Event, EventKind, Predicate, Source, SourceKind

EDTF = st.sampled_from(
    [
        "2020-03-11",
        "2020-03-12",
        "2020-03",
        "2020-03-14",
        "2020-03-11~",
        "2020-02/2020-03",
        "2019",
        "2020-03-17",
        "2020-01-03",
        "2020-03-11/2020-03-13",
        "2020-03-13?",
        "../2020-03-01",
        "2020-03-20/..",
    ]
)


def _events(spans: list[str]) -> list[Event]:
    return [Event(id=f"event:{i:02d}", kind=EventKind.OTHER, when=s, title=f"e{i}") for i, s in enumerate(spans)]


def test_overlapping_events_share_a_tier_and_ordered_ones_do_not() -> None:
    events = _events(["2020-03-11", "2020-03", "2020-03-12", "2020-04-01"])
    result = timeline.run(Dataset.from_objects(events))
    tier = {e.event: t.index for t in result.tiers for e in t.entries}
    assert tier["event:00"] == tier["event:01"] == 1  # 11 March lies inside March
    assert tier["event:02"] == 2  # after 11 March, though inside March
    assert tier["event:03"] == 3
    assert [t.index for t in result.tiers] == [1, 2, 3]


def test_entries_carry_claims_and_sources() -> None:
    objs = [
        Source(id="source:s", title="S", kind=SourceKind.NEWS_REPORT),
        Actor(id="actor:a", name="A", kind=ActorKind.STATE),
        *_events(["2020-03-11"]),
        Claim(id="claim:1", source="source:s", subject="event:00", predicate=Predicate.OCCURRED),
        Claim(
            id="claim:2", source="source:s", subject="actor:a", predicate=Predicate.RESPONSIBLE_FOR, object="event:00"
        ),
    ]
    entry = timeline.run(Dataset.from_objects(objs)).tiers[0].entries[0]
    assert entry.claims == ("claim:1", "claim:2")
    assert entry.sources == ("source:s",)
    out = timeline.run(Dataset.from_objects(objs)).to_json()
    assert out["tiers"][0]["events"][0]["claims"] == ["claim:1", "claim:2"]


@settings(max_examples=100, deadline=None)
@given(st.lists(EDTF, min_size=1, max_size=16), st.randoms())
def test_tiers_respect_certain_order_and_input_order(spans: list[str], rnd: random.Random) -> None:
    events = _events(spans)
    result = timeline.run(Dataset.from_objects(events))
    tier = {e.event: t.index for t in result.tiers for e in t.entries}
    by_id = {e.id: e for e in events}
    for a in events:
        for b in events:
            if a.when.before(b.when):
                assert tier[a.id] < tier[b.id]
            if tier[a.id] == tier[b.id]:
                assert not a.when.before(b.when)
    assert sorted(tier) == sorted(by_id)
    for b in events:  # the definition: one more than the highest tier of the events certainly before it
        assert tier[b.id] == 1 + max((tier[a.id] for a in events if a.when.before(b.when)), default=0)
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert timeline.run(Dataset.from_objects(shuffled)).to_json() == result.to_json()
