"""The story of the period, shared by the first screen and the escalation chart.

Presentation only: it reads the analyses' results (escalation scores and index,
tit-for-tat chains, contradictions) and the dataset's claims, and picks what a briefing
leads with — the focus window, the main dyads, the numbered key events and their
turning points, who blames whom, where sources disagree, what stays uncertain. The
first screen and the chart number the key events alike.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model_report.aggregate import (
    FocusWindow,
    MonthlyCounts,
    focus_window,
    month_key,
    monthly_counts,
)

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model.model import Claim, Event
    from mideast_model_report.builder import Report

__all__ = ["UNATTRIBUTED", "Involvement", "KeyEvent", "Story", "event_dyads", "involvement", "story", "who"]

#: The initiator of an event whose target is named but whose actor is not.
UNATTRIBUTED = "(unattributed)"
#: Share of the narrowly dated events the focus window holds.
COVERAGE = 0.85
#: Dyads drawn as lanes (more when the key events need them, up to MAX_LANES).
LANES = 6
MAX_LANES = 8
#: Key events numbered on the first screen and the chart.
KEY_EVENTS = 10
#: Predicates that attribute an act or control to an actor (blame).
BLAME = ("responsible_for", "ordered", "controls")
#: Contradiction kinds that are real disagreements, the strongest first; other kinds rank after.
STRONG_KINDS = ("opposed", "contradiction", "attribution", "disputed_attribution", "proxy", "values", "disputed")
#: Kinds that are not disagreements between sources (framing, a source's own hedges or revisions).
NOT_DISAGREEMENT = ("framing", "revision", "revisions", "self_hedge", "self", "exclusive")


_OPEN_LOW, _OPEN_HIGH = dt.date.min, dt.date.max


def _day_of(event: Event) -> dt.date | None:
    """The event's midpoint day, or ``None`` when its date is open (the day ``Sides`` reads relations on)."""
    when = event.when
    return None if when.earliest == _OPEN_LOW or when.latest == _OPEN_HIGH else when.midpoint


def _direction(sides: Any, event: Event) -> Any:
    """The core's :meth:`Sides.direction` of ``event`` on its midpoint day (``sides``: a ``Sides``)."""
    return sides.direction(event, _day_of(event))


def event_dyads(sides: Any, event: Event) -> list[tuple[str, str | None]]:
    """Directed dyads of ``event`` by side, from the core's ``Sides.direction``.

    ``(actor, target)`` for a directed act; ``(UNATTRIBUTED, target)`` when the target is
    named but no one is named as acting; ``(actor, None)`` for an act with no target. An
    *agentless* event (a flood, an oil-price fall: those affected are acted on by no one)
    and an *undirected* one (a meeting, a prisoner swap, a battle between sides) have no
    dyad: they are never drawn with an arrow (see :func:`involvement`).
    """
    return list(involvement(sides, event).dyads)


@attrs.frozen
class Involvement:
    """Who takes part in an event and how, from the core's ``Sides.direction``.

    :param status: ``directed``, ``unattributed``, ``one_sided``, ``undirected`` or ``agentless``.
    :param dyads: the directed dyads (none for ``undirected`` and ``agentless``).
    :param parties: the sides taking part in an undirected or agentless event.
    :param affected: the sides an agentless event hits (a flood's victims), acted on by no one.
    """

    status: str
    dyads: tuple[tuple[str, str | None], ...]
    parties: tuple[str, ...] = ()
    affected: tuple[str, ...] = ()


def involvement(sides: Any, event: Event) -> Involvement:
    """How ``event`` involves its sides: its directed dyads, or its parties when no one acts on anyone."""
    direction = _direction(sides, event)
    status = direction.status
    if status == "directed":
        dyads: tuple[tuple[str, str | None], ...] = tuple(direction.dyads) or tuple((a, None) for a in direction.acting)
        return Involvement(status, dyads)
    if status == "unattributed":
        return Involvement(status, tuple((UNATTRIBUTED, b) for b in direction.acted_on))
    if status == "one_sided":
        return Involvement(status, tuple((a, None) for a in direction.acting))
    day = _day_of(event)
    parties = tuple(sorted({sides.side(p.actor, day) for p in event.participants}))
    return Involvement(status, (), parties, tuple(direction.acted_on) if status == "agentless" else ())


