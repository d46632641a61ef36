"""Properties of the model's value objects: validation at construction, counts, ids."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mideast_model.io import canonical
from mideast_model.model import (
    KINDS,
    Actor,
    ActorKind,
    ClaimValue,
    CountRange,
    EventKind,
    Place,
)
from mideast_model.testing import strategies as mst

_OBJECTS = st.one_of(mst.actors(), mst.sources(), mst.events(), mst.claims(), mst.relations())
_CLASS_KIND = {cls: kind for kind, cls in KINDS.items()}


@given(_OBJECTS)
def test_every_object_round_trips_through_its_json_form(obj: object) -> None:
    """Each generated object survives the converter, and ``evolve`` with no change is equal."""
    kind = _CLASS_KIND[type(obj)]
    data = canonical.converter().unstructure(obj)
    assert canonical.structure_object(kind, data) == obj
    assert attrs.evolve(obj) == obj  # type: ignore[misc]


@given(mst.count_ranges())
def test_count_ranges_are_ordered_and_non_negative(count: CountRange) -> None:
    assert count.low >= 0
    assert count.high is None or count.low <= count.high
    assert count.overlaps(count)
    assert count.exact == (count.high == count.low and not count.approximate)


@given(st.integers(0, 10**9), st.integers(1, 10**6))
def test_count_range_low_above_high_is_rejected(high: int, gap: int) -> None:
    with pytest.raises(ValueError, match="exceeds"):
        CountRange(high + gap, high)


@given(st.integers(max_value=-1), st.none() | st.integers(0, 10))
def test_negative_counts_are_rejected(low: int, high: int | None) -> None:
    with pytest.raises(ValueError, match="non-negative"):
        CountRange(low, high)


@given(mst.count_ranges(), mst.count_ranges())
def test_count_overlap_is_symmetric_and_means_a_shared_value(a: CountRange, b: CountRange) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    shared = max(a.low, b.low)
    in_both = all(c.high is None or shared <= c.high for c in (a, b))
    assert a.overlaps(b) == in_both


@given(st.text(min_size=1, max_size=20).filter(lambda s: any(c.isspace() for c in s) or len(s) == 0))
def test_ids_with_whitespace_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="id must be"):
        Actor(id=bad, name="x", kind=ActorKind.STATE)


@pytest.mark.parametrize("bad", ["", "a b", "actor:x\n", "\nactor:x", "a\tb", "x" * 201])
def test_bad_ids_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="id must be"):
        Actor(id=bad, name="x", kind=ActorKind.STATE)


@pytest.mark.parametrize("bad", ["usa", "US", "USAA", "USA\n", "U1A"])
def test_bad_country_codes_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="alpha-3"):
        Place("Baghdad", country=bad)


def test_place_needs_both_coordinates_or_neither() -> None:
    with pytest.raises(ValueError, match="both lat and lon"):
        Place("Taji", lat=33.5)
    with pytest.raises(ValueError, match=r"lat must lie in"):
        Place("Nowhere", lat=91.0, lon=0.0)


def test_claim_value_needs_content() -> None:
    with pytest.raises(ValueError, match="needs a count"):
        ClaimValue()


@given(mst.places())
def test_places_have_coordinates_in_range(place: Place) -> None:
    assert place.has_coordinates == (place.lat is not None)
    if place.lat is not None and place.lon is not None:
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


@pytest.mark.parametrize("kind", [k for k in EventKind if k.cameo])
def test_event_kinds_map_back_from_their_cameo_code(kind: EventKind) -> None:
    back = EventKind.from_cameo(kind.cameo or "")
    assert back.cameo_root == kind.cameo_root
    assert back.cameo == kind.cameo


@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=3).filter(lambda s: not s.isdigit()))
def test_from_cameo_rejects_non_codes(code: str) -> None:
    with pytest.raises(ValueError):
        EventKind.from_cameo(code)


@given(mst.texts())
def test_texts_are_never_blank(text: str) -> None:
    assert text.strip()
    assert "\x00" not in text
