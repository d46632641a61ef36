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
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from mideast_model_report.escape import mpl_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "Lane",
    "Mark",
    "NetEdge",
    "NetNode",
    "Reaction",
    "monthly_chart",
    "network_chart",
    "sequence_chart",
    "svg_of",
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


def _date_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)  # type: ignore[no-untyped-call,unused-ignore]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call,unused-ignore]
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


@attrs.frozen
class Mark:
    """One event on the sequence chart.

    :param earliest: first day the date allows.
    :param latest: last day the date allows (equal to ``earliest`` for a day-dated event).
    :param severity: the event's score on the Goldstein scale (−10 most hostile … +10), or ``None``.
    :param number: the event's number in the story's list, shown beside it (``None``: unnumbered).
    :param label: a short title, written inside the bar of an event known only within a span.
    :param category: ``violent`` (an attack, a strike, a killing), ``hostile`` (a threat, a
        demand, coercion) or ``other``; ``None``: judged from ``severity``.
    """

    earliest: dt.date
    latest: dt.date
    severity: float | None = None
    number: int | None = None
    label: str | None = None
    category: str | None = None


@attrs.frozen
class Lane:
    """A row of the sequence chart: one directed dyad, its events and its escalation index per month.

    :param index: month key (``2020-03``) → escalation index (0–10) of the dyad in that month.
    """

    label: str
    marks: tuple[Mark, ...]
    index: tuple[tuple[str, float], ...] = ()


@attrs.frozen
class Reaction:
    """An arrow from an action (lane, day) to the answer (lane, day), labelled with the delay.

    ``possible``: a link across rough dates (a day-dated act and an answer known only to the
    month), drawn dashed to the start of the answer's span.
    """

    from_lane: int
    from_day: dt.date
    to_lane: int
    to_day: dt.date
    label: str
    possible: bool = False


VIOLENT = "#b42318"
HOSTILE_SOFT = "#d97706"
NEUTRAL = "#2f5d8a"


def severity_colour(severity: float | None, category: str | None = None) -> str:
    """Red for violence, amber for other hostility, blue otherwise.

    ``category`` (from the event's CAMEO code: see :func:`act_category`) decides; without
    it, the Goldstein score does (≤ −7 violent, < 0 hostile) — a threat of force scores −7
    too, so a chart with codes never paints a threat as an attack.
    """
    if category is not None:
        return {"violent": VIOLENT, "hostile": HOSTILE_SOFT}.get(category, NEUTRAL)
    if severity is None or severity >= 0:
        return NEUTRAL
    return VIOLENT if severity <= -7 else HOSTILE_SOFT


#: CAMEO codes of violence outside roots 18–20: violent protest (riot), violent repression.
_VIOLENT_CODES = ("145", "175")


def act_category(code: str | None, severity: float | None = None) -> str | None:
    """``violent`` (CAMEO 18–20, riots, violent repression), ``hostile`` (10–17, or a negative score), else ``other``.

    ``None`` when the event has neither a code nor a score.
    """
    if code:
        if code[:2] in ("18", "19", "20") or code.startswith(_VIOLENT_CODES):
            return "violent"
        if "10" <= code[:2] <= "17":
            return "hostile"
        return "other" if severity is None or severity >= 0 else "hostile"
    if severity is None:
        return None
    return "hostile" if severity < 0 else "other"


#: Height of one lane unit of the sequence chart in points (the figure is 0.62 in per unit).
_LANE_POINTS = 0.62 * 72


def _arc_point(
    a: tuple[float, float], b: tuple[float, float], rad: float, t: float, x_points: float, y_points: float
) -> tuple[float, float]:
    """The data point at ``t`` (0–1) along matplotlib's ``arc3,rad`` curve from ``a`` to ``b`` (y grows downwards).

    The curve is a quadratic Bézier whose control point is the chord's middle moved by
    ``rad`` × the chord turned a quarter, measured on the page (``x_points``, ``y_points``:
    points per data unit).
    """
    ax_, ay_ = a[0] * x_points, -a[1] * y_points
    bx_, by_ = b[0] * x_points, -b[1] * y_points
    dx, dy = bx_ - ax_, by_ - ay_
    cx, cy = (ax_ + bx_) / 2 + rad * dy, (ay_ + by_) / 2 - rad * dx
    u = 1 - t
    x = u * u * ax_ + 2 * u * t * cx + t * t * bx_
    y = u * u * ay_ + 2 * u * t * cy + t * t * by_
    return x / x_points, -y / y_points