@attrs.frozen
class KeyEvent:
    """A numbered event of the story."""

    number: int
    event: str
    dyads: tuple[tuple[str, str | None], ...]
    severity: float | None
    why: str


@attrs.frozen
class Story:
    """What the first screen and the central chart share (see the module docstring)."""

    window: FocusWindow | None
    lanes: tuple[tuple[str, str | None], ...]
    lane_events: dict[tuple[str, str | None], tuple[str, ...]]
    key_events: tuple[KeyEvent, ...]
    severity: dict[str, float]
    index: dict[tuple[str, str | None], dict[str, float]]
    chains: tuple[dict[str, Any], ...]
    dyads_of: dict[str, tuple[tuple[str, str | None], ...]]
    primary_of: dict[str, tuple[str, str | None]] = attrs.field(factory=dict)
    """Event id → its one dyad in the story, the sequence and the tables (events with a dyad only)."""
    involved: dict[str, Involvement] = attrs.field(factory=dict)
    """Event id → how it involves its sides (directed, unattributed, one-sided, undirected, agentless)."""

    def number_of(self, event_id: str) -> int | None:
        """The event's number in the story, if it is a key event."""
        for k in self.key_events:
            if k.event == event_id:
                return k.number
        return None


def _sides(dataset: Dataset) -> Any:
    from mideast_model.analyses.common import Sides

    return Sides(dataset)


def _severity(report: Report) -> dict[str, float]:
    """Event id → score (Goldstein scale) from the escalation analysis, else the event's own metrics."""
    out: dict[str, float] = {}
    try:
        data = report.analysis("escalation", window="month")
    except Exception:
        data = {}
    for row in data.get("scores", []):
        score = row.get("score")
        if isinstance(score, int | float) and row.get("event"):
            out[row["event"]] = float(score)
    for event in report.dataset.events.values():
        metrics = getattr(event, "metrics", None)
        goldstein = getattr(metrics, "goldstein", None)
        if event.id not in out and isinstance(goldstein, int | float):
            out[event.id] = float(goldstein)
    return out


def _index(report: Report) -> dict[tuple[str, str | None], dict[str, float]]:
    try:
        data = report.analysis("escalation", window="month")
    except Exception:
        return {}
    out: dict[tuple[str, str | None], dict[str, float]] = {}
    for row in data.get("dyads", []):
        if row.get("rolled_up") or "index" not in row:
            continue
        out.setdefault((row.get("actor"), row.get("target")), {})[str(row.get("window"))] = float(row["index"])
    return out


def _chains(report: Report) -> list[dict[str, Any]]:
    try:
        chains = report.analysis("titfortat").get("chains", [])
    except Exception:
        return []
    # One chain per maximal sequence: a chain whose events all lie in a longer chain is dropped,
    # and of equal chains the first is kept (candidates found through an event → chains index).
    sets = [frozenset(a["event"] for a in c.get("actions", [])) for c in chains]
    holding: dict[str, list[int]] = {}
    for i, events in enumerate(sets):
        for event_id in events:
            holding.setdefault(event_id, []).append(i)
    keep = []
    for i, c in enumerate(chains):
        mine = sets[i]
        if mine:
            rarest = min(mine, key=lambda e: len(holding[e]))
            others = [j for j in holding[rarest] if j != i]
            if any(mine < sets[j] or (j < i and mine == sets[j]) for j in others):
                continue
        elif any(not sets[j] for j in range(i)):
            continue
        keep.append(c)
    return sorted(keep, key=lambda c: (-len(c.get("actions", [])), c["actions"][0]["day"] if c.get("actions") else ""))


def monthly(report: Report) -> MonthlyCounts:
    """Events per month of the report's dataset (computed once per report)."""
    return report.memo("monthly", lambda: monthly_counts(report.dataset.events.values()))  # type: ignore[no-any-return]


