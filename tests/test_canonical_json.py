"""Invariant 4: canonical JSON round-trips and is byte-identical for equal datasets;
bad documents fail with one typed line naming the file and the object or field."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from mideast_model import cli as cli_module
from mideast_model.dataset import Dataset
from mideast_model.errors import (
    DanglingReferenceError,
    DuplicateIdError,
    FormatVersionError,
    InvalidInputError,
    MideastModelError,
)
from mideast_model.io import canonical
from mideast_model.testing.strategies import HOSTILE_STRINGS, closed_subsets, datasets

KINDS = ("actors", "sources", "events", "claims", "relations")


@given(datasets())
def test_load_of_dump_is_the_dataset(dataset: Dataset) -> None:
    data = canonical.dumps(dataset)
    assert canonical.loads(data) == dataset
    assert canonical.dumps(canonical.loads(data)) == data


@given(datasets(), st.randoms(use_true_random=False))
def test_dump_is_byte_identical_whatever_the_construction_order(dataset: Dataset, rnd: random.Random) -> None:
    objects = list(dataset)
    shuffled = list(objects)
    rnd.shuffle(shuffled)
    assert canonical.dumps(Dataset.from_objects(shuffled)) == canonical.dumps(dataset)
    assert canonical.dumps(Dataset.from_objects(reversed(objects))) == canonical.dumps(dataset)


@settings(max_examples=20)
@given(datasets(), st.data())
def test_dump_is_byte_identical_for_merges_in_either_order(dataset: Dataset, data: st.DataObject) -> None:
    a = data.draw(closed_subsets(dataset))
    b = data.draw(closed_subsets(dataset))
    assert canonical.dumps(a.merge(b)) == canonical.dumps(b.merge(a))


@given(datasets(), st.randoms(use_true_random=False))
def test_key_order_of_the_input_does_not_matter(dataset: Dataset, rnd: random.Random) -> None:
    """Keys are stable: a document with every object's keys shuffled dumps to the same bytes."""
    data = canonical.dumps(dataset)
    doc = orjson.loads(data)

    def shuffle(value: Any) -> Any:
        if isinstance(value, dict):
            items = list(value.items())
            rnd.shuffle(items)
            return {k: shuffle(v) for k, v in items}
        if isinstance(value, list):
            return [shuffle(v) for v in value]
        return value

    assert canonical.dumps(canonical.loads(orjson.dumps(shuffle(doc)))) == data


@given(datasets())
def test_document_layout(dataset: Dataset) -> None:
    data = canonical.dumps(dataset)
    assert data.endswith(b"\n") and not data.endswith(b"\n\n")
    doc = orjson.loads(data)
    assert list(doc) == ["format", "version", *KINDS]
    assert (doc["format"], doc["version"]) == ("mideast-model", 2)
    for kind in KINDS:
        ids = [o["id"] for o in doc[kind]]
        assert ids == sorted(ids) and len(ids) == len(dataset.counts() and list(dataset.objects(kind)))
        for obj in doc[kind]:
            assert None not in obj.values()  # unset optional fields are omitted, never null
            assert [] not in obj.values()


@settings(max_examples=15)
@given(datasets())
def test_dump_and_load_files(dataset: Dataset) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.json"
        canonical.dump(dataset, path)
        assert path.read_bytes() == canonical.dumps(dataset)
        assert canonical.load(path) == dataset
        assert canonical.loads(dataset.to_json()) == dataset
        assert dataset.to_json() == path.read_bytes()


def test_hostile_text_survives_byte_for_byte() -> None:
    from mideast_model.model import Actor, ActorKind

    actors = [
        Actor(id=f"actor:{i}", name=text, kind=ActorKind.GROUP, aliases=(text, "x"), description=text)
        for i, text in enumerate(HOSTILE_STRINGS)
        if text.strip()
    ]
    dataset = Dataset.from_objects(actors)
    back = canonical.loads(canonical.dumps(dataset))
    assert back == dataset
    assert [a.name for a in back.actors.values()] == [a.name for a in dataset.actors.values()]


# -- errors: one typed line naming the file and the object or field --------------------

GOOD: dict[str, Any] = {
    "format": "mideast-model",
    "version": 1,
    "actors": [
        {"id": "actor:a", "name": "A", "kind": "state"},
        {"id": "actor:b", "name": "B", "kind": "armed_group"},
    ],
    "sources": [{"id": "source:s", "title": "S", "kind": "news_report"}],
    "events": [
        {
            "id": "event:e",
            "kind": "bombing",
            "when": "2020-03-11",
            "title": "E",
            "participants": [{"actor": "actor:b", "role": "initiator"}],
            "casualties": [{"label": "troops", "killed": {"low": 1, "high": 2}}],
        }
    ],
    "claims": [{"id": "claim:c", "source": "source:s", "subject": "event:e", "predicate": "occurred"}],
    "relations": [],
}


