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


# -- format version 2 values and the stricter checks -----------------------------------


def test_metrics_check_their_ranges_and_keep_floats() -> None:
    from mideast_model.model import Metrics

    m = Metrics(goldstein=-10, tone=3, quad_class=4, fatalities_low=1, fatalities_best=1, fatalities_high=9)
    assert m.goldstein == -10.0 and isinstance(m.goldstein, float) and m == Metrics(goldstein=-10.0, tone=3.0,
        quad_class=4, fatalities_low=1, fatalities_best=1, fatalities_high=9)  # fmt: skip
    for bad in (
        {"goldstein": 10.5},
        {"goldstein": float("nan")},
        {"tone": float("inf")},
        {"quad_class": 5},
        {"quad_class": True},
        {"mentions": -1},
        {"mentions": 10**18},
        {"fatalities_low": 5, "fatalities_high": 2},
        {"fatalities_best": 5, "fatalities_high": 2},
        {"fatalities_low": 3, "fatalities_best": 2},
        {"articles": 1.0},
    ):
        with pytest.raises(ValueError):
            Metrics(**bad)


def test_participant_sides_are_one_or_two() -> None:
    from mideast_model.model import Participant, Role

    assert Participant("actor:a", Role.INITIATOR, side=2, associated=True).side == 2
    for side in (0, 3, True, "1"):
        with pytest.raises(ValueError):
            Participant("actor:a", Role.INITIATOR, side=side)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Participant("actor:a", Role.INITIATOR, associated=1)  # type: ignore[arg-type]


def test_the_frozen_iso3_set_is_pycountry_plus_kosovo() -> None:
    pycountry = pytest.importorskip("pycountry")
    from mideast_model.model.countries import EXTRA_ISO3, ISO3

    official = {c.alpha_3 for c in pycountry.countries}
    assert official - ISO3 == set(), "new ISO 3166-1 codes: regenerate mideast_model/model/countries.py"
    assert ISO3 - official == EXTRA_ISO3 == {"XKX"}
    assert Place("Pristina", country="XKX").country == "XKX"
    for code in ("ZZZ", "iraq", "IR", "EUR"):
        with pytest.raises(ValueError, match="ISO 3166-1"):
            Place("x", country=code)


@pytest.mark.parametrize("text", ["a b", "", "x" * 201, "a\x00", "a\x1b[31m", "a\x85", "\ufeffa", "a\u202e", "a\u2069"])
def test_ids_refuse_whitespace_controls_and_bidi_marks(text: str) -> None:
    from mideast_model.model.objects import is_valid_id

    assert not is_valid_id(text)
    with pytest.raises(ValueError, match="id must"):
        Actor(id=text, name="A", kind=ActorKind.STATE)
    assert is_valid_id("actor:كتائب") and is_valid_id("x" * 200)
