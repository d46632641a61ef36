"""The fast EDTF path agrees with the edtf library on every form it handles."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mideast_model.model import time as timemod


def _part() -> st.SearchStrategy[str]:
    day = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31))
    form = st.sampled_from(["%Y", "%Y-%m", "%Y-%m-%d"])
    qualifier = st.sampled_from(["", "", "~", "?", "%"])
    return st.builds(lambda d, f, q: d.strftime(f) + q, day, form, qualifier)


edtf_texts = st.one_of(
    _part(),
    st.builds(lambda a, b: f"{a}/{b}", _part(), _part()),
    st.builds(lambda a: f"{a}/..", _part()),
    st.builds(lambda a: f"../{a}", _part()),
)


def _library(text: str) -> object:
    fast = timemod._plain
    timemod._plain = lambda _text: None
    timemod._parse.cache_clear()
    try:
        return timemod._parse(text)
    except timemod.EDTFError as exc:
        return type(exc)
    finally:
        timemod._plain = fast
        timemod._parse.cache_clear()


def _fast(text: str) -> object:
    try:
        return timemod._plain(text)
    except timemod.EDTFError as exc:
        return type(exc)


@settings(max_examples=40, deadline=None)
@given(edtf_texts)
def test_fast_path_agrees_with_edtf_library(text: str) -> None:
    assert _fast(text) == _library(text)


@pytest.mark.parametrize("text", ["2019-21", "2019-XX", "{2019,2020}", "2020-13", "2019-02-30"])
def test_other_forms_go_to_the_library(text: str) -> None:
    assert timemod._plain(text) is None
