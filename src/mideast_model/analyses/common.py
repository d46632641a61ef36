"""Shared pieces of the analyses: the sides actors act for, directed dyads, backers, windows.

Public (the ``dynamics`` plugin uses it): :class:`Sides`, :func:`event_code`,
:func:`is_hostile`, :func:`event_day`, :func:`window_key`, :func:`render_markdown`,
:func:`render_rich`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from mideast_model.extensions import markdown_table, rich_table
from mideast_model.model import ActorKind, Claim, Event, Predicate, RelationPredicate, Role

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

__all__ = [
    "CONTENT_PREDICATES",
    "WINDOWS",
    "PropositionKey",
    "Sides",
    "Table",
    "event_code",
    "event_day",
    "is_hostile",
    "proposition_key",
    "render_markdown",
    "render_rich",
    "window_key",
]

#: CAMEO roots of material conflict (coerce, assault, fight, mass violence).
HOSTILE_ROOTS = frozenset({"17", "18", "19", "20"})
#: CAMEO root of threats.
THREAT_ROOT = "13"
WINDOWS = ("month", "week", "day")
_UNIT_KINDS = frozenset({ActorKind.MILITARY, ActorKind.GOVERNMENT_BODY})
_PARENT_KINDS = frozenset({ActorKind.STATE, ActorKind.MILITARY, ActorKind.GOVERNMENT_BODY})
_ACTING = frozenset({Role.INITIATOR})
_ACTED_ON = frozenset({Role.TARGET, Role.VICTIM})

Table = tuple[str, Sequence[str], Sequence[Sequence[Any]]]
"""A titled table: (title, column names, rows)."""

#: Predicates whose ``value.text`` is the content itself ("states", "forecasts"…): claims
#: with different texts state different propositions.
CONTENT_PREDICATES = frozenset(
    {
        Predicate.STATES,
        Predicate.FORECASTS,
        Predicate.RECOMMENDS,
        Predicate.THREATENS,
        Predicate.FAVOURS,
        Predicate.OPPOSES,
    }
)

PropositionKey = tuple[str, str, str | None, str | None, str | None]
"""(subject, predicate, object, attribute, content text or ``None``)."""


def proposition_key(claim: Claim) -> PropositionKey:
    """What a claim states, stance aside: its proposition, plus the normalised text for content predicates."""
    text = None
    if claim.predicate in CONTENT_PREDICATES and claim.value is not None and claim.value.text is not None:
        text = " ".join(claim.value.text.casefold().split())
    return (*claim.proposition, text)


def event_code(event: Event) -> str | None:
    """The event's own CAMEO code, else its kind's representative code, else ``None``."""
    return event.cameo or event.kind.cameo


def is_hostile(event: Event, *, threats: bool = False) -> bool:
    """True for material conflict (CAMEO roots 17–20), and threats (root 13) if asked."""
    code = event_code(event)
    if code is None:
        return False
    root = code[:2]
    return root in HOSTILE_ROOTS or (threats and root == THREAT_ROOT)


def event_day(event: Event) -> dt.date | None:
    """The midpoint day of the event's span, or ``None`` when both ends are open."""
    if event.when.earliest == dt.date.min and event.when.latest == dt.date.max:
        return None
    return event.when.midpoint


def window_key(day: dt.date, window: str) -> str:
    """The label of the window holding ``day``: ``2020-03``, ``2020-W11`` or ``2020-03-11``."""
    if window == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if window == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if window == "day":
        return day.isoformat()
    raise ValueError(f"window must be one of {', '.join(WINDOWS)}, got {window!r}")


