"""The Dataset: the five kinds held together, checked, indexed and queried.

A :class:`Dataset` is immutable: :meth:`Dataset.with_objects`, :meth:`Dataset.without`
and :meth:`Dataset.merge` return new datasets. Construction checks the two integrity
invariants (unique ids; every reference resolves to an object of the right kind).
Indexes (by actor, time, kind, source, speaker, target) are built on first use.

The query methods form the :class:`~mideast_model.store.Store` protocol, which a
columnar store (Arrow record batches, DuckDB over Parquet) implements for bulk event
data; this in-memory object store is the first implementation.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from mideast_model.errors import ConflictError, DanglingReferenceError, DuplicateIdError
from mideast_model.gcpause import paused_gc
from mideast_model.model import KINDS, Actor, Claim, Event, Object, Relation, Role, Source, codec
from mideast_model.model.time import window_bound

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["ConflictPolicy", "Dataset", "DatasetBuilder", "DatasetDiff"]

T = TypeVar("T", Actor, Source, Event, Claim, Relation)
_KIND_OF_CLASS: dict[type, str] = {cls: name for name, cls in KINDS.items()}


class ConflictPolicy(enum.Enum):
    """What :meth:`Dataset.merge` does with two different objects under one id."""

    ERROR = "error"
    KEEP_LEFT = "keep-left"
    KEEP_RIGHT = "keep-right"


@attrs.frozen
class DatasetDiff:
    """Ids added, removed and changed going from one dataset to another."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


class Results(list[T]):
    """The answer of a query: a plain list of model objects that renders as a table in Jupyter."""

    def _repr_html_(self) -> str:
        from html import escape

        rows = []
        for obj in self[:200]:
            label = getattr(obj, "title", None) or getattr(obj, "name", None) or getattr(obj, "quote", None) or ""
            when = getattr(obj, "when", None) or getattr(obj, "said", None) or getattr(obj, "valid", None) or ""
            kind = getattr(obj, "kind", None) or getattr(obj, "predicate", None)
            kind_text = getattr(kind, "value", "")
            rows.append(
                f"<tr><td>{escape(obj.id)}</td><td>{escape(str(kind_text))}</td>"
                f"<td>{escape(str(when))}</td><td>{escape(str(label))}</td></tr>"
            )
        more = f"<caption>{len(self)} results, first 200 shown</caption>" if len(self) > 200 else ""
        return f"<table>{more}<tr><th>id</th><th>kind</th><th>when</th><th>label</th></tr>{''.join(rows)}</table>"


_SHORT = dt.timedelta(days=400)


def _strict_bounds(event: Event) -> tuple[dt.date, dt.date]:
    """The event's strict (earliest, latest) days, as its time span keeps them."""
    parsed = event.when._parsed
    return parsed[0], parsed[1]


_Keyed = tuple[dt.date, str, dt.date, Event]


def _keyed(events: Iterable[Event]) -> list[_Keyed]:
    """``(earliest, id, latest, event)`` in time then id order (ids are unique: events are never compared)."""
    return sorted([(e.when._parsed[0], e.id, e.when._parsed[1], e) for e in events])


def _time_key(event: Event) -> tuple[dt.date, str]:
    return (event.when._parsed[0], event.id)


class _TimeIndex:
    """Events sorted by earliest day, for window queries in O(log n + answer).

    Spans no longer than ``_SHORT`` are found by bisecting their earliest day from
    ``lo - _SHORT``; the few longer or open spans are kept apart and always checked.
    """

    __slots__ = ("_events", "_keys", "_long")

    def __init__(
        self, events: Iterable[Event], *, keyed: list[tuple[dt.date, str, dt.date, Event]] | None = None
    ) -> None:
        if keyed is None:
            keyed = _keyed(events)
        lowest, highest = dt.date.min, dt.date.max
        short: list[Event] = []
        keys: list[dt.date] = []
        long: list[Event] = []
        for low, _, high, event in keyed:
            if low == lowest or high == highest or high - low > _SHORT:
                long.append(event)
            else:
                short.append(event)
                keys.append(low)
        self._events = short
        self._keys = keys
        self._long = long

    def window(self, lo: dt.date | None, hi: dt.date | None) -> list[Event]:
        """Events whose strict bounds meet ``[lo, hi]`` (``None``: unbounded), by time then id."""
        start = 0 if lo is None or lo <= dt.date.min + _SHORT else bisect.bisect_left(self._keys, lo - _SHORT)
        stop = len(self._events) if hi is None else bisect.bisect_right(self._keys, hi)
        found = [e for e in self._events[start:stop] if lo is None or e.when.latest >= lo]
        extra = [e for e in self._long if (hi is None or e.when.earliest <= hi) and (lo is None or e.when.latest >= lo)]
        if not extra:
            return found
        return sorted(found + extra, key=_time_key)


