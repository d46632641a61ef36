"""``contradictions``: claims of different sources that cannot both hold, kept apart from framing.

Precision matters as much as recall: a pair that can hold at once is never a finding. Four
things are kept apart and labelled:

``contradiction`` (in :attr:`ContradictionsResult.findings`)
    two sources take opposed stances on one proposition (one asserts, the other denies), or
    give incompatible values of one quantity *at the same time and scope* (count ranges
    that cannot overlap — a higher toll reported days later is an update, not a clash, and
    an open lower bound over a figure, "more than 988" or a hedged "probably much higher"
    against 988, doubts that figure rather than giving a second one —, dates that cannot
    overlap, places with no name in common, methods that the method taxonomy keeps apart),
    or assert predicates that exclude each other (``allied_with``/``hostile_to``,
    ``favours``/``opposes``). A hedge is not a denial: a source that asserts and one that
    hedges the same proposition agree in direction. Opposed stances are *high* only when
    both are confident, about a relation or an occurrence, and one side at least is a
    reported fact; two judgements (``assessment``, ``attribution``) opposed are a
    disagreement of assessment: *medium*.
``disputed_attribution`` (in :attr:`ContradictionsResult.findings`)
    who did or ordered an event: one claim asserts an actor's role and another denies it
    (*medium*) or contests it with a hedge ("no firm evidence that X ordered it", *low*).
    A hedge or denial against nobody's assertion is an uncertainty, not a dispute: "the
    militia did it" and "no firm evidence that Iran ordered it" both hold, whoever backs
    the militia. Several actors blamed for one event are not a dispute either: they may
    share responsibility.
framing (in :attr:`ContradictionsResult.framings`, never a finding)
    one act described differently, in words that can all hold at once: ``states`` claims
    with ``attribute="framing"`` ("drone strike", "assassination", "killing", "murder"),
    ``method`` claims whose terms the taxonomy finds compatible or overlapping ("a strike by
    warplanes", "a missile strike"), and (``aspect="attribution"``) one attribution stated
    as fact by one source and reported only as the accusation of a party to the conflict
    by another (a speaker of the attacked side, in words that distance the source:
    "accused", "blamed", "assessed", "alleged") — a difference of epistemic framing.
``revision`` (in :attr:`ContradictionsResult.within_source`, never a finding)
    a source against itself *in one voice* (its own, or one speaker's): two figures, a
    stance and its reversal, a correction. A source that quotes a view to rebut it, or sets
    a speaker against another, states one position: no revision.

Method taxonomy (:data:`METHODS`): terms map to paths in a small tree
(``strike/air/drone`` for a drone strike); two methods on one path are compatible (a drone
strike is an air strike; "raid" and "strike" are generic); the air and missile branches,
and the missile and indirect-fire branches, overlap (warplanes fire missiles; rockets are
missiles): compatible too, listed under framings. Only methods on branches that exclude
each other (a ground raid and a drone strike, rockets and a car bomb) contradict (medium).
Unknown terms are not compared.

Claims are grouped by proposition (:func:`~mideast_model.analyses.common.proposition_key`),
so the work is linear in the claims plus the size of the groups; every finding lists its
claims sorted and its passages by claim id, so the result does not depend on input order
and is symmetric in the two sides. Duplicates (one set of claims found twice) are merged.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import (
    PropositionKey,
    Sides,
    gc_paused,
    proposition_key,
    render_markdown,
    render_rich,
)
from mideast_model.extensions import Analysis
from mideast_model.model import EXCLUSIVE_PREDICATES, Claim, ClaimKind, Predicate, Stance

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

__all__ = ["METHODS", "ContradictionsResult", "Finding", "Framing", "Passage", "method_relation", "run"]

_BLAME = frozenset({Predicate.RESPONSIBLE_FOR, Predicate.ORDERED})
_SYMMETRIC = frozenset({Predicate.ALLIED_WITH, Predicate.HOSTILE_TO})
_EXCLUSIVE: dict[Predicate, frozenset[Predicate]] = {}
for _pair in EXCLUSIVE_PREDICATES:
    for _p in _pair:
        _EXCLUSIVE[_p] = _EXCLUSIVE.get(_p, frozenset()) | (_pair - {_p})
_RELATIONAL = frozenset(
    {
        Predicate.CONTROLS,
        Predicate.BACKS,
        Predicate.COMMANDS,
        Predicate.LEADS,
        Predicate.PART_OF,
        Predicate.MEMBER_OF,
        Predicate.OCCURRED,
        Predicate.ALLIED_WITH,
        Predicate.HOSTILE_TO,
    }
)
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
#: Days between two reports after which a higher count is an update (a toll that rose).
UPDATE_DAYS = 2
#: Words by which a source reports an attribution as someone's accusation, not as fact.
_DISTANCING = re.compile(r"\b(accus|alleg|blam|assess|suspect|claim(?:ed|s)\b|charg(?:ed|es)\b)", re.IGNORECASE)

#: Method terms → their path in the method tree (most specific term in a text wins).
METHODS: dict[str, tuple[str, ...]] = {
    "strike": ("strike",),
    "attack": ("strike",),
    "air strike": ("strike", "air"),
    "airstrike": ("strike", "air"),
    "air raid": ("strike", "air"),
    "bombing": ("strike", "air"),
    "bomber": ("strike", "air", "manned"),
    "warplane": ("strike", "air", "manned"),
    "fighter jet": ("strike", "air", "manned"),
    "helicopter": ("strike", "air", "manned"),
    "drone": ("strike", "air", "drone"),
    "uav": ("strike", "air", "drone"),
    "missile": ("strike", "missile"),
    "ballistic missile": ("strike", "missile", "ballistic"),
    "cruise missile": ("strike", "missile", "cruise"),
    "rocket": ("strike", "indirect fire", "rocket"),
    "mortar": ("strike", "indirect fire", "mortar"),
    "shelling": ("strike", "indirect fire"),
    "artillery": ("strike", "indirect fire"),
    "ied": ("strike", "explosive"),
    "car bomb": ("strike", "explosive"),
    "suicide": ("strike", "explosive"),
    "raid": ("strike",),  # "nighttime raids" are often air raids: generic
    "ground raid": ("strike", "ground"),
    "commando raid": ("strike", "ground"),
    "ground assault": ("strike", "ground"),
    "shooting": ("strike", "ground"),
    "gunfire": ("strike", "ground"),
}
#: Branches that overlap in practice (an air strike fires missiles; rockets are missiles).
_OVERLAP = frozenset(
    {
        frozenset({("strike", "air"), ("strike", "missile")}),
        frozenset({("strike", "missile"), ("strike", "indirect fire")}),
    }
)
#: Words that frame an act rather than say how it was done (never compared as methods).
FRAMING_TERMS = frozenset({"assassination", "murder", "killing", "execution", "martyrdom", "targeted killing"})


@attrs.frozen
class Passage:
    """One side of a finding: the claim, its source and speaker, stance, and the verbatim words."""

    claim: str
    source: str
    speaker: str | None
    stance: str
    confidence: float
    text: str
    reading: str


@attrs.frozen
class Finding:
    """Claims that cannot both hold: the two sides' passages side by side, why, and how serious.

    :param kind: ``contradiction`` or ``disputed_attribution`` (``revision`` in ``within_source``).
    :param sides: the claim ids of each side (two tuples), each sorted; the sides are sorted too.
    :param passages: every claim's verbatim passage, by claim id.
    :param severity: ``high``, ``medium`` or ``low``.
    :param evidence: for a disputed attribution, the strength of the evidence.
    """

    kind: str
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    speakers: tuple[str, ...]
    reason: str
    proposition: tuple[str | None, ...] = ()
    severity: str = "medium"
    sides: tuple[tuple[str, ...], ...] = ()
    passages: tuple[Passage, ...] = ()
    evidence: str | None = None


@attrs.frozen
class Framing:
    """One act named differently by different sources: never a contradiction.

    :param terms: (source id, term, claim id), sorted.
    :param aspect: ``naming`` (framing words and compatible methods) or ``attribution``
        (one attribution stated as fact by one source, reported as an accusation by another).
    """

    subject: str
    terms: tuple[tuple[str, str, str], ...]
    aspect: str = "naming"


@attrs.frozen
class ContradictionsResult:
    """Cross-source findings, the framing pairs and a source's disagreements with itself, kept apart."""

    findings: tuple[Finding, ...]
    framings: tuple[Framing, ...] = ()
    within_source: tuple[Finding, ...] = ()

    @gc_paused
    def to_json(self) -> Any:
        """Findings, framings and within-source items, with claim, source and speaker ids."""

        def one(f: Finding) -> dict[str, Any]:
            return {
                "kind": f.kind,
                "severity": f.severity,
                "reason": f.reason,
                "evidence": f.evidence,
                "claims": list(f.claims),
                "sides": [list(s) for s in f.sides],
                "sources": list(f.sources),
                "speakers": list(f.speakers),
                "proposition": list(f.proposition),
                "passages": [  # the fields in order (what attrs.asdict gave, without its cost)
                    {
                        "claim": p.claim,
                        "source": p.source,
                        "speaker": p.speaker,
                        "stance": p.stance,
                        "confidence": p.confidence,
                        "text": p.text,
                        "reading": p.reading,
                    }
                    for p in f.passages
                ],
            }

        return {
            "findings": [one(f) for f in self.findings],
            "framings": [
                {"subject": fr.subject, "aspect": fr.aspect, "terms": [list(t) for t in fr.terms]}
                for fr in self.framings
            ],
            "within_source": [one(f) for f in self.within_source],
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        def side(f: Finding, i: int) -> str:
            ids = set(f.sides[i]) if len(f.sides) > i else set()
            return " · ".join(
                f"[{p.source}{' / ' + p.speaker if p.speaker else ''}, {p.stance}] “{p.text}”"
                for p in f.passages
                if p.claim in ids
            )

        rows: list[tuple[Any, ...]] = [(f.kind, f.severity, f.reason, side(f, 0), side(f, 1)) for f in self.findings]
        tables: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]] = [
            ("Cannot both hold", ("kind", "severity", "why", "one side", "other side"), rows)
        ]
        if self.within_source:
            own: list[tuple[Any, ...]] = [(f.sources[0], f.reason, side(f, 0), side(f, 1)) for f in self.within_source]
            tables.append(
                ("Within one source (revisions, self-hedges; not contradictions)", ("source", "what", "a", "b"), own)
            )
        if self.framings:
            framed: list[tuple[Any, ...]] = [
                (
                    fr.subject if fr.aspect == "naming" else f"{fr.subject} ({fr.aspect})",
                    "; ".join(f"{s}: {t}" for s, t, _ in fr.terms),
                )
                for fr in self.framings
            ]
            tables.append(
                ("Framing (one act named or attributed differently; see perspectives)", ("act", "terms"), framed)
            )
        return tables

    def to_markdown(self) -> str:
        """The findings side by side, then the within-source items and the framings."""
        return render_markdown("Contradictions", self._tables())

    def to_rich(self) -> RenderableType:
        """The findings for the terminal."""
        return render_rich("Contradictions", self._tables())


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _reading(claim: Claim) -> str:
    value = claim.value
    text = claim.stance.value
    if value is None:
        return text
    if value.count is not None:
        c = value.count
        shown = str(c.low) if c.high == c.low else f"{c.low}–{'' if c.high is None else c.high}"
        return f"{text} {shown}{' (approx.)' if c.approximate else ''}"
    if value.when is not None and value.text is None:
        return f"{text} {value.when.edtf}"
    return f"{text} {value.text!r}"


