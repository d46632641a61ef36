"""The ``resolution`` analysis: which actors an import resolved to canonical ones, which not.

An importer marks every actor it could not resolve through the ``resolve_actor`` hook
with ``resolved=False``; resolved ones are the canonical actors themselves (the seed's,
or another plugin's). This analysis lists them with the number of events each takes
part in, so a user sees what to add to a resolution table.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from mideast_model.dataset import Dataset
from mideast_model.extensions import TableResult

__all__ = ["actor_origin", "resolution"]


def actor_origin(actor_id: str) -> str:
    """The namespace an actor id comes from (``actor:acled:x`` is ``acled``; ``actor:cameo:X`` is ``gdelt``)."""
    parts = actor_id.split(":")
    if len(parts) < 3:
        return "canonical"
    return "gdelt" if parts[1] == "cameo" else parts[1]


def resolution(dataset: Dataset, status: str = "all", limit: int = 0) -> TableResult:
    """Actors by resolution status, with the events each takes part in (most first)."""
    events: Counter[str] = Counter()
    for event in dataset.events.values():
        for actor_id in set(event.actors()):
            events[actor_id] += 1
    rows = []
    by_origin: dict[str, dict[str, int]] = {}
    for actor in dataset.actors.values():
        state = "resolved" if actor.resolved else "unresolved"
        counts = by_origin.setdefault(actor_origin(actor.id), {"resolved": 0, "unresolved": 0})
        counts[state] += 1
        if status != "all" and state != status:
            continue
        ext = ", ".join(f"{e.scheme}={e.value}" for e in actor.external_ids)
        rows.append((actor.id, actor.name, state, ext, events[actor.id]))
    rows.sort(key=lambda r: (r[2] != "unresolved", -r[4], r[0]))
    shown = rows[:limit] if limit > 0 else rows
    resolved = sum(1 for a in dataset.actors.values() if a.resolved)
    data: dict[str, Any] = {
        "resolved": resolved,
        "unresolved": len(dataset.actors) - resolved,
        "by_origin": {k: by_origin[k] for k in sorted(by_origin)},
        "actors": [{"actor": r[0], "name": r[1], "status": r[2], "external_ids": r[3], "events": r[4]} for r in shown],
    }
    return TableResult(
        title=f"Actor resolution: {resolved} resolved, {len(dataset.actors) - resolved} unresolved",
        columns=("actor", "name", "status", "external ids", "events"),
        rows=tuple(shown),
        data=data,
    )
