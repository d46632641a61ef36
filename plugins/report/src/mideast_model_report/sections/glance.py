"""The dataset at a glance: counts, date range, the sources and their reliability, events per month."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model.model import Source
    from mideast_model_report.builder import Report

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """Counts, the date range, a table of sources and the events per month."""
    from mideast_model_report.builder import _date_range

    report: Report = context["report"]
    limits = report.limits
    claims_per_source: Counter[str] = Counter()
    events_per_source: dict[str, set[str]] = {}
    for claim in dataset.claims.values():
        claims_per_source[claim.source] += 1
        for target in claim.targets():
            if target in dataset.events:
                events_per_source.setdefault(claim.source, set()).add(target)
    sources = sorted(
        dataset.sources.values(),
        key=lambda s: (-claims_per_source[s.id], s.published.sort_key() if s.published else (dt.date.max,), s.id),
    )
    shown = sources[: limits.rows]
    shown.sort(key=lambda s: (s.published.sort_key() if s.published else (dt.date.max, dt.date.max, ""), s.id))
    for source in shown:
        report.define(source.id, "source")
    cited_by: dict[str, list[str]] = {}
    for source in dataset.sources.values():
        for origin in source.derived_from:
            cited_by.setdefault(origin, []).append(source.id)

    def row(s: Source) -> dict[str, Any]:
        return {
            "anchor": report.target(s.id, "source"),
            "source": s,
            "title": report.url(s.url, s.title) if s.url else report.text(s.title),
            "reliability": s.reliability.value,
            "reliability_text": RELIABILITY[s.reliability.value],
            "derived": [report.link(d) for d in s.derived_from],
            "cited_by": [report.link(c) for c in sorted(cited_by.get(s.id, []))],
            "claims": claims_per_source[s.id],
            "events": len(events_per_source.get(s.id, ())),
        }

    rows = [row(s) for s in shown if claims_per_source[s.id]]
    cited = [row(s) for s in shown if not claims_per_source[s.id]]
    span = report.memo("date_range", lambda: _date_range(dataset))
    hostile = uncertain = 0
    for event in dataset.events.values():  # one pass
        code = event.cameo or event.kind.cameo
        hostile += bool(code and code[:2] >= "17")
        when = event.when
        uncertain += when.earliest != when.latest
    return report.section(
        "glance",
        counts=dataset.counts(),
        span=span,
        rows=rows,
        cited=cited,
        more_sources=len(sources) - len(shown),
        hostile=hostile,
        uncertain=uncertain,
        single_day=len(dataset.events) - uncertain,
    )
