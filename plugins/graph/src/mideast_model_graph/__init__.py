"""Graph formats for mideast-model: the ``graphml`` and ``gexf`` exporters (via networkx).

Actors, sources, events and claims become typed nodes; relations, participations and
the links of claims (to their source, subject, object, speaker) become edges. The graph
is built in :mod:`mideast_model_graph.build`; networkx loads only when an export runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from mideast_model import hookimpl
from mideast_model.extensions import ExportContext, Exporter

__all__ = ["register_exporters"]


def _write_graphml(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    from mideast_model_graph.build import write_graphml

    write_graphml(dataset, target, context)


def _write_gexf(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    from mideast_model_graph.build import write_gexf

    write_gexf(dataset, target, context)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """The ``graphml`` (yEd, Cytoscape, igraph) and ``gexf`` (Gephi, with a timeline) exporters."""
    register(
        Exporter(
            name="graphml",
            description="GraphML: actors, sources, events, claims as typed nodes; relations and links as edges",
            write=_write_graphml,
            suffixes=(".graphml",),
            media_type="application/graphml+xml",
        )
    )
    register(
        Exporter(
            name="gexf",
            description="GEXF 1.2 for Gephi: the same graph, dynamic, with start/end dates for the timeline",
            write=_write_gexf,
            suffixes=(".gexf",),
            media_type="application/gexf+xml",
        )
    )