def story(report: Report) -> Story:
    """The story of the report's dataset (computed once per report)."""
    return report.memo("story", lambda: _build(report))  # type: ignore[no-any-return]


def _build(report: Report) -> Story:
    from mideast_model.analyses.common import event_code
    from mideast_model_report.charts import act_category
    from mideast_model_report.escape import shorten

    dataset = report.dataset
    events = dataset.events
    window = focus_window(events.values(), COVERAGE)
    sides = _sides(dataset)
    severity = _severity(report)
    index = _index(report)
    chains = _chains(report)
    involved = {e.id: involvement(sides, e) for e in events.values()}
    dyads_of = {e: inv.dyads for e, inv in involved.items()}
    if window is None:
        primaries = _primaries(dyads_of, {}, {}, _named_targets(dataset, sides))
        return Story(None, (), {}, (), severity, index, tuple(chains), dyads_of, primaries, involved)

    def inside(event: Event) -> bool:
        return event.when.earliest <= window.end and event.when.latest >= window.start

    in_window = [e for e in events.values() if inside(e)]
    # Each event goes to one lane: its dyad with the most hostility in the window (a rocket
    # attack on "the coalition" and on "the United States" is drawn once).
    weight: dict[tuple[str, str | None], float] = {}
    for event in in_window:
        score = severity.get(event.id, 0.0)
        for dyad in dyads_of[event.id]:
            if dyad[1] is not None:
                weight[dyad] = weight.get(dyad, 0.0) + max(-score, 0.0) + 0.1
    overall: dict[tuple[str, str | None], float] = {}
    for event in events.values():
        score = severity.get(event.id, 0.0)
        for dyad in dyads_of[event.id]:
            overall[dyad] = overall.get(dyad, 0.0) + max(-score, 0.0) + 0.1
    all_primary = _primaries(dyads_of, weight, overall, _named_targets(dataset, sides))
    primary = {e.id: all_primary[e.id] for e in in_window if e.id in all_primary and all_primary[e.id][1] is not None}
    lane_weight: dict[tuple[str, str | None], float] = {}
    members: dict[tuple[str, str | None], list[str]] = {}
    for event_id, dyad in primary.items():
        lane_weight[dyad] = lane_weight.get(dyad, 0.0) + max(-severity.get(event_id, 0.0), 0.0) + 0.1
        members.setdefault(dyad, []).append(event_id)
    by_weight = sorted(lane_weight, key=lambda d: (-lane_weight[d], d[0], d[1] or ""))
    main = set(by_weight[:LANES])
    chained = {a["event"]: c for c in chains for a in c.get("actions", [])}
    starts = {c["actions"][0]["event"] for c in chains if c.get("actions")}
    support = _support(dataset, [e.id for e in in_window if severity.get(e.id, 0.0) < 0])

    def rank(event: Event) -> tuple[float, ...]:
        score = severity.get(event.id, 0.0)
        return (
            0.0 if event.id in chained else 1.0,
            0.0 if primary.get(event.id) in main else 1.0,
            score,
            -support.get(event.id, 0),
            float((event.when.latest - event.when.earliest).days),
        )

    # the act each chained action answers (in the first chain that holds it)
    answers: dict[str, str] = {}
    for c in chains:
        steps = [a["event"] for a in c.get("actions", [])]
        for before, after in itertools.pairwise(steps):
            answers.setdefault(after, before)
    hostile = [e for e in in_window if severity.get(e.id, 0.0) < 0 and dyads_of[e.id]]
    ranked = sorted(hostile, key=lambda e: (*rank(e), e.id))
    chosen = ranked[:KEY_EVENTS]
    # who acts on whom, by side, with an unattributed act given to the sides the sources blame for it
    blamed_for = report.memo("attributions", lambda: _attributions(dataset))
    acting = {e.id: _acting_pairs(sides, e, primary.get(e.id), blamed_for.get(e.id, ())) for e in in_window}
    violent = [
        e
        for e in sorted(in_window, key=lambda e: (e.when.earliest, e.when.latest, e.id))
        if act_category(event_code(e), severity.get(e.id)) == "violent"
    ]
    provoked = _provocations(chosen, violent, acting, answers)
    if provoked:
        keep = [e for e in chosen if e.id not in provoked.values()]
        extra = [events[p] for p in dict.fromkeys(provoked.values()) if events[p] not in chosen]
        # make room: drop the lowest-ranked key events that are in no chain and provoke nothing
        droppable = [e for e in reversed(keep) if e.id not in chained and e.id not in provoked]
        while extra and len(keep) + len(extra) > KEY_EVENTS and droppable:
            keep.remove(droppable.pop(0))
        chosen = (keep + [e for e in chosen if e.id in provoked.values()] + extra)[:KEY_EVENTS]
    # the lanes: every key event's dyad, then the weightiest others, up to LANES (MAX_LANES for key events)
    needed = {primary[e.id] for e in chosen if e.id in primary}
    lanes = tuple(d for d in by_weight if d in needed)[:MAX_LANES]
    lanes += tuple(d for d in by_weight if d not in needed)[: max(LANES - len(lanes), 0)]
    lanes = tuple(sorted(lanes, key=lambda d: (-lane_weight[d], d[0], d[1] or "")))
    chosen.sort(key=lambda e: (e.when.earliest, e.when.latest, e.id))
    numbers = {e.id: n for n, e in enumerate(chosen, start=1)}
    key_events = []
    for n, event in enumerate(chosen, start=1):
        found = severity.get(event.id)
        dyads = (primary[event.id],) if event.id in primary else dyads_of[event.id]
        reasons = []
        if event.id in starts:
            reasons.append("starts a chain of action and reaction")
        elif event.id in chained:
            cause = answers.get(event.id)
            if cause in numbers:
                reasons.append(f"answers ({numbers[cause]})")
            elif cause is not None and cause in events:
                reasons.append(f"answers “{shorten(events[cause].title, 50)}”")
            else:
                reasons.append("answers an earlier act")
        if event.id in provoked:
            before = provoked[event.id]
            shown = f"({numbers[before]})" if before in numbers else f"“{shorten(events[before].title, 50)}”"
            reasons.append(f"follows {shown}")
        if not reasons and dyads and dyads[0][0] == UNATTRIBUTED:
            known = blamed_for.get(event.id)
            reasons.append("who did it is known only from attributions" if known else "no source names who did it")
        if not reasons and event.id in primary:
            first = _first_violent(event, violent, acting)
            if first == "between":
                reasons.append("first violent act between these sides in the window")
            elif first == "direction":
                a, b = primary[event.id]
                by, on = report.label(a, 30), report.label(b or "", 30)
                reasons.append(f"first violent act by {by} against {on} in the window")
        key_events.append(KeyEvent(n, event.id, dyads, found, "; ".join(reasons)))
    lane_events = {d: tuple(members.get(d, ())) for d in lanes}
    return Story(
        window, lanes, lane_events, tuple(key_events), severity, index, tuple(chains), dyads_of, all_primary, involved
    )


