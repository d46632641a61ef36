"""In brief: the few lines a reader forwards, drawn from the analyses the other sections show.

Each line comes from one analysis; a line whose analysis is missing or fails is left out
(its own section says why), so this section never fails for the want of one analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markupsafe import Markup

    from mideast_model.dataset import Dataset
    from mideast_model_report.builder import Report
    from mideast_model_report.escape import MdSafe

Line = tuple[str, "list[Markup | MdSafe | str]"]


def _scope(report: Report) -> Line | None:
    from mideast_model_report.builder import _date_range, human_when

    ds = report.dataset
    span = _date_range(ds)
    speaking = sorted({c.source for c in ds.claims.values()}, key=lambda s: report.label(s))
    if not ds.events:
        return None
    when = f"from {human_when(span[0].isoformat())} to {human_when(span[1].isoformat())}" if span else "undated"
    parts: list[Markup | MdSafe | str] = [
        f"{len(ds.events):,} events {when}, told in {len(ds.claims):,} statements by "
    ]
    shown = speaking[:4]
    for i, source in enumerate(shown):
        parts.append(report.link(source))
        parts.append(", " if i < len(shown) - 2 else (" and " if i == len(shown) - 2 else ""))
    if len(speaking) > len(shown):
        parts.append(f" and {len(speaking) - len(shown)} more sources")
    parts.append(".")
    return ("Scope", parts)


def _escalation(report: Report) -> Line | None:
    data = report.analysis("escalation", window="month")
    rows = [r for r in data.get("dyads", []) if not r.get("rolled_up") and r.get("index", 0) > 0]
    if not rows:
        return None
    top = max(rows, key=lambda r: (r["index"], r["window"], r["actor"], r["target"]))
    return (
        "Escalation",
        [
            f"the sharpest escalation is {report.label(top['actor'], 40)} against {report.label(top['target'], 40)} "
            f"in {top['window']} (index {top['index']:.1f} of 10, {len(top['events'])} event"
            f"{'' if len(top['events']) == 1 else 's'}).",
        ],
    )


def _titfortat(report: Report) -> Line | None:
    data = report.analysis("titfortat")
    chains = data.get("chains", [])
    if not chains:
        return ("Action and reaction", [f"no hostile action was answered within {data.get('window')} days."])
    chain = max(chains, key=lambda c: (len(c["actions"]), c["actions"][-1]["day"]))
    parts: list[Markup | MdSafe | str] = [
        f"{len(chains)} chain{'' if len(chains) == 1 else 's'} of action and reaction; the longest: "
    ]
    for i, action in enumerate(chain["actions"]):
        if i:
            parts.append(f" → answered in {chain['delays'][i - 1]} day{'' if chain['delays'][i - 1] == 1 else 's'} by ")
        parts.append(report.link(action["event"], limit=70))
        parts.append(f" ({action['day']})")
    parts.append(".")
    return ("Action and reaction", parts)


def _contradictions(report: Report) -> Line | None:
    findings = report.analysis("contradictions").get("findings", [])
    if not findings:
        return ("Contradictions", ["none found."])
    kinds: dict[str, int] = {}
    for f in findings:
        kinds[f.get("kind", "")] = kinds.get(f.get("kind", ""), 0) + 1
    from mideast_model_report.sections.contradictions import KINDS

    ranked = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    words = ", ".join(f"{n} {KINDS.get(k, (k, ''))[0].lower()}" for k, n in ranked)
    return ("Contradictions", [f"{len(findings)} groups of statements that cannot all hold ({words})."])


def _corroboration(report: Report) -> Line | None:
    data = report.analysis("corroboration")
    claims = data.get("claims", [])
    single = len(data.get("single_source", []))
    events = data.get("events", [])
    best = max((len(e.get("supporting", [])) for e in events), default=0)
    confirmed = [e for e in events if len(e.get("supporting", [])) == best and best > 1]
    parts: list[Markup | MdSafe | str] = [f"{single:,} of {len(claims):,} statements rest on one source only"]
    if confirmed:
        parts.append(
            f"; {len(confirmed)} event{'' if len(confirmed) == 1 else 's'} reported by {best} independent "
            "source groups, such as "
        )
        parts.append(report.link(confirmed[0]["event"], limit=70))
    parts.append(".")
    return ("Corroboration", parts)


def _perspectives(report: Report) -> Line | None:
    profiles = report.analysis("perspectives").get("profiles", [])
    profiles = sorted(profiles, key=lambda p: (-p.get("claims", 0), p.get("source", "")))[:4]
    if not profiles:
        return None
    parts: list[Markup | MdSafe | str] = ["leading course favoured: "]
    for i, p in enumerate(profiles):
        if i:
            parts.append("; ")
        parts.append(report.link(p["source"]))
        parts.append(f" — {p.get('leading_course') or 'none stated'}")
    parts.append(".")
    return ("Perspectives", parts)


LINES: tuple[Callable[[Report], Line | None], ...] = (
    _scope,
    _escalation,
    _titfortat,
    _contradictions,
    _corroboration,
    _perspectives,
)


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str] | None:
    """The key lines, each from one analysis; ``None`` when no line can be said."""
    report: Report = context["report"]
    lines = []
    for make in LINES:
        try:
            line = make(report)
        except Exception:  # the analysis' own section reports the failure
            continue
        if line is not None:
            # plain strings hold dataset text: escape them; links are already safe markup
            lines.append((line[0], [report.text(p) if type(p) is str else p for p in line[1]]))
    if not lines:
        return None
    return report.section("summary", lines=lines)