def _passage(claim: Claim) -> Passage:
    text = claim.evidence or claim.quote or (claim.value.text if claim.value and claim.value.text else "")
    return Passage(
        claim.id,
        claim.source,
        claim.speaker,
        claim.stance.value,
        claim.confidence,
        " ".join(text.split()),
        _reading(claim),
    )


def _prop_text(prop: Sequence[str | None]) -> str:
    subject, predicate, obj, attribute, content = (list(prop) + [None] * 5)[:5]
    text = f"{subject} {predicate}"
    if obj is not None:
        text += f" {obj}"
    if attribute is not None:
        text += f" [{attribute}]"
    if content is not None:
        text += f" {content!r}"
    return text


def _make(
    kind: str,
    a: Iterable[Claim],
    b: Iterable[Claim],
    reason: str,
    severity: str,
    proposition: Sequence[str | None] = (),
    evidence: str | None = None,
) -> Finding:
    side_a = tuple(sorted({c.id: c for c in a}))
    side_b = tuple(sorted({c.id: c for c in b}))
    every = {c.id: c for c in (*a, *b)}
    sides = tuple(sorted((side_a, side_b)))
    group = sorted(every.values(), key=lambda c: c.id)
    return Finding(
        kind=kind,
        claims=tuple(c.id for c in group),
        sources=tuple(sorted({c.source for c in group})),
        speakers=tuple(sorted({c.speaker for c in group if c.speaker is not None})),
        reason=reason,
        proposition=tuple(proposition),
        severity=severity,
        sides=sides,
        passages=tuple(_passage(c) for c in group),
        evidence=evidence,
    )


