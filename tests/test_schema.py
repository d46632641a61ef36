"""The JSON Schema of canonical JSON v1: every dump validates, broken documents do not,
and the schema agrees with the library's vocabularies and with the copy in docs/."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
from mideast_model.io import canonical
from mideast_model.io.schema import schema, schema_bytes
from mideast_model.model import (
    ActorKind,
    ClaimKind,
    Credibility,
    EventKind,
    GeoPrecision,
    Predicate,
    RelationPredicate,
    Reliability,
    Role,
    SourceKind,
    Stance,
)
from mideast_model.testing.strategies import datasets

ROOT = Path(__file__).resolve().parents[1]
VALIDATOR = jsonschema.Draft202012Validator(schema())
KINDS = ("actors", "sources", "events", "claims", "relations")


def is_valid(doc: Any) -> bool:
    return VALIDATOR.is_valid(doc)


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_docs_ship_the_same_schema() -> None:
    assert (ROOT / "docs" / "schema.json").read_bytes() == schema_bytes()


@pytest.mark.parametrize(
    ("definition", "field", "vocabulary"),
    [
        ("actor", "kind", ActorKind),
        ("source", "kind", SourceKind),
        ("source", "reliability", Reliability),
        ("event", "kind", EventKind),
        ("participant", "role", Role),
        ("place", "precision", GeoPrecision),
        ("claim", "predicate", Predicate),
        ("claim", "stance", Stance),
        ("claim", "kind", ClaimKind),
        ("claim", "credibility", Credibility),
        ("relation", "predicate", RelationPredicate),
    ],
)
def test_enums_match_the_vocabularies(definition: str, field: str, vocabulary: Any) -> None:
    assert schema()["$defs"][definition]["properties"][field]["enum"] == [m.value for m in vocabulary]


@pytest.mark.parametrize("kind", KINDS)
def test_properties_match_the_model_fields(kind: str) -> None:
    import attrs

    from mideast_model.model import KINDS as CLASSES

    definition = schema()["$defs"][kind[:-1]]
    fields = attrs.fields(CLASSES[kind])
    assert set(definition["properties"]) == {f.name for f in fields}
    required = {f.name for f in fields if f.default is attrs.NOTHING}
    assert set(definition["required"]) == required
    assert definition["additionalProperties"] is False


@given(datasets())
def test_every_dump_validates(dataset: Dataset) -> None:
    doc = orjson.loads(canonical.dumps(dataset))
    errors = list(VALIDATOR.iter_errors(doc))
    assert not errors, errors[0].message


def _first_object(doc: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    for kind in KINDS:
        if doc[kind]:
            return kind, doc[kind][0]
    return None


@settings(max_examples=20)
@given(datasets(), st.data())
def test_schema_and_loader_agree_on_broken_objects(dataset: Dataset, data: st.DataObject) -> None:
    """Dropping a required field or adding an unknown one breaks both the schema and the loader."""
    doc = orjson.loads(canonical.dumps(dataset))
    found = _first_object(doc)
    if found is None:
        return
    kind, obj = found
    definition = schema()["$defs"][kind[:-1]]
    how = data.draw(st.sampled_from(["drop", "extra"]))
    if how == "drop":
        obj.pop(data.draw(st.sampled_from(sorted(definition["required"]))))
    else:
        obj[data.draw(st.sampled_from(["colour", "ID", "_id", "extra"]))] = "x"
    assert not is_valid(doc)
    with pytest.raises(InvalidInputError):
        canonical.loads(orjson.dumps(doc))


def _good() -> dict[str, Any]:
    return {
        "format": "mideast-model",
        "version": 1,
        "actors": [{"id": "actor:a", "name": "A", "kind": "state"}],
        "sources": [{"id": "source:s", "title": "S", "kind": "news_report", "reliability": "B"}],
        "events": [
            {
                "id": "event:e",
                "kind": "rocket_attack",
                "when": "2020-03-11",
                "title": "E",
                "place": {"name": "Camp Taji", "country": "IRQ", "lat": 33.5, "lon": 44.2, "precision": "point"},
                "participants": [{"actor": "actor:a", "role": "target"}],
                "casualties": [{"label": "troops", "group": "actor:a", "killed": {"low": 2, "high": 2}}],
            }
        ],
        "claims": [
            {
                "id": "claim:c",
                "source": "source:s",
                "subject": "event:e",
                "predicate": "count",
                "attribute": "killed",
                "value": {"count": {"low": 3, "approximate": True}},
                "stance": "hedges",
                "confidence": 0.3,
                "credibility": 3,
                "offsets": [1, 5],
            }
        ],
        "relations": [{"id": "relation:r", "subject": "actor:a", "predicate": "backs", "object": "actor:a"}],
    }


def _break(doc: dict[str, Any], how: str) -> None:
    if how == "missing id":
        del doc["actors"][0]["id"]
    elif how == "unknown stance":
        doc["claims"][0]["stance"] = "shouts"
    elif how == "wrong format":
        doc["format"] = "other"
    elif how == "version 3":
        doc["version"] = 3
    elif how == "extra key":
        doc["events"][0]["colour"] = "red"
    elif how == "extra top-level key":
        doc["comments"] = []
    elif how == "null optional field":
        doc["actors"][0]["description"] = None
    elif how == "negative count":
        doc["events"][0]["casualties"][0]["killed"]["low"] = -1
    elif how == "whitespace in id":
        doc["actors"][0]["id"] = "actor a"
    elif how == "blank name":
        doc["actors"][0]["name"] = "   "
    elif how == "bad country":
        doc["events"][0]["place"]["country"] = "iraq"
    elif how == "confidence above 1":
        doc["claims"][0]["confidence"] = 1.5
    elif how == "credibility 7":
        doc["claims"][0]["credibility"] = 7
    elif how == "three offsets":
        doc["claims"][0]["offsets"] = [1, 2, 3]
    elif how == "empty claim value":
        doc["claims"][0]["value"] = {}
    elif how == "event without when":
        del doc["events"][0]["when"]
    elif how == "list is not a list":
        doc["events"] = {"event:e": {}}
    else:  # pragma: no cover
        raise AssertionError(how)


BROKEN = [
    "missing id",
    "unknown stance",
    "wrong format",
    "version 3",
    "extra key",
    "extra top-level key",
    "null optional field",
    "negative count",
    "whitespace in id",
    "blank name",
    "bad country",
    "confidence above 1",
    "credibility 7",
    "three offsets",
    "empty claim value",
    "event without when",
    "list is not a list",
]


def test_the_good_document_validates_and_loads() -> None:
    doc = _good()
    assert is_valid(doc)
    loaded = canonical.loads(orjson.dumps(doc))
    assert is_valid(orjson.loads(canonical.dumps(loaded)))


@pytest.mark.parametrize("how", BROKEN)
def test_broken_documents_do_not_validate(how: str) -> None:
    doc = copy.deepcopy(_good())
    _break(doc, how)
    assert not is_valid(doc)


@pytest.mark.parametrize("how", [h for h in BROKEN if h != "null optional field"])
def test_the_loader_rejects_them_too(how: str) -> None:
    doc = copy.deepcopy(_good())
    _break(doc, how)
    with pytest.raises(InvalidInputError):
        canonical.loads(orjson.dumps(doc), path="broken.json")