def _acting_pairs(
    sides: Any, event: Event, primary: tuple[str, str | None] | None, blamed: Iterable[Any]
) -> frozenset[tuple[str, str]]:
    """(acting side, target side) of an event: its primary dyad, or for an unattributed act the
    sides the sources firmly blame for it ("about a dozen rocket attacks", blamed on Kataib Hezbollah)."""
    if primary is None or primary[1] is None:
        return frozenset()
    if primary[0] != UNATTRIBUTED:
        return frozenset({(primary[0], primary[1])})
    day = _day_of(event)
    target = primary[1]
    return frozenset(
        (side, target) for side in {sides.side(a.actor, day) for a in blamed if a.stance == "asserts"} if side != target
    )


def _provocations(
    chosen: list[Event], violent: list[Event], acting: dict[str, frozenset[tuple[str, str]]], answers: dict[str, str]
) -> dict[str, str]:
    """Key event id → the act that precedes it the other way round, for the first key act of each direction.

    The first US act against Kataib Hezbollah in the key events comes after the militia's
    rocket attacks on US troops: that earlier act (acted by the other side on this act's
    actor, possibly earlier — it starts earlier — and not itself an answer to this act) is
    what makes the act a response, so it stays among the key events. The latest such act is kept.
    """
    out: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for event in sorted(chosen, key=lambda e: (e.when.earliest, e.when.latest, e.id)):
        if event.id in answers:  # it answers an act of the chain already
            seen.update(acting.get(event.id, ()))
            continue
        for a, b in sorted(acting.get(event.id, ())):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            before = [
                p
                for p in violent
                if p.id != event.id
                and (b, a) in acting.get(p.id, ())
                and p.when.earliest < event.when.earliest
                and not _answers(p.id, event.id, answers)
            ]
            if before:
                p = max(before, key=lambda e: (e.when.earliest, e.when.latest, e.id))
                out.setdefault(event.id, p.id)
                seen.add((b, a))
    return out


