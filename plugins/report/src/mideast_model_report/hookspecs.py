"""The report plugin's own hook, added to the host through ``add_hookspecs``, and what it registers.

The core knows nothing of report sections: this plugin adds the hook
``register_report_sections`` when it is loaded, and any plugin may then implement it with
``@mideast_model.hookimpl``, registering :class:`ReportSection` objects;
:func:`report_sections` collects them through the host's guarded registrations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import pluggy
from attrs import validators as v

from mideast_model.extensions import check_callable, check_name

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset

__all__ = ["ReportSection", "register_report_sections", "report_sections"]

hookspec = pluggy.HookspecMarker("mideast_model")


@attrs.frozen
class ReportSection:
    """A section of the briefing report.

    :param render: ``render(dataset, context)`` returns a mapping with ``html`` (safe,
        already-escaped markup) and ``markdown`` strings, or ``None`` to omit itself.
    :param order: sections are sorted by ``order`` then name.
    """

    name: str = attrs.field(validator=check_name)
    title: str = attrs.field(validator=v.instance_of(str))
    render: Callable[[Dataset, Mapping[str, Any]], Mapping[str, str] | None] = attrs.field(validator=check_callable)
    order: int = 100


@hookspec
def register_report_sections(register: Callable[[ReportSection], None]) -> None:
    """Register sections of the briefing report with ``register(ReportSection(...))``.

    :param register: validates the section and rejects a duplicate name.
    """


def report_sections() -> list[ReportSection]:
    """Every registered report section, by ``order`` then name (a duplicate name keeps the first)."""
    from mideast_model.plugins import registrations

    sections = [s for s, _ in registrations("register_report_sections", ReportSection).values()]
    return sorted(sections, key=lambda s: (s.order, s.name))
