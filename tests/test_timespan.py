"""Invariant 2: a time span's start <= end; ordering and overlap agree with EDTF meaning."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mideast_model.model import EDTFError, TimeSpan
from mideast_model.testing.strategies import edtf_strings, time_spans

DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@given(time_spans())
def test_earliest_is_not_after_latest(span: TimeSpan) -> None:
    low, high = span.bounds()
    assert low <= span.earliest <= span.latest <= high
    assert span.bounds(fuzzy=False) == (span.earliest, span.latest)
    if not (span.approximate or span.uncertain):
        assert span.bounds() == (span.earliest, span.latest)


@given(edtf_strings())
def test_text_is_kept_verbatim(text: str) -> None:
    span = TimeSpan(text)
    assert span.edtf == text == str(span)
    assert TimeSpan(text) == span


@given(time_spans())
def test_before_is_irreflexive_and_a_span_overlaps_itself(span: TimeSpan) -> None:
    assert not span.before(span)
    assert span.overlaps(span)


@given(time_spans(), time_spans())
def test_before_is_asymmetric_and_excludes_overlap(a: TimeSpan, b: TimeSpan) -> None:
    if a.before(b):
        assert not b.before(a)
        assert not a.overlaps(b) and not b.overlaps(a)
        assert b.after(a)
    assert a.overlaps(b) == b.overlaps(a)
    # exactly one of: a before b, b before a, overlap
    assert [a.before(b), b.before(a), a.overlaps(b)].count(True) == 1


@given(st.lists(time_spans(), min_size=3, max_size=8))
def test_before_is_transitive(spans: list[TimeSpan]) -> None:
    for a in spans:
        for b in spans:
            if a.before(b):
                for c in spans:
                    if b.before(c):
                        assert a.before(c), (a, b, c)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2090, 1, 1)),
    st.lists(st.integers(1, 1500), min_size=2, max_size=2),
    st.lists(st.sampled_from(["", "~", "?"]), min_size=3, max_size=3),
)
def test_before_is_transitive_along_chains_of_days(start: dt.date, gaps: list[int], marks: list[str]) -> None:
    """Three days in order, far or near, qualified or not: before is transitive along the chain."""
    days = [start, start + dt.timedelta(days=gaps[0]), start + dt.timedelta(days=gaps[0] + gaps[1])]
    a, b, c = (TimeSpan(d.isoformat() + m) for d, m in zip(days, marks, strict=True))
    if a.before(b) and b.before(c):
        assert a.before(c)
    assert TimeSpan.day(days[0]).before(TimeSpan.day(days[2]))


@given(time_spans(), time_spans())
def test_unqualified_spans_are_ordered_exactly_by_their_days(a: TimeSpan, b: TimeSpan) -> None:
    """Without ``~``/``?``/``%`` a span is its days: disjoint spans are always ordered."""
    if not (a.approximate or a.uncertain or b.approximate or b.uncertain):
        assert a.before(b) == (a.latest < b.earliest)


@given(time_spans(), time_spans())
def test_before_means_every_day_precedes_every_day(a: TimeSpan, b: TimeSpan) -> None:
    """Ordering agrees with the days each span may cover: never an order overlapping spans lack."""
    if a.before(b):
        assert a.latest < b.earliest
        assert a.sort_key() < b.sort_key()
    if a.latest >= b.earliest and b.latest >= a.earliest:  # they share a certain day
        assert a.overlaps(b)


@given(time_spans(), time_spans(), st.data())
def test_a_shared_day_means_overlap(a: TimeSpan, b: TimeSpan, data: st.DataObject) -> None:
    low = max(a.earliest, b.earliest, dt.date(1, 1, 1))
    high = min(a.latest, b.latest)
    if low <= high:
        day = data.draw(st.dates(min_value=low, max_value=high))
        assert a.contains(day) and b.contains(day)
        assert a.overlaps(b) and not a.before(b) and not b.before(a)


@given(DAYS, DAYS)
def test_days_order_like_dates(d1: dt.date, d2: dt.date) -> None:
    a, b = TimeSpan.day(d1), TimeSpan.day(d2)
    assert a.earliest == a.latest == d1
    assert a.precision == "day"
    assert a.before(b) == (d1 < d2)
    assert a.overlaps(b) == (d1 == d2)


@given(DAYS)
def test_months_and_years_cover_their_days(day: dt.date) -> None:
    month = TimeSpan(f"{day.year:04d}-{day.month:02d}")
    year = TimeSpan(f"{day.year:04d}")
    assert month.contains(day) and year.contains(day)
    assert month.earliest.day == 1 and (month.latest + dt.timedelta(days=1)).day == 1
    assert (year.earliest, year.latest) == (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    assert (month.precision, year.precision) == ("month", "year")
    assert month.overlaps(TimeSpan.day(day)) and year.overlaps(month)


@given(DAYS, DAYS)
def test_intervals_span_their_ends(d1: dt.date, d2: dt.date) -> None:
    start, end = min(d1, d2), max(d1, d2)
    span = TimeSpan.between(start, end)
    assert (span.earliest, span.latest) == (start, end)


@given(DAYS, DAYS)
def test_inverted_intervals_are_rejected(d1: dt.date, d2: dt.date) -> None:
    if d1 > d2:
        with pytest.raises(EDTFError, match="ends before it starts"):
            TimeSpan(f"{d1.isoformat()}/{d2.isoformat()}")


@given(time_spans(), DAYS)
def test_qualified_spans_are_wider_not_narrower(span: TimeSpan, day: dt.date) -> None:
    """``~``/``?`` widen the fuzzy bounds, so a qualified span is never put before more than its plain form."""
    plain_text = span.edtf.replace("~", "").replace("?", "").replace("%", "")
    plain = TimeSpan(plain_text)
    other = TimeSpan.day(day)
    if span.before(other):
        assert plain.before(other)
    if other.before(span):
        assert other.before(plain)


def test_open_ends() -> None:
    after = TimeSpan("2019-11/..")
    before = TimeSpan("../2020-01")
    assert after.latest == dt.date.max and before.earliest == dt.date.min
    assert after.is_open and before.is_open
    assert after.overlaps(TimeSpan("2300")) and not after.before(TimeSpan("2300"))
    assert TimeSpan("2019-10").before(after)


@pytest.mark.parametrize(
    "text", ["", " 2020", "2020-13", "2020-02-30", "Marhc 2020", "2020-03-11/2020-03-10", "..", "2020/2019"]
)
def test_bad_edtf_is_rejected(text: str) -> None:
    with pytest.raises(EDTFError):
        TimeSpan(text)


def test_mid_and_late_2019_are_approximate_spans() -> None:
    mid, late = TimeSpan("2019-05~/2019-08~"), TimeSpan("2019-09~/2019-12~")
    assert mid.approximate and late.approximate
    assert not mid.before(late)  # fuzzy edges touch: no order claimed
    assert TimeSpan("2019-03").before(late)