def _split(
    kind: str,
    a: list[Claim],
    b: list[Claim],
    reason: str,
    severity: str,
    prop: Sequence[str | None] = (),
    evidence: str | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """Cross-source pairs become findings; a source against itself becomes a revision."""
    cross, own = [], []
    sources_a, sources_b = {c.source for c in a}, {c.source for c in b}
    if any(sa != sb for sa in sources_a for sb in sources_b):
        cross.append(_make(kind, a, b, reason, severity, prop, evidence))
    for source in sorted(sources_a & sources_b):
        # a revision is a source against itself in one voice (its own, or one speaker's): a
        # source quoting a view and rebutting it, or setting two speakers against each other,
        # states one position, not two
        voices_a = {c.speaker for c in a if c.source == source}
        voices_b = {c.speaker for c in b if c.source == source}
        for voice in sorted(voices_a & voices_b, key=lambda x: x or ""):
            mine_a = [c for c in a if c.source == source and c.speaker == voice]
            mine_b = [c for c in b if c.source == source and c.speaker == voice]
            own.append(_make("revision", mine_a, mine_b, f"{source} against itself: {reason}", "low", prop))
    return cross, own


# --- methods -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(term)}s?\b")


@functools.lru_cache(maxsize=8192)
def _method_path(text: str) -> tuple[str, ...] | None:
    """The path of the most specific :data:`METHODS` term in ``text`` (kept per text: a dataset
    repeats a few method texts over thousands of claims)."""
    words = _norm(text)
    best: tuple[str, ...] | None = None
    for term, path in METHODS.items():
        if _term_pattern(term).search(words) and (best is None or len(path) > len(best)):
            best = path
    return best


def method_relation(a: str, b: str) -> str:
    """How two method texts relate: ``same``, ``compatible``, ``overlap`` (can both hold), ``different`` or
    ``unknown``. Only ``different`` is a contradiction."""
    if _norm(a) == _norm(b):
        return "same"
    pa, pb = _method_path(a), _method_path(b)
    if pa is None or pb is None:
        return "unknown"
    if pa == pb or pa[: len(pb)] == pb or pb[: len(pa)] == pa:
        return "compatible"
    branch_a, branch_b = pa[:2], pb[:2]
    if frozenset({branch_a, branch_b}) in _OVERLAP:
        return "overlap"
    if branch_a == branch_b:
        return "compatible"
    return "different"


# --- values at matching time and scope -------------------------------------------------------


def _scope(dataset: Dataset, claim: Claim) -> frozenset[str]:
    return frozenset(x for x in claim.about if x in dataset.events)


def _same_time(dataset: Dataset, a: Claim, b: Claim) -> bool:
    """Values of one quantity are compared only at matching time and scope."""
    if _scope(dataset, a) != _scope(dataset, b):
        return False
    wa = a.value.when if a.value is not None and a.value.count is not None else None
    wb = b.value.when if b.value is not None and b.value.count is not None else None
    if wa is not None and wb is not None:
        return wa.overlaps(wb)
    # an event's own count (its dead, its wounded) is fixed by the event — unless the later
    # report gives the higher figure days later (a toll that rose); a stock quantity (troops,
    # carriers) with no stated time may differ between times: not compared
    if a.subject not in dataset.events:
        return False
    return not _later_update(dataset, a, b)


def _reported(dataset: Dataset, claim: Claim) -> dt.date | None:
    span = claim.said or dataset.sources[claim.source].published
    return None if span is None or span.is_open else span.midpoint


def _later_update(dataset: Dataset, a: Claim, b: Claim) -> bool:
    """True when one count was reported over two days after the other and is higher (an update)."""
    da, db = _reported(dataset, a), _reported(dataset, b)
    if da is None or db is None or abs((da - db).days) <= UPDATE_DAYS:
        return False
    early, late = (a, b) if da < db else (b, a)
    assert early.value is not None and late.value is not None
    ce, cl = early.value.count, late.value.count
    if ce is None or cl is None:
        return False
    return ce.high is not None and cl.low >= ce.high


def _disjoint(a: Claim, b: Claim) -> bool:
    va, vb = a.value, b.value
    assert va is not None and vb is not None
    if va.count is not None and vb.count is not None:
        if _floor_over_figure(a, b) or _floor_over_figure(b, a):
            return False
        return not va.count.overlaps(vb.count)
    if va.when is not None and vb.when is not None and va.text is None and vb.text is None:
        return not va.when.overlaps(vb.when)
    return False


def _floor_over_figure(floor: Claim, figure: Claim) -> bool:
    """True when ``floor`` is an open lower bound ("more than 988", "probably much higher") over
    the exact count ``figure`` reports: it doubts that figure (the true value exceeds it), it
    does not give a second one. The bound must start at the figure (``more than N`` against
    ``N``) or be hedged."""
    assert floor.value is not None and figure.value is not None
    cf, cx = floor.value.count, figure.value.count
    if cf is None or cx is None or cf.high is not None or cx.high != cx.low:
        return False
    return cx.low <= cf.low and (cf.low - cx.low <= 1 or floor.stance is Stance.HEDGES)


_NAME = re.compile(r"\b[A-Z][\w'’-]+")


def _places_disjoint(a: str, b: str) -> bool:
    na = {w.casefold() for w in _NAME.findall(a)} - {"the", "a", "an"}
    nb = {w.casefold() for w in _NAME.findall(b)} - {"the", "a", "an"}
    return bool(na) and bool(nb) and not (na & nb) and _norm(a) not in _norm(b) and _norm(b) not in _norm(a)


def _value_findings(dataset: Dataset, prop: PropositionKey, claims: list[Claim]) -> tuple[list[Finding], list[Finding]]:
    with_value = sorted(
        (c for c in claims if c.stance is not Stance.DENIES and c.value is not None), key=lambda c: c.id
    )
    cross: list[Finding] = []
    own: list[Finding] = []
    pairs: dict[tuple[str, str], tuple[list[Claim], list[Claim], str]] = {}
    for i, a in enumerate(with_value):
        for b in with_value[i + 1 :]:
            assert a.value is not None and b.value is not None
            severity = None
            why = ""
            if a.predicate is Predicate.METHOD and a.value.text and b.value.text:
                if _norm(a.value.text) in FRAMING_TERMS or _norm(b.value.text) in FRAMING_TERMS:
                    continue
                relation = method_relation(a.value.text, b.value.text)
                # "same", "compatible" and "overlap" (warplanes fire missiles) can all hold at
                # once: a difference of description, listed under framings
                if relation == "different":
                    severity, why = "medium", "different methods"
            elif a.predicate is Predicate.LOCATION and a.value.text and b.value.text:
                if _places_disjoint(a.value.text, b.value.text):
                    severity, why = "medium", "places with no name in common"
            elif _same_time(dataset, a, b) and _disjoint(a, b):
                approx = any(
                    c.value is not None and c.value.count is not None and c.value.count.approximate for c in (a, b)
                )
                hedged = Stance.HEDGES in (a.stance, b.stance)
                severity = "low" if hedged else ("medium" if approx else "high")
                why = "values that cannot overlap at the same time and scope"
            if severity is None:
                continue
            reason = f"{_prop_text(prop)}: {_reading(a).split(' ', 1)[-1]} vs {_reading(b).split(' ', 1)[-1]} — {why}"
            key = (a.id, b.id)
            pairs[key] = ([a], [b], reason + "\x00" + severity)
    for (_, _), (a_side, b_side, packed) in sorted(pairs.items()):
        reason, severity = packed.split("\x00")
        c, o = _split("contradiction", a_side, b_side, reason, severity, prop)
        cross.extend(c)
        own.extend(o)
    return cross, own


def _stance_findings(prop: PropositionKey, claims: list[Claim]) -> tuple[list[Finding], list[Finding]]:
    asserts = [c for c in claims if c.stance is Stance.ASSERTS]
    denies = [c for c in claims if c.stance is Stance.DENIES]
    if not asserts or not denies:
        return [], []
    predicate = Predicate(prop[1])
    if predicate in _BLAME:
        return [], []  # handled as disputed attributions
    strong = max(c.confidence for c in asserts) >= 0.7 and max(c.confidence for c in denies) >= 0.7
    # high needs a reported fact on one side at least; two judgements (an analyst's view against
    # a source's characterisation) are a disagreement of assessment: medium
    factual = any(c.kind is ClaimKind.FACT for c in (*asserts, *denies))
    severity = "high" if strong and factual and predicate in _RELATIONAL else "medium"
    return _split(
        "contradiction", asserts, denies, f"{_prop_text(prop)}: asserted by one, denied by the other", severity, prop
    )


def _exclusive_findings(claims: Iterable[Claim]) -> tuple[list[Finding], list[Finding]]:
    index: dict[tuple[str, str | None, str | None, str | None], dict[Predicate, list[Claim]]] = {}
    for c in claims:
        if c.predicate not in _EXCLUSIVE or c.stance is not Stance.ASSERTS:
            continue
        subject, obj = c.subject, c.object
        if c.predicate in _SYMMETRIC and obj is not None and obj < subject:
            subject, obj = obj, subject
        text = None if c.value is None or c.value.text is None else _norm(c.value.text)
        if c.predicate in _SYMMETRIC:
            text = None  # the texts of relations describe them; the relation is what is exclusive
        index.setdefault((subject, obj, c.attribute, text), {}).setdefault(c.predicate, []).append(c)
    cross: list[Finding] = []
    own: list[Finding] = []
    for key, preds in sorted(index.items(), key=lambda kv: tuple(x or "" for x in kv[0])):
        done: set[frozenset[Predicate]] = set()
        for pred in sorted(preds, key=lambda p: p.value):
            for other in sorted(_EXCLUSIVE[pred] & preds.keys(), key=lambda p: p.value):
                pair = frozenset({pred, other})
                if pair in done:
                    continue
                done.add(pair)
                about = " ".join(x for x in (key[0], key[1], key[3]) if x is not None)
                reason = f"{about}: {' and '.join(sorted(p.value for p in pair))} cannot both hold"
                found_cross, found_own = _split("contradiction", preds[pred], preds[other], reason, "medium")
                cross.extend(found_cross)
                own.extend(found_own)
    return cross, own


# --- attributions ------------------------------------------------------------------------------


def _name(dataset: Dataset, actor: str) -> str:
    found = dataset.actors.get(actor)
    return found.name if found is not None else actor


def _word_at(text: str, start: int) -> str:
    """The whole word of ``text`` that starts at ``start``."""
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] in "-'’"):
        end += 1
    return text[start:end]


