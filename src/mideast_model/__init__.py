"""mideast-model: actors, events, claims and sources of the US–Iraq–Iran conflict.

The public API is re-exported here; heavy modules load on first use so that
``import mideast_model`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "Dataset": "mideast_model.dataset",
    "ConflictPolicy": "mideast_model.dataset",
    "DatasetDiff": "mideast_model.dataset",
    "Importer": "mideast_model.extensions",
    "Exporter": "mideast_model.extensions",
    "Analysis": "mideast_model.extensions",
    "AnalysisResult": "mideast_model.extensions",
    "seed": "mideast_model.data",
    "Metrics": "mideast_model.model.values",
    "load": "mideast_model.io.canonical",
    "dump": "mideast_model.io.canonical",
    "loads": "mideast_model.io.canonical",
    "dumps": "mideast_model.io.canonical",
}
_LAZY_MODULES = ("model", "errors", "testing", "analyses", "plugins", "io", "api", "render", "extensions")

if TYPE_CHECKING:
    import pluggy

    #: Marker for plugin hook implementations: ``@mideast_model.hookimpl``.
    hookimpl: pluggy.HookimplMarker
    from mideast_model.data import seed as seed
    from mideast_model.dataset import ConflictPolicy, Dataset, DatasetDiff
    from mideast_model.extensions import Analysis, AnalysisResult, Exporter, Importer
    from mideast_model.io.canonical import dump, dumps, load, loads
    from mideast_model.model.values import Metrics

__all__ = [
    "Analysis",
    "AnalysisResult",
    "ConflictPolicy",
    "Dataset",
    "DatasetDiff",
    "Exporter",
    "Importer",
    "Metrics",
    "__version__",
    "dump",
    "dumps",
    "hookimpl",
    "load",
    "loads",
    "seed",
]


def __getattr__(name: str) -> Any:
    if name == "hookimpl":  # made on first use: ``import mideast_model`` does not import pluggy
        import pluggy

        marker = globals()["hookimpl"] = pluggy.HookimplMarker("mideast_model")
        return marker
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _LAZY_MODULES:
        return importlib.import_module(f"mideast_model.{name}")
    raise AttributeError(f"module 'mideast_model' has no attribute {name!r}")
