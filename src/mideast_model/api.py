"""Importing and exporting: run an importer over inputs, merge them, run an exporter.

This is the layer between the plugin host (:mod:`mideast_model.plugins`) and the
command line (:mod:`mideast_model.cli`): everything the verbs do, without click, so
the testing kit, notebooks and scripts use the same code paths as ``mideast-model``.

- :func:`load_dataset` reads a canonical JSON dataset (``None``: the embedded seed;
  ``"-"``: standard input) with the plugins' converter;
- :func:`read_input` runs one importer on one file or directory;
- :func:`import_inputs` runs an importer over several inputs and merges them;
- :func:`write_output` runs an exporter, atomically;
- :func:`run_analysis` runs an analysis with ``KEY=VALUE`` parameters.

Progress is reported through a ``progress(description, total)`` context manager that
yields an ``advance(done)`` callable (the command line draws a bar; the default draws
nothing).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mideast_model.errors import InvalidInputError

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model.extensions import AnalysisResult, Exporter, Importer
    from mideast_model.model import Object

__all__ = [
    "Progress",
    "check_output_path",
    "import_inputs",
    "load_dataset",
    "no_progress",
    "read_input",
    "run_analysis",
    "write_output",
]

#: ``progress(description, total)`` -> a context manager yielding ``advance(done)``.
Progress = Callable[[str, int | None], AbstractContextManager[Callable[[int], None]]]


@contextlib.contextmanager
def no_progress(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A :data:`Progress` that shows nothing."""
    yield lambda done: None


def load_dataset(path: str | Path | None, *, lazy: bool = False) -> Dataset:
    """The dataset at ``path``: canonical JSON read with the plugins' converter, or a store.

    A store (or a directory of event-table Parquet files, or one ``.parquet`` file) is read
    into one in-memory Dataset in one scan when it holds at most
    :func:`mideast_model.events.store.in_memory_limit` events, so analyses, exporters and
    the report give exactly what they give on the canonical JSON of the same objects; a
    larger one is returned as the :class:`~mideast_model.events.ParquetStore` (the Store
    protocol, queried where it lies).

    :param path: a file, ``"-"`` for standard input, or ``None`` for the embedded seed.
    :param lazy: open a store without reading its rows (for counts and the date range).
    :return: the dataset, validated (a bare directory of event files has no actors to check
        references against and is not).
    """
    if path is None:
        from mideast_model.data import seed

        return seed()
    if str(path) != "-" and (Path(path).is_dir() or str(path).lower().endswith(".parquet")):
        from mideast_model.events.store import load_input, open_input  # a store or a Parquet directory

        if lazy:
            return open_input(path)  # type: ignore[return-value]  # a Store: the protocol, not a Dataset
        return load_input(path)  # type: ignore[return-value]  # a Dataset, or a Store too big for memory
    from mideast_model.io import canonical
    from mideast_model.plugins import converter_options

    if str(path) == "-":
        return canonical.loads(sys.stdin.buffer.read(), path="<stdin>", **converter_options())
    return canonical.load(path, **converter_options())


def _dedupe(objects: Iterable[Object], where: str) -> Iterator[Object]:
    """Drop repeats of an identical object; a different object under one id is an error."""
    seen: dict[str, Object] = {}
    for obj in objects:
        prior = seen.get(obj.id)
        if prior is None:
            seen[obj.id] = obj
            yield obj
        elif prior != obj:
            raise InvalidInputError(f"two different objects with id {obj.id!r}", path=where)


def read_input(
    importer: Importer,
    path: str | Path,
    *,
    skip_bad: bool = False,
    options: Mapping[str, Any] | None = None,
    progress: Progress = no_progress,
) -> tuple[Dataset, list[InvalidInputError]]:
    """Run ``importer`` on one file (or directory) into a validated Dataset.

    :param importer: the importer (see :func:`mideast_model.plugins.get_importer`).
    :param path: the file or directory to read.
    :param skip_bad: report bad rows and keep the rest, instead of stopping at the first.
    :param options: the importer's options, already typed (see ``Importer.parse_options``).
    :param progress: draws progress (see :data:`Progress`).
    :return: the dataset and the rows skipped under ``skip_bad``.
    """
    from mideast_model.dataset import Dataset
    from mideast_model.extensions import ImportContext
    from mideast_model.plugins import resolve_actor

    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InvalidInputError("no such file or directory", path=name)
    size = sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.is_dir() else p.stat().st_size
    with progress(f"importing {p.name}", size) as advance:
        context = ImportContext(
            path=name,
            skip_bad=skip_bad,
            resolve_actor=resolve_actor,
            progress=advance,
            options=dict(options or {}),
        )
        if p.is_dir() or importer.directory:
            objects = list(_dedupe(importer.read(p, context), name))
        else:
            with open(p, "rb") as fh:
                objects = list(_dedupe(importer.read(fh, context), name))
    return Dataset.from_objects(objects, where=name), context.skipped


