"""Date expressions normalised against the publication date: a table of expected EDTF spans."""

from __future__ import annotations

import datetime as dt

import pytest
from mideast_model_text import find_dates, normalise_date

from mideast_model.model import TimeSpan

NYT = dt.date(2020, 3, 27)  # a Friday
PROG = dt.date(2020, 3, 26)  # a Thursday
CG = dt.date(2020, 3, 18)  # a Wednesday

# (expression, publication date, anchor day or None, expected EDTF or None)
TABLE = [
    ("on Wednesday", NYT, None, "2020-03-25"),
    ("Wednesday", CG, None, "2020-03-18"),
    ("last Friday", NYT, None, "2020-03-20"),
    ("next Monday", NYT, None, "2020-03-30"),
    ("last May", NYT, None, "2019-05"),
    ("last December", NYT, None, "2019-12"),
    ("last March", NYT, None, "2019-03"),
    ("this November", PROG, None, "2020-11"),
    ("next month", NYT, None, "2020-04"),
    ("March 11", NYT, None, "2020-03-11"),
    ("on March 19", NYT, None, "2020-03-19"),
    ("January 3", PROG, None, "2020-01-03"),
    ("December 28", dt.date(2020, 1, 5), None, "2019-12-28"),
    ("since last May", NYT, None, "2019-05/2020-03-27"),
    ("since May 2019", CG, None, "2019-05/2020-03-18"),
    ("Since 2018", CG, None, "2018/2020-03-18"),
    ("mid-2019", PROG, None, "2019-05~/2019-08~"),
    ("By mid-2019", PROG, None, "../2019-08~"),
    ("late 2019", CG, None, "2019-09~/2019-12~"),
    ("in late 2019", PROG, None, "2019-09~/2019-12~"),
    ("early 2020", CG, None, "2020-01~/2020-04~"),
    ("At the end of 2019", PROG, None, "2019-10~/2019-12~"),
    ("In mid-March", PROG, None, "2020-03-11~/2020-03-20~"),
    ("late March", NYT, None, "2020-03-21~/2020-03-31~"),
    ("17 years ago", NYT, None, "2003"),
    ("two days ago", NYT, None, "2020-03-25"),
    ("three months ago", NYT, None, "2019-12"),
    ("last month", CG, None, "2020-02"),
    ("in January", NYT, None, "2020-01"),
    ("in November", NYT, None, "2019-11"),
    ("back in December", CG, None, "2019-12"),
    ("this month", NYT, None, "2020-03"),
    ("last week", NYT, None, "2020-03-16/2020-03-22"),
    ("this week", CG, None, "2020-03-16/2020-03-22"),
    ("last year", PROG, None, "2019"),
    ("last summer", NYT, None, "2019-22"),
    ("one day later", NYT, dt.date(2020, 3, 11), "2020-03-12"),
    ("A day later", CG, dt.date(2020, 3, 11), "2020-03-12"),
    ("the day after", NYT, dt.date(2020, 3, 15), "2020-03-16"),
    ("the day before", NYT, dt.date(2020, 3, 12), "2020-03-11"),
    ("two weeks later", NYT, dt.date(2020, 3, 1), "2020-03-15~"),
    ("one day later", NYT, None, None),
    ("the day after", NYT, None, None),
    ("by mid-April", PROG, None, "2020-03-26/2020-04-20~"),
    ("by the end of 2020", NYT, None, "2020-03-27/2020-12~"),
    ("In 2018", PROG, None, "2018"),
    ("the 1990s", NYT, None, "199X"),
    ("18 MARCH 2020", CG, None, "2020-03-18"),
    ("March 27, 2020", NYT, None, "2020-03-27"),
    ("Sept. 4, 2019", NYT, None, "2019-09-04"),
    ("in November 2019", CG, None, "2019-11"),
    ("since April 2019", CG, None, "2019-04/2020-03-18"),
    ("2020-01-03", NYT, None, "2020-01-03"),
    ("the past six months", NYT, None, "2019-09-27/2020-03-27"),
    ("in recent weeks", NYT, None, "2020-02-28~/2020-03-27"),
    ("yesterday", NYT, None, "2020-03-26"),
    ("today", NYT, None, "2020-03-27"),
    ("in a while", NYT, None, None),
    ("the coronavirus", NYT, None, None),
]


def test_table_is_large_enough() -> None:
    assert len([row for row in TABLE if row[3] is not None]) >= 30


@pytest.mark.parametrize(("expression", "published", "anchor", "expected"), TABLE)
def test_normalise_date(expression: str, published: dt.date, anchor: dt.date | None, expected: str | None) -> None:
    assert normalise_date(expression, published, anchor=anchor) == expected


@pytest.mark.parametrize(("expression", "published", "anchor", "expected"), [r for r in TABLE if r[3]])
def test_results_are_time_spans_containing_sensible_days(
    expression: str, published: dt.date, anchor: dt.date | None, expected: str
) -> None:
    span = TimeSpan(expected)
    assert span.earliest <= span.latest
    assert span.earliest.year >= 1990 or "X" in expected or expected.startswith("..")


def test_found_in_running_text_with_offsets() -> None:
    text = "Kataib Hezbollah, in a statement on Wednesday, warned; since last May troops moved. By mid-2019, tankers."
    found = list(find_dates(text))
    assert [expr for _, _, expr in found] == ["on Wednesday", "since last May", "By mid-2019"]
    for start, end, expression in found:
        assert text[start:end] == expression


def test_may_the_verb_is_not_a_month() -> None:
    assert [e for _, _, e in find_dates("Iran may respond, officials may say.")] == []


def test_windowed_scan_equals_the_full_scan() -> None:
    """find_dates only scans around key words; it must find what a scan of everything finds."""
    from pathlib import Path

    from mideast_model_text.dates import _SCAN

    seed = (Path(__file__).parent / "fixtures" / "seed.txt").read_text(encoding="utf-8")
    samples = [
        seed,
        "At the end of last year, and the day after, by mid-April and since last May; today.",
        "since the beginning of last year; in the past several months; at the end of November 2019, 17 years ago",
    ]
    for text in samples:
        full = [(m.start(), m.end(), m.group(0)) for m in _SCAN.finditer(text)]
        assert list(find_dates(text)) == full


def test_word_scan_equals_the_text_scan() -> None:
    """The extractor's scan over tokenized words finds exactly what find_dates finds."""
    from pathlib import Path

    from mideast_model_text.dates import find_dates_in_words
    from mideast_model_text.segment import words

    seed = (Path(__file__).parent / "fixtures" / "seed.txt").read_text(encoding="utf-8")
    samples = [
        seed,
        "since the beginning of last year; at the end of November 2019, 17 years ago. Back in December; on 3 January;"
        " Jan. 5, 2020; the 1990s; In mid-March, a few days ago; last month’s vote; last December.Credit",
    ]
    for text in samples:
        found = words(text, 0, len(text))
        scanned = find_dates_in_words(text, found, [w.group() for w in found])
        assert scanned == list(find_dates(text))
