"""mideast-model plugin: UCDP Georeferenced Event Dataset (GED) CSV, with UCDP side resolution.

Registers the ``ucdp`` importer; the work lives in :mod:`mideast_model_ucdp.reader`. UCDP
side names (``scheme="ucdp"``: "Government of Iraq" is the state) resolve through the
core's one identity table (:mod:`mideast_model.io.identity`).
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
    from mideast_model_ucdp.reader import read_ged

    return read_ged(source, context)


def _sniff(head: bytes, name: str | None) -> bool:
    from mideast_model_ucdp.reader import sniff

    return sniff(head, name)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``ucdp`` importer (GED CSV, 49 columns)."""
    from mideast_model.extensions import Importer

    register(
        Importer(
            name="ucdp",
            description="UCDP Georeferenced Event Dataset (GED) CSV with header (49 columns)",
            read=_read,
            suffixes=(".csv",),
            media_type="text/csv",
            sniff=_sniff,
        )
    )
