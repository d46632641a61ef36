"""Action and reaction: the ``titfortat`` analysis' chains and the answer rate per dyad."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model_report.builder import Report


def _rough(dataset: Dataset, actions: list[dict[str, Any]]) -> str:
    """How roughly the less precise of two linked acts is dated: "month", "year", … ("" if both to the day)."""
    from mideast_model_report.aggregate import precision_of

    for a in actions:
        event = dataset.events.get(a["event"])
        if event is not None and precision_of(event.when) != "day":
            return precision_of(event.when)
    return ""


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """The longest chains step by step, then the dyads ranked by their number of hostile actions."""
    from mideast_model_report.builder import human_when

    report: Report = context["report"]
    data = report.analysis("titfortat")
    chains = sorted(
        data.get("chains", []),
        key=lambda c: (
            -len(c["actions"]),
            c["actions"][0]["day"] if c["actions"] else "",
            c["actions"][0]["event"] if c["actions"] else "",
        ),
    )
    shown = []
    for chain in chains[: report.limits.rows]:
        delays = [*chain.get("delays", []), None]
        links = [*chain.get("links", []), None]
        slack = [*chain.get("slack", []), None]
        acts = chain["actions"]
        steps = [
            {
                "event": report.link(a["event"]),
                "who": f"{report.label(a['actor'], 30)} → {report.label(a['target'], 30)}",
                "day": human_when(dataset.events[a["event"]].when) if a["event"] in dataset.events else a["day"],
                "delay": delay,
                "possible": link == "possible",
                "slack": margin,
                "rough": _rough(dataset, acts[i : i + 2]),
            }
            for i, (a, delay, link, margin) in enumerate(zip(acts, delays, links, slack, strict=False))
        ]
        shown.append({"steps": steps, "length": len(steps)})
    # A dyad none of whose acts is counted under it elsewhere in the report (the coalition and the
    # UK, also hit at Camp Taji, beside the United States) is left out: each act shows once.
    from mideast_model_report.story import story

    primaries = set(story(report).primary_of.values())
    acted = [d for d in data.get("dyads", []) if d.get("actions")]
    kept = [d for d in acted if (d["actor"], d["target"]) in primaries]
    shadowed = len(acted) - len(kept)
    dyads = sorted(
        kept,
        key=lambda d: (-d["answered"], -d.get("possible", 0), -d["actions"], d["actor"], d["target"]),
    )
    rows = [
        {
            "dyad": f"{report.label(d['actor'], 30)} → {report.label(d['target'], 30)}",
            "actions": d["actions"],
            "answered": d["answered"],
            "share": d.get("share"),
            "median": d.get("median_delay"),
            "possible": d.get("possible", 0),
        }
        for d in dyads[:15]
    ]
    return report.section(
        "titfortat",
        window=data.get("window"),
        proxies=data.get("proxies", False),
        chains=shown,
        total_chains=len(chains),
        rows=rows,
        more=max(len(dyads) - len(rows), 0),
        shadowed=shadowed,
    )
