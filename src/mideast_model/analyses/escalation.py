"""``escalation``: Goldstein scores per event and an escalation index per directed dyad and window.

Each event is scored on the Goldstein scale through its CAMEO code (its own ``cameo``,
else its kind's representative code; kinds without one score 0 and are listed as
unscored). Each event counts for every directed dyad *initiator → target/victim*.
Per dyad and window, the conflict intensity ``C`` is the sum of ``max(0, −g)`` over the
dyad's events; the escalation index is ``10·(1 − exp(−C / scale))``, bounded in [0, 10).
With ``rollup``, actions of an actor that another backs or controls on that day are
also counted, in separate rows marked ``rolled_up``, for the backer's dyad.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import WINDOWS, Sides, event_day, fmt, render_markdown, render_rich, window_key
from mideast_model.analyses.goldstein import event_goldstein
from mideast_model.errors import InvalidInputError
from mideast_model.extensions import Analysis, Param
from mideast_model.model import Role

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset


@attrs.frozen
class EventScore:
    """The Goldstein score of one event and the CAMEO code it came from (``None``: unscored)."""

    event: str
    code: str | None
    score: float | None


@attrs.frozen
class DyadWindow:
    """One directed dyad in one window: its events, intensities and escalation index."""

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


@attrs.frozen
class EscalationResult:
    """Scores per event and the escalation index per dyad and window."""

    window: str
    scale: float
    rollup: bool
    scores: tuple[EventScore, ...]
    rows: tuple[DyadWindow, ...]
    unscored: tuple[str, ...]
    undirected: tuple[str, ...]
    undated: tuple[str, ...]

    def to_json(self) -> Any:
        """Parameters, per-event scores and dyad rows (actors and events by id)."""
        return {
            "window": self.window,
            "scale": self.scale,
            "rollup": self.rollup,
            "formula": "index = 10 * (1 - exp(-C / scale)), C = sum of max(0, -goldstein) over the dyad's events",
            "scores": [attrs.asdict(s) for s in self.scores],
            "dyads": [
                attrs.asdict(r, recurse=False) | {"events": list(r.events), "via": list(r.via)} for r in self.rows
            ],
            "unscored": list(self.unscored),
            "undirected": list(self.undirected),
            "undated": list(self.undated),
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        rows = [
            (
                r.actor,
                r.target,
                r.window,
                len(r.events),
                fmt(r.conflict, 1),
                fmt(r.cooperation, 1),
                fmt(r.index),
                f"{r.trend:+.2f}",
                "yes (via " + ", ".join(r.via) + ")" if r.rolled_up else "",
            )
            for r in self.rows
        ]
        cols = ("actor", "target", "window", "events", "conflict", "cooperation", "index", "trend", "rolled up")
        return [(f"Escalation index per dyad and {self.window}", cols, rows)]

    def _notes(self) -> list[str]:
        notes = [f"index = 10·(1 − exp(−C/{self.scale:g})), C = conflict intensity (sum of negative Goldstein)."]
        if self.unscored:
            notes.append("Unscored (no CAMEO code): " + ", ".join(self.unscored))
        if self.undirected:
            notes.append("No initiator → target dyad: " + ", ".join(self.undirected))
        return notes

    def to_markdown(self) -> str:
        """The dyad table as Markdown, with the formula and the unscored events."""
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


def _index(conflict: float, scale: float) -> float:
    return 10.0 * (1.0 - math.exp(-conflict / scale))


def run(
    dataset: Dataset, window: str = "month", rollup: bool = False, scale: float = 10.0, merge_units: bool = True
) -> EscalationResult:
    """Score every event and compute the escalation index per directed dyad and window.

    :param window: ``month``, ``week`` or ``day``.
    :param rollup: also attribute a proxy's actions to the actors backing or controlling it.
    :param scale: the conflict intensity at which the index reaches 6.3 (one event of −10).
    :param merge_units: count units and office holders for the state apparatus they belong to.
    """
    if window not in WINDOWS:
        raise InvalidInputError(f"--param window: expected one of {', '.join(WINDOWS)}, got {window!r}")
    if not scale > 0:
        raise InvalidInputError(f"--param scale: must be positive, got {scale!r}")
    sides = Sides(dataset, merge_units=merge_units)
    scores, unscored, undirected, undated = [], [], [], []
    # (actor, target, window start, rolled_up) -> [events, conflict, cooperation, via]
    acc: dict[tuple[str, str, dt.date, bool], tuple[list[str], list[float], set[str]]] = {}

    def add(key: tuple[str, str, dt.date, bool], event_id: str, score: float, via: str | None) -> None:
        events, sums, vias = acc.setdefault(key, ([], [0.0, 0.0], set()))
        if event_id in events:
            if via is not None:
                vias.add(via)
            return
        events.append(event_id)
        sums[0] += max(0.0, -score)
        sums[1] += max(0.0, score)
        if via is not None:
            vias.add(via)

    for event in dataset.events.values():
        score, code = event_goldstein(event)
        scores.append(EventScore(event.id, code, score))
        if score is None:
            unscored.append(event.id)
        day = event_day(event)
        if day is None:
            undated.append(event.id)
            continue
        dyads = sides.dyads(event, day)
        if not dyads:
            undirected.append(event.id)
            continue
        start = _window_start(day, window)
        value = score or 0.0
        for a, b in dyads:
            add((a, b, start, False), event.id, value, None)
        if rollup:
            targets = {b for _, b in dyads}
            proxies = {p.actor for p in event.participants if p.role is Role.INITIATOR}
            proxies |= {a for a, _ in dyads}
            for proxy in sorted(proxies):
                for backer in sides.backers(proxy, day):
                    backer_side = sides.side(backer, day)
                    for b in sorted(targets):
                        if backer_side != b and (backer_side, b) not in dyads:
                            add((backer_side, b, start, True), event.id, value, proxy)
    rows = []
    for (a, b, start, rolled), (events, (conflict, coop), vias) in sorted(acc.items()):
        index = _index(conflict, scale)
        previous = acc.get((a, b, _window_start(start - dt.timedelta(days=1), window), rolled))
        prev_index = _index(previous[1][0], scale) if previous else 0.0
        rows.append(
            DyadWindow(
                a,
                b,
                window_key(start, window),
                tuple(sorted(events)),
                round(conflict, 6),
                round(coop, 6),
                round(coop - conflict, 6),
                round(index, 6),
                round(index - prev_index, 6),
                rolled,
                tuple(sorted(vias)),
            )
        )
    return EscalationResult(
        window,
        scale,
        rollup,
        tuple(scores),
        tuple(rows),
        tuple(sorted(unscored)),
        tuple(sorted(undirected)),
        tuple(sorted(undated)),
    )


ANALYSIS = Analysis(
    name="escalation",
    description="Goldstein score per event and an escalation index (0–10) per directed dyad and time window.",
    run=run,
    params=(
        Param("window", "str", "month", "time window of the index", choices=WINDOWS),
        Param("rollup", "bool", False, "also attribute proxies' actions to their backers (marked rolled_up)"),
        Param("scale", "float", 10.0, "conflict intensity at which the index reaches 6.3"),
        Param("merge_units", "bool", True, "count units and office holders for their state"),
    ),
)
