"""mideast-model plugin: ACLED event exports, with ACLED actor-name resolution.

Registers the ``acled`` importer; the work lives in :mod:`mideast_model_acled.reader`.
ACLED actor names (``scheme="acled"``: period tags, sub-units, country qualifiers) are
resolved by the core's one identity table (:mod:`mideast_model.io.identity`).
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
    from mideast_model_acled.reader import read_acled

    return read_acled(source, context)


def _sniff(head: bytes, name: str | None) -> bool:
    from mideast_model_acled.reader import sniff

    return sniff(head, name)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``acled`` importer (current 31-column export and older headers)."""
    from mideast_model.extensions import Importer

    register(
        Importer(
            name="acled",
            description="ACLED event export (CSV with header; current 31 columns and older headers)",
            read=_read,
            suffixes=(".csv",),
            media_type="text/csv",
            sniff=_sniff,
        )
    )
