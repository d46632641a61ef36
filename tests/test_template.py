"""The copier template of a new plugin: generate one, install it, run its own tests, list it.

The generated plugin is pip-installed (a real build of its ``pyproject.toml``) into a
private ``--target`` directory that only this test's subprocesses see on ``PYTHONPATH``;
the environment other tests share is never changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "plugin"
NAME = "tmplcheck"

pytestmark = pytest.mark.slow


def _env(site: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIDEAST_MODEL_")}
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    # Only the generated plugin (and the built-ins), strictly: its failure must fail the test,
    # and no other installed plugin can disturb it.
    env["MIDEAST_MODEL_LOAD_PLUGINS"] = f"mideast-model-{NAME}"
    env["MIDEAST_MODEL_STRICT_PLUGINS"] = "1"
    return env


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The plugin generated from the template, and the directory it is installed in."""
    copier = pytest.importorskip("copier")
    root = tmp_path_factory.mktemp("template")
    project = root / NAME
    copier.run_copy(
        str(TEMPLATE),
        str(project),
        data={"name": NAME, "description": "Reads tmplcheck event tables (CSV)", "author": "Test Author"},
        defaults=True,
        quiet=True,
        unsafe=False,
    )
    site = root / "site"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(project),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return project, site


def test_template_layout(generated: tuple[Path, Path]) -> None:
    project, site = generated
    files = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    for expected in (
        "README.md",
        "pyproject.toml",
        f"src/mideast_model_{NAME}/__init__.py",
        f"tests/test_{NAME}.py",
        "tests/data/sample.csv",
        ".copier-answers.yml",
    ):
        assert expected in files
    assert not [f for f in files if f.endswith(".jinja")]
    pyproject = (project / "pyproject.toml").read_text()
    assert f'name = "mideast-model-{NAME}"' in pyproject
    assert f'[project.entry-points.mideast_model]\n{NAME} = "mideast_model_{NAME}"' in pyproject
    assert f"mideast_model_{NAME}-0.1.0.dist-info" in [p.name for p in site.iterdir()]


def test_generated_plugin_passes_its_own_tests(generated: tuple[Path, Path]) -> None:
    project, site = generated
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project,
        env=_env(site),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
    assert "skipped" not in result.stdout.splitlines()[-1]


def test_generated_plugin_is_listed_and_works(generated: tuple[Path, Path], tmp_path: Path) -> None:
    project, site = generated
    cli = [sys.executable, "-m", "mideast_model.cli"]
    result = subprocess.run([*cli, "plugins", "--json"], env=_env(site), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    info = {i["name"]: i for i in json.loads(result.stdout)}
    mine = info[NAME]
    assert mine["distribution"] == f"mideast-model-{NAME}"
    assert mine["version"] == "0.1.0"
    assert mine["builtin"] is False
    assert mine["registered"] == {"importers": [NAME], "analyses": [f"{NAME}-kinds"]}

    out = tmp_path / "events.json"
    sample = project / "tests" / "data" / "sample.csv"
    result = subprocess.run(
        [*cli, "import", NAME, str(sample), "-o", str(out)], env=_env(site), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [*cli, "analyze", f"{NAME}-kinds", "-i", str(out), "--json"], env=_env(site), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0] == {"kind": "rocket_attack", "events": 3}

    bad = project / "tests" / "data" / "bad_date.csv"
    result = subprocess.run(
        [*cli, "import", NAME, str(bad), "-o", str(tmp_path / "x.json")], env=_env(site), capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"mideast-model: error: {bad}:3: date: not an EDTF date: 'Marhc 2020'"
