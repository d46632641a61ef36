"""Events as an RFC 7946 GeoJSON FeatureCollection.

One ``Feature`` per event whose place has both coordinates, in id order:
``"id"`` is the event id; ``geometry`` is a ``Point`` ``[lon, lat]`` (RFC 7946 §3.1.1,
WGS 84, no ``crs`` member); ``properties`` hold ``id``, ``kind``, ``cameo``,
``plover``, ``when`` (EDTF), ``start``/``end`` (earliest/latest ISO day, ``null`` when
open), ``title``, ``summary``, ``place`` (name, country, admin1, precision),
``participants`` (actor id, name, role), ``casualties`` (as in canonical JSON),
``killed_min`` (sum of the lower bounds of killed) and ``sources`` (ids of the sources
whose claims are about the event). ``--option unlocated=true`` adds the other events
as Features with a ``null`` geometry (allowed by RFC 7946 §3.2).

The JSON escapes ``<``, ``>`` and ``&`` (``\\u003c``…), so it can be inlined in an HTML
page (a Leaflet map) without a ``</script>`` in a title ending the script.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, BinaryIO

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ExportContext


def _flag(options: Mapping[str, Any], key: str) -> bool:
    raw = str(options.get(key, "false")).strip().lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise InvalidInputError(f"--option {key}: expected true or false, got {options.get(key)!r}")


def _day(day: dt.date, *, low: bool) -> str | None:
    if (low and day == dt.date.min) or (not low and day == dt.date.max):
        return None
    return day.isoformat()


def feature_collection(dataset: Any, *, unlocated: bool = False) -> dict[str, Any]:
    """The FeatureCollection of ``dataset``'s events (located ones only, unless ``unlocated``)."""
    from mideast_model.io.canonical import converter

    unstructure = converter().unstructure
    sources_about: dict[str, set[str]] = {}
    for claim in dataset.claims.values():
        for target in claim.targets():
            sources_about.setdefault(target, set()).add(claim.source)
    features = []
    for event in dataset.events.values():
        place = event.place
        located = place is not None and place.lat is not None and place.lon is not None
        if not located and not unlocated:
            continue
        geometry = None
        if located:
            assert place is not None
            geometry = {"type": "Point", "coordinates": [place.lon, place.lat]}
        data = unstructure(event)
        killed = [c.killed.low for c in event.casualties if c.killed is not None]
        properties = {
            "id": event.id,
            "kind": event.kind.value,
            "cameo": event.cameo or event.kind.cameo,
            "plover": event.kind.plover,
            "when": event.when.edtf,
            "start": _day(event.when.earliest, low=True),
            "end": _day(event.when.latest, low=False),
            "title": event.title,
            "summary": event.summary,
            "place": data.get("place"),
            "participants": [
                {"actor": p.actor, "name": dataset.actors[p.actor].name, "role": p.role.value}
                for p in event.participants
            ],
            "casualties": data.get("casualties", []),
            "killed_min": sum(killed) if killed else None,
            "sources": sorted(sources_about.get(event.id, ())),
        }
        features.append({"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def dumps(dataset: Any, *, unlocated: bool = False) -> bytes:
    """The GeoJSON text as UTF-8, markup characters escaped."""
    text = json.dumps(feature_collection(dataset, unlocated=unlocated), ensure_ascii=False, indent=1, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")


def write(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    """Write the FeatureCollection of ``dataset`` to ``target``."""
    target.write(dumps(dataset, unlocated=_flag(context.options, "unlocated")))
