"""Reading helpers shared by the importers of delimited event data (GDELT, ACLED, UCDP, ICEWS).

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
import functools
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from mideast_model.extensions import ImportContext
from mideast_model.model import Actor, Source, SourceKind

__all__ = [
    "Countries",
    "Resolver",
    "RowError",
    "countries",
    "file_label",
    "outlet_source",
    "parse_float",
    "parse_int",
    "read_rows",
    "short_hash",
    "slug",
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


class RowError(Exception):
    """A problem with one row: the message and, when known, the column."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _guess(head: bytes) -> str:
    """charset-normalizer's guess for bytes that are not UTF-8, for the error message."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is installed with requests
        return ""
    best = from_bytes(head).best()
    return f"; it looks like {best.encoding}" if best is not None and best.encoding else ""


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
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            raise context.error(f"unknown encoding {encoding!r}") from None
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


@contextlib.contextmanager
def _open(source: Path | BinaryIO) -> Iterator[BinaryIO]:
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh:
            yield fh
    else:
        yield source


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
    with _open(source) as stream:
        lines = _Lines(stream, context)
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


def file_label(source: Path | BinaryIO, context: ImportContext) -> str:
    """The base name of the input, for the per-file source record."""
    name = source if isinstance(source, (str, Path)) else getattr(source, "name", None)
    if isinstance(name, (str, Path)):
        return Path(name).name
    return Path(context.path).name or "input"


def parse_int(text: str, field: str, *, allow_empty: bool = True, minimum: int | None = None) -> int | None:
    """An integer cell, ``None`` when empty (if allowed); :class:`RowError` otherwise."""
    text = text.strip()
    if not text:
        if allow_empty:
            return None
        raise RowError("a number is required", field)
    try:
        value = int(text)
    except ValueError:
        try:
            as_float = float(text)
        except ValueError:
            raise RowError(f"not a number: {text!r}", field) from None
        if not as_float.is_integer():
            raise RowError(f"not a whole number: {text!r}", field) from None
        value = int(as_float)
    if minimum is not None and value < minimum:
        raise RowError(f"must be at least {minimum}, got {value}", field)
    return value


def parse_float(text: str, field: str, *, low: float | None = None, high: float | None = None) -> float | None:
    """A decimal cell, ``None`` when empty; :class:`RowError` when not a finite number in range."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise RowError(f"not a number: {text!r}", field) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise RowError(f"not a finite number: {text!r}", field)
    if (low is not None and value < low) or (high is not None and value > high):
        raise RowError(f"{value} is outside [{low}, {high}]", field)
    return value


# -- countries (GeoNames countryInfo.txt, CC BY 4.0) -------------------------------------


class Countries:
    """ISO 3166 alpha-3 codes by FIPS code, ISO numeric code and English name."""

    def __init__(self, rows: Iterable[list[str]]) -> None:
        self.iso3: set[str] = set()
        self.by_fips: dict[str, str] = {}
        self.by_numeric: dict[int, str] = {}
        self.by_name: dict[str, str] = {}
        self.names: dict[str, str] = {}
        for row in rows:
            if len(row) < 5 or row[0].startswith("#") or row[0] == "ISO":
                continue
            iso3, numeric, fips, name = row[1], row[2], row[3], row[4]
            self.iso3.add(iso3)
            self.names[iso3] = name
            if fips:
                self.by_fips.setdefault(fips, iso3)
            if numeric.isdigit():
                self.by_numeric.setdefault(int(numeric), iso3)
            self.by_name.setdefault(_name_key(name), iso3)
        for alias, iso3 in _NAME_ALIASES.items():
            self.by_name.setdefault(_name_key(alias), iso3)

    def from_name(self, name: str) -> str | None:
        """The alpha-3 code of a country name ("Iraq", "United States of America")."""
        return self.by_name.get(_name_key(name))


def _name_key(name: str) -> str:
    return " ".join(name.replace("&", "and").replace(".", "").split()).casefold()


