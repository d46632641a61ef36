"""Corroboration and credibility from the ``corroboration`` analysis.

Shows, per event, the independent source groups that report it (sources deriving from
one origin count once); the claims that rest on one source only, the weightiest first;
the propositions stated by several groups or disputed; and the distribution of the
Admiralty information-credibility grades per source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model_report.builder import Report

GRADES = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}
#: Events listed (the most widely reported first).
EVENT_ROWS = 8
#: Single-source claims that matter most for a briefing come first: who did it, who ordered, who controls.
_WEIGHT = {
    "responsible_for": 0,
    "ordered": 0,
    "controls": 1,
    "backs": 1,
    "commands": 1,
    "count": 2,
    "method": 2,
    "date": 3,
    "occurred": 3,
    "targeted": 3,
}


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """Events by independent groups, single-source claims, shared propositions and grades."""
    report: Report = context["report"]
    limits = report.limits
    data = report.analysis("corroboration")
    origins: Mapping[str, str] = data.get("origins", {})
    events = sorted(
        data.get("events", []),
        key=lambda e: (-len(e.get("supporting", [])), -len(e.get("claims", [])), e.get("event", "")),
    )
    event_rows = [
        {
            "event": report.link(e["event"]),
            "claims": len(e.get("claims", [])),
            "supporting": [report.link(s) for s in e.get("supporting", [])],
            "disputing": [report.link(s) for s in e.get("disputing", [])],
            "agreement": e.get("agreement"),
            "single": len(e.get("supporting", [])) <= 1,
        }
        for e in events[:EVENT_ROWS]
    ]
    single_events = sum(1 for e in events if len(e.get("supporting", [])) <= 1)
    claims = data.get("claims", [])
    grade_of = {c["claim"]: c for c in claims}
    single_ids = [c for c in data.get("single_source", []) if c in dataset.claims]

    def weight(claim_id: str) -> tuple[int, int, str]:
        claim = dataset.claims[claim_id]
        grade = grade_of.get(claim_id, {}).get("grade") or 6
        return (_WEIGHT.get(claim.predicate.value, 4), -grade, claim_id)

    single_rows = []
    for claim_id in sorted(single_ids, key=weight)[: limits.rows]:
        claim = dataset.claims[claim_id]
        graded = grade_of.get(claim_id, {})
        single_rows.append(
            {
                "claim": report.link(claim_id, report.claim_text(claim)),
                "source": report.link(claim.source),
                "speaker": report.label(claim.speaker) if claim.speaker else None,
                "grade": graded.get("grade"),
                "rule": graded.get("rule", ""),
            }
        )
    propositions = sorted(
        (p for p in data.get("propositions", []) if len(p.get("supporting", [])) > 1 or p.get("disputing")),
        key=lambda p: (-len(p.get("sources", [])), -len(p.get("disputing", [])), str(p.get("key"))),
    )
    prop_rows = [
        {
            "text": report.proposition_text(p.get("key", [])),
            "claims": [report.claim_ref(c) for c in p.get("claims", [])[:8]],
            "more": max(len(p.get("claims", [])) - 8, 0),
            "supporting": [report.link(s) for s in p.get("supporting", [])],
            "disputing": [report.link(s) for s in p.get("disputing", [])],
            "agreement": p.get("agreement"),
        }
        for p in propositions[: limits.rows]
    ]
    per_source: dict[str, Counter[int]] = {}
    for c in claims:
        per_source.setdefault(c.get("source", ""), Counter())[c.get("grade") or 6] += 1
    sources_ranked = sorted(per_source, key=lambda s: (-sum(per_source[s].values()), s))[: limits.rows]
    grade_rows = [
        {
            "source": report.link(s),
            "counts": [per_source[s].get(g, 0) for g in GRADES],
            "total": sum(per_source[s].values()),
        }
        for s in sources_ranked
    ]
    totals = Counter(c.get("grade") or 6 for c in claims)
    graded = sum(totals.values()) or 1
    stack = [
        {"grade": g, "label": label, "count": totals.get(g, 0), "share": 100.0 * totals.get(g, 0) / graded}
        for g, label in GRADES.items()
    ]
    groups = sorted(set(origins.values()))
    group_rows = [
        {"origin": report.link(g), "members": [report.link(s) for s in sorted(origins) if origins[s] == g and s != g]}
        for g in groups[: limits.rows]
    ]
    return report.section(
        "corroboration",
        event_rows=event_rows,
        more_events=max(len(events) - len(event_rows), 0),
        single_events=single_events,
        total_events=len(events),
        single_rows=single_rows,
        single_total=len(single_ids),
        total_claims=len(claims),
        prop_rows=prop_rows,
        more_props=max(len(propositions) - len(prop_rows), 0),
        grades=GRADES,
        grade_rows=grade_rows,
        grade_totals=[totals.get(g, 0) for g in GRADES],
        stack=stack,
        group_rows=[g for g in group_rows if g["members"]],
        groups=len(groups),
    )
