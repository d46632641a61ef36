"""Tests of the ``perspectives`` analysis: voices, blame, courses, similarity, divergences."""

from __future__ import annotations

from typing import Any

import pytest

from mideast_model.analyses import perspectives
from mideast_model.dataset import Dataset
from mideast_model.model import (
    Actor,
    ActorKind,
    Claim,
    ClaimKind,
    ClaimValue,
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

E = "event:taji"


def _world() -> list[Object]:
    return [
        Source(id="source:hawk", title="Hawk", kind=SourceKind.NEWS_REPORT, authors=("Jane Hawk",)),
        Source(id="source:dove", title="Dove", kind=SourceKind.ANALYSIS),
        Actor(id="actor:usa", name="United States", kind=ActorKind.STATE, country="USA"),
        Actor(id="actor:iran", name="Iran", kind=ActorKind.STATE, country="IRN"),
        Actor(id="actor:dod", name="Pentagon", kind=ActorKind.GOVERNMENT_BODY, country="USA"),
        Actor(id="actor:sec", name="Secretary", kind=ActorKind.PERSON, country="USA"),
        Actor(id="actor:officials", name="American officials", kind=ActorKind.GROUP, country="USA"),
        Actor(id="actor:tank", name="Institute", kind=ActorKind.THINK_TANK),
        Actor(id="actor:analyst", name="Analyst", kind=ActorKind.PERSON, country="USA"),
        Actor(id="actor:iraqi", name="Iraqi MP", kind=ActorKind.PERSON, country="IRQ"),
        Actor(id="actor:kh", name="KH", kind=ActorKind.ARMED_GROUP, country="IRQ"),
        Actor(id="actor:hawk", name="Jane Hawk", kind=ActorKind.PERSON),
        Relation(id="rel:1", subject="actor:sec", predicate=RelationPredicate.LEADS, object="actor:dod"),
        Relation(id="rel:2", subject="actor:officials", predicate=RelationPredicate.MEMBER_OF, object="actor:usa"),
        Relation(id="rel:3", subject="actor:analyst", predicate=RelationPredicate.MEMBER_OF, object="actor:tank"),
        Event(id=E, kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK, when="2020-03-11", title="Taji"),
    ]


def _c(i: str, source: str, subject: str, predicate: Predicate, obj: str | None = None, **kw: Any) -> Claim:
    return Claim(id=f"claim:{i}", source=source, subject=subject, predicate=predicate, object=obj, **kw)


def _course(i: str, source: str, subject: str, predicate: Predicate, course: str, **kw: Any) -> Claim:
    return _c(i, source, subject, predicate, attribute="course", value=ClaimValue(text=course), **kw)


CLAIMS = [
    _c("h1", "source:hawk", "actor:kh", Predicate.RESPONSIBLE_FOR, E, speaker="actor:sec"),
    _c("h2", "source:hawk", "actor:iran", Predicate.ORDERED, E, speaker="actor:officials"),
    _course("h3", "source:hawk", "actor:hawk", Predicate.RECOMMENDS, "escalation"),
    _course("h4", "source:hawk", "actor:sec", Predicate.OPPOSES, "restraint"),
    _c("d1", "source:dove", "actor:iran", Predicate.ORDERED, E, stance=Stance.DENIES, speaker="actor:analyst"),
    _c("d2", "source:dove", "actor:kh", Predicate.RESPONSIBLE_FOR, E, speaker="actor:iraqi"),
    _course("d3", "source:dove", "source:dove", Predicate.RECOMMENDS, "diplomacy", speaker="actor:tank"),
    _course("d4", "source:dove", "actor:usa", Predicate.FAVOURS, "escalation", stance=Stance.HEDGES),
]


def test_profiles() -> None:
    result = perspectives.run(Dataset.from_objects([*_world(), *CLAIMS]))
    dove, hawk = result.profiles
    assert hawk.source == "source:hawk" and dove.source == "source:dove"
    assert dict(((s, c) for s, c, _ in hawk.voices)) == {"actor:sec": "us_officials", "actor:officials": "us_officials"}
    assert hawk.anonymous == 1
    assert dict(((s, c) for s, c, _ in dove.voices)) == {
        "actor:analyst": "independent_experts",
        "actor:iraqi": "iraqi",
        "actor:tank": "independent_experts",
    }
    # who *did* the attack is agency, not blame: attributions without an escalation attribute blame no one
    assert hawk.blame == {} and hawk.blamed_most is None
    assert dove.doubts == {"actor:iran": 0.8}
    # only the source's own voice sets its course; what it reports others favour is kept apart
    assert hawk.courses == {"escalation": 0.8} and hawk.leading_course == "escalation"
    assert hawk.reported_courses == {"restraint": {"actor:sec": -0.8}}
    assert dove.courses == {"diplomacy": 0.8} and dove.leading_course == "diplomacy"
    assert dove.reported_courses == {"escalation": {"actor:usa": 0.4}}


def _blame(i: str, source: str, subject: str, conf: float = 0.8, **kw: Any) -> Claim:
    return _c(i, source, subject, Predicate.RESPONSIBLE_FOR, attribute="escalation", confidence=conf, **kw)


def test_blame_by_camp_own_voice_and_quoted_apart() -> None:
    world = [
        *_world(),
        Relation(id="rel:backs", subject="actor:iran", predicate=RelationPredicate.BACKS, object="actor:kh"),
        Event(
            id="event:kill",
            kind=EventKind.ASSASSINATION,
            when="2020-01-03",
            title="strike",
            participants=(Participant("actor:dod", Role.INITIATOR), Participant("actor:iran", Role.TARGET)),
        ),
    ]
    claims = [
        _blame("b1", "source:dove", "actor:usa", evidence="The US escalated."),
        _blame("b2", "source:dove", "actor:kh", 0.4),  # a militia stays itself: blaming it is not blaming Iran
        _blame("b3", "source:dove", "actor:iran", 0.8, speaker="actor:analyst"),  # quoted: apart, not the stance
        _c(
            "f1",
            "source:dove",
            "event:kill",
            Predicate.STATES,
            attribute="framing",
            value=ClaimValue(text="assassination"),
            evidence="the assassination",
        ),
        _blame("h1", "source:hawk", "actor:iran", 0.8, evidence="Iran provoked it."),
        _blame("h2", "source:hawk", "actor:usa", 0.6, evidence="The US provoked it."),
        _blame("h3", "source:hawk", "actor:iran", 0.8, evidence="Iran escalated."),
        _blame("h4", "source:hawk", "actor:usa", 0.6, evidence="The US escalated."),
    ]
    result = perspectives.run(Dataset.from_objects([*world, *claims]))
    dove, hawk = result.profiles
    assert dove.blame_own == {"actor:kh": 0.4, "actor:usa": 1.2}  # 0.8 + framing 0.5 * 0.8
    assert dove.blame_quoted == {"actor:iran": 0.8}
    # the stance is the own voice only: the quoted analyst's blame of Iran does not count in it
    assert dove.blame == {"actor:kh": 0.4, "actor:usa": 1.2} and dove.blamed_most == "actor:usa"
    assert hawk.blamed_most == "both" and hawk.blamed_pair == ("actor:iran", "actor:usa")
    assert {r.basis for r in dove.blame_reasons} == {"responsibility", "framing"}
    assert dove.framing == {"event:kill": ("assassination",)}
    only_us = perspectives.run(Dataset.from_objects([*world, claims[0], claims[3]])).profiles
    assert only_us[0].blamed_most == "actor:usa"


def test_a_quoted_voice_is_not_the_outlets_stance_nor_a_proxy_its_backer() -> None:
    """A news report quoting an official blaming a militia does not itself blame the militia's backer.

    The outlet's stance comes from its own voice (no speaker); one own sentence is a mention,
    not a stance; blame of a proxy stays with the proxy unless the outlet blames the backer itself.
    """
    world = [
        *_world(),
        Relation(id="rel:backs", subject="actor:iran", predicate=RelationPredicate.BACKS, object="actor:kh"),
    ]
    quoted = [
        _blame("q1", "source:hawk", "actor:kh", 0.8, speaker="actor:sec", quote="You don't get to kill Americans"),
        _blame("q2", "source:hawk", "actor:kh", 0.8, speaker="actor:sec", quote="They will pay"),
        _blame("q3", "source:hawk", "actor:kh", 0.8, speaker="actor:officials", evidence="officials said KH did it"),
    ]
    hawk = perspectives.run(Dataset.from_objects([*world, *quoted])).profiles[0]
    assert hawk.blamed_most is None and hawk.blame == {}  # was "actor:iran": quoted voices, folded into the backer
    assert hawk.blame_quoted == {"actor:kh": 2.4}
    own = [
        _blame("o1", "source:hawk", "actor:kh", 0.8, evidence="KH has threatened more attacks."),
        _blame("o2", "source:hawk", "actor:kh", 0.8, evidence="KH fired the rockets, a provocation."),
    ]
    hawk = perspectives.run(Dataset.from_objects([*world, *quoted, *own])).profiles[0]
    assert hawk.blamed_most == "actor:kh"  # its own two sentences: the militia, not Iran
    one = [_blame("i1", "source:hawk", "actor:iran", 0.8, evidence="Iran has long used militias as proxies.")]
    hawk = perspectives.run(Dataset.from_objects([*world, *quoted, *one, own[0]])).profiles[0]
    assert hawk.blame_own == {"actor:iran": 0.8, "actor:kh": 0.8}
    assert hawk.blamed_most is None  # one sentence each: background, not a stance
    backer = [*one, _blame("i2", "source:hawk", "actor:iran", 0.8, evidence="Iran ordered the attack.")]
    hawk = perspectives.run(Dataset.from_objects([*world, *quoted, *backer])).profiles[0]
    assert hawk.blamed_most == "actor:iran"  # the outlet itself blames the backer


def test_voices_are_not_the_authors_own_sentences() -> None:
    """A speaker without a direct quote is a voice only when the passage reports their speech."""
    world = _world()
    sentence = "Leaders in Washington and Tehran say they don't want a war, but they are playing a dangerous game."
    claims = [
        # the author characterises the leaders and judges them in one sentence: the author's voice
        _course(
            "v1", "source:dove", "actor:iran", Predicate.OPPOSES, "escalation", speaker="actor:iran", evidence=sentence
        ),
        _course(
            "v2", "source:dove", "actor:usa", Predicate.OPPOSES, "escalation", speaker="actor:usa", evidence=sentence
        ),
        _blame("v3", "source:dove", "actor:iran", 0.5, evidence=sentence, kind=ClaimKind.ASSESSMENT),
        # a whole sentence narrating an act, no word of speech: the author's voice
        _c(
            "v4",
            "source:dove",
            "actor:usa",
            Predicate.CONTROLS,
            "actor:kh",
            speaker="actor:usa",
            evidence="Washington portrays these militias as tools of Iran.",
        ),
        # reported speech, a fragment and a direct quote: voices
        _c(
            "v5",
            "source:dove",
            "actor:kh",
            Predicate.RESPONSIBLE_FOR,
            E,
            speaker="actor:officials",
            evidence="American officials said KH fired the rockets.",
        ),
        _c(
            "v6",
            "source:dove",
            "actor:kh",
            Predicate.THREATENS,
            speaker="actor:sec",
            evidence="or else we will retaliate.",
        ),
        _c(
            "v7",
            "source:dove",
            "actor:iraqi",
            Predicate.STATES,
            speaker="actor:iraqi",
            quote="We are not a battlefield",
        ),
    ]
    dove = perspectives.run(Dataset.from_objects([*world, *claims])).profiles[0]
    assert dict((s, n) for s, _, n in dove.voices) == {"actor:officials": 1, "actor:sec": 1, "actor:iraqi": 1}
    assert dove.categories["iranian"] == 0 and dove.categories["us_officials"] == 2
    # the leaders' stated course is kept apart from the author's account, never netted with it
    assert dove.stated_courses == {"escalation": {"actor:iran": -0.8, "actor:usa": -0.8}}
    assert dove.reported_courses == {}


def test_similarity_and_divergences() -> None:
    result = perspectives.run(Dataset.from_objects([*_world(), *CLAIMS]))
    sim = result.similarity
    assert sim["source:hawk"]["source:hawk"] == pytest.approx(1.0)
    assert sim["source:hawk"]["source:dove"] == sim["source:dove"]["source:hawk"]
    assert 0.0 <= sim["source:hawk"]["source:dove"] < 0.9
    diverging = {d.proposition[:3]: d.readings for d in result.divergences}
    assert diverging == {("actor:iran", "ordered", E): {"source:dove": ("denies",), "source:hawk": ("asserts",)}}
    assert "source:hawk" in result.to_markdown()
