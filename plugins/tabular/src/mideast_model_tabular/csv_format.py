"""CSV for spreadsheets: one file per kind, nested values as JSON text, formula-safe cells.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or
an apostrophe gets an apostrophe (``'``) in front, so that no spreadsheet evaluates it
as a formula (OWASP "CSV injection"); stripping one leading apostrophe from such a cell
gives the text back. Numbers from numeric fields (confidence, coordinates) are written
as plain numbers and never prefixed. Quoting is the ``csv`` module's (minimal, RFC
4180 style, CRLF line ends). ``--option bom=true`` starts each file with a UTF-8 BOM
so that Excel reads it as UTF-8.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mideast_model.extensions import ExportContext
from mideast_model_tabular._records import KINDS, flag, records

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "'")

COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "kind", "aliases", "country", "external_ids", "description", "resolved"),
    "sources": (
        "id",
        "title",
        "kind",
        "publisher",
        "authors",
        "published",
        "url",
        "reliability",
        "derived_from",
        "language",
        "description",
    ),
    "events": (
        "id",
        "kind",
        "when",
        "start_date",
        "end_date",
        "title",
        "summary",
        "place",
        "latitude",
        "longitude",
        "participants",
        "casualties",
        "cameo",
    ),
    "claims": (
        "id",
        "source",
        "subject",
        "predicate",
        "object",
        "value",
        "attribute",
        "stance",
        "confidence",
        "kind",
        "speaker",
        "quote",
        "evidence",
        "said",
        "about",
        "credibility",
        "offsets",
        "machine",
    ),
    "relations": ("id", "subject", "predicate", "object", "valid", "role", "description"),
}


def defuse(text: str) -> str:
    """``text`` with an apostrophe in front when a spreadsheet could read it as a formula."""
    return "'" + text if text.startswith(DANGEROUS) else text


def undefuse(cell: str) -> str:
    """The text of a cell written by :func:`defuse`."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(DANGEROUS) else cell


def cell(value: Any) -> str | int | float:
    """One CSV cell: empty for ``None``, JSON for nested values, defused text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple | Mapping):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return defuse(str(value))


def _rows(dataset: Any, kind: str) -> Iterable[list[str | int | float]]:
    columns = COLUMNS[kind]
    for obj, d in records(dataset, kind):
        if kind == "events":
            d["start_date"] = obj.when.earliest.isoformat()
            d["end_date"] = obj.when.latest.isoformat()
            if obj.place is not None and obj.place.has_coordinates:
                d["latitude"], d["longitude"] = obj.place.lat, obj.place.lon
        yield [cell(d.get(c)) for c in columns]


def write(dataset: Any, target: Path, context: ExportContext) -> None:
    """Write ``actors.csv`` … ``relations.csv`` into the directory ``target``."""
    encoding = "utf-8-sig" if flag(context.options, "bom") else "utf-8"
    for kind in KINDS:
        with open(target / f"{kind}.csv", "w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS[kind])
            writer.writerows(_rows(dataset, kind))


def read_ids(directory: Path) -> dict[str, set[str]]:
    """The ids in each kind's file (used by tests and by anyone checking an export)."""
    out: dict[str, set[str]] = {}
    for kind in KINDS:
        path = directory / f"{kind}.csv"
        if path.exists():
            with open(path, encoding="utf-8-sig", newline="") as fh:
                out[kind] = {undefuse(row["id"]) for row in csv.DictReader(fh)}
    return out
