"""The central picture: the escalation and action–reaction sequence of the main dyads in the focus window.

One lane per directed dyad (the side that acts → the side acted on; an attack whose
author no source names is "(unattributed) → target"). Events dated to the day are dots,
events known only within a span are bars over the span, reactions found by the
``titfortat`` analysis are arrows, and each month of a lane is shaded by the dyad's
``escalation`` index. A context strip below shows the whole period. The chart is drawn
twice, for wide and for narrow screens; the stylesheet shows one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mideast_model_report.aggregate import MONTH_SPAN

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model_report.builder import Report
    from mideast_model_report.story import Story

#: Marks drawn at most; beyond, the lanes show only the monthly shading.
MAX_MARKS = 400


def lane_label(report: Report, dyad: tuple[str, str | None], limit: int = 28) -> str:
    """ "Kataib Hezbollah → United States"; "(unattributed) → United States"; "Iran (no target named)"."""
    from mideast_model_report.story import UNATTRIBUTED

    a, b = dyad
    left = UNATTRIBUTED if a == UNATTRIBUTED else report.label(a, limit)
    if not b:
        return f"{left} (no target named)"
    return f"{left} → {report.label(b, limit)}"


def busiest_months(dataset: Dataset, s: Story, limit: int, longest: int = 6) -> tuple[dt.date, dt.date] | None:
    """The busiest run of whole months (``longest`` at most) whose acts in the lanes number ≤ ``limit``.

    The month with the most hostility that fits, grown by its hotter neighbour while the acts
    still fit. Hostility: each act weighs its severity below zero (Goldstein) plus 0.1, in the
    month of its midpoint. ``None`` when the hottest month alone holds more than ``limit`` acts.
    """
    from mideast_model_report.aggregate import month_key, month_start, months_between, next_month

    assert s.window is not None
    weight: dict[str, float] = {}
    count: dict[str, int] = {}
    for members in s.lane_events.values():
        for event_id in members:
            month = month_key(dataset.events[event_id].when.midpoint)
            weight[month] = weight.get(month, 0.0) + max(-s.severity.get(event_id, 0.0), 0.0) + 0.1
            count[month] = count.get(month, 0) + 1
    months = months_between(s.window.start, s.window.end)
    if not months:
        return None
    # the hottest month, then its hotter neighbour while the acts still fit
    low = high = max(range(len(months)), key=lambda i: (weight.get(months[i], 0.0), -i))
    total = count.get(months[low], 0)
    if total > limit:  # the hottest month alone is too full to draw: no zoom on a quieter one
        return None
    while high - low + 1 < longest:
        options = [j for j in (low - 1, high + 1) if 0 <= j < len(months) and total + count.get(months[j], 0) <= limit]
        if not options:
            break
        j = max(options, key=lambda k: (weight.get(months[k], 0.0), -k))
        total += count.get(months[j], 0)
        low, high = min(low, j), max(high, j)
    return month_start(months[low]), next_month(month_start(months[high])) - dt.timedelta(days=1)


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str] | None:
    """The sequence chart (HTML), its key and the table of the main dyads (both formats)."""
    from mideast_model.analyses.common import event_code
    from mideast_model_report import charts
    from mideast_model_report.story import story

    report: Report = context["report"]
    s = story(report)
    if s.window is None or not s.lanes:
        return None
    window = s.window
    lane_of = {d: i for i, d in enumerate(s.lanes)}
    total_marks = sum(len(v) for v in s.lane_events.values())
    # Too many acts to draw over the whole window: the chart zooms on its busiest months (the
    # context strip shows the rest); the table below still covers the whole window.
    shown = (window.start, window.end)
    zoom = None
    if total_marks > MAX_MARKS:
        zoom = busiest_months(dataset, s, MAX_MARKS)
        if zoom is not None:
            shown = zoom
    low_day, high_day = shown

    def drawn(event_id: str) -> bool:
        when = dataset.events[event_id].when
        if when.earliest > high_day or when.latest < low_day:
            return False
        # zoomed: an act known only to a year or wider is in the monthly shading, not a bar of its own
        return zoom is None or (when.latest - when.earliest).days <= MONTH_SPAN

    draw_marks = zoom is not None or total_marks <= MAX_MARKS
    lanes = []
    for dyad in s.lanes:
        marks = []
        if draw_marks:
            by_date = sorted(
                (e for e in s.lane_events[dyad] if drawn(e)),
                key=lambda e: (dataset.events[e].when.earliest, dataset.events[e].when.latest, e),
            )
            for event_id in by_date:
                event = dataset.events[event_id]
                marks.append(
                    charts.Mark(
                        event.when.earliest,
                        event.when.latest,
                        s.severity.get(event_id),
                        s.number_of(event_id),
                        event.title if event.when.latest > event.when.earliest else None,
                        charts.act_category(event_code(event), s.severity.get(event_id)),
                    )
                )
        index = tuple(sorted(s.index.get(dyad, {}).items()))
        lanes.append(charts.Lane(lane_label(report, dyad), tuple(marks), index))
    reactions = []
    for chain in s.chains:
        actions = chain.get("actions", [])
        delays = chain.get("delays", [])
        for i in range(1, len(actions)):
            a, b = actions[i - 1], actions[i]
            # an action sits in its event's lane (its primary dyad), else in the lane of the chain's own dyad
            la = lane_of.get(s.primary_of.get(a["event"], (a["actor"], a["target"])))
            lb = lane_of.get(s.primary_of.get(b["event"], (b["actor"], b["target"])))
            if la is None or lb is None:
                continue
            delay = delays[i - 1] if i - 1 < len(delays) else None
            links = chain.get("links", [])
            possible = i - 1 < len(links) and links[i - 1] == "possible"
            start_a = dt.date.fromisoformat(a.get("earliest") or a["day"]) if possible else None
            start_b = dt.date.fromisoformat(b.get("earliest") or b["day"]) if possible else None
            if possible and start_a is not None and start_b is not None:
                # no delay in days: one end is known only to its month (or wider), so any
                # figure would come from placing it mid-span (the caption says what dashed means)
                label = "possible answer"
                from_day = start_a if a.get("earliest") == a.get("latest") else dt.date.fromisoformat(a["day"])
                # to the answer's span, never before the act it may answer
                reactions.append(charts.Reaction(la, from_day, lb, max(start_b, from_day), label, possible=True))
                continue
            label = f"{delay} d" if delay is not None else ""
            reactions.append(
                charts.Reaction(la, dt.date.fromisoformat(a["day"]), lb, dt.date.fromisoformat(b["day"]), label)
            )
    chart = narrow = None
    if report.format == "html":
        from mideast_model_report.story import monthly

        counts = monthly(report)
        context_counts = (counts.months, [counts.total(i) for i in range(len(counts.months))])
        span = shown
        chart = charts.sequence_chart(lanes, reactions, span, context_counts, width=10.0, salt="sequence")
        narrow = charts.sequence_chart(lanes, reactions, span, context_counts, width=5.4, salt="sequence-narrow")
    rows = []
    for dyad in s.lanes:
        ids = s.lane_events[dyad]
        hostile = [e for e in ids if s.severity.get(e, 0.0) < 0]
        from mideast_model_report.aggregate import month_key

        low, high = month_key(window.start), month_key(window.end)
        in_window = {m: v for m, v in s.index.get(dyad, {}).items() if low <= m <= high}
        peak = max(in_window.items(), key=lambda kv: (kv[1], kv[0])) if in_window else None
        rows.append(
            {
                "dyad": lane_label(report, dyad, 40),
                "events": len(ids),
                "hostile": len(hostile),
                "peak": peak[1] if peak else None,
                "peak_month": peak[0] if peak else "",
            }
        )
    outside = window.total - window.inside
    try:
        formula = report.analysis("escalation", window="month").get("formula", "")
    except Exception:
        formula = ""
    return report.section(
        "escalation",
        chart=chart,
        narrow=narrow,
        window=window,
        outside=outside,
        rows=rows,
        draw_marks=draw_marks,
        total_marks=total_marks,
        zoom=zoom,
        formula=formula,
        keys=[
            {"number": k.number, "event": report.link(k.event, limit=70)}
            for k in s.key_events
            if any(d in lane_of for d in k.dyads)
        ],
    )
