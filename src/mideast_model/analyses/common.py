"""Shared pieces of the analyses: the sides actors act for, directed dyads, backers, windows.

Public (the ``dynamics`` and ``report`` plugins use it): :class:`Sides` (with
:meth:`Sides.direction`, who acted on whom and who is only blamed), :class:`Direction`,
:class:`Attribution`, :func:`attributions`, :func:`event_code`, :func:`is_hostile`,
:func:`event_day`, :func:`window_key`, :func:`render_markdown`, :func:`render_rich`.

Roles and direction follow one rule everywhere: an actor is in the acting position only
where a source or dataset says it acted (role ``initiator``, or an ACLED associated actor
of the initiating side). An event with targets but no named initiator has an
*unattributed* initiator (:data:`UNATTRIBUTED`); claims that blame someone for it are
:class:`Attribution` objects shown as "attributed to X by S", never as X's act. An event
with no initiator and no target (a disaster, a price collapse) is *agentless* and has no
dyad; one whose participants are all ``participant`` (an ACLED battle, a meeting) is
*undirected* and is never turned into a direction.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import attrs

from mideast_model.extensions import markdown_table, rich_table
from mideast_model.gcpause import paused_gc
from mideast_model.model import Actor, ActorKind, Claim, Event, Predicate, RelationPredicate, Role

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

__all__ = [
    "CONTENT_PREDICATES",
    "UNATTRIBUTED",
    "WINDOWS",
    "Attribution",
    "Direction",
    "PropositionKey",
    "Sides",
    "Table",
    "attributions",
    "event_code",
    "event_day",
    "gc_paused",
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
_BLAME = frozenset({Predicate.RESPONSIBLE_FOR, Predicate.ORDERED})
_AFFILIATIONS = (
    RelationPredicate.PART_OF,
    RelationPredicate.MEMBER_OF,
    RelationPredicate.LEADS,
    RelationPredicate.COMMANDS,
)
#: Kinds that stand with the state of their country when no relation says otherwise.
_COUNTRY_CAMP = frozenset({ActorKind.GROUP, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY})
#: The initiator shown for an event that has targets but no named initiator.
UNATTRIBUTED = "(unattributed)"
#: Actor names that code an unknown perpetrator (ACLED "Unidentified Armed Group (Iraq)").
_UNKNOWN_PREFIXES = ("unidentified", "unknown")

_P = ParamSpec("_P")
_R = TypeVar("_R")


def gc_paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``func`` with the cyclic garbage collector paused (restored after, as it was).

    An analysis builds many small objects (rows, tuples, dicts) and no cycles; on 10^5
    events the collections this triggers walk the whole dataset again and again, up to
    three quarters of a run or a ``to_json``. Reference counting still frees everything.
    """

    @functools.wraps(func)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused_gc():
            return func(*args, **kwargs)

    return paused


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


@attrs.frozen
class Attribution:
    """A claim that blames ``actor`` for an event: "attributed to X by S" (never X's own act).

    :param predicate: ``responsible_for`` or ``ordered``.
    :param stance: ``asserts``, ``hedges`` ("no firm evidence") or ``denies``.
    """

    event: str
    actor: str
    claim: str
    source: str
    speaker: str | None
    predicate: str
    stance: str
    confidence: float

    def label(self) -> str:
        """ "attributed to actor:kh by source:nyt (asserts, 0.9)"."""
        verb = "ordered by" if self.predicate == Predicate.ORDERED.value else "attributed to"
        by = self.source + (f" quoting {self.speaker}" if self.speaker else "")
        return f"{verb} {self.actor} by {by} ({self.stance}, {self.confidence:g})"


def attributions(
    dataset: Dataset, same_as: Mapping[str, Iterable[str]] | None = None
) -> dict[str, tuple[Attribution, ...]]:
    """Event id → the claims blaming an actor for it (``responsible_for``/``ordered`` with the event as object).

    :param same_as: event id → ids of events matched to it as the same event in another
        dataset (the ``links`` plugin's pairs, accepted by an analyst): the claims about a
        matched event apply to it too, marked by their claim ids — the event's own coding
        is never changed.
    """
    out: dict[str, list[Attribution]] = {}
    for claim in dataset.claims.values():
        if claim.predicate not in _BLAME or claim.object is None or claim.object not in dataset.events:
            continue
        if claim.subject not in dataset.actors:
            continue
        out.setdefault(claim.object, []).append(
            Attribution(
                claim.object,
                claim.subject,
                claim.id,
                claim.source,
                claim.speaker,
                claim.predicate.value,
                claim.stance.value,
                claim.confidence,
            )
        )
    for event_id, others in sorted((same_as or {}).items()):
        if event_id not in dataset.events:
            continue
        for other in sorted(set(others)):
            for att in out.get(other, ()):
                if att.event == other:
                    out.setdefault(event_id, []).append(attrs.evolve(att, event=event_id))
    return {e: tuple(sorted(set(a), key=lambda x: x.claim)) for e, a in out.items()}


