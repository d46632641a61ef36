"""Contradictions and discrepancies from the ``contradictions`` analysis, the claims side by side."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model_report.builder import Report

KINDS = {
    "opposed": ("Opposite stances", "one source asserts what another denies"),
    "values": ("Incompatible values", "the same count, date or method given differently"),
    "exclusive": ("Mutually exclusive", "claims whose predicates cannot both hold"),
    "disputed": ("Asserted and hedged", "stated as fact by one, with reservations by another"),
    "proxy": ("Blame through a proxy", "the attack is blamed on a group whose backer's role is doubted or denied"),
}
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


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """Each finding with its reason and its claims side by side, the most widely sourced first."""
    report: Report = context["report"]
    data = report.analysis("contradictions")
    findings = data.get("findings", [])
    order = list(KINDS)
    ranked = sorted(
        findings,
        key=lambda f: (
            -len(f.get("sources", [])),
            order.index(f["kind"]) if f.get("kind") in order else len(order),
            -len(f.get("claims", [])),
            f.get("reason", ""),
        ),
    )
    shown = []
    for finding in ranked[: report.limits.rows]:
        kind = finding.get("kind", "")
        title, gloss = KINDS.get(kind, (kind.replace("_", " ").capitalize() or "Finding", ""))
        claim_ids = list(finding.get("claims", []))
        cards = [c for c in (claim_card(report, cid) for cid in claim_ids[:CLAIMS_PER_FINDING]) if c is not None]
        proposition = finding.get("proposition") or []
        reason = report.humanise(finding.get("reason", ""))
        shown.append(
            {
                "kind": kind,
                "title": title,
                "gloss": gloss,
                "about": report.proposition_text(proposition) if proposition else reason,
                "reason": reason if proposition else "",
                "cards": cards,
                "more": max(len(claim_ids) - len(cards), 0),
                "sources": [report.link(s) for s in finding.get("sources", [])],
            }
        )
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.get("kind", "")] = counts.get(finding.get("kind", ""), 0) + 1
    summary = [(KINDS.get(k, (k, ""))[0], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return report.section("contradictions", findings=shown, total=len(findings), summary=summary)
