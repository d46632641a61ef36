"""``timeline``: events in time order without inventing an order uncertainty does not give.

Events are layered into *tiers* by their (fuzzy) EDTF bounds: an event's tier is one more
than the highest tier of the events that certainly end before it starts
(:meth:`~mideast_model.model.TimeSpan.before`), or 1. So two events of one tier are never
in a certain order (they are listed together, not ranked), and whenever one event
certainly precedes another it sits in an earlier tier: reading tiers in order never
contradicts what the dates establish. A long or vague span stays in the tier its start
allows and overlaps the tiers after it.

Each entry says who acted on whom as the data codes it (``status``, ``acting``,
``acted_on``; see :meth:`~mideast_model.analyses.common.Sides.direction`): a target-only
event shows ``(unattributed)`` as acting and lists the claims blaming anyone for it in
``attributed`` ("attributed to X by S (asserts, 0.9)"), never as X's act; an agentless
event (a disaster, a price collapse) has no one acting.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import Sides, attributions, gc_paused, render_markdown, render_rich
from mideast_model.extensions import Analysis, Param

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset


_OPEN_ENDS = frozenset({dt.date.min, dt.date.max})


def _iso(day: dt.date) -> str | None:
    return None if day in _OPEN_ENDS else day.isoformat()


def _iso_key(day: dt.date) -> str:
    """:func:`_iso` with ``""`` for an open end (a value a cache can hold)."""
    return "" if day in _OPEN_ENDS else day.isoformat()


@attrs.frozen
class TimelineEntry:
    """One event on the timeline with the claims behind it and their sources."""

    event: str
    when: str
    earliest: str | None
    latest: str | None
    kind: str
    title: str
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    status: str = "agentless"
    """``directed``, ``unattributed``, ``one_sided``, ``undirected`` or ``agentless``."""
    acting: tuple[str, ...] = ()
    acted_on: tuple[str, ...] = ()
    attributed: tuple[str, ...] = ()
    """One "attributed to X by S (stance, confidence)" line per claim of responsibility."""


@attrs.frozen
class Tier:
    """Events that cannot be put in order among themselves; none certainly follows a later tier's."""

    index: int
    earliest: str | None
    latest: str | None
    entries: tuple[TimelineEntry, ...]


@attrs.frozen
class TimelineResult:
    """The tiers of the timeline, oldest first."""

    tiers: tuple[Tier, ...]

    @gc_paused
    def to_json(self) -> Any:
        """Tiers with their events, claims and sources by id."""
        return {
            "tiers": [
                {
                    "tier": t.index,
                    "earliest": t.earliest,
                    "latest": t.latest,
                    "events": [
                        {  # the fields in order, tuples as lists (what attrs.asdict gave, without its cost)
                            "event": e.event,
                            "when": e.when,
                            "earliest": e.earliest,
                            "latest": e.latest,
                            "kind": e.kind,
                            "title": e.title,
                            "claims": list(e.claims),
                            "sources": list(e.sources),
                            "status": e.status,
                            "acting": list(e.acting),
                            "acted_on": list(e.acted_on),
                            "attributed": list(e.attributed),
                        }
                        for e in t.entries
                    ],
                }
                for t in self.tiers
            ]
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        def who(e: TimelineEntry) -> str:
            if not e.acting and not e.acted_on:
                return ""
            if e.status == "agentless":
                return f"no agent (affects {', '.join(e.acted_on)})" if e.acted_on else "no agent"
            text = f"{', '.join(e.acting) or '–'} → {', '.join(e.acted_on) or '–'}"
            return text + ("".join(f"; {a}" for a in e.attributed) if e.attributed else "")

        rows = [
            (t.index, e.when, e.event, e.kind, e.title, who(e), len(e.claims), ", ".join(e.sources))
            for t in self.tiers
            for e in t.entries
        ]
        return [
            (
                "Timeline (events in one tier are not ordered)",
                ("tier", "when", "event", "kind", "title", "who → whom", "claims", "sources"),
                rows,
            )
        ]

    def to_markdown(self) -> str:
        """The timeline as a Markdown table."""
        return render_markdown("Timeline", self._tables())

    def to_rich(self) -> RenderableType:
        """The timeline as a rich table."""
        return render_rich("Timeline", self._tables())


@gc_paused
def run(dataset: Dataset, fuzzy: bool = True) -> TimelineResult:
    """Layer the events of ``dataset`` into tiers of mutually unordered events.

    :param fuzzy: widen approximate or uncertain spans (``~``, ``?``) before ordering.
    """
    events = dataset.events
    sides = Sides(dataset)
    blamed = attributions(dataset)
    no_ids: tuple[str, ...] = ()
    # Each event's entry, built in the dataset's (id) order, then placed by time.
    entry_of: dict[str, TimelineEntry] = {}
    isos: dict[dt.date, str] = {}  # day -> _iso(day), "" for an open end
    keyed: list[tuple[dt.date, dt.date, str]] = []
    for event in events.values():
        when = event.when
        keyed.append((*when.bounds(fuzzy=fuzzy), event.id))
        direction = sides.direction(event, None if when.is_open else when.midpoint, blamed)
        about = dataset.claims_about(event.id)  # claims with the event as subject, object or ``about``
        if len(about) > 1:
            claims = tuple(sorted(c.id for c in about))
            sources = tuple(sorted({c.source for c in about}))
        else:
            claims = sources = no_ids
            if about:
                claims, sources = (about[0].id,), (about[0].source,)
        earliest, latest = when.earliest, when.latest
        first = isos.get(earliest)
        if first is None:
            first = isos[earliest] = _iso_key(earliest)
        last = isos.get(latest)
        if last is None:
            last = isos[latest] = _iso_key(latest)
        entry_of[event.id] = TimelineEntry(
            event.id,
            when.edtf,
            first or None,
            last or None,
            event.kind.value,
            event.title,
            claims,
            sources,
            direction.status,
            direction.acting,
            direction.acted_on,
            tuple(a.label() for a in direction.attributed) if direction.attributed else no_ids,
        )
    keyed.sort()  # by start, end, id
    highs = [high for _, high, _ in keyed]
    # Positions in keyed by end. Ties may come in any order: all events ending on one day
    # are passed at once (before the first start after it), and only the highest tier counts.
    ends = sorted(range(len(highs)), key=highs.__getitem__)
    tier_at: list[int] = []  # tier of keyed[i]
    tiers: dict[int, list[TimelineEntry]] = {}
    spans: dict[int, list[dt.date]] = {}  # tier -> [earliest start, latest end]
    done, best, count = 0, 0, len(ends)  # events ends[:done] end before the current start; best = their highest tier
    for low, high, event_id in keyed:
        while done < count and highs[ends[done]] < low:  # each ended before this start: already placed
            best = max(best, tier_at[ends[done]])
            done += 1
        tier = best + 1
        tier_at.append(tier)
        entries = tiers.get(tier)
        if entries is None:
            tiers[tier] = [entry_of[event_id]]
            spans[tier] = [low, high]
        else:
            entries.append(entry_of[event_id])
            span = spans[tier]
            if high > span[1]:
                span[1] = high
    out = [
        Tier(index, _iso(spans[index][0]), _iso(spans[index][1]), tuple(entries))
        for index, entries in sorted(tiers.items())
    ]
    return TimelineResult(tuple(out))


ANALYSIS = Analysis(
    name="timeline",
    description="Events ordered by their EDTF spans, overlapping ones kept unordered, with the claims behind each.",
    run=run,
    params=(Param("fuzzy", "bool", True, "widen approximate or uncertain spans before ordering"),),
)