def _broken(change: str) -> bytes:
    doc = copy.deepcopy(GOOD)
    if change == "truncated":
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2)[:200]
    if change == "dangling":
        doc["claims"][0]["source"] = "source:missing"
    elif change == "wrong-kind":
        doc["claims"][0]["source"] = "actor:a"
    elif change == "duplicate":
        doc["sources"].append({"id": "actor:a", "title": "T", "kind": "analysis"})
    elif change == "inverted":
        doc["events"][0]["when"] = "2020-03-12/2020-03-11"
    elif change == "not-edtf":
        doc["events"][0]["when"] = "Marhc 2020"
    elif change == "count":
        doc["events"][0]["casualties"][0]["killed"] = {"low": 5, "high": 2}
    elif change == "format":
        doc["format"] = "something-else"
    elif change == "version":
        doc["version"] = 3
    elif change == "stance":
        doc["claims"][0]["stance"] = "shouts"
    elif change == "extra-key":
        doc["actors"][1]["colour"] = "red"
    elif change == "string-for-bool":
        doc["actors"][0]["resolved"] = "no"
    elif change == "fraction-for-count":
        doc["events"][0]["casualties"][0]["killed"] = {"low": 1.7}
    elif change == "number-for-text":
        doc["events"][0]["title"] = 5
    elif change == "missing-id":
        del doc["actors"][1]["id"]
    else:  # pragma: no cover
        raise AssertionError(change)
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2)


# change -> (error type, what the message must name besides the file)
BROKEN: dict[str, tuple[type[MideastModelError], tuple[str, ...]]] = {
    "truncated": (InvalidInputError, ("not valid JSON",)),
    "dangling": (DanglingReferenceError, ("claim:c", "source", "source:missing")),
    "wrong-kind": (DanglingReferenceError, ("claim:c", "source", "actor:a")),
    "duplicate": (DuplicateIdError, ("actor:a",)),
    "inverted": (InvalidInputError, ("$.events[0]", "event:e", "when", "2020-03-12/2020-03-11")),
    "not-edtf": (InvalidInputError, ("event:e", "when", "Marhc 2020")),
    "count": (InvalidInputError, ("event:e", "casualties[0].killed", "5", "2")),
    "format": (FormatVersionError, ("$.format", "something-else")),
    "version": (FormatVersionError, ("$.version", "3")),
    "stance": (InvalidInputError, ("claim:c", "stance", "shouts")),
    "extra-key": (InvalidInputError, ("$.actors[1]", "colour")),
    "missing-id": (InvalidInputError, ("$.actors[1]", "id")),
    "string-for-bool": (InvalidInputError, ("actor:a", "resolved", "'no'")),
    "fraction-for-count": (InvalidInputError, ("event:e", "killed.low", "1.7")),
    "number-for-text": (InvalidInputError, ("event:e", "title", "5")),
}


@pytest.mark.parametrize("change", sorted(BROKEN))
def test_load_errors_are_one_typed_line(change: str, tmp_path: Path) -> None:
    error_type, names = BROKEN[change]
    path = tmp_path / f"{change}.json"
    path.write_bytes(_broken(change))
    with pytest.raises(error_type) as caught:
        canonical.load(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    for name in names:
        assert name in message, (name, message)
    with pytest.raises(error_type) as again:
        canonical.loads(path.read_bytes(), path="events.json")
    assert str(again.value).startswith("events.json")


def test_truncated_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(_broken("truncated"))
    with pytest.raises(InvalidInputError) as caught:
        canonical.load(path)
    assert caught.value.line is not None and caught.value.line > 1
    assert f"{path}:{caught.value.line}" in str(caught.value)


def test_missing_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="cannot read"):
        canonical.load(tmp_path / "nope.json")


def test_not_an_object_is_a_typed_error() -> None:
    with pytest.raises(InvalidInputError, match="expected a JSON object"):
        canonical.loads(b"[1, 2]", path="x.json")


# -- the command line -------------------------------------------------------------------


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli_module.cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("change", sorted(BROKEN))
def test_validate_rejects_each_broken_file_in_one_line(change: str, tmp_path: Path) -> None:
    path = tmp_path / f"{change}.json"
    path.write_bytes(_broken(change))
    result = _run("validate", str(path))
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    for name in BROKEN[change][1]:
        assert name in lines[0]


