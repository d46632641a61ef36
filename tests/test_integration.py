"""With everything installed: every package under plugins/ is discovered, listed and usable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = sorted(p.parent for p in (ROOT / "plugins").glob("*/pyproject.toml"))


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = "import sys; from mideast_model.cli import main; sys.argv[0] = 'mideast-model'; main()"
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=full_env, timeout=300
    )


def _project(package: Path) -> dict[str, object]:
    data = tomllib.loads((package / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    assert isinstance(project, dict)
    return project


def test_there_are_at_least_six_plugin_packages() -> None:
    assert len(PACKAGES) >= 6, PACKAGES


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_each_package_follows_the_layout(package: Path) -> None:
    project = _project(package)
    assert project["name"] == f"mideast-model-{package.name}"
    entry_points = project.get("entry-points")
    assert isinstance(entry_points, dict) and "mideast_model" in entry_points, "no entry point in group mideast_model"
    assert (package / "README.md").is_file()
    assert (package / "src" / f"mideast_model_{package.name}" / "__init__.py").is_file()
    assert any((package / "tests").glob("test_*.py"))


def test_plugins_json_lists_every_package_with_its_version_and_registrations() -> None:
    result = _cli("plugins", "--json")
    assert result.returncode == 0, result.stderr
    listed = {p["distribution"]: p for p in json.loads(result.stdout)}
    for package in PACKAGES:
        project = _project(package)
        name = str(project["name"])
        if name not in listed:
            pytest.fail(f"{name} is not installed or not discovered (pip install -e plugins/{package.name})")
        assert listed[name]["version"] == project["version"]
        assert listed[name]["registered"], f"{name} registered nothing"
    assert not result.stderr.strip(), result.stderr


def test_load_control_selects_distributions() -> None:
    only = _cli("plugins", "--json", env={"MIDEAST_MODEL_LOAD_PLUGINS": "mideast-model-stix, mideast-model-graph"})
    assert only.returncode == 0, only.stderr
    external = {p["distribution"] for p in json.loads(only.stdout) if not p["builtin"]}
    assert external == {"mideast-model-stix", "mideast-model-graph"}
    none = _cli("plugins", "--json", env={"MIDEAST_MODEL_LOAD_PLUGINS": ""})
    assert {p["distribution"] for p in json.loads(none.stdout)} == {"mideast-model"}


def test_the_install_hints_match_what_the_packages_register() -> None:
    """``plugins.FIRST_PARTY`` (used by "no exporter named 'stix' … pip install …") is what plugins/ provides."""
    from mideast_model.plugins import FIRST_PARTY

    result = _cli("plugins", "--json")
    assert result.returncode == 0, result.stderr
    kinds = {"importers": "importer", "exporters": "exporter", "analyses": "analysis"}
    registered: dict[str, dict[str, tuple[str, str]]] = {kind: {} for kind in kinds.values()}
    directories = {str(_project(p)["name"]): f"plugins/{p.name}" for p in PACKAGES}
    for plugin in json.loads(result.stdout):
        if plugin["builtin"]:
            continue
        for kind, names in plugin["registered"].items():
            if kind in kinds:
                dist = plugin["distribution"]
                registered[kinds[kind]].update({n: (dist, directories[dist]) for n in names})
    assert registered == FIRST_PARTY
