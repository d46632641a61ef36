"""The row importer kit shared by the importers of delimited event data (GDELT, ACLED, UCDP, ICEWS).

:func:`read_rows` streams records, :class:`Header` reads a header row, :class:`RowImporter`
converts rows with typed errors and the ``--skip-bad`` keep policy; numbers come from
:mod:`mideast_model.io.numbers`, countries from :mod:`mideast_model.io.countries`, actor
resolution and its record from :mod:`mideast_model.io.resolution` (all re-exported here).

Streams a binary input line by line, decodes each line explicitly (a BOM picks UTF-8,
UTF-16 or UTF-32; otherwise strict UTF-8, or ``context.options["encoding"]``), feeds the
lines to :mod:`csv` and yields ``(line_number, fields)``. Undecodable bytes, a malformed
CSV record and an unterminated (truncated) last line become
:class:`~mideast_model.errors.InvalidInputError` naming file, line and column, routed
through ``context.skip`` so that ``--skip-bad`` reports them and goes on.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ImportContext
from mideast_model.io.countries import Countries, countries
from mideast_model.io.numbers import RowError, parse_float, parse_int
from mideast_model.io.resolution import (
    RESOLUTION_HEADER,
    ActorBook,
    Resolver,
    parse_resolution,
    resolution_text,
)
from mideast_model.model import (
    Actor,
    Claim,
    Event,
    EventKind,
    GeoPrecision,
    Object,
    Place,
    Predicate,
    Source,
    SourceKind,
)

__all__ = [
    "DEFAULT_MIN_KEPT",
    "RESOLUTION_HEADER",
    "ActorBook",
    "Countries",
    "Header",
    "Resolver",
    "RowError",
    "RowImporter",
    "cameo_kind",
    "coordinates",
    "countries",
    "digits",
    "file_label",
    "guess_format",
    "iso_day",
    "kv",
    "min_kept",
    "not_this_format",
    "one_of",
    "outlet_source",
    "outlets",
    "parse_float",
    "parse_int",
    "parse_resolution",
    "peek",
    "place",
    "read_rows",
    "resolution_text",
    "short_hash",
    "slug",
    "split_list",
    "stable_id",
    "url_source",
]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PROGRESS_EVERY = 2000
log = logging.getLogger(__name__)


def _guess(head: bytes) -> str:
    """charset-normalizer's guess for bytes that are not UTF-8, for the error message."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is installed with requests
        return ""
    best = from_bytes(head).best()
    if best is None or not best.encoding:
        return "; give --option encoding=NAME"
    return f"; it looks like {best.encoding} (--option encoding={best.encoding}, or encoding=auto)"


def _detect(sample: bytes) -> str | None:
    """The encoding of a sample without a BOM: UTF-8 when it decodes so, else charset-normalizer's guess."""
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # the sample ends inside a character
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is installed with requests
        return None
    best = from_bytes(sample).best()
    return best.encoding if best is not None and best.encoding else None


