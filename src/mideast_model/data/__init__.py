"""The embedded default dataset: the seed's three articles, encoded by hand.

The data lives in ``seed/*.yaml`` (one file per article plus shared actors), readable
and diffable; :func:`seed` loads and validates it into a :class:`~mideast_model.Dataset`.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset

__all__ = ["seed", "seed_documents"]

_KINDS = ("actors", "sources", "events", "claims", "relations")


def seed_documents() -> dict[str, dict[str, Any]]:
    """The raw YAML documents of the seed, by file name."""
    import yaml

    docs: dict[str, dict[str, Any]] = {}
    folder = resources.files(__package__).joinpath("seed")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
            docs[entry.name] = data
    return docs


@functools.cache
def seed() -> Dataset:
    """The embedded seed dataset, validated (cached: datasets are immutable)."""
    from mideast_model.io.canonical import from_dict

    merged: dict[str, Any] = {"format": "mideast-model", "version": 1, **{k: [] for k in _KINDS}}
    for name, doc in seed_documents().items():
        unknown = set(doc) - set(_KINDS)
        if unknown:
            from mideast_model.errors import InvalidInputError

            raise InvalidInputError(f"unknown key(s) {sorted(unknown)}", path=f"seed/{name}")
        for kind in _KINDS:
            merged[kind].extend(doc.get(kind) or [])
    return from_dict(merged, path="<embedded seed>")
