"""``corroboration``: independent support and dispute per claim, proposition and event.

Claims count by independent *origin*, never by head count. Sources linked by
``derived_from`` (transitively, in either direction) form one origin group; a claim that
``cites`` sources rests on their groups; a claim quoting an official (a speaker affiliated
with a state, or an anonymous group of officials) rests on that state's officials, so
several outlets relaying "American officials" are one origin. Within a proposition, two
claims *agree* when both assert (or both deny) and their values are compatible
(overlapping counts or spans, equal texts); they *oppose* when one asserts what the other
denies, or both assert incompatible values. Each claim gets an Admiralty
information-credibility grade, with the reasons:

1. confirmed: ≥ 2 other independent origins agree, and none opposes;
2. probably true: ≥ 1 other independent origin agrees, and none opposes;
3. possibly true: single origin of reliability A–C, neither opposed nor hedged; or
   supported by another origin but opposed by some;
4. doubtful: opposed and unsupported, or hedged, or single origin of reliability D–E —
   being opposed makes a claim doubtful at worst, however many sources oppose it;
5. improbable: never given by counting (it would need evidence against the claim, which
   this analysis does not weigh);
6. cannot be judged: single origin whose reliability is F (cannot be judged).

Agreement of a proposition or event is ``(S − D) / (S + D)`` over independent groups
supporting (S) and disputing (D) its best-supported reading, in [−1, 1].
"""

from __future__ import annotations

import functools
import operator
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import PropositionKey, fmt, gc_paused, proposition_key, render_markdown, render_rich
from mideast_model.extensions import Analysis
from mideast_model.model import Claim, Predicate, Reliability, Stance

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

_TEXT_PREDICATES = frozenset({Predicate.METHOD, Predicate.LOCATION})
_POLARITY = {Stance.ASSERTS: 1, Stance.DENIES: -1, Stance.HEDGES: 0}
_GOOD = frozenset({Reliability.A, Reliability.B, Reliability.C})


@attrs.frozen
class ClaimGrade:
    """One claim: its origin group, other groups agreeing, groups opposing, and its grade."""

    claim: str
    source: str
    origin: str
    support: tuple[str, ...]
    dispute: tuple[str, ...]
    grade: int
    rule: str


@attrs.frozen
class Support:
    """Who supports and disputes a proposition or an event, by independent origin group."""

    key: tuple[str | None, ...]
    claims: tuple[str, ...]
    supporting: tuple[str, ...]
    disputing: tuple[str, ...]
    sources: tuple[str, ...]
    agreement: float | None


