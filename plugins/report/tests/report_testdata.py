"""Test data of the report plugin: a hostile dataset, a synthetic large one, the Chromium to use."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
    Participant,
    Place,
    Predicate,
    Relation,
    RelationPredicate,
    Reliability,
    Role,
    Source,
    SourceKind,
    Stance,
)

OUTPUT = Path(__file__).parent / "output"


#: What a hostile dataset carries in every string it can: each would run, load or break out if not escaped.
SCRIPT = "<script>window.__pwned=1;alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned=1;alert('img')\">"
JS_URL = "javascript:window.__pwned=1;alert('url')"
CDATA = '"]]><script>window.__pwned=1</script><![CDATA['
STYLE = '</style><svg onload="window.__pwned=1"></svg>'
SVG = "<svg><script>window.__pwned=1</script></svg>"
MATH = "$\\frac{a}{b}$ {{ 7*7 }} {% raw %} | *bold* [link](javascript:alert(1)) `code`"
PAYLOADS = (SCRIPT, IMG, JS_URL, CDATA, STYLE, SVG, MATH)


def network_available() -> bool:
    """Whether the ``network`` analysis (mideast-model-dynamics) is loaded; without it that section is a notice."""
    from mideast_model import plugins

    return "network" in plugins.analyses()


def chromium_path() -> str | None:
    """The Chromium executable, or ``None`` (browser tests are skipped then)."""
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def hostile_dataset() -> Dataset:
    """A small, valid dataset whose every string (names, titles, quotes, ids, URLs) is an attack."""
    a1 = Actor(
        id='actor:"><img/src=x/onerror=window.__pwned=1>',
        name=f"Militia {SCRIPT}",
        kind=ActorKind.ARMED_GROUP,
        aliases=(IMG,),
        description=CDATA,
    )
    a2 = Actor(id="actor:state", name=f"State {IMG}", kind=ActorKind.STATE, country="IRQ", description=STYLE)
    a3 = Actor(id="actor:backer", name=f"Backer {CDATA}", kind=ActorKind.STATE, country="IRN")
    speaker = Actor(id="actor:speaker", name=f"Spokesman {SVG}", kind=ActorKind.PERSON)
    s1 = Source(
        id="source:one",
        title=f"Report {SCRIPT}",
        kind=SourceKind.NEWS_REPORT,
        publisher=f"Daily {IMG}",
        authors=(CDATA,),
        published="2020-03-27",
        url=JS_URL,
        reliability=Reliability.B,
    )
    s2 = Source(
        id="source:two",
        title=f"Analysis {STYLE}",
        kind=SourceKind.ANALYSIS,
        publisher=f"Weekly {MATH}",
        published="2020-03-26",
        url="https://example.org/report?a=1&b=2",
        reliability=Reliability.C,
        derived_from=("source:three",),
    )
    s3 = Source(
        id="source:three",
        title=f"Interview {SVG}",
        kind=SourceKind.INTERVIEW,
        publisher=f"Daily {IMG}",
        published="2020-03",
        url="data:text/html,<script>window.__pwned=1</script>",
    )
    s4 = Source(
        id="source:four",
        title="Wire",
        kind=SourceKind.NEWS_REPORT,
        publisher="Wire",
        url='https://example.org/"><script>window.__pwned=1</script>',
    )
    e1 = Event(
        id="event:<script>alert(1)</script>",
        kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        when="2020-03-11",
        title=f"Rockets {SCRIPT}",
        summary=f"Summary {IMG} {CDATA}",
        place=Place(name=f"Camp {IMG}", country="IRQ"),
        participants=(Participant(a1.id, Role.INITIATOR), Participant(a2.id, Role.TARGET)),
    )
    e2 = Event(
        id="event:strike",
        kind=EventKind.AIRSTRIKE,
        when="2020-03-12",
        title=f"Strike {CDATA}",
        summary=STYLE,
        participants=(Participant(a2.id, Role.INITIATOR), Participant(a1.id, Role.TARGET)),
    )
    e3 = Event(
        id="event:more",
        kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        when="2020-03~",
        title=f"More {MATH}",
        participants=(Participant(a1.id, Role.INITIATOR), Participant(a2.id, Role.TARGET)),
    )
    claims = [
        Claim(
            id="claim:<img/src=x/onerror=window.__pwned=1>",
            source=s1.id,
            subject=e1.id,
            predicate=Predicate.OCCURRED,
            quote=SCRIPT,
            evidence=IMG,
            speaker=speaker.id,
        ),
        Claim(
            id="claim:two-occurred",
            source=s2.id,
            subject=e1.id,
            predicate=Predicate.OCCURRED,
            quote=CDATA,
            evidence=STYLE,
        ),
        Claim(
            id="claim:blame",
            source=s1.id,
            subject=a1.id,
            predicate=Predicate.RESPONSIBLE_FOR,
            object=e1.id,
            kind=ClaimKind.ATTRIBUTION,
            quote=SVG,
            evidence=MATH,
        ),
        Claim(
            id="claim:no-blame",
            source=s2.id,
            subject=a1.id,
            predicate=Predicate.RESPONSIBLE_FOR,
            object=e1.id,
            stance=Stance.DENIES,
            kind=ClaimKind.ATTRIBUTION,
            quote=JS_URL,
            evidence=SCRIPT,
            speaker=speaker.id,
        ),
        Claim(
            id="claim:count-1",
            source=s1.id,
            subject=e1.id,
            predicate=Predicate.COUNT,
            attribute=f"killed {IMG}",
            value=ClaimValue(count=CountRange.exactly(2, text=SCRIPT)),
            evidence=CDATA,
        ),
        Claim(
            id="claim:count-2",
            source=s2.id,
            subject=e1.id,
            predicate=Predicate.COUNT,
            attribute=f"killed {IMG}",
            value=ClaimValue(count=CountRange.exactly(5)),
            evidence=IMG,
        ),
        Claim(
            id="claim:method-1",
            source=s1.id,
            subject=e2.id,
            predicate=Predicate.METHOD,
            value=ClaimValue(text=f"warplanes {SCRIPT}"),
            evidence=SVG,
        ),
        Claim(
            id="claim:method-2",
            source=s2.id,
            subject=e2.id,
            predicate=Predicate.METHOD,
            value=ClaimValue(text=f"missiles {IMG}"),
            evidence=STYLE,
        ),
        Claim(id="claim:backs", source=s2.id, subject=a3.id, predicate=Predicate.BACKS, object=a1.id, evidence=SCRIPT),
        Claim(
            id="claim:course",
            source=s2.id,
            subject=s2.id,
            predicate=Predicate.FAVOURS,
            attribute="course",
            value=ClaimValue(text="diplomacy"),
            kind=ClaimKind.RECOMMENDATION,
            evidence=MATH,
        ),
        Claim(
            id="claim:course-1",
            source=s1.id,
            subject=s1.id,
            predicate=Predicate.FAVOURS,
            attribute="course",
            value=ClaimValue(text="escalation"),
            kind=ClaimKind.RECOMMENDATION,
            evidence=JS_URL,
        ),
        Claim(id="claim:strike", source=s1.id, subject=e2.id, predicate=Predicate.OCCURRED, quote=MATH),
        Claim(id="claim:more", source=s2.id, subject=e3.id, predicate=Predicate.OCCURRED, quote=SVG),
    ]
    relations = [
        Relation(
            id="relation:backs", subject=a3.id, predicate=RelationPredicate.BACKS, object=a1.id, description=SCRIPT
        ),
        Relation(
            id="relation:<hostile>", subject=a1.id, predicate=RelationPredicate.HOSTILE_TO, object=a2.id, role=IMG
        ),
    ]
    return Dataset.from_objects([a1, a2, a3, speaker, s1, s2, s3, s4, e1, e2, e3, *claims, *relations])
