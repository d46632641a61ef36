"""When it happened: events per month in the focus window with the whole period as context, and every event listed.

The chart counts events honestly by how exactly they are dated: an event dated to a day
or a month counts once in its month; an event known only to a year or a wider span is
spread evenly over the months it may fall in (drawn paler), never piled on one month.
Up to ``limits.events`` events are listed in the order of the ``timeline`` analysis'
tiers, in a collapsed table each event of which is a link target; above that, the
section ranks the dyads and counts by month instead.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model.model import Event
    from mideast_model_report.builder import Report

#: Rows of the table of dyads.
DYAD_ROWS = 15
#: Rows of the busiest-months table (large datasets).
MONTH_ROWS = 12


def _hostile(event: Event) -> bool:
    code = event.cameo or event.kind.cameo
    return bool(code and code[:2] >= "17")


def dyad_label(report: Report, dyad: tuple[str, str | None]) -> str:
    """ "United States → Kataib Hezbollah" (see :func:`mideast_model_report.sections.escalation.lane_label`)."""
    from mideast_model_report.sections.escalation import lane_label

    return lane_label(report, dyad, 30)


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str] | None:
    """The monthly chart, the collapsed table of events in time order and the dyads by number of events."""
    from mideast_model_report import charts
    from mideast_model_report.aggregate import top_counts
    from mideast_model_report.story import monthly, story, who

    report: Report = context["report"]
    limits = report.limits
    s = story(report)
    if s.window is None:
        return None
    window = s.window
    counts = monthly(report)
    focus = counts.window(window.start, window.end)
    chart = None
    if report.format == "html":
        totals = [counts.total(i) for i in range(len(counts.months))]
        chart = charts.monthly_chart(
            focus.months,
            focus.exact,
            focus.spread,
            (counts.months, totals) if window.clipped else None,
            (window.start, window.end),
            width=9.5,
        )
    many = len(dataset.events) > limits.events
    per_dyad: Counter[str] = Counter()
    labels: dict[str, tuple[str, str | None]] = {}
    first: dict[str, dt.date] = {}
    last: dict[str, dt.date] = {}
    for event in dataset.events.values():
        dyad = s.primary_of.get(event.id)
        if dyad is not None:
            key = f"{dyad[0]}|{dyad[1]}"
            labels[key] = dyad
            per_dyad[key] += 1
            if event.when.earliest != dt.date.min:
                first[key] = min(first.get(key, event.when.earliest), event.when.earliest)
            if event.when.latest != dt.date.max:
                last[key] = max(last.get(key, event.when.latest), event.when.latest)
    dyad_rows = [
        {
            "label": dyad_label(report, labels[key]),
            "events": n,
            "first": first[key].isoformat() if key in first else "–",
            "last": last[key].isoformat() if key in last else "–",
        }
        for key, n in top_counts(per_dyad, DYAD_ROWS)
    ]
    rows_out = []
    if not many:
        data = report.analysis("timeline")
        for tier in data.get("tiers", []):
            for entry in tier.get("events", []):
                event_id = entry["event"]
                if event_id not in dataset.events:
                    continue
                event = dataset.events[event_id]
                rows_out.append(
                    {
                        "tier": tier.get("tier"),
                        "anchor": report.target(event_id, "event"),
                        "event": event,
                        "when": entry.get("when", ""),
                        "who": who(report, event_id),
                        "sources": [report.link(x) for x in entry.get("sources", [])],
                        "claims": [report.link(c, str(i)) for i, c in enumerate(entry.get("claims", []), start=1)],
                        "hostile": _hostile(event),
                        "number": s.number_of(event_id),
                    }
                )
    busiest = sorted(((m, counts.total(i)) for i, m in enumerate(counts.months)), key=lambda kv: (-kv[1], kv[0]))[
        :MONTH_ROWS
    ]
    rough = sum(1 for i in range(len(counts.months)) if counts.spread[i] > 0)
    return report.section(
        "timeline",
        chart=chart,
        many=many,
        window=window,
        rows=rows_out,
        dyad_rows=dyad_rows,
        more_dyads=max(len(per_dyad) - DYAD_ROWS, 0),
        busiest=[{"month": m, "events": n} for m, n in busiest if n > 0],
        undated=counts.undated,
        spread_months=rough,
        total=len(dataset.events),
        focus_months=[
            {"month": m, "exact": focus.exact[i], "spread": focus.spread[i]} for i, m in enumerate(focus.months)
        ],
    )
