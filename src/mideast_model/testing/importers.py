"""Helpers for testing importers on real files: the shared data folder, mutations, outcomes.

``shared(...)`` finds a file of the project's real public data (``shared/data`` beside
the checkout, or ``$MIDEAST_MODEL_SHARED_DATA``) or skips the test; ``mutations(...)``
makes the broken variants every importer must meet with a typed error or a reported
skip (a truncated last line, a short row, bytes that are not UTF-8, an extra column,
an empty file); ``outcome(...)`` runs an importer the way the command line does.

This is the one module a plugin's importer tests import (it also re-exports the
conformance checks ``check_importer`` and ``check_importer_rejects``):

    from mideast_model.testing.importers import check_importer, fixtures_dir, outcome

    FIXTURES = fixtures_dir(__file__)   # the ``fixtures/`` folder beside the test file
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import attrs

from mideast_model.api import read_input
from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
from mideast_model.extensions import Importer
from mideast_model.testing.conformance import check_importer, check_importer_rejects

__all__ = [
    "check_bom_and_crlf",
    "check_importer",
    "check_importer_rejects",
    "check_mutations",
    "fixtures_dir",
    "import_file",
    "mutations",
    "outcome",
    "same_objects",
    "shared",
    "shared_data_dir",
]


def fixtures_dir(test_file: str | os.PathLike[str]) -> Path:
    """The ``fixtures`` folder beside a test module: ``fixtures_dir(__file__)``.

    :param test_file: the calling test module's ``__file__``.
    """
    return Path(test_file).resolve().parent / "fixtures"


def shared_data_dir() -> Path:
    """The real-data folder: ``$MIDEAST_MODEL_SHARED_DATA``, or ``shared/data`` beside the checkout."""
    env = os.environ.get("MIDEAST_MODEL_SHARED_DATA")
    if env:
        return Path(env)
    candidates = [Path(__file__).resolve().parents[4] / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def shared(*parts: str) -> Path:
    """A file under the real-data folder, or skip the calling test when it is absent."""
    import pytest

    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not available: {path}")
    return path


def import_file(importer: Importer, path: Path, *, skip_bad: bool = False) -> tuple[Dataset, list[InvalidInputError]]:
    """Run an importer like the CLI does: the dataset and the skipped rows."""
    return read_input(importer, str(path), skip_bad=skip_bad)


def outcome(importer: Importer, path: Path, *, skip_bad: bool = False) -> tuple[str, object]:
    """``("ok", (dataset, skipped))`` or ``("error", InvalidInputError)``; anything else propagates."""
    try:
        return "ok", import_file(importer, path, skip_bad=skip_bad)
    except InvalidInputError as exc:
        assert exc.path is not None, exc
        return "error", exc


def mutations(data: bytes, *, header: bool, delimiter: bytes, short_row: Callable[[bytes], bytes]) -> dict[str, bytes]:
    """Broken variants of a real file, by name; each must give a typed error or a reported skip.

    Works on short files too: each mutation takes its own data row (the second, third
    and fourth, so that a format sniffed from its first row is still recognised) where
    there are enough, else the last one.
    """
    lines = data.splitlines(keepends=True)
    body = 1 if header else 0
    if len(lines) <= body:
        raise ValueError("mutations need at least one data row")

    def row(k: int) -> int:
        return min(body + k, len(lines) - 1)

    def replace(i: int, new: bytes) -> bytes:
        return b"".join([*lines[:i], new, *lines[i + 1 :]])

    short, bad, extra = row(1), row(2), row(3)
    return {
        "truncated_last_line": data.rstrip(b"\n")[:-7],
        "short_row": replace(short, short_row(lines[short])),
        "non_utf8": replace(bad, lines[bad].replace(delimiter, b"\xe9\xff" + delimiter, 1)),
        "extra_column": replace(extra, lines[extra].rstrip(b"\r\n") + delimiter + b"extra\n"),
        "empty": b"",
    }


def same_objects(a: Dataset, b: Dataset) -> None:
    """The two datasets hold the same events and claims (the import record's file name aside)."""

    def plain(dataset: Dataset) -> dict[str, object]:
        return {k: attrs.evolve(c, source="file") if ":file:" in c.source else c for k, c in dataset.claims.items()}

    assert dict(a.events) == dict(b.events)
    assert plain(a) == plain(b)


def _plain_copy(source: Path, workdir: Path) -> Path:
    """``source`` copied alone into ``workdir`` (no companion file, such as GDELT mentions, beside it)."""
    plain = workdir / f"plain{source.suffix}"
    shutil.copy(source, plain)
    return plain


def check_mutations(
    importer: Importer,
    source: Path,
    workdir: Path,
    *,
    header: bool,
    delimiter: bytes,
    short_row: Callable[[bytes], bytes],
) -> dict[str, tuple[InvalidInputError, Dataset | None]]:
    """Import every :func:`mutations` of ``source``; each must fail with a typed error.

    Checks that the error names the file (and, but for the empty file, a line) and that
    under ``--skip-bad`` exactly one row is reported and the rest imports unchanged: the
    events are the original's, minus at most one. Returns, by mutation, the error and the
    dataset imported with ``skip_bad`` (``None`` for the empty file) for further checks.
    """
    original, _ = import_file(importer, _plain_copy(source, workdir))
    results: dict[str, tuple[InvalidInputError, Dataset | None]] = {}
    for name, content in mutations(
        source.read_bytes(), header=header, delimiter=delimiter, short_row=short_row
    ).items():
        path = workdir / f"{name}{source.suffix}"
        path.write_bytes(content)
        kind, error = outcome(importer, path)
        assert kind == "error" and isinstance(error, InvalidInputError), f"{name}: accepted"
        if name == "empty":
            results[name] = (error, None)
            continue
        assert error.line is not None, f"{name}: the error names no line: {error}"
        dataset, skipped = import_file(importer, path, skip_bad=True)
        assert len(skipped) == 1, f"{name}: {len(skipped)} rows reported skipped"
        assert set(dataset.events) <= set(original.events), f"{name}: events appeared"
        assert all(dataset.events[k] == original.events[k] for k in dataset.events), f"{name}: events changed"
        assert len(dataset.events) >= len(original.events) - 1, f"{name}: more than one row lost"
        results[name] = (error, dataset)
    return results


def check_bom_and_crlf(importer: Importer, source: Path, workdir: Path) -> None:
    """A UTF-8 BOM or CRLF line ends import exactly as the plain file does, with no skips."""
    original, _ = import_file(importer, _plain_copy(source, workdir))
    raw = source.read_bytes()
    for name, content in (("bom", b"\xef\xbb\xbf" + raw), ("crlf", raw.replace(b"\n", b"\r\n"))):
        path = workdir / f"{name}{source.suffix}"
        path.write_bytes(content)
        got, skipped = import_file(importer, path)
        assert not skipped, f"{name}: {skipped}"
        same_objects(got, original)
