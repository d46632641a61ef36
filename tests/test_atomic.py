"""Writes that never destroy (issue 12, points 1-6): directory exports, odd targets, errors.

Every test drives the real ``mideast-model export`` (click's runner) or the atomic layer
and looks at the file system afterwards. The tests run as root here: character devices
are made with ``mknod`` inside the test's own directory (never the real ``/dev``), and the
full and read-only file systems are small tmpfs mounts (skipped where mounting is not
allowed).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mideast_model.cli import cli
from mideast_model.dataset import Dataset
from mideast_model.io import canonical
from mideast_model.io.canonical import dump

MANIFEST = ".mideast-model-export.json"


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative name -> bytes)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.fixture
def small_json(tmp_path: Path, hostile: Dataset) -> Path:
    """The kit's hostile dataset as canonical JSON (a second, different input to the seed)."""
    path = tmp_path / "in" / "hostile.json"
    path.parent.mkdir()
    dump(hostile, path)
    return path


# -- 1. directory exporters never delete what is not theirs ---------------------------------


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_directory_export_refuses_a_directory_that_is_not_its_own(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = _run("export", fmt, "-o", str(out))
    assert result.exit_code == 1, result.output
    assert str(out) in result.output and "--force" in result.output
    assert _listing(out) == ["notes.txt"]
    assert (out / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_directory_export_refuses_a_regular_file(fmt: str, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    for extra in ((), ("--force",)):
        result = _run("export", fmt, "-o", str(notes), *extra)
        assert result.exit_code == 1, result.output
        assert "not a directory" in result.output and str(notes) in result.output
        assert notes.is_file() and notes.read_text() == "mine"
    assert _listing(tmp_path) == ["notes.txt"]


def test_directory_export_refuses_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "thesis.tex").write_text("years of work")
    monkeypatch.chdir(tmp_path)
    for target in (".", str(tmp_path), os.getcwd() + "/"):
        result = _run("export", "csv", "-o", target)
        assert result.exit_code == 1, result.output
    assert _listing(tmp_path) == ["thesis.tex"]


def test_force_writes_beside_foreign_files_and_keeps_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "notes.txt").write_text("mine")
    (out / "sub" / "data.bin").write_bytes(b"\x00keep")
    result = _run("export", "csv", "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "sub" / "data.bin").read_bytes() == b"\x00keep"
    assert (out / "actors.csv").is_file()
    manifest = json.loads((out / MANIFEST).read_text())
    assert "notes.txt" not in manifest["files"] and "actors.csv" in manifest["files"]


def test_reexport_replaces_only_its_own_files(tmp_path: Path, small_json: Path) -> None:
    out = tmp_path / "out"
    assert _run("export", "csv", "-o", str(out)).exit_code == 0
    seed_tree = _tree(out)
    (out / "my-analysis.xlsx").write_bytes(b"user work")
    # an own file of the previous run that the next run does not write: removed
    manifest = json.loads((out / MANIFEST).read_text())
    (out / "stale.csv").write_text("old own file")
    manifest["files"]["stale.csv"] = {"size": 12}
    (out / MANIFEST).write_text(json.dumps(manifest))
    result = _run("export", "csv", "-i", str(small_json), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "my-analysis.xlsx").read_bytes() == b"user work"
    assert not (out / "stale.csv").exists()
    new_tree = _tree(out)
    assert new_tree["actors.csv"] != seed_tree["actors.csv"]  # really rewritten
    assert not [n for n in _listing(tmp_path) if n != "out" and n != "in"]


def test_an_empty_directory_is_accepted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert _run("export", "csv", "-o", str(out)).exit_code == 0
    assert (out / "actors.csv").is_file()


def test_another_exporters_directory_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("export", "csv", "-o", str(out)).exit_code == 0
    before = _tree(out)
    result = _run("export", "parquet", "-o", str(out))
    assert result.exit_code == 1 and "--force" in result.output
    assert _tree(out) == before


# -- 2. non-regular targets: written through, never replaced ------------------------------


def _device(path: Path, minor: int) -> Path:
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("mknod needs root (CAP_MKNOD)")
    return path


@pytest.mark.parametrize("fmt", ["json", "sqlite", "stix"])
def test_character_device_is_written_through(fmt: str, tmp_path: Path) -> None:
    null = _device(tmp_path / "null", 3)  # a private /dev/null
    result = _run("export", fmt, "-o", str(null))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.stat().st_mode)
    assert _listing(tmp_path) == ["null"]  # no temp file, no metadata companion


def test_full_device_reports_no_space_naming_the_target(tmp_path: Path) -> None:
    full = _device(tmp_path / "full", 7)  # a private /dev/full
    result = _run("export", "json", "-o", str(full))
    assert result.exit_code == 1, result.output
    line = result.output.strip()
    assert "\n" not in line and str(full) in line and "No space left on device" in line
    assert stat.S_ISCHR(full.stat().st_mode)
    assert _listing(tmp_path) == ["full"]


def test_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)  # blocks for ever if the FIFO is replaced
    reader.start()
    result = _run("export", "json", "-o", str(fifo))
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert canonical.loads(got[0]) == canonical.loads(canonical.dumps(_seed()))