class _Prefixed(io.RawIOBase):
    """A raw stream that serves ``prefix`` and then the rest of ``stream``."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._prefix:
            n = min(len(view), len(self._prefix))
            view[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)


class _Lines:
    """Decoded lines of a binary stream, with line numbers and decode problems noted."""

    def __init__(self, stream: BinaryIO, context: ImportContext) -> None:
        self.context = context
        self.line = 0
        self.bytes = 0
        self.bad: tuple[int, int, str] | None = None
        self.unterminated = False
        self.empty = True
        forced = context.options.get("encoding") if context.options else None
        head = stream.read(4) or b""
        self._stream = io.BufferedReader(_Prefixed(head, stream), 1 << 16)
        encoding = str(forced) if forced else "utf-8"
        for bom, name in _BOMS:
            if head.startswith(bom):
                encoding = name
                break
        else:
            if encoding.strip().lower() == "auto":  # --option encoding=auto: detected from the first 64 KiB
                sample = self._stream.read(1 << 16) or b""
                self._stream = io.BufferedReader(_Prefixed(sample, self._stream), 1 << 16)
                detected = _detect(sample)
                if detected is None:
                    raise context.error("encoding=auto: the text encoding could not be detected", field="encoding")
                encoding = detected
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            raise context.error(f"unknown encoding {encoding!r}", field="encoding") from None
        if not getattr(info, "_is_text_encoding", True):  # rot13, zlib, hex, uu, base64…
            raise context.error(f"{encoding!r} is not a text encoding", field="encoding")
        self.encoding = info.name
        # ASCII-compatible encodings are decoded line by line from the bytes (exact line
        # and column on a bad byte); UTF-16/32 go through io.TextIOWrapper.
        self._wide = self.encoding.startswith(("utf-16", "utf-32"))
        self._sig = self.encoding == "utf-8-sig"

    def __iter__(self) -> Iterator[str]:
        if self._wide:
            yield from self._wide_lines()
            return
        decode = codecs.getdecoder("utf-8" if self._sig else self.encoding)
        first = True
        for raw in self._stream:
            self.line += 1
            self.bytes += len(raw)
            if first and self._sig and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            first = False
            if self.line % _PROGRESS_EVERY == 0 and self.context.progress is not None:
                self.context.progress(self.bytes)
            if not raw.endswith(b"\n"):
                self.unterminated = True
            if raw.strip():
                self.empty = False
            try:
                text = decode(raw)[0]
            except UnicodeDecodeError as exc:
                column = len(raw[: exc.start].decode(self.encoding, "replace")) + 1
                byte = raw[exc.start : exc.start + 1].hex()
                if self.bad is None:
                    self.bad = (self.line, column, f"byte 0x{byte} is not {self.encoding}{_guess(raw)}")
                text = raw.decode(self.encoding, "replace")
            yield text
        if self.context.progress is not None:
            self.context.progress(self.bytes)

    def _wide_lines(self) -> Iterator[str]:
        wrapper = io.TextIOWrapper(self._stream, encoding=self.encoding, errors="strict", newline="")
        try:
            while True:
                try:
                    text = wrapper.readline()
                except UnicodeDecodeError as exc:
                    raise self.context.error(
                        f"undecodable bytes ({exc.reason}) in {self.encoding} text", line=self.line + 1
                    ) from None
                if not text:
                    break
                self.line += 1
                if text.strip():
                    self.empty = False
                if not text.endswith("\n"):
                    self.unterminated = True
                yield text
        finally:
            wrapper.detach()


def _archive_errors() -> tuple[type[BaseException], ...]:
    import zipfile
    import zlib

    return (OSError, EOFError, zlib.error, zipfile.BadZipFile)


_ARCHIVE_ERRORS = _archive_errors()


def _unwrap(stream: BinaryIO, context: ImportContext | None) -> BinaryIO:
    """The text inside a zip archive of one file (GDELT's ``*.export.CSV.zip``) or a gzip file, else the stream."""
    head = stream.read(4) or b""

    def error(message: str) -> InvalidInputError:
        return context.error(message) if context is not None else InvalidInputError(message)

    if head.startswith(b"PK\x03\x04"):
        import zipfile

        if not stream.seekable():
            raise error("a zip archive must be given as a file, not a pipe")
        stream.seek(0)
        try:
            archive = zipfile.ZipFile(stream)
            members = [m for m in archive.infolist() if not m.is_dir()]
            names = {m.filename for m in members}
            if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
                raise error("this is an Excel workbook (.xlsx), not a CSV file: save it as CSV (UTF-8) and import that")
            if "[Content_Types].xml" in names:
                raise error("this is an Office document, not a CSV file: save it as CSV (UTF-8) and import that")
            if len(members) != 1:
                raise error(f"a zip archive of {len(members)} files: give one file (or one archive per file)")
            return cast(BinaryIO, archive.open(members[0]))
        except zipfile.BadZipFile as exc:
            raise error(f"not a readable zip archive: {exc}") from None
    replay = io.BufferedReader(_Prefixed(head, stream), 1 << 16)
    if head.startswith(b"\x1f\x8b"):
        import gzip

        return cast(BinaryIO, gzip.GzipFile(fileobj=replay, mode="rb"))
    return cast(BinaryIO, replay)


def peek(
    source: Path | BinaryIO, size: int = 65536, context: ImportContext | None = None
) -> tuple[bytes, Path | BinaryIO]:
    """The first ``size`` bytes of an input's text (inside a zip or gzip file) and the input to read afterwards.

    :param context: names the input in errors (an Excel workbook, a zip of several files).
    """
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh:
            return _read_head(_unwrap(fh, context), size), Path(source)
    inner = _unwrap(source, context)
    head = _read_head(inner, size)
    replay = io.BufferedReader(_Prefixed(head, inner), 1 << 16)
    name = getattr(source, "name", None)
    if name is not None:
        with contextlib.suppress(AttributeError, TypeError):
            replay.name = name  # type: ignore[misc]
    return head, replay


def _read_head(stream: BinaryIO, size: int) -> bytes:
    try:
        return stream.read(size) or b""
    except _ARCHIVE_ERRORS as exc:  # a corrupt gzip stream
        raise InvalidInputError(f"unreadable compressed data: {exc}") from None


@contextlib.contextmanager
def _open(source: Path | BinaryIO, context: ImportContext) -> Iterator[BinaryIO]:
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh:
            yield _unwrap(fh, context)
    else:
        yield _unwrap(source, context)


def read_rows(
    source: Path | BinaryIO,
    context: ImportContext,
    *,
    delimiter: str,
    quote: bool = True,
    header: bool = False,
    on_header: Callable[[list[str], int], None] | None = None,
    column_name: Callable[[int], str] | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line, fields)`` for every record; bad records go through ``context.skip``.

    :param quote: fields may be quoted (CSV); ``False`` for TSV written without quoting.
    :param header: the first record is a header, handed to ``on_header(fields, line)``
        (which may raise :class:`InvalidInputError`) and not yielded.
    :param column_name: names column ``i`` in messages about undecodable bytes.
    :raises InvalidInputError: for an empty input (always), or a bad record when not
        skipping.
    """
    with _open(source, context) as stream:
        try:
            lines = _Lines(stream, context)
        except _ARCHIVE_ERRORS as exc:
            raise context.error(f"unreadable compressed data: {exc}") from None
        if quote:
            reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, strict=True)
        else:
            reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE, strict=True)
        start = 1
        seen_header = not header
        while True:
            start = lines.line + 1
            try:
                fields = next(reader)
            except StopIteration:
                break
            except _ARCHIVE_ERRORS as exc:  # a corrupt gzip or zip member
                raise context.error(f"unreadable compressed data: {exc}", line=start) from None
            except csv.Error as exc:
                lines.bad = None
                err = context.error(f"malformed record: {exc}", line=start)
                if not seen_header:
                    raise err from None
                context.skip(err)
                continue
            if lines.bad is not None:
                line, column, why = lines.bad
                lines.bad = None
                field = _field_with_replacement(fields, column_name)
                err = context.error(f"undecodable text at column {column}: {why}", line=line, field=field)
                if not seen_header:
                    raise err
                context.skip(err)
                continue
            if lines.unterminated and lines.line > 1:
                context.skip(
                    context.error(
                        "last line has no line end: the file looks truncated (add a final newline if it is complete)",
                        line=start,
                    )
                )
                continue
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue  # blank line
            if any("\r" in f for f in fields):  # a CRLF file's line ends inside quoted values
                fields = [f.replace("\r\n", "\n") for f in fields]
            if not seen_header:
                seen_header = True
                if on_header is not None:
                    on_header(fields, start)
                continue
            yield start, fields
        if lines.empty:
            raise context.error("empty file: no rows to import")
        if not seen_header:
            raise context.error("no header row")


def _field_with_replacement(fields: list[str], column_name: Callable[[int], str] | None) -> str | None:
    for i, value in enumerate(fields):
        if "\ufffd" in value:
            return column_name(i) if column_name is not None else f"column {i + 1}"
    return None


# -- small helpers ---------------------------------------------------------------------

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII letters and digits joined by hyphens (``"al-rami-village"``)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _SLUG.sub("-", ascii_text.casefold()).strip("-")[:limit].strip("-")
    return out or "x"


def short_hash(*parts: str, length: int = 8) -> str:
    """A stable hex digest of the parts (SHA-1, first ``length`` characters)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:length]


