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
    ClaimKind,
    ClaimValue,
    CountRange,
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


def _own(*claims: Object) -> list[tuple[str, ...]]:
    return [f.claims for f in contradictions.run(Dataset.from_objects([*_base(), *claims])).within_source]


def test_opposed_stances_only_across_sources_and_a_hedge_is_no_denial() -> None:
    found = _kinds(
        _claim("a", IRAN, Predicate.CONTROLS, KH),
        _claim("b", IRAN, Predicate.CONTROLS, KH, "source:prog", stance=Stance.DENIES, speaker=US),
        _claim("c", IRAN, Predicate.CONTROLS, KH, stance=Stance.HEDGES),
    )
    assert found == {"contradiction": [("claim:a", "claim:b")]}
    # one source asserting and denying: a revision, never a finding
    same = (_claim("a", IRAN, Predicate.CONTROLS, KH), _claim("b", IRAN, Predicate.CONTROLS, KH, stance=Stance.DENIES))
    assert _kinds(*same) == {} and _own(*same) == [("claim:a", "claim:b")]


def test_incompatible_values_at_matching_time_and_scope() -> None:
    one = ClaimValue(count=CountRange.exactly(1), when=TimeSpan("2020-03"))
    two = ClaimValue(count=CountRange.exactly(2), when=TimeSpan("2020-03"))
    later = ClaimValue(count=CountRange.exactly(2), when=TimeSpan("2020-05"))
    found = _kinds(
        _claim("a", US, Predicate.COUNT, attribute="carriers", value=one),
        _claim("b", US, Predicate.COUNT, attribute="carriers", source="source:prog", value=two),
        _claim("k1", E, Predicate.COUNT, attribute="killed", value=ClaimValue(count=CountRange.exactly(3))),
        _claim(
            "k2", E, Predicate.COUNT, attribute="killed", source="source:prog", value=ClaimValue(count=CountRange(1, 3))
        ),
        _claim(
            "k3", E, Predicate.COUNT, attribute="killed", source="source:prog", value=ClaimValue(count=CountRange(5, 9))
        ),
        _claim("m1", E, Predicate.METHOD, value=ClaimValue(text="airstrike by warplanes")),
        _claim("m2", E, Predicate.METHOD, source="source:prog", value=ClaimValue(text="Missile  strike")),
        _claim("d1", E, Predicate.DATE, value=ClaimValue(when=TimeSpan("2020-03-11"))),
        _claim("d2", E, Predicate.DATE, source="source:prog", value=ClaimValue(when=TimeSpan("2020-03"))),
        _claim("s1", E, Predicate.STATES, value=ClaimValue(text="one thing")),
        _claim("s2", E, Predicate.STATES, source="source:prog", value=ClaimValue(text="another thing")),
    )
    # airstrike by warplanes vs missile strike: both hold (warplanes fire missiles), not a finding
    assert found == {"contradiction": [("claim:a", "claim:b"), ("claim:k1", "claim:k3")]}
    # different times (March vs May), or a stock with no stated time: not compared
    assert (
        _kinds(
            _claim("a", US, Predicate.COUNT, attribute="carriers", value=one),
            _claim("b", US, Predicate.COUNT, attribute="carriers", source="source:prog", value=later),
            _claim("c", US, Predicate.COUNT, attribute="troops", value=ClaimValue(count=CountRange.exactly(1))),
            _claim(
                "d",
                US,
                Predicate.COUNT,
                attribute="troops",
                source="source:prog",
                value=ClaimValue(count=CountRange.exactly(9)),
            ),
        )
        == {}
    )


def test_method_taxonomy_and_framing_words() -> None:
    assert contradictions.method_relation("drone strike", "airstrike") == "compatible"
    assert contradictions.method_relation("missile strike", "strike by warplanes") == "overlap"
    assert contradictions.method_relation("air strike", "ground raid") == "different"
    assert contradictions.method_relation("assassination", "drone strike") == "unknown"
    framed = contradictions.run(
        Dataset.from_objects(
            [
                *_base(),
                _claim("f1", E, Predicate.METHOD, value=ClaimValue(text="drone strike")),
                _claim(
                    "f2",
                    E,
                    Predicate.STATES,
                    source="source:prog",
                    attribute="framing",
                    value=ClaimValue(text="assassination"),
                ),
                _claim("f3", E, Predicate.METHOD, source="source:prog", value=ClaimValue(text="assassination")),
            ]
        )
    )
    assert framed.findings == () and [f.subject for f in framed.framings] == [E]


