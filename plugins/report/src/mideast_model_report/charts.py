"""Charts for the report, drawn with matplotlib and embedded as inline SVG.

Every chart is a :class:`matplotlib.figure.Figure` made without pyplot (no global
state, no GUI backend) and saved to SVG with text kept as ``<text>`` elements
(``svg.fonttype = "none"``; matplotlib escapes the text), mathtext off (a ``$`` in a
dataset string is a dollar sign), a fixed ``svg.hashsalt`` per chart (deterministic
ids that do not collide between the charts of one page) and no date metadata. The
functions take plain, already aggregated data; the sections decide what to draw.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from mideast_model_report.escape import mpl_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DyadSpans",
    "Span",
    "dyad_month_heatmap",
    "escalation_chart",
    "monthly_bars",
    "network_chart",
    "svg_of",
    "timeline_chart",
]

INK = "#1f2933"
MUTED = "#7b8794"
GRID = "#e4e7eb"
HOSTILE = "#b42318"
OTHER = "#2f5d8a"
PALETTE = ("#b42318", "#2f5d8a", "#c77c02", "#3b7d4f", "#6b4c9a", "#8a5a44", "#0f7c8c", "#a23b72", "#59636e", "#4c6ef5")

_RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Helvetica", "Arial"],
    "font.size": 9,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "xtick.labelcolor": INK,
    "legend.frameon": False,
    "figure.dpi": 72,
    "date.epoch": "1970-01-01T00:00:00",
}
_EPOCH = dt.date(1970, 1, 1)


def _day(day: dt.date) -> float:
    """A date as matplotlib's date number (days since the epoch set in ``_RC``)."""
    return float((day - _EPOCH).days)


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(cast(Any, _RC)):
        yield


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def svg_of(fig: Figure, salt: str) -> str:
    """The figure as an inline ``<svg>`` element (no XML prolog, no DOCTYPE, no metadata)."""
    import matplotlib

    buffer = io.StringIO()
    with (
        matplotlib.rc_context(cast(Any, {**_RC, "svg.hashsalt": f"mideast-model-report:{salt}"})),
        warnings.catch_warnings(),
    ):
        # Text stays text (svg.fonttype none): the browser draws glyphs DejaVu Sans lacks.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Type": None, "Format": None},
            facecolor="white",
        )
    text = buffer.getvalue()
    start = text.find("<svg")
    if start < 0:  # pragma: no cover - matplotlib always writes an svg element
        raise RuntimeError("matplotlib wrote no <svg> element")
    # Mark the chart as an image for assistive technology; the caption sits in a <figcaption>.
    return text[start:].replace("<svg ", '<svg role="img" ', 1).strip()


@attrs.frozen
class Span:
    """One event on the timeline chart: its earliest and latest day, and whether it is hostile."""

    earliest: dt.date
    latest: dt.date
    hostile: bool


@attrs.frozen
class DyadSpans:
    """A row of the timeline chart: a dyad's label and its events."""

    label: str
    spans: tuple[Span, ...]


