"""What plugins register: importers, exporters and analyses.

Each is a small frozen attrs class holding a name, a description, its typed parameters
(:class:`Param`) and the callable that does the work. The host validates each as it is
registered and records which plugin registered it (:mod:`mideast_model.plugins`).
Rendering tables lives in :mod:`mideast_model.render` (re-exported here).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, runtime_checkable

import attrs
from attrs import validators as v

from mideast_model.errors import InvalidInputError
from mideast_model.render import markdown_table, rich_table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mideast_model.dataset import Dataset
    from mideast_model.model import Actor, Object

__all__ = [
    "Analysis",
    "AnalysisResult",
    "ExportContext",
    "Exporter",
    "ImportContext",
    "Importer",
    "Param",
    "TableResult",
    "check_callable",
    "check_name",
    "markdown_table",
    "parse_pairs",
    "rich_table",
]

_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")


def check_name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """attrs validator: a registration name is lower-case letters, digits, ``-`` or ``_`` (at most 64)."""
    if not isinstance(value, str) or not _NAME.match(value):
        raise ValueError(f"name must be lower-case letters, digits, '-' or '_', got {value!r}")


def check_callable(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: the value is callable."""
    if not callable(value):
        raise TypeError(f"{attribute.name} must be callable, got {value!r}")


def _params(value: Iterable[Param]) -> tuple[Param, ...]:
    return tuple(value)


def _suffixes(value: Iterable[str] | str) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else tuple(value)
    return tuple(s if s.startswith(".") else f".{s}" for s in items)


@attrs.define
class ImportContext:
    """What an importer is told about one run.

    :param path: the input's name for messages (a file path, or ``"<stdin>"``).
    :param skip_bad: report bad rows through :meth:`skip` and go on, instead of raising.
    :param resolve_actor: maps a raw actor name or code to a canonical actor (the
        ``resolve_actor`` hook, with the embedded dataset's actors first).
    :param progress: called with the number of bytes read so far.
    """

    path: str = "<input>"
    skip_bad: bool = False
    resolve_actor: Callable[[str, Mapping[str, Any]], Actor | None] | None = None
    progress: Callable[[int], None] | None = None
    options: Mapping[str, Any] = attrs.field(factory=dict)
    skipped: list[InvalidInputError] = attrs.field(factory=list)

    def skip(self, error: InvalidInputError) -> None:
        """Record a bad row under ``--skip-bad``; raise it otherwise."""
        if not self.skip_bad:
            raise error
        self.skipped.append(error)

    def error(self, message: str, *, line: int | None = None, field: str | None = None) -> InvalidInputError:
        """A typed error naming this input, the line and the field."""
        return InvalidInputError(message, path=self.path, line=line, field=field)


@attrs.define
class ExportContext:
    """What an exporter is told about one run: the target's name and options."""

    path: str = "<output>"
    options: Mapping[str, Any] = attrs.field(factory=dict)
    progress: Callable[[int, int], None] | None = None

    @property
    def suffix(self) -> str:
        """The lower-cased suffix of the target path (``".ttl"``), or ``""``."""
        return Path(self.path).suffix.lower()


@attrs.frozen
class Importer:
    """Reads a file format into model objects.

    :param read: ``read(source, context)`` takes a path or a binary stream and yields
        model objects; it must stream (bounded memory) and raise
        :class:`~mideast_model.errors.InvalidInputError` naming file, line and field.
    :param sniff: ``sniff(head, name)`` is true when the first bytes ``head`` (and the
        file name, if any) look like this format.
    :param lossless: the format holds everything the model does (it round-trips).
    """

    name: str = attrs.field(validator=check_name)
    description: str = attrs.field(validator=v.instance_of(str))
    read: Callable[[Path | BinaryIO, ImportContext], Iterable[Object]] = attrs.field(validator=check_callable)
    suffixes: tuple[str, ...] = attrs.field(default=(), converter=_suffixes)
    media_type: str | None = None
    sniff: Callable[[bytes, str | None], bool] | None = attrs.field(default=None, validator=v.optional(check_callable))
    lossless: bool = False
    directory: bool = False
    """True when the input is a directory of files (CSV, Parquet) rather than one file."""
    params: tuple[Param, ...] = attrs.field(default=(), converter=_params)
    """The typed ``--option`` values it reads from ``context.options`` (none declared: any key, as text)."""

    def parse_options(self, pairs: Iterable[str]) -> dict[str, Any]:
        """Typed options from ``--option KEY=VALUE`` strings (defaults filled in)."""
        return parse_pairs(self.params, pairs, flag="--option", owner=f"importer {self.name}", typed=bool(self.params))


@attrs.frozen
class Exporter:
    """Writes a dataset in a file format.

    :param write: ``write(dataset, target, context)``: ``target`` is a binary stream for
        single-file formats, or a directory :class:`~pathlib.Path` when ``directory``
        is true. The host makes the write atomic.
    :param lossless: the format's importer gives the same dataset back.
    """

    name: str = attrs.field(validator=check_name)
    description: str = attrs.field(validator=v.instance_of(str))
    write: Callable[[Dataset, Any, ExportContext], None] = attrs.field(validator=check_callable)
    suffixes: tuple[str, ...] = attrs.field(default=(), converter=_suffixes)
    media_type: str | None = None
    lossless: bool = False
    directory: bool = False
    params: tuple[Param, ...] = attrs.field(default=(), converter=_params)
    """The typed ``--option`` values it reads from ``context.options`` (none declared: any key, as text)."""

    def parse_options(self, pairs: Iterable[str]) -> dict[str, Any]:
        """Typed options from ``--option KEY=VALUE`` strings (defaults filled in)."""
        return parse_pairs(self.params, pairs, flag="--option", owner=f"exporter {self.name}", typed=bool(self.params))


