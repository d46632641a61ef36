"""The domain analyses that need no heavy dependency.

Each module defines one analysis; :data:`ANALYSES` lists them for the built-in plugin.
"""

from __future__ import annotations

from mideast_model.extensions import Analysis

ANALYSES: tuple[Analysis, ...] = ()