def stable_id(prefix: str, name: str) -> str:
    """``<prefix>:<slug>-<6 hex of SHA-1>`` of a name: readable, stable and distinct for distinct names."""
    return f"{prefix}:{slug(name, 40)}-{short_hash(name, length=6)}"


def kv(pairs: Iterable[tuple[str, object]]) -> str:
    """``key=value`` pairs joined by ``"; "`` (empty values left out; semicolons in values become commas)."""
    return "; ".join(f"{k}={str(v).replace(';', ',')}" for k, v in pairs if v not in (None, ""))


def split_list(text: str, sep: str = ";") -> list[str]:
    """The non-empty stripped parts of a ``sep``-separated cell."""
    return [part.strip() for part in text.split(sep) if part.strip()]


def coordinates(lat: str, lon: str, lat_field: str, lon_field: str) -> tuple[float | None, float | None]:
    """Latitude and longitude cells as numbers in range, both or neither (:class:`RowError` otherwise)."""
    y = parse_float(lat, lat_field, low=-90, high=90)
    x = parse_float(lon, lon_field, low=-180, high=180)
    if (y is None) != (x is None):
        raise RowError("latitude without longitude (or the reverse)", lat_field)
    return y, x


_ASCII_DIGITS = re.compile(r"[0-9]{1,20}")
_CAMEO_EVENT = re.compile(r"[0-9]{2,4}")


