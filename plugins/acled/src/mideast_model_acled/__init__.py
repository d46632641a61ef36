"""mideast-model plugin: ACLED event exports, with ACLED actor-name resolution.

Registers the ``acled`` importer and a ``resolve_actor`` implementation for ACLED actor
names (``scheme="acled"``); the work lives in :mod:`mideast_model_acled.reader`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from mideast_model import hookimpl

if TYPE_CHECKING:
    from mideast_model.extensions import ImportContext, Importer
    from mideast_model.model import Actor, Object

__all__ = ["ACLED_TO_SEED", "register_importers", "resolve_actor"]

#: ACLED actor names (period suffix removed, case-insensitive) that denote seed actors.
ACLED_TO_SEED: dict[str, str] = {
    "military forces of the united states": "actor:us-military",
    "military forces of united states": "actor:us-military",
    "military forces of the united kingdom": "actor:uk-armed-forces",
    "military forces of iran": "actor:iran-military",
    "military forces of iran islamic revolutionary guard corps": "actor:irgc",
    "islamic revolutionary guard corps": "actor:irgc",
    "military forces of iran quds force": "actor:quds-force",
    "quds force": "actor:quds-force",
    "military forces of iraq": "actor:iraqi-security-forces",
    "police forces of iraq": "actor:iraqi-security-forces",
    "government of iraq": "actor:iraq-government",
    "kataib hezbollah": "actor:kataib-hezbollah",
    "kata'ib hezbollah": "actor:kataib-hezbollah",
    "kataib hizbullah": "actor:kataib-hezbollah",
    "kataib hizballah": "actor:kataib-hezbollah",
    "hezbollah": "actor:lebanese-hezbollah",
    "badr organization": "actor:badr-organization",
    "badr brigade": "actor:badr-organization",
    "islamic state (iraq)": "actor:islamic-state",
    "islamic state": "actor:islamic-state",
    "operation inherent resolve": "actor:us-led-coalition",
    "global coalition against daesh": "actor:us-led-coalition",
}


def _read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    from mideast_model_acled.reader import read_acled

    return read_acled(source, context)


def _sniff(head: bytes, name: str | None) -> bool:
    from mideast_model_acled.reader import sniff

    return sniff(head, name)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``acled`` importer (current 31-column export and older headers)."""
    from mideast_model.extensions import Importer

    register(
        Importer(
            name="acled",
            description="ACLED event export (CSV with header; current 31 columns and older headers)",
            read=_read,
            suffixes=(".csv",),
            media_type="text/csv",
            sniff=_sniff,
        )
    )


@hookimpl
def resolve_actor(name: str, context: Mapping[str, Any]) -> Actor | None:
    """The seed actor an ACLED actor name denotes (``scheme="acled"``), from a short table."""
    if context.get("scheme") != "acled":
        return None
    from mideast_model_acled.reader import normalise_name

    key = normalise_name(name).casefold().replace("\u2019", "'")
    target = ACLED_TO_SEED.get(key)
    if target is None:
        return None
    from mideast_model.data import seed

    return seed().actors.get(target)
