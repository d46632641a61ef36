"""The conformance kit: checks every importer, exporter and analysis must pass.

Call these from a plugin's pytest suite; each raises :class:`AssertionError` with a
one-paragraph explanation when the plugin breaks its contract::

    from hypothesis import given, settings
    from mideast_model.testing import conformance, strategies

    def test_reads_fixture():
        conformance.check_importer(MY_IMPORTER, "tests/data/small.csv")

    def test_rejects_garbage():
        conformance.check_importer_rejects(MY_IMPORTER, "tests/data/bad.csv")

    @settings(max_examples=25)
    @given(strategies.datasets())
    def test_round_trip(dataset):
        conformance.check_roundtrip(MY_EXPORTER, MY_IMPORTER, dataset)
"""

from __future__ import annotations

import importlib
import io
import os
import random
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import AnalysisResult, ExportContext, ImportContext

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model.extensions import Analysis, Exporter, Importer

__all__ = [
    "check_analysis",
    "check_importer",
    "check_importer_rejects",
    "check_lossy_export",
    "check_roundtrip",
    "describe_diff",
]

_KINDS = ("actors", "sources", "events", "claims", "relations")


def _read(importer: Importer, path: str | os.PathLike[str], *, skip_bad: bool = False) -> tuple[Dataset, list[Any]]:
    """Run ``importer`` exactly as ``mideast-model import`` does."""
    from mideast_model.api import read_input

    return read_input(importer, os.fspath(path), skip_bad=skip_bad)


