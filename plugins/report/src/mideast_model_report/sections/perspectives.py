"""The sources' perspectives side by side, from the ``perspectives`` analysis.

One column per source (those making the most statements): whose voices it quotes,
whom it holds responsible, what it doubts, which course it favours; then how similar
the sources are and the propositions on which their readings diverge.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mideast_model_report.escape import shorten

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model_report.builder import Report

#: Sources compared side by side at most (columns of the table).
COLUMNS = 6
CATEGORIES = {
    "us_officials": "US officials",
    "iraqi": "Iraqi",
    "iranian": "Iranian",
    "analysts": "analysts",
    "anonymous_officials": "anonymous officials",
    "journalists": "journalists",
    "other": "others",
}


def _top(report: Report, weights: Mapping[str, float], n: int = 4) -> list[str]:
    best = sorted(weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:n]
    return [f"{report.label(k, 40)} ({v:.1f})" for k, v in best]


def _weights(value: Any) -> Mapping[str, float]:
    """Actor → weight from a mapping, or from a plain list of actors (weight 1)."""
    if isinstance(value, Mapping):
        return value
    return dict.fromkeys(value or [], 1.0)


def blamed_most(report: Report, profile: Mapping[str, Any]) -> str:
    """Whom a source holds most responsible for the escalation: an actor, or "both sides" for a balanced pair."""
    most = profile.get("blamed_most")
    if most == "both":
        pair = sorted(_weights(profile.get("blame", {})).items(), key=lambda kv: (-kv[1], kv[0]))[:2]
        names = " and ".join(report.label(a, 30) for a, _ in pair)
        return f"both sides ({names})" if names else "both sides"
    if most:
        return report.label(most, 40)
    return ""


def _heat(value: float | None) -> int:
    if value is None:
        return 0
    return min(int(value * 5), 4) if value < 1 else 4


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """The profile table, the similarity matrix and the divergences."""
    report: Report = context["report"]
    data = report.analysis("perspectives")
    profiles = sorted(data.get("profiles", []), key=lambda p: (-p.get("claims", 0), p.get("source", "")))[:COLUMNS]
    columns = []
    for p in profiles:
        voices = sorted(p.get("voices", []), key=lambda v: (-v[2], v[0]))
        categories = p.get("categories", {})
        if isinstance(categories, list):
            categories = dict.fromkeys(categories, 0)
        columns.append(
            {
                "source": report.link(p["source"]),
                "id": p["source"],
                "claims": p.get("claims", 0),
                "categories": [
                    f"{CATEGORIES.get(k, k.replace('_', ' '))} {n}"
                    for k, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
                    if n
                ],
                "voices": [f"{report.label(v[0], 40)} ({v[2]})" for v in voices[:5]],
                "blamed_most": blamed_most(report, p),
                "blame_own": _top(report, _weights(p.get("blame_own", {}))),
                "blame_quoted": _top(report, _weights(p.get("blame_quoted", {}))),
                "blame": _top(report, _weights(p.get("blame", {}))),
                "reasons": [
                    report.link(r["claim"], shorten(r.get("text", ""), 110))
                    for r in sorted(
                        p.get("blame_reasons", []), key=lambda r: (-r.get("weight", 0), r.get("claim", ""))
                    )[:2]
                    if r.get("claim")
                ],
                "doubts": _top(report, _weights(p.get("doubts", {})), 3),
                "course": report.humanise(p.get("course_summary") or p.get("leading_course") or "", 220),
                "framing": [
                    f"{report.label(e, 40)}: {', '.join(terms)}" for e, terms in sorted(p.get("framing", {}).items())
                ][:3],
                "anonymous": p.get("anonymous"),
            }
        )
    ids = [c["id"] for c in columns]
    similarity = data.get("similarity", {})
    matrix = [
        {
            "source": report.link(a),
            "cells": [
                {
                    "value": (similarity.get(a) or {}).get(b),
                    "heat": _heat((similarity.get(a) or {}).get(b)),
                    "self": a == b,
                }
                for b in ids
            ],
        }
        for a in ids
    ]
    divergences = []
    for d in data.get("divergences", [])[: report.limits.rows]:
        readings = d.get("readings", {})
        divergences.append(
            {
                "text": report.proposition_text(d.get("proposition", [])),
                "readings": [[report.humanise(r, 160) for r in readings.get(s, [])] for s in ids],
            }
        )
    return report.section(
        "perspectives",
        columns=columns,
        matrix=matrix,
        divergences=divergences,
        more_divergences=max(len(data.get("divergences", [])) - len(divergences), 0),
        more_sources=max(len(data.get("profiles", [])) - len(columns), 0),
    )