def _answers(later: str, earlier: str, answers: dict[str, str]) -> bool:
    """Whether ``later`` answers ``earlier`` along a chain of action and reaction."""
    seen = set()
    current: str | None = later
    while current is not None and current not in seen:
        seen.add(current)
        current = answers.get(current)
        if current == earlier:
            return True
    return False


def _first_violent(event: Event, violent: list[Event], acting: dict[str, frozenset[tuple[str, str]]]) -> str | None:
    """``between`` when no violent act between the event's sides, either way (an unattributed one
    counted for the side blamed for it), may have come before it in the window; ``direction`` when
    none of its own direction did; else ``None``."""
    mine = acting.get(event.id, frozenset())
    if not mine:
        return None
    pairs = mine | {(b, a) for a, b in mine}
    earlier = [e for e in violent if e.id != event.id and e.when.earliest <= event.when.earliest]
    if not any(acting.get(e.id, frozenset()) & pairs for e in earlier) and event in violent:
        return "between"
    if not any(acting.get(e.id, frozenset()) & mine for e in earlier) and event in violent:
        return "direction"
    return None


def _named_targets(dataset: Dataset, sides: Any) -> dict[str, set[str]]:
    """Event id → the sides of its targets that the event's own title names.

    A target is named when its actor's name or one of its aliases occurs in the title as
    whole words (aliases of three letters or fewer, such as "KH", only in the same case):
    "Secret Pentagon directive orders planning for a campaign to destroy Kataib Hezbollah"
    names Kataib Hezbollah, not the IRGC members the directive also made targets.
    """
    import re

    from mideast_model.model import Role

    out: dict[str, set[str]] = {}
    actors = dataset.actors
    patterns: dict[str, list[re.Pattern[str]]] = {}  # actor id → its names, compiled once

    def named(actor_id: str, title: str) -> bool:
        found = patterns.get(actor_id)
        if found is None:
            actor = actors[actor_id]
            found = patterns[actor_id] = [
                re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", 0 if len(name) <= 3 else re.IGNORECASE)
                for name in (actor.name, *actor.aliases)
                if name
            ]
        return any(pattern.search(title) for pattern in found)

    for event in dataset.events.values():
        title = event.title or ""
        if not title:
            continue
        day = _day_of(event)
        for p in event.participants:
            if p.role is Role.TARGET and p.actor in actors and named(p.actor, title):
                out.setdefault(event.id, set()).add(sides.side(p.actor, day))
    return out


def _primaries(
    dyads_of: dict[str, tuple[tuple[str, str | None], ...]],
    weight: dict[tuple[str, str | None], float],
    overall: dict[tuple[str, str | None], float],
    named: dict[str, set[str]] | None = None,
) -> dict[str, tuple[str, str | None]]:
    """Event id → its primary dyad: a dyad whose target the event's title names, else the
    targeted dyad with the most hostility in the window, then overall.

    The title comes first because it says what the act was aimed at: the Pentagon directive
    "to destroy Kataib Hezbollah" is "United States → Kataib Hezbollah", though it also made
    IRGC members (Iran's side, the busier dyad) targets. Ties go to the dyad that is answered
    (its reverse acts too), then to the busier one overall, then by name: the Camp Taji
    rockets (on the coalition, the UK and the US) are "Kataib Hezbollah → United States",
    the March strikes (on Kataib Hezbollah, and Iraqi
    forces killed) "United States → Kataib Hezbollah".
    """
    named = named or {}
    out: dict[str, tuple[str, str | None]] = {}
    for event_id, dyads in dyads_of.items():
        if not dyads:
            continue
        targeted = [d for d in dyads if d[1] is not None] or list(dyads)
        titled = named.get(event_id, set())
        out[event_id] = min(
            targeted,
            key=lambda d: (
                d[1] not in titled,
                -weight.get(d, 0.0),
                -weight.get((d[1] or "", d[0]), 0.0),
                -overall.get(d, 0.0),
                -overall.get((d[1] or "", d[0]), 0.0),
                d[0],
                d[1] or "",
            ),
        )
    return out


