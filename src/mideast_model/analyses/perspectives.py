"""``perspectives``: how each source frames the conflict — whom it blames, what it favours, whom it quotes.

Blame comes from claims of responsibility, provocation and cause, and from evaluative
framing — never from who *did* things (a factual "the US struck five depots" blames no one):

- ``responsible_for`` / ``ordered`` claims whose ``attribute`` is ``escalation`` or
  ``provocation`` — or, with no attribute, whose kind is ``assessment`` (a judgement of
  responsibility, not a report of who acted) — count ``confidence`` for their subject (a hedge half, a denial goes to
  ``doubts``); ``attribute="harm"`` (blame for a harm outside the conflict, such as a
  government's "own goals") is kept apart in ``harm``;
- evaluative framing — a ``states`` claim with ``attribute="framing"`` whose term is
  pejorative (:data:`PEJORATIVE`: "assassination", "murder", "so-called" …) — counts half
  its confidence for the acting side of the framed event (or the framed actor).

Each blamed actor counts for its *camp* (:meth:`~mideast_model.analyses.common.Sides.camp`:
an official for their state), so blame adds up by side — but a militia a state backs stays
itself (blaming Kataib Hezbollah is not blaming Iran unless the source blames Iran). The
source's own voice (no speaker, or its author or publisher speaking) and the voices it
quotes are kept apart (``blame_own``, ``blame_quoted``). The stance is the own voice only:
``blame`` is ``blame_own``, and ``blamed_most`` is the camp with at least 60% of it, else
``both`` (naming the two leading camps), among camps the source blames in at least
:data:`MIN_PASSAGES` passages of its own.

The course a source favours comes only from its own voice: ``favours``/``recommends``
(+1) and ``opposes`` (−1) claims with ``attribute="course"`` (or no attribute and a
:class:`~mideast_model.model.Course` as text) whose subject is the source,
its author or its publisher, times the confidence. Courses the source *reports* others
favouring, in its own voice, are in ``reported_courses``; what an actor says it wants (or a
quoted voice says of it) in ``stated_courses``, never netted with the author's account; a
source with no course of its own that reports
actors on opposite sides (escalation against restraint) *reports a debate*.

Voices quoted, by side: every claim with a speaker that gives that speaker's voice (a direct
quote, or a passage reporting speech — not the author's own sentence about the speaker, see
:func:`_quoted`) is counted for the speaker's category
(:data:`CATEGORIES`): ``independent_experts`` (a think tank, NGO or IGO in the speaker's
affiliations, or a private person of neither Iraq nor Iran), ``journalists``, ``militia``
(an armed group), then by the state of the speaker's official affiliation or country:
``us_officials``, ``iraqi``, ``iranian``, else ``other``. Anonymous voices (a group, or a
name that is not a proper name) are also counted in ``anonymous``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import (
    PropositionKey,
    Sides,
    fmt,
    gc_paused,
    proposition_key,
    render_markdown,
    render_rich,
)
from mideast_model.extensions import Analysis
from mideast_model.model import (
    Actor,
    ActorKind,
    Claim,
    ClaimKind,
    Course,
    Event,
    Predicate,
    RelationPredicate,
    Role,
    Stance,
)

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

__all__ = ["CATEGORIES", "PEJORATIVE", "BlameReason", "Divergence", "PerspectivesResult", "Profile", "run"]

CATEGORIES = ("us_officials", "iraqi", "iranian", "militia", "independent_experts", "journalists", "other")
#: Framing terms that condemn the act they name (their actor is blamed).
PEJORATIVE = frozenset(
    {
        "assassination",
        "murder",
        "massacre",
        "aggression",
        "war crime",
        "terrorism",
        "so-called",
        "occupation",
        "war drums",
        "unilateral",
        "provocation",
    }
)
_OFFICIAL = frozenset({ActorKind.STATE, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY})
_EXPERT = frozenset({ActorKind.THINK_TANK, ActorKind.NGO, ActorKind.IGO})
_AFFILIATION = frozenset(
    {RelationPredicate.MEMBER_OF, RelationPredicate.LEADS, RelationPredicate.COMMANDS, RelationPredicate.PART_OF}
)
_COURSE_SIGN = {Predicate.FAVOURS: 1.0, Predicate.RECOMMENDS: 1.0, Predicate.OPPOSES: -1.0}
_STANCE_FACTOR = {Stance.ASSERTS: 1.0, Stance.HEDGES: 0.5, Stance.DENIES: -1.0}
_BLAME = frozenset({Predicate.RESPONSIBLE_FOR, Predicate.ORDERED})
_BLAME_ATTRIBUTES = frozenset({"escalation", "provocation"})
_RESTRAINT = frozenset({"restraint", "diplomacy", "de-escalation"})
MOST_SHARE = 0.6
#: Own-voice passages a camp needs before the source is said to hold it responsible: one
#: sentence of background ("Iran has long used Shiite militia groups … as proxy forces") is a
#: mention, not a stance.
MIN_PASSAGES = 2
#: Words that report speech: a claim with a speaker but no direct quote is that speaker's
#: voice only if its passage reports what they said (or is a fragment of such a sentence).
_REPORTING = re.compile(
    r"\b(?:says?|said|saying|tells?|told|telling|according|accus\w*|assess\w*|blam\w*|warn\w*|argu\w*|"
    r"contend\w*|insist\w*|not(?:ed|es)|add(?:ed|s)|stat(?:ed|es|ement)|testif\w*|testimony|wr(?:ote|ites)|"
    r"memo\w*|describ\w*|calculat\w*|estimat\w*|claim\w*|announc\w*|assert\w*|acknowledg\w*|urg\w*|"
    r"call(?:ed|s)|ask(?:ed|s)|brief\w*|interview\w*|report(?:ed|s)|expect\w*|believ\w*|predict\w*|"
    r"caution\w*|push\w*|conclud\w*|conced\w*|denie[ds]|denying|dismiss\w*|vow\w*|pledg\w*|promis\w*|"
    r"suggest\w*|express\w*|letter)\b",
    re.IGNORECASE,
)
_COURSES = frozenset(c.value for c in Course)


@attrs.frozen
class BlameReason:
    """One claim that blames an actor: its camp, whose voice, the weight and the words."""

    claim: str
    actor: str
    camp: str
    voice: str
    """``own`` or the speaker's id."""
    weight: float
    basis: str
    """``responsibility`` (an escalation or provocation claim) or ``framing`` (a pejorative term)."""
    text: str


