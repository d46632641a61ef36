"""Atomic, non-destructive file output: the one place mideast-model writes files.

Design (issue 12):

- **Single files** are written to a temporary sibling ``.NAME.mm<host>-<pid>-<rand>.tmp``
  (same directory, so the same file system), flushed, fsynced and renamed over the
  target with :func:`os.replace`; the directory is fsynced after. A kill at any instant
  leaves the complete old file or the complete new one (plus, at worst, a temp file that
  the next run removes).
- **Companions** (a file that must switch together with the main one: SQLite's
  ``<stem>.metadata.json``) are staged the same way, and the group is committed through
  a *journal*: once every temp is complete and fsynced, a journal listing the renames is
  written and fsynced, then the renames run and the journal is removed. A kill before the
  journal exists leaves the complete old group; a kill after it is rolled forward by the
  next run on that target (or by :func:`recover`), so the group ends complete and new.
  POSIX has no way to rename two names in one step, so this is the best one can do.
- **Non-regular targets** (character devices such as ``/dev/null``, FIFOs) are written
  through: opened and written, never renamed over, and get no companions. Block devices,
  sockets and directories are refused (a file exporter never overwrites a disk).
- **Symlinks** at the output path are followed: the file the link points to is replaced
  atomically and the link stays. A dangling link creates its target; a loop is an error.
- **Locks**: every write to a target holds ``fcntl.flock`` on ``.NAME.mm-lock`` beside it,
  so concurrent exports to one path run one after the other (the last one wins, and the
  result is always one complete output). The lock file is removed on release; a waiter
  that wakes on a removed lock file takes the lock again on the new one.
- **Stale temp files** of killed runs are removed by the next run on the same target,
  under its lock: only names of our exact pattern for that target, and only when the
  process named in them is dead (same host) or the file is older than an hour.
- **Long names**: the temp name is ``.NAME.`` plus a 33-byte token when that fits in
  NAME_MAX (255 bytes); longer target names are cut (at a character boundary) and
  suffixed with a hash of the whole name, so any legal target name works.
- **Errors** while writing (full disk, read-only file system, permissions) become one
  :class:`~mideast_model.errors.OutputError` naming the target, not the temp file.

Directory outputs (CSV, Parquet) are in :mod:`mideast_model.io.outputs`, built on the
helpers here. For tests, ``MIDEAST_MODEL_TEST_KILL_AT=STAGE`` makes the process SIGKILL
itself at a named stage of a write (see :func:`stage`).
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from mideast_model.errors import OutputError

__all__ = [
    "Transaction",
    "active",
    "atomic_write",
    "recover",
    "resolve_target",
    "stage",
    "target_lock",
    "temp_path",
]

NAME_MAX = 255
STALE_AGE = 3600.0
"""Seconds after which a temp file of our pattern is stale whatever process it names."""
JOURNAL_FORMAT = "mideast-model-journal"
_KINDS = ("tmp", "old", "journal")
_TOKEN = re.compile(
    r"mm(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]{1,10})-[0-9a-z]{6}\.(?P<kind>tmp|old|journal)(?:-journal|-wal|-shm)?"
)
_TOKEN_ROOM = len("..mm00000000-4194304-abcdef.tmp-journal")  # dots around the stem + the longest token
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "surrogateescape")).hexdigest()[:8]
_CURRENT: contextvars.ContextVar[Transaction | None] = contextvars.ContextVar("mideast_model_atomic", default=None)


# -- test hook ------------------------------------------------------------------------------


def stage(name: str) -> None:
    """A named point of a write; SIGKILLs the process there when the test hook asks.

    ``MIDEAST_MODEL_TEST_KILL_AT`` holds a stage name (``synced``, ``journal``,
    ``renamed``, ``switched``, ...), optionally ``NAME:N`` for its N-th occurrence.

    :param name: the stage reached.
    """
    wanted = os.environ.get("MIDEAST_MODEL_TEST_KILL_AT")
    if not wanted:
        return
    want, _, nth = wanted.partition(":")
    if want != name:
        return
    count = _STAGE_COUNTS.get(name, 0) + 1
    _STAGE_COUNTS[name] = count
    if count >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)


_STAGE_COUNTS: dict[str, int] = {}


# -- names ----------------------------------------------------------------------------------


def _stem(name: str) -> str:
    """The part of temp names that stands for the target ``name`` (cut and hashed when long)."""
    raw = os.fsencode(name)
    if len(raw) + _TOKEN_ROOM <= NAME_MAX:
        return name
    digest = hashlib.sha256(raw).hexdigest()[:12]
    room = NAME_MAX - _TOKEN_ROOM - len(digest) - 1
    cut = raw[:room]
    while cut and (cut[-1] & 0xC0) == 0x80:  # do not split a UTF-8 sequence
        cut = cut[:-1]
    if cut and cut[-1] >= 0xC0:
        cut = cut[:-1]
    return f"{os.fsdecode(cut)}~{digest}"


def temp_path(target: str | os.PathLike[str], kind: str = "tmp", *, pid: int | None = None) -> Path:
    """A fresh temp name beside ``target``: ``.STEM.mm<host>-<pid>-<random>.<kind>``.

    :param target: the output the temp file stands for.
    :param kind: ``tmp`` (new content), ``old`` (previous content) or ``journal``.
    :param pid: the owning process (default: this one).
    """
    if kind not in _KINDS:
        raise ValueError(f"unknown temp kind {kind!r}")
    target = Path(target)
    token = f"mm{_HOST}-{os.getpid() if pid is None else pid}-{secrets.token_hex(3)}.{kind}"
    return target.with_name(f".{_stem(target.name)}.{token}")


def lock_path(target: Path) -> Path:
    """The lock file of ``target``: ``.STEM.mm-lock`` beside it."""
    return target.with_name(f".{_stem(target.name)}.mm-lock")


def _own_temps(target: Path) -> Iterator[tuple[Path, re.Match[str]]]:
    """Entries beside ``target`` whose names are our temp pattern for exactly this target."""
    prefix = f".{_stem(target.name)}."
    try:
        entries = list(os.scandir(target.parent))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith(prefix):
            match = _TOKEN.fullmatch(entry.name[len(prefix) :])
            if match:
                yield Path(entry.path), match


def is_temp_token(text: str) -> bool:
    """True when ``text`` is the token part of one of our temp names (after ``.STEM.``).

    :param text: the rest of a file name after the stem and its dot.
    """
    return _TOKEN.fullmatch(text) is not None


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, OSError):
        return False
    return True


def _stale(path: Path, match: re.Match[str]) -> bool:
    """A temp file is stale when its process is dead (same host) or it is old."""
    try:
        age = time.time() - path.lstat().st_mtime
    except FileNotFoundError:
        return False
    if age > STALE_AGE:
        return True
    return match["host"] == _HOST and not _pid_alive(int(match["pid"]))


# -- targets --------------------------------------------------------------------------------


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The real path a write to ``path`` goes to: symlinks followed, errors as OutputError.

    :param path: the ``-o`` argument.
    """
    text = os.fspath(path)
    if text in ("", b""):
        raise OutputError("", "the output path is empty (give a file or directory name with -o)")
    target = Path(text)
    try:
        os.stat(target)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputError(text, exc.strerror or str(exc)) from None
    real = Path(os.path.realpath(target))
    if text.endswith(os.sep) and real.exists() and not real.is_dir():
        raise OutputError(text, "not a directory")
    return real


