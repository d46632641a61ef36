"""Time spans with the meaning of EDTF (ISO 8601-2 / Library of Congress EDTF).

A :class:`TimeSpan` wraps one EDTF string — ``"2020-03-11"``, ``"2020-03"``,
``"2019"``, ``"2019-11/2020-01"``, ``"2019-05~/2019-08~"`` (mid-2019, approximate),
``"2019-11/.."`` (open end), ``"2020-03-11?"`` (uncertain) — parsed by the ``edtf``
library, and exposes the earliest and latest day it can cover. Ordering is partial:
:meth:`TimeSpan.before` holds only when every day of one span precedes every day of
the other, so two overlapping spans are never put in an order they do not have.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import time as _time

import attrs

__all__ = ["EDTFError", "Precision", "TimeSpan", "window_bound"]

DAY = dt.timedelta(days=1)


class EDTFError(ValueError):
    """The text is not an EDTF date or interval this model accepts."""


class Precision:
    """Precision names used by :attr:`TimeSpan.precision`."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    OTHER = "other"


_SIMPLE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([~?%]?)$")
_SEASON = re.compile(r"^\d{4}-(2[1-9]|3\d|41)[~?%]?$")
# Padding for approximate ("~") or uncertain ("?") endpoints, by precision.
_PAD = {"day": 3, "month": 15, "season": 30, "year": 90, "decade": 365, "other": 30}


def _to_date(value: object, *, low: bool) -> dt.date:
    if isinstance(value, float):  # edtf gives +/- inf for open ends
        return dt.date.min if value < 0 else dt.date.max
    assert isinstance(value, _time.struct_time)
    year = value.tm_year
    if year < 1:
        return dt.date.min
    if year > 9999:
        return dt.date.max
    return dt.date(year, value.tm_mon, value.tm_mday)


def _precision_of(part: str) -> str:
    part = part.strip("~?%")
    if part in ("", ".."):
        return Precision.OTHER
    if _SEASON.match(part):
        return Precision.SEASON
    match = _SIMPLE.match(part)
    if match:
        if match.group(3):
            return Precision.DAY
        if match.group(2):
            return Precision.MONTH
        return Precision.YEAR
    if re.match(r"^\d{3}[X]$", part):
        return Precision.DECADE
    return Precision.OTHER


_PLAIN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)$")


def _plain_part(text: str) -> tuple[dt.date, dt.date, str, str] | None:
    match = _PLAIN.match(text)
    if match is None:
        return None
    year, month, day, qualifier = int(match.group(1)), match.group(2), match.group(3), match.group(4)
    try:
        if day is not None:
            d = dt.date(year, int(month), int(day))
            return d, d, Precision.DAY, qualifier
        if month is not None:
            m = int(month)
            last = calendar.monthrange(year, m)[1]
            return dt.date(year, m, 1), dt.date(year, m, last), Precision.MONTH, qualifier
        return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, qualifier
    except ValueError:  # year 0, month 13, 30 February: let the edtf library decide
        return None


def _plain(text: str) -> tuple[dt.date, dt.date, str, bool, bool] | None:
    """The fast path for a day, month or year, qualified or not, and intervals of them.

    The edtf library's parser takes milliseconds per string; these forms cover nearly all
    real data. Everything else (seasons, sets, unspecified digits…) goes to the library,
    and a property test checks that both agree on the forms handled here.
    """
    if "/" in text:
        start, _, end = text.partition("/")
        if "/" in end:
            return None
        low_part = None if start in ("", "..") else _plain_part(start)
        high_part = None if end in ("", "..") else _plain_part(end)
        if (low_part is None and start not in ("", "..")) or (high_part is None and end not in ("", "..")):
            return None
        if low_part is None and high_part is None:
            return None
        low = low_part[0] if low_part else dt.date.min
        high = high_part[1] if high_part else dt.date.max
        if low > high:
            raise EDTFError(f"time span ends before it starts: {text!r}")
        parts = [p for p in (low_part, high_part) if p is not None]
        order = [Precision.DAY, Precision.MONTH, Precision.YEAR]
        precision = max((p[2] for p in parts), key=order.index)
        qualifiers = "".join(p[3] for p in parts)
    else:
        part = _plain_part(text)
        if part is None:
            return None
        low, high, precision, qualifiers = part
    approximate = "~" in qualifiers or "%" in qualifiers
    uncertain = "?" in qualifiers or "%" in qualifiers
    return low, high, precision, approximate, uncertain


@functools.lru_cache(maxsize=65536)
def _parse(text: str) -> tuple[dt.date, dt.date, str, bool, bool]:
    """Return (earliest, latest, precision, approximate, uncertain) for an EDTF string."""
    if not text or text != text.strip():
        raise EDTFError(f"not an EDTF date: {text!r}")
    plain = _plain(text)
    if plain is not None:
        return plain
    from edtf import parse_edtf  # imported only when needed: its pyparsing grammar takes 0.4 s to build

    try:
        parsed = parse_edtf(text)
    except Exception:  # the edtf library raises several unrelated types
        raise EDTFError(f"not an EDTF date: {text!r}") from None
    try:
        low = _to_date(parsed.lower_strict(), low=True)
        high = _to_date(parsed.upper_strict(), low=False)
    except (ValueError, AssertionError, OverflowError):
        raise EDTFError(f"not an EDTF date: {text!r}") from None
    if "/" in text:
        start, _, end = text.partition("/")
        if start in ("", ".."):
            low = dt.date.min
        if end in ("", ".."):
            high = dt.date.max
        parts = [p for p in (start, end) if p not in ("", "..")]
    else:
        parts = [text]
    if low > high:
        raise EDTFError(f"time span ends before it starts: {text!r}")
    precisions = [_precision_of(p) for p in parts] or [Precision.OTHER]
    order = [Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR]
    precision = max(precisions, key=lambda p: order.index(p) if p in order else len(order))
    approximate = "~" in text or "%" in text
    uncertain = "?" in text or "%" in text
    return low, high, precision, approximate, uncertain


