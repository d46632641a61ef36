"""STIX 2.1 for mideast-model: the ``stix`` exporter (a bundle built with the ``stix2`` library).

The mapping is in :mod:`mideast_model_stix.bundle` and ``docs/stix.md``. This module
stays cheap to import; ``stix2`` loads only when an export runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from mideast_model import hookimpl
from mideast_model.extensions import ExportContext, Exporter

__all__ = ["register_exporters"]


def _write(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    from mideast_model_stix.bundle import write

    write(dataset, target, context)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """The ``stix`` exporter: a STIX 2.1 bundle (identities, reports, campaigns, notes, relationships)."""
    register(
        Exporter(
            name="stix",
            description="STIX 2.1 bundle: identities, threat actors, reports, campaigns, notes, relationships",
            write=_write,
            suffixes=(".json", ".stix.json"),
            media_type="application/stix+json;version=2.1",
        )
    )
