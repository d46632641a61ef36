"""Numbers and dates of delimited event data, parsed as the formats define them.

Python's ``int()`` and ``float()`` accept far more than a CSV format means: Arabic-Indic
and full-width digits (``'١٢'``), underscores (``'1_000'``), a leading ``+``, ``'nan'``,
``'inf'``. Here a number is ASCII digits (with one optional leading minus, a decimal point
and an exponent where the field allows), checked against bounds the field must respect;
anything else is a :class:`RowError` naming the field, which the importer turns into a
typed error with file and line.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "MAX_COUNT",
    "MAX_FATALITIES",
    "MAX_TIMESTAMP",
    "RowError",
    "parse_compact_date",
    "parse_float",
    "parse_int",
    "parse_timestamp",
]

#: Upper bound (exclusive) of a count field (mentions, sources, articles).
MAX_COUNT = 10**7
#: Upper bound (inclusive) of a plausible fatality count for one event row.
MAX_FATALITIES = 1_000_000
#: Unix timestamps up to 2100-01-01.
MAX_TIMESTAMP = 4_102_444_800

_INT = re.compile(r"-?[0-9]+(?:\.0*)?")
_FLOAT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:([0-9]{2})([0-9]{2})([0-9]{2}))?")


class RowError(Exception):
    """A problem with one row: the message and, when known, the column."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _show(text: str) -> str:
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


def parse_int(
    text: str,
    field: str,
    *,
    allow_empty: bool = True,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    """An integer cell of ASCII digits (``"12"``, ``"-3"``, ``"4.0"``), ``None`` when empty.

    :param minimum: the smallest value allowed (inclusive).
    :param maximum: the largest value allowed (inclusive).
    :raises RowError: for anything else, or a value out of bounds.
    """
    text = text.strip()
    if not text:
        if allow_empty:
            return None
        raise RowError("a number is required", field)
    if len(text) > 40 or not _INT.fullmatch(text):
        raise RowError(f"not a whole number in ASCII digits: {_show(text)}", field)
    value = int(text.split(".", 1)[0])
    if minimum is not None and value < minimum:
        raise RowError(f"must be at least {minimum}, got {value}", field)
    if maximum is not None and value > maximum:
        raise RowError(f"must be at most {maximum}, got {value}", field)
    return value


def parse_float(text: str, field: str, *, low: float | None = None, high: float | None = None) -> float | None:
    """A decimal cell (``"33.52"``, ``"-1.5e2"``), ``None`` when empty; finite and within ``[low, high]``.

    :raises RowError: for anything but ASCII decimal notation, or a value out of range.
    """
    text = text.strip()
    if not text:
        return None
    if len(text) > 60 or not _FLOAT.fullmatch(text):
        raise RowError(f"not a decimal number in ASCII digits: {_show(text)}", field)
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise RowError(f"not a finite number: {_show(text)}", field)
    if (low is not None and value < low) or (high is not None and value > high):
        raise RowError(f"{value} is outside [{low}, {high}]", field)
    return value


def parse_timestamp(text: str, field: str) -> dt.datetime | None:
    """A Unix timestamp in seconds (1970 - 2100) as an aware UTC datetime, ``None`` when empty."""
    value = parse_int(text, field, minimum=0, maximum=MAX_TIMESTAMP)
    if value is None:
        return None
    return dt.datetime.fromtimestamp(value, dt.UTC)


def parse_compact_date(text: str, field: str, *, first_year: int = 1979, last_year: int = 2100) -> dt.date:
    """A ``YYYYMMDD`` (or ``YYYYMMDDHHMMSS``) date in ``[first_year, last_year]``.

    GDELT has no open-ended dates: ``00010101`` and ``99991231`` are out of range, and
    rejected rather than read as "year 1" or "open".

    :raises RowError: for another shape, an impossible date or one out of range.
    """
    text = text.strip()
    match = _COMPACT.fullmatch(text)
    if match is None:
        raise RowError(f"expected a date YYYYMMDD or YYYYMMDDHHMMSS in ASCII digits, got {_show(text)}", field)
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not first_year <= year <= last_year:
        raise RowError(f"year {year} of {text} is outside {first_year}-{last_year} (no open-ended dates)", field)
    try:
        date = dt.date(year, month, day)
        if match[4] is not None:
            dt.time(int(match[4]), int(match[5]), int(match[6]))
    except ValueError:
        raise RowError(f"not a valid date: {text}", field) from None
    return date
