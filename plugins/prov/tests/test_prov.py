"""PROV-O: rdflib parses the Turtle and the JSON-LD back to the same graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from mideast_model_prov.graph import MM, build_graph, iri, serialize
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

import mideast_model
from mideast_model.cli import write_output
from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
from mideast_model.testing.strategies import datasets

HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> ]]> line one\nline two \x07 bell & "q"'
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


def parse_both(dataset: Dataset) -> tuple[rdflib.Graph, rdflib.Graph, rdflib.Graph]:
    original = build_graph(dataset)
    ttl = rdflib.Graph().parse(data=serialize(dataset, "turtle"), format="turtle")
    jsonld = rdflib.Graph().parse(data=serialize(dataset, "json-ld"), format="json-ld")
    return original, ttl, jsonld


def test_seed_parses_in_both_syntaxes(tmp_path: Path) -> None:
    seed = mideast_model.seed()
    write_output("prov", seed, str(tmp_path / "seed.ttl"), {})
    write_output("prov", seed, str(tmp_path / "seed.jsonld"), {})
    ttl = rdflib.Graph().parse(tmp_path / "seed.ttl", format="turtle")
    jsonld = rdflib.Graph().parse(tmp_path / "seed.jsonld", format="json-ld")
    assert len(ttl) == len(jsonld) == len(build_graph(seed)) > 0
    assert isomorphic(ttl, jsonld)
    claims = set(ttl.subjects(RDF.type, rdflib.URIRef(MM + "Claim")))
    assert len(claims) == len(seed.claims)
    assert claims <= set(ttl.subjects(RDF.type, PROV.Entity))
    for claim in seed.claims.values():
        node = iri(claim.id)
        assert (node, PROV.wasDerivedFrom, iri(claim.source)) in ttl
        assert any(ttl.objects(node, PROV.hadPrimarySource))
        if claim.speaker:
            assert (node, PROV.wasAttributedTo, iri(claim.speaker)) in ttl
            assert (iri(claim.speaker), RDF.type, PROV.Agent) in ttl
        if claim.quote:
            assert (node, PROV.wasQuotedFrom, iri(claim.source)) in ttl
    publishers = {s.publisher for s in seed.sources.values() if s.publisher}
    agents = {str(o) for s in seed.sources.values() for o in ttl.objects(iri(s.id), PROV.wasAttributedTo)}
    assert len(agents) >= len(publishers)


def test_hostile_text_survives(hostile: Dataset) -> None:
    original, ttl, jsonld = parse_both(hostile)
    assert isomorphic(original, ttl) and isomorphic(original, jsonld)
    for g in (ttl, jsonld):
        quotes = [o.toPython() for o in g.objects(iri("claim:1"), rdflib.URIRef(MM + "quote"))]
        assert quotes == [HOSTILE]
    text = serialize(hostile, "json-ld").decode()
    assert "<" not in text and "&" not in text


def test_syntax_from_suffix_and_option(hostile: Dataset, tmp_path: Path) -> None:
    write_output("prov", hostile, str(tmp_path / "a.ttl"), {})
    assert (tmp_path / "a.ttl").read_text().lstrip().startswith("@prefix")
    write_output("prov", hostile, str(tmp_path / "a.jsonld"), {})
    assert (tmp_path / "a.jsonld").read_text().lstrip().startswith("{")
    write_output("prov", hostile, str(tmp_path / "a.rdf"), {"syntax": "turtle"})
    with pytest.raises(InvalidInputError, match="syntax"):
        write_output("prov", hostile, str(tmp_path / "b.xml"), {})
    assert not (tmp_path / "b.xml").exists()


@SLOW
@given(datasets())
def test_generated_graphs_parse_back(dataset: Dataset) -> None:
    original, ttl, jsonld = parse_both(dataset)
    assert len(original) == len(ttl) == len(jsonld)
    assert isomorphic(ttl, jsonld)


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld"])
def test_killed_export_leaves_previous_file(suffix: str, large_json: Path, tmp_path: Path, killer: Any) -> None:
    target = tmp_path / f"out{suffix}"
    target.write_bytes(b"previous")
    assert killer("prov", large_json, target, data=False), "the export finished before it could be killed"
    assert target.read_bytes() == b"previous"
