"""The escalation index over time per dyad, from the ``escalation`` analysis (monthly windows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model_report.builder import Report

#: Windows drawn at most (the most recent ones); the table covers every window.
CHART_WINDOWS = 36
#: Dyads drawn at most in the chart (lines become unreadable beyond).
CHART_DYADS = 6
#: Rows of the dyad table.
TABLE_ROWS = 15


def window_start(key: str) -> dt.date | None:
    """The first day of a window label: ``2020-03``, ``2020-W11`` or ``2020-03-11``."""
    try:
        if "-W" in key:
            year, week = key.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        if len(key) == 7:
            return dt.date(int(key[:4]), int(key[5:7]), 1)
        return dt.date.fromisoformat(key)
    except ValueError:
        return None


def _next(day: dt.date, window: str) -> dt.date:
    if window == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + dt.timedelta(days=7 if window == "week" else 1)


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """A chart of the index per dyad over the recent windows, and a table of the dyads' peaks."""
    from mideast_model_report import charts

    report: Report = context["report"]
    data = report.analysis("escalation", window="month")
    window = data.get("window", "month")
    per_dyad: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in data.get("dyads", []):
        if row.get("rolled_up"):
            continue
        per_dyad.setdefault((row["actor"], row["target"]), []).append(row)
    total = {d: sum(r["conflict"] for r in rows) for d, rows in per_dyad.items()}
    ranked = sorted(per_dyad, key=lambda d: (-total[d], -len(per_dyad[d]), d))
    table = []
    for dyad in ranked[:TABLE_ROWS]:
        rows = sorted(per_dyad[dyad], key=lambda r: r["window"])
        peak = max(rows, key=lambda r: (r["index"], r["window"]))
        last = rows[-1]
        table.append(
            {
                "actor": report.label(dyad[0]),
                "target": report.label(dyad[1]),
                "windows": len(rows),
                "events": sum(len(r["events"]) for r in rows),
                "conflict": total[dyad],
                "peak": peak["index"],
                "peak_window": peak["window"],
                "last_window": last["window"],
                "last": last["index"],
                "trend": last["trend"],
                "peak_events": [report.link(e, limit=60) for e in peak["events"][:2]],
                "more_peak": max(len(peak["events"]) - 2, 0),
            }
        )
    chart = None
    chosen = [d for d in ranked if total[d] > 0][:CHART_DYADS]
    clipped = False
    if report.format == "html" and chosen:
        starts = sorted({s for d in chosen for r in per_dyad[d] if (s := window_start(r["window"])) is not None})
        if starts:
            grid = [starts[0]]
            while grid[-1] < starts[-1] and len(grid) < 100_000:
                grid.append(_next(grid[-1], window))
            clipped = len(grid) > CHART_WINDOWS
            grid = grid[-CHART_WINDOWS:]
            series = []
            for dyad in chosen:
                by_start = {window_start(r["window"]): r["index"] for r in per_dyad[dyad]}
                points = [(day, float(by_start.get(day, 0.0))) for day in grid]
                series.append((f"{report.label(dyad[0], 24)} → {report.label(dyad[1], 24)}", points))
            chart = charts.escalation_chart(series, f"escalation index per {window} (0–10)")
    return report.section(
        "escalation",
        chart=chart,
        clipped=clipped,
        chart_windows=CHART_WINDOWS,
        window=window,
        formula=data.get("formula", ""),
        scale=float(data.get("scale", 10.0)),
        rows=table,
        more=max(len(ranked) - TABLE_ROWS, 0),
        unscored=len(data.get("unscored", [])),
        undirected=len(data.get("undirected", [])),
    )
