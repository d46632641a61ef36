"""mideast-model plugin: the ``links`` and ``resolution`` analyses for imported event data.

``links`` proposes events of different datasets that are probably the same event (with a
score and reasons; it never merges); ``resolution`` reports which actors resolved to
canonical ones. Both are pure functions of a :class:`~mideast_model.Dataset`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mideast_model import hookimpl

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model.extensions import Analysis, AnalysisResult

__all__ = ["register_analyses"]


def _links(dataset: Dataset, **params: Any) -> AnalysisResult:
    from mideast_model_links.links import links

    return links(dataset, **params)


def _resolution(dataset: Dataset, **params: Any) -> AnalysisResult:
    from mideast_model_links.resolution import resolution

    return resolution(dataset, **params)


def _attributions(dataset: Dataset, **params: Any) -> AnalysisResult:
    from mideast_model_links.fusion import attributions

    return attributions(dataset, **params)


@hookimpl
def register_analyses(register: Callable[[Analysis], None]) -> None:
    """Register ``links``, ``resolution`` and ``attribution``."""
    from mideast_model.extensions import Analysis, Param

    register(
        Analysis(
            name="links",
            description="Propose events of different datasets that are probably the same event "
            "(time, place, actors, kind; scored with reasons; never merges)",
            run=_links,
            params=(
                Param("tolerance_days", "int", 1, "days two spans may lie apart"),
                Param("max_km", "float", 25.0, "distance at which the place score reaches 0"),
                Param("min_score", "float", 0.7, "lowest score reported"),
                Param("max_span_days", "int", 31, "events with longer (or open) spans are not linked"),
                Param("event", "str", "", "only links of this event id"),
                Param("limit", "int", 0, "at most this many links (0: all)"),
            ),
        )
    )
    register(
        Analysis(
            name="resolution",
            description="Which actors resolved to canonical actors and which were kept as new, unresolved ones",
            run=_resolution,
            params=(
                Param("status", "str", "all", "all, resolved or unresolved", ("all", "resolved", "unresolved")),
                Param("limit", "int", 0, "at most this many rows (0: all)"),
            ),
        )
    )
    register(
        Analysis(
            name="attribution",
            description="Imported events linked to curated ones, with who the sources say did it "
            "(attributed by those sources; the data's own coding kept)",
            run=_attributions,
            params=(
                Param("min_score", "float", 0.6, "lowest link score used"),
                Param("tolerance_days", "int", 1, "days two spans may lie apart"),
                Param("with_seed", "bool", True, "merge the embedded seed first (its claims are the attributions)"),
            ),
        )
    )