def digits(text: str, field: str) -> str:
    """A row id of ASCII digits (at most 20), or :class:`RowError`."""
    if not _ASCII_DIGITS.fullmatch(text):
        raise RowError(f"{field} must be ASCII digits, got {text[:40]!r}", field)
    return text


_ISO_DAY = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?)?")


def iso_day(text: str, field: str, *, time: bool = False, first_year: int = 1900, last_year: int = 2100) -> dt.date:
    """An ASCII ``YYYY-MM-DD`` day (with ``time``, optionally followed by a valid ``HH:MM[:SS[.ffffff]]``).

    Years outside ``first_year``-``last_year`` are refused: event data has no open-ended dates.
    """
    match = _ISO_DAY.fullmatch(text.strip())
    if match is None or (match.group(2) is not None and not time):
        raise RowError(f"expected YYYY-MM-DD{' [HH:MM:SS]' if time else ''} in ASCII digits, got {text[:40]!r}", field)
    try:
        day = dt.date.fromisoformat(match.group(1))
        if match.group(2) is not None:
            dt.time(int(match.group(2)), int(match.group(3)), int(match.group(4) or 0))
    except ValueError:
        raise RowError(f"not a valid date{' and time' if time else ''}: {text[:40]!r}", field) from None
    if not first_year <= day.year <= last_year:
        raise RowError(f"year {day.year} is outside {first_year}-{last_year}", field)
    return day


def place(
    names: Iterable[str],
    country: str | None,
    admin1: str,
    lat: float | None,
    lon: float | None,
    precision: GeoPrecision | None,
) -> Place | None:
    """The place named by the first non-empty of ``names`` (most precise first), or ``None`` when all are empty.

    :param precision: kept only with coordinates (it says how precisely they locate the place).
    """
    name = next((n for n in names if n), "")
    if not name:
        return None
    return Place(name, country, admin1 or None, lat, lon, precision if lat is not None else None)


def outlets(text: str, sep: str = ";") -> list[Source]:
    """The sources of the news outlets a cell names (``sep``-separated), each once, in order."""
    found = {s.id: s for s in map(outlet_source, split_list(text, sep))}
    return list(found.values())


def one_of(text: str, allowed: Iterable[str], field: str, *, empty: bool = False) -> str:
    """A code cell that is one of ``allowed`` (or blank, with ``empty``), else :class:`RowError`."""
    options = [a for a in allowed if a]
    if text in options or (empty and not text):
        return text
    shown = f"{', '.join(options[:-1])} or {options[-1]}" if len(options) > 1 else options[0]
    raise RowError(f"{field} must be {shown}, got {text[:40]!r}", field)