def _attribution_findings(
    dataset: Dataset, claims: Iterable[Claim]
) -> tuple[list[Finding], list[Finding], list[Framing]]:
    """Disputed attributions (an attribution asserted and denied or contested), and the
    attributions stated as fact by one source but reported as an accusation by another (framing)."""
    sides = Sides(dataset)
    by_event: dict[str, list[Claim]] = {}
    for c in claims:
        if c.predicate in _BLAME and c.object is not None and c.object in dataset.events and c.attribute in (None, ""):
            by_event.setdefault(c.object, []).append(c)
    cross: list[Finding] = []
    own: list[Finding] = []
    framed: list[Framing] = []
    for event_id, group in sorted(by_event.items()):
        asserted = [c for c in group if c.stance is Stance.ASSERTS]
        doubted = [c for c in group if c.stance is not Stance.ASSERTS]
        # (a) an actor's role asserted by one claim and denied or contested by another. A doubt
        # that contests nobody's assertion ("no firm evidence that Iran ordered it", while the
        # others blame a militia Iran backs) is an uncertainty: the militia did it and Iran's
        # order is unproven can both hold. Several actors blamed may share it: no dispute.
        for actor in sorted({c.subject for c in doubted}):
            doubts = [c for c in doubted if c.subject == actor]
            support = [c for c in asserted if c.subject == actor]
            if not support:
                continue
            denied = any(c.stance is Stance.DENIES for c in doubts)
            low = max(c.confidence for c in doubts)
            verbs = sorted({"order" if c.predicate is Predicate.ORDERED else "bear responsibility for" for c in doubts})
            evidence = (
                f"{'denied' if denied else 'hedged'} by {len(doubts)} claim(s) (confidence ≤ {low:g}); "
                f"asserted by {len({c.source for c in support})} source(s)"
            )
            reason = (
                f"{event_id}: did {actor} {' or '.join(verbs)} it? "
                f"{'Denied' if denied else 'Contested (no firm evidence)'} in one account, asserted in another"
            )
            c_, o_ = _split(
                "disputed_attribution",
                doubts,
                support,
                reason,
                "medium" if denied else "low",
                (event_id, "responsible_for", actor),
                evidence,
            )
            cross.extend(c_)
            own.extend(o_)
        # (c) stated as fact by one source, reported only as a party's accusation by another:
        # nobody denies or doubts it, so both hold — a difference of epistemic framing
        event = dataset.events[event_id]
        day = None if event.when.is_open else event.when.midpoint
        victims = {sides.camp(p.actor, day) for p in event.participants if p.role.value in ("target", "victim")}
        plain = [c for c in asserted if c.speaker is None]
        accused = [
            c
            for c in asserted
            if c.speaker is not None
            and c.speaker in dataset.actors
            and sides.camp(c.speaker, day) in victims
            and _DISTANCING.search(c.evidence or c.quote or "")
        ]
        only_accusation = sorted({c.source for c in accused} - {c.source for c in plain})
        if plain and only_accusation:
            terms = {(c.source, f"as fact: {_name(dataset, c.subject)}", c.id) for c in plain}
            for c in accused:
                if c.source in only_accusation:
                    match = _DISTANCING.search(c.evidence or c.quote or "")
                    word = _word_at(c.evidence or c.quote or "", match.start() if match else 0)
                    who = _name(dataset, c.speaker) if c.speaker else "?"
                    terms.add((c.source, f"as an accusation by {who} (“{word}”): {_name(dataset, c.subject)}", c.id))
            framed.append(Framing(event_id, tuple(sorted(terms)), "attribution"))
    return cross, own, framed