class Sides:
    """Which side an actor acts for on a day, who backs it, and the directed dyads of events.

    With ``merge_units`` a military or government unit counts as the state apparatus it
    belongs to: it rolls up along ``part_of`` to a state, military or government body
    (preferring a parent of its own country), and a person rolls up along ``leads`` or
    ``commands`` to the unit they head — so "U.S. forces in Iraq" and "the Pentagon" act
    for ``actor:usa``. Armed groups, parties and groups never roll up (a militia that is
    nominally part of an army stays itself); proxies reach their backers only through
    :meth:`backers`, which the analyses use only when asked.
    """

    def __init__(self, dataset: Dataset, *, merge_units: bool = True) -> None:
        self.dataset = dataset
        self.merge_units = merge_units
        self._side: dict[tuple[str, dt.date | None], str] = {}
        self._backers: dict[tuple[str, dt.date | None], tuple[str, ...]] = {}
        self._proxies: dict[tuple[str, dt.date | None], tuple[str, ...]] = {}

    def _parent(self, actor_id: str, day: dt.date | None) -> str | None:
        actor = self.dataset.actors.get(actor_id)
        if actor is None:
            return None
        if actor.kind in _UNIT_KINDS:
            wanted = {RelationPredicate.PART_OF}
        elif actor.kind is ActorKind.PERSON:
            wanted = {RelationPredicate.LEADS, RelationPredicate.COMMANDS}
        else:
            return None
        parents = []
        for rel in self.dataset.relations_on(day, actor=actor_id):
            if rel.subject != actor_id or rel.predicate not in wanted:
                continue
            parent = self.dataset.actors.get(rel.object)
            if parent is not None and parent.kind in _PARENT_KINDS:
                parents.append((parent.country != actor.country, parent.id))
        return min(parents)[1] if parents else None

    def side(self, actor_id: str, day: dt.date | None = None) -> str:
        """The actor id ``actor_id`` acts for on ``day`` (itself without ``merge_units``)."""
        if not self.merge_units:
            return actor_id
        key = (actor_id, day)
        found = self._side.get(key)
        if found is None:
            seen = [actor_id]
            current: str | None = actor_id
            while current is not None:
                current = self._parent(seen[-1], day)
                if current is None or current in seen:
                    break
                seen.append(current)
            found = self._side[key] = seen[-1]
        return found

    def _linked(self, actor_id: str, day: dt.date | None, *, up: bool) -> tuple[str, ...]:
        out = set()
        for rel in self.dataset.relations_on(day, actor=actor_id):
            if rel.predicate not in (RelationPredicate.BACKS, RelationPredicate.CONTROLS):
                continue
            if up and rel.object == actor_id and rel.subject != actor_id:
                out.add(rel.subject)
            elif not up and rel.subject == actor_id and rel.object != actor_id:
                out.add(rel.object)
        return tuple(sorted(out))

    def backers(self, actor_id: str, day: dt.date | None = None) -> tuple[str, ...]:
        """Actors that back or control ``actor_id`` on ``day`` per the dataset's relations."""
        key = (actor_id, day)
        if key not in self._backers:
            self._backers[key] = self._linked(actor_id, day, up=True)
        return self._backers[key]

    def proxies(self, actor_id: str, day: dt.date | None = None) -> tuple[str, ...]:
        """Actors that ``actor_id`` backs or controls on ``day``."""
        key = (actor_id, day)
        if key not in self._proxies:
            self._proxies[key] = self._linked(actor_id, day, up=False)
        return self._proxies[key]

    def dyads(self, event: Event, day: dt.date | None = None) -> tuple[tuple[str, str], ...]:
        """Directed (initiator side, target-or-victim side) pairs of ``event``, sorted, no self-pairs."""
        acting = {self.side(p.actor, day) for p in event.participants if p.role in _ACTING}
        acted_on = {self.side(p.actor, day) for p in event.participants if p.role in _ACTED_ON}
        return tuple(sorted((a, b) for a in acting for b in acted_on if a != b))


def render_markdown(title: str, tables: Iterable[Table], notes: Sequence[str] = ()) -> str:
    """A level-2 heading, optional note lines, then each table."""
    parts = [f"## {title}", ""]
    parts.extend(f"{note}\n" for note in notes)
    parts.extend(markdown_table(t, cols, rows) for t, cols, rows in tables)
    return "\n".join(parts)


def render_rich(title: str, tables: Iterable[Table], notes: Sequence[str] = ()) -> RenderableType:
    """A rich group: the title, the notes and each table (text is never parsed as markup)."""
    from rich.console import Group
    from rich.text import Text

    items: list[RenderableType] = [Text(title, style="bold")]
    items.extend(Text(note) for note in notes)
    items.extend(rich_table(t, cols, rows) for t, cols, rows in tables)
    return Group(*items)


def fmt(value: float | None, digits: int = 2) -> str:
    """A number for a table cell: rounded, or ``""`` for ``None``."""
    return "" if value is None else f"{value:.{digits}f}"
