"""mideast-model plugin: GDELT 1.0 and 2.0 event files, with CAMEO actor resolution.

Registers the ``gdelt`` importer; CAMEO actor codes (``scheme="cameo"``) resolve through
the core's one identity table (:mod:`mideast_model.io.identity`). Heavy work lives in
:mod:`mideast_model_gdelt.reader` and the columnar bulk path in
:mod:`mideast_model_gdelt.columnar` (pyarrow), imported on use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from mideast_model import hookimpl

if TYPE_CHECKING:
    import pyarrow

    from mideast_model.extensions import ImportContext, Importer
    from mideast_model.model import Object
    from mideast_model_gdelt.columnar import GdeltEventStore

__all__ = ["GdeltEventStore", "read_table", "register_importers"]


def _read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    from mideast_model_gdelt.reader import read_events

    return read_events(source, context)


def _sniff(head: bytes, name: str | None) -> bool:
    from mideast_model_gdelt.reader import sniff

    return sniff(head, name)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``gdelt`` importer (2.0 export, 1.0 daily/back-file, joined mentions)."""
    from mideast_model.extensions import Importer

    register(
        Importer(
            name="gdelt",
            description="GDELT 2.0 event export (61 columns) or 1.0 events (57/58), TSV without header; "
            "a 2.0 mentions file beside the export is joined as per-article machine claims",
            read=_read,
            suffixes=(".CSV", ".csv", ".tsv"),
            media_type="text/tab-separated-values",
            sniff=_sniff,
        )
    )


def read_table(path: str | Path) -> pyarrow.Table:
    """A GDELT 2.0 export file as an Arrow table (the columnar bulk path)."""
    from mideast_model_gdelt.columnar import read_table as _read_table

    return _read_table(path)


def __getattr__(name: str) -> Any:
    if name == "GdeltEventStore":
        from mideast_model_gdelt.columnar import GdeltEventStore

        return GdeltEventStore
    raise AttributeError(name)