#: Country names the datasets use that GeoNames spells differently.
_NAME_ALIASES: dict[str, str] = {
    "United States of America": "USA",
    "US": "USA",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "Russia (Soviet Union)": "RUS",
    "Russian Federation": "RUS",
    "Iran (Islamic Republic of)": "IRN",
    "Syrian Arab Republic": "SYR",
    "Yemen (North Yemen)": "YEM",
    "DR Congo (Zaire)": "COD",
    "Democratic Republic of Congo": "COD",
    "Democratic Republic of the Congo": "COD",
    "Republic of Congo": "COG",
    "Congo": "COG",
    "Myanmar (Burma)": "MMR",
    "Cambodia (Kampuchea)": "KHM",
    "Serbia (Yugoslavia)": "SRB",
    "Bosnia-Herzegovina": "BIH",
    "Bosnia and Herzegovina": "BIH",
    "Zimbabwe (Rhodesia)": "ZWE",
    "Madagascar (Malagasy)": "MDG",
    "Ivory Coast": "CIV",
    "Cote d'Ivoire": "CIV",
    "Côte d'Ivoire": "CIV",
    "Kingdom of eSwatini (Swaziland)": "SWZ",
    "eSwatini": "SWZ",
    "Macedonia, FYR": "MKD",
    "North Macedonia": "MKD",
    "Occupied Palestinian Territory": "PSE",
    "Palestine": "PSE",
    "Palestinian Territory": "PSE",
    "Vietnam (North Vietnam)": "VNM",
    "Viet Nam": "VNM",
    "South Korea": "KOR",
    "North Korea": "PRK",
    "Korea, Republic of": "KOR",
    "Korea, Democratic People's Republic of": "PRK",
    "Laos": "LAO",
    "Lao People's Democratic Republic": "LAO",
    "Tanzania": "TZA",
    "Bolivia": "BOL",
    "Venezuela": "VEN",
    "Moldova": "MDA",
    "Czech Republic": "CZE",
    "Czechia": "CZE",
    "Turkey": "TUR",
    "Turkiye": "TUR",
    "Türkiye": "TUR",
    "Cape Verde": "CPV",
    "East Timor": "TLS",
    "Timor-Leste": "TLS",
    "Gambia": "GMB",
    "The Gambia": "GMB",
    "Bahamas": "BHS",
    "Micronesia": "FSM",
    "Brunei": "BRN",
    "Vatican City": "VAT",
    "Taiwan": "TWN",
    "Hong Kong": "HKG",
    "Kosovo": "XKX",
    "Sudan": "SDN",
    "South Sudan": "SSD",
    "United Arab Emirates": "ARE",
    "UAE": "ARE",
}


@functools.cache
def countries() -> Countries:
    """The country table shipped with the core (GeoNames ``countryInfo.txt``, CC BY 4.0)."""
    text = resources.files("mideast_model.data").joinpath("countryInfo.txt").read_text(encoding="utf-8")
    return Countries(line.split("\t") for line in text.splitlines())


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


# -- actor resolution with a cache and a record of what resolved ---------------------------------


class Resolver:
    """Calls ``context.resolve_actor`` once per key and remembers what did and did not resolve."""

    def __init__(self, context: ImportContext) -> None:
        self._resolve = context.resolve_actor
        self._cache: dict[tuple[str, str], Actor | None] = {}
        self.resolved: dict[str, str] = {}
        self.unresolved: set[str] = set()

    def __call__(self, name: str, ctx: Mapping[str, Any]) -> Actor | None:
        """The canonical actor for ``name`` (cached by name and scheme), or ``None``."""
        key = (str(ctx.get("scheme", "")), name)
        if key in self._cache:
            return self._cache[key]
        actor = self._resolve(name, dict(ctx)) if self._resolve is not None else None
        if actor is not None and not isinstance(actor, Actor):
            actor = None
        self._cache[key] = actor
        if actor is None:
            self.unresolved.add(name)
        else:
            self.resolved[name] = actor.id
        return actor

    def summary(self) -> str:
        """``resolved=N unresolved=M`` for the import summary."""
        return f"actor_names_resolved={len(self.resolved)} actor_names_unresolved={len(self.unresolved)}"


class ActorBook:
    """Actors by raw name, made once and emitted at the end of a read.

    Rows only *look up* ids (resolving each name once); a row that converts cleanly then
    *commits* the hints it saw (an ACLED inter code, ICEWS sectors…). Unresolved actors
    are built from all the hints of the file at the end, so the result does not depend on
    the order of the rows.
    """

    def __init__(
        self,
        resolve: Resolver,
        context: Mapping[str, Any],
        make_id: Callable[[str], str],
        make_actor: Callable[[str, str, dict[str, int]], Actor],
    ) -> None:
        self._resolve = resolve
        self._context = dict(context)
        self._make_id = make_id
        self._make_actor = make_actor
        self._found: dict[str, Actor | None] = {}
        self._hints: dict[str, dict[str, int]] = {}

    def lookup(self, name: str, country: str | None = None) -> str:
        """The id the actor named ``name`` will have (resolved or new)."""
        if name not in self._found:
            ctx = dict(self._context)
            if country:
                ctx["country"] = country
            self._found[name] = self._resolve(name, ctx)
        found = self._found[name]
        return found.id if found is not None else self._make_id(name)

    def commit(self, notes: Iterable[tuple[str, str]]) -> None:
        """Record ``(name, hint)`` pairs of a row that converted cleanly."""
        for name, hint in notes:
            counts = self._hints.setdefault(name, {})
            counts[hint] = counts.get(hint, 0) + 1

    def actors(self) -> Iterator[Actor]:
        """Every committed actor once: the canonical actor, or a new one marked unresolved."""
        done: set[str] = set()
        for name in sorted(self._hints):
            found = self._found.get(name)
            actor = found if found is not None else self._make_actor(self._make_id(name), name, self._hints[name])
            if actor.id not in done:
                done.add(actor.id)
                yield actor
