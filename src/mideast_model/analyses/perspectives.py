"""``perspectives``: how each source frames the conflict.

For every source with claims: whose voices it quotes (claims with a speaker, by speaker and
category), whom it holds responsible (``responsible_for``/``ordered`` claims by subject),
and which course it favours (claims with ``attribute="course"``: ``favours``/``recommends``
count +1, ``opposes`` −1, on the course in ``value.text``; times the claim's confidence;
a denial flips the sign, a hedge halves it; the source's own voice — the source, its
authors or its publisher as subject — counts in full, others it reports count half).
Sources are compared by the cosine of feature vectors made of voice shares, blame shares
and course scores (each block normalised to unit L1 norm), and the propositions they
state differently are listed.

Speaker categories, first match wins: ``anonymous_officials`` (a group, or a name not
starting with a capital, that is ``member_of``/``leads``/``commands`` a state, government
body or military), ``analysts`` (a think tank, NGO or IGO, or affiliated with one),
``journalists`` (media, or affiliated with it), then by the country of the speaker or of
the state apparatus it belongs to: ``us_officials`` (USA, when affiliated with a state,
government body or military), ``iraqi`` (IRQ), ``iranian`` (IRN), else ``other``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import PropositionKey, fmt, proposition_key, render_markdown, render_rich
from mideast_model.extensions import Analysis
from mideast_model.model import Actor, ActorKind, Claim, Predicate, RelationPredicate, Stance

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

CATEGORIES = ("us_officials", "iraqi", "iranian", "analysts", "anonymous_officials", "journalists", "other")
_OFFICIAL = frozenset({ActorKind.STATE, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY})
_ANALYST = frozenset({ActorKind.THINK_TANK, ActorKind.NGO, ActorKind.IGO})
_AFFILIATION = frozenset(
    {RelationPredicate.MEMBER_OF, RelationPredicate.LEADS, RelationPredicate.COMMANDS, RelationPredicate.PART_OF}
)
_COURSE_SIGN = {Predicate.FAVOURS: 1.0, Predicate.RECOMMENDS: 1.0, Predicate.OPPOSES: -1.0}
_STANCE_FACTOR = {Stance.ASSERTS: 1.0, Stance.HEDGES: 0.5, Stance.DENIES: -1.0}
_BLAME = frozenset({Predicate.RESPONSIBLE_FOR, Predicate.ORDERED})


@attrs.frozen
class Profile:
    """One source's voices, blame and courses."""

    source: str
    claims: int
    voices: tuple[tuple[str, str, int], ...]
    """(speaker id, category, number of claims)."""
    categories: dict[str, int]
    blame: dict[str, float]
    doubts: dict[str, float]
    courses: dict[str, float]
    leading_course: str | None


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

    def to_json(self) -> Any:
        """Profiles, the matrix and divergences, by id."""
        return {
            "profiles": [
                {**attrs.asdict(p, recurse=False), "voices": [list(v) for v in p.voices]} for p in self.profiles
            ],
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

        profiles = [
            (
                p.source,
                p.claims,
                ", ".join(f"{k} {v}" for k, v in p.categories.items() if v),
                top(p.blame),
                top(p.courses, 5),
                p.leading_course or "",
            )
            for p in self.profiles
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
            ("Profiles", ("source", "claims", "voices", "holds responsible", "courses", "leading course"), profiles),
            ("Similarity (cosine)", ("source", *ids), matrix),
            ("Where the sources diverge", ("proposition", "readings"), divergences),
        ]

    def to_markdown(self) -> str:
        """Profiles, similarity and divergences as Markdown tables."""
        return render_markdown("Perspectives", self._tables())

    def to_rich(self) -> RenderableType:
        """Profiles, similarity and divergences for the terminal."""
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
        anonymous = actor.kind is ActorKind.GROUP or not actor.name[:1].isupper()
        direct = [
            self.dataset.actors[o]
            for p, o in self.up.get(actor.id, ())
            if p is not RelationPredicate.PART_OF and o in self.dataset.actors
        ]
        if anonymous and any(a.kind in _OFFICIAL for a in direct):
            return "anonymous_officials"
        if any(a.kind in _ANALYST for a in chain):
            return "analysts"
        if any(a.kind is ActorKind.MEDIA for a in chain):
            return "journalists"
        official = [a for a in chain if a.kind in _OFFICIAL]
        countries = [a.country for a in official] + [actor.country]
        if "USA" in countries[:-1]:
            return "us_officials"
        for country, name in (("IRQ", "iraqi"), ("IRN", "iranian")):
            if country in countries:
                return name
        return "other"


def _own_voice(dataset: Dataset, claim: Claim) -> bool:
    source = dataset.sources[claim.source]
    if claim.subject == source.id:
        return True
    actor = dataset.actors.get(claim.subject)
    if actor is None:
        return False
    names = {n.casefold() for n in actor.names()}
    return bool(names & {a.casefold() for a in source.authors}) or (
        source.publisher is not None and source.publisher.casefold() in names
    )


def _course(claim: Claim) -> str | None:
    if claim.predicate not in _COURSE_SIGN or claim.value is None or claim.value.text is None:
        return None
    if claim.attribute != "course":
        return None
    return " ".join(claim.value.text.casefold().split())


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


def _profile(dataset: Dataset, source_id: str, aff: _Affiliations) -> Profile:
    claims = dataset.claims_by_source(source_id)
    voices: dict[str, int] = {}
    categories = dict.fromkeys(CATEGORIES, 0)
    blame: dict[str, float] = {}
    doubts: dict[str, float] = {}
    courses: dict[str, float] = {}
    for claim in claims:
        if claim.speaker is not None:
            voices[claim.speaker] = voices.get(claim.speaker, 0) + 1
            categories[aff.category(dataset.actors[claim.speaker])] += 1
        if claim.predicate in _BLAME:
            _add(blame if claim.stance is Stance.ASSERTS else doubts, claim.subject, claim.confidence)
        course = _course(claim)
        if course is not None:
            weight = (1.0 if _own_voice(dataset, claim) else 0.5) * claim.confidence
            _add(courses, course, _COURSE_SIGN[claim.predicate] * _STANCE_FACTOR[claim.stance] * weight)
    leading = max(courses.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    return Profile(
        source=source_id,
        claims=len(claims),
        voices=tuple((s, aff.category(dataset.actors[s]), n) for s, n in sorted(voices.items())),
        categories=categories,
        blame=dict(sorted(blame.items())),
        doubts=dict(sorted(doubts.items())),
        courses=dict(sorted(courses.items())),
        leading_course=leading[0] if leading is not None and leading[1] > 0 else None,
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


def run(dataset: Dataset) -> PerspectivesResult:
    """Profile every source with claims, compare them and list where they diverge."""
    aff = _Affiliations(dataset)
    sources = sorted({c.source for c in dataset.claims.values()})
    profiles = tuple(_profile(dataset, s, aff) for s in sources)
    vectors = {p.source: _vector(p) for p in profiles}
    similarity = {a: {b: _cosine(vectors[a], vectors[b]) for b in sources} for a in sources}
    by_prop: dict[PropositionKey, dict[str, set[str]]] = {}
    for claim in dataset.claims.values():
        by_prop.setdefault(proposition_key(claim), {}).setdefault(claim.source, set()).add(_reading(claim))
    divergences = []
    for prop, readings in sorted(by_prop.items(), key=lambda kv: tuple(x or "" for x in kv[0])):
        if len(readings) > 1 and len({frozenset(r) for r in readings.values()}) > 1:
            divergences.append(Divergence(prop, {s: tuple(sorted(r)) for s, r in sorted(readings.items())}))
    return PerspectivesResult(profiles, similarity, tuple(divergences))


ANALYSIS = Analysis(
    name="perspectives",
    description="Per source: whose voices it quotes, whom it blames, which course it favours; "
    "similarity between sources and where they diverge.",
    run=run,
)
