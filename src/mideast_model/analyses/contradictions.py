"""``contradictions``: groups of claims that cannot all hold.

Claims are indexed by proposition (subject, predicate, object, attribute, and the text for
content predicates such as ``states``; :func:`~mideast_model.analyses.common.proposition_key`) and compared only
within their group, so the work is linear in the number of claims plus the size of the
groups' findings — no all-pairs loop. Four kinds of finding:

``opposed``
    the same proposition asserted by some claims and denied by others;
``disputed``
    the same proposition asserted by some and hedged by others (weaker);
``values``
    incompatible values for one proposition: count ranges or time spans that cannot
    overlap, or different texts for ``method`` and ``location``;
``exclusive``
    two predicates that exclude each other (:data:`~mideast_model.model.EXCLUSIVE_PREDICATES`)
    asserted of the same subject, object and value;
``proxy``
    X is blamed for an event while some Y backs or controls X, and a claim doubts or denies
    that Y ordered or was responsible for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from mideast_model.analyses.common import PropositionKey, proposition_key, render_markdown, render_rich
from mideast_model.extensions import Analysis
from mideast_model.model import EXCLUSIVE_PREDICATES, Claim, Predicate, RelationPredicate, Stance

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

TEXT_PREDICATES = frozenset({Predicate.METHOD, Predicate.LOCATION})
_BLAME = frozenset({Predicate.RESPONSIBLE_FOR, Predicate.ORDERED})
_BACKING = frozenset({Predicate.BACKS, Predicate.CONTROLS})
_SYMMETRIC = frozenset({Predicate.ALLIED_WITH, Predicate.HOSTILE_TO})
_EXCLUSIVE: dict[Predicate, frozenset[Predicate]] = {}
for _pair in EXCLUSIVE_PREDICATES:
    for _p in _pair:
        _EXCLUSIVE[_p] = _EXCLUSIVE.get(_p, frozenset()) | (_pair - {_p})
T = TypeVar("T")


@attrs.frozen
class Finding:
    """Claims that cannot all hold, why, and who says so."""

    kind: str
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    speakers: tuple[str, ...]
    reason: str
    proposition: tuple[str | None, ...] = ()


@attrs.frozen
class ContradictionsResult:
    """Every finding, sorted by kind then claim ids."""

    findings: tuple[Finding, ...]

    def to_json(self) -> Any:
        """The findings with claim, source and speaker ids."""
        return {
            "findings": [
                {
                    **attrs.asdict(f, recurse=False),
                    "claims": list(f.claims),
                    "sources": list(f.sources),
                    "speakers": list(f.speakers),
                    "proposition": list(f.proposition),
                }
                for f in self.findings
            ]
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        rows = [
            (f.kind, f.reason, ", ".join(f.claims), ", ".join(f.sources), ", ".join(f.speakers)) for f in self.findings
        ]
        return [("Contradictions", ("kind", "reason", "claims", "sources", "speakers"), rows)]

    def to_markdown(self) -> str:
        """The findings as a Markdown table."""
        return render_markdown("Contradictions", self._tables())

    def to_rich(self) -> RenderableType:
        """The findings for the terminal."""
        return render_rich("Contradictions", self._tables())


def _finding(kind: str, claims: Iterable[Claim], reason: str, proposition: Sequence[str | None] = ()) -> Finding:
    group = sorted({c.id: c for c in claims}.values(), key=lambda c: c.id)
    return Finding(
        kind=kind,
        claims=tuple(c.id for c in group),
        sources=tuple(sorted({c.source for c in group})),
        speakers=tuple(sorted({c.speaker for c in group if c.speaker is not None})),
        reason=reason,
        proposition=tuple(proposition),
    )


def _prop_text(prop: Sequence[str | None]) -> str:
    subject, predicate, obj, attribute, content = prop
    text = f"{subject} {predicate}"
    if obj is not None:
        text += f" {obj}"
    if attribute is not None:
        text += f" [{attribute}]"
    if content is not None:
        text += f" {content!r}"
    return text


def _outliers(items: list[tuple[T, float, float]]) -> list[T]:
    """Items whose interval [low, high] is disjoint from at least one other item's (linear time)."""
    if len(items) < 2:
        return []
    by_high = sorted(items, key=lambda x: x[2])
    by_low = sorted(items, key=lambda x: x[1], reverse=True)
    out = []
    for item in items:
        _, low, high = item
        min_high = next(x[2] for x in by_high[:2] if x is not item)
        max_low = next(x[1] for x in by_low[:2] if x is not item)
        if min_high < low or max_low > high:
            out.append(item[0])
    return out


def _show(claim: Claim) -> str:
    value = claim.value
    if value is None:
        return "?"
    if value.count is not None:
        c = value.count
        text = str(c.low) if c.high == c.low else f"{c.low}–{'' if c.high is None else c.high}"
        return f"{text}{'~' if c.approximate else ''}"
    if value.when is not None:
        return value.when.edtf
    return repr(value.text)