def cameo_kind(code: str, field: str) -> EventKind:
    """The event kind of a zero-padded CAMEO event code (``"190"``), or :class:`RowError`."""
    if not _CAMEO_EVENT.fullmatch(code):
        raise RowError(f"not a zero-padded CAMEO event code: {code!r}", field)
    try:
        return EventKind.from_cameo(code)
    except ValueError as exc:
        raise RowError(str(exc), field) from None


def file_label(source: Path | BinaryIO, context: ImportContext) -> str:
    """The base name of the input, for the per-file source record."""
    name = source if isinstance(source, (str, Path)) else getattr(source, "name", None)
    if isinstance(name, (str, Path)):
        return Path(name).name
    return Path(context.path).name or "input"


# -- countries: pycountry, plus GeoNames' FIPS table for GDELT (mideast_model.io.countries) ----------

# -- sources cited by rows -----------------------------------------------------------------


def outlet_source(name: str) -> Source:
    """The Source for a news outlet a dataset cites by name (ACLED, UCDP, ICEWS)."""
    clean = " ".join(name.split())
    return Source(
        id=f"source:outlet:{slug(clean, 40)}-{short_hash(clean.casefold(), length=6)}",
        title=clean,
        kind=SourceKind.NEWS_REPORT,
        publisher=clean,
    )


def url_source(identifier: str) -> Source:
    """The Source for an article a dataset cites by URL (GDELT SOURCEURL, mentions)."""
    from urllib.parse import urlsplit

    ident = identifier.strip()
    is_url = ident.lower().startswith(("http://", "https://"))
    host = urlsplit(ident).hostname if is_url else None
    publisher = host[4:] if host and host.startswith("www.") else host
    return Source(
        id=f"source:url:{short_hash(ident, length=16)}",
        title=ident[:300],
        kind=SourceKind.NEWS_REPORT,
        publisher=publisher,
        url=ident if is_url else None,
    )


# -- which format a file is, for "this is not X" errors ----------------------------------------------

_TAB_FORMATS = {61: "a GDELT 2.0 events export", 58: "a GDELT 1.0 events file", 57: "a GDELT 1.0 events file",
                16: "a GDELT 2.0 mentions file", 27: "a GDELT 2.0 GKG file"}  # fmt: skip
_HEADER_FORMATS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"event_id_cnty", "event_type"}), "an ACLED export"),
    (frozenset({"relid", "side_a", "best"}), "a UCDP GED file"),
    (frozenset({"event id", "source name", "cameo code"}), "an ICEWS events file"),
    (frozenset({"globaleventid", "sqldate"}), "a GDELT events file with a header row"),
    (frozenset({"globaleventid", "mentiontimedate"}), "a GDELT 2.0 mentions file with a header row"),
    (frozenset({"gkgrecordid"}), "a GDELT 2.0 GKG file"),
)


def guess_format(fields: list[str], delimiter: str) -> str | None:
    """What a first record looks like ("a GDELT 2.0 events export"), from its width and names.

    :param fields: the first record as the reader split it with ``delimiter``.
    """
    line = delimiter.join(fields)
    tabs = line.count("\t") + 1
    if tabs in _TAB_FORMATS and (tabs > 20 or line.split("\t", 1)[0].strip().isdigit()):
        return _TAB_FORMATS[tabs]
    names: set[str] = set()
    for sep in ("\t", ",", "|"):
        names |= {" ".join(f.strip().strip('"').lstrip("\ufeff").lower().split()) for f in line.split(sep)}
    names |= {n.replace(" ", "_") for n in names}
    for needed, what in _HEADER_FORMATS:
        if needed <= names:
            return what
    return None


def not_this_format(fields: list[str], delimiter: str, expected: str, context: ImportContext, line: int) -> None:
    """Raise "this looks like X, not <expected>" when the first record is another known format."""
    found = guess_format(fields, delimiter)
    if found is not None and expected.lower() not in found.lower():
        raise context.error(f"this looks like {found}, not {expected}: use the matching importer", line=line)


# -- a header row: columns by name, required columns, the width every row must have --------------