def file_kind(path: Path) -> str:
    """``missing``, ``file``, ``directory``, ``chardev``, ``fifo``, ``blockdev`` or ``socket``."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISCHR(mode):
        return "chardev"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISBLK(mode):
        return "blockdev"
    return "socket"


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    """Remove a file or a whole directory tree; missing is fine."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        pass


@contextlib.contextmanager
def output_errors(target: str | os.PathLike[str]) -> Iterator[None]:
    """Turn an OSError inside the block into an OutputError naming ``target``.

    :param target: what the user asked to write (not the temp file).
    """
    try:
        yield
    except OSError as exc:
        if exc.errno is None and not exc.strerror:
            raise
        reason = exc.strerror or str(exc)
        raise OutputError(os.fspath(target), reason, errno=exc.errno) from exc


# -- locking and recovery -------------------------------------------------------------------


@contextlib.contextmanager
def target_lock(target: Path) -> Iterator[None]:
    """Hold the exclusive lock of ``target`` (``fcntl.flock`` on ``.NAME.mm-lock``).

    :param target: a resolved output path whose parent directory exists.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no locking
        yield
        return
    lock = lock_path(target)
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            try:
                now = os.stat(lock)
            except FileNotFoundError:
                now = None
            if now is not None and (now.st_ino, now.st_dev) == (held.st_ino, held.st_dev):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed that lock file: lock the new one
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def _run_journal(journal: Path) -> None:
    """Roll a commit journal forward: every step is idempotent."""
    try:
        doc = json.loads(journal.read_bytes())
    except (OSError, ValueError):
        doc = None
    if not isinstance(doc, dict) or doc.get("format") != JOURNAL_FORMAT:
        # written only after every temp was complete; unreadable means it was cut short
        # before its own fsync, so nothing had been renamed yet: drop it
        journal.unlink(missing_ok=True)
        return
    base = journal.parent
    dirs: set[Path] = {base}
    for step in doc["steps"]:
        op, *args = step
        paths = [base / a for a in args]
        if op == "replace":
            src, dst = paths
            if os.path.lexists(src):
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
                dirs.add(dst.parent)
                stage("renamed")
        elif op == "swap-dir":  # new, target, old: target -> old, new -> target
            new, dst, old = paths
            if os.path.lexists(new):
                if os.path.lexists(dst):
                    if os.path.lexists(old):
                        _remove(old)
                    os.rename(dst, old)
                    stage("moved-old")
                os.rename(new, dst)
                stage("renamed")
        elif op == "unlink":
            (path,) = paths
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            dirs.add(path.parent)
        elif op == "rmdir-empty":
            (path,) = paths
            with contextlib.suppress(OSError):
                path.rmdir()
        elif op == "rmtree":
            (path,) = paths
            _remove(path)
    for directory in dirs:
        _fsync_dir(directory)
    journal.unlink(missing_ok=True)
    _fsync_dir(base)


def write_journal(target: Path, directory: Path, steps: list[list[str]]) -> Path:
    """Write and fsync a commit journal for ``target`` in ``directory``; the commit point.

    :param target: the output the journal belongs to (its temp names are used).
    :param directory: where the journal lives; step paths are relative to it.
    :param steps: ``[op, path, ...]`` lists run in order by :func:`recover`.
    """
    journal = directory / temp_path(target, "journal").name
    doc = {"format": JOURNAL_FORMAT, "version": 1, "target": target.name, "steps": steps}
    data = json.dumps(doc).encode("utf-8", "surrogateescape")
    tmp = journal.with_name(journal.name[: -len("journal")] + "tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, journal)  # a journal is whole or absent
    _fsync_dir(directory)
    stage("journal")
    return journal


def recover_locked(target: Path) -> None:
    """Finish or clean up interrupted writes to ``target``; the caller holds its lock.

    :param target: a resolved output path.
    """
    entries = list(_own_temps(target))
    inner = target / "mideast-model-export"  # staging and journals of in-place directory writes
    if target.is_dir() and not target.is_symlink():
        entries += list(_own_temps(inner))
    for path, match in entries:  # journals first: they complete a commit
        if match.group(0).endswith(".journal"):
            _run_journal(path)
    for path, match in entries:
        if match["kind"] != "journal" and os.path.lexists(path) and _stale(path, match):
            _remove(path)


def recover(path: str | os.PathLike[str]) -> None:
    """Complete an interrupted commit at ``path`` and remove stale temp files of it.

    Every write does this first; call it to repair an output before reading it.

    :param path: the output path (as given to ``-o``).
    """
    target = resolve_target(path)
    if not target.parent.is_dir():
        return
    with output_errors(path), target_lock(target):
        recover_locked(target)


# -- single files ---------------------------------------------------------------------------


class Transaction:
    """One atomic write in progress: its target, temp file and companions."""

    def __init__(self, target: Path, tmp: Path | None) -> None:
        self.target = target
        self.tmp = tmp
        self.companions: list[tuple[Path, Path, BinaryIO]] = []
        self.scratch: list[Path] = []

    @property
    def regular(self) -> bool:
        """True when the target is a regular file (not a device or FIFO written through)."""
        return self.tmp is not None

    def companion(self, path: str | os.PathLike[str]) -> BinaryIO | None:
        """A binary stream for a file that switches together with the target.

        Returns None for a non-regular target (a device gets no companions).

        :param path: the companion's final path, in the target's directory.
        """
        if self.tmp is None:
            return None
        final = Path(os.path.realpath(path))
        if final.parent != self.target.parent:
            raise ValueError(f"a companion of {self.target} must be in {self.target.parent}")
        tmp = temp_path(self.target, "tmp")
        fh = open(tmp, "xb")  # noqa: SIM115 - closed at commit or abort
        self.companions.append((final, tmp, fh))
        return fh

    def scratch_path(self) -> Path:
        """A private scratch file name beside the target, removed at the end (and if killed)."""
        base = self.target if self.tmp is not None else Path(os.environ.get("TMPDIR", "/tmp")) / "mideast-model"
        path = temp_path(base, "tmp")
        self.scratch.append(path)
        return path

    def cleanup(self) -> None:
        """Remove every temp and scratch file (after a failure, or scratch after success)."""
        for _, tmp, fh in self.companions:
            fh.close()
            tmp.unlink(missing_ok=True)
        if self.tmp is not None:
            self.tmp.unlink(missing_ok=True)
        self.clean_scratch()

    def clean_scratch(self) -> None:
        """Remove the scratch files and their SQLite side files."""
        for path in self.scratch:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

    def commit(self) -> None:
        """Switch the temp file (and companions) into place: one rename, or a journal."""
        assert self.tmp is not None
        for _, _, fh in self.companions:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        stage("synced")
        if not self.companions:
            os.replace(self.tmp, self.target)
            stage("switched")
            _fsync_dir(self.target.parent)
            return
        pairs = [(self.tmp, self.target)] + [(tmp, final) for final, tmp, _ in self.companions]
        steps = [["replace", tmp.name, final.name] for tmp, final in pairs]
        journal = write_journal(self.target, self.target.parent, steps)
        _run_journal(journal)
        stage("switched")


def active() -> Transaction | None:
    """The atomic write in progress in this thread, if any (for exporters' companions)."""
    return _CURRENT.get()


def _mode_of(target: Path) -> int | None:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a binary stream whose content replaces ``path`` only if the block succeeds.

    Devices and FIFOs are written through; symlinks are followed; see the module doc.

    :param path: the output file.
    """
    target = resolve_target(path)
    kind = file_kind(target)
    if kind in ("chardev", "fifo"):
        with _write_through(path, target) as fh:
            yield fh
        return
    if kind != "file" and kind != "missing":
        what = {"directory": "is a directory", "blockdev": "is a block device", "socket": "is a socket"}[kind]
        raise OutputError(os.fspath(path), f"{what}; give a file name")
    with output_errors(path):
        target.parent.mkdir(parents=True, exist_ok=True)
        with target_lock(target):
            recover_locked(target)
            tmp = temp_path(target, "tmp")
            # a new file gets the usual 0666 minus umask (applied by the kernel, no umask() race
            # between threads); a replaced one keeps its permissions
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            mode = _mode_of(target)
            if mode is not None:
                os.fchmod(fd, mode)
            txn = Transaction(target, tmp)
            token = _CURRENT.set(txn)
            try:
                with os.fdopen(fd, "wb") as fh:
                    stage("created")
                    yield fh
                    fh.flush()
                    stage("written")
                    os.fsync(fh.fileno())
                txn.commit()
            except BaseException:
                txn.cleanup()
                raise
            finally:
                _CURRENT.reset(token)
            txn.clean_scratch()


@contextlib.contextmanager
def _write_through(path: str | os.PathLike[str], target: Path) -> Iterator[BinaryIO]:
    """Write straight into a character device or FIFO (no temp file, no rename)."""
    txn = Transaction(target, None)
    token = _CURRENT.set(txn)
    try:
        with output_errors(path), open(target, "wb") as fh:
            yield fh
            fh.flush()
            # close() flushed; fsync means nothing for devices and pipes
    finally:
        _CURRENT.reset(token)
        txn.clean_scratch()


if sys.platform.startswith("linux"):  # pragma: no branch
    import ctypes

    _RENAME_EXCHANGE = 2
    _AT_FDCWD = -100
    try:
        _LIBC: Any = ctypes.CDLL(None, use_errno=True)
        _RENAMEAT2: Any = _LIBC.renameat2
    except (OSError, AttributeError):  # pragma: no cover - old libc
        _RENAMEAT2 = None
else:  # pragma: no cover
    _RENAMEAT2 = None


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``).

    Returns False when the system or file system cannot (the caller falls back to two
    renames under a journal); raises OSError on other failures.

    :param a: one existing path.
    :param b: another existing path on the same file system.
    """
    if _RENAMEAT2 is None or os.environ.get("MIDEAST_MODEL_NO_EXCHANGE"):
        return False
    result = _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), os.fspath(b))
