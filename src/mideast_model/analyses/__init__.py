"""The domain analyses that need no heavy dependency.

Each module defines one analysis (its ``ANALYSIS``); :data:`ANALYSES` lists them for the
built-in plugin. :mod:`~mideast_model.analyses.common` holds what they share (the sides
actors act for, directed dyads, backers, time windows) and is public for plugins.
"""

from __future__ import annotations

from mideast_model.analyses import contradictions, corroboration, escalation, perspectives, timeline, titfortat
from mideast_model.extensions import Analysis

ANALYSES: tuple[Analysis, ...] = (
    timeline.ANALYSIS,
    escalation.ANALYSIS,
    titfortat.ANALYSIS,
    contradictions.ANALYSIS,
    corroboration.ANALYSIS,
    perspectives.ANALYSIS,
)