class Header:
    """The header row of a delimited export: column names, the required ones, the ones ignored.

    :param expected: what the file should be, for messages ("an ACLED export").
    :param required: columns a file must have.
    :param known: every column the importer reads (others are listed as ignored).
    :param normalise: how a header cell becomes a column name (case, aliases of old names).
    :param delimiter: the file's delimiter, to tell another format from a bad header.
    """

    def __init__(
        self,
        expected: str,
        required: Iterable[str],
        known: Iterable[str] = (),
        normalise: Callable[[str], str] | None = None,
        delimiter: str = ",",
    ) -> None:
        self.expected = expected
        self.required = tuple(required)
        self.known = frozenset(known)
        self.normalise = normalise or (lambda name: " ".join(name.strip().lstrip("\ufeff").split()))
        self.delimiter = delimiter
        self.names: list[str] = []
        self.ix: dict[str, int] = {}
        self.ignored: list[str] = []

    def __call__(self, fields: list[str], line: int, context: ImportContext) -> None:
        """Read the header row; raise a typed error for another format, a repeated or missing column."""
        not_this_format(fields, self.delimiter, self.expected, context, line)
        self.names = [self.normalise(f) for f in fields]
        self.ix = {}
        for i, name in enumerate(self.names):
            if name in self.ix:
                raise context.error(f"column {name!r} appears twice in the header", line=line, field=name)
            self.ix[name] = i
        missing = [n for n in self.required if n not in self.ix]
        if missing:
            raise context.error(
                f"not the header of {self.expected}: missing column(s) {', '.join(missing)}",
                line=line,
                field=missing[0],
            )
        self.ignored = [n for n in self.names if self.known and n not in self.known]

    def column(self, i: int) -> str:
        """The name of column ``i`` (0-based) for messages."""
        return self.names[i] if i < len(self.names) else f"column {i + 1}"

    def check_width(self, row: list[str]) -> None:
        """:class:`RowError` unless the row has as many fields as the header."""
        if len(row) != len(self.names):
            raise RowError(f"{len(row)} columns where the header has {len(self.names)}")

    def getter(self, row: list[str], missing: Iterable[str] = ()) -> Callable[[str], str]:
        """``get(name)``: the stripped cell of a column ("" for an absent column or a ``missing`` marker)."""
        ix, markers = self.ix, frozenset(missing)

        def get(name: str) -> str:
            i = ix.get(name)
            if i is None:
                return ""
            value = row[i].strip()
            return "" if value in markers else value

        return get


# -- the row importer template ----------------------------------------------------------------------

#: Share of a file's rows that ``--skip-bad`` must keep (``--min-kept``), unless told otherwise.
DEFAULT_MIN_KEPT = 0.5


def min_kept(context: ImportContext) -> float:
    """The ``min_kept`` option (a share 0-1, or a percentage like ``"80%"``), default 0.5."""
    raw = context.options.get("min_kept") if context.options else None
    if raw is None or raw == "":
        return DEFAULT_MIN_KEPT
    text = str(raw).strip()
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise context.error(f"min_kept must be a share between 0 and 1 or a percentage, got {text!r}") from None
    if not 0 <= value <= 1:
        raise context.error(f"min_kept must be between 0 and 1 (or 0% and 100%), got {text!r}")
    return value