class Dataset:
    """Actors, sources, events, claims and relations, with integrity and indexes.

    Immutable: the per-kind mappings (:attr:`actors`…) are read-only views, and every
    change returns a new dataset. Build a large one in one go with
    :meth:`from_objects` or :meth:`builder` (integrity is checked once, at the end).
    """

    __slots__ = ("_by_kind", "_index", "_kind_of", "_views", "_where")

    def __init__(self, objects: Iterable[Object] = (), *, validate: bool = True, where: str | None = None) -> None:
        with paused_gc():
            self._collect(objects, validate, where)

    def _collect(self, objects: Iterable[Object], validate: bool, where: str | None) -> None:
        by_kind: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        kind_of: dict[str, str] = {}
        kind_of_class = _KIND_OF_CLASS
        for obj in objects:
            kind = kind_of_class.get(type(obj))
            if kind is None:
                raise TypeError(f"not a model object: {obj!r}")
            object_id = obj.id
            if object_id in kind_of:
                raise DuplicateIdError(object_id, where)
            kind_of[object_id] = kind
            by_kind[kind][object_id] = obj
        self._setup(by_kind, kind_of, where, validate)

    def _setup(
        self, by_kind: dict[str, dict[str, Any]], kind_of: dict[str, str], where: str | None, validate: bool
    ) -> None:
        for kind, objs in by_kind.items():
            keys = list(objs)
            if keys != sorted(keys):  # already in id order (a canonical file) costs one pass
                by_kind[kind] = {k: objs[k] for k in sorted(keys)}
        self._by_kind = by_kind
        self._views = {kind: MappingProxyType(objs) for kind, objs in by_kind.items()}
        self._kind_of = kind_of
        self._index: dict[str, Any] = {}
        self._where = where
        if validate:
            self.check()

    # -- construction -------------------------------------------------------------

    @classmethod
    def empty(cls) -> Dataset:
        """A dataset with nothing in it."""
        return cls(())

    @classmethod
    def from_objects(cls, objects: Iterable[Object], *, validate: bool = True, where: str | None = None) -> Dataset:
        """A dataset of the given model objects; raises on duplicate ids or dangling refs.

        :param objects: model objects of any kind, in any order.
        :param validate: check every reference once, after all objects are in.
        :param where: the file or origin named in error messages.
        """
        return cls(objects, validate=validate, where=where)

    @classmethod
    def from_kinds(
        cls, by_kind: Mapping[str, Iterable[Object]], *, validate: bool = True, where: str | None = None
    ) -> Dataset:
        """A dataset from objects already grouped by kind (``{"events": [...]}``), as a loader has them.

        :param by_kind: objects per plural kind name; each must be of that kind.
        :param validate: check every reference once.
        :param where: the file or origin named in error messages.
        """
        kinds: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        kind_of: dict[str, str] = {}
        for kind, objects in by_kind.items():
            objs = list(objects)
            wrong = set(map(type, objs)) - {KINDS[kind]}
            if wrong:
                raise TypeError(f"not a {kind[:-1]}: {next(o for o in objs if type(o) in wrong)!r}")
            table = {o.id: o for o in objs}
            if len(table) != len(objs) or not kind_of.keys().isdisjoint(table):
                seen = set(kind_of)
                for o in objs:
                    if o.id in seen:
                        raise DuplicateIdError(o.id, where)
                    seen.add(o.id)
            kinds[kind] = table
            kind_of.update(dict.fromkeys(table, kind))
        self = cls.__new__(cls)
        self._setup(kinds, kind_of, where, validate)
        return self

    @classmethod
    def builder(cls, *, where: str | None = None) -> DatasetBuilder:
        """A builder to add objects one by one (or in lists) and check integrity once in :meth:`DatasetBuilder.build`.

        :param where: the file or origin named in error messages.
        """
        return DatasetBuilder(where=where)

    def to_json(self) -> bytes:
        """Canonical JSON bytes (byte-identical for equal datasets); read them with :func:`mideast_model.loads`."""
        return codec.document_bytes(self._by_kind_values())

    def _by_kind_values(self) -> dict[str, Iterable[Any]]:
        return {kind: objs.values() for kind, objs in self._by_kind.items()}

    def check(self) -> None:
        """Raise :class:`DanglingReferenceError` for the first unresolved reference."""
        if _references_resolve(self._by_kind, self._kind_of):
            return
        kind_of = self._kind_of
        for kind in KINDS:
            for obj in self._by_kind[kind].values():
                for ref in obj.refs():
                    target_kind = kind_of.get(ref.target)
                    if target_kind is None:
                        raise DanglingReferenceError(
                            obj.id, ref.field, ref.target, "refers to missing id", where=self._where
                        )
                    if target_kind[:-1] not in ref.kinds:
                        raise DanglingReferenceError(
                            obj.id,
                            ref.field,
                            ref.target,
                            f"must refer to {'/'.join(ref.kinds)}, not {target_kind[:-1]}",
                            where=self._where,
                        )

    # -- access -------------------------------------------------------------------

    def objects(self, kind: str) -> Iterator[Any]:
        """Objects of one kind ("actors", "events"…) in id order."""
        return iter(self._by_kind[kind].values())

    @property
    def actors(self) -> Mapping[str, Actor]:
        """Actors by id, in id order (a read-only view)."""
        return self._views["actors"]

    @property
    def sources(self) -> Mapping[str, Source]:
        """Sources by id, in id order (a read-only view)."""
        return self._views["sources"]

    @property
    def events(self) -> Mapping[str, Event]:
        """Events by id, in id order (a read-only view)."""
        return self._views["events"]

    @property
    def claims(self) -> Mapping[str, Claim]:
        """Claims by id, in id order (a read-only view)."""
        return self._views["claims"]

    @property
    def relations(self) -> Mapping[str, Relation]:
        """Relations by id, in id order (a read-only view)."""
        return self._views["relations"]

    def __iter__(self) -> Iterator[Object]:
        for kind in KINDS:
            yield from self._by_kind[kind].values()

    def __len__(self) -> int:
        return len(self._kind_of)

    def __contains__(self, object_id: object) -> bool:
        return object_id in self._kind_of

    def __getitem__(self, object_id: str) -> Object:
        kind = self._kind_of[object_id]
        obj: Object = self._by_kind[kind][object_id]
        return obj

    @overload
    def get(self, object_id: str) -> Object | None: ...
    @overload
    def get(self, object_id: str, cls: type[T]) -> T | None: ...
    def get(self, object_id: str, cls: type[Any] | None = None) -> Any:
        """The object with ``object_id`` (optionally only of class ``cls``), or ``None``."""
        kind = self._kind_of.get(object_id)
        if kind is None:
            return None
        obj = self._by_kind[kind][object_id]
        if cls is not None and not isinstance(obj, cls):
            return None
        return obj

    def kind_of(self, object_id: str) -> str | None:
        """The kind ("events"…) of the object with ``object_id``, or ``None``."""
        return self._kind_of.get(object_id)

    def counts(self) -> dict[str, int]:
        """Number of objects per kind."""
        return {kind: len(objs) for kind, objs in self._by_kind.items()}

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """Earliest and latest bounded day over all events, or ``None`` (computed once)."""
        if "date_range" not in self._index:
            lows = [low for low, _ in map(_strict_bounds, self._by_kind["events"].values()) if low != dt.date.min]
            highs = [high for _, high in map(_strict_bounds, self._by_kind["events"].values()) if high != dt.date.max]
            self._index["date_range"] = (min(lows), max(highs)) if lows and highs else None
        found: tuple[dt.date, dt.date] | None = self._index["date_range"]
        return found

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self._by_kind == other._by_kind

    def __hash__(self) -> int:  # pragma: no cover - datasets are compared, not hashed
        raise TypeError("Dataset is not hashable")

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.counts().items())
        return f"<Dataset {counts}>"

    # -- change -------------------------------------------------------------------

    def with_objects(self, objects: Iterable[Object]) -> Dataset:
        """A new dataset with ``objects`` added (an existing id is a duplicate error).

        Only the added objects' references are checked: the rest were checked before.
        """
        added = Dataset(objects, validate=False, where=self._where)
        by_kind: dict[str, dict[str, Any]] = {kind: dict(objs) for kind, objs in self._by_kind.items()}
        kind_of = dict(self._kind_of)
        for object_id, kind in added._kind_of.items():
            if object_id in kind_of:
                raise DuplicateIdError(object_id, self._where)
            kind_of[object_id] = kind
            by_kind[kind][object_id] = added._by_kind[kind][object_id]
        new = Dataset.__new__(Dataset)
        new._setup(by_kind, kind_of, self._where, validate=False)
        _check_objects(added, kind_of, self._where)
        return new

    def without(self, ids: Iterable[str]) -> Dataset:
        """A new dataset without ``ids``; raises if something left still refers to them."""
        drop = set(ids)
        by_kind = {kind: {k: o for k, o in objs.items() if k not in drop} for kind, objs in self._by_kind.items()}
        kind_of = {k: kind for k, kind in self._kind_of.items() if k not in drop}
        new = Dataset.__new__(Dataset)
        new._setup(by_kind, kind_of, self._where, validate=bool(drop & self._kind_of.keys()))
        return new

    def merge(self, other: Dataset, policy: ConflictPolicy | str = ConflictPolicy.ERROR) -> Dataset:
        """The union of two datasets.

        Objects equal in both are kept once. Two different objects under one id raise
        :class:`ConflictError` under ``error`` (so merging is commutative, associative
        and idempotent on consistent inputs), or keep the left or right one. References
        are checked again only when a conflict was resolved (both inputs are valid).
        """
        policy = ConflictPolicy(policy)
        merged: dict[str, Object] = {o.id: o for o in self}
        resolved = False
        for obj in other:
            mine = merged.get(obj.id)
            if mine is None or mine == obj:
                merged[obj.id] = obj
            elif policy is ConflictPolicy.ERROR:
                raise ConflictError(obj.id)
            else:
                resolved = True
                if policy is ConflictPolicy.KEEP_RIGHT:
                    merged[obj.id] = obj
        return Dataset(merged.values(), validate=resolved)

    def diff(self, other: Dataset) -> DatasetDiff:
        """What changes going from this dataset to ``other``, by id."""
        mine, theirs = set(self._kind_of), set(other._kind_of)
        changed = sorted(i for i in mine & theirs if self[i] != other[i])
        return DatasetDiff(tuple(sorted(theirs - mine)), tuple(sorted(mine - theirs)), tuple(changed))

    # -- indexes ------------------------------------------------------------------

    def _idx(self, name: str) -> Any:
        """The index ``name``, built on its first use (each index on its own)."""
        index = self._index.get(name)
        if index is None:
            with paused_gc():
                index = self._index[name] = _INDEX_BUILDERS[name](self)
        return index

    # -- queries ------------------------------------------------------------------

    def events_between(self, start: dt.date | str | None = None, end: dt.date | str | None = None) -> list[Event]:
        """Events whose span may overlap ``[start, end]`` (strict bounds), by time then id."""
        lo, hi = window_bound(start, end=False), window_bound(end, end=True)
        index: _TimeIndex = self._idx("by_time")
        return Results(index.window(lo, hi))

    def events_involving(
        self,
        actor: str,
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
        *,
        roles: Iterable[Role] | None = None,
    ) -> list[Event]:
        """Events in which ``actor`` takes part (in ``roles``, if given) within a window."""
        lo, hi = window_bound(start, end=False), window_bound(end, end=True)
        wanted = set(roles) if roles is not None else None
        index: _TimeIndex | None = self._idx("by_actor").get(actor)
        if index is None:
            return Results()
        events = index.window(lo, hi)
        if wanted is None:
            return Results(events)
        return Results(e for e in events if any(p.actor == actor and p.role in wanted for p in e.participants))

    def claims_about(self, object_id: str) -> list[Claim]:
        """Claims whose subject, object or ``about`` is ``object_id``, in id order."""
        return Results(self._idx("claims_about").get(object_id, ()))

    def claims_by_source(self, source_id: str) -> list[Claim]:
        """Claims made by the source ``source_id``, in id order."""
        return Results(self._idx("by_source").get(source_id, ()))

    def claims_by_speaker(self, actor_id: str) -> list[Claim]:
        """Claims that quote or attribute to the actor ``actor_id``, in id order."""
        return Results(self._idx("by_speaker").get(actor_id, ()))

    def claims_for(
        self, subject: str, predicate: str, obj: str | None = None, attribute: str | None = None
    ) -> list[Claim]:
        """Claims stating the proposition ``(subject, predicate, obj, attribute)``, any stance."""
        return Results(self._idx("by_prop").get((subject, predicate, obj, attribute), ()))

    def relations_on(
        self, day: dt.date | str | None = None, *, actor: str | None = None, predicate: str | None = None
    ) -> list[Relation]:
        """Relations that may hold on ``day`` (all, if ``None``), optionally of one actor or predicate."""
        when = window_bound(day, end=False)
        pool: Iterable[Relation] = (
            self._idx("rel_by_actor").get(actor, ()) if actor is not None else self.relations.values()
        )
        return Results(
            r
            for r in pool
            if (when is None or r.valid_on(when)) and (predicate is None or r.predicate.value == predicate)
        )

    def claims_supporting(self, relation: Relation) -> list[Claim]:
        """Claims stating the relation's triple (any stance: asserting or denying it)."""
        return self.claims_for(relation.subject, relation.predicate.value, relation.object)

    def actor_by_name(self, name: str) -> Actor | None:
        """The actor whose name or alias is ``name`` (case-insensitive), or ``None``."""
        names: dict[str, Actor] = self._idx("names")
        return names.get(name.casefold())

    # -- interop ------------------------------------------------------------------

    def to_records(self, kind: str) -> list[dict[str, Any]]:
        """The canonical JSON form of every object of ``kind``, as dicts."""
        records: list[dict[str, Any]] = codec.plain(self.objects(kind))
        return records

    def to_arrow(self, kind: str) -> pyarrow.Table:
        """One kind as a ``pyarrow.Table`` (needs the ``arrow`` extra)."""
        import pyarrow as pa

        return pa.Table.from_pylist(self.to_records(kind))

    def to_pandas(self, kind: str) -> pandas.DataFrame:
        """One kind as a ``pandas.DataFrame`` (needs the ``pandas`` extra)."""
        import pandas as pd

        return pd.DataFrame.from_records(self.to_records(kind))

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(f"<tr><td>{escape(k)}</td><td>{v}</td></tr>" for k, v in self.counts().items())
        span = self.date_range()
        caption = f"{span[0]} – {span[1]}" if span else "no dated events"
        return (
            f"<table><caption>mideast-model Dataset ({escape(caption)})</caption>"
            f"<tr><th>kind</th><th>objects</th></tr>{rows}</table>"
        )