def test_directory_exporter_refuses_a_device(tmp_path: Path) -> None:
    null = _device(tmp_path / "null", 3)
    result = _run("export", "csv", "-o", str(null))
    assert result.exit_code == 1 and str(null) in result.output
    assert stat.S_ISCHR(null.stat().st_mode)


def _seed() -> Dataset:
    from mideast_model import seed

    return seed()


# -- 4. stale temp files, long names ----------------------------------------------------------


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temp_files_of_a_dead_run_are_removed(tmp_path: Path) -> None:
    from mideast_model.io import atomic

    target = tmp_path / "out.json"
    stale = atomic.temp_path(target, "tmp", pid=_dead_pid())
    stale.write_bytes(b"half")
    stale_dir = atomic.temp_path(target, "old", pid=_dead_pid())
    (stale_dir / "x").mkdir(parents=True)
    alive = atomic.temp_path(target, "tmp", pid=os.getppid())  # a live process: not ours to remove
    alive.write_bytes(b"another live writer's")
    lookalike = tmp_path / ".out.json.backup.tmp"
    lookalike.write_bytes(b"not ours")
    result = _run("export", "json", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert not stale.exists() and not stale_dir.exists()
    assert alive.exists() and lookalike.exists()


@pytest.mark.parametrize("length", [250, 255])
@pytest.mark.parametrize("fmt", ["json", "sqlite", "csv"])
def test_long_target_names_work(fmt: str, length: int, tmp_path: Path) -> None:
    stem = "é" * ((length - 4) // 2)
    name = stem + "x" * (length - 4 - len(stem.encode())) + ".out"
    assert len(name.encode()) == length
    target = tmp_path / name
    result = _run("export", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.exists()
    for entry in tmp_path.iterdir():
        assert len(entry.name.encode()) <= 255


# -- 5. concurrent exports ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_concurrent_exports_to_one_path_both_succeed(fmt: str, tmp_path: Path, small_json: Path) -> None:
    out = tmp_path / ("out" if fmt == "csv" else "out.json")
    refs = []
    for label, extra in (("seed", ()), ("small", ("-i", str(small_json)))):
        ref = tmp_path / f"ref-{label}" / out.name
        ref.parent.mkdir()
        assert _run("export", fmt, *extra, "-o", str(ref)).exit_code == 0
        refs.append(_content(ref))
    assert refs[0] != refs[1]
    code = "import sys; from mideast_model.cli import main; sys.argv[0] = 'mideast-model'; main()"
    for _ in range(2):
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, "export", fmt, *extra, "-o", str(out)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for extra in ((), ("-i", str(small_json)))
        ]
        errors = [p.communicate()[1].decode() for p in procs]
        assert [p.returncode for p in procs] == [0, 0], errors
        assert _content(out) in refs
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in", out.name, "ref-seed", "ref-small"])


@pytest.mark.parametrize("fmt", ["csv", "sqlite"])
def test_many_concurrent_writers_in_threads(fmt: str, tmp_path: Path, hostile: Dataset) -> None:
    from mideast_model.api import write_output

    seed = _seed()
    out = tmp_path / ("out" if fmt == "csv" else "out.db")
    refs = []
    for i, dataset in enumerate((seed, hostile)):
        ref = tmp_path / f"ref{i}" / out.name
        ref.parent.mkdir()
        write_output(fmt, dataset, ref)
        refs.append(_content(ref))
    errors: list[BaseException] = []

    def work(dataset: Dataset) -> None:
        try:
            write_output(fmt, dataset, out)
        except BaseException as exc:
            errors.append(exc)

    for _ in range(3):
        threads = [threading.Thread(target=work, args=((seed, hostile)[i % 2],)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert not errors, [f"{type(e).__name__}: {e}" for e in errors]
        assert _content(out) in refs
    expected = {"ref0", "ref1", out.name} | ({"out.metadata.json"} if fmt == "sqlite" else set())
    assert set(os.listdir(tmp_path)) == expected


def _content(path: Path) -> object:
    """A file's bytes, or a directory's files (without the manifest, which records times)."""
    if path.is_dir():
        return {k: v for k, v in _tree(path).items() if k != MANIFEST}
    return path.read_bytes()


# -- 6. errors, empty names, symlinks -------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.parametrize("fmt", ["json", "csv", "sqlite"])
def test_full_disk_error_names_the_target_and_keeps_the_old_output(fmt: str, tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "small", "96k") as mnt:
        target = mnt / ("out" if fmt == "csv" else "out.x")
        if fmt == "csv":
            target.mkdir()
        else:
            target.write_bytes(b"old")
        result = _run("export", fmt, "-o", str(target))
        assert result.exit_code == 1, result.output
        line = result.output.strip()
        assert "\n" not in line and "No space left on device" in line
        assert f"cannot write {target}" in line and ".tmp" not in line
        assert _listing(mnt) == ["out" if fmt == "csv" else "out.x"]
        if fmt == "csv":
            assert _listing(target) == []
        else:
            assert target.read_bytes() == b"old"


@pytest.mark.parametrize("fmt", ["json", "csv", "sqlite"])
def test_read_only_file_system_error_names_the_target(fmt: str, tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "ro", "1m") as mnt:
        remount = subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.decode().strip()}")
        target = mnt / ("out" if fmt == "csv" else "out.x")
        result = _run("export", fmt, "-o", str(target))
        assert result.exit_code == 1, result.output
        line = result.output.strip()
        assert "\n" not in line and "Read-only file system" in line
        assert f"cannot write {target}" in line and ".tmp" not in line


def test_empty_output_name_is_a_clear_error() -> None:
    for fmt in ("csv", "json"):
        result = _run("export", fmt, "-o", "")
        assert result.exit_code == 1, result.output
        assert "internal error" not in result.output and "-o" in result.output


def test_a_symlink_at_the_output_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "data" / "real.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(Path("data") / "real.json")
    assert _run("export", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("data") / "real.json")
    assert canonical.loads(real.read_bytes()) == _seed()
    assert _listing(real.parent) == ["real.json"]
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "data" / "new.json")
    assert _run("export", "json", "-o", str(dangling)).exit_code == 0
    assert dangling.is_symlink() and (tmp_path / "data" / "new.json").is_file()


def test_a_symlink_to_a_directory_output_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    assert _run("export", "csv", "-o", str(real)).exit_code == 0
    link = tmp_path / "link"
    link.symlink_to("real")
    assert _run("export", "csv", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and (real / "actors.csv").is_file()
    assert _listing(tmp_path) == ["link", "real"]


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    result = _run("export", "json", "-o", str(a))
    assert result.exit_code == 1 and str(a) in result.output
    assert a.is_symlink() and b.is_symlink()


def test_modes_new_file_usual_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    from mideast_model.io.atomic import atomic_write

    target = tmp_path / "x.json"
    mask = os.umask(0o022)
    try:
        with atomic_write(target) as fh:
            fh.write(b"1")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o600)  # a private file stays private when rewritten
        with atomic_write(target) as fh:
            fh.write(b"2")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_bytes() == b"2"
    finally:
        os.umask(mask)
