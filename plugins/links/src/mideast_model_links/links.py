"""Propose links between events of different datasets that are probably the same event.

Candidates are pairs of events from different datasets (the ``<dataset>`` of an id
``event:<dataset>:<key>``; ids without one are ``curated``) whose time spans lie within
``tolerance_days`` of each other, found by a sweep over spans sorted by their start
(never all pairs). Each candidate is scored on four grounds and kept when the score
reaches ``min_score``; the analysis never merges anything.

======== ======= ==============================================================================
ground   weight  score
======== ======= ==============================================================================
time     0.30    1 when the spans overlap, falling linearly to 0 at ``tolerance_days + 1`` apart;
                 times sqrt((tolerance_days + 1) / longest span in days) when that is below 1
place    0.30    haversine distance when both have coordinates: 1 at 0 km, 0 at ``max_km``;
                 else same admin1 0.7, same country 0.3, unknown 0.1; different countries: no link
actors   0.25    shared participants (and, at half weight, a participant that is part of or a
                 member of the other's, through the dataset's relations) over the smaller set;
                 0.2 when either event has no participants
kind     0.15    same kind 1, same CAMEO root 0.8, same PLOVER type 0.6, same quad class 0.4,
                 a kind outside CAMEO 0.2; different quad classes (cooperation vs conflict): no link
======== ======= ==============================================================================
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from mideast_model.dataset import Dataset
from mideast_model.extensions import TableResult
from mideast_model.model import Event, EventKind, Place, RelationPredicate

__all__ = ["WEIGHTS", "Link", "dataset_of", "haversine_km", "links"]

WEIGHTS = {"time": 0.30, "place": 0.30, "actors": 0.25, "kind": 0.15}
_EARTH_KM = 6371.0088
_HIERARCHY = (RelationPredicate.PART_OF, RelationPredicate.MEMBER_OF)


def dataset_of(event_id: str) -> str:
    """The dataset an event id names (``event:acled:IRQ1`` is ``acled``), else ``curated``."""
    parts = event_id.split(":")
    return parts[1] if len(parts) >= 3 and parts[1] else "curated"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@attrs.frozen
class Link:
    """One proposed link: two event ids (``a < b``), a score in [0, 1] and the reasons."""

    a: str
    b: str
    score: float
    parts: Mapping[str, float]
    reasons: tuple[str, ...]


def _quad(root: str | None) -> int | None:
    if root is None:
        return None
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _cameo(event: Event) -> str | None:
    return event.cameo or event.kind.cameo


def _kind_score(a: Event, b: Event) -> tuple[float, str] | None:
    ca, cb = _cameo(a), _cameo(b)
    if a.kind is b.kind:
        return 1.0, f"kind: both {a.kind.value}"
    if ca is None or cb is None:
        return 0.2, f"kind: {a.kind.value} / {b.kind.value} (no CAMEO code to compare)"
    if ca[:2] == cb[:2]:
        return 0.8, f"kind: {a.kind.value} / {b.kind.value}, same CAMEO root {ca[:2]}"
    pa, pb = EventKind.from_cameo(ca).plover or a.kind.plover, EventKind.from_cameo(cb).plover or b.kind.plover
    if pa is not None and pa == pb:
        return 0.6, f"kind: {a.kind.value} / {b.kind.value}, same PLOVER type {pa}"
    qa, qb = _quad(ca[:2]), _quad(cb[:2])
    if qa == qb:
        return 0.4, f"kind: {a.kind.value} / {b.kind.value}, same quad class {qa}"
    return None


def _admin_comparable(a: str, b: str) -> bool:
    """GDELT writes FIPS admin codes ("IZ07"), others names: only like compares with like."""

    def code(s: str) -> bool:
        return len(s) == 4 and s[:2].isalpha() and s[:2].isupper()

    return code(a) == code(b)


def _place_score(a: Place | None, b: Place | None, max_km: float) -> tuple[float, str] | None:
    if a is None or b is None:
        return 0.1, "place: unknown for one event"
    if a.country and b.country and a.country != b.country:
        return None
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        return max(0.0, 1.0 - km / max_km), f"place: {km:.1f} km apart"
    comparable = bool(a.admin1 and b.admin1 and _admin_comparable(a.admin1, b.admin1))
    if comparable and a.admin1 is not None and b.admin1 is not None and a.admin1.casefold() == b.admin1.casefold():
        return 0.7, f"place: same admin1 {a.admin1}"
    if a.country and a.country == b.country:
        return 0.3, f"place: same country {a.country}"
    return 0.1, "place: not comparable"


def _ancestors(dataset: Dataset) -> dict[str, frozenset[str]]:
    parents: dict[str, set[str]] = {}
    for rel in dataset.relations.values():
        if rel.predicate in _HIERARCHY:
            parents.setdefault(rel.subject, set()).add(rel.object)
    out: dict[str, frozenset[str]] = {}
    for start in parents:
        seen: set[str] = set()
        stack = list(parents[start])
        while stack:
            node = stack.pop()
            if node in seen or node == start:
                continue
            seen.add(node)
            stack.extend(parents.get(node, ()))
        out[start] = frozenset(seen)
    return out


def _actor_score(a: Event, b: Event, ancestors: Mapping[str, frozenset[str]]) -> tuple[float, str]:
    sa, sb = set(a.actors()), set(b.actors())
    if not sa or not sb:
        return 0.2, "actors: unknown for one event"
    shared = sa & sb
    up_a = set().union(*(ancestors.get(x, frozenset()) for x in sa))
    up_b = set().union(*(ancestors.get(x, frozenset()) for x in sb))
    related = ((sa & up_b) | (sb & up_a)) - shared
    score = min(1.0, (len(shared) + 0.5 * len(related)) / min(len(sa), len(sb)))
    if shared:
        text = "actors: both involve " + ", ".join(sorted(shared))
        if related:
            text += "; related " + ", ".join(sorted(related))
    elif related:
        text = "actors: related " + ", ".join(sorted(related))
    else:
        text = "actors: none in common"
    return score, text


def _time(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], tolerance: int) -> tuple[float, str]:
    gap = (max(a[0], b[0]) - min(a[1], b[1])).days
    longest = max((a[1] - a[0]).days, (b[1] - b[0]).days) + 1
    # A day inside a month-long span is weak evidence: scale by how precise the spans are.
    precise = min(1.0, math.sqrt((tolerance + 1) / longest))
    if gap <= 0:
        text = "time: spans overlap" + (f" (longest span {longest} days)" if precise < 1 else "")
        return precise, text
    return max(0.0, 1.0 - gap / (tolerance + 1)) * precise, f"time: {gap} day(s) apart"


def find_links(
    events: Iterable[Event],
    dataset: Dataset,
    *,
    tolerance_days: int = 1,
    max_km: float = 25.0,
    min_score: float = 0.7,
    max_span_days: int = 31,
    event: str | None = None,
) -> tuple[list[Link], int]:
    """Every link scoring at least ``min_score``, best first, and how many events were too vague."""
    ancestors = _ancestors(dataset)
    spans: list[tuple[dt.date, dt.date, str, Event]] = []
    vague = 0
    for ev in events:
        low, high = ev.when.bounds()
        if low == dt.date.min or high == dt.date.max or (high - low).days + 1 > max_span_days:
            vague += 1
            continue
        spans.append((low, high, ev.id, ev))
    spans.sort(key=lambda s: (s[0], s[2]))
    reach = dt.timedelta(days=tolerance_days)
    found: list[Link] = []

    def consider(x: tuple[dt.date, dt.date, Event], y: tuple[dt.date, dt.date, Event]) -> None:
        link = _score(x[2], y[2], (x[0], x[1]), (y[0], y[1]), ancestors, tolerance_days, max_km)
        if link is not None and link.score >= min_score:
            found.append(link)

    if event is not None:
        target = next(((lo, hi, ev) for lo, hi, _, ev in spans if ev.id == event), None)
        if target is not None:
            for lo, hi, _, ev in spans:
                other_dataset = ev.id != event and dataset_of(ev.id) != dataset_of(event)
                if other_dataset and hi + reach >= target[0] and lo <= target[1] + reach:
                    consider(target, (lo, hi, ev))
    else:
        # Sweep by start: each dataset keeps the spans still within reach of the current
        # start; an event is compared only with the other datasets' active spans.
        active: dict[str, list[tuple[dt.date, dt.date, Event]]] = {}
        pruned_at: dict[str, int] = {}
        for low, high, _, ev in spans:
            label = dataset_of(ev.id)
            for other_label in list(active):
                if other_label == label:
                    continue
                items = [it for it in active[other_label] if it[1] + reach >= low]
                active[other_label] = items
                pruned_at[other_label] = len(items)
                for item in items:
                    if item[0] <= high + reach:
                        consider(item, (low, high, ev))
            own = active.setdefault(label, [])
            own.append((low, high, ev))
            if len(own) > 2 * max(64, pruned_at.get(label, 0)):
                own[:] = [it for it in own if it[1] + reach >= low]
                pruned_at[label] = len(own)
    found.sort(key=lambda lk: (-lk.score, lk.a, lk.b))
    return found, vague


def _score(
    x: Event,
    y: Event,
    bx: tuple[dt.date, dt.date],
    by: tuple[dt.date, dt.date],
    ancestors: Mapping[str, frozenset[str]],
    tolerance: int,
    max_km: float,
) -> Link | None:
    a, b = (x, y) if x.id < y.id else (y, x)
    place = _place_score(a.place, b.place, max_km)
    kind = _kind_score(a, b)
    if place is None or kind is None:
        return None
    time = _time(bx, by, tolerance)
    actors = _actor_score(a, b, ancestors)
    parts = {"time": time[0], "place": place[0], "actors": actors[0], "kind": kind[0]}
    score = round(sum(WEIGHTS[k] * v for k, v in parts.items()), 4)
    reasons = (time[1], place[1], actors[1], kind[1])
    return Link(a.id, b.id, score, {k: round(v, 4) for k, v in parts.items()}, reasons)


def links(
    dataset: Dataset,
    tolerance_days: int = 1,
    max_km: float = 25.0,
    min_score: float = 0.7,
    max_span_days: int = 31,
    event: str = "",
    limit: int = 0,
) -> TableResult:
    """Run the ``links`` analysis: proposed same-event links across datasets, best first."""
    found, vague = find_links(
        dataset.events.values(),
        dataset,
        tolerance_days=tolerance_days,
        max_km=max_km,
        min_score=min_score,
        max_span_days=max_span_days,
        event=event or None,
    )
    shown = found[:limit] if limit > 0 else found
    rows = tuple(
        (lk.a, lk.b, f"{lk.score:.2f}", f"{dataset_of(lk.a)}/{dataset_of(lk.b)}", "; ".join(lk.reasons)) for lk in shown
    )
    data: dict[str, Any] = {
        "links": [
            {"a": lk.a, "b": lk.b, "score": lk.score, "parts": dict(lk.parts), "reasons": list(lk.reasons)}
            for lk in shown
        ],
        "total": len(found),
        "events_too_vague": vague,
        "params": {
            "tolerance_days": tolerance_days, "max_km": max_km, "min_score": min_score,
            "max_span_days": max_span_days, "event": event, "limit": limit,
        },
    }  # fmt: skip
    return TableResult(
        title=f"Proposed links between datasets ({len(found)}; never merged)",
        columns=("event a", "event b", "score", "datasets", "reasons"),
        rows=rows,
        data=data,
    )