class DatasetBuilder:
    """Collects objects for one :class:`Dataset`, checking ids as they come and references once.

    >>> b = Dataset.builder()
    >>> b.extend(actors); b.add(event)            # doctest: +SKIP
    >>> dataset = b.build()                       # doctest: +SKIP
    """

    __slots__ = ("_by_kind", "_kind_of", "_where")

    def __init__(self, *, where: str | None = None) -> None:
        self._by_kind: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self._kind_of: dict[str, str] = {}
        self._where = where

    def add(self, obj: Object) -> None:
        """Add one object (a repeated id is a :class:`DuplicateIdError` now, not at build).

        :param obj: a model object of any kind.
        """
        kind = _KIND_OF_CLASS.get(type(obj))
        if kind is None:
            raise TypeError(f"not a model object: {obj!r}")
        if obj.id in self._kind_of:
            raise DuplicateIdError(obj.id, self._where)
        self._kind_of[obj.id] = kind
        self._by_kind[kind][obj.id] = obj

    def extend(self, objects: Iterable[Object]) -> None:
        """Add every object of ``objects``.

        :param objects: model objects of any kind.
        """
        for obj in objects:
            self.add(obj)

    def __len__(self) -> int:
        return len(self._kind_of)

    def build(self, *, validate: bool = True) -> Dataset:
        """The dataset of everything added; references are checked here, once.

        :param validate: check references (skip only for objects consistent by construction).
        """
        dataset = Dataset.__new__(Dataset)
        dataset._setup({k: dict(v) for k, v in self._by_kind.items()}, dict(self._kind_of), self._where, validate)
        return dataset


