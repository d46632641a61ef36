"""W3C PROV-O for mideast-model: the ``prov`` exporter (Turtle or JSON-LD, via rdflib).

The syntax follows the output's suffix: ``.ttl`` → Turtle, ``.jsonld`` (or ``.json``)
→ JSON-LD; ``--option syntax=turtle|json-ld`` overrides it (needed for ``-o -``).
The mapping is in :mod:`mideast_model_prov.graph` and ``docs/prov.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from mideast_model import hookimpl
from mideast_model.extensions import ExportContext, Exporter

__all__ = ["register_exporters"]


def _write(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    from mideast_model_prov.graph import write

    write(dataset, target, context)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """The ``prov`` exporter: sources, agents and claims in PROV-O."""
    register(
        Exporter(
            name="prov",
            description="W3C PROV-O provenance (Turtle for .ttl, JSON-LD for .jsonld): who said what, from where",
            write=_write,
            suffixes=(".ttl", ".jsonld"),
            media_type="text/turtle",
        )
    )
