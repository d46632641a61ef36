"""One hostile quote through every exporter of issue 8, each output read by a real parser.

The quote holds ``=HYPERLINK("http://x")``, ``<script>``, ``]]>``, a newline and a BEL
control character. Each output must parse, keep the text (XML formats: with BEL shown as
its control picture ␇; CSV: behind the defusing apostrophe) and hold nothing executable.
Exporters from plugins that are not installed are skipped.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from mideast_model.cli import write_output
from mideast_model.dataset import Dataset
from mideast_model.errors import MideastModelError
from mideast_model.plugins import get_exporter

HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> ]]> line one\nline two \x07 bell & "q"'
XML_SAFE = HOSTILE.replace("\x07", "\u2407")


def _sqlite(out: Path) -> str:
    return str(sqlite3.connect(out).execute("select quote from claims where id = 'claim:1'").fetchone()[0])


def _parquet(out: Path) -> str:
    import pyarrow.parquet as pq

    return str({r["id"]: r["quote"] for r in pq.read_table(out / "claims.parquet").to_pylist()}["claim:1"])


def _csv(out: Path) -> str:
    with open(out / "claims.csv", encoding="utf-8", newline="") as fh:
        return {r["id"]: r["quote"] for r in csv.DictReader(fh)}["claim:1"]


def _stix(out: Path) -> str:
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text
    notes = [o for o in json.loads(text)["objects"] if o["type"] == "note"]
    return next(o["content"] for o in notes if "HYPERLINK" in o["content"])


def _graphml(out: Path) -> str:
    import networkx as nx

    return str(nx.read_graphml(out, force_multigraph=True).nodes["claim:1"]["quote"])


def _gexf(out: Path) -> str:
    import networkx as nx

    return str(nx.read_gexf(out).nodes["claim:1"]["quote"])


def _prov(syntax: str) -> Callable[[Path], str]:
    def read(out: Path) -> str:
        import rdflib

        g = rdflib.Graph().parse(out, format=syntax)
        quote = rdflib.URIRef("https://w3id.org/mideast-model/ns#quote")
        return str(next(g.objects(None, quote)))

    return read


def _geojson(out: Path) -> str:
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text
    return str(json.loads(text)["features"][0]["properties"]["summary"])


CASES: list[tuple[str, str, Callable[[Path], str], str]] = [
    ("sqlite", "x.db", _sqlite, HOSTILE),
    ("parquet", "pq", _parquet, HOSTILE),
    ("csv", "csv", _csv, "'" + HOSTILE),
    ("stix", "x.json", _stix, HOSTILE),
    ("graphml", "x.graphml", _graphml, XML_SAFE),
    ("gexf", "x.gexf", _gexf, XML_SAFE),
    ("prov", "x.ttl", _prov("turtle"), HOSTILE),
    ("prov", "x.jsonld", _prov("json-ld"), HOSTILE),
    ("geojson", "x.geojson", _geojson, HOSTILE),
]


@pytest.mark.parametrize(("name", "filename", "read", "expected"), CASES, ids=[c[1] for c in CASES])
def test_hostile_quote_survives_every_exporter(
    name: str, filename: str, read: Callable[[Path], str], expected: str, hostile: Dataset, tmp_path: Path
) -> None:
    try:
        get_exporter(name)
    except MideastModelError:
        pytest.skip(f"exporter {name} is not installed")
    out = tmp_path / filename
    write_output(name, hostile, str(out), {})
    assert read(out) == expected