# -- integrity, fast --------------------------------------------------------------------


def _references_resolve(by_kind: Mapping[str, Mapping[str, Any]], kind_of: Mapping[str, str]) -> bool:
    """True when every reference of every object resolves to the right kind.

    The same rules as the objects' ``refs()`` (a test checks that both agree), in one
    pass per kind without making a :class:`~mideast_model.model.Ref` per reference;
    when it says ``False``, :meth:`Dataset.check` walks ``refs()`` to name the culprit.
    """
    get = kind_of.get
    for source in by_kind["sources"].values():
        for target in source.derived_from:
            if get(target) != "sources":
                return False
    for event in by_kind["events"].values():
        for p in event.participants:
            if get(p.actor) != "actors":
                return False
        for c in event.casualties:
            if c.group is not None and get(c.group) != "actors":
                return False
    for claim in by_kind["claims"].values():
        if get(claim.source) != "sources" or get(claim.subject) is None:
            return False
        if claim.speaker is not None and get(claim.speaker) != "actors":
            return False
        if claim.object is not None and get(claim.object) is None:
            return False
        for target in claim.about:
            if get(target) is None:
                return False
        for target in claim.cites:
            if get(target) != "sources":
                return False
    for relation in by_kind["relations"].values():
        if get(relation.subject) != "actors" or get(relation.object) != "actors":
            return False
    return True


