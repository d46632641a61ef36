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

if TYPE_CHECKING:
    import datetime as dt

    from mideast_model.model import Actor
    from mideast_model.model.objects import Object

__all__ = ["find_dates", "normalise_date", "read", "register_importers"]
__version__ = "0.1.0"


def normalise_date(expression: str, published: dt.date, *, anchor: dt.date | None = None) -> str | None:
    """The EDTF string of a date expression in an article published on ``published``, or ``None``.

    "last May" read on 2020-03-27 is ``"2019-05"``; "mid-2019" is ``"2019-05~/2019-08~"``;
    "one day later" needs ``anchor``, the day it counts from. See
    :func:`mideast_model_text.dates.normalise_date`.
    """
    from mideast_model_text import dates

    return dates.normalise_date(expression, published, anchor=anchor)


def find_dates(text: str) -> Iterator[tuple[int, int, str]]:
    """Every date expression in ``text`` as ``(start, end, expression)``, left to right."""
    from mideast_model_text import dates

    return dates.find_dates(text)


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
    from mideast_model_text.reader import MAX_BYTES, read_text

    options = _options(context)
    text = read_text(source, context, options.get("max_bytes", MAX_BYTES))
    resolve: Any = context.resolve_actor
    if resolve is None:
        from mideast_model.plugins import resolve_actor

        resolve = resolve_actor
    # The cyclic garbage collector is paused while the article is read (as the analyses do):
    # extraction makes many small objects and no cycles, and collections over them cost
    # 5-10% of the run on 3 MB of text. Restored as it was when the reading ends or stops.
    from mideast_model.gcpause import paused_gc

    with paused_gc():
        yield from extract(text, resolve, _known_actors(), options)


_FLAGS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _options(context: ImportContext) -> dict[str, Any]:
    """The checked options: ``published`` (ISO date), ``publisher``, ``max_bytes``, ``mentions``, ``events``."""
    import datetime as dt

    options = dict(context.options)
    published = options.get("published")
    if published is not None and not isinstance(published, dt.date):
        try:
            options["published"] = dt.date.fromisoformat(str(published))
        except ValueError:
            raise context.error(f"expected an ISO date (2020-03-27), got {published!r}", field="published") from None
    if "max_bytes" in options:
        try:
            options["max_bytes"] = int(options["max_bytes"])
        except (TypeError, ValueError):
            raise context.error(
                f"expected a number of bytes, got {options['max_bytes']!r}", field="max_bytes"
            ) from None
        if options["max_bytes"] <= 0:
            raise context.error("expected a positive number of bytes", field="max_bytes")
    for flag in ("mentions", "events"):
        value = options.get(flag, True)
        if isinstance(value, str):
            if value.lower() not in _FLAGS:
                raise context.error(f"expected true or false, got {value!r}", field=flag)
            value = _FLAGS[value.lower()]
        options[flag] = bool(value)
    return options


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
