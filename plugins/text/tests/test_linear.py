"""Fuzzing the extraction's regular expressions with pathological input: no catastrophic backtracking.

Each pattern runs over inputs that hypothesis builds from the fragments most likely to make a
backtracking matcher work hard (runs of capitalised words, numbers, quote marks, separators).
A linear scan of 60 KB takes milliseconds; the bound below is hundreds of times that, so it
fails only for super-linear matching, not because the machine is busy.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mideast_model_text import counts, dates, extract, segment

FRAGMENTS = [
    "Al ", "al-Abc ", "Abc ", "ABC ", "Mr. ", "Gen. ", "chief ", "spokesman ", "for ", "of ", "the ", "a ", "and ",
    "at least ", "more than ", "25 ", "1,000 ", "two ", "dozens ", "Americans ", "rockets ", ", ", ". ", "! ", ": ",
    " \u2014 ", " - ", "\u201c", "\u201d", "\u2018", "\u2019", "'", '"', "said ", "may have ", "not ", "Iran's ",
    "x" * 30, "\u00a0", "-", "  ",
]  # fmt: skip
BOUND = 10.0  # seconds for 60 KB: linear matching needs well under a tenth of a second

_PATTERNS: dict[str, re.Pattern[str]] = {
    "single quotes": segment._SINGLE,
    "sentence boundary": segment._BOUNDARY,
    "attribution after": segment._ATTRIBUTION_AFTER,
    "count item": counts._ITEM,
    "hedge": extract._HEDGE,
    "deny": extract._DENY,
    "person cue": extract._PERSON_CUE,
    "of phrase": extract._OF_PHRASE,
    "dates": dates._SCAN,
}


def _scan(pattern: re.Pattern[str], text: str) -> None:
    if pattern is segment._ATTRIBUTION_AFTER or pattern is extract._OF_PHRASE:
        for start in range(0, len(text), 7):  # used with match() at many positions
            pattern.match(text, start)
    else:
        for _ in pattern.finditer(text):
            pass


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map("".join))
@pytest.mark.parametrize("name", sorted(_PATTERNS))
def test_patterns_are_linear_on_pathological_text(name: str, unit: str) -> None:
    text = (unit * (60_000 // len(unit) + 1))[:60_000]
    start = time.process_time()
    _scan(_PATTERNS[name], text)
    assert time.process_time() - start < BOUND, name


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=30).map("".join))
def test_headline_patterns_on_long_lines(unit: str) -> None:
    line = (unit * (200 // len(unit) + 1))[:200]
    start = time.process_time()
    for _ in range(200):
        extract._HEADLINE_BEFORE.fullmatch(line)
        extract._HEADLINE_AFTER.fullmatch(line)
    assert time.process_time() - start < BOUND


@settings(max_examples=10, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map("".join))
def test_extraction_is_bounded_on_pathological_text(unit: str) -> None:
    from mideast_model_text.evaluate import run_passage

    text = "Title\n\n" + (unit * (20_000 // len(unit) + 1))[:20_000]
    start = time.process_time()
    run_passage(text, __import__("datetime").date(2020, 3, 27))
    assert time.process_time() - start < 4 * BOUND


def test_counts_find_all_items_of_a_long_list() -> None:
    text = ", ".join(["two soldiers"] * 2000) + " and a civilian were killed."
    start = time.process_time()
    (found,) = counts.find_counts(text)
    assert found.value.low == 4001
    assert time.process_time() - start < BOUND
