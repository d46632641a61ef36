"""Tests of the ``links`` and ``resolution`` analyses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from mideast_model_links.links import dataset_of, find_links, haversine_km

from mideast_model import seed
from mideast_model.dataset import Dataset
from mideast_model.model import Actor, ActorKind, Event, EventKind, Participant, Place, Role
from mideast_model.plugins import get_analysis, get_importer
from mideast_model.testing import strategies
from mideast_model.testing.importers import (
    fixtures_dir,
    import_file,
)

TAJI = "event:2020-03-11-camp-taji-attack"

try:
    from mideast_model.testing.conformance import check_analysis
except ImportError:  # pragma: no cover - until the conformance kit lands

    def check_analysis(analysis, dataset, **params):  # type: ignore[no-untyped-def]
        first = analysis.run(dataset, **params).to_json()
        shuffled = Dataset.from_objects(reversed(list(dataset)))
        assert analysis.run(shuffled, **params).to_json() == first
        return first


FIXTURES = fixtures_dir(__file__)


def _imported(name: str, path: Path) -> Dataset:
    pytest.importorskip(f"mideast_model_{name}")
    dataset, skipped = import_file(get_importer(name), path)
    assert not skipped
    return dataset


def _with_seed(*datasets: Dataset) -> Dataset:
    merged = seed()
    for d in datasets:
        merged = merged.merge(d)
    return merged


@pytest.mark.parametrize(("importer", "fixture", "event"), [
    ("acled", "camp_taji_acled.csv", "event:acled:IRQ99001"),
    ("gdelt", "camp_taji.export.CSV", "event:gdelt:910100001"),
])  # fmt: skip
def test_camp_taji_fixture_links_to_the_seed(importer: str, fixture: str, event: str) -> None:
    imported = _imported(importer, FIXTURES / fixture)
    merged = _with_seed(imported)
    result = get_analysis("links").run(merged, event=TAJI)
    pairs = {(link["a"], link["b"]): link for link in result.to_json()["links"]}
    key = tuple(sorted((TAJI, event)))
    assert key in pairs, pairs
    link = pairs[key]
    assert link["score"] >= 0.8
    assert any("km apart" in r for r in link["reasons"])
    assert any("actor:us-military" in r for r in link["reasons"])
    assert "kind: both rocket_attack" in link["reasons"]
    # the other imported event (a protest / a White House appeal) is not linked to Camp Taji
    assert all(event in k or not any(e.startswith(f"event:{importer}:") for e in k) for k in pairs)
    # links never merge: the dataset is unchanged
    assert TAJI in merged.events and event in merged.events


def test_both_fixtures_link_to_each_other_and_to_the_seed() -> None:
    merged = _with_seed(
        _imported("acled", FIXTURES / "camp_taji_acled.csv"), _imported("gdelt", FIXTURES / "camp_taji.export.CSV")
    )
    result = check_analysis(get_analysis("links"), merged)
    data = result if isinstance(result, dict) else result.to_json()  # type: ignore[union-attr]
    pairs = {(link["a"], link["b"]) for link in data["links"]}
    assert {
        ("event:2020-03-11-camp-taji-attack", "event:acled:IRQ99001"),
        ("event:2020-03-11-camp-taji-attack", "event:gdelt:910100001"),
        ("event:acled:IRQ99001", "event:gdelt:910100001"),
    } <= pairs
    assert ("event:2020-03-11-camp-taji-attack", "event:2020-03-14-camp-taji-rockets") not in pairs


def _event(
    eid: str,
    when: str,
    *,
    lat: float | None = None,
    lon: float | None = None,
    country: str = "IRQ",
    kind: EventKind = EventKind.ARTILLERY_OR_ROCKET_ATTACK,
    actors: tuple[str, ...] = ("actor:a",),
) -> Event:
    place = Place("somewhere", country=country, lat=lat, lon=lon)
    people = tuple(Participant(a, Role.PARTICIPANT) for a in actors)
    return Event(eid, kind, when, "t", place=place, participants=people)


def _dataset(*events: Event) -> Dataset:
    actors = {p.actor for e in events for p in e.participants}
    return Dataset.from_objects([*events, *(Actor(a, a, ActorKind.GROUP) for a in sorted(actors))])


def test_same_dataset_never_links_and_far_or_late_events_do_not() -> None:
    d = _dataset(
        _event("event:acled:1", "2020-03-11", lat=33.5, lon=44.2),
        _event("event:acled:2", "2020-03-11", lat=33.5, lon=44.2),
        _event("event:gdelt:1", "2020-03-11", lat=33.5, lon=44.2),
        _event("event:gdelt:2", "2020-03-15", lat=33.5, lon=44.2),
        _event("event:gdelt:3", "2020-03-11", lat=33.5, lon=44.2, country="IRN"),
        _event("event:gdelt:4", "2020-03-11", lat=33.5, lon=44.2, kind=EventKind.MEETING),
    )
    links, vague = find_links(d.events.values(), d)
    pairs = {(lk.a, lk.b) for lk in links}
    assert pairs == {("event:acled:1", "event:gdelt:1"), ("event:acled:2", "event:gdelt:1")}
    assert vague == 0


def test_month_long_spans_score_lower() -> None:
    d = _dataset(
        _event("event:acled:1", "2020-03-11", lat=33.5, lon=44.2),
        _event("event:ucdp:1", "2020-03", lat=33.5, lon=44.2),
        _event("event:gdelt:1", "2020-03-11", lat=33.5, lon=44.2),
    )
    links, _ = find_links(d.events.values(), d, min_score=0.0)
    score = {(lk.a, lk.b): lk.score for lk in links}
    assert score[("event:acled:1", "event:gdelt:1")] > score[("event:acled:1", "event:ucdp:1")]


def test_haversine_and_dataset_of() -> None:
    assert haversine_km(33.52, 44.25, 33.52, 44.25) == 0
    assert 680 < haversine_km(33.3, 44.4, 35.7, 51.4) < 710  # Baghdad - Tehran, about 690 km
    assert dataset_of("event:acled:IRQ1") == "acled" and dataset_of(TAJI) == "curated"


def test_resolution_analysis() -> None:
    imported = _imported("acled", FIXTURES / "camp_taji_acled.csv")
    result = check_analysis(get_analysis("resolution"), imported)
    data = result if isinstance(result, dict) else result.to_json()  # type: ignore[union-attr]
    assert data["resolved"] >= 3 and data["unresolved"] >= 1
    assert data["by_origin"]["acled"]["unresolved"] == data["unresolved"]
    statuses = {row["actor"]: row["status"] for row in data["actors"]}
    assert statuses["actor:kataib-hezbollah"] == "resolved"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.datasets(max_objects=25))
def test_links_on_any_dataset(dataset: Dataset) -> None:
    result = check_analysis(get_analysis("links"), dataset, min_score=0.0)
    data = result if isinstance(result, dict) else result.to_json()  # type: ignore[union-attr]
    for link in data["links"]:
        assert link["a"] < link["b"] and dataset_of(link["a"]) != dataset_of(link["b"])
        assert 0.0 <= link["score"] <= 1.0


def test_resolution_shows_each_raw_name_with_its_rule() -> None:
    imported = _imported("acled", FIXTURES / "camp_taji_acled.csv")
    data = get_analysis("resolution").run(imported).to_json()
    names = {n["name"]: n for n in data["names"]}
    kh = names["Kataib Hezbollah"]
    assert kh["actor"] == "actor:kataib-hezbollah" and kh["rule"] == "acled id" and kh["status"] == "resolved"
    us = names["Military Forces of the United States (2017-2021)"]
    assert us["actor"] == "actor:us-military" and "period tag (2017-2021) dropped" in us["rule"]
    assert names["Labour Group (Iraq)"]["status"] == "unresolved" and names["Labour Group (Iraq)"]["rule"] is None
    unresolved = get_analysis("resolution").run(imported, status="unresolved").to_json()["names"]
    assert unresolved and all(n["status"] == "unresolved" for n in unresolved)
