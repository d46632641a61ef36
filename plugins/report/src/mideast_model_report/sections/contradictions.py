"""Contradictions and discrepancies from the ``contradictions`` analysis, the claims side by side."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model_report.builder import Report

KINDS = {
    "contradiction": ("Contradiction", "the sources' statements cannot both hold"),
    "disputed_attribution": (
        "Disputed attribution",
        "who did or ordered it is contested, with the strength of the evidence",
    ),
    "opposed": ("Opposite stances", "one source asserts what another denies"),
    "values": ("Incompatible values", "the same count, date or method given differently"),
    "exclusive": ("Mutually exclusive", "claims whose predicates cannot both hold"),
    "disputed": ("Asserted and hedged", "stated as fact by one, with reservations by another"),
    "proxy": ("Blame through a proxy", "the attack is blamed on a group whose backer's role is doubted or denied"),
    "revision": ("Revision within one source", "a source gives two values or readings of its own"),
    "self_hedge": ("Self-hedge within one source", "a source states and doubts the same thing"),
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
#: Claims shown side by side per finding (the rest are counted).
CLAIMS_PER_FINDING = 6


def claim_card(report: Report, claim_id: str) -> dict[str, Any] | None:
    """What a card shows of one claim: the source, the speaker, the stance, the words."""
    claim = report.dataset.claims.get(claim_id)
    if claim is None:
        return None
    return {
        "id": claim_id,
        "link": report.link(claim_id, "statement"),
        "source": report.link(claim.source),
        "speaker": report.label(claim.speaker) if claim.speaker else None,
        "stance": claim.stance.value,
        "confidence": claim.confidence,
        "text": report.claim_text(claim),
        "quote": claim.quote,
        "evidence": claim.evidence,
    }


def _finding(report: Report, finding: Mapping[str, Any]) -> dict[str, Any]:
    kind = finding.get("kind", "")
    title, gloss = KINDS.get(kind, (kind.replace("_", " ").capitalize() or "Finding", ""))
    claim_ids = list(finding.get("claims", []))
    sides = [list(side) for side in finding.get("sides", []) if side] or [claim_ids]
    columns = []
    shown = 0
    for side in sides:
        cards = []
        for claim_id in side:
            if shown >= CLAIMS_PER_FINDING:
                break
            card = claim_card(report, claim_id)
            if card is not None:
                cards.append(card)
                shown += 1
        columns.append(cards)
    return {
        "kind": kind,
        "title": title,
        "gloss": gloss,
        "severity": finding.get("severity"),
        "about": report.humanise(finding.get("reason", ""), 220),
        "evidence": report.humanise(finding.get("evidence") or "", 220),
        "columns": columns,
        "more": max(len(claim_ids) - shown, 0),
        "sources": [report.link(s) for s in finding.get("sources", [])],
    }


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """Each finding with its reason, its severity and the two sides' passages; framings and revisions apart."""
    report: Report = context["report"]
    data = report.analysis("contradictions")
    findings = data.get("findings", [])
    order = list(KINDS)
    ranked = sorted(
        findings,
        key=lambda f: (
            SEVERITY_ORDER.get(f.get("severity", ""), 3),
            order.index(f["kind"]) if f.get("kind") in order else len(order),
            -len(f.get("sources", [])),
            f.get("reason", ""),
        ),
    )
    shown = [_finding(report, f) for f in ranked[: report.limits.rows]]
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.get("kind", "")] = counts.get(finding.get("kind", ""), 0) + 1
    summary = [(KINDS.get(k, (k, ""))[0], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    framings = []
    for framing in data.get("framings", [])[: report.limits.rows]:
        by_source: dict[str, list[Any]] = {}
        seen: set[tuple[str, str]] = set()
        for source, term, claim_id in framing.get("terms", []):
            if (source, term) in seen:
                continue
            seen.add((source, term))
            terms = by_source.setdefault(source, [])
            terms.extend([", " if terms else "", report.link(claim_id, f"“{term}”")])
        framings.append(
            {
                "subject": report.link(framing.get("subject"), limit=70),
                "terms": [(report.link(s), parts) for s, parts in sorted(by_source.items())],
            }
        )
    within = [_finding(report, f) for f in data.get("within_source", [])[: report.limits.rows]]
    return report.section(
        "contradictions",
        findings=shown,
        total=len(findings),
        summary=summary,
        framings=framings,
        within=within,
    )