class RowImporter:
    """The template of every delimited-data importer: read rows, convert each, route errors, sum up.

    A format subclasses it and sets :attr:`name` (``"acled"``: ids ``actor:acled:…`` and
    ``source:acled:file:…``, the resolution scheme), :attr:`title` (``"ACLED file"``),
    :attr:`dataset` (the dataset's :class:`Source`), :attr:`delimiter`/:attr:`quote` and a
    :class:`Header` (or overrides :meth:`records`), and implements :meth:`row` (one row's
    objects, raising :class:`RowError` for a bad field) and, when it makes actors of its
    own, :meth:`make_actor`. :meth:`read` is then the whole importer: every row through
    :meth:`convert`, each object once (:meth:`once`), the keep policy (:meth:`finish`),
    the actors of the file, the dataset source and the file's source (:meth:`file_source`)
    with the summary and the resolution table.

    Used on its own (``RowImporter(context, label)``), it is the loop's core:
    :meth:`convert` turns a :class:`RowError` (or a model validator's ``ValueError``/
    ``TypeError``) into a typed :class:`InvalidInputError` naming file, line and field,
    raised or, under ``--skip-bad``, recorded; :meth:`finish` enforces the keep policy:
    under ``--skip-bad`` a file that keeps nothing, or less than ``min_kept`` of its rows,
    fails with a summary of the rows read and skipped and the first reasons.

    :param context: the import run.
    :param label: the input's name for summaries (default: the base name :meth:`read` is given).
    """

    #: The format's short name (ids, resolution scheme, "Imported by mideast-model-<name>").
    name = ""
    #: The title of a file's source, before the file name ("ACLED file").
    title = ""
    #: The dataset's own source; every file source derives from it.
    dataset: Source | None = None
    delimiter = ","
    quote = True
    #: The header row reader (``None``: the file has none, or :meth:`records` reads it).
    header: Header | None = None

    def __init__(self, context: ImportContext, label: str = "") -> None:
        self.context = context
        self.label = label
        self.rows = 0
        self.kept = 0
        self.events = 0
        #: The row keys kept so far (:meth:`unique`), the ids :meth:`once` has emitted.
        self.keys: set[str] = set()
        self.seen: set[str] = set()
        self.countries = countries()
        self.resolve = Resolver(context)
        self.book = ActorBook(
            self.resolve, {"scheme": self.name, "dataset": self.name}, self.make_id, self.make_actor, self.actor_key
        )
        self._key: str | None = None
        self._notes: list[tuple[str, str]] = []
        self._skipped_before = len(context.skipped)

    # -- what a format provides ------------------------------------------------------------------

    def row(self, fields: list[str]) -> list[Any] | None:
        """The objects of one row (``None``: nothing to add); raise :class:`RowError` for a bad field."""
        raise NotImplementedError

    def make_id(self, name: str) -> str:
        """The id of the actor an unresolved raw name becomes: ``actor:<name>:<slug>-<hash>``."""
        return stable_id(f"actor:{self.name}", name)

    def make_actor(self, actor_id: str, name: str, hints: dict[str, int]) -> Actor:
        """The actor an unresolved name becomes, from the hints its rows gave (:meth:`actor_id`)."""
        raise NotImplementedError

    def actor_key(self, name: str) -> str:
        """The name an unresolved raw name is filed under (default: itself)."""
        return name

    def summary(self) -> list[tuple[str, object]]:
        """The format's own ``key=value`` pairs of the file's summary (after rows, events, skipped)."""
        return []

    def entries(self) -> list[tuple[str, str, str | None]]:
        """The resolution table of the file (default: the actor book's)."""
        return self.book.entries()

    def actors(self) -> Iterable[Actor]:
        """The actors emitted after the rows (default: the actor book's)."""
        return self.book.actors()

    # -- what a row calls ---------------------------------------------------------------------------

    def unique(self, key: str, field: str) -> str:
        """``key``, kept once the row converts; :class:`RowError` if a kept row had it."""
        if key in self.keys:
            raise RowError(f"{field} {key} appears twice in this file", field)
        self._key = key
        return key

    def actor_id(self, name: str, country: str | None = None, hint: str | None = None) -> str:
        """The id of the actor named ``name`` (resolved or new); ``hint`` is noted when the row converts."""
        found = self.book.lookup(name, country)
        if hint is not None:
            self._notes.append((name, hint))
        return found

    def note(self, name: str, hint: str) -> None:
        """Note ``(name, hint)`` for the actor book when the row converts."""
        self._notes.append((name, hint))

    def cells(self, row: list[str], missing: Iterable[str] = ()) -> Callable[[str], str]:
        """``get(column)`` for a row of the header's width (:meth:`Header.getter`); :class:`RowError` otherwise."""
        assert self.header is not None
        self.header.check_width(row)
        return self.header.getter(row, missing)

    def occurred(self, key: str, event_id: str, *, source: Source | None = None, **fields: Any) -> Claim:
        """The dataset's claim ``claim:<name>:<key>`` that the event occurred (``fields``: the rest of the Claim)."""
        dataset = source or self.dataset
        assert dataset is not None
        return Claim(
            id=f"claim:{self.name}:{key}", source=dataset.id, subject=event_id, predicate=Predicate.OCCURRED, **fields
        )

    # -- the template -----------------------------------------------------------------------------

    def records(self, source: Path | BinaryIO) -> Iterator[tuple[int, list[str]]]:
        """``(line, fields)`` of every record after the header."""
        header, context = self.header, self.context
        return read_rows(
            source,
            context,
            delimiter=self.delimiter,
            quote=self.quote,
            header=header is not None,
            on_header=None if header is None else (lambda fields, line: header(fields, line, context)),
            column_name=None if header is None else header.column,
        )

    def read(self, source: Path | BinaryIO) -> Iterator[Object]:
        """Every object of the file: the rows' objects, then the actors, the dataset and the file source."""
        if not self.label:
            self.label = file_label(source, self.context)
        for line, fields in self.records(source):
            objects = self.convert(line, self.row, fields)
            if objects is not None:
                self.events += 1
                yield from self.once(objects)
        self.finish()
        yield from self.actors()
        if self.dataset is not None and self.dataset.id not in self.seen:
            yield self.dataset
        yield self.file_source()

    def once(self, objects: Iterable[Object]) -> Iterator[Object]:
        """Each object, but an actor or source only the first time (events and claims are unique)."""
        seen = self.seen
        for obj in objects:
            if not isinstance(obj, (Event, Claim)):
                if obj.id in seen:
                    continue
                seen.add(obj.id)
            yield obj

    def file_source(self) -> Source:
        """The source of this file: the summary of the import and its resolution table."""
        pairs: list[tuple[str, object]] = [("rows", self.rows), ("events", self.events), ("skipped", self.skipped)]
        pairs += self.summary()
        if self.header is not None:
            pairs.append(("ignored_columns", ",".join(self.header.ignored)))
        text = kv([*pairs, ("resolution", self.resolve.summary())])
        log.info("%s: %s", self.label, text)
        dataset = self.dataset
        return Source(
            id=stable_id(f"source:{self.name}:file", self.label),
            title=f"{self.title} {self.label}",
            kind=SourceKind.DATASET,
            publisher=dataset.publisher if dataset is not None else None,
            derived_from=(dataset.id,) if dataset is not None else (),
            description=f"Imported by mideast-model-{self.name}: {text}\n{resolution_text(self.entries())}",
        )

    def convert(self, line: int, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)``'s result, or ``None`` when the row was bad (and skipped).

        The key (:meth:`unique`) and actor notes (:meth:`actor_id`) of the row are kept only
        when it converts.
        """
        self.rows += 1
        self._key = None
        self._notes.clear()
        try:
            result = function(*args)
        except RowError as exc:
            self.context.skip(self.context.error(exc.message, line=line, field=exc.field))
            return None
        except (ValueError, TypeError, OverflowError) as exc:  # a model validator rejected a value
            self.context.skip(self.context.error(str(exc), line=line))
            return None
        self.kept += 1
        if self._key is not None:
            self.keys.add(self._key)
        if self._notes:
            self.book.commit(self._notes)
        return result

    @property
    def skipped(self) -> int:
        """Rows skipped in this file so far (bad records found by the reader included)."""
        return len(self.context.skipped) - self._skipped_before

    def finish(self) -> None:
        """Check the keep policy; raise :class:`InvalidInputError` with a summary when it fails."""
        if not self.context.skip_bad:
            return
        share = min_kept(self.context)
        skipped = self.skipped
        read = max(self.rows, self.kept + skipped)
        if read == 0:
            return
        if self.kept > 0 and self.kept >= share * read:
            return
        errors = self.context.skipped[self._skipped_before :]
        reasons = "; ".join(str(e) for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise InvalidInputError(
            f"--skip-bad kept {self.kept} of {read} rows, less than the {share:.0%} required (--min-kept): "
            f"{skipped} skipped; first reasons: {reasons}{more}",
            path=self.context.path,
        )
