"""GraphML and GEXF: networkx reads them back with the same counts; XML stays valid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import defusedxml.ElementTree as DET
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from mideast_model_graph.build import build_graph, xml_safe

import mideast_model
from mideast_model.cli import write_output
from mideast_model.dataset import Dataset
from mideast_model.extensions import ExportContext
from mideast_model.plugins import get_exporter
from mideast_model.testing.strategies import datasets

HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> ]]> line one\nline two \x07 bell & "q"'
SAFE = HOSTILE.replace("\x07", "\u2407")
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
FORMATS = ["graphml", "gexf"]


def read_back(fmt: str, path: Path) -> Any:
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    return nx.read_gexf(path)


def expected_counts(dataset: Dataset) -> tuple[int, int]:
    g = build_graph(dataset)
    return g.number_of_nodes(), g.number_of_edges()


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_reads_back(fmt: str, tmp_path: Path) -> None:
    seed = mideast_model.seed()
    out = tmp_path / f"seed.{fmt}"
    write_output(fmt, seed, str(out), {})
    g = read_back(fmt, out)
    assert (g.number_of_nodes(), g.number_of_edges()) == expected_counts(seed)
    n_objects = len(seed.actors) + len(seed.sources) + len(seed.events) + len(seed.claims)
    assert g.number_of_nodes() == n_objects
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert types == {"actor", "source", "event", "claim"} - ({"event"} if not seed.events else set())
    edge_types = {d["edge_type"] for *_, d in g.edges(data=True)}
    assert {"stated_in", "subject"} <= edge_types
    if seed.relations:
        assert "relation" in edge_types
    if any(e.participants for e in seed.events.values()):
        assert "participation" in edge_types


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_text_survives(fmt: str, hostile: Dataset, tmp_path: Path) -> None:
    out = tmp_path / f"h.{fmt}"
    write_output(fmt, hostile, str(out), {})
    DET.parse(out)  # well-formed XML 1.0, no entities or DTDs
    raw = out.read_bytes()
    assert b"<script>" not in raw and b"\x07" not in raw
    g = read_back(fmt, out)
    assert g.nodes["claim:1"]["quote"] == SAFE
    assert g.nodes["event:taji"]["summary"] == SAFE
    assert (g.number_of_nodes(), g.number_of_edges()) == expected_counts(hostile)


def test_gexf_timeline(hostile: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "t.gexf"
    write_output("gexf", hostile, str(out), {})
    root = DET.parse(out).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph = root.find("g:graph", ns)
    assert graph is not None
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    nodes = {n.get("id"): n for n in graph.iterfind("g:nodes/g:node", ns)}
    assert (nodes["event:strikes"].get("start"), nodes["event:strikes"].get("end")) == ("2020-03-12", "2020-03-13")
    edges = {e.get("id"): e for e in graph.iterfind("g:edges/g:edge", ns)}
    assert (edges["relation:1"].get("start"), edges["relation:1"].get("end")) == ("2019-12-01", "2020-03-31")
    assert all(e.get("type") in (None, "directed") for e in edges.values())


def test_xml_safe_rule() -> None:
    assert xml_safe("a\x00b\x1fc\x7fd\ufffe\t\n\r") == "a\u2400b\u241fc\u2421d\ufffd\t\n\r"
    assert xml_safe("<&>]]>") == "<&>]]>"  # markup is the XML writer's job


@SLOW
@given(datasets())
def test_generated_graphs_read_back(dataset: Dataset) -> None:
    import io

    expected = expected_counts(dataset)
    for fmt in FORMATS:
        buf = io.BytesIO()
        get_exporter(fmt).write(dataset, buf, ExportContext(path=f"x.{fmt}"))
        buf.seek(0)
        g = nx.read_graphml(buf, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(buf)
        assert (g.number_of_nodes(), g.number_of_edges()) == expected, fmt


def _ids_reader(fmt: str) -> Any:
    def read_ids(path: Path) -> dict[str, set[str]]:
        g = read_back(fmt, Path(path))
        out: dict[str, set[str]] = {"actors": set(), "sources": set(), "events": set(), "claims": set()}
        for node, data in g.nodes(data=True):
            out[data["type"] + "s"].add(node)
        out["relations"] = {d["id"] for *_, d in g.edges(data=True) if d.get("edge_type") == "relation"}
        return out

    return read_ids


@pytest.mark.parametrize("fmt", FORMATS)
def test_lossy_conformance(fmt: str, hostile: Dataset) -> None:
    from mideast_model.testing.conformance import check_lossy_export

    check_lossy_export(get_exporter(fmt), hostile, _ids_reader(fmt))
    check_lossy_export(get_exporter(fmt), mideast_model.seed(), _ids_reader(fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_killed_export_leaves_previous_file(fmt: str, large_json: Path, tmp_path: Path, killer: Any) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(b"previous")
    assert killer(fmt, large_json, target, data=False), "the export finished before it could be killed"
    assert target.read_bytes() == b"previous"
