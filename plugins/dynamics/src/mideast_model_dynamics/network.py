"""``network``: the actor graph on a date — relations, attacks, proxy chains, centrality, communities.

Nodes are actors. Edges are the relations that may hold on ``date`` (all, without a date;
symmetric ones — allied_with, hostile_to — both ways) and ``attacks`` edges from hostile
events (CAMEO 17–20; initiator side → target/victim side; with a date, events ending in the
``days`` up to it), weighted by their number. Proxy chains are paths
*backer —backs/controls→ proxy —hostile_to/attacks→ target*. Centrality (degree and
betweenness, normalised) is computed on the whole directed graph; communities
(greedy modularity, networkx) on the undirected graph of cooperative ties only
(backs, controls, part_of, leads, commands, member_of, allied_with), so that enemies are
never grouped for fighting each other; a member whose hostile ties into its community weigh
at least as much as its cooperative ones (protesters "part of" the state that shot them) is
then set apart. Nodes are added in id order, which makes the greedy algorithm deterministic.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from mideast_model.analyses.common import Sides, event_day, fmt, gc_paused, is_hostile, render_markdown, render_rich
from mideast_model.model import RelationPredicate

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset

_COOPERATIVE = frozenset({"backs", "controls", "part_of", "leads", "commands", "member_of", "allied_with"})
_BACKING = frozenset({RelationPredicate.BACKS.value, RelationPredicate.CONTROLS.value})


@attrs.frozen
class Edge:
    """A directed edge: a relation predicate or ``attacks``, with the ids behind it."""

    source: str
    target: str
    predicate: str
    evidence: tuple[str, ...]


@attrs.frozen
class ProxyChain:
    """``backer`` backs or controls ``proxy``, which is hostile to or attacks ``target``."""

    backer: str
    proxy: str
    target: str
    link: str
    evidence: tuple[str, ...]


@attrs.frozen
class NodeStats:
    """An actor's degree and betweenness centrality and its community number."""

    actor: str
    degree: float
    betweenness: float
    community: int


@attrs.frozen
class NetworkResult:
    """The graph's edges, proxy chains, node statistics and communities."""

    date: str | None
    edges: tuple[Edge, ...]
    chains: tuple[ProxyChain, ...]
    nodes: tuple[NodeStats, ...]
    communities: tuple[tuple[str, ...], ...]

    @gc_paused
    def to_json(self) -> Any:
        """Everything by actor, relation and event id."""
        return {
            "date": self.date,
            "edges": [{**attrs.asdict(e, recurse=False), "evidence": list(e.evidence)} for e in self.edges],
            "proxy_chains": [{**attrs.asdict(c, recurse=False), "evidence": list(c.evidence)} for c in self.chains],
            "nodes": [attrs.asdict(n) for n in self.nodes],
            "communities": [list(c) for c in self.communities],
        }

    def _tables(self) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
        chains = [(c.backer, c.proxy, c.link, c.target, ", ".join(c.evidence)) for c in self.chains]
        top = sorted(self.nodes, key=lambda n: (-n.betweenness, -n.degree, n.actor))[:15]
        nodes = [(n.actor, fmt(n.degree, 3), fmt(n.betweenness, 3), n.community) for n in top]
        comms = [(i, len(c), ", ".join(c)) for i, c in enumerate(self.communities)]
        return [
            ("Proxy chains", ("backer", "proxy", "link", "target", "evidence"), chains),
            ("Most central actors", ("actor", "degree", "betweenness", "community"), nodes),
            ("Communities (cooperative ties)", ("community", "size", "actors"), comms),
        ]

    def to_markdown(self) -> str:
        """Chains, centrality and communities as Markdown tables."""
        return render_markdown(f"Actor network{' on ' + self.date if self.date else ''}", self._tables())

    def to_rich(self) -> RenderableType:
        """Chains, centrality and communities for the terminal."""
        return render_rich(f"Actor network{' on ' + self.date if self.date else ''}", self._tables())


def _edges(
    dataset: Dataset, date: dt.date | None, days: int, merge_units: bool
) -> dict[tuple[str, str, str], set[str]]:
    edges: dict[tuple[str, str, str], set[str]] = {}
    for rel in dataset.relations_on(date):
        edges.setdefault((rel.subject, rel.object, rel.predicate.value), set()).add(rel.id)
        if rel.predicate.symmetric:
            edges.setdefault((rel.object, rel.subject, rel.predicate.value), set()).add(rel.id)
    sides = Sides(dataset, merge_units=merge_units)
    first = None if date is None else date - dt.timedelta(days=days)
    for event in dataset.events.values():
        if not is_hostile(event):
            continue
        day = event_day(event)
        if day is None:
            continue
        if date is not None and first is not None and not first <= event.when.latest <= date:
            continue
        for a, b in sides.dyads(event, day):
            edges.setdefault((a, b, "attacks"), set()).add(event.id)
    return edges


