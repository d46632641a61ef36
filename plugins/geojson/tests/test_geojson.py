"""GeoJSON: RFC 7946 structure (checked by the ``geojson`` package and a JSON Schema)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geojson
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from mideast_model_geojson.features import dumps

import mideast_model
from mideast_model.cli import write_output
from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
from mideast_model.testing.strategies import datasets

HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> ]]> line one\nline two \x07 bell & "q"'
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

# RFC 7946 rules for what this exporter writes: a FeatureCollection of Features whose
# geometry is a Point [lon, lat] (WGS 84 ranges) or null; no "crs" member (§4).
RFC7946 = {
    "type": "object",
    "required": ["type", "features"],
    "not": {"required": ["crs"]},
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "not": {"required": ["crs"]},
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "properties": {"type": ["object", "null"]},
                    "geometry": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["type", "coordinates"],
                                "properties": {
                                    "type": {"const": "Point"},
                                    "coordinates": {
                                        "type": "array",
                                        "minItems": 2,
                                        "maxItems": 3,
                                        "prefixItems": [
                                            {"type": "number", "minimum": -180, "maximum": 180},
                                            {"type": "number", "minimum": -90, "maximum": 90},
                                        ],
                                        "items": {"type": "number"},
                                    },
                                },
                            },
                        ]
                    },
                },
            },
        },
    },
}


def check(text: bytes | str) -> dict[str, Any]:
    """Validate with the geojson package and the RFC 7946 schema; return the document."""
    obj = geojson.loads(text)
    assert obj.is_valid, obj.errors()
    doc = json.loads(text)
    jsonschema.Draft202012Validator(RFC7946).validate(doc)
    return doc  # type: ignore[no-any-return]


def test_hostile_text_survives(hostile: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    write_output("geojson", hostile, str(out), {})
    raw = out.read_text(encoding="utf-8")
    assert "<" not in raw and "&" not in raw
    doc = check(raw)
    [feature] = doc["features"]  # only the located event
    assert feature["id"] == "event:taji"
    assert feature["geometry"]["coordinates"] == [44.26, 33.52]  # lon, lat
    props = feature["properties"]
    assert props["summary"] == HOSTILE
    assert props["when"] == "2020-03-11" and props["kind"] == "rocket_attack"
    assert props["participants"][0] == {
        "actor": "actor:kataib-hezbollah",
        "name": "Kataib Hezbollah",
        "role": "initiator",
    }
    assert props["killed_min"] == 2
    assert props["sources"] == ["source:cg", "source:nyt"]


def test_unlocated_option(hostile: Dataset, tmp_path: Path) -> None:
    doc = check(dumps(hostile, unlocated=True))
    assert [f["geometry"] is None for f in doc["features"]] == [True, False]
    write_output("geojson", hostile, str(tmp_path / "all.geojson"), {"unlocated": "true"})
    assert len(check((tmp_path / "all.geojson").read_bytes())["features"]) == 2
    with pytest.raises(InvalidInputError):
        write_output("geojson", hostile, str(tmp_path / "x.geojson"), {"unlocated": "perhaps"})
    assert not (tmp_path / "x.geojson").exists()


def test_seed_geojson(tmp_path: Path) -> None:
    seed = mideast_model.seed()
    out = tmp_path / "seed.geojson"
    write_output("geojson", seed, str(out), {})
    doc = check(out.read_bytes())
    located = {e.id for e in seed.events.values() if e.place is not None and e.place.has_coordinates}
    assert {f["id"] for f in doc["features"]} == located


@SLOW
@given(datasets())
def test_generated_collections_are_valid(dataset: Dataset) -> None:
    doc = check(dumps(dataset))
    located = {e.id for e in dataset.events.values() if e.place is not None and e.place.has_coordinates}
    assert {f["id"] for f in doc["features"]} == located
    for feature in doc["features"]:
        event = dataset.events[feature["id"]]
        assert event.place is not None
        assert feature["geometry"]["coordinates"] == [event.place.lon, event.place.lat]
        assert feature["properties"]["title"] == event.title


def test_schema_rejects_swapped_coordinates() -> None:
    bad = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.0, 133.0]}, "properties": {}}
        ],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(RFC7946).validate(bad)


def test_killed_export_leaves_previous_file(large_json: Path, tmp_path: Path, killer: Any) -> None:
    target = tmp_path / "out.geojson"
    target.write_bytes(b"previous")
    assert killer("geojson", large_json, target, data=False), "the export finished before it could be killed"
    assert target.read_bytes() == b"previous"
