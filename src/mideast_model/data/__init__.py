"""The embedded default dataset: the three seed articles, encoded by hand.

The seed text (``tests/data/seed.txt`` in the repository) holds three articles on the
US–Iraq–Iran conflict in March 2020: the New York Times (Mazzetti and Schmitt,
27 March 2020), The Progressive (Reese Erlich, 26 March 2020) and Crisis Group (first
published in Foreign Policy, 18 March 2020). They are encoded as reviewable YAML under
``mideast_model/data/seed/``:

``actors.yaml``
    the shared actors, the actor-level sources (SITE, NPR, the Navy statement…) and
    the relations between actors;
``nyt.yaml``, ``progressive.yaml``, ``crisisgroup.yaml``
    each article's source record, the events it introduces and every claim it makes.

Each file is a mapping with any of the keys ``actors``, ``sources``, ``events``,
``claims`` and ``relations``, each a list of objects in canonical JSON form (see
``docs/seed.md``). :func:`seed` concatenates the lists per kind across the files and
loads them through the canonical converter, so the seed is validated exactly as any
other canonical document is.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset

__all__ = ["SEED_FILES", "seed", "seed_document"]

#: The YAML files of the seed, in load order.
SEED_FILES: tuple[str, ...] = ("actors.yaml", "nyt.yaml", "progressive.yaml", "crisisgroup.yaml")

_KINDS = ("actors", "sources", "events", "claims", "relations")


def _read_yaml(name: str) -> dict[str, Any]:
    import yaml

    text = resources.files(__name__).joinpath("seed", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError(f"seed/{name}: expected a mapping at the top level")
    unknown = set(data) - set(_KINDS)
    if unknown:
        raise ValueError(f"seed/{name}: unknown key(s): {', '.join(sorted(unknown))}")
    return data


def _seed_files() -> list[str]:
    """Every ``seed/*.yaml``: the known files first, then any others by name."""
    folder = resources.files(__name__).joinpath("seed")
    present = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    return [n for n in SEED_FILES if n in present] + [n for n in present if n not in SEED_FILES]


def seed_document() -> dict[str, Any]:
    """The seed as a canonical JSON document (plain Python data), not yet validated."""
    doc: dict[str, Any] = {"format": "mideast-model", "version": 1}
    for kind in _KINDS:
        doc[kind] = []
    for name in _seed_files():
        data = _read_yaml(name)
        for kind in _KINDS:
            items = data.get(kind) or []
            if not isinstance(items, list):
                raise ValueError(f"seed/{name}: {kind} must be a list")
            doc[kind].extend(items)
    return doc


@functools.lru_cache(maxsize=1)
def seed() -> Dataset:
    """The embedded seed dataset, loaded and validated once (the result is immutable)."""
    from mideast_model.dataset import Dataset

    return Dataset.from_dict(seed_document(), path="<seed>")