@attrs.frozen
class CorroborationResult:
    """Grades per claim, support per proposition and per event, and single-source claims."""

    origins: dict[str, str]
    claims: tuple[ClaimGrade, ...]
    propositions: tuple[Support, ...]
    events: tuple[Support, ...]
    single_source: tuple[str, ...]

    @gc_paused
    def to_json(self) -> Any:
        """Everything by id; a group is named by its least source id that makes claims."""

        def support(s: Support) -> dict[str, Any]:
            return {
                "key": list(s.key),
                "claims": list(s.claims),
                "supporting": list(s.supporting),
                "disputing": list(s.disputing),
                "sources": list(s.sources),
                "agreement": s.agreement,
            }

        return {
            "origins": dict(sorted(self.origins.items())),
            "claims": [  # the fields in order, tuples as lists (what attrs.asdict gave, without its cost)
                {
                    "claim": c.claim,
                    "source": c.source,
                    "origin": c.origin,
                    "support": list(c.support),
                    "dispute": list(c.dispute),
                    "grade": c.grade,
                    "rule": c.rule,
                }
                for c in self.claims
            ],
            "propositions": [support(s) for s in self.propositions],
            "events": [{**support(s), "event": s.key[0]} for s in self.events],
            "single_source": list(self.single_source),
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        props = [
            (
                " ".join(k or "–" for k in s.key),
                len(s.claims),
                ", ".join(s.supporting),
                ", ".join(s.disputing),
                fmt(s.agreement),
            )
            for s in self.propositions
            if len(s.claims) > 1 or s.disputing
        ]
        events = [
            (s.key[0], len(s.claims), ", ".join(s.supporting), ", ".join(s.disputing), fmt(s.agreement))
            for s in self.events
        ]
        grades = [(c.claim, c.source, len(c.support), len(c.dispute), c.grade, c.rule) for c in self.claims]
        cols = ("claims", "supporting groups", "disputing groups", "agreement")
        return [
            ("Propositions stated more than once or disputed", ("proposition", *cols), props),
            ("Events", ("event", *cols), events),
            (
                "Information credibility per claim (Admiralty 1–6)",
                ("claim", "source", "other groups agreeing", "groups opposing", "grade", "rule"),
                grades,
            ),
        ]

    def to_markdown(self) -> str:
        """Propositions, events and grades as Markdown tables."""
        return render_markdown("Corroboration", self._tables())

    def to_rich(self) -> RenderableType:
        """Propositions, events and grades for the terminal."""
        return render_rich("Corroboration", self._tables())


def origin_groups(dataset: Dataset) -> dict[str, str]:
    """Source id → its origin group: the sources linked by ``derived_from``, named by the least
    id among the members that make claims (else the least id)."""
    parent = {s: s for s in dataset.sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for source in dataset.sources.values():
        for origin in source.derived_from:
            if origin in parent:
                a, b = find(source.id), find(origin)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = {}
    for s in dataset.sources:
        members.setdefault(find(s), []).append(s)
    name = {}
    for root, ids in members.items():
        speaking = [s for s in ids if dataset.claims_by_source(s)]
        name[root] = min(speaking or ids)
    return {s: name[find(s)] for s in dataset.sources}


class _ClaimOrigins:
    """The independent origin a claim rests on: cited sources, an official voice, or its source's group."""

    def __init__(self, dataset: Dataset, groups: dict[str, str]) -> None:
        from mideast_model.analyses.common import Sides
        from mideast_model.model import ActorKind

        self.dataset = dataset
        self.groups = groups
        self.sides = Sides(dataset)
        self._official = (ActorKind.STATE, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY)
        self._cache: dict[str, str] = {}

    def _speaker_origin(self, speaker: str) -> str | None:
        if speaker in self._cache:
            return self._cache[speaker]
        camp = self.sides.camp(speaker)
        state = self.dataset.actors.get(camp)
        actor = self.dataset.actors.get(speaker)
        origin = None
        if actor is not None and state is not None and camp != speaker and state.kind in self._official:
            origin = f"officials:{camp}"
        elif actor is not None and actor.kind in self._official:
            origin = f"officials:{self.sides.side(speaker)}"
        self._cache[speaker] = origin or f"voice:{speaker}"
        return self._cache[speaker]

    def of(self, claim: Claim) -> str:
        if claim.cites:
            cites = [self.groups[s] for s in claim.cites if s in self.groups]
            if cites:
                return min(cites)
        if claim.speaker is not None and claim.speaker in self.dataset.actors:
            origin = self._speaker_origin(claim.speaker)
            if origin is not None:
                return origin
        return self.groups[claim.source]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _values(a: Claim, b: Claim) -> str:
    """``agree``, ``conflict`` or ``unrelated``: how the values of two claims of one proposition compare."""
    va, vb = a.value, b.value
    if va is None or vb is None:
        return "agree"
    if va.count is not None and vb.count is not None:
        return "agree" if va.count.overlaps(vb.count) else "conflict"
    if va.when is not None and vb.when is not None:
        return "agree" if va.when.overlaps(vb.when) else "conflict"
    if va.text is not None and vb.text is not None:
        if _norm(va.text) == _norm(vb.text):
            return "agree"
        return "conflict" if a.predicate in _TEXT_PREDICATES else "unrelated"
    return "unrelated"


def _relate(a: Claim, b: Claim) -> str:
    pa, pb = _POLARITY[a.stance], _POLARITY[b.stance]
    values = _values(a, b)
    if values == "unrelated" or 0 in (pa, pb):
        return "none"
    if pa == pb:
        return "agree" if values == "agree" or pa < 0 else "oppose"
    return "oppose" if values == "agree" else "none"


def _grade(claim: Claim, reliability: Reliability, others: int, dispute: int) -> tuple[int, str]:
    """The grade and its reason; ``others`` and ``dispute`` count independent origins other than the claim's own."""
    if others >= 2 and dispute == 0:
        return 1, f"confirmed by {others} other independent origins, none opposing"
    if others >= 1 and dispute == 0:
        return 2, "one other independent origin agrees, none opposes"
    if others >= 1:
        return 3, f"{others} other independent origin(s) agree, {dispute} oppose"
    if dispute:
        return 4, f"single origin, opposed by {dispute} independent origin(s) (doubtful, not improbable: no head count)"
    if reliability is Reliability.F:
        return 6, "single origin of unknown reliability"
    if claim.stance is Stance.HEDGES:
        return 4, "single origin, hedged by its own source"
    if reliability in _GOOD:
        return 3, f"single origin of reliability {reliability.value}"
    return 4, f"single origin of reliability {reliability.value}"


@functools.lru_cache(maxsize=1024)  # a few small counts, over and over
def _agreement(supporting: int, disputing: int) -> float | None:
    total = supporting + disputing
    return None if total == 0 else round((supporting - disputing) / total, 6)


@gc_paused
def run(dataset: Dataset) -> CorroborationResult:
    """Grade every claim and summarise support per proposition and per event."""
    origins = origin_groups(dataset)
    claim_origin = _ClaimOrigins(dataset, origins)
    groups: dict[PropositionKey, list[Claim]] = {}
    for claim in dataset.claims.values():
        groups.setdefault(proposition_key(claim), []).append(claim)
    grades: list[ClaimGrade] = []
    props: list[Support] = []
    single_ids: list[str] = []  # claims no other independent origin agrees with
    reliability = {s.id: s.reliability for s in dataset.sources.values()}
    alone: dict[tuple[str, bool], tuple[int, str]] = {}  # the grade of a claim no other one relates to
    for key, claims in groups.items():
        if len(claims) == 1:  # a proposition stated once (most of a large event dataset): nothing to compare
            claim = claims[0]
            own = claim_origin.of(claim)
            single_ids.append(claim.id)
            # Alone, the grade depends on the source's reliability and whether the claim hedges only.
            alone_key = (claim.source, claim.stance is Stance.HEDGES)
            graded = alone.get(alone_key)
            if graded is None:
                graded = alone[alone_key] = _grade(claim, reliability[claim.source], 0, 0)
            grades.append(ClaimGrade(claim.id, claim.source, own, (), (), *graded))
            supporting: tuple[str, ...]
            disputing: tuple[str, ...]
            if claim.stance is Stance.ASSERTS:
                supporting, disputing = (own,), ()
            else:
                supporting, disputing = (), (origins[claim.source],) if claim.stance is Stance.DENIES else ()
            props.append(
                Support(
                    key,
                    (claim.id,),
                    supporting,
                    disputing,
                    (claim.source,),
                    _agreement(len(supporting), len(disputing)),
                )
            )
            continue
        best: tuple[int, str, set[str], set[str]] | None = None
        for claim in claims:
            own = claim_origin.of(claim)
            agree, oppose = {own}, set()
            for other in claims:
                if other is not claim:
                    relation = _relate(claim, other)
                    if relation == "agree":
                        agree.add(claim_origin.of(other))
                    elif relation == "oppose":
                        oppose.add(claim_origin.of(other))
            oppose -= agree
            if len(agree) == 1:
                single_ids.append(claim.id)
            grade, rule = _grade(claim, reliability[claim.source], len(agree - {own}), len(oppose))
            grades.append(
                ClaimGrade(
                    claim.id, claim.source, own, tuple(sorted(agree - {own})), tuple(sorted(oppose)), grade, rule
                )
            )
            if claim.stance is Stance.ASSERTS and (best is None or (-len(agree), claim.id) < (-best[0], best[1])):
                best = (len(agree), claim.id, agree, oppose)
        support_set, dispute_set = (best[2], best[3]) if best else (set(), set())
        if best is None:
            dispute_set = {origins[c.source] for c in claims if c.stance is Stance.DENIES}
        props.append(
            Support(
                key,
                tuple(sorted(c.id for c in claims)),
                tuple(sorted(support_set)),
                tuple(sorted(dispute_set)),
                tuple(sorted({c.source for c in claims})),
                _agreement(len(support_set), len(dispute_set)),
            )
        )
    events = []
    for event_id in dataset.events:
        about = dataset.claims_about(event_id)
        if not about:
            continue
        if len(about) == 1:  # one claim about the event (most of a large event dataset)
            c = about[0]
            group = (origins[c.source],)
            denied = c.stance is Stance.DENIES and c.predicate is Predicate.OCCURRED and c.subject == event_id
            one_support = group if c.stance is Stance.ASSERTS else ()
            one_dispute = group if denied else ()
            events.append(
                Support(
                    (event_id,),
                    (c.id,),
                    one_support,
                    one_dispute,
                    (c.source,),
                    _agreement(len(one_support), len(one_dispute)),
                )
            )
            continue
        support = set()
        dispute = set()
        for c in about:
            if c.stance is Stance.ASSERTS:
                support.add(origins[c.source])
            elif c.stance is Stance.DENIES and c.predicate is Predicate.OCCURRED and c.subject == event_id:
                dispute.add(origins[c.source])
        events.append(
            Support(
                (event_id,),
                tuple(sorted(c.id for c in about)),
                tuple(sorted(support)),
                tuple(sorted(dispute)),
                tuple(sorted({c.source for c in about})),
                _agreement(len(support), len(dispute)),
            )
        )
    single = tuple(sorted(single_ids))
    grades.sort(key=operator.attrgetter("claim"))
    props.sort(key=lambda s: [x or "" for x in s.key])
    return CorroborationResult(origins, tuple(grades), tuple(props), tuple(events), single)


ANALYSIS = Analysis(
    name="corroboration",
    description="Independent sources supporting and disputing each claim, proposition and event, with an "
    "Admiralty 1–6 credibility grade per claim.",
    run=run,
)
