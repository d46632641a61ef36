"""Directory outputs (CSV, Parquet, stores): never delete what is not ours, switch in one step.

A directory exporter writes a manifest, ``.mideast-model-export.json``, listing its files
(size and SHA-256) and naming the exporter. That manifest is how a later run knows which
files in the directory are its own:

- a missing ``-o`` directory is created; an empty one is used; a regular file, a device
  or a FIFO at ``-o`` is an error (never turned into a directory);
- a non-empty directory with no manifest of this exporter (``-o $PWD``, a folder of
  notes, another exporter's output) is refused unless ``force`` (``--force``);
- with our manifest, or with ``force``, only our own files are replaced: the previous
  run's files (by its manifest) and files of the names we write; everything else stays.

How the switch happens (see :mod:`mideast_model.io.atomic` for locks, temp names and
journals):

- **Whole-directory switch** (the target is missing, or holds exactly our previous
  output): the new output is written into a fresh hidden sibling ``.NAME.<token>.tmp/``,
  fsynced, and swapped with the target by ``renameat2(RENAME_EXCHANGE)`` — one atomic
  step on Linux — after which the old copy (now at the temp name) is removed. A kill at
  any instant leaves the complete old or the complete new directory at ``-o``. Where the
  exchange is not available, the two renames (target aside, new in) run under a journal
  that the next run completes.
- **In-place switch** (foreign files must be kept, the directory was made by the user,
  or it is a mount point): the new files are written into a hidden staging directory
  inside the target, then a journal lists the renames into place, the removal of our
  obsolete files and the new manifest, and the journal is run. A kill before the journal
  leaves the old output; after it, the next run (or :func:`mideast_model.io.atomic.recover`)
  rolls forward to the new one. Foreign files are never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mideast_model.errors import OutputError
from mideast_model.io import atomic

__all__ = ["MANIFEST", "atomic_directory", "read_manifest"]

MANIFEST = ".mideast-model-export.json"
MANIFEST_FORMAT = "mideast-model-export"
_INNER = "mideast-model-export"  # staging directories and journals inside a target: .mideast-model-export.<token>.tmp


def read_manifest(directory: Path) -> dict[str, Any] | None:
    """The manifest of a directory output, or None when there is none (or it is not ours).

    :param directory: the output directory.
    """
    try:
        doc = json.loads((directory / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != MANIFEST_FORMAT or not isinstance(doc.get("files"), dict):
        return None
    return doc


def _files(root: Path) -> list[str]:
    """Every non-directory entry under ``root``, relative, in sorted order."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            out.append(Path(dirpath, name).relative_to(root).as_posix())
        for name in dirnames:
            if Path(dirpath, name).is_symlink():
                out.append(Path(dirpath, name).relative_to(root).as_posix())
    return sorted(out)


def _sync_tree(root: Path) -> None:
    """fsync every file and directory under ``root`` (and ``root`` itself)."""
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        atomic._fsync_dir(Path(dirpath))


def _manifest(root: Path, exporter: str) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for rel in _files(root):
        if rel == MANIFEST:
            continue
        digest = hashlib.sha256()
        path = root / rel
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        files[rel] = {"size": path.stat().st_size, "sha256": digest.hexdigest()}
    return {"format": MANIFEST_FORMAT, "version": 1, "exporter": exporter, "files": files}


