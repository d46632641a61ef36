"""Interop of datasets and query results with notebooks and dataframes."""

from __future__ import annotations

import pytest

from mideast_model.data import seed
from mideast_model.dataset import Results


def test_query_results_render_as_escaped_html_tables() -> None:
    results = seed().events_involving("actor:kataib-hezbollah", "2020-03")
    assert isinstance(results, Results) and results
    html = results._repr_html_()
    assert html.startswith("<table>") and "event:2020-03-11-camp-taji-attack" in html
    assert html.count("<tr>") == len(results) + 1


def test_dataset_repr_html_lists_the_counts() -> None:
    html = seed()._repr_html_()
    for kind, n in seed().counts().items():
        assert f"<td>{kind}</td><td>{n}</td>" in html


def test_to_arrow_and_to_pandas_keep_every_object() -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("pandas")
    d = seed()
    for kind, n in d.counts().items():
        assert d.to_arrow(kind).num_rows == n
        frame = d.to_pandas(kind)
        assert len(frame) == n and (n == 0 or "id" in frame.columns)
