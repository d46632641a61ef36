"""Value objects used inside the five kinds: places, counts, participants, casualties."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from attrs import validators as v

from mideast_model.model.countries import ISO3
from mideast_model.model.time import TimeSpan
from mideast_model.model.vocab import GeoPrecision, Role

__all__ = ["Casualties", "ClaimValue", "CountRange", "ExternalId", "Metrics", "Participant", "Place"]


def _iso3(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and (type(value) is not str or value not in ISO3):
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


def _side(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (type(value) is not int or value not in (1, 2)):
        raise ValueError(f"side must be 1 or 2, got {value!r}")


def _bool(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if type(value) is not bool:
        raise ValueError(f"{attribute.name} must be true or false, got {value!r}")


@attrs.frozen
class Participant:
    """An actor (by id) and the role it plays in an event.

    :param side: ``1`` for actor 1's side, ``2`` for actor 2's side, as ACLED and GDELT
        code them; ``None`` when the data gives no sides.
    :param associated: ``True`` for an associated actor (ACLED ``assoc_actor_N``): a
        member of side ``N`` in the same role as actor ``N``.
    """

    actor: str = attrs.field(validator=_nonempty)
    role: Role = attrs.field(validator=v.instance_of(Role))
    side: int | None = attrs.field(default=None, validator=_side)
    associated: bool = attrs.field(default=False, validator=_bool)


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


def _opt_int(low: int | None, high: int | None) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is None:
            return
        if type(value) is not int or (low is not None and value < low) or (high is not None and value > high):
            bounds = f"[{low}, {high}]" if high is not None else f">= {low}"
            raise ValueError(f"{attribute.name} must be an integer {bounds}, got {value!r}")

    return check


def _opt_float(low: float | None, high: float | None) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
        if value is None:
            return
        ok = (type(value) is float or type(value) is int) and math.isfinite(value)
        if ok and (low is None or value >= low) and (high is None or value <= high):
            return
        where = f" in [{low}, {high}]" if low is not None else ""
        raise ValueError(f"{attribute.name} must be a finite number{where}, got {value!r}")

    return check


def _opt_number(value: Any) -> Any:
    # ints are accepted for float fields and kept as floats, so equal metrics compare equal.
    return float(value) if type(value) is int else value


#: Largest count a metric may hold (fatalities, mentions…): beyond it the data is nonsense.
MAX_COUNT = 10**9
_COUNT = _opt_int(0, MAX_COUNT)


@attrs.frozen
class Metrics:
    """Typed measures an event dataset codes for an event (GDELT, ACLED, UCDP, ICEWS).

    Every field is optional.

    :param goldstein: Goldstein scale score, -10 (most conflictual) to 10.
    :param quad_class: GDELT/CAMEO quad class, 1 (verbal cooperation) to 4 (material conflict).
    :param tone: average tone of the documents reporting the event (GDELT ``AvgTone``).
    :param mentions: number of mentions (GDELT ``NumMentions``).
    :param sources: number of distinct sources (GDELT ``NumSources``).
    :param articles: number of articles (GDELT ``NumArticles``).
    :param fatalities_low: lowest fatality estimate (UCDP ``low``).
    :param fatalities_best: best fatality estimate (ACLED ``fatalities``, UCDP ``best``).
    :param fatalities_high: highest fatality estimate (UCDP ``high``).
    :param interaction: ACLED interaction code (``inter1`` and ``inter2`` combined).
    :param time_precision: the dataset's own time precision code (ACLED 1-3, UCDP 1-5).
    :param geo_precision: the dataset's own geographic precision code (ACLED 1-3,
        GDELT geo type 1-5, UCDP 1-7).
    """

    goldstein: float | None = attrs.field(default=None, converter=_opt_number, validator=_opt_float(-10.0, 10.0))
    quad_class: int | None = attrs.field(default=None, validator=_opt_int(1, 4))
    tone: float | None = attrs.field(default=None, converter=_opt_number, validator=_opt_float(None, None))
    mentions: int | None = attrs.field(default=None, validator=_COUNT)
    sources: int | None = attrs.field(default=None, validator=_COUNT)
    articles: int | None = attrs.field(default=None, validator=_COUNT)
    fatalities_low: int | None = attrs.field(default=None, validator=_COUNT)
    fatalities_best: int | None = attrs.field(default=None, validator=_COUNT)
    fatalities_high: int | None = attrs.field(default=None, validator=_COUNT)
    interaction: int | None = attrs.field(default=None, validator=_opt_int(0, 999))
    time_precision: int | None = attrs.field(default=None, validator=_opt_int(0, 99))
    geo_precision: int | None = attrs.field(default=None, validator=_opt_int(0, 99))

    def __attrs_post_init__(self) -> None:
        known = [x for x in (self.fatalities_low, self.fatalities_best, self.fatalities_high) if x is not None]
        if known != sorted(known):
            raise ValueError(
                "fatalities must satisfy low <= best <= high, got "
                f"{self.fatalities_low!r}, {self.fatalities_best!r}, {self.fatalities_high!r}"
            )


@attrs.frozen
class ExternalId:
    """An identifier in another system: an actor's (``wikidata``: ``Q794``), an event row's (``acled``: ``IRQ12``)."""

    scheme: str = attrs.field(validator=_nonempty)
    value: str = attrs.field(validator=_nonempty)


nonempty = _nonempty
iso3 = _iso3
between = _between