def _check_objects(added: Dataset, kind_of: dict[str, str], where: str | None) -> None:
    """Check the references of ``added``'s objects against ``kind_of`` (a larger dataset's ids)."""
    for obj in added:
        for ref in obj.refs():
            target_kind = kind_of.get(ref.target)
            if target_kind is None:
                raise DanglingReferenceError(obj.id, ref.field, ref.target, "refers to missing id", where=where)
            if target_kind[:-1] not in ref.kinds:
                raise DanglingReferenceError(
                    obj.id, ref.field, ref.target, f"must refer to {'/'.join(ref.kinds)}, not {target_kind[:-1]}", where
                )


# -- indexes, each built on its first use -----------------------------------------------


def _index_time_order(ds: Dataset) -> list[tuple[dt.date, str, dt.date, Event]]:
    return _keyed(ds._by_kind["events"].values())


def _index_by_actor(ds: Dataset) -> dict[str, _TimeIndex]:
    # Distributed from the one time order, so each actor's list is sorted already.
    by_actor: dict[str, list[tuple[dt.date, str, dt.date, Event]]] = defaultdict(list)
    for item in ds._idx("time_order"):
        participants = item[3].participants
        if len(participants) == 2 and participants[0].actor != participants[1].actor:
            by_actor[participants[0].actor].append(item)
            by_actor[participants[1].actor].append(item)
        else:
            for actor in {p.actor for p in participants}:
                by_actor[actor].append(item)
    return {k: _TimeIndex((), keyed=v) for k, v in by_actor.items()}


