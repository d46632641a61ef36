"""mideast-model plugin: ``network`` (networkx) and ``hawkes`` (numpy/scipy) analyses.

Cheap to import: networkx, numpy and scipy load only when an analysis runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mideast_model import hookimpl
from mideast_model.extensions import Analysis, Param

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset

__version__ = "0.1.0"


def _network(dataset: Dataset, **params: Any) -> Any:
    from mideast_model_dynamics.network import run

    return run(dataset, **params)


def _hawkes(dataset: Dataset, **params: Any) -> Any:
    from mideast_model_dynamics.hawkes import run

    return run(dataset, **params)


NETWORK = Analysis(
    name="network",
    description="Actor relation graph on a date: proxy chains (backer → proxy → target), centrality, communities.",
    run=_network,
    params=(
        Param("date", "date", None, "only relations that may hold on this day (default: all)"),
        Param("days", "int", 365, "with date: hostile events in this many days up to it count as attacks"),
        Param("merge_units", "bool", True, "count units and office holders for their state in attacks"),
    ),
)

HAWKES = Analysis(
    name="hawkes",
    description="Bivariate self-exciting (Hawkes) process fitted to a dyad's hostile acts in both directions: "
    "baselines, cross-excitation, decay, confidence intervals, branching ratio.",
    run=_hawkes,
    params=(
        Param("a", "str", None, "one side's actor id (default: the most active dyad)"),
        Param("b", "str", None, "the other side's actor id"),
        Param("decay", "float", None, "fix the decay β (per day) instead of estimating it"),
        Param("hostile", "bool", True, "only material conflict (CAMEO 17–20); false: every directed event"),
        Param("merge_units", "bool", True, "count units and office holders for their state"),
        Param("max_span", "int", 3, "leave out acts dated less precisely than this many days (never placed mid-span)"),
    ),
)


@hookimpl
def register_analyses(register: Callable[[Analysis], None]) -> None:
    """Register ``network`` and ``hawkes``."""
    register(NETWORK)
    register(HAWKES)