def _date_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)  # type: ignore[no-untyped-call,unused-ignore]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call,unused-ignore]
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def timeline_chart(rows: Sequence[DyadSpans], start: dt.date, end: dt.date) -> str:
    """Events by dyad: one bar per event from its earliest to its latest day, a dot at the midpoint.

    A bar longer than a day is the date's uncertainty ("March 2020" covers the month);
    the dot marks the middle of the span, not a known day.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    with _style():
        fig = _figure(10, 1.1 + 0.36 * max(len(rows), 1))
        ax = fig.add_subplot()
        for y, row in enumerate(rows):
            for span in row.spans:
                left = _day(span.earliest)
                width = max(_day(span.latest) + 1 - left, 0.9)
                color = HOSTILE if span.hostile else OTHER
                uncertain = span.latest > span.earliest
                ax.barh(
                    y,
                    width,
                    left=left,
                    height=0.5 if uncertain else 0.62,
                    color=color,
                    alpha=0.28 if uncertain else 0.9,
                    edgecolor=color,
                    linewidth=0.8,
                )
                if uncertain:
                    ax.plot([left + width / 2], [y], marker="o", markersize=3.2, color=color)
        ax.set_yticks(range(len(rows)), [mpl_text(r.label, 48) for r in rows])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        pad = max((end - start).days * 0.02, 1.0)
        ax.set_xlim(_day(start) - pad, _day(end) + 1 + pad)
        _date_axis(ax)
        ax.tick_params(axis="y", length=0)
        handles = [
            Patch(color=HOSTILE, label="material conflict (CAMEO 17–20)"),
            Patch(color=OTHER, label="other events"),
            Patch(facecolor=MUTED, alpha=0.3, edgecolor=MUTED, label="date uncertain: earliest → latest"),
            Line2D(
                [], [], marker="o", linestyle="", color=MUTED, markersize=3.2, label="midpoint of an uncertain span"
            ),
        ]
        fig.legend(handles=handles, loc="outside upper center", ncols=4, fontsize=8)
        return svg_of(fig, "timeline")


def dyad_month_heatmap(labels: Sequence[str], months: Sequence[str], counts: Sequence[Sequence[int]]) -> str:
    """Events per dyad and month as a heat map (for datasets too large to draw event by event)."""
    import numpy as np

    with _style():
        fig = _figure(9.5, 1.2 + 0.36 * max(len(labels), 1))
        ax = fig.add_subplot()
        data = np.asarray(counts, dtype=float) if counts else np.zeros((0, 0))
        mesh = ax.pcolormesh(data, cmap="Reds", edgecolors="white", linewidth=0.3)
        ax.set_yticks([i + 0.5 for i in range(len(labels))], [mpl_text(label, 48) for label in labels])
        ax.invert_yaxis()
        step = max(len(months) // 12, 1)
        ax.set_xticks([i + 0.5 for i in range(0, len(months), step)], [months[i] for i in range(0, len(months), step)])
        ax.tick_params(axis="x", labelrotation=45, length=0)
        ax.tick_params(axis="y", length=0)
        fig.colorbar(mesh, ax=ax, label="events per month", shrink=0.8)
        return svg_of(fig, "timeline-heatmap")


def escalation_chart(series: Sequence[tuple[str, Sequence[tuple[dt.date, float]]]], ylabel: str) -> str:
    """One line per dyad: the escalation index per window (0 = no hostile action, towards 10 = intense)."""
    with _style():
        fig = _figure(9.5, 3.4)
        ax = fig.add_subplot()
        for level, colour in ((6.3, "#fdf1f0"),):
            ax.axhspan(level, 10.5, color=colour, zorder=0)
        for i, (label, points) in enumerate(series):
            xs = [_day(d) for d, _ in points]
            ys = [value for _, value in points]
            colour = PALETTE[i % len(PALETTE)]
            ax.plot(
                xs,
                ys,
                "-" if i < len(PALETTE) else "--",
                linewidth=1.3,
                alpha=0.75,
                color=colour,
                label=mpl_text(label, 44),
            )
            active = [(x, y) for x, y in zip(xs, ys, strict=True) if y > 0]
            if active:
                ax.plot([x for x, _ in active], [y for _, y in active], "o", markersize=4, color=colour)
        ax.set_ylim(0, 10.5)
        ax.set_ylabel(ylabel)
        ax.text(
            0.005,
            0.97,
            "intense (one −10 event or more in the window)",
            transform=ax.transAxes,
            color=HOSTILE,
            fontsize=7.5,
            va="top",
        )
        _date_axis(ax)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        if series:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        return svg_of(fig, "escalation")


def monthly_bars(months: Sequence[str], counts: Sequence[int]) -> str:
    """Events per month as bars."""
    with _style():
        fig = _figure(9.5, 2.2)
        ax = fig.add_subplot()
        ax.bar(range(len(months)), counts, color=OTHER, width=0.8)
        step = max(len(months) // 16, 1)
        ax.set_xticks(range(0, len(months), step), [months[i] for i in range(0, len(months), step)])
        ax.tick_params(axis="x", labelrotation=45, length=0)
        ax.set_ylabel("events")
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        return svg_of(fig, "monthly")


@attrs.frozen
class NetNode:
    """A node of the network drawing."""

    id: str
    label: str
    group: str
    size: float = 1.0


@attrs.frozen
class NetEdge:
    """A directed edge of the network drawing, labelled by its predicate."""

    source: str
    target: str
    predicate: str


_EDGE_COLOURS = {
    "attacks": "#b42318",
    "hostile_to": "#e8590c",
    "backs": "#c77c02",
    "controls": "#6b4c9a",
    "allied_with": "#3b7d4f",
    "part_of": "#9aa5b1",
    "member_of": "#9aa5b1",
    "leads": "#2f5d8a",
    "commands": "#2f5d8a",
}
_EDGE_STYLES: dict[str, Literal["solid", "dashed", "dotted"]] = {
    "hostile_to": "dashed",
    "part_of": "dotted",
    "member_of": "dotted",
}


def network_chart(nodes: Sequence[NetNode], edges: Sequence[NetEdge]) -> str:
    """The actor network: nodes placed by a seeded spring layout, edges coloured by predicate."""
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]
    from matplotlib.lines import Line2D

    with _style():
        graph = nx.MultiDiGraph()
        for node in sorted(nodes, key=lambda n: n.id):
            graph.add_node(node.id)
        for edge in sorted(edges, key=lambda e: (e.source, e.target, e.predicate)):
            graph.add_edge(edge.source, edge.target, predicate=edge.predicate)
        simple = nx.Graph(graph)
        if 2 < len(simple) <= 40:
            start = nx.circular_layout(sorted(simple))  # a fixed start: the layout is deterministic
            pos = nx.kamada_kawai_layout(simple, pos=start)
        else:
            pos = nx.spring_layout(simple, seed=7, k=1.6 / max(len(simple), 1) ** 0.5, iterations=200)
        fig = _figure(9.5, 6.2)
        ax = fig.add_subplot()
        ax.set_axis_off()
        groups = sorted({n.group for n in nodes})
        colour = {g: PALETTE[(i + 1) % len(PALETTE)] for i, g in enumerate(groups)}
        by_id = {n.id: n for n in nodes}
        for predicate in sorted({e.predicate for e in edges}):
            chosen = [(u, v) for u, v, p in graph.edges(data="predicate") if p == predicate]
            nx.draw_networkx_edges(
                graph,
                pos,
                edgelist=chosen,
                ax=ax,
                edge_color=_EDGE_COLOURS.get(predicate, MUTED),
                width=1.3,
                style=_EDGE_STYLES.get(predicate, "solid"),
                arrows=True,
                arrowsize=11,
                node_size=500,
                connectionstyle="arc3,rad=0.08",
                alpha=0.85,
            )
        order = sorted(graph.nodes)
        nx.draw_networkx_nodes(
            graph,
            pos,
            nodelist=order,
            ax=ax,
            node_size=[220 + 380 * by_id[n].size for n in order],
            node_color=[colour[by_id[n].group] for n in order],
            edgecolors="white",
            linewidths=1.2,
        )
        for node_id in order:
            x, y = pos[node_id]
            ax.text(
                x,
                y - 0.045,
                mpl_text(by_id[node_id].label, 28),
                ha="center",
                va="top",
                fontsize=7.5,
                color=INK,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
            )
        handles = [
            Line2D(
                [],
                [],
                color=_EDGE_COLOURS.get(p, MUTED),
                label=p.replace("_", " "),
                linestyle=_EDGE_STYLES.get(p, "solid"),
            )
            for p in sorted({e.predicate for e in edges})
        ]
        handles += [
            Line2D([], [], marker="o", linestyle="", color=colour[g], label=mpl_text(g.replace("_", " "), 24))
            for g in groups
        ]
        ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
        ax.margins(0.08)
        return svg_of(fig, "network")