def test_exclusive_predicates_across_sources() -> None:
    found = _kinds(
        _claim("a", US, Predicate.ALLIED_WITH, KH),
        _claim("b", KH, Predicate.HOSTILE_TO, US, "source:prog"),
        _claim("c", US, Predicate.FAVOURS, attribute="course", value=ClaimValue(text="escalation")),
        _claim(
            "d", US, Predicate.OPPOSES, source="source:prog", attribute="course", value=ClaimValue(text="Escalation")
        ),
        _claim("e", US, Predicate.OPPOSES, attribute="course", value=ClaimValue(text="diplomacy")),
    )
    assert found == {"contradiction": [("claim:a", "claim:b"), ("claim:c", "claim:d")]}


def test_a_hedge_against_nobodys_assertion_is_no_dispute() -> None:
    # the militia did it; "no firm evidence that Iran ordered it": both hold (an uncertainty),
    # even though Iran backs or controls the militia
    blame = _claim("kh", KH, Predicate.RESPONSIBLE_FOR, E, "source:prog")
    doubt = _claim("iran", IRAN, Predicate.ORDERED, E, stance=Stance.HEDGES, confidence=0.3)
    relation = Relation(id="rel:b", subject=IRAN, predicate=RelationPredicate.BACKS, object=KH)
    assert _kinds(blame, doubt, relation) == {}
    assert _kinds(blame, doubt, _claim("backs", IRAN, Predicate.CONTROLS, KH)) == {}
    # nor a denial of the backer's order against the proxy's act
    denial = _claim("iran", IRAN, Predicate.ORDERED, E, stance=Stance.DENIES, confidence=0.9)
    assert _kinds(blame, denial, relation) == {}
    # several actors blamed for one event may share it: no dispute
    assert _kinds(blame, _claim("us", US, Predicate.RESPONSIBLE_FOR, E)) == {}


def test_an_attribution_asserted_and_denied_or_contested_is_disputed() -> None:
    says = _claim("says", IRAN, Predicate.ORDERED, E, "source:prog", confidence=0.8)
    denies = _claim("no", IRAN, Predicate.ORDERED, E, stance=Stance.DENIES, confidence=0.9)
    found = contradictions.run(Dataset.from_objects([*_base(), says, denies])).findings
    assert [(f.kind, f.severity, f.claims) for f in found] == [
        ("disputed_attribution", "medium", ("claim:no", "claim:says"))
    ]
    assert found[0].sources == ("source:nyt", "source:prog") and "Denied" in found[0].reason
    assert found[0].evidence and "denied" in found[0].evidence
    assert {p.claim for p in found[0].passages} == {"claim:no", "claim:says"}
    # a hedge that contests an actual assertion: a dispute, of low severity
    hedge = _claim("hedge", IRAN, Predicate.ORDERED, E, stance=Stance.HEDGES, confidence=0.3)
    found = contradictions.run(Dataset.from_objects([*_base(), says, hedge])).findings
    assert [(f.kind, f.severity, f.claims) for f in found] == [
        ("disputed_attribution", "low", ("claim:hedge", "claim:says"))
    ]


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


def test_a_toll_that_rose_days_later_is_an_update_not_a_contradiction() -> None:
    early = Source(id="source:day1", title="D1", kind=SourceKind.NEWS_REPORT, published="2020-03-11")
    late = Source(id="source:day5", title="D5", kind=SourceKind.NEWS_REPORT, published="2020-03-16")
    same_day = Source(id="source:day1b", title="D1b", kind=SourceKind.NEWS_REPORT, published="2020-03-11")
    three = ClaimValue(count=CountRange.exactly(3))
    five = ClaimValue(count=CountRange.exactly(5))
    claims = [
        _claim("a", E, Predicate.COUNT, source="source:day1", attribute="killed", value=three),
        _claim("b", E, Predicate.COUNT, source="source:day5", attribute="killed", value=five),
    ]
    assert _kinds(early, late, *claims) == {}
    clash = _claim("c", E, Predicate.COUNT, source="source:day1b", attribute="killed", value=five)
    assert _kinds(early, same_day, claims[0], clash) == {"contradiction": [("claim:a", "claim:c")]}


def test_fact_against_accusation_is_framing_not_a_finding() -> None:
    victim = Event(
        id="event:hit",
        kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        when="2020-03-11",
        title="hit",
        participants=(Participant(KH, Role.INITIATOR), Participant(US, Role.TARGET)),
    )
    own = _claim("own", KH, Predicate.RESPONSIBLE_FOR, "event:hit", evidence="KH rockets hit the base.")
    plain_quote = _claim(
        "q", KH, Predicate.RESPONSIBLE_FOR, "event:hit", "source:prog", speaker=US, evidence="KH fired, US said."
    )
    assert _kinds(victim, own, plain_quote) == {}
    accused = _claim(
        "acc",
        KH,
        Predicate.RESPONSIBLE_FOR,
        "event:hit",
        "source:prog",
        speaker=US,
        evidence="Officials accused KH.",
    )
    result = contradictions.run(Dataset.from_objects([*_base(), victim, own, accused]))
    assert result.findings == () and result.within_source == ()
    assert [(fr.subject, fr.aspect, [t[2] for t in fr.terms]) for fr in result.framings] == [
        ("event:hit", "attribution", ["claim:own", "claim:acc"])
    ]
    assert [t[1] for t in result.framings[0].terms] == ["as fact: KH", "as an accusation by US (“accused”): KH"]


