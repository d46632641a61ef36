"""The JSON Schema (draft 2020-12) of canonical JSON version 1, shipped with the package.

The schema checks structure (required fields, enums, no unknown keys); the library
checks the rest on load (EDTF syntax, count ranges, unique ids, references).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import orjson

__all__ = ["schema", "schema_bytes"]


def schema_bytes() -> bytes:
    """The schema file as shipped (``mideast_model/io/schema.json``)."""
    return resources.files("mideast_model.io").joinpath("schema.json").read_bytes()


def schema() -> dict[str, Any]:
    """The schema as a new dict (safe to change), e.g. for ``jsonschema.Draft202012Validator``."""
    data: dict[str, Any] = orjson.loads(schema_bytes())
    return data
