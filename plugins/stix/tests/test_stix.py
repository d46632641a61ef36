"""The STIX exporter against the OASIS validator (strict, only check 302 disabled)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from mideast_model_stix.bundle import EXTENSION_ID, check_references, dumps, stix_id

import mideast_model
from mideast_model.cli import write_output
from mideast_model.dataset import Dataset
from mideast_model.plugins import get_exporter
from mideast_model.testing.strategies import datasets

HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> ]]> line one\nline two \x07 bell & "q"'
SLOW = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))


def validate(text: str) -> list[str]:
    """Errors of the OASIS validator in strict mode (2.1), check 302 (hashes on URLs) disabled."""
    from stix2validator import ValidationOptions, validate_string

    options = ValidationOptions(version="2.1", strict=True, disabled=["302"], enforce_refs=True)
    result = validate_string(text, options)
    errors = [str(e) for e in result.errors]
    assert result.is_valid == (not errors)
    return errors


def test_validator_is_real_and_strict() -> None:
    """The validator has its schemas (3.3.1 shipped without them) and rejects a bad bundle."""
    from importlib.metadata import version

    major, minor, patch = (int(x) for x in version("stix2-validator").split(".")[:3])
    assert (major, minor, patch) >= (3, 3, 2)
    bad = {
        "type": "bundle",
        "id": "bundle--6ba7b810-9dad-41d1-80b4-00c04fd430c8",
        "objects": [
            {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                "created": "2020-01-01T00:00:00.000Z",
                "modified": "2020-01-01T00:00:00.000Z",
                "name": "x",
                "identity_class": "not-in-the-vocabulary",
                "x_custom": 1,
            }
        ],
    }
    assert validate(json.dumps(bad))


def test_seed_bundle_validates(tmp_path: Path) -> None:
    out = tmp_path / "seed.stix.json"
    write_output("stix", mideast_model.seed(), str(out), {})
    text = out.read_text(encoding="utf-8")
    assert validate(text) == []
    bundle = json.loads(text)
    assert check_references(bundle["objects"]) == []
    types = {o["type"] for o in bundle["objects"]}
    assert {"identity", "report", "campaign", "note", "relationship", "extension-definition"} <= types


def test_hostile_bundle(hostile: Dataset) -> None:
    text = dumps(hostile).decode()
    assert validate(text) == []
    assert "<" not in text and ">" not in text and "&" not in text
    objects = {o["id"]: o for o in json.loads(text)["objects"]}
    note = objects[stix_id("note", "claim:1")]
    ext = note["extensions"][EXTENSION_ID]
    assert ext["extension_type"] == "property-extension"
    assert note["content"] == HOSTILE and ext["quote"] == HOSTILE
    assert ext["speaker"] == "actor:esper" and ext["stance"] == "asserts"
    assert ext["admiralty"] == {"reliability": "B", "credibility": 2, "grade": "B2"}
    assert note["confidence"] == 90
    assert not [k for o in objects.values() for k in o if k.startswith("x_")]
    # relation with validity → start/stop times (exclusive end)
    rel = objects[stix_id("relationship", "relation:1")]
    assert (rel["start_time"], rel["stop_time"]) == ("2019-12-01T00:00:00Z", "2020-04-01T00:00:00Z")
    # events are campaigns attributed to the initiators' threat actors
    attributed = [
        o
        for o in objects.values()
        if o["type"] == "relationship"
        and o["relationship_type"] == "attributed-to"
        and o["source_ref"] == stix_id("campaign", "event:taji")
    ]
    assert [o["target_ref"] for o in attributed] == [stix_id("threat-actor", "actor:kataib-hezbollah")]
    report = objects[stix_id("report", "source:nyt")]
    assert report["created_by_ref"] == stix_id("identity", "publisher|The New York Times")
    assert report["external_references"][0]["external_id"] == "source:nyt"
    assert stix_id("note", "claim:1") in report["object_refs"]


def test_deterministic(hostile: Dataset) -> None:
    assert dumps(hostile) == dumps(Dataset.from_objects(reversed(list(hostile))))


def test_reference_check_finds_dangling() -> None:
    objects = [
        {"id": "identity--a", "type": "identity"},
        {"id": "note--b", "type": "note", "created_by_ref": "identity--missing", "object_refs": ["identity--a"]},
    ]
    assert check_references(objects) == ["note--b.created_by_ref -> identity--missing"]


@SLOW
@given(datasets())
def test_generated_bundles_validate(dataset: Dataset) -> None:
    text = dumps(dataset).decode()
    assert validate(text) == []
    assert check_references(json.loads(text)["objects"]) == []


def _read_ids(path: Path) -> dict[str, set[str]]:
    """Our ids, read back from the bundle's extension properties."""
    out: dict[str, set[str]] = {k: set() for k in ("actors", "sources", "events", "claims", "relations")}
    for obj in json.loads(Path(path).read_text(encoding="utf-8"))["objects"]:
        ext = obj.get("extensions", {}).get(EXTENSION_ID)
        if ext and obj["type"] in ("identity", "report", "campaign", "note", "relationship"):
            out[ext["model_kind"] + "s"].add(ext["model_id"])
    return out


def test_lossy_conformance(hostile: Dataset) -> None:
    from mideast_model.testing.conformance import check_lossy_export

    check_lossy_export(get_exporter("stix"), hostile, _read_ids)
    check_lossy_export(get_exporter("stix"), mideast_model.seed(), _read_ids)


def test_killed_export_leaves_previous_file(large_json: Path, tmp_path: Path, killer: Any) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"previous")
    if killer("stix", large_json, target, data=False):
        assert target.read_bytes() == b"previous"
    else:  # pragma: no cover - only on a very fast machine
        pytest.fail("the export finished before it could be killed")