def _index_by_time(ds: Dataset) -> _TimeIndex:
    return _TimeIndex((), keyed=ds._idx("time_order"))


def _index_claims_about(ds: Dataset) -> dict[str, list[Claim]]:
    about: dict[str, list[Claim]] = defaultdict(list)
    for claim in ds._by_kind["claims"].values():
        for target in claim.targets():
            about[target].append(claim)
    return dict(about)


def _index_claims_by(field: str) -> Callable[[Dataset], dict[Any, list[Claim]]]:
    def build(ds: Dataset) -> dict[Any, list[Claim]]:
        found: dict[Any, list[Claim]] = defaultdict(list)
        for claim in ds._by_kind["claims"].values():
            key = getattr(claim, field)
            if key is not None:
                found[key].append(claim)
        return dict(found)

    return build


def _index_relations_by_actor(ds: Dataset) -> dict[str, list[Relation]]:
    found: dict[str, list[Relation]] = defaultdict(list)
    for rel in ds._by_kind["relations"].values():
        found[rel.subject].append(rel)
        if rel.object != rel.subject:
            found[rel.object].append(rel)
    return dict(found)


def _index_names(ds: Dataset) -> dict[str, Actor]:
    names: dict[str, Actor] = {}
    for actor in ds._by_kind["actors"].values():
        for n in actor.names():
            names.setdefault(n.casefold(), actor)
    return names


_INDEX_BUILDERS: dict[str, Callable[[Dataset], Any]] = {
    "time_order": _index_time_order,
    "by_actor": _index_by_actor,
    "by_time": _index_by_time,
    "claims_about": _index_claims_about,
    "by_source": _index_claims_by("source"),
    "by_speaker": _index_claims_by("speaker"),
    "by_prop": _index_claims_by("proposition"),
    "rel_by_actor": _index_relations_by_actor,
    "names": _index_names,
}
