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
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from mideast_model.errors import ConflictError, DanglingReferenceError, DuplicateIdError
from mideast_model.model import KINDS, Actor, Claim, Event, Object, Relation, Role, Source

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["ConflictPolicy", "Dataset", "DatasetDiff"]

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


def _as_date(value: dt.date | str | None, *, end: bool) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    from mideast_model.model import TimeSpan

    span = TimeSpan(value)
    return span.latest if end else span.earliest


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


class _TimeIndex:
    """Events sorted by earliest day, for window queries in O(log n + answer).

    Spans no longer than ``_SHORT`` are found by bisecting their earliest day from
    ``lo - _SHORT``; the few longer or open spans are kept apart and always checked.
    """

    __slots__ = ("_events", "_keys", "_long")

    def __init__(self, events: Iterable[Event]) -> None:
        ordered = sorted(events, key=lambda e: (e.when.earliest, e.id))
        short: list[Event] = []
        long: list[Event] = []
        for e in ordered:
            low, high = e.when.earliest, e.when.latest
            is_long = low == dt.date.min or high == dt.date.max or high - low > _SHORT
            (long if is_long else short).append(e)
        self._events = short
        self._keys = [e.when.earliest for e in short]
        self._long = long

    def window(self, lo: dt.date | None, hi: dt.date | None) -> list[Event]:
        """Events whose strict bounds meet ``[lo, hi]`` (``None``: unbounded), by time then id."""
        start = 0 if lo is None or lo <= dt.date.min + _SHORT else bisect.bisect_left(self._keys, lo - _SHORT)
        stop = len(self._events) if hi is None else bisect.bisect_right(self._keys, hi)
        found = [e for e in self._events[start:stop] if lo is None or e.when.latest >= lo]
        extra = [e for e in self._long if (hi is None or e.when.earliest <= hi) and (lo is None or e.when.latest >= lo)]
        if not extra:
            return found
        return sorted(found + extra, key=lambda e: (e.when.earliest, e.id))


