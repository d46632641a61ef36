"""Aggregates the report draws and counts: date precision, the focus window, counts per month.

Isolated here, and written against the :class:`mideast_model.store.Store` protocol (or
plain iterables of events), so that a columnar store's vectorised aggregates can replace
them one by one. None of them reads a section's state.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from mideast_model.model import Event, TimeSpan

__all__ = [
    "FocusWindow",
    "MonthlyCounts",
    "focus_window",
    "month_key",
    "month_start",
    "monthly_counts",
    "months_between",
    "next_month",
    "precision_of",
]

#: Widest span (days) still drawn and counted as "known to the month".
MONTH_SPAN = 31
#: Widest span (days) still counted as "known to the year".
YEAR_SPAN = 366
_MIN, _MAX = dt.date.min, dt.date.max


def precision_of(when: TimeSpan) -> str:
    """How exactly a date is known, from the width of its span: ``day``, ``month``, ``year``, ``span`` or ``open``.

    ``span`` is anything wider than a year ("2019-04/2020-03"); ``open`` has an open end.
    """
    low, high = when.earliest, when.latest
    if low == _MIN or high == _MAX:
        return "open"
    width = (high - low).days
    if width == 0:
        return "day"
    if width <= MONTH_SPAN:
        return "month" if width >= 27 else "days"
    if width <= YEAR_SPAN:
        return "year" if width >= 364 else "months"
    return "span"


def month_key(day: dt.date) -> str:
    """``2020-03``."""
    return f"{day.year:04d}-{day.month:02d}"


def month_start(key: str) -> dt.date:
    """The first day of the month ``key`` (``2020-03``)."""
    return dt.date(int(key[:4]), int(key[5:7]), 1)


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s."""
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[str]:
    """Every month key from ``first``'s month to ``last``'s, inclusive."""
    out = []
    day = dt.date(first.year, first.month, 1)
    while day <= last:
        out.append(month_key(day))
        day = next_month(day)
    return out


@attrs.frozen
class FocusWindow:
    """Where the events are dense: the chart's main axis; the rest is context.

    :param start: first day of the window (a month's first day).
    :param end: last day of the window (a month's last day).
    :param first: first day of the whole dataset.
    :param last: last day of the whole dataset.
    :param inside: events whose span overlaps the window.
    :param total: dated events in all.
    """

    start: dt.date
    end: dt.date
    first: dt.date
    last: dt.date
    inside: int
    total: int

    @property
    def clipped(self) -> bool:
        """Whether the window leaves out part of the dataset's range (then a context strip is drawn)."""
        return self.start > self.first or self.end < self.last


def focus_window(events: Iterable[Event], coverage: float = 0.8, min_days: int = 60) -> FocusWindow | None:
    """The shortest run of whole months holding ``coverage`` of the events dated to a month or better.

    Events known only to the year or a wider span do not pull the window (they would
    stretch it over the years); they are drawn as spans where they overlap it. The window
    is at least ``min_days`` long; ``None`` when no event is dated.
    """
    spans = [(e.when.earliest, e.when.latest) for e in events if precision_of(e.when) != "open"]
    if not spans:
        return None
    first = min(s for s, _ in spans)
    last = max(e for _, e in spans)
    narrow = sorted(s + (e - s) / 2 for s, e in spans if (e - s).days <= MONTH_SPAN)
    if not narrow:
        narrow = sorted(s + (e - s) / 2 for s, e in spans)
    keep = max(1, round(coverage * len(narrow)))
    best = min(range(len(narrow) - keep + 1), key=lambda i: (narrow[i + keep - 1] - narrow[i], -i))
    low, high = narrow[best], narrow[best + keep - 1]
    if (high - low).days < min_days:
        pad = (dt.timedelta(days=min_days) - (high - low)) / 2
        low, high = low - pad, high + pad
    low, high = max(low, first), min(high, last)
    start = dt.date(low.year, low.month, 1)
    end = next_month(high) - dt.timedelta(days=1)
    inside = sum(1 for s, e in spans if s <= end and e >= start)
    return FocusWindow(start, end, first, last, inside, len(spans))


@attrs.frozen
class MonthlyCounts:
    """Events per month, kept apart by how exactly they are dated.

    :param months: month keys in order, every month from the first to the last.
    :param exact: per month, events dated to that month or a day in it.
    :param spread: per month, the share of wider events spread evenly over the months they span.
    :param undated: events with an open date (not counted in any month).
    """

    months: tuple[str, ...]
    exact: tuple[int, ...]
    spread: tuple[float, ...]
    undated: int

    def total(self, i: int) -> float:
        """All events counted in month ``i``."""
        return self.exact[i] + self.spread[i]

    def window(self, start: dt.date, end: dt.date) -> MonthlyCounts:
        """The months from ``start``'s to ``end``'s only."""
        low, high = month_key(start), month_key(end)
        keep = [i for i, m in enumerate(self.months) if low <= m <= high]
        return MonthlyCounts(
            tuple(self.months[i] for i in keep),
            tuple(self.exact[i] for i in keep),
            tuple(self.spread[i] for i in keep),
            self.undated,
        )


def monthly_counts(events: Iterable[Event]) -> MonthlyCounts:
    """Events per month: a day or month counts once in its month; a wider span is spread over its months.

    A year-only event adds 1/12 to each of its twelve months, never one whole event to June.
    """
    exact: Counter[str] = Counter()
    spread: dict[str, float] = {}
    undated = 0
    first: dt.date | None = None
    last: dt.date | None = None
    for event in events:
        when = event.when
        if precision_of(when) == "open":
            undated += 1
            continue
        low, high = when.earliest, when.latest
        first = low if first is None or low < first else first
        last = high if last is None or high > last else last
        if month_key(low) == month_key(high):
            exact[month_key(low)] += 1
            continue
        covered = months_between(low, high)
        share = 1.0 / len(covered)
        for m in covered:
            spread[m] = spread.get(m, 0.0) + share
    if first is None or last is None:
        return MonthlyCounts((), (), (), undated)
    months = tuple(months_between(first, last))
    return MonthlyCounts(
        months, tuple(exact.get(m, 0) for m in months), tuple(spread.get(m, 0.0) for m in months), undated
    )


def top_counts(counter: Counter[str] | dict[str, int], limit: int) -> Sequence[tuple[str, int]]:
    """The ``limit`` largest entries, ties by key."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
