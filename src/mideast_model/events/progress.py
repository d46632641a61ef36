"""A progress bar for long bulk work: rich on a terminal, nothing in pipes or under CI."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator

__all__ = ["progress"]


@contextlib.contextmanager
def progress(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(done)``: a rich bar on a terminal (stderr), a no-op otherwise.

    :param description: what is being done ("importing export.CSV").
    :param total: the amount of work (bytes), or ``None`` when unknown.
    """
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)
        yield lambda done: bar.update(task, completed=done)
