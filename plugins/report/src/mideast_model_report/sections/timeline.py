"""Timeline of events by dyad: the ``timeline`` analysis, drawn with date uncertainty as bars.

Up to ``limits.events`` events, each is drawn (a bar from its earliest to its latest day)
and listed in the order of the timeline's tiers (events of one tier overlap and are not
ordered). Above that, the chart becomes a heat map of events per dyad and month and the
table ranks the dyads.
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

NO_TARGET = "(no target)"
#: Rows of the table of dyads.
DYAD_ROWS = 15


def focus_start(dataset: Dataset, low: dt.date, high: dt.date) -> dt.date:
    """Where the chart starts: the first day, unless a few early events would squash the rest.

    When the latest 85% of the events (by midpoint) fit in less than half of the full range,
    the chart starts a little before them; the earlier events stay in the table.
    """
    mids = sorted(e.when.midpoint for e in dataset.events.values() if not e.when.is_open)
    if len(mids) < 8:
        return low
    start = mids[len(mids) * 15 // 100]
    if (high - start) * 2 >= (high - low):
        return low
    return max(low, start - (high - start) / 10)


class Dyads:
    """The directed dyads of events: (initiator side, target side), as the analyses count them."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        try:
            from mideast_model.analyses.common import Sides
        except ImportError:  # pragma: no cover - older core without the shared helpers
            self.sides: Any = None
        else:
            self.sides = Sides(dataset)

    def of(self, event: Event) -> list[tuple[str, str | None]]:
        """The dyads of ``event``; an event with initiators but no target gets ``(a, None)``."""
        from mideast_model.model import Role

        day = None if event.when.is_open else event.when.midpoint
        if self.sides is not None:
            pairs: list[tuple[str, str | None]] = list(self.sides.dyads(event, day))
            side = self.sides.side
        else:
            acting = {p.actor for p in event.participants if p.role is Role.INITIATOR}
            acted = {p.actor for p in event.participants if p.role in (Role.TARGET, Role.VICTIM)}
            pairs = sorted((a, b) for a in acting for b in acted if a != b)

            def side(actor: str, day: dt.date | None = None) -> str:
                return actor

        if pairs:
            return pairs
        initiators = sorted({side(p.actor, day) for p in event.participants if p.role is Role.INITIATOR})
        if initiators:
            return [(a, None) for a in initiators]
        others = sorted({side(p.actor, day) for p in event.participants})
        return [(a, None) for a in others[:1]]


def dyad_label(report: Report, dyad: tuple[str, str | None]) -> str:
    """ "United States → Kataib Hezbollah"."""
    a, b = dyad
    return f"{report.label(a, 30)} → {report.label(b, 30) if b else NO_TARGET}"


def _hostile(event: Event) -> bool:
    code = event.cameo or event.kind.cameo
    return bool(code and code[:2] >= "17")


def _clip(day: dt.date, low: dt.date, high: dt.date) -> dt.date:
    return min(max(day, low), high)


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """The chart of events by dyad and the table of the timeline's tiers."""
    from mideast_model_report import charts
    from mideast_model_report.builder import _date_range
    from mideast_model_report.sections.glance import months_between

    report: Report = context["report"]
    limits = report.limits
    data = report.analysis("timeline")
    span = _date_range(dataset)
    dyads = Dyads(dataset)
    dyads_of: dict[str, list[tuple[str, str | None]]] = {}
    events_of: dict[tuple[str, str | None], list[str]] = {}
    for event in dataset.events.values():
        pairs = dyads.of(event)
        dyads_of[event.id] = pairs
        for pair in pairs:
            events_of.setdefault(pair, []).append(event.id)
    per_dyad = Counter({d: len(ids) for d, ids in events_of.items()})
    ranked = sorted(per_dyad, key=lambda d: (-per_dyad[d], d[0], d[1] or ""))
    top = ranked[: limits.dyads]
    many = len(dataset.events) > limits.events
    chart = None
    hidden: set[str] = set()
    focus: dt.date | None = None
    if report.format == "html" and span is not None and top:
        low, high = span
        if not many:
            low = focus = focus_start(dataset, low, high)
            rows = []
            for dyad in top:
                spans = []
                for event_id in sorted(events_of[dyad]):
                    event = dataset.events[event_id]
                    if event.when.latest < low:
                        hidden.add(event_id)
                        continue
                    spans.append(
                        charts.Span(
                            _clip(event.when.earliest, low, high), _clip(event.when.latest, low, high), _hostile(event)
                        )
                    )
                rows.append(charts.DyadSpans(dyad_label(report, dyad), tuple(spans)))
            chart = charts.timeline_chart(rows, low, high)
        else:
            months = months_between(f"{low.year:04d}-{low.month:02d}", f"{high.year:04d}-{high.month:02d}")
            index = {m: i for i, m in enumerate(months)}
            grid = [[0] * len(months) for _ in top]
            row_of = {d: i for i, d in enumerate(top)}
            for event in dataset.events.values():
                if event.when.is_open:
                    continue
                mid = event.when.midpoint
                column = index.get(f"{mid.year:04d}-{mid.month:02d}")
                for dyad in dyads_of[event.id]:
                    if dyad in row_of and column is not None:
                        grid[row_of[dyad]][column] += 1
            chart = charts.dyad_month_heatmap([dyad_label(report, d) for d in top], months, grid)
    entries = []
    if not many:
        for tier in data.get("tiers", []):
            for entry in tier.get("events", []):
                event_id = entry["event"]
                if event_id not in dataset.events:
                    continue
                report.define(event_id, "event")
                entries.append((tier.get("tier"), entry))
    dyad_rows = []
    for dyad in ranked[:DYAD_ROWS]:
        days = [dataset.events[e].when for e in events_of[dyad]]
        firsts = [w.earliest for w in days if w.earliest != dt.date.min]
        lasts = [w.latest for w in days if w.latest != dt.date.max]
        dyad_rows.append(
            {
                "label": dyad_label(report, dyad),
                "events": per_dyad[dyad],
                "first": min(firsts).isoformat() if firsts else "–",
                "last": max(lasts).isoformat() if lasts else "–",
            }
        )
    rows_out = [
        {
            "tier": tier,
            "anchor": report.target(entry["event"], "event"),
            "event": dataset.events[entry["event"]],
            "when": entry.get("when", ""),
            "dyads": [dyad_label(report, d) for d in dyads_of.get(entry["event"], [])],
            "sources": [report.link(s) for s in entry.get("sources", [])],
            "claims": [report.link(c, str(i)) for i, c in enumerate(entry.get("claims", []), start=1)],
            "hostile": _hostile(dataset.events[entry["event"]]),
        }
        for tier, entry in entries
    ]
    return report.section(
        "timeline",
        chart=chart,
        many=many,
        rows=rows_out,
        dyad_rows=dyad_rows,
        more_dyads=max(len(ranked) - DYAD_ROWS, 0),
        shown_dyads=len(top),
        total_dyads=len(ranked),
        tiers=len(data.get("tiers", [])),
        hidden=len(hidden),
        focus=focus if focus is not None and span is not None and focus > span[0] else None,
    )
