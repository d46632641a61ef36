"""Kill test over every exporter (issue 12): a SIGKILL at any instant loses nothing.

For each registered exporter, an export of dataset B over a complete export of dataset A
is started in a forked child that SIGKILLs itself at its N-th file-system step (every
call of ``os.replace``, ``os.rename``, ``os.unlink``, ``os.rmdir``, ``os.mkdir``,
``os.fsync``, the rename-exchange, and every named stage of the atomic layer), for
N = 1, 2, ... until the export completes (an exporter that needs seconds per run is
killed at SLOW_STEPS steps spread over the whole write). After each kill:

- the ``-o`` path holds the complete old output (A) or the complete new one (B), byte
  for byte (directories: every file), before anything repairs it;
- after :func:`mideast_model.io.atomic.recover` (what the next run does first) the
  output *with its companions* (SQLite's metadata) is all A or all B;
- no temp file is left beside or inside the target (after every kill), and a whole next
  run (every fourth kill, in a fresh child) writes B and leaves none either.

Directory exporters are also killed in-place (the target holds a user's file beside our
output, which must survive) and with the rename-exchange disabled (the journaled two-step
switch). A real ``mideast-model export`` (a file, a directory, a file with a companion) is killed by the
``MIDEAST_MODEL_TEST_KILL_AT`` hook just before its switch.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mideast_model.api import write_output
from mideast_model.dataset import Dataset
from mideast_model.io import atomic, canonical
from mideast_model.plugins import exporters

ALL = ["csv", "geojson", "gexf", "graphml", "json", "parquet", "prov", "report", "sqlite", "stix"]
STEPPED = ("replace", "rename", "unlink", "remove", "rmdir", "mkdir", "fsync")
USER_FILE = "my-notes.txt"
SLOW_STEPS = 4


def test_every_registered_exporter_is_killed_here() -> None:
    missing = sorted(set(exporters()) - set(ALL))
    assert not missing, f"add {missing} to ALL in {__file__}"


@pytest.fixture(scope="module")
def datasets() -> tuple[Dataset, Dataset]:
    from mideast_model.testing.hostile import make_hostile, make_large

    return make_hostile(), make_large(12)


def _name(fmt: str) -> str:
    exporter = exporters()[fmt]
    if exporter.directory:
        return "out"
    return "out" + (exporter.suffixes[0] if exporter.suffixes else ".out")


def _state(target: Path, *, companions: bool = True) -> dict[str, bytes]:
    """What the output holds: its files (a directory's, relative) and its companions."""
    out: dict[str, bytes] = {}
    if target.is_dir():
        for p in sorted(target.rglob("*")):
            if p.is_file() and not p.relative_to(target).as_posix().startswith(".mideast-model-export.mm"):
                out[p.relative_to(target).as_posix()] = p.read_bytes()
    elif target.exists():
        out[""] = target.read_bytes()
    if companions:
        meta = target.with_name(f"{target.stem}.metadata.json")
        if meta.exists():
            out["<metadata>"] = meta.read_bytes()
    return out


def _copy(src: Path, dst: Path) -> None:
    for entry in src.iterdir():
        if entry.is_dir():
            shutil.copytree(entry, dst / entry.name, symlinks=True)
        else:
            shutil.copy2(entry, dst / entry.name)


def _prov_graph(data: bytes) -> bytes:
    """A PROV file as its canonical graph (rdflib serialises blank nodes in random order)."""
    import rdflib
    from rdflib.compare import to_canonical_graph

    graph = to_canonical_graph(rdflib.Graph().parse(data=data, format="turtle"))
    return "\n".join(sorted(line for line in graph.serialize(format="nt").splitlines() if line)).encode()


NORMALISE: dict[str, Callable[[bytes], bytes]] = {"prov": _prov_graph}


def _norm(fmt: str, state: dict[str, bytes]) -> dict[str, bytes]:
    """``state`` with a nondeterministic format's bytes replaced by a canonical form."""
    fix = NORMALISE.get(fmt)
    if fix is None or "" not in state:
        return state
    try:
        return {**state, "": fix(state[""])}
    except Exception as exc:  # an incomplete file does not parse
        return {**state, "": f"unparsable: {exc}".encode()}


def _reference(fmt: str, dataset: Dataset, where: Path, name: str) -> dict[str, bytes]:
    where.mkdir()
    start = time.monotonic()
    write_output(fmt, dataset, where / name)
    first = _norm(fmt, _state(where / name))
    if time.monotonic() - start > 0.5:  # slow: a nondeterministic output fails the comparisons anyway
        return first
    twin = where.with_name(where.name + "-twin")
    twin.mkdir()
    write_output(fmt, dataset, twin / name)
    if _norm(fmt, _state(twin / name)) != first:
        pytest.fail(f"the {fmt} exporter is not deterministic: a kill test cannot tell old from new")
    return first


def _child(fmt: str, dataset: Dataset, target: Path, n: int, env: dict[str, str], count_to: Path | None = None) -> int:
    """Fork; the child exports and SIGKILLs itself at its ``n``-th step. Returns the wait status.

    With ``count_to`` (and ``n`` 0) the child writes the number of steps it took there.
    """
    pid = os.fork()
    if pid:
        _, status = os.waitpid(pid, 0)
        return status
    try:  # pragma: no cover - the child
        os.environ.update(env)
        count = [0]
        exporting = [False]  # the exporter's own file work is not a step of the atomic layer

        def step() -> None:
            if exporting[0]:
                return
            count[0] += 1
            if count[0] == n:
                os.kill(os.getpid(), signal.SIGKILL)

        def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
            def stepped(*args: Any, **kwargs: Any) -> Any:
                step()  # a kill just after a call is a kill just before the next call (or stage)
                return fn(*args, **kwargs)

            return stepped

        for name in STEPPED:
            setattr(os, name, wrap(getattr(os, name)))
        if hasattr(atomic, "exchange"):  # (absent from the code before issue 12: tests ran against it too)
            atomic.exchange = wrap(atomic.exchange)  # type: ignore[method-assign]
        real_stage = getattr(atomic, "stage", lambda name: None)

        def staged(name: str) -> None:
            exporting[0] = False
            step()
            real_stage(name)
            exporting[0] = name == "created"

        atomic.stage = staged  # type: ignore[assignment]
        write_output(fmt, dataset, target)
        if count_to is not None:
            count_to.write_text(str(count[0]))
        os._exit(0)
    except BaseException:  # pragma: no cover
        traceback.print_exc()
        os._exit(3)


def _leftovers(target: Path, expected: set[str]) -> list[str]:
    """Names beside the target that were not there before, and our temp names inside it."""
    extra = sorted(set(os.listdir(target.parent)) - expected)
    if target.is_dir():
        extra += [f"{target.name}/{n}" for n in os.listdir(target) if n.startswith(".mideast-model-export.mm")]
    return extra


def _bare(state: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in state.items() if k != "<metadata>"}


def _kill_everywhere(
    fmt: str,
    datasets: tuple[Dataset, Dataset],
    tmp_path: Path,
    *,
    user_file: bool = False,
    immediate: bool = True,
    env: dict[str, str],
) -> int:
    old, new = datasets
    name = _name(fmt)
    ref_old = _reference(fmt, old, tmp_path / "ref-old", name)
    ref_new = _reference(fmt, new, tmp_path / "ref-new", name)
    assert ref_old != ref_new
    if user_file:
        ref_old = {**ref_old, USER_FILE: b"mine"}
        ref_new = {**ref_new, USER_FILE: b"mine"}
    work = tmp_path / "work"
    work.mkdir()
    target = work / name
    write_output(fmt, old, target)
    if user_file:
        (target / USER_FILE).write_bytes(b"mine")
    assert _norm(fmt, _state(target)) == ref_old
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    _copy(work, pristine)

    def reset() -> None:  # back to the old output, as the exporter wrote it
        for entry in list(work.iterdir()):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        _copy(pristine, work)

    expected = set(os.listdir(work))
    counted = tmp_path / "steps"
    start = time.monotonic()
    assert os.WEXITSTATUS(_child(fmt, new, target, 0, env, counted)) == 0
    slow = time.monotonic() - start > 0.5
    steps = int(counted.read_text())
    reset()
    # every step; for a slow exporter (seconds per run) a spread of SLOW_STEPS of them
    chosen = list(range(1, steps + 2))
    if slow and len(chosen) > SLOW_STEPS:
        chosen = sorted({chosen[round(i * (len(chosen) - 1) / (SLOW_STEPS - 1))] for i in range(SLOW_STEPS)})
    kills = 0
    for n in chosen:
        status = _child(fmt, new, target, n, env)
        if os.WIFEXITED(status):
            assert os.WEXITSTATUS(status) == 0, f"step {n}: the export failed"
            assert n == steps + 1, f"the export took {n - 1} steps this time, {steps} before"
            assert _norm(fmt, _state(target)) == ref_new
            break
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        kills += 1
        if immediate:  # the -o path itself, before any repair
            primary = _norm(fmt, _state(target, companions=False))
            assert primary in (_bare(ref_old), _bare(ref_new)), f"step {n}: {target} is neither old nor new"
        getattr(atomic, "recover", lambda path: None)(target)
        assert _norm(fmt, _state(target)) in (ref_old, ref_new), f"step {n}: after recovery, a mix of old and new"
        assert not _leftovers(target, expected), f"step {n}: recovery left {_leftovers(target, expected)}"
        if n % 4 == 1 and (not slow or n == chosen[0]):  # a whole next run now and then (recovery is its first act)
            reset()
            status = _child(fmt, new, target, 0, env)
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
            assert _norm(fmt, _state(target)) == ref_new
            assert not _leftovers(target, expected), f"step {n}: the next run left {_leftovers(target, expected)}"
        reset()
    else:
        pytest.fail("the export never completed")
    return kills


def _require(fmt: str) -> None:
    if fmt not in exporters():
        pytest.skip(f"the {fmt} exporter is not installed (or its plugin failed to load)")


@pytest.mark.parametrize("fmt", ALL)
def test_kill_at_every_step(fmt: str, datasets: tuple[Dataset, Dataset], tmp_path: Path) -> None:
    _require(fmt)
    kills = _kill_everywhere(fmt, datasets, tmp_path, env={})
    assert kills >= 3


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_kill_in_place_keeps_the_users_file(fmt: str, datasets: tuple[Dataset, Dataset], tmp_path: Path) -> None:
    _require(fmt)
    assert _kill_everywhere(fmt, datasets, tmp_path, user_file=True, immediate=False, env={}) >= 3


def test_kill_during_the_journaled_two_step_switch(datasets: tuple[Dataset, Dataset], tmp_path: Path) -> None:
    _require("csv")
    env = {"MIDEAST_MODEL_NO_EXCHANGE": "1"}
    assert _kill_everywhere("csv", datasets, tmp_path, immediate=False, env=env) >= 3


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, datasets: tuple[Dataset, Dataset]) -> tuple[Path, Path]:
    where = tmp_path_factory.mktemp("kill-inputs")
    old, new = where / "old.json", where / "new.json"
    canonical.dump(datasets[0], old)
    canonical.dump(datasets[1], new)
    return old, new


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    code = "import sys; from mideast_model.cli import main; sys.argv[0] = 'mideast-model'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, env={**os.environ, **(env or {})}, timeout=120
    )


@pytest.mark.parametrize("fmt", ["json", "csv", "sqlite"])  # a file, a directory, a file with a companion
def test_cli_killed_before_its_switch(fmt: str, inputs: tuple[Path, Path], tmp_path: Path) -> None:
    _require(fmt)
    old, new = inputs
    target = tmp_path / _name(fmt)
    assert _cli("export", fmt, "-i", str(old), "-o", str(target)).returncode == 0
    before = _state(target)
    done = _cli("export", fmt, "-i", str(new), "-o", str(target), env={"MIDEAST_MODEL_TEST_KILL_AT": "synced"})
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert _state(target) == before
    assert len(os.listdir(tmp_path)) > len(set(os.listdir(tmp_path)) & {target.name, f"{target.stem}.metadata.json"})
    assert _cli("export", fmt, "-i", str(new), "-o", str(target)).returncode == 0
    assert _state(target) != before
    assert sorted(os.listdir(tmp_path)) == sorted(before_names(target, before))


def before_names(target: Path, state: dict[str, bytes]) -> Iterator[str]:
    """The names an output occupies in its directory."""
    yield target.name
    if "<metadata>" in state:
        yield f"{target.stem}.metadata.json"
