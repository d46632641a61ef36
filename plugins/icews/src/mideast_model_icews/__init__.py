"""mideast-model plugin: ICEWS coded event data (``.tab``), with ICEWS actor-name resolution.

Registers the ``icews`` importer; the work lives in :mod:`mideast_model_icews.reader`.
ICEWS actor names (``scheme="icews"``: "Military (Iraq)", "Kata'ib Hizballah") resolve
through the core's one identity table (:mod:`mideast_model.io.identity`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from mideast_model import hookimpl

if TYPE_CHECKING:
    from mideast_model.extensions import ImportContext, Importer
    from mideast_model.model import Object

__all__ = ["register_importers"]


def _read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    from mideast_model_icews.reader import read_icews

    return read_icews(source, context)


def _sniff(head: bytes, name: str | None) -> bool:
    from mideast_model_icews.reader import sniff

    return sniff(head, name)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``icews`` importer (``.tab`` event files with header)."""
    from mideast_model.extensions import Importer

    register(
        Importer(
            name="icews",
            description="ICEWS coded event data, tab-separated with header (20 columns; NA = missing)",
            read=_read,
            suffixes=(".tab", ".tsv"),
            media_type="text/tab-separated-values",
            sniff=_sniff,
        )
    )