@attrs.frozen
class Profile:
    """One source's voices, blame, courses and framing.

    :param blame: camp → own-voice blame (the source's stance; quoted voices are in ``blame_quoted``).
    :param blamed_most: the camp holding ≥ 60% of ``blame``, ``both`` (see ``blamed_pair``), or ``None``.
    :param courses: course → score from the source's own voice only.
    :param course_summary: one line: the course favoured, or that it reports a debate.
    :param reported_courses: course → {actor: score} for courses others favour, as the source reports them.
    :param voice_examples: category → up to two (speaker, words).
    """

    source: str
    claims: int
    voices: tuple[tuple[str, str, int], ...]
    """(speaker id, category, number of claims)."""
    categories: dict[str, int]
    blame: dict[str, float]
    doubts: dict[str, float]
    courses: dict[str, float]
    leading_course: str | None
    blame_own: dict[str, float] = attrs.field(factory=dict)
    blame_quoted: dict[str, float] = attrs.field(factory=dict)
    blamed_most: str | None = None
    blamed_pair: tuple[str, ...] = ()
    blame_reasons: tuple[BlameReason, ...] = ()
    harm: dict[str, float] = attrs.field(factory=dict)
    course_summary: str = ""
    reported_courses: dict[str, dict[str, float]] = attrs.field(factory=dict)
    stated_courses: dict[str, dict[str, float]] = attrs.field(factory=dict)
    """course → {actor: score} for what an actor says it favours (or a quoted voice says it does)."""
    anonymous: int = 0
    voice_examples: dict[str, tuple[tuple[str, str], ...]] = attrs.field(factory=dict)
    framing: dict[str, tuple[str, ...]] = attrs.field(factory=dict)


