"""Shared test helpers: the real data folder, the conformance kit, file mutations."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from mideast_model.cli import read_input
from mideast_model.dataset import Dataset
from mideast_model.errors import InvalidInputError
from mideast_model.extensions import Importer

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(os.environ.get("MIDEAST_MODEL_SHARED_DATA", Path(__file__).resolve().parents[4] / "shared" / "data"))

try:  # the project's conformance kit
    from mideast_model.testing.conformance import check_importer, check_importer_rejects
except ImportError:  # pragma: no cover - only until the kit lands; same API and checks

    def check_importer(importer: Importer, path: str | Path, *, skip_bad: bool = False) -> Dataset:
        dataset, _ = read_input(importer, str(path), skip_bad=skip_bad)
        dataset.check()
        return Dataset.from_json(dataset.to_json())

    def check_importer_rejects(importer: Importer, path: str | Path) -> InvalidInputError:
        try:
            read_input(importer, str(path))
        except InvalidInputError as exc:
            assert exc.path is not None and Path(exc.path).name == Path(path).name, exc
            return exc
        raise AssertionError(f"{importer.name} accepted {path}")


def shared(*parts: str) -> Path:
    """A file under the shared real-data folder, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not available: {path}")
    return path


def import_file(importer: Importer, path: Path, *, skip_bad: bool = False) -> tuple[Dataset, list[InvalidInputError]]:
    """Run an importer like the CLI does; the dataset and the skipped rows."""
    return read_input(importer, str(path), skip_bad=skip_bad)


def outcome(importer: Importer, path: Path, *, skip_bad: bool = False) -> tuple[str, object]:
    """``("ok", (dataset, skipped))`` or ``("error", InvalidInputError)``; anything else fails."""
    try:
        return "ok", import_file(importer, path, skip_bad=skip_bad)
    except InvalidInputError as exc:
        assert exc.path is not None, exc
        return "error", exc


def lines_of(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


#: Mutations of a real file: name -> (bytes -> bytes). Each must give a typed error or a
#: reported skip (never a traceback, never silently different data).
def mutations(data: bytes, *, header: bool, delimiter: bytes, short_row: Callable[[bytes], bytes]) -> dict[str, bytes]:
    lines = lines_of(data)
    body = 1 if header else 0
    out = {
        "truncated_last_line": data.rstrip(b"\n")[:-7],
        "short_row": b"".join([*lines[: body + 1], short_row(lines[body + 1]), *lines[body + 2 :]]),
        "non_utf8": b"".join(
            [*lines[: body + 2], lines[body + 2].replace(delimiter, b"\xe9\xff" + delimiter, 1), *lines[body + 3 :]]
        ),
        "extra_column": b"".join(
            [*lines[: body + 3], lines[body + 3].rstrip(b"\r\n") + delimiter + b"extra\n", *lines[body + 4 :]]
        ),
        "empty": b"",
    }
    return out


def same_objects(a: Dataset, b: Dataset) -> None:
    """The two datasets hold the same events and claims (ids and content)."""
    import attrs

    def plain(claims: Dataset) -> dict[str, object]:  # the import record's id names the file: ignore it
        return {k: attrs.evolve(c, source="file") if ":file:" in c.source else c for k, c in claims.claims.items()}

    assert dict(a.events) == dict(b.events)
    assert plain(a) == plain(b)
