"""Importing into a store: each importer's bulk path when it has one, else its objects in columns.

An importer with a bulk path (GDELT 2.0 today: ``mideast_model_gdelt.columnar``) yields
event-table blocks (:class:`pyarrow.Table`) and then its curated objects, without an
attrs object per row. Any other importer runs as usual and its events are put in columns
through :class:`~mideast_model.events.convert.EventTableBuilder`. Either way the rows
become the same Event objects when read back.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mideast_model.errors import ConflictError, InvalidInputError
from mideast_model.model import Event

if TYPE_CHECKING:
    import pyarrow

    from mideast_model.extensions import ImportContext, Importer
    from mideast_model.model import Object

__all__ = ["BULK_READERS", "import_store", "object_items", "register_bulk_reader", "store_items"]

#: Bulk readers by importer name: ``"module:function"`` taking ``(path, context)`` and
#: yielding event-table blocks and model objects.
BULK_READERS: dict[str, str | Callable[[Path, ImportContext], Iterable[Any]]] = {
    "gdelt": "mideast_model_gdelt.columnar:read_store_items",
}
_BATCH = 65_536


def register_bulk_reader(name: str, reader: str | Callable[[Path, ImportContext], Iterable[Any]]) -> None:
    """Give the importer ``name`` a bulk path into stores (``"module:function"`` or a callable)."""
    BULK_READERS[name] = reader


def _bulk_reader(name: str) -> Callable[[Path, ImportContext], Iterable[Any]] | None:
    found = BULK_READERS.get(name)
    if found is None or callable(found):
        return found
    module, _, attr = found.partition(":")
    try:
        reader: Callable[[Path, ImportContext], Iterable[Any]] = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError):
        return None
    return reader


def object_items(objects: Iterable[Object]) -> Iterator[pyarrow.Table | Object]:
    """An importer's objects with its events put in columns (blocks of 65,536 rows)."""
    from mideast_model.events.convert import EventTableBuilder

    builder = EventTableBuilder()
    for obj in objects:
        if isinstance(obj, Event):
            builder.add(obj)
            if len(builder) >= _BATCH:
                yield builder.finish()
                builder = EventTableBuilder()
        else:
            yield obj
    if len(builder):
        yield builder.finish()


def store_items(importer: Importer, path: str, context: ImportContext) -> Iterator[pyarrow.Table | Object]:
    """Event-table blocks and curated objects of one input, by the bulk path when there is one."""
    p = Path(path)
    reader = _bulk_reader(importer.name)
    if reader is not None and p.is_file():
        yield from reader(p, context)
        return
    if p.is_dir() or importer.directory:
        yield from object_items(importer.read(p, context))
        return
    with open(p, "rb") as fh:
        yield from object_items(importer.read(fh, context))


def import_store(
    format_name: str,
    inputs: Iterable[str],
    output: str | os.PathLike[str],
    *,
    skip_bad: bool = False,
    on_conflict: str = "error",
    options: dict[str, Any] | None = None,
    report: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """``mideast-model import FORMAT INPUT… -o STORE/``: read the inputs and write one store atomically.

    :param on_conflict: for curated objects under one id that differ between inputs:
        ``error``, ``keep-left`` or ``keep-right``. Repeated event ids are always an error.
    :param report: called with each skipped row's message (``--skip-bad``).
    :return: the store's manifest.
    """
    from mideast_model.events.progress import progress
    from mideast_model.events.store import write_store
    from mideast_model.extensions import ImportContext
    from mideast_model.plugins import get_importer, resolve_actor

    importer = get_importer(format_name)
    if on_conflict not in ("error", "keep-left", "keep-right"):
        raise InvalidInputError(f"--on-conflict: expected error, keep-left or keep-right, got {on_conflict!r}")
    curated: dict[str, Object] = {}
    paths = list(inputs)
    for path in paths:
        if not Path(path).exists():
            raise InvalidInputError("no such file or directory", path=path)

    def tables() -> Iterator[pyarrow.Table]:
        for path in paths:
            p = Path(path)
            size = sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.is_dir() else p.stat().st_size
            with progress(f"importing {p.name}", size) as advance:
                context = ImportContext(
                    path=path, skip_bad=skip_bad, resolve_actor=resolve_actor, progress=advance, options=options or {}
                )
                for item in store_items(importer, path, context):
                    if not hasattr(item, "kind_name"):  # an event-table block
                        yield item
                        continue
                    _keep(curated, item, on_conflict, path)
            for error in context.skipped:
                if report is not None:
                    report(f"skipped: {error}")

    return write_store(output, _Deferred(curated), tables())


class _Deferred:
    """The curated objects, read only after every table block has been written."""

    def __init__(self, objects: dict[str, Object]) -> None:
        self._objects = objects

    def __iter__(self) -> Iterator[Object]:
        return iter(list(self._objects.values()))


def _keep(curated: dict[str, Object], obj: Object, policy: str, where: str) -> None:
    prior = curated.get(obj.id)
    if prior is None or policy == "keep-right":
        curated[obj.id] = obj
    elif prior != obj and policy == "error":
        raise ConflictError(f"{where}: two different objects with id {obj.id!r} (use --on-conflict)")
