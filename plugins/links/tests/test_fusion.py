"""Fusion: the ACLED Iraq fixture merged with the seed shows who the sources say fired at Camp Taji."""

from __future__ import annotations

from pathlib import Path

from mideast_model_links.fusion import attributions

from mideast_model.api import read_input
from mideast_model.data import seed
from mideast_model.plugins import get_importer

IRAQ = Path(__file__).parents[2] / "acled" / "tests" / "fixtures" / "iraq_2019_2020_acled.csv"


def test_camp_taji_attribution_keeps_the_datas_coding() -> None:
    imported, _ = read_input(get_importer("acled"), str(IRAQ))
    merged = imported.merge(seed())
    rows = attributions(merged).to_json()["attributions"]
    taji = [r for r in rows if r["event"] == "event:acled:IRQ46011" and r["attributed"] == "actor:kataib-hezbollah"]
    assert taji, rows
    (row,) = taji
    assert row["linked_to"] == "event:2020-03-11-camp-taji-attack"
    assert {"source:nyt-2020-03-27", "source:progressive-2020-03-26"} <= set(row["sources"])
    event = merged.events["event:acled:IRQ46011"]
    assert "actor:kataib-hezbollah" not in event.actors()  # the data's own coding is not overwritten
    assert any("unidentified-armed-group" in a for a in row["coded"])


def test_titfortat_on_the_merged_dataset_says_which_links_came_from_attribution() -> None:
    from mideast_model_links.fusion import same_as

    from mideast_model.analyses import titfortat

    imported, _ = read_input(get_importer("acled"), str(IRAQ))
    merged = imported.merge(seed())
    matches = same_as(merged)
    assert "event:2020-03-11-camp-taji-attack" in matches["event:acled:IRQ46011"]
    result = titfortat.run(merged, same_as=matches).to_json()
    acts = {a["event"]: a for chain in result["chains"] for a in chain["actions"]}
    taji = acts.get("event:acled:IRQ46011")
    assert taji is not None and taji["actor"] == "actor:kataib-hezbollah" and taji["attributed"], acts.keys()
    assert "actor:kataib-hezbollah" not in merged.events["event:acled:IRQ46011"].actors()