def test_validate_accepts_the_good_file(tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    path.write_bytes(orjson.dumps(GOOD))
    result = _run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout


@settings(max_examples=10)
@given(datasets(max_objects=20))
def test_cli_export_twice_and_import_give_the_same_bytes(dataset: Dataset) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src, a1, a2, b = (Path(tmp) / n for n in ("src.json", "a1.json", "a2.json", "b.json"))
        canonical.dump(dataset, src)
        assert _run("export", "json", "-i", str(src), "-o", str(a1)).exit_code == 0
        assert _run("export", "json", "-i", str(src), "-o", str(a2)).exit_code == 0
        assert a1.read_bytes() == a2.read_bytes() == src.read_bytes()
        assert _run("import", "json", str(a1), "-o", str(b)).exit_code == 0
        assert b.read_bytes() == a1.read_bytes()


# -- format version 2: external ids as a list, metrics, sides, cites -------------------


def _v2_dataset() -> Dataset:
    from mideast_model.model import (
        Actor,
        ActorKind,
        Claim,
        Event,
        EventKind,
        ExternalId,
        Metrics,
        Participant,
        Predicate,
        Role,
        Source,
        SourceKind,
    )

    return Dataset.from_objects(
        [
            Actor(
                id="actor:a",
                name="A",
                kind=ActorKind.STATE,
                external_ids=(ExternalId("acled", "Military Forces of A"), ExternalId("acled", "A Forces")),
            ),
            Source(id="source:s", title="S", kind=SourceKind.DATASET),
            Source(id="source:t", title="T", kind=SourceKind.NEWS_REPORT),
            Event(
                id="event:e",
                kind=EventKind.BOMBING,
                when="2020-01-03",
                title="E",
                participants=(Participant("actor:a", Role.INITIATOR, side=1, associated=True),),
                metrics=Metrics(goldstein=-10, quad_class=4, fatalities_low=1, fatalities_best=2),
                external_ids=(ExternalId("acled", "IRQ1"), ExternalId("acled", "IRQ2"), ExternalId("gdelt", "9")),
            ),
            Claim(
                id="claim:c", source="source:s", subject="event:e", predicate=Predicate.OCCURRED, cites=("source:t",)
            ),
        ]
    )


def test_several_external_ids_per_scheme_round_trip() -> None:
    dataset = _v2_dataset()
    data = canonical.dumps(dataset)
    doc = orjson.loads(data)
    assert doc["version"] == 2
    assert doc["actors"][0]["external_ids"] == [
        {"scheme": "acled", "value": "Military Forces of A"},
        {"scheme": "acled", "value": "A Forces"},
    ]
    metrics = {"goldstein": -10.0, "quad_class": 4, "fatalities_low": 1, "fatalities_best": 2}
    assert doc["events"][0]["metrics"] == metrics
    participant = {"actor": "actor:a", "role": "initiator", "side": 1, "associated": True}
    assert doc["events"][0]["participants"][0] == participant
    assert doc["claims"][0]["cites"] == ["source:t"]
    back = canonical.loads(data)
    assert back == dataset
    assert back.events["event:e"].external_id("acled") == "IRQ1"
    assert canonical.dumps(back) == data


def test_version_1_documents_still_load() -> None:
    doc = copy.deepcopy(GOOD)
    doc["actors"][0]["external_ids"] = {"wikidata": "Q1", "cameo": "AAA"}
    back = canonical.loads(orjson.dumps(doc))
    assert [(e.scheme, e.value) for e in back.actors["actor:a"].external_ids] == [("cameo", "AAA"), ("wikidata", "Q1")]
    assert orjson.loads(canonical.dumps(back))["version"] == 2


def test_version_2_refuses_the_version_1_mapping() -> None:
    doc = copy.deepcopy(GOOD)
    doc["version"] = 2
    doc["actors"][0]["external_ids"] = {"wikidata": "Q1"}
    with pytest.raises(InvalidInputError, match=r"\$\.actors\[0\] \(actor:a\)\.external_ids"):
        canonical.loads(orjson.dumps(doc), path="x.json")


def test_a_cited_source_must_exist() -> None:
    doc = copy.deepcopy(GOOD)
    doc["version"] = 2
    doc["claims"][0]["cites"] = ["source:missing"]
    with pytest.raises(DanglingReferenceError, match=r"cites\[0\]"):
        canonical.loads(orjson.dumps(doc), path="x.json")
