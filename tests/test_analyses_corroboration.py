"""Tests of the ``corroboration`` analysis: origin groups and the Admiralty 1–6 grades."""

from __future__ import annotations

from typing import Any

from mideast_model.analyses import corroboration
from mideast_model.dataset import Dataset
from mideast_model.model import (
    Actor,
    ActorKind,
    Claim,
    ClaimValue,
    CountRange,
    Event,
    EventKind,
    Object,
    Predicate,
    Reliability,
    Source,
    SourceKind,
    Stance,
)

E = "event:taji"


def _sources() -> list[Object]:
    return [
        Source(id="source:wire", title="Wire", kind=SourceKind.NEWS_REPORT, reliability=Reliability.B),
        Source(
            id="source:reprint",
            title="Reprint",
            kind=SourceKind.NEWS_REPORT,
            reliability=Reliability.B,
            derived_from=("source:wire",),
        ),
        Source(
            id="source:copy",
            title="Copy of the reprint",
            kind=SourceKind.NEWS_REPORT,
            reliability=Reliability.C,
            derived_from=("source:reprint",),
        ),
        Source(id="source:a", title="A", kind=SourceKind.NEWS_REPORT, reliability=Reliability.A),
        Source(id="source:b", title="B", kind=SourceKind.ANALYSIS, reliability=Reliability.B),
        Source(id="source:d", title="D", kind=SourceKind.OPINION, reliability=Reliability.D),
        Source(id="source:f", title="F", kind=SourceKind.OTHER),
        Actor(id="actor:kh", name="KH", kind=ActorKind.ARMED_GROUP),
        Event(id=E, kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK, when="2020-03-11", title="Taji"),
    ]


def _killed(i: str, source: str, n: int, **kw: Any) -> Claim:
    return Claim(
        id=f"claim:{i}",
        source=source,
        subject=E,
        predicate=Predicate.COUNT,
        attribute="killed",
        value=ClaimValue(count=CountRange.exactly(n)),
        **kw,
    )


def _grades(*claims: Claim) -> dict[str, int]:
    result = corroboration.run(Dataset.from_objects([*_sources(), *claims]))
    return {g.claim: g.grade for g in result.claims}


def test_derived_sources_count_once() -> None:
    origins = corroboration.origin_groups(Dataset.from_objects(_sources()))
    assert origins["source:wire"] == origins["source:reprint"] == origins["source:copy"]
    assert len(set(origins.values())) == 5
    grades = _grades(_killed("w", "source:wire", 3), _killed("r", "source:reprint", 3), _killed("c", "source:copy", 3))
    assert set(grades.values()) == {3}  # three sources, one origin: single source


def test_grades_follow_the_documented_rule() -> None:
    assert _grades(_killed("1", "source:a", 3), _killed("2", "source:b", 3), _killed("3", "source:wire", 3)) == {
        "claim:1": 1,
        "claim:2": 1,
        "claim:3": 1,
    }
    assert _grades(_killed("1", "source:a", 3), _killed("2", "source:b", 3)) == {"claim:1": 2, "claim:2": 2}
    assert _grades(_killed("1", "source:a", 3)) == {"claim:1": 3}
    assert _grades(_killed("1", "source:d", 3)) == {"claim:1": 4}
    assert _grades(_killed("1", "source:a", 3, stance=Stance.HEDGES)) == {"claim:1": 4}
    assert _grades(_killed("1", "source:f", 3)) == {"claim:1": 6}
    # two independent groups say 2, one says 3: no head count — the 3 is doubtful, never improbable,
    # and the 2s, supported but opposed, are possibly true
    assert _grades(_killed("1", "source:a", 3), _killed("2", "source:b", 2), _killed("3", "source:wire", 2)) == {
        "claim:1": 4,
        "claim:2": 3,
        "claim:3": 3,
    }
    # a denial by one group against one assertion: doubtful, not improbable
    assert _grades(_killed("1", "source:a", 3), _killed("2", "source:b", 3, stance=Stance.DENIES)) == {
        "claim:1": 4,
        "claim:2": 4,
    }


def test_propositions_events_and_single_source() -> None:
    claims = [
        _killed("1", "source:a", 3),
        _killed("2", "source:b", 3),
        _killed("3", "source:reprint", 3),
        Claim(id="claim:occ", source="source:a", subject=E, predicate=Predicate.OCCURRED),
        Claim(id="claim:no", source="source:d", subject=E, predicate=Predicate.OCCURRED, stance=Stance.DENIES),
        Claim(id="claim:kh", source="source:copy", subject="actor:kh", predicate=Predicate.RESPONSIBLE_FOR, object=E),
    ]
    result = corroboration.run(Dataset.from_objects([*_sources(), *claims]))
    prop = next(p for p in result.propositions if p.key[1] == "count")
    # the wire's group is named by its least member that makes claims
    assert prop.supporting == ("source:a", "source:b", "source:copy") and prop.agreement == 1.0
    event = result.events[0]
    assert event.key == (E,) and event.disputing == ("source:d",)
    assert event.supporting == ("source:a", "source:b", "source:copy")
    assert event.agreement == 0.5
    assert result.single_source == ("claim:kh", "claim:no", "claim:occ")
    assert result.to_json()["events"][0]["event"] == E