def _value_finding(prop: PropositionKey, claims: list[Claim]) -> Finding | None:
    with_value = [c for c in claims if c.stance is not Stance.DENIES and c.value is not None]
    counts: list[tuple[Claim, float, float]] = []
    spans: list[tuple[Claim, float, float]] = []
    texts: dict[str, list[Claim]] = {}
    for c in with_value:
        assert c.value is not None
        if c.value.count is not None:
            high = float("inf") if c.value.count.high is None else float(c.value.count.high)
            counts.append((c, float(c.value.count.low), high))
        elif c.value.when is not None:
            first, last = c.value.when.bounds()
            spans.append((c, float(first.toordinal()), float(last.toordinal())))
        elif c.value.text is not None and c.predicate in TEXT_PREDICATES:
            texts.setdefault(" ".join(c.value.text.casefold().split()), []).append(c)
    clash = _outliers(counts) + _outliers(spans)
    if len(texts) > 1:
        clash.extend(c for group in texts.values() for c in group)
    if not clash:
        return None
    clash.sort(key=lambda c: c.id)
    values = " vs ".join(sorted({_show(c) for c in clash}))
    hedged = any(c.stance is Stance.HEDGES for c in clash)
    reason = f"{_prop_text(prop)}: incompatible values {values}" + (" (some hedged)" if hedged else "")
    return _finding("values", clash, reason, prop)


def _stance_findings(prop: PropositionKey, claims: list[Claim]) -> list[Finding]:
    by_stance: dict[Stance, list[Claim]] = {}
    for c in claims:
        by_stance.setdefault(c.stance, []).append(c)
    asserts = by_stance.get(Stance.ASSERTS, [])
    out = []
    if asserts and Stance.DENIES in by_stance:
        out.append(
            _finding("opposed", asserts + by_stance[Stance.DENIES], f"{_prop_text(prop)}: asserted and denied", prop)
        )
    if asserts and Stance.HEDGES in by_stance:
        out.append(
            _finding("disputed", asserts + by_stance[Stance.HEDGES], f"{_prop_text(prop)}: asserted and hedged", prop)
        )
    return out


def _exclusive_findings(claims: Iterable[Claim]) -> list[Finding]:
    index: dict[tuple[str, str | None, str | None, str | None], dict[Predicate, list[Claim]]] = {}
    for c in claims:
        if c.predicate not in _EXCLUSIVE or c.stance is not Stance.ASSERTS:
            continue
        subject, obj = c.subject, c.object
        if c.predicate in _SYMMETRIC and obj is not None and obj < subject:
            subject, obj = obj, subject
        text = None if c.value is None or c.value.text is None else " ".join(c.value.text.casefold().split())
        index.setdefault((subject, obj, c.attribute, text), {}).setdefault(c.predicate, []).append(c)
    out = []
    for key, preds in index.items():
        done: set[frozenset[Predicate]] = set()
        for pred in sorted(preds, key=lambda p: p.value):
            for other in sorted(_EXCLUSIVE[pred] & preds.keys(), key=lambda p: p.value):
                pair = frozenset({pred, other})
                if pair in done:
                    continue
                done.add(pair)
                names = " vs ".join(sorted(p.value for p in pair))
                about = " ".join(x for x in (key[0], key[1], key[3]) if x is not None)
                out.append(_finding("exclusive", preds[pred] + preds[other], f"{about}: {names}"))
    return out


def _proxy_findings(dataset: Dataset, claims: Iterable[Claim]) -> list[Finding]:
    blamed: dict[str, list[Claim]] = {}
    doubted: dict[tuple[str, str], list[Claim]] = {}
    backing: dict[str, set[str]] = {}  # proxy -> backers
    for rel in dataset.relations.values():
        if rel.predicate in (RelationPredicate.BACKS, RelationPredicate.CONTROLS):
            backing.setdefault(rel.object, set()).add(rel.subject)
    for c in claims:
        if c.object is None:
            continue
        if c.predicate in _BACKING and c.stance is Stance.ASSERTS:
            backing.setdefault(c.object, set()).add(c.subject)
        elif c.predicate is Predicate.RESPONSIBLE_FOR and c.stance is Stance.ASSERTS:
            blamed.setdefault(c.object, []).append(c)
        if c.predicate in _BLAME and c.stance is not Stance.ASSERTS:
            doubted.setdefault((c.object, c.subject), []).append(c)
    out = []
    for (event, backer), doubts in sorted(doubted.items()):
        via = [c for c in blamed.get(event, ()) if backer in backing.get(c.subject, ())]
        if via:
            proxies = ", ".join(sorted({c.subject for c in via}))
            reason = f"{event}: blamed on {proxies}, backed by {backer}, whose role is doubted or denied"
            out.append(_finding("proxy", doubts + via, reason))
    return out


def run(dataset: Dataset) -> ContradictionsResult:
    """Find the groups of claims of ``dataset`` that cannot all hold."""
    groups: dict[PropositionKey, list[Claim]] = {}
    for claim in dataset.claims.values():
        groups.setdefault(proposition_key(claim), []).append(claim)
    findings: list[Finding] = []
    for prop, claims in groups.items():
        if len(claims) < 2:
            continue
        findings.extend(_stance_findings(prop, claims))
        value = _value_finding(prop, claims)
        if value is not None:
            findings.append(value)
    findings.extend(_exclusive_findings(dataset.claims.values()))
    findings.extend(_proxy_findings(dataset, dataset.claims.values()))
    key: Callable[[Finding], tuple[str, tuple[str, ...], str]] = lambda f: (f.kind, f.claims, f.reason)  # noqa: E731
    return ContradictionsResult(tuple(sorted(findings, key=key)))


ANALYSIS = Analysis(
    name="contradictions",
    description="Groups of claims that cannot all hold: opposite stances, incompatible values, exclusive "
    "predicates, attributions through a proxy whose backer's role is doubted.",
    run=run,
)
