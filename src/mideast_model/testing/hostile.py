"""A hostile dataset and a killed export: shared checks for exporters.

:func:`make_hostile` builds a small dataset whose quotes, summaries and descriptions
carry ``=HYPERLINK(...)``, ``<script>``, ``]]>``, a newline and a control character;
every exporter must carry that text intact (CSV: defused) and produce valid output.
:func:`kill_export` runs ``mideast-model export`` in a subprocess and SIGKILLs it
while its temporary output exists, so a test can check that the target is either the
previous file or absent — never half written.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from mideast_model.dataset import Dataset
from mideast_model.model import Actor, Claim, Event, Relation, Source
from mideast_model.model.values import Casualties, ClaimValue, CountRange, ExternalId, Participant, Place
from mideast_model.model.vocab import (
    ActorKind,
    ClaimKind,
    Credibility,
    EventKind,
    Predicate,
    RelationPredicate,
    Reliability,
    Role,
    SourceKind,
    Stance,
)

#: The text every exporter must carry intact (CSV: defused), in quotes, summaries, descriptions.
HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> ]]> line one\nline two \x07 bell & "q"'


def make_hostile() -> Dataset:
    """Three actors, two sources, two events, three claims, two relations; hostile text throughout."""
    usa = Actor(
        "actor:usa",
        "United States",
        ActorKind.STATE,
        aliases=("US", "USA"),
        country="USA",
        external_ids=(ExternalId("wikidata", "Q30"),),
    )
    kh = Actor("actor:kataib-hezbollah", "Kataib Hezbollah", ActorKind.ARMED_GROUP, country="IRQ", description=HOSTILE)
    esper = Actor("actor:esper", "Mark Esper", ActorKind.PERSON, country="USA")
    nyt = Source(
        "source:nyt",
        "Pentagon split <b>",
        SourceKind.NEWS_REPORT,
        publisher="The New York Times",
        authors=("Helene Cooper",),
        published="2020-03-27",
        url="https://www.nytimes.com/x?a=1&b=<2>",
        reliability=Reliability.B,
    )
    cg = Source(
        "source:cg",
        "=Pandemic opening",
        SourceKind.ANALYSIS,
        publisher="Crisis Group",
        published="2020-03",
        derived_from=("source:nyt",),
    )
    taji = Event(
        "event:taji",
        EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        "2020-03-11",
        "Camp Taji attack",
        summary=HOSTILE,
        place=Place("Camp Taji", "IRQ", lat=33.52, lon=44.26),
        participants=(Participant("actor:kataib-hezbollah", Role.INITIATOR), Participant("actor:usa", Role.TARGET)),
        casualties=(
            Casualties(
                "American troops",
                "actor:usa",
                killed=CountRange.exactly(2),
                wounded=CountRange(12, 14, approximate=True, text="about a dozen"),
            ),
        ),
    )
    strikes = Event(
        "event:strikes",
        EventKind.AIRSTRIKE,
        "2020-03-12/2020-03-13",
        "US strikes on KH",
        participants=(Participant("actor:usa", Role.INITIATOR), Participant("actor:kataib-hezbollah", Role.TARGET)),
    )
    c1 = Claim(
        "claim:1",
        "source:nyt",
        "actor:kataib-hezbollah",
        Predicate.RESPONSIBLE_FOR,
        "event:taji",
        speaker="actor:esper",
        quote=HOSTILE,
        evidence="-1 +1 @x\tfoo",
        said="2020-03-12",
        credibility=Credibility.PROBABLY_TRUE,
        about=("event:strikes",),
        confidence=0.9,
        kind=ClaimKind.ATTRIBUTION,
    )
    c2 = Claim(
        "claim:2",
        "source:cg",
        "event:taji",
        Predicate.COUNT,
        attribute="killed",
        value=ClaimValue(count=CountRange.exactly(2)),
        offsets=(3, 10),
        machine=True,
    )
    c3 = Claim(
        "claim:3",
        "source:cg",
        "actor:usa",
        Predicate.FAVOURS,
        attribute="course",
        value=ClaimValue(text="restraint"),
        stance=Stance.HEDGES,
        confidence=0.3,
        kind=ClaimKind.ASSESSMENT,
    )
    r1 = Relation(
        "relation:1",
        "actor:usa",
        RelationPredicate.HOSTILE_TO,
        "actor:kataib-hezbollah",
        valid="2019-12/2020-03",
        description=HOSTILE,
    )
    r2 = Relation("relation:2", "actor:esper", RelationPredicate.LEADS, "actor:usa", role="Secretary of Defense")
    return Dataset.from_objects([usa, kh, esper, nyt, cg, taji, strikes, c1, c2, c3, r1, r2])


def make_large(n_events: int) -> Dataset:
    """A synthetic dataset of ``n_events`` located events, each with one claim."""
    base = make_hostile()
    objects: list[object] = list(base)
    for i in range(n_events):
        day = f"{2000 + i % 20:04d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        objects.append(
            Event(
                f"event:bulk-{i}",
                EventKind.ARTILLERY_OR_ROCKET_ATTACK,
                day,
                f"Rockets {i} {HOSTILE}",
                summary=HOSTILE,
                place=Place("Camp Taji", "IRQ", lat=33.0 + (i % 100) / 100, lon=44.0),
                participants=(Participant("actor:kataib-hezbollah", Role.INITIATOR),),
            )
        )
        objects.append(
            Claim(f"claim:bulk-{i}", "source:nyt", f"event:bulk-{i}", Predicate.OCCURRED, quote=HOSTILE, confidence=0.5)
        )
    return Dataset.from_objects(objects)  # type: ignore[arg-type]


def _busy(directory: Path, target: Path, *, data: bool) -> bool:
    """True once a temporary output of the export exists (with ``data``: holds bytes)."""
    for entry in directory.iterdir():
        if entry == target or not entry.name.startswith("."):
            continue
        if entry.is_file() and (not data or entry.stat().st_size > 0):
            return True
        if entry.is_dir() and any(p.is_file() and p.stat().st_size > 0 for p in entry.rglob("*")):
            return True
    return False


def kill_export(fmt: str, source: Path, target: Path, *, data: bool = True, timeout: float = 120.0) -> bool:
    """Run ``mideast-model export FMT -i SOURCE -o TARGET`` and SIGKILL it mid-write.

    Returns True when the process was killed while its temporary output existed (with
    ``data``: held bytes), False when it finished first.
    """
    code = "import sys; from mideast_model.cli import main; sys.argv[0] = 'mideast-model'; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "export", fmt, "-i", str(source), "-o", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + timeout
    killed = False
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if _busy(target.parent, target, data=data):
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.002)
    finally:
        if proc.poll() is None and not killed:
            os.kill(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
    if not killed:
        assert proc.returncode == 0, err.decode(errors="replace")
    return killed
