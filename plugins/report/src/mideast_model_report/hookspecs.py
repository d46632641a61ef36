"""The report plugin's own hook, added to the host through ``add_hookspecs``.

The core knows nothing of report sections: this plugin adds the hook when it is loaded,
and any plugin may then implement it with ``@mideast_model.hookimpl``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from mideast_model.extensions import ReportSection

hookspec = pluggy.HookspecMarker("mideast_model")


@hookspec
def register_report_sections(register: Callable[[ReportSection], None]) -> None:
    """Register sections of the briefing report with ``register(ReportSection(...))``.

    :param register: validates the section and rejects a duplicate name.
    """
