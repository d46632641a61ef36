"""The actor network from the ``network`` analysis (mideast-model-dynamics): drawing, proxy chains, centrality."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model_report.builder import Report

#: Actors drawn at most: the most central ones (a drawing of hundreds of nodes says nothing).
DRAWN = 22
#: Edges drawn at most: ties between actors first, then the attacks with the most events behind them.
DRAWN_EDGES = 80
LINK_WORDS = {"attacks": "attacks", "hostile_to": "is hostile to"}


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """The drawing of the most central actors, the proxy chains, the centrality table, the communities."""
    from mideast_model_report import charts

    report: Report = context["report"]
    data = report.analysis("network")
    nodes = data.get("nodes", [])
    ranked = sorted(nodes, key=lambda n: (-n.get("betweenness", 0.0), -n.get("degree", 0.0), n["actor"]))
    edges = data.get("edges", [])
    chart = None
    dropped = 0
    if report.format == "html" and ranked:
        chosen = {n["actor"] for n in ranked[:DRAWN]}
        candidates = [
            e for e in edges if e["source"] in chosen and e["target"] in chosen and e["source"] != e["target"]
        ]
        candidates.sort(
            key=lambda e: (
                e["predicate"] == "attacks",
                -len(e.get("evidence", [])),
                e["source"],
                e["target"],
                e["predicate"],
            )
        )
        drawn_edges = candidates[:DRAWN_EDGES]
        dropped = len(candidates) - len(drawn_edges)
        linked = {x for e in drawn_edges for x in (e["source"], e["target"])}
        kept = [n for n in ranked[:DRAWN] if n["actor"] in linked] or ranked[:DRAWN]
        top_degree = max((n.get("degree", 0.0) for n in kept), default=0.0) or 1.0
        actors = dataset.actors
        chart = charts.network_chart(
            [
                charts.NetNode(
                    n["actor"],
                    report.label(n["actor"], 30),
                    actors[n["actor"]].kind.value if n["actor"] in actors else "other",
                    n.get("degree", 0.0) / top_degree,
                )
                for n in kept
            ],
            [charts.NetEdge(e["source"], e["target"], e["predicate"]) for e in drawn_edges],
        )
    chains = sorted(
        data.get("proxy_chains", []), key=lambda c: (-len(c.get("evidence", [])), c["backer"], c["proxy"], c["target"])
    )
    chain_rows = [
        {
            "backer": report.label(c["backer"], 40),
            "proxy": report.label(c["proxy"], 40),
            "link": LINK_WORDS.get(c.get("link", ""), c.get("link", "").replace("_", " ")),
            "target": report.label(c["target"], 40),
            "evidence": [report.link(x, limit=50) for x in c.get("evidence", [])[:5]],
            "more": max(len(c.get("evidence", [])) - 5, 0),
        }
        for c in chains[: report.limits.rows]
    ]
    central = [
        {
            "actor": report.label(n["actor"], 50),
            "degree": n.get("degree"),
            "betweenness": n.get("betweenness"),
            "community": n.get("community"),
        }
        for n in ranked[:15]
    ]
    communities = [
        {"index": i, "size": len(c), "members": [report.label(a, 40) for a in c[:12]], "more": max(len(c) - 12, 0)}
        for i, c in enumerate(data.get("communities", []))
        if len(c) > 1
    ][:12]
    return report.section(
        "network",
        chart=chart,
        date=data.get("date"),
        drawn=min(len(ranked), DRAWN),
        dropped=dropped,
        total_nodes=len(nodes),
        total_edges=len(edges),
        chains=chain_rows,
        more_chains=max(len(chains) - len(chain_rows), 0),
        central=central,
        communities=communities,
    )
