"""mideast-model-text: import the plain text of news articles.

``mideast-model import text ARTICLE.txt -o out.json`` splits a file into its articles
(one :class:`~mideast_model.model.Source` each, from the header lines), and extracts
direct quotes with their speakers, reported speech, actor mentions and candidate
events as machine-extracted claims for a person to review. Rule-based, with the
embedded dataset's actors and a small shipped gazetteer; nothing is downloaded.

This module stays cheap to import: the extraction code loads on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from mideast_model import hookimpl
from mideast_model.extensions import ImportContext, Importer
from mideast_model_text.dates import find_dates, normalise_date

if TYPE_CHECKING:
    from mideast_model.model import Actor
    from mideast_model.model.objects import Object

__all__ = ["find_dates", "normalise_date", "read", "register_importers"]
__version__ = "0.1.0"


def _known_actors() -> list[Actor]:
    """The embedded dataset's actors, or none when it cannot be loaded."""
    try:
        from mideast_model.data import seed

        return sorted(seed().actors.values(), key=lambda a: a.id)
    except Exception:  # the seed is optional for extraction: names still resolve through the hook
        return []


def read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Object]:
    """The importer's ``read``: decode the text strictly, then extract (see :mod:`.extract`)."""
    from mideast_model_text.extract import extract
    from mideast_model_text.reader import read_text

    text = read_text(source, context)
    resolve: Any = context.resolve_actor
    if resolve is None:
        from mideast_model.plugins import resolve_actor

        resolve = resolve_actor
    yield from extract(text, resolve, _known_actors(), context.options)


def _sniff(head: bytes, name: str | None) -> bool:
    if name is not None and not name.lower().endswith((".txt", ".text")):
        return False
    return b"\x00" not in head[:4096]


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """The ``text`` importer: news articles as plain UTF-8 text."""
    register(
        Importer(
            name="text",
            description="news articles as plain UTF-8 text: sources, quotes and speakers, mentions, candidate events",
            read=read,
            suffixes=(".txt", ".text"),
            media_type="text/plain",
            sniff=_sniff,
            lossless=False,
        )
    )
