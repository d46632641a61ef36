"""The query interface shared by every store of model objects.

:class:`~mideast_model.Dataset` (objects in memory) is the first implementation. A
columnar store — Arrow record batches, or DuckDB over Parquet partitioned by date —
implements the same protocol for bulk event data (a million GDELT rows) and makes attrs
objects only for the rows a query returns. Analyses and exporters that only use this
protocol run on either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol, runtime_checkable

from mideast_model.model import Actor, Claim, Event, Relation, Role, Source

__all__ = ["Store"]


@runtime_checkable
class Store(Protocol):
    """Read access and the standard queries over actors, sources, events, claims, relations."""

    @property
    def actors(self) -> Mapping[str, Actor]:
        """Actors by id."""

    @property
    def sources(self) -> Mapping[str, Source]:
        """Sources by id."""

    @property
    def events(self) -> Mapping[str, Event]:
        """Events by id (a columnar store builds each on access)."""

    @property
    def claims(self) -> Mapping[str, Claim]:
        """Claims by id."""

    @property
    def relations(self) -> Mapping[str, Relation]:
        """Relations by id."""

    def counts(self) -> dict[str, int]:
        """Number of objects per kind."""

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """Earliest and latest bounded day over all events."""

    def events_between(self, start: dt.date | str | None = None, end: dt.date | str | None = None) -> list[Event]:
        """Events whose span may overlap ``[start, end]``."""

    def events_involving(
        self,
        actor: str,
        start: dt.date | str | None = None,
        end: dt.date | str | None = None,
        *,
        roles: Iterable[Role] | None = None,
    ) -> list[Event]:
        """Events in which ``actor`` takes part within a window."""

    def claims_about(self, object_id: str) -> list[Claim]:
        """Claims whose subject, object or ``about`` is ``object_id``."""

    def claims_by_source(self, source_id: str) -> list[Claim]:
        """Claims made by one source."""

    def claims_by_speaker(self, actor_id: str) -> list[Claim]:
        """Claims quoting or attributed to one actor."""

    def relations_on(
        self, day: dt.date | str | None = None, *, actor: str | None = None, predicate: str | None = None
    ) -> list[Relation]:
        """Relations that may hold on ``day``."""

    def __iter__(self) -> Iterator[Actor | Source | Event | Claim | Relation]:
        """Every object, kind by kind, in id order."""
