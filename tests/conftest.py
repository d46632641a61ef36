"""Shared test configuration: the kit's pytest plugin and hypothesis profiles."""

from __future__ import annotations

import os
from importlib.metadata import entry_points

from hypothesis import HealthCheck, settings

_KIT = "mideast_model.testing.fixtures"
# The installed package announces the kit as a pytest11 plugin; name it here only when
# that entry point is missing or disabled (naming it twice under two names is an error).
if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD") or not any(
    ep.value == _KIT for ep in entry_points(group="pytest11")
):
    pytest_plugins = [_KIT]

# Dataset strategies are slow to draw (EDTF parsing): no deadline, no too_slow check.
# HYPOTHESIS_PROFILE=thorough runs every property ten times as long.
settings.register_profile("default", deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