def _support(dataset: Dataset, event_ids: Iterable[str]) -> dict[str, int]:
    """Event id → number of sources with a claim about it (one pass over the claims)."""
    wanted = set(event_ids)
    sources: dict[str, set[str]] = {}
    for claim in dataset.claims.values():
        for target in claim.targets():
            if target in wanted:
                sources.setdefault(target, set()).add(claim.source)
    return {e: len(s) for e, s in sources.items()}


def blamed(report: Report, event_id: str) -> list[Any]:
    """Who an unattributed act is blamed on: "Kataib Hezbollah (The New York Times, quoting McKenzie)", linked."""
    found = report.memo("attributions", lambda: _attributions(report.dataset))
    out: list[Any] = []
    seen: set[str] = set()
    labels = report.source_labels()
    for a in sorted(found.get(event_id, ()), key=lambda a: (a.stance != "asserts", -a.confidence, a.claim)):
        if a.actor in seen or len(seen) >= 2:
            continue
        seen.add(a.actor)
        by = labels.get(a.source, a.source) + (f", quoting {report.label(a.speaker, 30)}" if a.speaker else "")
        hedge = "" if a.stance == "asserts" else f", {a.stance}"
        out.append(report.link(a.claim, f"{report.label(a.actor, 30)} ({by}{hedge})", limit=90))
    return out


def _attributions(dataset: Dataset) -> dict[str, Any]:
    try:
        from mideast_model.analyses.common import attributions
    except ImportError:  # pragma: no cover - older core
        return {}
    return dict(attributions(dataset))


def reporting(report: Report, event_id: str) -> list[Any]:
    """Links, one per source, to the first statement of each source about ``event_id`` (the evidence)."""
    first: dict[str, Claim] = {}
    for claim in sorted(report.dataset.claims_about(event_id), key=lambda c: c.id):
        first.setdefault(claim.source, claim)
    labels = report.source_labels()
    ordered = sorted(first.values(), key=lambda c: labels.get(c.source, c.source))
    return [report.link(c.id, labels.get(c.source, c.source)) for c in ordered]


def who(report: Report, event_id: str, limit: int = 30) -> str:
    """Who did what to whom in one event, in words, never with an arrow where no one acts on anyone.

    "Kataib Hezbollah → United States" (the primary dyad); "(unattributed) → United States";
    "Iran (no target named)"; "United States and Iran, together (no one acts on the other)" for
    an undirected event; "no one acting; affects Iran" for an agentless one (a flood, a price fall).
    """
    from mideast_model_report.sections.escalation import lane_label

    s = story(report)
    dyad = s.primary_of.get(event_id)
    if dyad is not None:
        return lane_label(report, dyad, limit)
    found = s.involved.get(event_id)
    if found is None:
        return ""

    def names(ids: tuple[str, ...]) -> str:
        shown = [report.label(p, limit) for p in ids[:4]]
        return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"

    if found.affected:
        return f"no one acting; affects {names(found.affected)}"
    if found.status == "undirected" and len(found.parties) > 1:
        return f"{names(found.parties)}, together (no one acts on the other)"
    if found.parties:
        return f"{names(found.parties)} taking part (no one acted on)"
    return "no one acting"


def window_month(day: dt.date) -> str:
    """``2020-03`` for a day."""
    return month_key(day)
