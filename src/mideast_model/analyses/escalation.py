"""``escalation``: how hostile each directed dyad's acts are per window — an index that discriminates.

What it measures: the *intensity* of a dyad's conflictual acts in a window, weighted by
how many there were, on a 0–10 scale that does not saturate on busy months and compares
across dyads and datasets.

Per event, the conflict severity ``s`` lies in [0, 1]:
``s = c · (0.5 + 0.5·f)``, where ``c = max(0, −g)/10`` from the Goldstein score ``g`` —
the dataset's own coding when it has one (``Event.metrics.goldstein``, GDELT's
GoldsteinScale), else the event's CAMEO code, else its kind's representative code — and
``f = min(1, log10(1 + deaths)/log10(1 + fatality_ref))`` from the dataset's fatalities
(``Event.metrics.fatalities_best``, else low, else the casualties' killed counts; 0 when
unknown), so a strike that kills ``fatality_ref`` (100) or more counts in full and one with
no deaths half.

Per dyad and window, with ``v`` the (weighted) number of events and ``m`` their mean
severity: ``index = 10 · m · (½ + ½ · min(1, log(1 + v)/log(1 + volume_ref)))``, where
``volume_ref`` is one event a day (30 a month, 7 a week, 1 a day). The mean keeps the index
bounded by how severe the acts are, whatever their number (no saturation on busy months);
the logarithm of the volume rewards sustained activity with diminishing returns, from half
the severity for a single act to all of it at one act a day, so a month of 300 minor
incidents does not outrank a month of a few deadly strikes. ``percentile`` ranks each row among all rows of
the result (comparable across datasets of different size).

Each event counts for every directed dyad *initiator side → target/victim side*. An event
with targets but no named initiator counts only through an attribution (claims asserting
who was responsible; rows list those events in ``attributed``), otherwise it is listed in
``unattributed``; agentless and undirected events (battles) have no dyad (``undirected``).
An event longer than the window is *spread* over the windows it overlaps in proportion to
the days (a year-only "2018" is twelve twelfths, never a July peak); one longer than
``max_span`` days is left out (``too_vague``). With ``rollup``, actions of an actor that
another backs or controls are also counted, in rows marked ``rolled_up``, for the backer.

Deaths per dyad — never one death in two rows. The severity ``s`` (and so the index) uses
the event's *whole* toll, whoever the victims were and however many dyads the event has.
The ``deaths`` of a row, though, are split by victim: a casualty record whose group rolls
up to a target side of the event gives its killed to that side's dyad only (Camp Taji: two
American and one British dead are 2 for Kataib Hezbollah → United States, 1 for → United
Kingdom, 0 for → US-led coalition). Deaths no record places with a target side (no group
named, a group outside the targets, or a dataset's lump-sum fatalities) stay with the
event: with one dyad they are that dyad's own; with several they are *shared*. Own-victim
deaths with several perpetrator sides for the same target (government forces and militias
killing the same protesters) are shared too: one toll, not one per perpetrator. A row's
``fatalities`` holds the deaths it alone accounts for, ``shared_fatalities`` those it
shares with other rows of the same event; summing ``fatalities`` over the rows never
counts a death twice, and ``fatalities_total`` counts each event's toll once (events in
rows that are not rolled up; rolled-up rows repeat their proxies' deaths by design). An
event's deaths are its metrics' ``fatalities_best`` (else low), else the sum of its
casualty records' killed (low bound); count claims are the sources' statements and are
not read here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import operator
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import (
    WINDOWS,
    Sides,
    attributions,
    fmt,
    gc_paused,
    render_markdown,
    render_rich,
    window_key,
)
from mideast_model.analyses.goldstein import event_goldstein
from mideast_model.errors import InvalidInputError
from mideast_model.extensions import Analysis, Param
from mideast_model.model import Event, Role, Stance

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

__all__ = ["DyadWindow", "EscalationResult", "EventScore", "event_severity", "run"]

_VOLUME_REF = {"month": 30.0, "week": 7.0, "day": 1.0}
_MIN, _MAX = dt.date.min, dt.date.max


@attrs.frozen
class EventScore:
    """One event's Goldstein score, where it came from, its deaths and its severity in [0, 1].

    :param origin: ``dataset`` (the event's own metrics), ``cameo`` (its code), ``kind``
        (its kind's representative code) or ``None`` (unscored).
    """

    event: str
    code: str | None
    score: float | None
    origin: str | None = None
    fatalities: int | None = None
    severity: float = 0.0


@attrs.frozen
class DyadWindow:
    """One directed dyad in one window: its events, intensities and escalation index.

    :param volume: the number of events, fractional where a long event is spread.
    :param severity: the mean event severity (0–1).
    :param index: ``10 · severity · (½ + ½ · min(1, log(1 + volume)/log(1 + volume_ref)))``.
    :param percentile: the share of rows of the result whose index is at most this one's.
    :param attributed: events counted through a claim of responsibility, not the data's coding.
    :param fatalities: the deaths this row alone accounts for: its target side's own victims
        when it is the only perpetrator side, plus the event's unplaced deaths when the event
        has this one dyad (weighted where an event is spread).
    :param shared_fatalities: deaths of its events it shares with other rows (several
        perpetrators of one toll, or deaths no victim record places with one target side).
    """

    actor: str
    target: str
    window: str
    events: tuple[str, ...]
    conflict: float
    cooperation: float
    net: float
    index: float
    trend: float
    rolled_up: bool = False
    via: tuple[str, ...] = ()
    volume: float = 0.0
    severity: float = 0.0
    fatalities: int = 0
    percentile: float = 0.0
    attributed: tuple[str, ...] = ()
    shared_fatalities: int = 0


@attrs.frozen
class EscalationResult:
    """Scores per event, the escalation index per dyad and window, and what was left out.

    :param fatalities_total: the deaths of the events in the (not rolled-up) rows, each event once.
    :param fatalities_shared: the part of it that is shared by several rows, not in any row's ``fatalities``.
    """

    window: str
    scale: float
    rollup: bool
    scores: tuple[EventScore, ...]
    rows: tuple[DyadWindow, ...]
    unscored: tuple[str, ...]
    undirected: tuple[str, ...]
    undated: tuple[str, ...]
    unattributed: tuple[str, ...] = ()
    too_vague: tuple[str, ...] = ()
    spread: tuple[str, ...] = ()
    fatalities_total: int = 0
    fatalities_shared: int = 0

    def distribution(self) -> dict[str, float | int]:
        """Quantiles of the index over the (not rolled-up) rows, and the share at 9.5 or more."""
        values = sorted(r.index for r in self.rows if not r.rolled_up)
        if not values:
            return {"rows": 0}

        def q(p: float) -> float:
            return round(values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))], 3)

        return {
            "rows": len(values),
            "min": q(0.0),
            "p25": q(0.25),
            "median": q(0.5),
            "p75": q(0.75),
            "p90": q(0.9),
            "max": q(1.0),
            "share_at_or_above_9.5": round(sum(v >= 9.5 for v in values) / len(values), 3),
            "distinct": len(set(values)),
        }

    def top(self, n: int = 10) -> tuple[DyadWindow, ...]:
        """The ``n`` rows with the highest index (ties by dyad and window)."""
        rows = sorted((r for r in self.rows if not r.rolled_up), key=lambda r: (-r.index, r.actor, r.target, r.window))
        return tuple(rows[:n])

    @gc_paused
    def to_json(self) -> Any:
        """Parameters, per-event scores, dyad rows (actors and events by id) and the distribution."""
        return {
            "window": self.window,
            "scale": self.scale,
            "rollup": self.rollup,
            "formula": "index = 10 * m * (0.5 + 0.5 * min(1, log(1+v)/log(1+volume_ref))); "
            "m = mean severity, v = events; severity = c * (0.5 + 0.5 f), c = max(0, -goldstein)/10, "
            "f = min(1, log10(1+deaths)/log10(1+fatality_ref))",
            # The fields in order, tuples as lists: what attrs.asdict gave, without its cost on 10^5 rows.
            "scores": [
                {
                    "event": s.event,
                    "code": s.code,
                    "score": s.score,
                    "origin": s.origin,
                    "fatalities": s.fatalities,
                    "severity": s.severity,
                }
                for s in self.scores
            ],
            "dyads": [
                {
                    "actor": r.actor,
                    "target": r.target,
                    "window": r.window,
                    "events": list(r.events),
                    "conflict": r.conflict,
                    "cooperation": r.cooperation,
                    "net": r.net,
                    "index": r.index,
                    "trend": r.trend,
                    "rolled_up": r.rolled_up,
                    "via": list(r.via),
                    "volume": r.volume,
                    "severity": r.severity,
                    "fatalities": r.fatalities,
                    "percentile": r.percentile,
                    "attributed": list(r.attributed),
                    "shared_fatalities": r.shared_fatalities,
                }
                for r in self.rows
            ],
            "distribution": self.distribution(),
            "unscored": list(self.unscored),
            "undirected": list(self.undirected),
            "undated": list(self.undated),
            "unattributed": list(self.unattributed),
            "too_vague": list(self.too_vague),
            "spread": list(self.spread),
            "fatalities_total": self.fatalities_total,
            "fatalities_shared": self.fatalities_shared,
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        rows = [
            (
                r.actor,
                r.target,
                r.window,
                fmt(r.volume, 1),
                fmt(r.severity),
                f"{r.fatalities} (+{r.shared_fatalities} shared)" if r.shared_fatalities else r.fatalities,
                fmt(r.index),
                fmt(r.percentile),
                f"{r.trend:+.2f}",
                ("yes (via " + ", ".join(r.via) + ")" if r.rolled_up else "")
                + (" attributed: " + ", ".join(r.attributed) if r.attributed else ""),
            )
            for r in self.rows
        ]
        cols = ("actor", "target", "window", "events", "severity", "deaths", "index", "percentile", "trend", "notes")
        return [(f"Escalation index per dyad and {self.window}", cols, rows)]

    def _notes(self) -> list[str]:
        dist = self.distribution()
        notes = [
            "index = 10 · mean severity · (½ + ½ · min(1, log(1+events)/log(1+one a day))); severity from the "
            "dataset's Goldstein score (else the CAMEO code) and its fatalities.",
            "Distribution: " + ", ".join(f"{k} {v}" for k, v in dist.items()),
            f"Deaths, each event's toll once: {self.fatalities_total}, of which {self.fatalities_shared} shared "
            '("+N shared": one toll of several perpetrators, or deaths no victim record places with one target; '
            "the rows' own deaths never count one death twice; severity uses each event's whole toll).",
        ]
        if self.unscored:
            notes.append("Unscored (no Goldstein score or CAMEO code): " + ", ".join(self.unscored))
        if self.undirected:
            notes.append("No dyad (agentless or undirected): " + ", ".join(self.undirected))
        if self.unattributed:
            notes.append("Target only, initiator unattributed: " + ", ".join(self.unattributed))
        if self.spread:
            notes.append("Spread over the windows their span covers: " + ", ".join(self.spread))
        if self.too_vague:
            notes.append("Left out, dated too vaguely: " + ", ".join(self.too_vague))
        return notes

    def to_markdown(self) -> str:
        """The dyad table as Markdown, with the formula, the distribution and what was left out."""
        return render_markdown("Escalation", self._tables(), self._notes())

    def to_rich(self) -> RenderableType:
        """The dyad table for the terminal."""
        return render_rich("Escalation", self._tables(), self._notes())


def _window_start(day: dt.date, window: str) -> dt.date:
    if window == "month":
        return day.replace(day=1)
    if window == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def _next_window(start: dt.date, window: str) -> dt.date:
    """The start of the next window; ``date.max`` past the end of the calendar."""
    step = dt.timedelta(days=4 if window == "month" else 7 if window == "week" else 1)
    base = start.replace(day=28) if window == "month" else start
    if base > dt.date.max - step:
        return dt.date.max
    following = base + step
    return following.replace(day=1) if window == "month" else following


def _shares(first: dt.date, last: dt.date, window: str) -> list[tuple[dt.date, float]]:
    """(window start, share of the span's days) for every window the span overlaps."""
    start = _window_start(first, window)
    if _window_start(last, window) == start:
        return [(start, 1.0)]  # one window: all of the span (overlap / days is exactly 1)
    days = (last - first).days + 1
    out = []
    while start <= last:
        nxt = _next_window(start, window)
        end = nxt - dt.timedelta(days=1) if nxt != dt.date.max else dt.date.max
        overlap = (min(end, last) - max(start, first)).days + 1
        out.append((start, overlap / days))
        if nxt == dt.date.max:
            break
        start = nxt
    return out


def _deaths(event: Event) -> int | None:
    metrics = getattr(event, "metrics", None)
    if metrics is not None:
        for name in ("fatalities_best", "fatalities_low"):
            value = getattr(metrics, name, None)
            if value is not None:
                return int(value)
    killed = [c.killed.low for c in event.casualties if c.killed is not None]
    return sum(killed) if killed else None


def _split_deaths(
    event: Event, deaths: int, dyads: list[tuple[str, str]], sides: Sides, day: dt.date
) -> tuple[dict[str, tuple[int, int]], int]:
    """Target side → (own deaths, shared deaths) of each dyad of ``event``, and the deaths shared once.

    A casualty record whose group rolls up to a target side gives its killed (low bound) to
    that side; with one perpetrator side for it they are the dyad's own, with several they are
    shared. The deaths no record places with a target side are the single dyad's own, or
    shared by all the event's dyads. When the records name more deaths than the event's toll
    (``metrics`` disagreeing with them), none is placed: the toll stays whole and unsplit.
    """
    targets = {b for _, b in dyads}
    placed: dict[str, int] = {}
    for c in event.casualties:
        if c.group is not None and c.killed is not None and c.killed.low:
            side = sides.side(c.group, day)
            if side in targets:
                placed[side] = placed.get(side, 0) + c.killed.low
    if sum(placed.values()) > deaths:
        placed = {}
    unplaced = deaths - sum(placed.values())
    perpetrators: dict[str, int] = {}
    for _, b in dyads:
        perpetrators[b] = perpetrators.get(b, 0) + 1
    several = len(dyads) > 1
    split: dict[str, tuple[int, int]] = {}
    shared_once = unplaced if several else 0
    for b, n in perpetrators.items():
        own = placed.get(b, 0)
        if n > 1:
            shared_once += own
            split[b] = (0, own + (unplaced if several else 0))
        else:
            split[b] = (own + (0 if several else unplaced), unplaced if several else 0)
    return split, shared_once


def event_severity(event: Event, fatality_ref: float = 100.0) -> EventScore:
    """The event's Goldstein score (dataset coding first), deaths and severity in [0, 1]."""
    return _severity(event, math.log10(1 + fatality_ref), {})


_Coded = tuple[float | None, str | None, str | None]


def _severity(event: Event, log_ref: float, coded: dict[tuple[str | None, str | None], _Coded]) -> EventScore:
    """:func:`event_severity` with ``log10(1 + fatality_ref)`` given, and the Goldstein lookups by
    (event code, kind code) kept in ``coded`` across events."""
    metrics = event.metrics
    own = getattr(metrics, "goldstein", None) if metrics is not None else None
    score: float | None
    code: str | None
    origin: str | None
    if own is not None:
        score, code, origin = float(own), event.cameo, "dataset"
    else:
        key = (event.cameo, event.kind.cameo)
        found = coded.get(key)
        if found is None:
            score, code = event_goldstein(event)
            origin = None if score is None else ("cameo" if event.cameo and code == event.cameo else "kind")
            found = coded[key] = (score, code, origin)
        score, code, origin = found
    deaths = _deaths(event) if metrics is not None or event.casualties else None
    conflict = max(0.0, -(score or 0.0)) / 10.0
    f = 0.0 if not deaths else min(1.0, math.log10(1 + deaths) / log_ref)
    return EventScore(event.id, code, score, origin, deaths, round(conflict * (0.5 + 0.5 * f), 6))


@gc_paused
def run(
    dataset: Dataset,
    window: str = "month",
    rollup: bool = False,
    scale: float = 10.0,
    merge_units: bool = True,
    fatality_ref: float = 100.0,
    max_span: int = 400,
    attributed: bool = True,
    same_as: Mapping[str, Iterable[str]] | None = None,
) -> EscalationResult:
    """Score every event and compute the escalation index per directed dyad and window.

    :param window: ``month``, ``week`` or ``day``.
    :param rollup: also attribute a proxy's actions to the actors backing or controlling it.
    :param scale: deprecated and ignored (the index is bounded by the mean severity); kept so
        that old calls still run.
    :param merge_units: count units and office holders for the state apparatus they belong to.
    :param fatality_ref: deaths at which an event's fatality weight is full. The severity
        (and the index) always uses the event's whole toll; the rows' ``fatalities`` are split
        by victim and never count one death twice (``shared_fatalities`` holds the rest).
    :param max_span: events spanning more days than this are left out (``too_vague``).
    :param attributed: count a target-only event for the actors that claims hold responsible.
    :param same_as: (Python only) event id → ids of events matched to it in another dataset:
        their attributions apply (see :func:`~mideast_model.analyses.common.attributions`).
    """
    if window not in WINDOWS:
        raise InvalidInputError(f"--param window: expected one of {', '.join(WINDOWS)}, got {window!r}")
    if not scale > 0:
        raise InvalidInputError(f"--param scale: must be positive, got {scale!r}")
    if not fatality_ref > 0:
        raise InvalidInputError(f"--param fatality_ref: must be positive, got {fatality_ref!r}")
    if max_span < 1:
        raise InvalidInputError(f"--param max_span: must be at least 1 day, got {max_span!r}")
    sides = Sides(dataset, merge_units=merge_units)
    blamed = attributions(dataset, same_as) if attributed else {}
    scores, unscored, undirected, undated, unattributed, vague, spread = [], [], [], [], [], [], []
    # (actor, target, window start, rolled_up) -> [events, sums, vias, attributed events]
    acc: dict[tuple[str, str, dt.date, bool], tuple[dict[str, float], list[float], set[str], set[str]]] = {}

    def add(
        key: tuple[str, str, dt.date, bool],
        sc: EventScore,
        weight: float,
        via: str | None,
        by: bool,
        own: float,
        shared: float,
    ) -> None:
        events, sums, vias, att = acc.setdefault(key, ({}, [0.0, 0.0, 0.0, 0.0, 0.0], set(), set()))
        if via is not None:
            vias.add(via)
        if sc.event in events:
            return
        events[sc.event] = weight
        g = sc.score or 0.0
        sums[0] += weight * max(0.0, -g)
        sums[1] += weight * max(0.0, g)
        sums[2] += weight * sc.severity
        sums[3] += weight * own
        sums[4] += weight * shared
        if by:
            att.add(sc.event)

    total_deaths = shared_deaths = 0
    twins = {other for others in (same_as or {}).values() for other in others}
    log_ref = math.log10(1 + fatality_ref)
    starts: dict[dt.date, dt.date] = {}  # day -> start of its window
    coded: dict[tuple[str | None, str | None], _Coded] = {}
    for event in dataset.events.values():
        if event.id in twins:
            continue  # counted once, as the event matched to it
        sc = _severity(event, log_ref, coded)
        scores.append(sc)
        if sc.score is None:
            unscored.append(event.id)
        when = event.when
        low, high = when.earliest, when.latest  # event_day(event), inlined: the midpoint of the strict span
        if low == _MIN and high == _MAX:
            undated.append(event.id)
            continue
        day = high if low == _MIN else low if high == _MAX else low + (high - low) // 2
        direction = sides.direction(event, day, blamed)
        if direction.status == "directed" and len(direction.acting) == 1 and len(direction.acted_on) == 1:
            dyads = [(direction.acting[0], direction.acted_on[0])]  # directed: the two differ
        else:
            dyads = list(direction.dyads)
        by_claims = False
        if direction.status == "unattributed":
            blamed_sides = sorted(
                {
                    sides.side(a.actor, day)
                    for a in direction.attributed
                    if a.stance == Stance.ASSERTS.value and a.confidence >= 0.5
                }
            )
            dyads = [(a, b) for a in blamed_sides for b in direction.acted_on if a != b]
            by_claims = bool(dyads)
            if not dyads:
                unattributed.append(event.id)
                continue
        elif not dyads:
            undirected.append(event.id)
            continue
        first, last = when.bounds()
        if (last - first).days + 1 > max_span:
            vague.append(event.id)
            continue
        start = starts.get(first)
        if start is None:
            start = starts[first] = _window_start(first, window)
        end = starts.get(last)
        if end is None:
            end = starts[last] = _window_start(last, window)
        shares = [(start, 1.0)] if end == start else _shares(first, last, window)
        if len(shares) > 1:
            spread.append(event.id)
        g = sc.score or 0.0
        conflict = -g if g < 0 else 0.0  # max(0.0, -g)
        cooperation = g if g > 0 else 0.0  # max(0.0, g)
        severity, deaths = sc.severity, sc.fatalities or 0
        split: dict[str, tuple[int, int]] | None = None  # None: one dyad, all deaths its own
        if deaths:
            total_deaths += deaths
            if len(dyads) > 1:
                split, once = _split_deaths(event, deaths, dyads, sides, day)
                shared_deaths += once
        for start, weight in shares:
            for a, b in dyads:  # add((a, b, start, False), sc, weight, None, by_claims, ...), inlined
                entry = acc.get((a, b, start, False))
                if entry is None:
                    entry = acc[a, b, start, False] = ({}, [0.0, 0.0, 0.0, 0.0, 0.0], set(), set())
                weights = entry[0]
                if sc.event not in weights:
                    weights[sc.event] = weight
                    sums = entry[1]
                    sums[0] += weight * conflict
                    sums[1] += weight * cooperation
                    sums[2] += weight * severity
                    if split is None:
                        sums[3] += weight * deaths
                    else:
                        own, shared = split[b]
                        sums[3] += weight * own
                        sums[4] += weight * shared
                    if by_claims:
                        entry[3].add(sc.event)
            if rollup:
                targets = {b for _, b in dyads}
                proxies = {p.actor for p in event.participants if p.role is Role.INITIATOR}
                proxies |= {a for a, _ in dyads}
                for proxy in sorted(proxies):
                    for backer in sides.backers(proxy, day):
                        backer_side = sides.side(backer, day)
                        for b in sorted(targets):
                            if backer_side != b and (backer_side, b) not in dyads:
                                own, shared = (deaths, 0) if split is None else split[b]
                                add((backer_side, b, start, True), sc, weight, proxy, by_claims, own, shared)
    ref = math.log1p(_VOLUME_REF[window])
    indexes: dict[tuple[str, str, dt.date, bool], float] = {}
    volumes: dict[tuple[str, str, dt.date, bool], float] = {}
    for key, (events, sums, _, _) in acc.items():
        volume = volumes[key] = sum(events.values())
        mean = sums[2] / volume if volume else 0.0
        indexes[key] = 10.0 * mean * (0.5 + 0.5 * min(1.0, math.log1p(volume) / ref))
    ranked = sorted(v for (_, _, _, rolled), v in indexes.items() if not rolled)
    rows = []
    windows: dict[dt.date, tuple[str, dt.date | None]] = {}  # window start -> (label, previous window's start)
    one_day = dt.timedelta(days=1)
    no_ids: tuple[str, ...] = ()
    for key in sorted(acc):
        events, sums, vias, att = acc[key]
        a, b, start, rolled = key
        index = indexes[key]
        found = windows.get(start)
        if found is None:
            before = _window_start(start - one_day, window) if start > dt.date.min else None
            found = windows[start] = (window_key(start, window), before)
        label, before = found
        prev_index = 0.0 if before is None else indexes.get((a, b, before, rolled), 0.0)
        volume = volumes[key]
        below = bisect.bisect_right(ranked, index)
        rows.append(
            DyadWindow(
                a,
                b,
                label,
                tuple(sorted(events)) if len(events) > 1 else tuple(events),
                round(sums[0], 6),
                round(sums[1], 6),
                round(sums[1] - sums[0], 6),
                round(index, 6),
                round(index - prev_index, 6),
                rolled,
                tuple(sorted(vias)) if vias else no_ids,
                round(volume, 6),
                round(sums[2] / volume if volume else 0.0, 6),
                round(sums[3]),
                round(below / len(ranked), 6) if ranked else 0.0,
                tuple(sorted(att)) if att else no_ids,
                round(sums[4]),
            )
        )
    return EscalationResult(
        window,
        scale,
        rollup,
        tuple(sorted(scores, key=operator.attrgetter("event"))),
        tuple(rows),
        tuple(sorted(unscored)),
        tuple(sorted(undirected)),
        tuple(sorted(undated)),
        tuple(sorted(unattributed)),
        tuple(sorted(vague)),
        tuple(sorted(spread)),
        total_deaths,
        shared_deaths,
    )


ANALYSIS = Analysis(
    name="escalation",
    description="An escalation index (0–10) per directed dyad and window: mean severity of the dyad's hostile acts "
    "(dataset Goldstein and fatalities first) times a log volume factor; year-only events spread, not mid-year.",
    run=run,
    params=(
        Param("window", "str", "month", "time window of the index", choices=WINDOWS),
        Param("rollup", "bool", False, "also attribute proxies' actions to their backers (marked rolled_up)"),
        Param("merge_units", "bool", True, "count units and office holders for their state"),
        Param("fatality_ref", "float", 100.0, "deaths at which an event's fatality weight is full"),
        Param("max_span", "int", 400, "leave out events spanning more days than this (too vague to place)"),
        Param("attributed", "bool", True, "count target-only events for the actors claims hold responsible"),
    ),
)
