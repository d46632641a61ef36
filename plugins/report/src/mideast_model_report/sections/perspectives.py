"""The sources' perspectives side by side, from the ``perspectives`` analysis.

One column per source (those making the most statements): whose voices it quotes,
whom it holds responsible, what it doubts, which course it favours; then how similar
the sources are and the propositions on which their readings diverge.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

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
        columns.append(
            {
                "source": report.link(p["source"]),
                "id": p["source"],
                "claims": p.get("claims", 0),
                "categories": [
                    f"{CATEGORIES.get(k, k.replace('_', ' '))} {n}"
                    for k, n in sorted(p.get("categories", {}).items(), key=lambda kv: (-kv[1], kv[0]))
                    if n
                ],
                "voices": [f"{report.label(v[0], 40)} ({v[2]})" for v in voices[:5]],
                "blame": _top(report, p.get("blame", {})),
                "doubts": _top(report, p.get("doubts", {}), 3),
                "courses": [
                    f"{k} ({v:.1f})" for k, v in sorted(p.get("courses", {}).items(), key=lambda kv: (-kv[1], kv[0]))
                ],
                "leading": p.get("leading_course"),
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
