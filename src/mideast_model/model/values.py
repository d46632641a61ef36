"""Value objects used inside the five kinds: places, counts, participants, casualties."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from attrs import validators as v

from mideast_model.model.time import TimeSpan
from mideast_model.model.vocab import GeoPrecision, Role

__all__ = ["Casualties", "ClaimValue", "CountRange", "ExternalId", "Participant", "Place"]

_ISO3 = re.compile(r"[A-Z]{3}")


def _iso3(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _ISO3.fullmatch(value):
        raise ValueError(f"{attribute.name} must be an ISO 3166-1 alpha-3 code, got {value!r}")


def _nonempty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {value!r}")


def strs(value: str | Iterable[str]) -> tuple[str, ...]:
    """A tuple of strings from one string or an iterable of strings (attrs converter)."""
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _between(low: float, high: float) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
        if value is not None and not (low <= value <= high):
            raise ValueError(f"{attribute.name} must lie in [{low}, {high}], got {value!r}")

    return check


@attrs.frozen
class Place:
    """A named place, its country and, when known, its coordinates.

    :param country: ISO 3166-1 alpha-3 code ("IRQ").
    :param precision: how precisely ``lat``/``lon`` locate the place.
    """

    name: str = attrs.field(validator=_nonempty)
    country: str | None = attrs.field(default=None, validator=_iso3)
    admin1: str | None = None
    lat: float | None = attrs.field(default=None, validator=_between(-90.0, 90.0))
    lon: float | None = attrs.field(default=None, validator=_between(-180.0, 180.0))
    precision: GeoPrecision | None = attrs.field(default=None, validator=v.optional(v.instance_of(GeoPrecision)))

    def __attrs_post_init__(self) -> None:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("a place needs both lat and lon, or neither")

    @property
    def has_coordinates(self) -> bool:
        """True when both latitude and longitude are known."""
        return self.lat is not None and self.lon is not None


def _nonneg_int(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"count {attribute.name} must be a non-negative integer, got {value!r}")


@attrs.frozen
class CountRange:
    """A count known as a range: ``low <= high``; ``high is None`` means no upper bound.

    "more than 600" is ``CountRange(601, None)``; "about a dozen" is
    ``CountRange(10, 14, approximate=True)``; "two" is ``CountRange.exactly(2)``.
    ``text`` keeps the wording of the source.
    """

    low: int = attrs.field(validator=_nonneg_int)
    high: int | None = attrs.field(default=None, validator=_nonneg_int)
    approximate: bool = False
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.high is not None and self.low > self.high:
            raise ValueError(f"count range low {self.low} exceeds high {self.high}")

    @classmethod
    def exactly(cls, n: int, text: str | None = None) -> CountRange:
        """The count ``n`` exactly."""
        return cls(n, n, text=text)

    @property
    def exact(self) -> bool:
        """True when the range holds one value and is not approximate."""
        return self.high == self.low and not self.approximate

    def overlaps(self, other: CountRange) -> bool:
        """True when some count lies in both ranges."""
        high_self = self.high if self.high is not None else float("inf")
        high_other = other.high if other.high is not None else float("inf")
        return self.low <= high_other and other.low <= high_self


@attrs.frozen
class Participant:
    """An actor (by id) and the role it plays in an event."""

    actor: str = attrs.field(validator=_nonempty)
    role: Role = attrs.field(validator=v.instance_of(Role))


@attrs.frozen
class Casualties:
    """Killed and wounded among one group in an event.

    :param group: the actor id of the group, when it is an actor.
    :param label: how the source names the group ("American troops", "civilians").
    """

    label: str = attrs.field(validator=_nonempty)
    group: str | None = None
    killed: CountRange | None = attrs.field(default=None, validator=v.optional(v.instance_of(CountRange)))
    wounded: CountRange | None = attrs.field(default=None, validator=v.optional(v.instance_of(CountRange)))


@attrs.frozen
class ClaimValue:
    """The literal value of a claim's proposition: a count, a time span or a text."""

    count: CountRange | None = attrs.field(default=None, validator=v.optional(v.instance_of(CountRange)))
    when: TimeSpan | None = attrs.field(default=None, validator=v.optional(v.instance_of(TimeSpan)))
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.count is None and self.when is None and self.text is None:
            raise ValueError("a claim value needs a count, a time span or a text")


@attrs.frozen
class ExternalId:
    """An identifier of an actor in another system (``wikidata``: ``Q794``)."""

    scheme: str = attrs.field(validator=_nonempty)
    value: str = attrs.field(validator=_nonempty)


nonempty = _nonempty
iso3 = _iso3
between = _between
