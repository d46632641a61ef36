"""Built-in plugin: the canonical JSON importer and exporter (lossless)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from mideast_model import hookimpl
from mideast_model.extensions import ExportContext, Exporter, ImportContext, Importer


def _read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Any]:
    from mideast_model.io import canonical
    from mideast_model.plugins import converter_options

    raw = source.read_bytes() if isinstance(source, Path) else source.read()
    if context.progress is not None:
        context.progress(len(raw))
    yield from canonical.loads(raw, path=context.path, **converter_options())


def _write(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    from mideast_model.io import canonical
    from mideast_model.plugins import converter_options

    target.write(canonical.dumps(dataset, **converter_options()))


def _sniff(head: bytes, name: str | None) -> bool:
    return b'"format"' in head[:4096] and b"mideast-model" in head[:4096]


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """The ``json`` importer: canonical JSON (versions 1 and 2), with the plugins' converter."""
    register(
        Importer(
            name="json",
            description="mideast-model canonical JSON (reads versions 1 and 2)",
            read=_read,
            suffixes=(".json",),
            media_type="application/json",
            sniff=_sniff,
            lossless=True,
        )
    )


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """The ``json`` exporter: canonical JSON, byte-identical for equal datasets."""
    register(
        Exporter(
            name="json",
            description="mideast-model canonical JSON (writes the current version)",
            write=_write,
            suffixes=(".json",),
            media_type="application/json",
            lossless=True,
        )
    )