def _check_edtf(instance: TimeSpan, attribute: attrs.Attribute[str], value: str) -> None:
    try:
        _parse(value)
    except EDTFError:
        raise
    except Exception:
        raise EDTFError(f"not an EDTF date: {value!r}") from None


@attrs.frozen(order=False)
class TimeSpan:
    """A span of time written in EDTF, with its earliest and latest possible day.

    >>> TimeSpan("2020-03").earliest, TimeSpan("2020-03").latest
    (datetime.date(2020, 3, 1), datetime.date(2020, 3, 31))
    >>> TimeSpan("2020-03-11").before(TimeSpan("2020-03-12"))
    True
    >>> TimeSpan("2020-03").before(TimeSpan("2020-03-12"))   # they overlap
    False
    """

    edtf: str = attrs.field(validator=[attrs.validators.instance_of(str), _check_edtf])
    # The parse (earliest, latest, precision, approximate, uncertain), kept with the span
    # so that indexes and queries read bounds without a cache lookup.
    _parsed: tuple[dt.date, dt.date, str, bool, bool] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_parsed", _parse(self.edtf))

    @classmethod
    def day(cls, value: dt.date) -> TimeSpan:
        """The span of one calendar day."""
        return cls(value.isoformat())

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> TimeSpan:
        """The closed interval of days from ``start`` to ``end``."""
        if start == end:
            return cls.day(start)
        return cls(f"{start.isoformat()}/{end.isoformat()}")

    @property
    def earliest(self) -> dt.date:
        """The first day the span can cover (``date.min`` for an open start)."""
        return self._parsed[0]

    @property
    def latest(self) -> dt.date:
        """The last day the span can cover (``date.max`` for an open end)."""
        return self._parsed[1]

    @property
    def precision(self) -> str:
        """The coarsest precision of the span's endpoints (see :class:`Precision`)."""
        return self._parsed[2]

    @property
    def approximate(self) -> bool:
        """True when any part is qualified as approximate (``~`` or ``%``)."""
        return self._parsed[3]

    @property
    def uncertain(self) -> bool:
        """True when any part is qualified as uncertain (``?`` or ``%``)."""
        return self._parsed[4]

    @property
    def is_open(self) -> bool:
        """True when either end is open or unknown."""
        return self.earliest == dt.date.min or self.latest == dt.date.max

    def bounds(self, *, fuzzy: bool = True) -> tuple[dt.date, dt.date]:
        """Earliest and latest day, widened for approximate or uncertain spans.

        :param fuzzy: widen by a margin that grows with the precision (three days for
            a day, a fortnight for a month, a season for a year) when the span is
            qualified with ``~``, ``?`` or ``%``.
        """
        low, high, precision, approximate, uncertain = self._parsed
        if fuzzy and (approximate or uncertain):
            pad = dt.timedelta(days=_PAD.get(precision, 30))
            low = low - pad if low > dt.date.min + pad else dt.date.min
            high = high + pad if high < dt.date.max - pad else dt.date.max
        return low, high

    def before(self, other: TimeSpan) -> bool:
        """True when this span certainly ends before ``other`` starts."""
        return self.bounds()[1] < other.bounds()[0]

    def after(self, other: TimeSpan) -> bool:
        """True when this span certainly starts after ``other`` ends."""
        return other.before(self)

    def overlaps(self, other: TimeSpan) -> bool:
        """True when the two spans may share a day (neither is certainly before)."""
        return not self.before(other) and not other.before(self)

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls within the span's strict bounds."""
        return self.earliest <= day <= self.latest

    def sort_key(self) -> tuple[dt.date, dt.date, str]:
        """A total order for display (by earliest, latest, text); not a claim of order."""
        low, high, *_ = self._parsed
        return (low, high, self.edtf)

    @property
    def midpoint(self) -> dt.date:
        """The middle day of a bounded span (the bounded end for a half-open span)."""
        low, high = self.earliest, self.latest
        if low == dt.date.min:
            return high
        if high == dt.date.max:
            return low
        return low + (high - low) // 2

    def __str__(self) -> str:
        return self.edtf


def window_bound(value: dt.date | str | None, *, end: bool) -> dt.date | None:
    """One bound of a query window: a day as given, or the earliest/latest day of an EDTF string.

    :param end: ``True`` for the window's end (an EDTF string gives its latest day).
    """
    if value is None or isinstance(value, dt.date):
        return value
    span = TimeSpan(value)
    return span.latest if end else span.earliest