@attrs.frozen
class Divergence:
    """A proposition several sources state differently: each source's readings."""

    proposition: tuple[str | None, ...]
    readings: dict[str, tuple[str, ...]]


@attrs.frozen
class PerspectivesResult:
    """Profiles, the similarity matrix and the divergences."""

    profiles: tuple[Profile, ...]
    similarity: dict[str, dict[str, float | None]]
    divergences: tuple[Divergence, ...]

    @gc_paused
    def to_json(self) -> Any:
        """Profiles, the matrix and divergences, by id."""
        profiles = []
        for p in self.profiles:
            item = attrs.asdict(p, recurse=False)
            item["voices"] = [list(v) for v in p.voices]
            item["blamed_pair"] = list(p.blamed_pair)
            item["blame_reasons"] = [attrs.asdict(r) for r in p.blame_reasons]
            item["voice_examples"] = {k: [list(x) for x in v] for k, v in p.voice_examples.items()}
            item["framing"] = {k: list(v) for k, v in p.framing.items()}
            profiles.append(item)
        return {
            "profiles": profiles,
            "similarity": self.similarity,
            "divergences": [
                {"proposition": list(d.proposition), "readings": {s: list(r) for s, r in d.readings.items()}}
                for d in self.divergences
            ],
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        def top(weights: Mapping[str, float], n: int = 3) -> str:
            best = sorted(weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:n]
            return ", ".join(f"{k} {v:+.2f}" for k, v in best)

        def most(p: Profile) -> str:
            if p.blamed_most == "both":
                return "both (" + " and ".join(p.blamed_pair) + ")"
            return p.blamed_most or ""

        profiles = [
            (
                p.source,
                p.claims,
                most(p),
                top(p.blame_own),
                top(p.blame_quoted),
                p.course_summary,
                ", ".join(f"{k} {v}" for k, v in p.categories.items() if v)
                + (f" (anonymous {p.anonymous})" if p.anonymous else ""),
            )
            for p in self.profiles
        ]
        voices = [
            (p.source, cat, p.categories.get(cat, 0), " | ".join(f"{s}: “{w}”" for s, w in ex))
            for p in self.profiles
            for cat, ex in p.voice_examples.items()
        ]
        reasons = [
            (p.source, r.camp, r.actor, r.voice, f"{r.weight:.2f}", r.basis, r.text)
            for p in self.profiles
            for r in p.blame_reasons
        ]
        ids = [p.source for p in self.profiles]
        matrix = [(a, *(fmt(self.similarity[a][b]) for b in ids)) for a in ids]
        divergences = [
            (
                " ".join(x or "–" for x in d.proposition),
                "; ".join(f"{s}: {', '.join(r)}" for s, r in d.readings.items()),
            )
            for d in self.divergences
        ]
        return [
            (
                "Profiles",
                (
                    "source",
                    "claims",
                    "holds most responsible",
                    "blame (own voice)",
                    "blame (voices quoted)",
                    "course",
                    "voices",
                ),
                profiles,
            ),
            ("Why: the claims of blame", ("source", "camp", "actor", "voice", "weight", "basis", "words"), reasons),
            ("Voices quoted, by side", ("source", "side", "claims", "examples"), voices),
            ("Similarity (cosine)", ("source", *ids), matrix),
            ("Where the sources diverge", ("proposition", "readings"), divergences),
        ]

    def to_markdown(self) -> str:
        """Profiles, blame reasons, voices, similarity and divergences as Markdown tables."""
        return render_markdown("Perspectives", self._tables())

    def to_rich(self) -> RenderableType:
        """Profiles, blame reasons, voices, similarity and divergences for the terminal."""
        return render_rich("Perspectives", self._tables())


class _Affiliations:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.up: dict[str, list[tuple[RelationPredicate, str]]] = {}
        for rel in dataset.relations.values():
            if rel.predicate in _AFFILIATION:
                self.up.setdefault(rel.subject, []).append((rel.predicate, rel.object))

    def closure(self, actor_id: str) -> list[Actor]:
        seen, todo, out = {actor_id}, [actor_id], []
        while todo:
            for _, parent in self.up.get(todo.pop(), ()):
                if parent not in seen and parent in self.dataset.actors:
                    seen.add(parent)
                    todo.append(parent)
                    out.append(self.dataset.actors[parent])
        return sorted(out, key=lambda a: a.id)

    def category(self, actor: Actor) -> str:
        chain = [actor, *self.closure(actor.id)]
        if any(a.kind in _EXPERT for a in chain):
            return "independent_experts"
        if any(a.kind is ActorKind.MEDIA for a in chain):
            return "journalists"
        if any(a.kind is ActorKind.ARMED_GROUP for a in chain):
            return "militia"
        official = [a for a in chain if a.kind in _OFFICIAL]
        if official:
            country = official[0].country if actor.kind not in _OFFICIAL else actor.country
            country = country or next((a.country for a in official if a.country), None)
        elif actor.kind is ActorKind.GROUP:
            country = actor.country
        else:  # a private person: an expert or activist unless of one of the two states at odds
            return {"IRQ": "iraqi", "IRN": "iranian"}.get(actor.country or "", "independent_experts")
        return {"USA": "us_officials", "IRQ": "iraqi", "IRN": "iranian"}.get(country or "", "other")

    @staticmethod
    def anonymous(actor: Actor) -> bool:
        return actor.kind is ActorKind.GROUP or not actor.name[:1].isupper()


def _own_actors(dataset: Dataset, source_id: str) -> set[str]:
    """Actor ids that speak for the source itself: its authors and its publisher."""
    source = dataset.sources[source_id]
    names = {a.casefold() for a in source.authors}
    if source.publisher:
        names.add(source.publisher.casefold())
    return {a.id for a in dataset.actors.values() if {n.casefold() for n in a.names()} & names}


def _midday(event: Event | None) -> dt.date | None:
    """The midpoint of the event's span (``None`` without an event or for an open span)."""
    return None if event is None or event.when.is_open else event.when.midpoint


def _course(claim: Claim) -> str | None:
    if claim.value is None or claim.value.text is None or claim.predicate not in _COURSE_SIGN:
        return None
    text = " ".join(claim.value.text.casefold().split())
    if claim.attribute != "course" and not (claim.attribute is None and text in _COURSES):
        return None
    return text


def _reading(claim: Claim) -> str:
    value = claim.value
    text = claim.stance.value
    if value is not None:
        if value.count is not None:
            c = value.count
            text += f" {c.low}" + ("" if c.high == c.low else f"–{'' if c.high is None else c.high}")
        elif value.when is not None:
            text += f" {value.when.edtf}"
        elif value.text is not None:
            text += f" {' '.join(value.text.split())!r}"
    return text


def _add(weights: dict[str, float], key: str, value: float) -> None:
    weights[key] = round(weights.get(key, 0.0) + value, 6)


def _words(claim: Claim, limit: int = 140) -> str:
    text = " ".join(
        (claim.quote or claim.evidence or (claim.value.text if claim.value and claim.value.text else "")).split()
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pejorative(term: str) -> bool:
    folded = term.casefold()
    return any(p in folded for p in PEJORATIVE)


def _summary(
    leading: str | None,
    courses: Mapping[str, float],
    reported: Mapping[str, Mapping[str, float]],
    stated: Mapping[str, Mapping[str, float]],
) -> str:
    if leading is not None:
        against = sorted(k for k, v in courses.items() if v < 0)
        return leading + (f" (against {', '.join(against)})" if against else "")

    def view(course: str) -> dict[str, float]:
        # per actor: the author's account where it gives one, else what the actor (or a voice) says
        return {**stated.get(course, {}), **reported.get(course, {})}

    pro = sorted(a for a, v in view("escalation").items() if v > 0)
    con = sorted(
        {a for a, v in view("escalation").items() if v < 0}
        | {a for c in _RESTRAINT for a, v in view(c).items() if v > 0}
    )
    if pro and con:
        return f"none of its own; reports a debate: escalation ({', '.join(pro)}) vs restraint ({', '.join(con)})"
    return "none of its own"


def _passage(claim: Claim) -> str:
    return " ".join((claim.evidence or "").split())


def _author_passages(claims: list[Claim], own_ids: set[str]) -> set[str]:
    """Passages on which the source passes a judgement of its own (an own-voice assessment, not a framing)."""
    return {
        _passage(c)
        for c in claims
        if (c.speaker is None or c.speaker in own_ids)
        and c.kind is ClaimKind.ASSESSMENT
        and c.attribute != "framing"
        and _passage(c)
    }


def _quoted(claim: Claim, judged: set[str]) -> bool:
    """Whether a claim with a speaker gives that speaker's voice, or is the author's sentence about them.

    A direct quote always is a voice. Without one, the author speaks when the same sentence
    carries the source's own judgement ("Leaders in Washington and Tehran say they don't want
    a full-scale war, but they are playing a dangerous game"; "the death toll—currently
    listed as 988—is probably much higher"), or when a whole sentence narrates what the
    speaker did with no word of speech ("Trump responded … by threatening …", "Washington
    portrays these militias as tools of Iran"). A fragment (it starts in lower case) keeps
    its speaker: its verb of speech lies outside it.
    """
    if claim.quote:
        return True
    text = _passage(claim)
    if not text:
        return True
    if any(text in j or j in text for j in judged):
        return False
    return not (text[:1].isupper() and _REPORTING.search(text) is None)


def _stance_camp(sides: Sides, actor_id: str, day: dt.date | None) -> str:
    """The camp blame of ``actor_id`` counts for in a source's stance: a proxy stays itself.

    :meth:`Sides.camp` counts an armed group for the state backing it; blaming Kataib
    Hezbollah is not blaming Iran (the source blames the backer only where it says so, in a
    claim of its own about the backer). Officials, ministries and units still count for their state.
    """
    side = sides.side(actor_id, day)
    actors = sides.dataset.actors
    actor = actors.get(side)
    if actor is not None and actor.kind in (ActorKind.ARMED_GROUP, ActorKind.GROUP, ActorKind.PARTY):
        backers = (actors.get(sides.side(b, day)) for b in sides.backers(side, day))
        if any(b is not None and b.kind is ActorKind.STATE for b in backers):
            return side
    return sides.camp(actor_id, day)


def _profile(dataset: Dataset, source_id: str, aff: _Affiliations, sides: Sides) -> Profile:
    claims = sorted(dataset.claims_by_source(source_id), key=lambda c: c.id)
    own_ids = _own_actors(dataset, source_id) | {source_id}
    judged = _author_passages(claims, own_ids)
    voices: dict[str, int] = {}
    categories = dict.fromkeys(CATEGORIES, 0)
    examples: dict[str, list[tuple[str, str]]] = {}
    anonymous = 0
    blame_own: dict[str, float] = {}
    blame_quoted: dict[str, float] = {}
    passages: dict[str, set[str]] = {}
    doubts: dict[str, float] = {}
    harm: dict[str, float] = {}
    reasons: list[BlameReason] = []
    courses: dict[str, float] = {}
    reported: dict[str, dict[str, float]] = {}
    stated: dict[str, dict[str, float]] = {}
    framing: dict[str, set[str]] = {}
    for claim in claims:
        speaker = claim.speaker if claim.speaker not in own_ids else None
        if speaker is not None and speaker in dataset.actors and _quoted(claim, judged):
            actor = dataset.actors[speaker]
            voices[speaker] = voices.get(speaker, 0) + 1
            category = aff.category(actor)
            categories[category] += 1
            anonymous += aff.anonymous(actor)
            shown = examples.setdefault(category, [])
            if len(shown) < 2 and all(s != speaker for s, _ in shown):
                shown.append((speaker, _words(claim)))
        event = dataset.events.get(claim.subject)
        voice = "own" if speaker is None else speaker
        target = blame_own if speaker is None else blame_quoted
        judged_blame = claim.attribute in _BLAME_ATTRIBUTES or (
            claim.attribute is None and claim.kind is ClaimKind.ASSESSMENT
        )
        blames = claim.predicate is Predicate.RESPONSIBLE_FOR or claim.predicate is Predicate.ORDERED  # _BLAME
        if blames and judged_blame and claim.subject in dataset.actors:
            if claim.stance is Stance.DENIES:
                _add(doubts, claim.subject, claim.confidence)
            else:
                weight = claim.confidence * _STANCE_FACTOR[claim.stance]
                camp = _stance_camp(sides, claim.subject, _midday(event))
                _add(target, camp, weight)
                if speaker is None:
                    passages.setdefault(camp, set()).add(_passage(claim) or claim.id)
                reasons.append(
                    BlameReason(claim.id, claim.subject, camp, voice, weight, "responsibility", _words(claim))
                )
        elif blames and claim.stance is not Stance.ASSERTS and claim.subject in dataset.actors:
            _add(doubts, claim.subject, claim.confidence)
        elif blames and claim.attribute == "harm" and claim.subject in dataset.actors:
            _add(harm, sides.camp(claim.subject, _midday(event)), claim.confidence)
        if claim.attribute == "framing" and claim.value is not None and claim.value.text:
            term = " ".join(claim.value.text.split())
            framing.setdefault(claim.subject, set()).add(term)
            if _pejorative(term) and claim.stance is Stance.ASSERTS:
                if event is not None:
                    blamed = sorted({p.actor for p in event.participants if p.role is Role.INITIATOR})
                else:
                    blamed = [claim.subject] if claim.subject in dataset.actors else []
                day = _midday(event)
                camps = sorted({_stance_camp(sides, a, day) for a in blamed if not sides.unknown(a)})
                for camp in camps:
                    weight = 0.5 * claim.confidence / len(camps)
                    _add(target, camp, weight)
                    if speaker is None:
                        passages.setdefault(camp, set()).add(_passage(claim) or claim.id)
                    reasons.append(
                        BlameReason(claim.id, camp, camp, voice, weight, "framing", f"{term}: {_words(claim)}")
                    )
        course = _course(claim)
        if course is not None:
            score = _COURSE_SIGN[claim.predicate] * _STANCE_FACTOR[claim.stance] * claim.confidence
            if claim.subject in own_ids:
                _add(courses, course, score)
            elif speaker is None:  # the author's own account of what an actor favours
                _add(reported.setdefault(course, {}), claim.subject, score)
            else:
                # what an actor says it wants, or what a quoted voice says of it: never netted with the author's view
                _add(stated.setdefault(course, {}), claim.subject, score)
    # the source's stance: its own voice only (quoted voices are in blame_quoted and reasons)
    blame = dict(blame_own)
    total = sum(w for w in blame.values() if w > 0)
    ranked = sorted(
        ((w, c) for c, w in blame.items() if w > 0 and len(passages.get(c, ())) >= MIN_PASSAGES),
        key=lambda x: (-x[0], x[1]),
    )
    most: str | None = None
    pair: tuple[str, ...] = ()
    if ranked:
        if ranked[0][0] / total >= MOST_SHARE:
            most = ranked[0][1]
        elif len(ranked) > 1:
            most, pair = "both", tuple(sorted(c for _, c in ranked[:2]))
    leading = max(courses.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    leading_course = leading[0] if leading is not None and leading[1] > 0 else None
    reported_sorted = {k: dict(sorted(v.items())) for k, v in sorted(reported.items())}
    stated_sorted = {k: dict(sorted(v.items())) for k, v in sorted(stated.items())}
    return Profile(
        source=source_id,
        claims=len(claims),
        voices=tuple((s, aff.category(dataset.actors[s]), n) for s, n in sorted(voices.items())),
        categories=categories,
        blame=dict(sorted(blame.items())),
        doubts=dict(sorted(doubts.items())),
        courses=dict(sorted(courses.items())),
        leading_course=leading_course,
        blame_own=dict(sorted(blame_own.items())),
        blame_quoted=dict(sorted(blame_quoted.items())),
        blamed_most=most,
        blamed_pair=pair,
        blame_reasons=tuple(sorted(reasons, key=lambda r: (r.camp, r.claim))),
        harm=dict(sorted(harm.items())),
        course_summary=_summary(leading_course, courses, reported_sorted, stated_sorted),
        reported_courses=reported_sorted,
        stated_courses=stated_sorted,
        anonymous=anonymous,
        voice_examples={k: tuple(v) for k, v in sorted(examples.items())},
        framing={k: tuple(sorted(v)) for k, v in sorted(framing.items())},
    )


def _vector(p: Profile) -> dict[str, float]:
    vec: dict[str, float] = {}
    for prefix, weights in (
        ("voice", {k: float(v) for k, v in p.categories.items()}),
        ("blame", p.blame),
        ("course", p.courses),
    ):
        norm = sum(abs(w) for w in weights.values())
        if norm:
            vec.update({f"{prefix}:{k}": w / norm for k, w in weights.items() if w})
    return vec


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float | None:
    na, nb = math.sqrt(sum(v * v for v in a.values())), math.sqrt(sum(v * v for v in b.values()))
    if not na or not nb:
        return None
    return round(sum(v * b.get(k, 0.0) for k, v in a.items()) / (na * nb), 6)


@gc_paused
def run(dataset: Dataset) -> PerspectivesResult:
    """Profile every source with claims, compare them and list where they diverge."""
    aff = _Affiliations(dataset)
    sides = Sides(dataset)
    sources = sorted({c.source for c in dataset.claims.values()})
    profiles = tuple(_profile(dataset, s, aff, sides) for s in sources)
    vectors = {p.source: _vector(p) for p in profiles}
    similarity = {a: {b: _cosine(vectors[a], vectors[b]) for b in sources} for a in sources}
    stated: dict[PropositionKey, list[Claim]] = {}
    for claim in dataset.claims.values():
        stated.setdefault(proposition_key(claim), []).append(claim)
    by_prop: dict[PropositionKey, dict[str, set[str]]] = {}
    for prop, claims in stated.items():
        if len(claims) > 1 and any(c.source != claims[0].source for c in claims):  # else one source: no divergence
            readings = by_prop[prop] = {}
            for claim in claims:
                readings.setdefault(claim.source, set()).add(_reading(claim))
    divergences = []
    for prop, readings in sorted(by_prop.items(), key=lambda kv: tuple(x or "" for x in kv[0])):
        if len(readings) > 1 and len({frozenset(r) for r in readings.values()}) > 1:
            divergences.append(Divergence(prop, {s: tuple(sorted(r)) for s, r in sorted(readings.items())}))
    return PerspectivesResult(profiles, similarity, tuple(divergences))


ANALYSIS = Analysis(
    name="perspectives",
    description="Per source: whom it holds responsible (from blame and framing, own voice and quoted voices "
    "apart), the course it favours, the voices it quotes by side; similarity and divergences.",
    run=run,
)
