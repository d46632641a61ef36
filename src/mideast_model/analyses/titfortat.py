""" "``titfortat``: action–reaction chains between the two sides of a dyad, as maximal sequences.

An *action* is a hostile event (CAMEO roots 17–20; root 13, threats, with ``threats``)
seen as a directed pair *A → B* (initiator side → target or victim side; see
:meth:`~mideast_model.analyses.common.Sides.direction`). An event with targets but no named
initiator is an action only through an *attribution* (a claim asserting, with confidence
≥ ``min_confidence``, that X was responsible for it or ordered it), and then it is marked
``attributed`` with those claims: never X's act as the data codes it.

The *answer* to an action *A → B* is the earliest action *B' → A'* of another event where
``B'`` is ``B`` and ``A'`` is ``A`` — or, with ``proxies`` (the default), ``B'`` is an actor
that backs, controls, or is backed or controlled by ``B`` on that day (Iran answering a US
strike on Kataib Hezbollah; Kataib Hezbollah answering the killing of an Iranian general),
and ``A'`` an actor backing ``A`` (the US striking Iran after a Kataib Hezbollah attack); an
armed group and the armed groups it is part of count as one side. The link is

``certain``
    when the answer certainly starts after the action ends (strictly later: same-day answers
    are not inferred), its midpoint lies within ``window`` days of the action's, and both
    events are directed;
``possible``
    when the dates allow it but do not establish it: a day-precise act followed by a
    month-precise answer ("2020-01"), whose order or delay is uncertain; or a link through
    an undirected event (an ACLED riot between two sides), whose direction the data does
    not give (shown ``A ↔ B``, never as A's act). The answer's span
    must end after the action starts, its midpoint must not precede the action's, and the
    shortest possible delay must be within ``window``, and the widths of both spans
    (``slack``) at most ``max_slack`` days.

A reply answers only the latest act it can answer (the most recent provocation; ties: a
certain link, an initiator the data codes, an attribution more claims support, the least
slack). Following answers gives chains; each chain is
reported once as a *maximal* sequence of
events: the actions of one event (one per dyad) are one step, identical event sequences
are merged, and a sequence contained in a longer one is dropped.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import statistics
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import (
    Sides,
    attributions,
    event_day,
    fmt,
    gc_paused,
    is_hostile,
    render_markdown,
    render_rich,
)
from mideast_model.errors import InvalidInputError
from mideast_model.extensions import Analysis, Param
from mideast_model.model import ActorKind, EventKind, RelationPredicate, Stance

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

#: Undirected kinds that still act against the other side: a violent demonstration (CAMEO 145).
#: Battles (mutual by nature) and other undirected events are never turned into actions.
_UNDIRECTED_ACTS = frozenset({EventKind.RIOT})

__all__ = ["Action", "Chain", "DyadStats", "TitForTatResult", "actions_of", "run"]


@attrs.frozen
class Action:
    """A hostile event seen as one directed pair: ``actor`` acted against ``target``.

    :param attributed: ids of the claims that attribute the act to ``actor`` when the event
        itself names no initiator (empty when the data codes ``actor`` as the initiator).
    """

    day: dt.date
    event: str
    actor: str
    target: str
    start: dt.date = attrs.field(eq=False)
    end: dt.date = attrs.field(eq=False)
    attributed: tuple[str, ...] = attrs.field(default=(), eq=False)
    directed: bool = attrs.field(default=True, eq=False)
    """``False`` for one side of an undirected event (an ACLED riot or battle between two sides)."""

    @property
    def key(self) -> tuple[dt.date, str, str, str]:
        """The sort key: midpoint day, event id, then the two sides."""
        return (self.day, self.event, self.actor, self.target)

    @property
    def precise(self) -> bool:
        """True when the event is known to the day."""
        return self.start == self.end

    def to_json(self) -> dict[str, Any]:
        """The event id, the two sides, the midpoint day, the span and any attribution."""
        return {
            "event": self.event,
            "actor": self.actor,
            "target": self.target,
            "day": self.day.isoformat(),
            "earliest": self.start.isoformat(),
            "latest": self.end.isoformat(),
            "attributed": list(self.attributed),
            "directed": self.directed,
        }


@attrs.frozen
class Chain:
    """Actions each answering the one before; delays in days between midpoints.

    :param links: ``certain`` or ``possible`` for each link (one fewer than the actions).
    :param slack: for each link, the days of date uncertainty (0 for two day-precise events).
    """

    actions: tuple[Action, ...]
    delays: tuple[int, ...]
    links: tuple[str, ...] = ()
    slack: tuple[int, ...] = ()

    @property
    def events(self) -> tuple[str, ...]:
        """The event ids, in order."""
        return tuple(a.event for a in self.actions)

    @property
    def certain(self) -> bool:
        """True when every link is certain."""
        return all(link == "certain" for link in self.links)


@attrs.frozen
class DyadStats:
    """Per directed dyad: how many actions, how many answered, the median delay.

    ``answered``, ``share`` and ``median_delay`` count only *certain* answers; an answer whose
    link is only ``possible`` (a month-dated reply, placed at no particular day of its month)
    is counted apart in ``possible``, never in the rate or the median.
    """

    actor: str
    target: str
    actions: int
    answered: int
    share: float
    median_delay: float | None
    possible: int = 0


@attrs.frozen
class TitForTatResult:
    """The chains, the per-dyad answer rates, and the hostile events left out (with why)."""

    window: int
    proxies: bool
    chains: tuple[Chain, ...]
    dyads: tuple[DyadStats, ...]
    unattributed: tuple[str, ...] = ()
    """Hostile events with targets but no named or attributed initiator: not actions."""

    @gc_paused
    def to_json(self) -> Any:
        """Chains of actions (event ids, sides, link certainty) and dyad statistics."""
        return {
            "window": self.window,
            "proxies": self.proxies,
            "chains": [
                {
                    "actions": [a.to_json() for a in c.actions],
                    "delays": list(c.delays),
                    "links": list(c.links),
                    "slack": list(c.slack),
                    "certain": c.certain,
                }
                for c in self.chains
            ],
            "dyads": [attrs.asdict(d) for d in self.dyads],
            "unattributed": list(self.unattributed),
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        def step(a: Action) -> str:
            who = f"{a.actor}{'→' if a.directed else '↔'}{a.target}" + (" attributed" if a.attributed else "")
            return f"{a.event} ({who}, {a.start if a.precise else f'{a.start}…{a.end}'})"

        chain_rows = [
            (
                i,
                len(c.actions),
                " → ".join(step(a) for a in c.actions),
                ", ".join(map(str, c.delays)),
                ", ".join(
                    link if link == "certain" else (f"possible (±{s} d)" if s else "possible (direction not coded)")
                    for link, s in zip(c.links, c.slack, strict=True)
                ),
            )
            for i, c in enumerate(self.chains, start=1)
        ]
        dyad_rows = [
            (d.actor, d.target, d.actions, d.answered, fmt(d.share), fmt(d.median_delay, 1), d.possible)
            for d in self.dyads
        ]
        return [
            (
                f"Action–reaction chains (window {self.window} days{', proxies' if self.proxies else ''})",
                ("chain", "length", "actions", "delays (days)", "links"),
                chain_rows,
            ),
            (
                "Answer rate per dyad",
                ("actor", "target", "actions", "answered", "share", "median delay (days)", "possible (rough dates)"),
                dyad_rows,
            ),
        ]

    def _notes(self) -> list[str]:
        if not self.unattributed:
            return []
        return ["No initiator named or attributed (not actions): " + ", ".join(self.unattributed)]

    def to_markdown(self) -> str:
        """Chains and dyad statistics as Markdown tables."""
        return render_markdown("Tit for tat", self._tables(), self._notes())

    def to_rich(self) -> RenderableType:
        """Chains and dyad statistics for the terminal."""
        return render_rich("Tit for tat", self._tables(), self._notes())


def actions_of(
    dataset: Dataset,
    sides: Sides,
    *,
    threats: bool = False,
    attributed: bool = True,
    min_confidence: float = 0.5,
    left_out: list[str] | None = None,
    undirected: bool = True,
    same_as: Mapping[str, Iterable[str]] | None = None,
) -> list[Action]:
    """Every hostile event as directed actions, sorted by day then event id.

    :param attributed: an event with targets but no named initiator becomes an action of the
        actors that asserting claims hold responsible (marked ``attributed``).
    :param left_out: receives the ids of hostile events with no named or attributed initiator.
    :param undirected: a violent demonstration between two coded sides (an ACLED riot,
        ``Participant.side`` 1 and 2, whose direction the data does not give) gives an action each
        way, marked ``directed=False``; links through it are only ever *possible*, and two
        undirected events never answer each other. Battles, mutual by nature, never do.
    :param same_as: events matched as the same event in another dataset (see
        :func:`~mideast_model.analyses.common.attributions`): their attributions apply, and a
        matched event is represented once, by the event it is matched to (the key).
    """
    blamed = attributions(dataset, same_as) if attributed else {}
    twins = {other for others in (same_as or {}).values() for other in others}
    out: list[Action] = []
    for event in dataset.events.values():
        if event.id in twins:
            continue  # represented by the event matched to it (the data's coding, with these attributions)
        if not (is_hostile(event, threats=threats) or (undirected and event.kind in _UNDIRECTED_ACTS)):
            continue
        day = event_day(event)
        if day is None:
            continue
        start, end = event.when.bounds()
        direction = sides.direction(event, day, blamed)
        if direction.status == "directed":
            out.extend(Action(day, event.id, a, b, start, end) for a, b in direction.dyads)
        elif direction.status == "unattributed":
            by: dict[str, list[str]] = {}
            for att in direction.attributed:
                if att.stance == Stance.ASSERTS.value and att.confidence >= min_confidence:
                    by.setdefault(sides.side(att.actor, day), []).append(att.claim)
            pairs = [(a, b) for a in sorted(by) for b in direction.acted_on if a != b]
            out.extend(Action(day, event.id, a, b, start, end, tuple(sorted(by[a]))) for a, b in pairs)
            if not pairs and left_out is not None:
                left_out.append(event.id)
        elif direction.status == "undirected" and undirected and event.kind in _UNDIRECTED_ACTS:
            side_of: dict[int, set[str]] = {}
            for p in event.participants:
                if p.side is not None and not sides.unknown(p.actor):
                    side_of.setdefault(p.side, set()).add(sides.side(p.actor, day))
            one, two = side_of.get(1, set()), side_of.get(2, set())
            pairs = sorted({(a, b) for a in one for b in two if a != b} | {(b, a) for a in one for b in two if a != b})
            out.extend(Action(day, event.id, a, b, start, end, directed=False) for a, b in pairs)
    out.sort(key=lambda a: a.key)
    return out


def _link(action: Action, cand: Action, window: int, max_slack: int) -> tuple[str, int] | None:
    """Whether ``cand`` can answer ``action``: ``(certainty, slack)`` or ``None``."""
    if cand.event == action.event or cand.day < action.day or not (action.directed or cand.directed):
        return None
    slack = (action.end - action.start).days + (cand.end - cand.start).days
    if cand.start > action.end and (cand.day - action.day).days <= window:
        return ("certain" if action.directed and cand.directed else "possible"), slack
    if slack > max_slack:
        return None
    if action.precise and cand.precise:
        return None  # two exact days: certain or not at all
    if cand.end <= action.start or cand.day == action.day == cand.start:
        return None
    shortest = max(0, (cand.start - action.end).days)
    if shortest > window:
        return None
    return "possible", slack


@gc_paused
def run(
    dataset: Dataset,
    window: int = 7,
    proxies: bool = True,
    threats: bool = False,
    merge_units: bool = True,
    attributed: bool = True,
    min_confidence: float = 0.5,
    max_slack: int = 62,
    riots: bool = True,
    same_as: Mapping[str, Iterable[str]] | None = None,
) -> TitForTatResult:
    """Find the maximal action–reaction chains and the answer rate per directed dyad.

    :param window: the longest delay, in days between midpoints, of a certain answer (and
        the longest shortest-possible delay of a possible one).
    :param proxies: an answer may also come from, or be aimed at, an actor backing,
        controlling, or backed or controlled by the side acted against (or acting).
    :param threats: count threats (CAMEO root 13) as actions too.
    :param merge_units: count units and office holders for their state.
    :param attributed: let claims of responsibility supply the initiator of an event that
        names none (marked ``attributed``).
    :param min_confidence: the least confidence of such a claim.
    :param max_slack: the most days of date uncertainty (both spans' widths) a possible link
        may carry; vaguer pairs (a six-month series of attacks) are not linked.
    :param riots: count violent demonstrations against a side (undirected: possible links only).
    :param same_as: (Python only) event id → ids of events matched to it in another dataset
        (accepted ``links``): an imported event coded "Unidentified Armed Group" takes the
        curated event's attributions, marked ``attributed``.
    """
    if window < 1:
        raise InvalidInputError(f"--param window: must be at least 1 day, got {window!r}")
    if max_slack < 0:
        raise InvalidInputError(f"--param max_slack: must be at least 0 days, got {max_slack!r}")
    if not 0.0 <= min_confidence <= 1.0:
        raise InvalidInputError(f"--param min_confidence: must lie in [0, 1], got {min_confidence!r}")
    sides = Sides(dataset, merge_units=merge_units)
    left_out: list[str] = []
    actions = actions_of(
        dataset,
        sides,
        threats=threats,
        attributed=attributed,
        min_confidence=min_confidence,
        left_out=left_out,
        undirected=riots,
        same_as=same_as,
    )
    by_pair: dict[tuple[str, str], list[int]] = {}
    for n, action in enumerate(actions):  # actions are sorted, so each list is too
        by_pair.setdefault((action.actor, action.target), []).append(n)
    days = {pair: [actions[n].day for n in ns] for pair, ns in by_pair.items()}
    half = max(((a.end - a.start).days for a in actions), default=0)

    groups = {a.id for a in dataset.actors.values() if a.kind in (ActorKind.ARMED_GROUP, ActorKind.GROUP)}

    def related(actor: str, day: dt.date, *, down: bool) -> set[str]:
        """The actor, its backers, the groups it is part of or that are part of it, and (``down``) its proxies."""
        out = {actor}
        if proxies:
            found = list(sides.backers(actor, day))
            if down:
                found.extend(sides.proxies(actor, day))
            if actor in groups and sides.has_relations(actor):
                for rel in dataset.relations_on(day, actor=actor):
                    if rel.predicate is RelationPredicate.PART_OF and {rel.subject, rel.object} <= groups:
                        found.append(rel.object if rel.subject == actor else rel.subject)
            out.update(sides.side(other, day) for other in found)
        return out

    answer: dict[int, tuple[int, str, int]] = {}
    for n, action in enumerate(actions):
        responders = related(action.target, action.day, down=True) - {action.actor}
        answered = related(action.actor, action.day, down=False) - {action.target}
        reach = dt.timedelta(days=window + half)
        limit = dt.date.max if action.end > dt.date.max - reach else action.end + reach
        best: tuple[tuple[dt.date, int, str, bool], int, str, int] | None = None
        for responder in sorted(responders):
            for victim in sorted(answered):
                pair = (responder, victim)
                candidates = by_pair.get(pair)
                if not candidates:
                    continue
                i = bisect.bisect_left(days[pair], action.day)
                while i < len(candidates):
                    cand = actions[candidates[i]]
                    if cand.day > limit:
                        break
                    found = _link(action, cand, window, max_slack)
                    if found is not None:
                        rank = (cand.day, 0 if found[0] == "certain" else 1, cand.event, victim != action.actor)
                        if best is None or (rank, candidates[i]) < (best[0], best[1]):
                            best = (rank, candidates[i], found[0], found[1])
                        break
                    i += 1
        if best is not None:
            answer[n] = (best[1], best[2], best[3])
    # A reply answers the latest act it can answer (the most recent provocation), once.
    latest: dict[int, int] = {}
    for n, (m, certainty, slack_days) in answer.items():
        act = actions[n]
        order = (act.day, certainty == "certain", not act.attributed, len(act.attributed), -slack_days, -n)
        old = latest.get(m)
        if old is None:
            latest[m] = n
            continue
        _, o_c, o_s = answer[old]
        prev = actions[old]
        if order > (prev.day, o_c == "certain", not prev.attributed, len(prev.attributed), -o_s, -old):
            latest[m] = n
    answer = {n: answer[n] for n in latest.values()}
    answering = {m for m, _, _ in answer.values()}
    sequences: dict[tuple[str, ...], Chain] = {}
    for n in range(len(actions)):
        if n in answering or n not in answer:
            continue
        path, links, slack = [n], [], []
        seen = {n}
        while path[-1] in answer:
            m, certainty, s = answer[path[-1]]
            if m in seen:
                break
            seen.add(m)
            path.append(m)
            links.append(certainty)
            slack.append(s)
        steps = [actions[k] for k in path]
        chain = Chain(
            tuple(steps),
            tuple((b.day - a.day).days for a, b in itertools.pairwise(steps)),
            tuple(links),
            tuple(slack),
        )
        key = chain.events
        kept = sequences.get(key)
        if kept is None or _chain_rank(chain) < _chain_rank(kept):
            sequences[key] = chain
    chains = _maximal(sequences)
    stats = []
    for (a, b), ns in sorted(by_pair.items()):
        certain = [k for k in ns if k in answer and answer[k][1] == "certain"]
        delays = [(actions[answer[k][0]].day - actions[k].day).days for k in certain]
        stats.append(
            DyadStats(
                a,
                b,
                len(ns),
                len(delays),
                round(len(delays) / len(ns), 6),
                float(statistics.median(delays)) if delays else None,
                sum(1 for k in ns if k in answer) - len(certain),
            )
        )
    return TitForTatResult(window, proxies, chains, tuple(stats), tuple(sorted(left_out)))


def _chain_rank(chain: Chain) -> tuple[Any, ...]:
    """Between two chains of one event sequence: certain links, directed and coded actors, better-supported
    attributions, then ids."""
    return (
        sum(link != "certain" for link in chain.links),
        sum(not a.directed for a in chain.actions),
        sum(bool(a.attributed) for a in chain.actions),
        -sum(len(a.attributed) for a in chain.actions),  # the attribution more claims support
        [(a.actor, a.target) for a in chain.actions],
    )


def _maximal(sequences: dict[tuple[str, ...], Chain]) -> tuple[Chain, ...]:
    """Each event sequence once; a sequence inside a longer one (a contiguous run of it) is dropped.

    Longest first, each kept sequence is indexed by its events (event id → the kept sequences
    and positions where it occurs), so a sequence is compared only with the kept ones that
    hold its first event at a position leaving room for it: linear in the total length
    instead of quadratic in the number of chains.
    """
    keys = sorted(sequences, key=lambda k: (-len(k), k))
    kept: list[tuple[str, ...]] = []
    where: dict[str, list[tuple[int, int]]] = {}
    for key in keys:
        n = len(key)
        if any(kept[k][i : i + n] == key for k, i in where.get(key[0], ()) if i + n <= len(kept[k])):
            continue
        for i, event in enumerate(key):
            where.setdefault(event, []).append((len(kept), i))
        kept.append(key)
    chains = [sequences[k] for k in kept]
    chains.sort(key=lambda c: (-len(c.actions), [a.key for a in c.actions]))
    return tuple(chains)


ANALYSIS = Analysis(
    name="titfortat",
    description="Action–reaction chains, as maximal sequences: hostile acts by A against B answered by B "
    "(or its backers and proxies) against A within a window; links across uncertain dates marked possible.",
    run=run,
    params=(
        Param("window", "int", 7, "longest delay of an answer, in days between midpoints"),
        Param(
            "proxies",
            "bool",
            True,
            "answers may come from or be aimed at the backers and proxies of either side (backs/controls relations)",
        ),
        Param("threats", "bool", False, "count threats (CAMEO 13) as actions"),
        Param("merge_units", "bool", True, "count units and office holders for their state"),
        Param(
            "attributed",
            "bool",
            True,
            "events with no named initiator become actions of the actors claims hold responsible (marked)",
        ),
        Param("min_confidence", "float", 0.5, "least confidence of a claim of responsibility used as attribution"),
        Param("max_slack", "int", 62, "most days of date uncertainty a possible link may carry (two months)"),
        Param("riots", "bool", True, "violent demonstrations against a side count as undirected acts (possible links)"),
    ),
)
