"""Event data fused with reporting: on the ACLED-shaped fixture of Iraq (Dec 2019 - Mar 2020), alone
and merged with the seed through accepted links, titfortat and escalation find the US - Kataib
Hezbollah - Iran sequence, attributed initiators are marked, and the index does not saturate."""

from __future__ import annotations

from pathlib import Path

import pytest

from mideast_model.analyses import escalation, titfortat
from mideast_model.dataset import Dataset

FIXTURE = Path(__file__).resolve().parents[1] / "plugins" / "acled" / "tests" / "fixtures" / "iraq_2019_2020_acled.csv"


@pytest.fixture(scope="module")
def acled() -> Dataset:
    pytest.importorskip("mideast_model_acled")
    if not FIXTURE.exists():
        pytest.skip("ACLED fixture not present")
    from mideast_model.api import import_inputs

    dataset, _ = import_inputs("acled", [FIXTURE])
    return dataset


def _has(chains: tuple[titfortat.Chain, ...], *rows: str) -> titfortat.Chain | None:
    wanted = tuple(f"event:acled:{r}" for r in rows)
    for chain in chains:
        events = chain.events
        if any(events[i : i + len(wanted)] == wanted for i in range(len(events))):
            return chain
    return None


def test_acled_sequence_in_titfortat(acled: Dataset) -> None:
    chains = titfortat.run(acled).chains
    k1 = _has(chains, "IRQ46001", "IRQ46002", "IRQ46003")  # K-1 -> US strikes -> embassy
    assert k1 is not None and k1.links[0] == "certain" and k1.links[1] == "possible"  # the riot is undirected
    assert not k1.actions[2].directed
    soleimani = _has(chains, "IRQ46005", "IRQ46007")  # Soleimani -> Iranian missiles
    assert soleimani is not None and soleimani.certain
    assert len({c.events for c in chains}) == len(chains)
    # Camp Taji is coded "Unidentified Armed Group": without reporting, no one is shown acting
    assert all("event:acled:IRQ46011" not in c.events for c in chains)


def test_acled_escalation_ranks_us_kataib_hezbollah_without_saturation(acled: Dataset) -> None:
    result = escalation.run(acled)
    dist = result.distribution()
    print("ACLED monthly escalation distribution:", dist)
    assert dist["share_at_or_above_9.5"] == 0.0 and dist["distinct"] > dist["rows"] / 2
    top = result.top(5)
    assert any("kataib-hezbollah" in r.target and r.actor.startswith("actor:us") for r in top), top
    assert not any(r.actor.startswith("actor:acled:unidentified") for r in result.rows)


def test_merged_with_the_seed_the_attribution_is_shown(acled: Dataset) -> None:
    pytest.importorskip("mideast_model_links")
    from mideast_model_links.links import dataset_of, find_links

    from mideast_model.data import seed

    merged = seed().merge(acled, policy="keep-left")
    links, _ = find_links(merged.events.values(), merged, min_score=0.6)
    same: dict[str, list[str]] = {}
    for link in links:
        for x, y in ((link.a, link.b), (link.b, link.a)):
            if dataset_of(x) != "curated" and dataset_of(y) == "curated":
                same.setdefault(x, []).append(y)
    assert "event:2020-03-11-camp-taji-attack" in same.get("event:acled:IRQ46011", [])
    chain = _has(titfortat.run(merged, same_as=same).chains, "IRQ46011", "IRQ46012", "IRQ46014")
    assert chain is not None
    first = chain.actions[0]
    assert first.attributed and all(
        merged.claims[c].object == "event:2020-03-11-camp-taji-attack" for c in first.attributed
    )
    # the data's own coding is kept
    assert any(
        p.actor.startswith("actor:acled:unidentified") for p in merged.events["event:acled:IRQ46011"].participants
    )
    rows = escalation.run(merged, same_as=same).rows
    assert any("event:acled:IRQ46011" in r.attributed for r in rows)