def _apart_from_enemies(
    found: list[set[str]], coop: Any, edges: dict[tuple[str, str, str], set[str]]
) -> list[tuple[str, ...]]:
    """Communities without members that are more enemies than partners of their community.

    Modularity groups by ties alone, so protesters who are "part of" their country land in
    the community of the state and the militias that shot them. A member whose hostile ties
    (``attacks``, ``hostile_to``, either way) into its community weigh at least as much as
    its cooperative ones is put on its own, the worst first, until no such member is left.
    """
    enemies: dict[str, dict[str, int]] = {}
    for (a, b, pred), evidence in edges.items():
        if pred in ("attacks", "hostile_to") and a != b:
            for x, y in ((a, b), (b, a)):
                enemies.setdefault(x, {})[y] = enemies.get(x, {}).get(y, 0) + len(evidence)
    out: list[set[str]] = []
    for community in found:
        members = set(community)
        while len(members) > 1:
            worst, margin = None, 0
            for n in sorted(members):
                hostile = sum(w for m, w in enemies.get(n, {}).items() if m in members)
                if not hostile:
                    continue
                partner = sum(coop[n][m]["weight"] for m in coop[n] if m in members)
                if hostile - partner + 1 > margin:
                    worst, margin = n, hostile - partner + 1
            if worst is None:
                break
            members.discard(worst)
            out.append({worst})
        out.append(members)
    return sorted((tuple(sorted(c)) for c in out if c), key=lambda c: (-len(c), c))


@gc_paused
def run(dataset: Dataset, date: dt.date | None = None, days: int = 365, merge_units: bool = True) -> NetworkResult:
    """Build the actor graph (on ``date``, if given) and analyse it."""
    import networkx as nx  # type: ignore[import-untyped]
    from networkx.algorithms.community import greedy_modularity_communities  # type: ignore[import-untyped]

    edges = _edges(dataset, date, days, merge_units)
    graph = nx.DiGraph()
    coop = nx.Graph()
    nodes = sorted({x for a, b, _ in edges for x in (a, b)})
    graph.add_nodes_from(nodes)
    coop.add_nodes_from(nodes)
    for (a, b, pred), evidence in sorted(edges.items()):
        weight = graph.get_edge_data(a, b, {}).get("weight", 0) + len(evidence)
        graph.add_edge(a, b, weight=weight)
        if pred in _COOPERATIVE and a != b:
            coop.add_edge(a, b, weight=coop.get_edge_data(a, b, {}).get("weight", 0) + 1)
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    between = nx.betweenness_centrality(graph, normalized=True)
    communities: list[tuple[str, ...]] = []
    if coop.number_of_edges():
        found = greedy_modularity_communities(coop, weight="weight")
        communities = _apart_from_enemies([set(c) for c in found], coop, edges)
    else:
        communities = [(n,) for n in nodes]
    member = {n: i for i, c in enumerate(communities) for n in c}
    hostile: dict[str, list[tuple[str, str, str]]] = {}
    for (a, b, pred), _ in edges.items():
        if pred in ("hostile_to", "attacks"):
            hostile.setdefault(a, []).append((b, pred, a))
    found_chains: dict[tuple[str, str, str, str], set[str]] = {}
    for (backer, proxy, pred), evidence in sorted(edges.items()):
        if pred not in _BACKING:
            continue
        for target, link, _ in sorted(hostile.get(proxy, ())):
            if target not in (backer, proxy):
                proof = found_chains.setdefault((backer, proxy, target, link), set())
                proof |= evidence | edges[(proxy, target, link)]
    chains = [ProxyChain(b, p, t, link, tuple(sorted(ev))) for (b, p, t, link), ev in sorted(found_chains.items())]
    stats = tuple(NodeStats(n, round(degree[n], 6), round(between[n], 6), member[n]) for n in nodes)
    return NetworkResult(
        None if date is None else date.isoformat(),
        tuple(Edge(a, b, p, tuple(sorted(ev))) for (a, b, p), ev in sorted(edges.items())),
        tuple(chains),
        stats,
        tuple(communities),
    )