def _schema_errors(document: Any) -> list[str]:
    try:
        jsonschema = importlib.import_module("jsonschema")
    except ImportError:  # pragma: no cover - jsonschema is in the test extra
        return []
    from mideast_model.io.schema import schema

    validator = jsonschema.Draft202012Validator(schema())
    return [
        f"$.{'.'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def check_importer(importer: Importer, path: str | os.PathLike[str], *, skip_bad: bool = False) -> Dataset:
    """Import ``path`` and check the result: a valid dataset, canonical JSON that round-trips
    and validates against the JSON Schema, the same objects from a path and from a stream,
    and the same objects twice over. Returns the dataset.

    :param skip_bad: import with ``--skip-bad`` (bad rows are reported, not raised).
    """
    from mideast_model.dataset import Dataset
    from mideast_model.io import canonical

    path = os.fspath(path)
    try:
        dataset, _ = _read(importer, path, skip_bad=skip_bad)
    except InvalidInputError as exc:
        raise AssertionError(f"importer {importer.name!r} rejected {path}: {exc}") from exc
    again, _ = _read(importer, path, skip_bad=skip_bad)
    if again != dataset:
        raise AssertionError(
            f"importer {importer.name!r} is not deterministic on {path}: {describe_diff(dataset, again)}"
        )
    if not importer.directory and not Path(path).is_dir():
        from mideast_model.plugins import resolve_actor

        context = ImportContext(
            path=path, skip_bad=skip_bad, resolve_actor=lambda name, ctx: resolve_actor(name, dict(ctx))
        )
        by_path: dict[str, Any] = {}
        for obj in importer.read(Path(path), context):
            by_path.setdefault(obj.id, obj)
        from_path = Dataset.from_objects(by_path.values(), where=path)
        if from_path != dataset:
            raise AssertionError(
                f"importer {importer.name!r} reads {path} differently from a Path and from a binary stream: "
                + describe_diff(dataset, from_path)
            )
        if importer.sniff is not None and not skip_bad:
            with open(path, "rb") as fh:
                head = fh.read(65536)
            recognised = importer.sniff(head, Path(path).name)
            if recognised is not True:
                raise AssertionError(
                    f"importer {importer.name!r}: sniff() returned {recognised!r} on {path}, which it reads"
                )
    data = canonical.dumps(dataset)
    if canonical.loads(data) != dataset:
        raise AssertionError(f"importer {importer.name!r}: its output does not survive canonical JSON")
    errors = _schema_errors(orjson.loads(data))
    if errors:
        raise AssertionError(f"importer {importer.name!r}: its output breaks the JSON Schema: {errors[0]}")
    return dataset


def check_importer_rejects(importer: Importer, path: str | os.PathLike[str]) -> InvalidInputError:
    """Check that importing the bad input ``path`` raises :class:`InvalidInputError` naming
    the file in a one-line message, and no other exception type. Returns the error."""
    path = os.fspath(path)
    try:
        _read(importer, path)
    except InvalidInputError as exc:
        message = str(exc)
        if path not in message and Path(path).name not in message:
            raise AssertionError(
                f"importer {importer.name!r}: the error does not name the file {path}: {message}"
            ) from exc
        if "\n" in message:
            raise AssertionError(f"importer {importer.name!r}: the error is not one line: {message!r}") from exc
        return exc
    except Exception as exc:
        raise AssertionError(
            f"importer {importer.name!r} raised {type(exc).__name__} on {path}; bad input must raise "
            f"InvalidInputError naming file, line and field: {exc}"
        ) from exc
    raise AssertionError(f"importer {importer.name!r} accepted the bad input {path}")


def describe_diff(expected: Dataset, actual: Dataset, *, limit: int = 5) -> str:
    """One paragraph on how ``actual`` differs from ``expected``, by id, with the first changes."""
    diff = expected.diff(actual)
    parts = []
    if diff.removed:
        parts.append(f"missing {len(diff.removed)} object(s): {', '.join(diff.removed[:limit])}")
    if diff.added:
        parts.append(f"{len(diff.added)} unexpected object(s): {', '.join(diff.added[:limit])}")
    for object_id in diff.changed[:limit]:
        parts.append(f"changed {object_id}: expected {expected[object_id]!r}, got {actual[object_id]!r}")
    if len(diff.changed) > limit:
        parts.append(f"... and {len(diff.changed) - limit} more changed")
    return "; ".join(parts) or "no difference"


def _suffix(exporter: Exporter) -> str:
    return exporter.suffixes[0] if exporter.suffixes else ""


def _export(exporter: Exporter, dataset: Dataset, tmp: Path, options: Mapping[str, Any] | None) -> Path:
    """Write ``dataset`` with ``exporter`` into a new file (or directory) under ``tmp``."""
    if exporter.directory:
        target = tmp / "export"
        target.mkdir()
        exporter.write(dataset, target, ExportContext(path=str(target), options=dict(options or {})))
        return target
    target = tmp / f"export{_suffix(exporter)}"
    with open(target, "wb") as fh:
        exporter.write(dataset, fh, ExportContext(path=str(target), options=dict(options or {})))
    return target


def check_roundtrip(
    exporter: Exporter, importer: Importer, dataset: Dataset, *, options: Mapping[str, Any] | None = None
) -> Dataset:
    """Check that a lossless ``exporter`` writes what ``importer`` reads back as an equal dataset.

    The export goes to a temporary file (a directory when ``exporter.directory``), the
    import runs as ``mideast-model import`` does; a failure names the objects that went
    missing, appeared or changed. Returns the dataset read back.
    """
    with tempfile.TemporaryDirectory(prefix="mideast-model-roundtrip-") as tmp:
        target = _export(exporter, dataset, Path(tmp), options)
        try:
            back, _ = _read(importer, target)
        except InvalidInputError as exc:
            raise AssertionError(
                f"importer {importer.name!r} rejected what exporter {exporter.name!r} wrote: {exc}"
            ) from exc
    if back != dataset:
        raise AssertionError(f"{exporter.name!r} -> {importer.name!r} is not lossless: {describe_diff(dataset, back)}")
    return back


def _kind(name: str) -> str:
    plural = name if name.endswith("s") else f"{name}s"
    if plural not in _KINDS:
        raise AssertionError(f"read_ids reported an unknown kind {name!r} (expected one of {', '.join(_KINDS)})")
    return plural


def check_lossy_export(
    exporter: Exporter,
    dataset: Dataset,
    read_ids: Callable[[Path], Mapping[str, Iterable[str]]],
    *,
    options: Mapping[str, Any] | None = None,
) -> dict[str, set[str]]:
    """Check that a lossy ``exporter`` keeps every id (and so every count) of the kinds it writes.

    :param read_ids: ``read_ids(path)`` parses the written file (or directory) with a
        real parser for the format and returns ``{kind: ids}`` for the kinds the format
        holds ("events", or "event"); every id of each such kind must be there, and no other.
    """
    with tempfile.TemporaryDirectory(prefix="mideast-model-export-") as tmp:
        target = _export(exporter, dataset, Path(tmp), options)
        found = {_kind(kind): set(values) for kind, values in read_ids(target).items()}
    if not found:
        raise AssertionError(f"exporter {exporter.name!r}: read_ids reported no kinds at all")
    for kind, got in found.items():
        expected = {o.id for o in dataset.objects(kind)}
        missing, extra = sorted(expected - got), sorted(got - expected)
        if missing or extra:
            raise AssertionError(
                f"exporter {exporter.name!r} lost or invented {kind}: "
                f"missing {missing[:5]} ({len(missing)}), unexpected {extra[:5]} ({len(extra)})"
            )
    return found


def _json_bytes(result: AnalysisResult, name: str) -> bytes:
    try:
        return orjson.dumps(result.to_json(), option=orjson.OPT_NON_STR_KEYS)
    except TypeError as exc:
        raise AssertionError(f"analysis {name!r}: to_json() is not plain JSON data: {exc}") from exc


def check_analysis(analysis: Analysis, dataset: Dataset, **params: Any) -> AnalysisResult:
    """Check that ``analysis`` is deterministic and independent of input order, and renders.

    Runs it twice on ``dataset`` and once on the same objects rebuilt in reversed and in
    shuffled order: the ``to_json()`` bytes must be equal every time. ``to_markdown()``
    must give a string and ``to_rich()`` something rich can print. Parameters not given
    take the analysis's declared defaults, as on the command line. Returns the result.
    """
    from rich.console import Console

    from mideast_model.dataset import Dataset

    values = {p.name: p.default for p in analysis.params}
    values.update(params)
    first = analysis.run(dataset, **values)
    if not isinstance(first, AnalysisResult):
        raise AssertionError(f"analysis {analysis.name!r} returned {type(first).__name__}, not an AnalysisResult")
    expected = _json_bytes(first, analysis.name)
    objects = list(dataset)
    shuffled = list(objects)
    random.Random(len(objects)).shuffle(shuffled)
    runs = {
        "a second run": dataset,
        "reversed input": Dataset.from_objects(reversed(objects)),
        "shuffled input": Dataset.from_objects(shuffled),
    }
    for label, data in runs.items():
        got = _json_bytes(analysis.run(data, **values), analysis.name)
        if got != expected:
            raise AssertionError(
                f"analysis {analysis.name!r} gives a different to_json() on {label}: "
                f"{expected[:200]!r} != {got[:200]!r}"
            )
    markdown = first.to_markdown()
    if not isinstance(markdown, str):
        raise AssertionError(f"analysis {analysis.name!r}: to_markdown() returned {type(markdown).__name__}")
    out = io.StringIO()
    Console(file=out, width=120, color_system=None).print(first.to_rich())
    return first
