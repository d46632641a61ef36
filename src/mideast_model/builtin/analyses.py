"""Built-in plugin: the core's analyses that need no heavy dependency."""

from __future__ import annotations

from collections.abc import Callable

from mideast_model import hookimpl
from mideast_model.extensions import Analysis


@hookimpl
def register_analyses(register: Callable[[Analysis], None]) -> None:
    """Register the core analyses (see :mod:`mideast_model.analyses`)."""
    from mideast_model.analyses import ANALYSES

    for analysis in ANALYSES:
        register(analysis)
