"""Built-in plugin: resolve raw actor names and codes against the embedded dataset.

Matches, in order: an external id in the given ``scheme`` (``cameo``, ``acled``,
``ucdp``, ``wikidata``…), then a name or alias (case-insensitive, ignoring a leading
"the"). Tried last, so other plugins' tables win.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mideast_model import hookimpl

if TYPE_CHECKING:  # the model is imported when a name is first resolved, not by `--help`
    from mideast_model.model import Actor


def _key(name: str) -> str:
    text = " ".join(name.replace("\u2019", "'").split()).casefold()
    return text[4:] if text.startswith("the ") else text


@functools.cache
def _tables() -> tuple[dict[str, Actor], dict[tuple[str, str], Actor]]:
    from mideast_model.data import seed

    names: dict[str, Actor] = {}
    ids: dict[tuple[str, str], Actor] = {}
    for actor in seed().actors.values():
        for n in actor.names():
            names.setdefault(_key(n), actor)
        for ext in actor.external_ids:
            ids.setdefault((ext.scheme, ext.value.casefold()), actor)
    return names, ids


@hookimpl(trylast=True)
def resolve_actor(name: str, context: Mapping[str, Any]) -> Actor | None:
    """The embedded dataset's actor with this external id, name or alias, if any."""
    names, ids = _tables()
    scheme = context.get("scheme")
    if scheme is not None:
        found = ids.get((str(scheme), name.strip().casefold()))
        if found is not None:
            return found
    return names.get(_key(name))
