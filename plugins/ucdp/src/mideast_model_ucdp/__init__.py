"""mideast-model plugin: UCDP Georeferenced Event Dataset (GED) CSV, with UCDP side resolution.

Registers the ``ucdp`` importer and a ``resolve_actor`` implementation for UCDP side
names and ids (``scheme="ucdp"``); the work lives in :mod:`mideast_model_ucdp.reader`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from mideast_model import hookimpl

if TYPE_CHECKING:
    from mideast_model.extensions import ImportContext, Importer
    from mideast_model.model import Actor, Object

__all__ = ["UCDP_TO_SEED", "register_importers", "resolve_actor"]

#: UCDP side names (case-insensitive) that denote seed actors. A UCDP "Government of X"
#: side is the state X.
UCDP_TO_SEED: dict[str, str] = {
    "government of united states of america": "actor:usa",
    "government of iran": "actor:iran",
    "government of iraq": "actor:iraq",
    "government of united kingdom": "actor:uk",
    "government of france": "actor:france",
    "government of germany": "actor:germany",
    "government of saudi arabia": "actor:saudi-arabia",
    "government of syria": "actor:syria",
    "government of qatar": "actor:qatar",
    "government of china": "actor:china",
    "government of ukraine": "actor:ukraine",
    "is": "actor:islamic-state",
    "hizbollah": "actor:lebanese-hezbollah",
    "hezbollah": "actor:lebanese-hezbollah",
    "kata'ib hizballah": "actor:kataib-hezbollah",
    "kataib hezbollah": "actor:kataib-hezbollah",
}


def _read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    from mideast_model_ucdp.reader import read_ged

    return read_ged(source, context)


def _sniff(head: bytes, name: str | None) -> bool:
    from mideast_model_ucdp.reader import sniff

    return sniff(head, name)


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register the ``ucdp`` importer (GED CSV, 49 columns)."""
    from mideast_model.extensions import Importer

    register(
        Importer(
            name="ucdp",
            description="UCDP Georeferenced Event Dataset (GED) CSV with header (49 columns)",
            read=_read,
            suffixes=(".csv",),
            media_type="text/csv",
            sniff=_sniff,
        )
    )


@hookimpl
def resolve_actor(name: str, context: Mapping[str, Any]) -> Actor | None:
    """The seed actor a UCDP side denotes (``scheme="ucdp"``), from a short table."""
    if context.get("scheme") != "ucdp":
        return None
    target = UCDP_TO_SEED.get(" ".join(name.split()).casefold().replace("\u2019", "'"))
    if target is None:
        return None
    from mideast_model.data import seed

    return seed().actors.get(target)
