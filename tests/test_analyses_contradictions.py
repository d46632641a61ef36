"""Tests of the ``contradictions`` analysis: every kind of finding, symmetry, no all-pairs work."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mideast_model.analyses import contradictions
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
    Relation,
    RelationPredicate,
    Source,
    SourceKind,
    Stance,
    TimeSpan,
)

IRAN, KH, US, E = "actor:iran", "actor:kh", "actor:us", "event:taji"


def _base() -> list[Object]:
    return [
        Source(id="source:nyt", title="NYT", kind=SourceKind.NEWS_REPORT),
        Source(id="source:prog", title="Progressive", kind=SourceKind.NEWS_REPORT),
        Actor(id=IRAN, name="Iran", kind=ActorKind.STATE),
        Actor(id=KH, name="KH", kind=ActorKind.ARMED_GROUP),
        Actor(id=US, name="US", kind=ActorKind.STATE),
        Event(id=E, kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK, when="2020-03-11", title="Taji"),
    ]


def _claim(
    i: str, subject: str, predicate: Predicate, obj: str | None = None, source: str = "source:nyt", **kw: Any
) -> Claim:
    return Claim(id=f"claim:{i}", source=source, subject=subject, predicate=predicate, object=obj, **kw)


def _kinds(*claims: Object) -> dict[str, list[tuple[str, ...]]]:
    result = contradictions.run(Dataset.from_objects([*_base(), *claims]))
    out: dict[str, list[tuple[str, ...]]] = {}
    for f in result.findings:
        out.setdefault(f.kind, []).append(f.claims)
    return out


def test_opposed_and_disputed_stances() -> None:
    found = _kinds(
        _claim("a", IRAN, Predicate.CONTROLS, KH),
        _claim("b", IRAN, Predicate.CONTROLS, KH, "source:prog", stance=Stance.DENIES, speaker=US),
        _claim("c", IRAN, Predicate.CONTROLS, KH, stance=Stance.HEDGES),
    )
    assert found == {"opposed": [("claim:a", "claim:b")], "disputed": [("claim:a", "claim:c")]}


def test_incompatible_values() -> None:
    count = {"value": ClaimValue(count=CountRange.exactly(1))}
    two = {"value": ClaimValue(count=CountRange.exactly(2))}
    some = {"value": ClaimValue(count=CountRange(1, 3))}
    found = _kinds(
        _claim("a", US, Predicate.COUNT, attribute="carriers", **count),
        _claim("b", US, Predicate.COUNT, attribute="carriers", source="source:prog", **two),
        _claim("c", US, Predicate.COUNT, attribute="carriers", **some),
        _claim("m1", E, Predicate.METHOD, value=ClaimValue(text="airstrike by warplanes")),
        _claim("m2", E, Predicate.METHOD, value=ClaimValue(text="Missile  strike")),
        _claim("m3", E, Predicate.METHOD, value=ClaimValue(text="missile strike")),
        _claim("d1", E, Predicate.DATE, value=ClaimValue(when=TimeSpan("2020-03-11"))),
        _claim("d2", E, Predicate.DATE, value=ClaimValue(when=TimeSpan("2020-03"))),
        _claim("s1", E, Predicate.STATES, value=ClaimValue(text="one thing")),
        _claim("s2", E, Predicate.STATES, value=ClaimValue(text="another thing")),
    )
    # the range 1–3 agrees with both; the dates overlap; free statements never clash
    assert found == {"values": [("claim:a", "claim:b"), ("claim:m1", "claim:m2", "claim:m3")]}


def test_exclusive_predicates_symmetric_ones_either_way() -> None:
    found = _kinds(
        _claim("a", US, Predicate.ALLIED_WITH, KH),
        _claim("b", KH, Predicate.HOSTILE_TO, US),
        _claim("c", US, Predicate.FAVOURS, attribute="course", value=ClaimValue(text="escalation")),
        _claim("d", US, Predicate.OPPOSES, attribute="course", value=ClaimValue(text="Escalation")),
        _claim("e", US, Predicate.OPPOSES, attribute="course", value=ClaimValue(text="diplomacy")),
    )
    assert found == {"exclusive": [("claim:a", "claim:b"), ("claim:c", "claim:d")]}


def test_attribution_through_a_proxy() -> None:
    blame = _claim("kh", KH, Predicate.RESPONSIBLE_FOR, E, "source:prog")
    doubt = _claim("iran", IRAN, Predicate.ORDERED, E, stance=Stance.HEDGES, confidence=0.3)
    relation = Relation(id="rel:b", subject=IRAN, predicate=RelationPredicate.BACKS, object=KH)
    assert _kinds(blame, doubt, relation) == {"proxy": [("claim:iran", "claim:kh")]}
    assert _kinds(blame, doubt) == {}  # no backing known
    backing_claim = _claim("backs", IRAN, Predicate.CONTROLS, KH)
    assert _kinds(blame, doubt, backing_claim) == {"proxy": [("claim:iran", "claim:kh")]}
    finding = contradictions.run(Dataset.from_objects([*_base(), blame, doubt, relation])).findings[0]
    assert finding.sources == ("source:nyt", "source:prog") and "backed by actor:iran" in finding.reason


PREDICATES = [
    Predicate.CONTROLS,
    Predicate.COUNT,
    Predicate.METHOD,
    Predicate.ALLIED_WITH,
    Predicate.HOSTILE_TO,
    Predicate.RESPONSIBLE_FOR,
    Predicate.ORDERED,
    Predicate.BACKS,
]


@st.composite
def claim_sets(draw: st.DrawFn) -> list[Claim]:
    claims = []
    for i in range(draw(st.integers(0, 25))):
        predicate = draw(st.sampled_from(PREDICATES))
        subject = draw(st.sampled_from([IRAN, KH, US]))
        obj = E if predicate in (Predicate.RESPONSIBLE_FOR, Predicate.ORDERED) else None
        value = None
        if predicate is Predicate.COUNT:
            low = draw(st.integers(0, 4))
            value = ClaimValue(count=CountRange(low, low + draw(st.integers(0, 2))))
        elif predicate is Predicate.METHOD:
            value = ClaimValue(text=draw(st.sampled_from(["missile", "drone", "Missile"])))
        elif obj is None:
            obj = draw(st.sampled_from([IRAN, KH, US]))
        claims.append(
            _claim(
                f"{i:03d}",
                subject,
                predicate,
                obj,
                draw(st.sampled_from(["source:nyt", "source:prog"])),
                value=value,
                stance=draw(st.sampled_from(list(Stance))),
            )
        )
    return claims


@settings(max_examples=50, deadline=None)
@given(claim_sets(), st.randoms())
def test_findings_do_not_depend_on_claim_order_or_names(claims: list[Claim], rnd: random.Random) -> None:
    relation = Relation(id="rel:b", subject=IRAN, predicate=RelationPredicate.BACKS, object=KH)
    base = contradictions.run(Dataset.from_objects([*_base(), relation, *claims]))
    for finding in base.findings:
        assert list(finding.claims) == sorted(finding.claims) and len(finding.claims) >= 2
    # rename claims so that their id order is reversed: findings must map onto each other
    names = [c.id for c in claims]
    renamed = dict(zip(names, reversed([f"claim:r{i:03d}" for i in range(len(names))]), strict=True))
    shuffled = [Claim(**{**_fields(c), "id": renamed[c.id]}) for c in claims]
    rnd.shuffle(shuffled)
    again = contradictions.run(Dataset.from_objects([*_base(), relation, *shuffled]))
    back = {v: k for k, v in renamed.items()}
    assert sorted((f.kind, tuple(sorted(back[c] for c in f.claims))) for f in again.findings) == sorted(
        (f.kind, f.claims) for f in base.findings
    )


def _fields(claim: Claim) -> dict[str, Any]:
    import attrs

    return attrs.asdict(claim, recurse=False)
