"""``titfortat``: action–reaction chains between the two sides of a dyad.

An *action* is a hostile event (CAMEO roots 17–20; root 13, threats, with ``threats``)
seen as a directed pair *A → B* (initiator side → target or victim side). Its *answer*
is the earliest action *B' → A* with ``B' = B`` (or, with ``proxies``, an actor that
backs, controls or is backed or controlled by ``B``) that certainly does not start before
the action ends (fuzzy EDTF bounds) and whose midpoint falls within ``window`` days
after the action's midpoint (strictly later: same-day answers are not inferred).
Following answers from an action that answers nothing gives the chains.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import statistics
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import Sides, event_day, fmt, is_hostile, render_markdown, render_rich
from mideast_model.errors import InvalidInputError
from mideast_model.extensions import Analysis, Param

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset


@attrs.frozen
class Action:
    """A hostile event seen as one directed pair: ``actor`` acted against ``target``."""

    day: dt.date
    event: str
    actor: str
    target: str
    start: dt.date = attrs.field(eq=False)
    end: dt.date = attrs.field(eq=False)

    @property
    def key(self) -> tuple[dt.date, str, str, str]:
        """The sort key: midpoint day, event id, then the two sides."""
        return (self.day, self.event, self.actor, self.target)

    def to_json(self) -> dict[str, str]:
        """The event id, the two sides and the midpoint day."""
        return {"event": self.event, "actor": self.actor, "target": self.target, "day": self.day.isoformat()}


@attrs.frozen
class Chain:
    """Actions each answering the one before; delays in days between midpoints."""

    actions: tuple[Action, ...]
    delays: tuple[int, ...]


@attrs.frozen
class DyadStats:
    """Per directed dyad: how many actions, how many answered, the median delay."""

    actor: str
    target: str
    actions: int
    answered: int
    share: float
    median_delay: float | None


@attrs.frozen
class TitForTatResult:
    """The chains and the per-dyad answer rates."""

    window: int
    proxies: bool
    chains: tuple[Chain, ...]
    dyads: tuple[DyadStats, ...]

    def to_json(self) -> Any:
        """Chains of actions (event ids, sides) and dyad statistics."""
        return {
            "window": self.window,
            "proxies": self.proxies,
            "chains": [{"actions": [a.to_json() for a in c.actions], "delays": list(c.delays)} for c in self.chains],
            "dyads": [attrs.asdict(d) for d in self.dyads],
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        chain_rows = [
            (
                i,
                len(c.actions),
                " → ".join(f"{a.event} ({a.actor}→{a.target}, {a.day})" for a in c.actions),
                ", ".join(map(str, c.delays)),
            )
            for i, c in enumerate(self.chains, start=1)
        ]
        dyad_rows = [
            (d.actor, d.target, d.actions, d.answered, fmt(d.share), fmt(d.median_delay, 1)) for d in self.dyads
        ]
        return [
            (
                f"Action–reaction chains (window {self.window} days)",
                ("chain", "length", "actions", "delays (days)"),
                chain_rows,
            ),
            (
                "Answer rate per dyad",
                ("actor", "target", "actions", "answered", "share", "median delay (days)"),
                dyad_rows,
            ),
        ]

    def to_markdown(self) -> str:
        """Chains and dyad statistics as Markdown tables."""
        return render_markdown("Tit for tat", self._tables())

    def to_rich(self) -> RenderableType:
        """Chains and dyad statistics for the terminal."""
        return render_rich("Tit for tat", self._tables())


def actions_of(dataset: Dataset, sides: Sides, *, threats: bool = False) -> list[Action]:
    """Every hostile event as directed actions, sorted by day then event id."""
    out: list[Action] = []
    for event in dataset.events.values():
        if not is_hostile(event, threats=threats):
            continue
        day = event_day(event)
        if day is None:
            continue
        start, end = event.when.bounds()
        out.extend(Action(day, event.id, a, b, start, end) for a, b in sides.dyads(event, day))
    out.sort(key=lambda a: a.key)
    return out


def run(
    dataset: Dataset, window: int = 7, proxies: bool = False, threats: bool = False, merge_units: bool = True
) -> TitForTatResult:
    """Find the action–reaction chains and the answer rate per directed dyad.

    :param window: the longest delay, in days between midpoints, of an answer.
    :param proxies: an answer may also come from an actor backing, controlling, or backed
        or controlled by the side acted against.
    :param threats: count threats (CAMEO root 13) as actions too.
    :param merge_units: count units and office holders for their state.
    """
    if window < 1:
        raise InvalidInputError(f"--param window: must be at least 1 day, got {window!r}")
    sides = Sides(dataset, merge_units=merge_units)
    actions = actions_of(dataset, sides, threats=threats)
    by_pair: dict[tuple[str, str], list[int]] = {}
    for n, action in enumerate(actions):  # actions are sorted, so each list is too
        by_pair.setdefault((action.actor, action.target), []).append(n)
    days = {pair: [actions[n].day for n in ns] for pair, ns in by_pair.items()}
    answer: dict[int, int] = {}
    for n, action in enumerate(actions):
        responders = {action.target}
        if proxies:
            for helper in (*sides.backers(action.target, action.day), *sides.proxies(action.target, action.day)):
                responders.add(sides.side(helper, action.day))
        responders.discard(action.actor)
        limit = action.day + dt.timedelta(days=window)
        best: int | None = None
        for responder in responders:
            pair = (responder, action.actor)
            candidates = by_pair.get(pair)
            if not candidates:
                continue
            i = bisect.bisect_right(days[pair], action.day)
            while i < len(candidates) and (best is None or candidates[i] < best):
                cand = actions[candidates[i]]
                if cand.day > limit:
                    break
                if cand.start >= action.end and cand.event != action.event:
                    best = candidates[i]
                    break
                i += 1
        if best is not None:
            answer[n] = best
    answering = set(answer.values())
    chains = []
    for n in range(len(actions)):
        if n in answering or n not in answer:
            continue
        path = [n]
        while path[-1] in answer:
            path.append(answer[path[-1]])
        steps = [actions[k] for k in path]
        chains.append(Chain(tuple(steps), tuple((b.day - a.day).days for a, b in itertools.pairwise(steps))))
    stats = []
    for (a, b), ns in sorted(by_pair.items()):
        delays = [(actions[answer[k]].day - actions[k].day).days for k in ns if k in answer]
        stats.append(
            DyadStats(
                a,
                b,
                len(ns),
                len(delays),
                round(len(delays) / len(ns), 6),
                float(statistics.median(delays)) if delays else None,
            )
        )
    chains.sort(key=lambda c: (-len(c.actions), [a.key for a in c.actions]))
    return TitForTatResult(window, proxies, tuple(chains), tuple(stats))


ANALYSIS = Analysis(
    name="titfortat",
    description="Action–reaction chains: hostile acts by A against B answered by B against A within a window.",
    run=run,
    params=(
        Param("window", "int", 7, "longest delay of an answer, in days"),
        Param("proxies", "bool", False, "answers may come from the target's backers or proxies"),
        Param("threats", "bool", False, "count threats (CAMEO 13) as actions"),
        Param("merge_units", "bool", True, "count units and office holders for their state"),
    ),
)
