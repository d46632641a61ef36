"""The plugin registers its analyses through the entry point and stays cheap to import."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from mideast_model.dataset import Dataset


def test_registered_and_runnable_from_the_cli() -> None:
    from mideast_model.cli import cli

    runner = CliRunner()
    listing = runner.invoke(cli, ["plugins", "--json"])
    assert listing.exit_code == 0
    assert "mideast-model-dynamics" in listing.output
    for name in ("network", "hawkes"):
        out = runner.invoke(cli, ["analyze", name, "--json"])
        assert out.exit_code == 0, out.output
        json.loads(out.output)
        md = runner.invoke(cli, ["analyze", name, "--markdown"])
        assert md.exit_code == 0 and md.output.startswith("## ")
    dated = runner.invoke(cli, ["analyze", "network", "--param", "date=2020-03-15", "--json"])
    assert json.loads(dated.output)["date"] == "2020-03-15"


def test_import_does_not_load_heavy_libraries() -> None:
    code = "import sys, mideast_model_dynamics; print(any(m in sys.modules for m in ('networkx', 'scipy', 'numpy')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_conformance_kit_order_independence(proxy_dataset: Dataset) -> None:
    conformance = pytest.importorskip("mideast_model.testing.conformance")
    from mideast_model_dynamics import HAWKES, NETWORK

    from mideast_model.data import seed

    conformance.check_analysis(NETWORK, seed())
    conformance.check_analysis(NETWORK, proxy_dataset, date=dt.date(2020, 3, 13))
    conformance.check_analysis(HAWKES, proxy_dataset)
