"""Fixtures of the report plugin's tests: the seed, the hostile dataset, where screenshots are kept."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # report_testdata, report_browser (any --import-mode)

from report_testdata import OUTPUT, hostile_dataset

from mideast_model.dataset import Dataset


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs headless chromium")


@pytest.fixture(autouse=True)
def _fresh_plugins() -> Iterator[None]:
    """Each test sees the installed plugins afresh (a test may register its own)."""
    from mideast_model import plugins

    plugins.reset()
    yield
    plugins.reset()


@pytest.fixture(scope="session")
def seed() -> Dataset:
    """The embedded seed dataset."""
    from mideast_model.data import seed as load_seed

    return load_seed()


@pytest.fixture(scope="session")
def seed_html(seed: Dataset) -> str:
    """The seed's report in HTML (rendered once per session)."""
    from mideast_model_report.builder import render_report

    return render_report(seed, "html")


@pytest.fixture(scope="session")
def seed_md(seed: Dataset) -> str:
    """The seed's report in Markdown."""
    from mideast_model_report.builder import render_report

    return render_report(seed, "markdown")


@pytest.fixture(scope="session")
def hostile() -> Dataset:
    """The hostile dataset."""
    return hostile_dataset()


@pytest.fixture
def keep_output() -> Path:
    """``tests/output/`` (git-ignored): screenshots kept for a human to look at."""
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
