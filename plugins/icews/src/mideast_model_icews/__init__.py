"""mideast-model plugin: ICEWS coded event data (``.tab``), with ICEWS actor-name resolution.

Registers the ``icews`` importer and a ``resolve_actor`` implementation for ICEWS actor
names (``scheme="icews"``); the work lives in :mod:`mideast_model_icews.reader`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from mideast_model import hookimpl

if TYPE_CHECKING:
    from mideast_model.extensions import ImportContext, Importer
    from mideast_model.model import Actor, Object

__all__ = ["ICEWS_TO_SEED", "register_importers", "resolve_actor"]

#: ICEWS actor names (case-insensitive) that denote seed actors; plain country names
#: ("Iraq", "United States") are matched by the seed's own names and aliases.
ICEWS_TO_SEED: dict[str, str] = {
    "military (united states)": "actor:us-military",
    "armed forces (united states)": "actor:us-military",
    "military (iran)": "actor:iran-military",
    "armed forces (iran)": "actor:iran-military",
    "military (iraq)": "actor:iraqi-security-forces",
    "armed forces (iraq)": "actor:iraqi-security-forces",
    "police (iraq)": "actor:iraqi-security-forces",
    "government (iraq)": "actor:iraq-government",
    "military (united kingdom)": "actor:uk-armed-forces",
    "iran revolutionary guards": "actor:irgc",
    "islamic revolutionary guard corps": "actor:irgc",
    "quds force": "actor:quds-force",
    "kata'ib hizballah": "actor:kataib-hezbollah",
    "kataib hezbollah": "actor:kataib-hezbollah",
    "hezbollah": "actor:lebanese-hezbollah",
    "hizballah": "actor:lebanese-hezbollah",
    "islamic state of iraq and the levant": "actor:islamic-state",
    "badr organization": "actor:badr-organization",
    "department of defense (united states)": "actor:us-dod",
    "congress (united states)": "actor:us-congress",
    "united states congress": "actor:us-congress",
    "parliament (iraq)": "actor:iraqi-parliament",
}


def _read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    from mideast_model_icews.reader import read_icews

    return read_icews(source, context)


def _sniff(head: bytes, name: str | None) -> bool:
    from mideast_model_icews.reader import sniff

    return sniff(head, name)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``icews`` importer (``.tab`` event files with header)."""
    from mideast_model.extensions import Importer

    register(
        Importer(
            name="icews",
            description="ICEWS coded event data, tab-separated with header (20 columns; NA = missing)",
            read=_read,
            suffixes=(".tab", ".tsv"),
            media_type="text/tab-separated-values",
            sniff=_sniff,
        )
    )


@hookimpl
def resolve_actor(name: str, context: Mapping[str, Any]) -> Actor | None:
    """The seed actor an ICEWS actor name denotes (``scheme="icews"``), from a short table."""
    if context.get("scheme") != "icews":
        return None
    target = ICEWS_TO_SEED.get(" ".join(name.split()).casefold().replace("\u2019", "'"))
    if target is None:
        return None
    from mideast_model.data import seed

    return seed().actors.get(target)
