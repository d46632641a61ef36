"""The US - Kataib Hezbollah - Iran dynamic as the analyses read it from the ACLED-shaped Iraq fixture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mideast_model.api import read_input
from mideast_model.plugins import get_analysis, get_importer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def iraq() -> Any:
    data, skipped = read_input(get_importer("acled"), str(FIXTURES / "iraq_2019_2020_acled.csv"))
    assert not skipped
    return data


def _chains(iraq: Any) -> list[list[str]]:
    data = get_analysis("titfortat").run(iraq).to_json()
    return [[a["event"].removeprefix("event:acled:") for a in chain["actions"]] for chain in data["chains"]]


def _contains(chains: list[list[str]], sequence: list[str]) -> bool:
    return any(all(step in chain for step in sequence) and sorted(sequence, key=chain.index) == sequence
               for chain in chains)  # fmt: skip


def test_titfortat_finds_k1_strikes_embassy(iraq: Any) -> None:
    assert _contains(_chains(iraq), ["IRQ46001", "IRQ46002", "IRQ46003"])


def test_titfortat_finds_soleimani_then_iranian_missiles(iraq: Any) -> None:
    chains = _chains(iraq)
    assert _contains(chains, ["IRQ46005", "IRQ46007"]) or _contains(chains, ["IRQ46005", "IRQ46008"])


def test_escalation_ranks_us_kataib_hezbollah_among_the_top_dyads(iraq: Any) -> None:
    dyads = get_analysis("escalation").run(iraq).to_json()["dyads"]
    winter = [d for d in dyads if d["window"] in ("2019-12", "2020-01")]
    top = sorted(winter, key=lambda d: -d["index"])[:3]
    pair = {"actor:us-military", "actor:kataib-hezbollah"}
    assert any({d["actor"], d["target"]} == pair for d in top), [(d["actor"], d["target"]) for d in top]
    first = top[0]
    assert not ("unidentified-armed-group" in first["actor"] and "civilians" in first["target"])