# --- framing ---------------------------------------------------------------------------------


def _framings(dataset: Dataset) -> list[Framing]:
    terms: dict[str, set[tuple[str, str, str]]] = {}
    for c in dataset.claims.values():
        if c.value is None or c.value.text is None or c.stance is Stance.DENIES:
            continue
        if (c.predicate is Predicate.STATES and c.attribute == "framing") or c.predicate is Predicate.METHOD:
            terms.setdefault(c.subject, set()).add((c.source, _norm(c.value.text), c.id))
    out = []
    for subject, found in sorted(terms.items()):
        words = {t for _, t, _ in found}
        sources = {s for s, _, _ in found}
        if len(words) < 2 or len(sources) < 2:
            continue
        method_texts = [
            t for s, t, cid in found if dataset.claims[cid].predicate is Predicate.METHOD and t not in FRAMING_TERMS
        ]
        clash = any(
            method_relation(x, y) == "different" for i, x in enumerate(method_texts) for y in method_texts[i + 1 :]
        )
        if clash and not words - set(method_texts):
            continue  # a real method discrepancy only: reported as a finding
        out.append(Framing(subject, tuple(sorted(found))))
    return out


def _merge(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per set of claims (the most severe kept); sorted by severity, kind and claims."""
    best: dict[tuple[str, ...], Finding] = {}
    for f in findings:
        old = best.get(f.claims)
        if old is None or (_SEVERITY_ORDER[f.severity], f.kind, f.reason) < (
            _SEVERITY_ORDER[old.severity],
            old.kind,
            old.reason,
        ):
            best[f.claims] = f
    return sorted(best.values(), key=lambda f: (_SEVERITY_ORDER[f.severity], f.kind, f.claims, f.reason))


@gc_paused
def run(dataset: Dataset) -> ContradictionsResult:
    """Find what different sources say that cannot both hold; keep framing and self-revision apart."""
    groups: dict[PropositionKey, list[Claim]] = {}
    for claim in dataset.claims.values():
        if claim.attribute == "framing":
            continue
        groups.setdefault(proposition_key(claim), []).append(claim)
    cross: list[Finding] = []
    own: list[Finding] = []
    for prop, claims in groups.items():
        if len(claims) < 2:
            continue
        for found in (_stance_findings(prop, claims), _value_findings(dataset, prop, claims)):
            cross.extend(found[0])
            own.extend(found[1])
    exclusive = _exclusive_findings(c for c in dataset.claims.values() if c.attribute != "framing")
    disputed, disputed_own, attributions = _attribution_findings(dataset, dataset.claims.values())
    cross.extend([*exclusive[0], *disputed])
    own.extend([*exclusive[1], *disputed_own])
    framings = sorted([*_framings(dataset), *attributions], key=lambda fr: (fr.subject, fr.aspect))
    return ContradictionsResult(tuple(_merge(cross)), tuple(framings), tuple(_merge(own)))


ANALYSIS = Analysis(
    name="contradictions",
    description="What different sources say that cannot both hold (opposed stances, incompatible values at the "
    "same time and scope, disputed attributions), each with both passages verbatim and a severity; framing and "
    "a source's self-revisions listed apart.",
    run=run,
)
