"""Every core analysis on arbitrary valid datasets: runs, renders, and ignores input order."""

from __future__ import annotations

import random
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mideast_model.analyses import ANALYSES
from mideast_model.dataset import Dataset
from mideast_model.extensions import Analysis, AnalysisResult

strategies = pytest.importorskip("mideast_model.testing.strategies")


def _check_order(analysis: Analysis, dataset: Dataset, rnd: random.Random, **params: Any) -> AnalysisResult:
    """The conformance kit's check when it exists; else the same check done here."""
    try:
        from mideast_model.testing.conformance import check_analysis
    except ImportError:
        check_analysis = None
    if check_analysis is not None:
        check_analysis(analysis, dataset, **params)
    result = analysis.run(dataset, **params)
    objects = list(dataset)
    rnd.shuffle(objects)
    assert orjson.dumps(analysis.run(Dataset.from_objects(objects), **params).to_json()) == orjson.dumps(
        result.to_json()
    )
    return result


# datasets() costs about 1.5 s an example (EDTF parsing in the strategy), so one drawn
# dataset serves all six analyses.
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_analysis_runs_on_any_dataset(data: st.DataObject) -> None:
    from rich.console import Console

    dataset = data.draw(strategies.datasets(max_objects=30))
    rnd = data.draw(st.randoms())
    for analysis in ANALYSES:
        result = _check_order(analysis, dataset, rnd, **{p.name: p.default for p in analysis.params})
        assert isinstance(result, AnalysisResult)
        orjson.dumps(result.to_json())  # plain JSON
        assert result.to_markdown().startswith("## ")
        console = Console(file=None, record=True, width=120)
        with console.capture():
            console.print(result.to_rich())


def test_registered_as_builtins() -> None:
    from mideast_model.plugins import analyses

    names = set(analyses())
    assert {"timeline", "escalation", "titfortat", "contradictions", "corroboration", "perspectives"} <= names