_INT = re.compile(r"-?[0-9]+", re.ASCII)
_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?", re.ASCII)


def _int(text: str) -> int:
    """ASCII digits only: no ``'١٢'``, ``'1_000'`` or full-width digits."""
    if not _INT.fullmatch(text):
        raise ValueError(text)
    return int(text)


def _float(text: str) -> float:
    """An ASCII decimal number: no ``nan``, ``inf`` or ``'1_0'``."""
    if not _FLOAT.fullmatch(text):
        raise ValueError(text)
    return float(text)


_PARAM_TYPES: dict[str, Callable[[str], Any]] = {
    "int": _int,
    "float": _float,
    "str": str,
    "bool": lambda s: {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}[s.lower()],
    "date": dt.date.fromisoformat,
}


@attrs.frozen
class Param:
    """One typed parameter: of an analysis (``--param window=7``), an importer or an
    exporter (``--option encoding=cp1256``).

    :param name: the key.
    :param type: ``int``, ``float``, ``str``, ``bool`` or ``date`` (ISO 8601).
    :param default: the value when the key is not given.
    :param help: one line on what it means, shown by ``NAME --help``.
    :param choices: the allowed values, if only some are.
    """

    name: str = attrs.field(validator=check_name)
    type: str = attrs.field(validator=v.in_(tuple(_PARAM_TYPES)))
    default: Any = None
    help: str = ""
    choices: tuple[str, ...] = ()

    def parse(self, text: str, flag: str = "--param") -> Any:
        """The value of ``text`` as this parameter's type, or a clear error naming ``flag``."""
        try:
            value = _PARAM_TYPES[self.type](text)
        except (ValueError, KeyError):
            raise InvalidInputError(f"{flag} {self.name}: expected {self.type}, got {text!r}") from None
        if self.choices and value not in self.choices:
            raise InvalidInputError(f"{flag} {self.name}: expected one of {', '.join(self.choices)}, got {text!r}")
        return value

    def describe(self) -> str:
        """One line for help: ``name (type, default: x; one of a, b): help``."""
        facts = [self.type, f"default: {self.default!r}" if self.default is not None else "no default"]
        if self.choices:
            facts.append("one of " + ", ".join(self.choices))
        return f"{self.name} ({'; '.join(facts)})" + (f": {self.help}" if self.help else "")


def parse_pairs(
    params: Iterable[Param], pairs: Iterable[str], *, flag: str, owner: str, typed: bool = True
) -> dict[str, Any]:
    """Keyword values from ``KEY=VALUE`` strings, typed by ``params`` (defaults filled in).

    :param params: the declared parameters.
    :param pairs: the command line's ``KEY=VALUE`` strings.
    :param flag: the flag for messages (``--param``, ``--option``).
    :param owner: what the parameters belong to, for messages ("titfortat").
    :param typed: ``False`` for a plugin that declares no parameters: keys pass as strings.
    """
    by_name = {p.name: p for p in params}
    values = {p.name: p.default for p in by_name.values()}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key:
            raise InvalidInputError(f"{flag} {pair!r}: expected KEY=VALUE")
        if not typed:
            values[key] = text
        elif key not in by_name:
            known = ", ".join(by_name) or "none"
            raise InvalidInputError(f"{flag} {key}: {owner} has no such parameter (known: {known})")
        else:
            values[key] = by_name[key].parse(text, flag)
    return values


@runtime_checkable
class AnalysisResult(Protocol):
    """What an analysis returns: JSON (objects by id), a terminal rendering, Markdown."""

    def to_json(self) -> Any:
        """Plain JSON data; model objects appear as their ids."""

    def to_markdown(self) -> str:
        """A Markdown rendering for reports."""

    def to_rich(self) -> RenderableType:
        """A rich renderable for the terminal."""


@attrs.frozen
class TableResult:
    """A ready :class:`AnalysisResult`: one table, plus any JSON payload."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    data: Any = None

    def to_json(self) -> Any:
        """``data`` if given, else the rows as objects keyed by column."""
        if self.data is not None:
            return self.data
        return [dict(zip(self.columns, row, strict=False)) for row in self.rows]

    def to_markdown(self) -> str:
        """A GitHub-flavoured Markdown table under a heading."""
        return markdown_table(self.title, self.columns, self.rows)

    def to_rich(self) -> RenderableType:
        """A rich table."""
        return rich_table(self.title, self.columns, self.rows)


@attrs.frozen
class Analysis:
    """A named analysis of a dataset.

    :param run: ``run(dataset, **params)`` returns an :class:`AnalysisResult`. It must
        not depend on the order of its input.
    :param params: the typed parameters ``--param`` accepts, with their defaults.
    """

    name: str = attrs.field(validator=check_name)
    description: str = attrs.field(validator=v.instance_of(str))
    run: Callable[..., AnalysisResult] = attrs.field(validator=check_callable)
    params: tuple[Param, ...] = attrs.field(default=(), converter=_params)

    def parse_params(self, pairs: Iterable[str]) -> dict[str, Any]:
        """Typed keyword arguments from ``KEY=VALUE`` strings (defaults filled in)."""
        return parse_pairs(self.params, pairs, flag="--param", owner=self.name)