@attrs.frozen
class Direction:
    """Who acted on whom in one event, as sides, and who is only blamed for it.

    :param status: ``directed`` (named initiators and targets), ``unattributed`` (targets,
        no named initiator: ``acting`` is ``(UNATTRIBUTED,)``), ``one_sided`` (initiators,
        no target), ``undirected`` (participants only: a battle, a meeting) or
        ``agentless`` (no one acting, and no target or a kind that is no one's act: a disaster,
        a price collapse; ``acted_on`` then lists those affected).
    :param attributed: the claims blaming someone for the event, whatever its status.
    """

    event: str
    status: str
    acting: tuple[str, ...]
    acted_on: tuple[str, ...]
    attributed: tuple[Attribution, ...] = ()

    @property
    def dyads(self) -> tuple[tuple[str, str], ...]:
        """Directed (acting side, acted-on side) pairs; none unless ``status`` is ``directed``."""
        if self.status != "directed":
            return ()
        return tuple(sorted((a, b) for a in self.acting for b in self.acted_on if a != b))


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


def _roll_predicates(actor: Actor | None) -> frozenset[RelationPredicate] | None:
    """The relations by which ``actor`` rolls up into a parent: a unit is part of it, a person
    leads or commands it; None for an actor that never rolls up (or is unknown)."""
    if actor is None:
        return None
    if actor.kind in _UNIT_KINDS:
        return frozenset({RelationPredicate.PART_OF})
    if actor.kind is ActorKind.PERSON:
        return frozenset({RelationPredicate.LEADS, RelationPredicate.COMMANDS})
    return None


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
        self._states: dict[str, str] | None = None
        # Per actor: whether it can ever roll up (a unit or office holder that is the subject
        # of some part_of / leads / commands relation, on any day); the others are their own
        # side on every day, without a per-day lookup.
        self._rolls: dict[str, bool] = {}
        self._related: dict[str, bool] = {}
        self._unknown: dict[str, bool] = {}

    def _parent(self, actor_id: str, day: dt.date | None) -> str | None:
        actor = self.dataset.actors.get(actor_id)
        wanted = _roll_predicates(actor)
        if actor is None or wanted is None:
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
        rolls = self._rolls.get(actor_id)
        if rolls is None:
            rolls = self._rolls[actor_id] = self._can_roll(actor_id)
        if not rolls:
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

    def _can_roll(self, actor_id: str) -> bool:
        """False when :meth:`_parent` finds no parent on any day: not a unit or person, or no relation to roll up by."""
        wanted = _roll_predicates(self.dataset.actors.get(actor_id))
        if wanted is None:
            return False
        return any(
            rel.subject == actor_id and rel.predicate in wanted
            for rel in self.dataset.relations_on(None, actor=actor_id)
        )

    def has_relations(self, actor_id: str) -> bool:
        """True when the dataset has a relation of ``actor_id`` on some day (else it has none on any)."""
        found = self._related.get(actor_id)
        if found is None:
            found = self._related[actor_id] = bool(self.dataset.relations_on(None, actor=actor_id))
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
        if not self.has_relations(actor_id):
            return ()
        key = (actor_id, day)
        if key not in self._backers:
            self._backers[key] = self._linked(actor_id, day, up=True)
        return self._backers[key]

    def proxies(self, actor_id: str, day: dt.date | None = None) -> tuple[str, ...]:
        """Actors that ``actor_id`` backs or controls on ``day``."""
        if not self.has_relations(actor_id):
            return ()
        key = (actor_id, day)
        if key not in self._proxies:
            self._proxies[key] = self._linked(actor_id, day, up=False)
        return self._proxies[key]

    def unknown(self, actor_id: str) -> bool:
        """True for an actor that codes an unknown perpetrator ("Unidentified Armed Group")."""
        found = self._unknown.get(actor_id)
        if found is None:
            actor = self.dataset.actors.get(actor_id)
            found = self._unknown[actor_id] = actor is not None and actor.name.casefold().startswith(_UNKNOWN_PREFIXES)
        return found

    def dyads(self, event: Event, day: dt.date | None = None) -> tuple[tuple[str, str], ...]:
        """Directed (initiator side, target-or-victim side) pairs of ``event``, sorted, no self-pairs.

        Only named initiators act: an event with an unidentified or no initiator has no dyad
        (see :meth:`direction` for its targets and attributions).
        """
        acting = {
            self.side(p.actor, day) for p in event.participants if p.role in _ACTING and not self.unknown(p.actor)
        }
        acted_on = {self.side(p.actor, day) for p in event.participants if p.role in _ACTED_ON}
        return tuple(sorted((a, b) for a in acting for b in acted_on if a != b))

    def direction(
        self,
        event: Event,
        day: dt.date | None = None,
        blamed: Mapping[str, tuple[Attribution, ...]] | None = None,
    ) -> Direction:
        """Who acted on whom in ``event`` (as sides), with the claims blaming anyone for it.

        :param blamed: :func:`attributions` of the dataset, computed once by the caller.
        """
        participants = event.participants
        if len(participants) == 2:  # the common shape of event data: one initiator, one target or victim
            first, second = participants
            actor: str | None = None
            other = ""
            # _ACTED_ON by identity (an enum's hash is a Python call)
            if first.role is Role.INITIATOR and (second.role is Role.TARGET or second.role is Role.VICTIM):
                actor, other = first.actor, second.actor
            elif second.role is Role.INITIATOR and (first.role is Role.TARGET or first.role is Role.VICTIM):
                actor, other = second.actor, first.actor
            if actor is not None and not self.unknown(actor):
                a, b = self.side(actor, day), self.side(other, day)
                if a != b:
                    attributed = blamed.get(event.id, ()) if blamed else ()
                    return Direction(event.id, "directed", (a,), (b,), attributed)
        acting_sides: set[str] = set()
        acted_sides: set[str] = set()
        initiator = False
        for p in participants:
            if p.role is Role.INITIATOR:  # _ACTING
                initiator = True
                if not self.unknown(p.actor):
                    acting_sides.add(self.side(p.actor, day))
            elif p.role in _ACTED_ON:
                acted_sides.add(self.side(p.actor, day))
        acting = tuple(sorted(acting_sides))
        acted_on = tuple(sorted(acted_sides))
        attributed = blamed.get(event.id, ()) if blamed else ()
        if acting and acted_on and (len(acting) > 1 or acting != acted_on):  # some pair of different sides
            status = "directed"
        elif not acting and event.cameo is None and event.kind.cameo is None:
            status = "agentless"  # a disaster, a price collapse: those affected are not acted on by anyone
        elif acted_on and not acting:
            status, acting = "unattributed", (UNATTRIBUTED,)
        elif acting:
            status = "one_sided"
        elif initiator:
            status, acting = "unattributed", (UNATTRIBUTED,)
        elif participants and not acted_on and len({p.actor for p in participants}) > 1:
            status = "undirected"
        else:
            status = "agentless"
        return Direction(event.id, status, acting, acted_on, attributed)

    def camp(self, actor_id: str, day: dt.date | None = None) -> str:
        """The state an actor stands with: its side, a group's state backer, or the state it belongs to.

        Used to add up blame by camp ("the US side", "the Iran side"): an armed group or
        group backed by a state counts for its backer; a person, group or body affiliated
        (``member_of``, ``part_of``, ``leads``, ``commands``) with a state apparatus counts for
        that state; a group, government body or military with no such relation counts for the
        state of its country. Anything else is its own camp.
        """
        seen: set[str] = set()
        current = self.side(actor_id, day)
        while current not in seen:
            seen.add(current)
            actor = self.dataset.actors.get(current)
            if actor is None or actor.kind is ActorKind.STATE:
                return current
            nxt: str | None = None
            if actor.kind in (ActorKind.ARMED_GROUP, ActorKind.GROUP, ActorKind.PARTY):
                states = [b for b in self.backers(current, day) if self._is_state(self.side(b, day))]
                if states:
                    nxt = self.side(states[0], day)
            if nxt is None:
                for rel in self.dataset.relations_on(day, actor=current):
                    if rel.subject == current and rel.predicate in _AFFILIATIONS:
                        up = self.side(rel.object, day)
                        if up not in seen and up in self.dataset.actors:
                            nxt = up
                            break
            if nxt is None and actor.kind in _COUNTRY_CAMP and actor.country is not None:
                nxt = self._state_of(actor.country)  # "American officials", a ministry: of their state
            if nxt is None or nxt in seen:
                return current
            current = nxt
        return current

    def _state_of(self, country: str) -> str | None:
        if self._states is None:
            states: dict[str, str] = {}
            for actor in sorted(self.dataset.actors.values(), key=lambda a: a.id):
                if actor.kind is ActorKind.STATE and actor.country is not None:
                    states.setdefault(actor.country, actor.id)
            self._states = states
        return self._states.get(country)

    def _is_state(self, actor_id: str) -> bool:
        actor = self.dataset.actors.get(actor_id)
        return actor is not None and actor.kind is ActorKind.STATE


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