class Dataset:
    """Actors, sources, events, claims and relations, with integrity and indexes."""

    __slots__ = ("_by_kind", "_index", "_kind_of", "_where")

    def __init__(self, objects: Iterable[Object] = (), *, validate: bool = True, where: str | None = None) -> None:
        by_kind: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        kind_of: dict[str, str] = {}
        for obj in objects:
            kind = _KIND_OF_CLASS.get(type(obj))
            if kind is None:
                raise TypeError(f"not a model object: {obj!r}")
            if obj.id in kind_of:
                raise DuplicateIdError(obj.id, where)
            kind_of[obj.id] = kind
            by_kind[kind][obj.id] = obj
        self._by_kind = {kind: dict(sorted(objs.items())) for kind, objs in by_kind.items()}
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
        """A dataset of the given model objects; raises on duplicate ids or dangling refs."""
        return cls(objects, validate=validate, where=where)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, path: str = "<input>") -> Dataset:
        """A dataset from a parsed canonical JSON document."""
        from mideast_model.io.canonical import from_dict

        return from_dict(data, path=path)

    @classmethod
    def from_json(cls, source: str | os.PathLike[str] | bytes) -> Dataset:
        """A dataset from canonical JSON: a file path, or the bytes themselves."""
        from mideast_model.io import canonical

        if isinstance(source, bytes):
            return canonical.loads(source)
        return canonical.load(source)

    def to_json(self) -> bytes:
        """Canonical JSON bytes (byte-identical for equal datasets)."""
        from mideast_model.io.canonical import dumps

        return dumps(self)

    def check(self) -> None:
        """Raise :class:`DanglingReferenceError` for the first unresolved reference."""
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
        """Actors by id, in id order."""
        return self._by_kind["actors"]

    @property
    def sources(self) -> Mapping[str, Source]:
        """Sources by id, in id order."""
        return self._by_kind["sources"]

    @property
    def events(self) -> Mapping[str, Event]:
        """Events by id, in id order."""
        return self._by_kind["events"]

    @property
    def claims(self) -> Mapping[str, Claim]:
        """Claims by id, in id order."""
        return self._by_kind["claims"]

    @property
    def relations(self) -> Mapping[str, Relation]:
        """Relations by id, in id order."""
        return self._by_kind["relations"]

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
        """Earliest and latest bounded day over all events, or ``None``."""
        lows = [e.when.earliest for e in self.events.values() if e.when.earliest != dt.date.min]
        highs = [e.when.latest for e in self.events.values() if e.when.latest != dt.date.max]
        if not lows or not highs:
            return None
        return min(lows), max(highs)

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
        """A new dataset with ``objects`` added (an existing id is a duplicate error)."""
        return Dataset([*self, *objects])

    def without(self, ids: Iterable[str]) -> Dataset:
        """A new dataset without ``ids``; raises if something left still refers to them."""
        drop = set(ids)
        return Dataset(o for o in self if o.id not in drop)

    def merge(self, other: Dataset, policy: ConflictPolicy | str = ConflictPolicy.ERROR) -> Dataset:
        """The union of two datasets.

        Objects equal in both are kept once. Two different objects under one id raise
        :class:`ConflictError` under ``error`` (so merging is commutative, associative
        and idempotent on consistent inputs), or keep the left or right one.
        """
        policy = ConflictPolicy(policy)
        merged: dict[str, Object] = {o.id: o for o in self}
        for obj in other:
            mine = merged.get(obj.id)
            if mine is None or mine == obj:
                merged[obj.id] = obj
            elif policy is ConflictPolicy.ERROR:
                raise ConflictError(obj.id)
            elif policy is ConflictPolicy.KEEP_RIGHT:
                merged[obj.id] = obj
        return Dataset(merged.values())

    def diff(self, other: Dataset) -> DatasetDiff:
        """What changes going from this dataset to ``other``, by id."""
        mine, theirs = set(self._kind_of), set(other._kind_of)
        changed = sorted(i for i in mine & theirs if self[i] != other[i])
        return DatasetDiff(tuple(sorted(theirs - mine)), tuple(sorted(mine - theirs)), tuple(changed))

    # -- indexes ------------------------------------------------------------------

    def _idx(self, name: str) -> Any:
        if name not in self._index:
            self._build_indexes()
        return self._index[name]

    def _build_indexes(self) -> None:
        by_actor: dict[str, list[Event]] = defaultdict(list)
        for event in self.events.values():
            for actor in dict.fromkeys(event.actors()):
                by_actor[actor].append(event)
        by_time = sorted(self.events.values(), key=lambda e: (e.when.earliest, e.id))
        claims_about: dict[str, list[Claim]] = defaultdict(list)
        by_source: dict[str, list[Claim]] = defaultdict(list)
        by_speaker: dict[str, list[Claim]] = defaultdict(list)
        by_prop: dict[tuple[str, str, str | None, str | None], list[Claim]] = defaultdict(list)
        for claim in self.claims.values():
            for target in claim.targets():
                claims_about[target].append(claim)
            by_source[claim.source].append(claim)
            if claim.speaker is not None:
                by_speaker[claim.speaker].append(claim)
            by_prop[claim.proposition].append(claim)
        rel_by_actor: dict[str, list[Relation]] = defaultdict(list)
        for rel in self.relations.values():
            rel_by_actor[rel.subject].append(rel)
            if rel.object != rel.subject:
                rel_by_actor[rel.object].append(rel)
        self._index.update(
            by_actor={k: _TimeIndex(v) for k, v in by_actor.items()},
            by_time=_TimeIndex(by_time),
            claims_about=dict(claims_about),
            by_source=dict(by_source),
            by_speaker=dict(by_speaker),
            by_prop=dict(by_prop),
            rel_by_actor=dict(rel_by_actor),
        )

    # -- queries ------------------------------------------------------------------

    def events_between(self, start: dt.date | str | None = None, end: dt.date | str | None = None) -> list[Event]:
        """Events whose span may overlap ``[start, end]`` (strict bounds), by time then id."""
        lo, hi = _as_date(start, end=False), _as_date(end, end=True)
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
        lo, hi = _as_date(start, end=False), _as_date(end, end=True)
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
        when = _as_date(day, end=False)
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
        names: dict[str, Actor] | None = self._index.get("names")
        if names is None:
            names = {}
            for actor in self.actors.values():
                for n in actor.names():
                    names.setdefault(n.casefold(), actor)
            self._index["names"] = names
        return names.get(name.casefold())

    # -- interop ------------------------------------------------------------------

    def to_records(self, kind: str) -> list[dict[str, Any]]:
        """The canonical JSON form of every object of ``kind``, as dicts."""
        from mideast_model.io.canonical import iter_unstructured

        return list(iter_unstructured(self.objects(kind)))

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
