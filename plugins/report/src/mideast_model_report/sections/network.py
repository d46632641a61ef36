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


def unique_labels(report: Report, actor_ids: list[str]) -> dict[str, str]:
    """A short label per actor, distinct from every other's (a shared short form falls back to longer names)."""
    labels = {a: report.short_label(a, 26) for a in actor_ids}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    for a, label in list(labels.items()):
        if counts[label] > 1:
            labels[a] = report.label(a, 44)
    return labels


def render(dataset: Dataset, context: Mapping[str, Any]) -> Mapping[str, str]:
    """The drawing of the most central actors, the proxy chains, the centrality table, the communities."""
    from mideast_model_report import charts

    report: Report = context["report"]
    data = report.analysis("network")
    nodes = data.get("nodes", [])
    ranked = sorted(nodes, key=lambda n: (-n.get("betweenness", 0.0), -n.get("degree", 0.0), n["actor"]))
    edges = data.get("edges", [])
    chart = narrow = None
    dropped = unlabelled = merged = 0
    if report.format == "html" and ranked:
        # One node per name: actors that share a name (two imports of one ministry) are drawn once.
        canon: dict[str, str] = {}
        by_name: dict[str, str] = {}
        for n in ranked:
            actor = dataset.actors.get(n["actor"])
            name = " ".join((actor.name if actor else n["actor"]).casefold().split())
            canon[n["actor"]] = by_name.setdefault(name, n["actor"])
        merged = len(canon) - len(set(canon.values()))
        ranked = [n for n in ranked if canon[n["actor"]] == n["actor"]]
        chosen = {n["actor"] for n in ranked[:DRAWN]}
        seen_edges: set[tuple[str, str, str]] = set()
        candidates = []
        for e in edges:
            u, v = canon.get(e["source"], e["source"]), canon.get(e["target"], e["target"])
            if u in chosen and v in chosen and u != v and (u, v, e["predicate"]) not in seen_edges:
                seen_edges.add((u, v, e["predicate"]))
                candidates.append({**e, "source": u, "target": v})
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
        labels = unique_labels(report, [n["actor"] for n in kept])
        net_nodes = [
            charts.NetNode(
                n["actor"],
                labels[n["actor"]],
                actors[n["actor"]].kind.value if n["actor"] in actors else "other",
                n.get("degree", 0.0) / top_degree,
            )
            for n in kept
        ]
        net_edges = [charts.NetEdge(e["source"], e["target"], e["predicate"]) for e in drawn_edges]
        layout = charts.network_layout(net_nodes, net_edges)
        wide = charts.network_chart(net_nodes, net_edges, salt="network", layout=layout)
        small = charts.network_chart(
            net_nodes, net_edges, width=5.4, height=7.4, legend_below=True, salt="network-narrow", layout=layout
        )
        chart, narrow = wide.svg, small.svg
        unlabelled = len(wide.unlabelled)
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
        narrow=narrow,
        unlabelled=unlabelled,
        merged=merged,
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
