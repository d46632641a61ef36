"""Fusion of event data with reporting: attributions sources make for events the data leaves open.

Once :func:`~mideast_model_links.links.find_links` has matched an imported event (ACLED,
GDELT…) to a curated event, the curated event's ``responsible_for`` claims (Kataib
Hezbollah ``responsible_for`` the Camp Taji attack, asserted by the NY Times and The
Progressive) are shown beside the data's own coding ("Unidentified Armed Group (Iraq)")
as *attributed by those sources*. Nothing is overwritten: the imported event keeps its
participants; the attribution is a row of this analysis, with the link that carries it.
"""

from __future__ import annotations

from typing import Any

from mideast_model.dataset import Dataset
from mideast_model.extensions import TableResult
from mideast_model.model import Predicate, Role, Stance
from mideast_model_links.links import dataset_of, find_links

__all__ = ["attributions", "same_as"]

_DOERS = (Role.INITIATOR,)


def same_as(dataset: Dataset, min_score: float = 0.8, tolerance_days: int = 1) -> dict[str, tuple[str, ...]]:
    """Imported event id → the curated events ``links`` matches to it (score at least ``min_score``).

    The mapping the analyses take as ``same_as`` (``titfortat``, ``escalation``): an imported
    event the data leaves to an unidentified group then carries the curated event's
    attributions, marked as such; its own coding is unchanged.
    """
    found, _ = find_links(dataset.events.values(), dataset, tolerance_days=tolerance_days, min_score=min_score)
    out: dict[str, set[str]] = {}
    for link in found:
        for imported, curated in ((link.a, link.b), (link.b, link.a)):
            if dataset_of(imported) != "curated" and dataset_of(curated) == "curated":
                out.setdefault(imported, set()).add(curated)
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


def attributions(
    dataset: Dataset, min_score: float = 0.6, tolerance_days: int = 1, with_seed: bool = True
) -> TableResult:
    """Imported events linked to curated ones, with the curated events' attributions by source.

    :param with_seed: merge the embedded seed first (the dataset's objects win on a shared id),
        so that an import alone is compared with the seed's reporting.
    """
    if with_seed:
        from mideast_model.data import seed

        dataset = dataset.merge(seed(), "keep-left")
    found, _ = find_links(dataset.events.values(), dataset, tolerance_days=tolerance_days, min_score=min_score)
    responsible: dict[str, list[tuple[str, str, str]]] = {}
    for claim in dataset.claims.values():
        asserted = claim.stance is not Stance.DENIES
        if claim.predicate is Predicate.RESPONSIBLE_FOR and claim.object is not None and asserted:
            responsible.setdefault(claim.object, []).append((claim.subject, claim.source, claim.id))
    rows: list[tuple[Any, ...]] = []
    data: list[dict[str, Any]] = []
    for link in found:
        pairs = [(link.a, link.b), (link.b, link.a)]
        for imported, curated in pairs:
            if dataset_of(imported) == "curated" or dataset_of(curated) != "curated" or curated not in responsible:
                continue
            event = dataset.events[imported]
            coded = [p.actor for p in event.participants if p.role in _DOERS and not p.associated]
            by_actor: dict[str, list[tuple[str, str]]] = {}
            for actor, source, claim_id in responsible[curated]:
                by_actor.setdefault(actor, []).append((source, claim_id))
            for actor, backing in sorted(by_actor.items()):
                if actor in coded:
                    continue  # the data already codes it so
                sources = sorted({s for s, _ in backing})
                names = [dataset.sources[s].title if s in dataset.sources else s for s in sources]
                coded_names = [dataset.actors[a].name if a in dataset.actors else a for a in coded]
                rows.append(
                    (imported, ", ".join(coded_names) or "-", actor, "attributed by " + "; ".join(names), curated,
                     f"{link.score:.2f}")
                )  # fmt: skip
                data.append(
                    {"event": imported, "coded": coded, "attributed": actor, "sources": sources,
                     "claims": sorted(c for _, c in backing), "linked_to": curated, "score": link.score}
                )  # fmt: skip
    return TableResult(
        title=f"Attributions by sources for linked events ({len(data)}; the data's coding kept)",
        columns=("event", "coded by the data", "attributed", "by", "linked to", "score"),
        rows=tuple(rows),
        data={
            "attributions": data,
            "params": {"min_score": min_score, "tolerance_days": tolerance_days, "with_seed": with_seed},
        },
    )