def _overlap_area(box: Box, others: Sequence[Box]) -> float:
    total = 0.0
    for o in others:
        w = min(box[2], o[2]) - max(box[0], o[0])
        h = min(box[3], o[3]) - max(box[1], o[1])
        if w > 0 and h > 0:
            total += w * h
    return total


#: Where along an arrow its label may sit, the middle first.
_ARC_STEPS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)


def _month_cells(start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    from mideast_model_report.aggregate import month_key, next_month

    cells = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        following = next_month(day)
        cells.append((month_key(day), max(day, start), min(following - dt.timedelta(days=1), end)))
        day = following
    return cells


def _context_strip(ax: Axes, months: Sequence[str], totals: Sequence[float], start: dt.date, end: dt.date) -> None:
    """The whole period, compressed: events per month as one filled step line; the focus window boxed."""
    from matplotlib.patches import Rectangle

    from mideast_model_report.aggregate import month_start, next_month

    if not months:
        return
    edges = [_day(month_start(m)) for m in months] + [_day(next_month(month_start(months[-1])))]
    values = [*totals, totals[-1] if totals else 0.0]
    ax.fill_between(edges, values, step="post", color=MUTED, alpha=0.55, linewidth=0)
    top = max(totals) if totals else 1.0
    ax.add_patch(
        Rectangle(
            (_day(start), 0),
            _day(end) + 1 - _day(start),
            top * 1.08 or 1.0,
            facecolor="none",
            edgecolor=VIOLENT,
            linewidth=1.2,
        )
    )
    first, last = month_start(months[0]), next_month(month_start(months[-1]))
    ax.set_ylim(0, (top * 1.12) or 1.0)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    _context_strip_axis(ax, first, last)
    ax.set_title(
        f"Context: events per month over the whole period {first.year}–{last.year} (the red box is the window above)",
        fontsize=7.5,
        loc="left",
        color=MUTED,
    )


def _lane_layout(lanes: Sequence[Lane], start: dt.date, end: dt.date) -> list[tuple[float, float, float, list[float]]]:
    """Per lane: its top and bottom (y grows downwards), the y of its dots and the y of each mark's bar.

    Bars that overlap in time go on separate rows of their lane, so no span hides another.
    """
    out = []
    y = 0.0
    for lane in lanes:
        top = y
        dot_y = top + 0.42
        rows_end: list[dt.date] = []
        ys = []
        for mark in lane.marks:
            if mark.latest == mark.earliest:
                ys.append(dot_y)
                continue
            low, high = max(mark.earliest, start), min(mark.latest, end)
            for i, last in enumerate(rows_end):
                if last < low:
                    rows_end[i] = high
                    ys.append(dot_y + 0.3 + 0.24 * i)
                    break
            else:
                rows_end.append(high)
                ys.append(dot_y + 0.3 + 0.24 * (len(rows_end) - 1))
        bottom = dot_y + 0.3 + 0.24 * len(rows_end) - (0.05 if rows_end else 0.12)
        out.append((top, bottom, dot_y, ys))
        y = bottom + 0.06
    return out


def sequence_chart(
    lanes: Sequence[Lane],
    reactions: Sequence[Reaction],
    window: tuple[dt.date, dt.date],
    context: tuple[Sequence[str], Sequence[float]] | None = None,
    *,
    width: float = 10.0,
    salt: str = "sequence",
) -> str:
    """The escalation sequence: one lane per dyad, events as dots (day) or bars (spans), reactions as arrows.

    Each lane's months are shaded by the dyad's escalation index (0–10, printed in the
    cell). An event dated only to a month or a year is a bar over the whole span it may
    fall in, never a point; a span that runs past the window ends in an arrowhead. Below,
    when ``context`` (every month of the period and its number of events) reaches beyond
    the window, a strip shows the whole period with the window boxed.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Patch, Rectangle

    start, end = window
    narrow = width < 7
    with _style():
        strip = (
            context is not None
            and bool(context[0])
            and (
                context[0][0] < f"{start.year:04d}-{start.month:02d}"
                or context[0][-1] > f"{end.year:04d}-{end.month:02d}"
            )
        )
        layout_units = _lane_layout(lanes, start, end)
        main_h = 0.62 * (layout_units[-1][1] if layout_units else 1.0) + 0.5
        fig = _figure(width, main_h + (0.85 if strip else 0.0) + (0.9 if narrow else 0.45))
        if strip:
            grid = fig.add_gridspec(2, 1, height_ratios=[main_h, 0.55])
            ax = fig.add_subplot(grid[0])
            strip_ax = fig.add_subplot(grid[1])
        else:
            ax = fig.add_subplot()
        cells = _month_cells(start, end)
        layout = _lane_layout(lanes, start, end)
        points_per_day = width * 72 * 0.94 / max((end - start).days + 1, 1)
        taken: list[Box] = []  # what the arrows' labels should not cover (data units, y downwards)
        for lane, (top, bottom, dot_y, span_rows) in zip(lanes, layout, strict=True):
            label_w = min(len(lane.label), 60) * 8.5 * 0.62 / points_per_day
            taken.append((_day(start) + 0.8, top + 0.02, _day(start) + 0.8 + label_w, top + 0.28))
            index = dict(lane.index)
            # the lane's months as one collection: shaded by the dyad's index that month
            values = [index.get(key, 0.0) for key, _, _ in cells]
            ax.broken_barh(
                [(_day(low), _day(high) + 1 - _day(low)) for _, low, high in cells],
                (top, bottom - top),
                facecolors=[
                    (0.706, 0.137, 0.094, 0.05 + 0.35 * min(v, 10.0) / 10.0) if v > 0 else (0.894, 0.906, 0.922, 0.25)
                    for v in values
                ],
                edgecolors="white",
                linewidth=1.0,
            )
            if len(cells) <= 24:  # the index printed in each cell while the cells are wide enough
                for value, (_, _, high) in zip(values, cells, strict=True):
                    if value > 0:
                        ax.text(
                            _day(high) + 0.4,
                            bottom - 0.03,
                            f"{value:.1f}",
                            ha="right",
                            va="bottom",
                            fontsize=6.5,
                            color=VIOLENT,
                        )
            ax.text(
                _day(start) + 0.8,
                top + 0.04,
                mpl_text(lane.label, 60),
                ha="left",
                va="top",
                fontsize=8.5,
                color=INK,
                fontweight="bold",
            )
            for mark, row in zip(lane.marks, span_rows, strict=True):
                colour = severity_colour(mark.severity, mark.category)
                low, high = max(mark.earliest, start), min(mark.latest, end)
                if high < low:
                    continue
                if mark.latest == mark.earliest:
                    yy = dot_y
                    size = 4.5 + 0.45 * abs(mark.severity or 0.0)
                    radius = size / 2 + 1
                    taken.append(
                        (
                            _day(low) + 0.5 - radius / points_per_day,
                            yy - radius / _LANE_POINTS,
                            _day(low) + 0.5 + radius / points_per_day,
                            yy + (0.32 if mark.number is not None else radius / _LANE_POINTS),
                        )
                    )
                    ax.plot(
                        [_day(low) + 0.5],
                        [yy],
                        marker="o",
                        markersize=size,
                        color=colour,
                        markeredgecolor="white",
                        markeredgewidth=0.6,
                        zorder=4,
                    )
                    if mark.number is not None:
                        ax.text(
                            _day(low) + 0.5,
                            yy + 0.13,
                            str(mark.number),
                            ha="center",
                            va="top",
                            fontsize=7,
                            color=INK,
                            fontweight="bold",
                            zorder=5,
                        )
                    continue
                yy = row
                bar = Rectangle(
                    (_day(low), yy - 0.09),
                    _day(high) + 1 - _day(low),
                    0.18,
                    facecolor=colour,
                    alpha=0.3,
                    edgecolor=colour,
                    linewidth=0.9,
                    zorder=3,
                )
                ax.add_patch(bar)
                taken.append((_day(low), yy - 0.09, _day(high) + 1, yy + 0.09))
                if mark.label:
                    # the title inside the bar, cut to what fits (about 0.55 em per character)
                    offset = 4.0 if mark.number is not None else 1.2
                    room = (_day(high) + 1 - _day(low) - offset) * points_per_day - 4
                    chars = int(room / (6 * 0.55))
                    if chars >= 10:
                        ax.text(
                            _day(low) + offset,
                            yy,
                            mpl_text(mark.label, chars),
                            ha="left",
                            va="center",
                            fontsize=6,
                            color=INK,
                            zorder=5,
                        )
                if mark.earliest < start:
                    ax.plot([_day(low)], [yy], marker="<", markersize=5, color=colour, zorder=4)
                if mark.latest > end:
                    ax.plot([_day(high) + 1], [yy], marker=">", markersize=5, color=colour, zorder=4)
                if mark.number is not None:
                    ax.text(
                        _day(low) + 1.0,
                        yy,
                        str(mark.number),
                        ha="left",
                        va="center",
                        fontsize=7,
                        color=INK,
                        fontweight="bold",
                        zorder=5,
                    )
        for r in reactions:
            if not (start <= r.from_day <= end and start <= r.to_day <= end):
                continue
            a = (_day(r.from_day) + 0.5, layout[r.from_lane][2])
            b = (_day(r.to_day) + 0.5, layout[r.to_lane][2])
            ax.add_patch(
                FancyArrowPatch(
                    a,
                    b,
                    connectionstyle="arc3,rad=0.25",
                    arrowstyle="-|>",
                    mutation_scale=9,
                    color=INK,
                    alpha=0.7,
                    linewidth=1.0,
                    linestyle="--" if r.possible else "-",
                    shrinkA=4,
                    shrinkB=4,
                    zorder=6,
                )
            )
            # the label on the arc, where it covers the least of the other marks (the middle first)
            half_w = (len(r.label) * 6.5 * 0.6 + 4) / 2 / points_per_day
            half_h = 0.13
            x, y, best = a[0], a[1], float("inf")
            for t in _ARC_STEPS:
                px, py = _arc_point(a, b, 0.25, t, points_per_day, _LANE_POINTS)
                box = (px - half_w, py - half_h, px + half_w, py + half_h)
                if box[0] < _day(start) or box[2] > _day(end) + 1:
                    continue
                cost = _overlap_area(box, taken)
                if cost < best - 1e-9:
                    x, y, best = px, py, cost
                if cost == 0:
                    break
            taken.append((x - half_w, y - half_h, x + half_w, y + half_h))
            ax.text(
                x,
                y,
                r.label,
                fontsize=6.5,
                color=INK,
                ha="center",
                va="center",
                zorder=7,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
            )
        ax.set_ylim(layout[-1][1] if layout else 1.0, 0.0)
        ax.set_xlim(_day(start), _day(end) + 1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        _date_axis(ax)
        ax.set_xlabel(f"date ({start.isoformat()} to {end.isoformat()})", fontsize=8, color=MUTED)
        handles = [
            Line2D(
                [], [], marker="o", linestyle="", color=VIOLENT, markersize=6, label="violent act, dated to the day"
            ),
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=HOSTILE_SOFT,
                markersize=5,
                label="threat, demand, other hostile act",
            ),
            Line2D([], [], marker="o", linestyle="", color=NEUTRAL, markersize=5, label="other act"),
            Patch(facecolor=MUTED, alpha=0.3, edgecolor=MUTED, label="dated only to a span: bar over the span"),
            Line2D([], [], color=INK, marker=">", markersize=4, label="answered by (days later)"),
            Patch(facecolor=VIOLENT, alpha=0.3, label="month shaded by escalation index (0–10)"),
        ]
        fig.legend(handles=handles, loc="outside upper center", ncols=2 if narrow else 3, fontsize=7.5)
        if strip and context is not None:
            _context_strip(strip_ax, context[0], context[1], start, end)
        return svg_of(fig, salt)


def monthly_chart(
    months: Sequence[str],
    exact: Sequence[int],
    spread: Sequence[float],
    whole: tuple[Sequence[str], Sequence[float]] | None = None,
    window: tuple[dt.date, dt.date] | None = None,
    *,
    width: float = 9.5,
    salt: str = "monthly",
) -> str:
    """Events per month in the focus window: solid for events dated within the month, pale for shares of wider spans.

    ``whole`` (months, totals) adds a compact strip of the whole period below, with the window boxed.
    """

    from mideast_model_report.aggregate import month_start, next_month

    with _style():
        strip = whole is not None and window is not None and len(whole[0]) > len(months)
        fig = _figure(width, 2.6 + (0.8 if strip else 0.0))
        if strip:
            grid = fig.add_gridspec(2, 1, height_ratios=[2.2, 0.6])
            ax = fig.add_subplot(grid[0])
            strip_ax = fig.add_subplot(grid[1])
        else:
            ax = fig.add_subplot()
        lefts = [_day(month_start(m)) for m in months]
        if len(months) <= 48:
            widths = [(_day(next_month(month_start(m))) - _day(month_start(m))) * 0.85 for m in months]
            ax.bar(lefts, list(exact), width=widths, align="edge", color=OTHER, label="dated within the month")
            ax.bar(
                lefts,
                list(spread),
                width=widths,
                align="edge",
                bottom=list(exact),
                color=OTHER,
                alpha=0.3,
                label="share of events dated only to a wider span (spread evenly)",
            )
        elif months:  # many months: two filled step areas instead of hundreds of bars
            edges = [*lefts, _day(next_month(month_start(months[-1])))]
            solid = [*exact, exact[-1]]
            total = [e + s for e, s in zip(exact, spread, strict=True)]
            ax.fill_between(edges, solid, step="post", color=OTHER, linewidth=0, label="dated within the month")
            ax.fill_between(
                edges,
                solid,
                [*total, total[-1]],
                step="post",
                color=OTHER,
                alpha=0.3,
                linewidth=0,
                label="share of events dated only to a wider span (spread evenly)",
            )
        if months:
            ax.set_xlim(lefts[0] - 3, _day(next_month(month_start(months[-1]))) + 3)
        _date_axis(ax)
        ax.set_ylabel("events per month")
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.legend(loc="upper left", fontsize=7.5)
        if strip and whole is not None and window is not None:
            _context_strip(strip_ax, whole[0], whole[1], window[0], window[1])
        return svg_of(fig, salt)


def _context_strip_axis(ax: Axes, first: dt.date, last: dt.date) -> None:
    import matplotlib.dates as mdates

    ax.set_xlim(_day(first) - 20, _day(last) + 20)
    years = max((last - first).days / 365.25, 1.0)
    if years < 3:
        _date_axis(ax)
        return
    locator = mdates.YearLocator(max(1, int(years // 6)))  # type: ignore[no-untyped-call,unused-ignore]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call,unused-ignore]
    ax.tick_params(axis="x", labelsize=7.5)


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


Box = tuple[float, float, float, float]
"""A box in display units: (x0, y0, x1, y1)."""


def boxes_overlap(a: Box, b: Box, gap: float = 0.0) -> bool:
    """Whether two boxes overlap (closer than ``gap``)."""
    return not (a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1])


def place_labels(
    anchors: Sequence[tuple[float, float, float]],
    sizes: Sequence[tuple[float, float]],
    bounds: Box,
    gap: float = 1.5,
) -> list[Box | None]:
    """Boxes for labels beside their nodes, none overlapping another label or a node, inside ``bounds``.

    :param anchors: per node, its centre and radius (display units), in the order labels are placed
        (the most important first: it gets the best spot).
    :param sizes: per node, its label's width and height.
    :returns: per node, the chosen box, or ``None`` when no spot is free.
    """
    nodes: list[Box] = [(x - r, y - r, x + r, y + r) for x, y, r in anchors]
    placed: list[Box] = []
    out: list[Box | None] = []
    for (x, y, r), (w, h) in zip(anchors, sizes, strict=True):
        chosen: Box | None = None
        for distance in (2.0, 6.0, 12.0, 20.0, 30.0):
            d = r + distance
            candidates = [
                (x - w / 2, y - d - h),  # below
                (x - w / 2, y + d),  # above
                (x + d, y - h / 2),  # right
                (x - d - w, y - h / 2),  # left
                (x + d * 0.7, y - d * 0.7 - h),  # below right
                (x - d * 0.7 - w, y - d * 0.7 - h),  # below left
                (x + d * 0.7, y + d * 0.7),  # above right
                (x - d * 0.7 - w, y + d * 0.7),  # above left
            ]
            for x0, y0 in candidates:
                box = (x0, y0, x0 + w, y0 + h)
                if box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]:
                    continue
                if any(boxes_overlap(box, other, gap) for other in placed):
                    continue
                if any(boxes_overlap(box, node) for node in nodes):
                    continue
                chosen = box
                break
            if chosen is not None:
                break
        if chosen is not None:
            placed.append(chosen)
        out.append(chosen)
    return out


@attrs.frozen
class NetworkDrawing:
    """The network chart and where its labels went (display units of the SVG, y up).

    :param svg: the inline SVG.
    :param boxes: label boxes placed, by node id.
    :param unlabelled: ids of nodes drawn without a label (no free spot).
    """

    svg: str
    boxes: dict[str, Box]
    unlabelled: tuple[str, ...]


def network_layout(nodes: Sequence[NetNode], edges: Sequence[NetEdge]) -> dict[str, tuple[float, float]]:
    """Node positions: Kamada–Kawai from a fixed circular start (deterministic); a seeded spring past 60 nodes."""
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]

    simple = nx.Graph()
    simple.add_nodes_from(sorted(n.id for n in nodes))
    simple.add_edges_from(sorted((e.source, e.target) for e in edges))
    if 2 < len(simple) <= 60:
        start = nx.circular_layout(sorted(simple))
        pos = nx.kamada_kawai_layout(simple, pos=start)
    else:
        pos = nx.spring_layout(simple, seed=7, k=1.6 / max(len(simple), 1) ** 0.5, iterations=200)
    return {k: (float(v[0]), float(v[1])) for k, v in pos.items()}


def network_chart(
    nodes: Sequence[NetNode],
    edges: Sequence[NetEdge],
    *,
    width: float = 9.5,
    height: float = 6.4,
    legend_below: bool = False,
    salt: str = "network",
    layout: Mapping[str, tuple[float, float]] | None = None,
) -> NetworkDrawing:
    """The actor network: a networkx layout, edges coloured by predicate, labels placed without collisions.

    Every label is measured and put beside its node where it overlaps no other label and
    no node (:func:`place_labels`); a node with no free spot is drawn unlabelled and
    reported in :attr:`NetworkDrawing.unlabelled`. Each label is a ``<g id="{salt}-label-N">``.
    """
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    with _style():
        graph = nx.MultiDiGraph()
        for node in sorted(nodes, key=lambda n: n.id):
            graph.add_node(node.id)
        for edge in sorted(edges, key=lambda e: (e.source, e.target, e.predicate)):
            graph.add_edge(edge.source, edge.target, predicate=edge.predicate)
        pos = dict(layout) if layout is not None else network_layout(nodes, edges)
        fig = Figure(figsize=(width, height))
        FigureCanvasAgg(fig)
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        rect = (0.01, 0.16, 0.98, 0.83) if legend_below else (0.01, 0.01, 0.74, 0.98)
        ax = fig.add_axes(rect)
        ax.set_axis_off()
        xs = [p[0] for p in pos.values()] or [0.0]
        ys = [p[1] for p in pos.values()] or [0.0]
        padx = (max(xs) - min(xs)) * 0.08 + 0.05
        pady = (max(ys) - min(ys)) * 0.08 + 0.05
        ax.set_xlim(min(xs) - padx, max(xs) + padx)
        ax.set_ylim(min(ys) - pady, max(ys) + pady)
        groups = sorted({n.group for n in nodes})
        colour = {g: PALETTE[(i + 1) % len(PALETTE)] for i, g in enumerate(groups)}
        by_id = {n.id: n for n in nodes}
        order = sorted(graph.nodes)
        sizes = {n: 120 + 330 * by_id[n].size for n in order}  # marker area, points²
        for predicate in sorted({e.predicate for e in edges}):
            chosen = [(u, v) for u, v, p in graph.edges(data="predicate") if p == predicate]
            nx.draw_networkx_edges(
                graph,
                pos,
                edgelist=chosen,
                ax=ax,
                edge_color=_EDGE_COLOURS.get(predicate, MUTED),
                width=1.2,
                style=_EDGE_STYLES.get(predicate, "solid"),
                arrows=True,
                arrowsize=10,
                nodelist=order,
                node_size=[sizes[n] for n in order],
                connectionstyle="arc3,rad=0.08",
                alpha=0.8,
            )
        nx.draw_networkx_nodes(
            graph,
            pos,
            nodelist=order,
            ax=ax,
            node_size=[sizes[n] for n in order],
            node_color=[colour[by_id[n].group] for n in order],
            edgecolors="white",
            linewidths=1.2,
        )
        # Labels: the biggest nodes first; measured, then placed where nothing else is.
        ranked = sorted(order, key=lambda n: (-by_id[n].size, n))
        scale = fig.dpi / 72.0
        anchors = []
        texts = []
        for node_id in ranked:
            x, y = ax.transData.transform(pos[node_id])
            radius = (sizes[node_id] ** 0.5) / 2 * scale + 1.0
            anchors.append((float(x), float(y), radius))
            text = ax.text(0, 0, mpl_text(by_id[node_id].label, 30), ha="center", va="center", fontsize=7.5, color=INK)
            with warnings.catch_warnings():  # the browser draws glyphs DejaVu Sans lacks; measure what we can
                warnings.filterwarnings("ignore", message="Glyph .* missing from font")
                extent = text.get_window_extent(renderer)
            texts.append((text, extent.width + 2, extent.height + 1))
        bbox = ax.get_window_extent(renderer)
        boxes = place_labels(anchors, [(w, h) for _, w, h in texts], (bbox.x0, bbox.y0, bbox.x1, bbox.y1))
        placed: dict[str, Box] = {}
        unlabelled = []
        inverse = ax.transData.inverted()
        for i, (node_id, (text, _, _), box) in enumerate(zip(ranked, texts, boxes, strict=True)):
            if box is None:
                text.remove()
                unlabelled.append(node_id)
                continue
            cx, cy = inverse.transform(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
            text.set_position((cx, cy))
            # a light backing: edges that pass under a label do not cross out its words
            text.set_bbox({"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
            text.set_gid(f"{salt}-label-{i}")
            placed[node_id] = box
        # one legend entry per look: ties drawn alike ("part of", "member of") share it
        looks: dict[tuple[str, Literal["solid", "dashed", "dotted"]], list[str]] = {}
        for p in sorted({e.predicate for e in edges}):
            looks.setdefault((_EDGE_COLOURS.get(p, MUTED), _EDGE_STYLES.get(p, "solid")), []).append(p)
        handles = [
            Line2D(
                [],
                [],
                color=look[0],
                label=", ".join(p.replace("_", " ") for p in names),
                linestyle=look[1],
            )
            for look, names in looks.items()
        ]
        handles += [
            Line2D([], [], marker="o", linestyle="", color=colour[g], label=mpl_text(g.replace("_", " "), 24))
            for g in groups
        ]
        if legend_below:
            fig.legend(handles=handles, loc="lower center", ncols=3, fontsize=7.5, bbox_to_anchor=(0.5, 0.0))
        else:
            fig.legend(handles=handles, loc="center left", bbox_to_anchor=(0.76, 0.5), fontsize=8)
        return NetworkDrawing(svg_of(fig, salt), placed, tuple(unlabelled))