def test_compatible_methods_are_framing_incompatible_ones_contradict() -> None:
    def run(x: str, y: str) -> contradictions.ContradictionsResult:
        return contradictions.run(
            Dataset.from_objects(
                [
                    *_base(),
                    _claim("m1", E, Predicate.METHOD, value=ClaimValue(text=x)),
                    _claim("m2", E, Predicate.METHOD, source="source:prog", value=ClaimValue(text=y)),
                ]
            )
        )

    for x, y in [
        ("airstrike by warplanes", "missile strike"),
        ("drone strike", "airstrike"),
        ("nighttime raids", "drone strike"),
        ("strike", "car bomb"),
    ]:
        compatible = run(x, y)
        assert compatible.findings == (), (x, y)
        assert [fr.subject for fr in compatible.framings] == [E], (x, y)
    for x, y in [("ground raid", "drone strike"), ("rockets", "car bomb")]:
        found = run(x, y)
        assert [(f.kind, f.severity) for f in found.findings] == [("contradiction", "medium")], (x, y)
        assert found.framings == ()


def test_a_lower_bound_over_a_figure_is_no_revision_nor_contradiction() -> None:
    figure = ClaimValue(count=CountRange.exactly(988))
    floor = ClaimValue(count=CountRange(989))  # "probably much higher than 988"
    official = _claim("official", E, Predicate.COUNT, attribute="death toll", value=figure)
    higher = _claim("higher", E, Predicate.COUNT, attribute="death toll", value=floor, stance=Stance.HEDGES)
    assert _own(official, higher) == [] and _kinds(official, higher) == {}
    # the same across sources, and unhedged "more than 988" against 988
    plain = _claim("more", E, Predicate.COUNT, source="source:prog", attribute="death toll", value=floor)
    assert _kinds(official, plain) == {}
    # a floor well above another source's exact figure, unhedged, still contradicts
    far_value = ClaimValue(count=CountRange(2000))
    far = _claim("far", E, Predicate.COUNT, source="source:prog", attribute="death toll", value=far_value)
    assert _kinds(official, far) == {"contradiction": [("claim:far", "claim:official")]}
    # two exact figures in one voice of one source: a revision
    other = _claim("other", E, Predicate.COUNT, attribute="death toll", value=ClaimValue(count=CountRange.exactly(990)))
    assert _own(official, other) == [("claim:official", "claim:other")]


def test_a_source_setting_a_quoted_view_against_its_own_is_no_revision() -> None:
    headline = _claim("drums", US, Predicate.FAVOURS, attribute="course", value=ClaimValue(text="escalation"))
    says = _claim("says", US, Predicate.OPPOSES, attribute="course", value=ClaimValue(text="escalation"), speaker=US)
    assert _own(headline, says) == [] and _kinds(headline, says) == {}
    analyst = _claim("no", IRAN, Predicate.CONTROLS, KH, stance=Stance.DENIES, speaker=KH)
    portrays = _claim("tools", IRAN, Predicate.CONTROLS, KH, speaker=US)
    assert _own(analyst, portrays) == []
    # the same speaker asserting and denying within one source is a revision
    again = _claim("again", IRAN, Predicate.CONTROLS, KH, speaker=US, stance=Stance.DENIES)
    assert _own(portrays, again) == [("claim:again", "claim:tools")]


def test_opposed_judgements_are_medium_an_opposed_fact_high() -> None:
    def severity(kind_a: ClaimKind, kind_b: ClaimKind) -> str:
        found = contradictions.run(
            Dataset.from_objects(
                [
                    *_base(),
                    _claim("a", IRAN, Predicate.CONTROLS, KH, kind=kind_a, confidence=0.9),
                    _claim(
                        "b",
                        IRAN,
                        Predicate.CONTROLS,
                        KH,
                        "source:prog",
                        kind=kind_b,
                        stance=Stance.DENIES,
                        confidence=0.8,
                    ),
                ]
            )
        ).findings
        assert len(found) == 1
        return found[0].severity

    assert severity(ClaimKind.ASSESSMENT, ClaimKind.ASSESSMENT) == "medium"
    assert severity(ClaimKind.ASSESSMENT, ClaimKind.ATTRIBUTION) == "medium"
    assert severity(ClaimKind.FACT, ClaimKind.ASSESSMENT) == "high"
