"""Built-in plugin: resolve raw actor names and codes against the one identity table.

The table (:mod:`mideast_model.io.identity`) holds the embedded actors' external ids
(``cameo``, ``acled``, ``ucdp``, ``wikidata``…), names and aliases, and understands
ACLED's naming (period tags, sub-units, country qualifiers). Tried last, so other
plugins' tables win.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mideast_model import hookimpl

if TYPE_CHECKING:  # the model is imported when a name is first resolved, not by `--help`
    from mideast_model.model import Actor


@hookimpl(trylast=True)
def resolve_actor(name: str, context: Mapping[str, Any]) -> Actor | None:
    """The embedded dataset's actor this raw name or code denotes (by the identity table), if any."""
    from mideast_model.io.identity import identities

    scheme = context.get("scheme")
    match = identities().resolve(name, str(scheme) if scheme is not None else None)
    return match.actor if match is not None else None
