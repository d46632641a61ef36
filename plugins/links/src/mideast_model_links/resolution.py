"""The ``resolution`` analysis: which actors an import resolved to canonical ones, which not.

An importer marks every actor it could not resolve through the ``resolve_actor`` hook
with ``resolved=False``; resolved ones are the canonical actors themselves (the seed's,
or another plugin's). The importers also record, in each file's source, every raw name
they met, the actor it resolved to and the rule that matched (``"acled id, period tag
(2017-) dropped"``) or "unresolved" (:func:`mideast_model.io.rows.resolution_text`).
This analysis shows that record (or, for data without one, the actors by status) with
the number of events of each actor, so a user sees what resolved how and what to add
to the identity table.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from mideast_model.dataset import Dataset
from mideast_model.extensions import TableResult
from mideast_model.io.resolution import parse_resolution

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
    names: list[dict[str, Any]] = []
    for source in sorted(dataset.sources.values(), key=lambda s: s.id):
        for raw, actor_id, rule in parse_resolution(source.description):
            state = "resolved" if rule is not None else "unresolved"
            if status != "all" and state != status:
                continue
            names.append(
                {"name": raw, "file": source.title, "actor": actor_id, "status": state, "rule": rule,
                 "events": events[actor_id]}
            )  # fmt: skip
    names.sort(key=lambda n: (n["status"] != "unresolved", -n["events"], n["name"], n["file"]))
    names_shown = names[:limit] if limit > 0 else names
    resolved = sum(1 for a in dataset.actors.values() if a.resolved)
    data: dict[str, Any] = {
        "resolved": resolved,
        "unresolved": len(dataset.actors) - resolved,
        "by_origin": {k: by_origin[k] for k in sorted(by_origin)},
        "actors": [{"actor": r[0], "name": r[1], "status": r[2], "external_ids": r[3], "events": r[4]} for r in shown],
        "names": names_shown,
    }
    title = f"Actor resolution: {resolved} resolved, {len(dataset.actors) - resolved} unresolved"
    if names_shown:  # the importers' record: each raw name, what it resolved to, by which rule
        return TableResult(
            title=f"{title}; {len(names)} raw names",
            columns=("raw name", "resolved to", "rule", "events", "file"),
            rows=tuple((n["name"], n["actor"], n["rule"] or "unresolved", n["events"], n["file"]) for n in names_shown),
            data=data,
        )
    return TableResult(
        title=title,
        columns=("actor", "name", "status", "external ids", "events"),
        rows=tuple(shown),
        data=data,
    )
