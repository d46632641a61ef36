"""Helpers shared by the tabular formats: canonical records in, model objects out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from mideast_model.errors import InvalidInputError
from mideast_model.io.canonical import converter, structure_object
from mideast_model.model import TimeSpan

KINDS = ("actors", "sources", "events", "claims", "relations")


def records(dataset: Any, kind: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Each object of ``kind`` with its canonical JSON form, in id order."""
    unstructure = converter().unstructure
    for obj in dataset.objects(kind):
        yield obj, unstructure(obj)


def prune(value: Any) -> Any:
    """``value`` without ``None`` entries in its mappings (canonical JSON omits them)."""
    if isinstance(value, Mapping):
        return {k: prune(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [prune(v) for v in value]
    return value


def build(kind: str, data: Mapping[str, Any], *, path: str, index: int) -> Any:
    """A model object from a rebuilt canonical record, or an error naming ``path``."""
    return structure_object(kind, prune(data), path=path, index=index)


def span_dates(span: TimeSpan | None) -> tuple[dt.date | None, dt.date | None]:
    """Earliest and latest day of ``span``; ``None`` for a missing span."""
    if span is None:
        return None, None
    return span.earliest, span.latest


def flag(options: Mapping[str, Any], key: str, default: bool = False) -> bool:
    """A boolean ``--option KEY=VALUE`` (true/false, yes/no, 1/0)."""
    raw = options.get(key)
    if raw is None:
        return default
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise InvalidInputError(f"--option {key}: expected true or false, got {raw!r}")


def integer(options: Mapping[str, Any], key: str, default: int) -> int:
    """A non-negative integer ``--option KEY=VALUE``."""
    raw = options.get(key)
    if raw is None:
        return default
    try:
        value = int(str(raw))
    except ValueError:
        raise InvalidInputError(f"--option {key}: expected an integer, got {raw!r}") from None
    if value < 0:
        raise InvalidInputError(f"--option {key}: expected a non-negative integer, got {raw!r}")
    return value