def import_inputs(
    importer: Importer | str,
    inputs: Iterable[str | Path],
    *,
    skip_bad: bool = False,
    on_conflict: str = "error",
    options: Mapping[str, Any] | None = None,
    progress: Progress = no_progress,
    on_skipped: Callable[[InvalidInputError], None] | None = None,
) -> tuple[Dataset, list[InvalidInputError]]:
    """Run an importer over ``inputs`` and merge the results into one dataset.

    :param importer: the importer, or its registered name.
    :param inputs: files or directories, merged in order.
    :param skip_bad: report bad rows and keep the rest.
    :param on_conflict: the merge's policy for one id holding two different objects
        (``error``, ``keep-left``, ``keep-right``).
    :param options: the importer's options, already typed.
    :param progress: draws progress (see :data:`Progress`).
    :param on_skipped: called with each skipped row's error as soon as its input is read.
    :return: the merged dataset and every skipped row's error.
    """
    from mideast_model.dataset import Dataset
    from mideast_model.plugins import get_importer

    chosen = get_importer(importer) if isinstance(importer, str) else importer
    merged = Dataset.empty()
    skipped: list[InvalidInputError] = []
    for path in inputs:
        dataset, bad = read_input(chosen, path, skip_bad=skip_bad, options=options, progress=progress)
        for error in bad:
            if on_skipped is not None:
                on_skipped(error)
        skipped.extend(bad)
        merged = merged.merge(dataset, on_conflict)
    return merged, skipped


def check_output_path(output: str | Path, *, directory: bool = False) -> None:
    """Refuse an output path that cannot be written, before any work is done.

    An empty path, a path whose parent directory does not exist (nothing is created
    above the target) and a path under a file are clear errors.

    :param output: the target (``"-"`` is standard output and always passes).
    :param directory: the target is a directory (a directory exporter's ``-o``).
    """
    text = str(output)
    if text == "-":
        return
    if not text.strip():
        raise InvalidInputError("the output path is empty (give a file name with -o)", path=repr(text))
    parent = Path(text).parent
    if not parent.exists():
        raise InvalidInputError(f"no such directory: {str(parent)!r} (create it first)", path=text)
    if not parent.is_dir():
        raise InvalidInputError(f"{str(parent)!r} is not a directory", path=text)
    if not directory and Path(text).is_dir():
        raise InvalidInputError("is a directory (give a file name)", path=text)


def write_output(
    exporter: Exporter | str,
    dataset: Dataset,
    output: str | Path,
    options: Mapping[str, Any] | None = None,
    *,
    force: bool = False,
) -> None:
    """Run an exporter on ``dataset`` into ``output``, atomically.

    :param exporter: the exporter, or its registered name.
    :param dataset: what to write.
    :param output: a file (a directory for directory exporters), or ``"-"`` for stdout.
    :param options: the exporter's options, already typed.
    :param force: a directory exporter may write into a non-empty directory that is not
        its own output (its other files are kept; see :mod:`mideast_model.io.outputs`).
    """
    from mideast_model.extensions import ExportContext
    from mideast_model.plugins import get_exporter

    chosen = get_exporter(exporter) if isinstance(exporter, str) else exporter
    target = str(output)
    check_output_path(target, directory=chosen.directory)
    context = ExportContext(path=target, options=dict(options or {}))
    _write(chosen, dataset, target, context, force=force)


def _write(exporter: Exporter, dataset: Dataset, output: str, context: Any, *, force: bool = False) -> None:
    from mideast_model.io.atomic import atomic_write
    from mideast_model.io.outputs import atomic_directory

    if output == "-":
        if exporter.directory:
            raise InvalidInputError(f"the {exporter.name} exporter writes a directory; give one with -o")
        exporter.write(dataset, sys.stdout.buffer, context)
        return
    if exporter.directory:
        with atomic_directory(output, exporter=exporter.name, force=force) as tmp:
            exporter.write(dataset, tmp, context)
    else:
        with atomic_write(output) as fh:
            exporter.write(dataset, fh, context)


def run_analysis(name: str, dataset: Dataset, params: Iterable[str] = ()) -> AnalysisResult:
    """Run the analysis ``name`` on ``dataset``.

    :param name: the registered analysis.
    :param dataset: what to analyse.
    :param params: ``KEY=VALUE`` strings, typed by the analysis's ``Param``\\ s.
    :return: the analysis result (JSON, Markdown and terminal renderings).
    """
    from mideast_model.plugins import get_analysis

    analysis = get_analysis(name)
    return analysis.run(dataset, **analysis.parse_params(params))
