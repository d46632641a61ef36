"""GeoJSON for mideast-model: the ``geojson`` exporter (RFC 7946 FeatureCollection).

Each event whose place has coordinates becomes a ``Feature`` with a ``Point`` geometry
(``[longitude, latitude]``, WGS 84) and the event's fields as properties; see
:mod:`mideast_model_geojson.features` and ``docs/geojson.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from mideast_model import hookimpl
from mideast_model.extensions import ExportContext, Exporter

__all__ = ["register_exporters"]


def _write(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    from mideast_model_geojson.features import write

    write(dataset, target, context)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """The ``geojson`` exporter: located events as RFC 7946 Features."""
    register(
        Exporter(
            name="geojson",
            description="GeoJSON (RFC 7946): events with coordinates as Point features, for QGIS, Leaflet, kepler.gl",
            write=_write,
            suffixes=(".geojson",),
            media_type="application/geo+json",
        )
    )
