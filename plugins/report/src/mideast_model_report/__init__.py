"""mideast-model-report: the briefing report, as one self-contained HTML file or as Markdown.

Registers the ``report`` exporter (``mideast-model report`` calls it) and the built-in
report sections, through the same ``register_report_sections`` hook any plugin can use
to add its own. Heavy imports (Jinja2, matplotlib, networkx) happen only when a report
is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from mideast_model import hookimpl
from mideast_model.extensions import Exporter
from mideast_model_report.hookspecs import ReportSection, report_sections

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset

__version__ = "0.1.0"
__all__ = [
    "BUILTIN_SECTIONS",
    "ReportSection",
    "add_hookspecs",
    "register_exporters",
    "register_report_sections",
    "render_report",
    "report_sections",
]

#: The built-in sections: (name, title, order); each is the module ``mideast_model_report.sections.<name>``.
BUILTIN_SECTIONS: tuple[tuple[str, str, int], ...] = (
    ("summary", "The story in brief", 5),
    ("escalation", "Escalation and reaction: the main dyads", 10),
    ("titfortat", "Action and reaction: tit-for-tat chains", 15),
    ("timeline", "When it happened: events over time", 20),
    ("contradictions", "Where the sources disagree", 40),
    ("perspectives", "The sources' perspectives side by side", 50),
    ("corroboration", "Corroboration and credibility", 60),
    ("network", "The actor network", 70),
    ("glance", "The dataset and its sources", 80),
    ("statements", "The evidence: every statement, with its source and quote", 900),
)


def _section_renderer(name: str) -> Callable[[Dataset, Mapping[str, Any]], Mapping[str, str] | None]:
    def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str] | None:
        import importlib

        module = importlib.import_module(f"mideast_model_report.sections.{name}")
        result: Mapping[str, str] | None = module.render(dataset, context)
        return result

    render.__name__ = f"render_{name}"
    render.__doc__ = f"Render the built-in {name!r} section (see mideast_model_report.sections.{name})."
    return render


def render_report(dataset: object, fmt: str = "html", **options: object) -> str:
    """The report of ``dataset`` as text (see :func:`mideast_model_report.builder.render_report`)."""
    from mideast_model_report.builder import render_report as _render

    return _render(dataset, fmt, **options)  # type: ignore[arg-type]


def _write(dataset: object, target: object, context: object) -> None:
    from mideast_model_report.builder import write

    write()(dataset, target, context)  # type: ignore[arg-type]


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """The ``report`` exporter: ``options["format"]`` is ``html`` (default) or ``markdown``."""
    register(
        Exporter(
            name="report",
            description="briefing report: one self-contained HTML page (--format markdown for Markdown)",
            write=_write,
            suffixes=(".html", ".md"),
            media_type="text/html",
        )
    )


@hookimpl
def add_hookspecs(pluginmanager: Any) -> None:
    """Add this plugin's own hook, ``register_report_sections`` (see :mod:`mideast_model_report.hookspecs`)."""
    from mideast_model_report import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


@hookimpl
def register_report_sections(register: Callable[[ReportSection], None]) -> None:
    """The built-in sections of the briefing report."""
    for name, title, order in BUILTIN_SECTIONS:
        register(ReportSection(name=name, title=title, render=_section_renderer(name), order=order))