def _write_manifest(root: Path, doc: dict[str, Any]) -> None:
    with open(root / MANIFEST, "wb") as fh:
        fh.write((json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode())
        fh.flush()
        os.fsync(fh.fileno())


def _ours(name: str) -> bool:
    """True for a staging directory or journal of ours inside a target."""
    prefix = f".{_INNER}."
    return name.startswith(prefix) and atomic.is_temp_token(name[len(prefix) :])


def _classify(target: Path, exporter: str) -> tuple[str, dict[str, Any] | None, list[str]]:
    """``missing``, ``empty``, ``own`` or ``foreign``, the manifest, and the foreign entries."""
    if not os.path.lexists(target):
        return "missing", None, []
    entries = [e for e in os.listdir(target) if not _ours(e)]
    if not entries:
        return "empty", None, []
    manifest = read_manifest(target)
    if manifest is None or manifest.get("exporter") != exporter:
        return "foreign", manifest, entries
    own = set(manifest["files"])
    foreign = [rel for rel in _files(target) if rel != MANIFEST and rel not in own and not _ours(rel.split("/")[0])]
    return ("own" if not foreign else "mixed"), manifest, foreign


@contextlib.contextmanager
def atomic_directory(
    path: str | os.PathLike[str], *, exporter: str = "mideast-model", force: bool = False
) -> Iterator[Path]:
    """Yield an empty directory to fill; on success it becomes the output at ``path``.

    :param path: the ``-o`` directory.
    :param exporter: the name recorded in the manifest (a directory is "ours" when its
        manifest names this exporter).
    :param force: write into a non-empty directory that is not ours, keeping its files.
    """
    shown = os.fspath(path)
    target = atomic.resolve_target(path)
    kind = atomic.file_kind(target)
    if kind not in ("missing", "directory"):
        what = {"file": "a file", "chardev": "a device", "blockdev": "a device", "fifo": "a FIFO", "socket": "a socket"}
        raise OutputError(shown, f"not a directory ({what[kind]}); the {exporter} exporter writes a directory")
    if not target.name:
        raise OutputError(shown, "the root directory; give a directory below it")
    with atomic.output_errors(shown):
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic.target_lock(target):
            atomic.recover_locked(target)
            state, manifest, foreign = _classify(target, exporter)
            if state == "foreign" and not force:
                owner = manifest["exporter"] if manifest else exporter
                whose = "by mideast-model" if owner == "mideast-model" else f"by the {owner} exporter"
                shown_foreign = ", ".join(sorted(foreign)[:3]) + (", ..." if len(foreign) > 3 else "")
                raise OutputError(
                    shown,
                    f"the directory is not empty and was not written {whose} (it holds {shown_foreign}); "
                    "use --force to write into it (other files are kept)",
                )
            in_place = state in ("empty", "foreign", "mixed") or os.path.ismount(target)
            if in_place:
                yield from _in_place(target, exporter, manifest if state in ("own", "mixed") else None)
            else:
                yield from _switch(target, exporter, existed=state == "own")


def _switch(target: Path, exporter: str, *, existed: bool) -> Iterator[Path]:
    """Build a sibling directory and swap it with the target in one step."""
    tmp = atomic.temp_path(target, "tmp")
    os.mkdir(tmp)
    try:
        atomic.stage("created")
        yield tmp
        atomic.stage("written")
        _write_manifest(tmp, _manifest(tmp, exporter))
        _sync_tree(tmp)
        atomic.stage("synced")
        if not existed:
            os.rename(tmp, target)
            atomic.stage("switched")
            atomic._fsync_dir(target.parent)
            return
        if atomic.exchange(tmp, target):
            atomic.stage("switched")
            atomic._fsync_dir(target.parent)
            atomic._remove(tmp)  # the old output, now at the temp name
            return
        old = atomic.temp_path(target, "old")
        journal = atomic.write_journal(
            target, target.parent, [["swap-dir", tmp.name, target.name, old.name], ["rmtree", old.name]]
        )
        atomic._run_journal(journal)
        atomic.stage("switched")
    except BaseException:
        atomic._remove(tmp)
        raise


def _in_place(target: Path, exporter: str, manifest: dict[str, Any] | None) -> Iterator[Path]:
    """Write into a staging directory inside the target, then move the files in (journaled)."""
    created = not target.exists()
    target.mkdir(exist_ok=True)
    staging = atomic.temp_path(target / _INNER, "tmp")
    os.mkdir(staging)
    try:
        atomic.stage("created")
        yield staging
        atomic.stage("written")
        new = _manifest(staging, exporter)
        _write_manifest(staging, new)
        _sync_tree(staging)
        atomic.stage("synced")
        rel_staging = staging.name
        steps: list[list[str]] = []
        for rel in sorted(new["files"]):
            final = target / rel
            for parent in Path(rel).parents:
                if parent == Path("."):
                    continue
                there = target / parent
                if there.is_symlink() or (there.exists() and not there.is_dir()):
                    raise OutputError(os.fspath(target), f"{parent.as_posix()} is in the way (not a directory)")
            if final.is_dir() and not final.is_symlink():
                raise OutputError(os.fspath(target), f"{rel} is in the way (a directory)")
            steps.append(["replace", f"{rel_staging}/{rel}", rel])
        previous = set(manifest["files"]) if manifest else set()
        obsolete = sorted(previous - set(new["files"]))
        for rel in obsolete:
            steps.append(["unlink", rel])
        dirs = sorted({p.as_posix() for rel in obsolete for p in Path(rel).parents if p != Path(".")}, reverse=True)
        steps += [["rmdir-empty", d] for d in sorted(dirs, key=lambda d: -d.count("/"))]
        steps.append(["replace", f"{rel_staging}/{MANIFEST}", MANIFEST])
        steps.append(["rmtree", rel_staging])
        journal = atomic.write_journal(target / _INNER, target, steps)
        atomic._run_journal(journal)
        atomic.stage("switched")
    except BaseException:
        atomic._remove(staging)
        if created:
            with contextlib.suppress(OSError):
                target.rmdir()
        raise
