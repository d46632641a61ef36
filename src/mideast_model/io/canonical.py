"""Canonical JSON, version 2: orjson with a bulk fast path and a precise cattrs path.

The document is ``{"format": "mideast-model", "version": 2, "actors": [...],
"sources": [...], "events": [...], "claims": [...], "relations": [...]}`` with every
list sorted by id and every object's keys in a fixed order (the fields always written,
then the optional ones, each in the order of its class's fields). Optional fields that
are unset (``None``, empty, or ``associated: false``) are left out; everything else is
written, so the bytes are identical for equal datasets. Version 1 (external ids as a
``{scheme: id}`` object) is still read.

Reading is strict: the version is the integer 1 or 2; a key twice in one object, a
string or an object where a list belongs, ``null`` for a list, an unknown key, a
number where text belongs are errors, each one line naming the file, the JSON path
and the object's id, with control characters escaped. Files above :data:`MAX_BYTES`
are refused before they are read (curated datasets are far smaller; bulk event data
belongs in a store's Parquet tables).

Speed: every object is first built by :mod:`mideast_model.model.codec`'s generated
structuring (the model's own validators, no per-attribute cattrs dispatch), with the
garbage collector paused, and integrity is checked once per dataset. Only an object
that the fast path declines goes through cattrs, which either builds it or says
exactly what is wrong. Writing hands model objects straight to orjson.

This module never imports the plugin system: :func:`make_converter` is a pure factory.
Code that wants plugins' ``prepare_converter`` hooks passes its own converter
(``converter=``) to the functions here; :mod:`mideast_model.plugins` builds and caches it.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import orjson

from mideast_model.errors import FormatVersionError, InvalidInputError, escape_controls
from mideast_model.gcpause import paused_gc
from mideast_model.model import KINDS, Credibility, ExternalId, TimeSpan, codec
from mideast_model.model.codec import FORMAT, VERSION
from mideast_model.model.values import Casualties, ClaimValue, CountRange, Metrics, Participant, Place

if TYPE_CHECKING:
    import cattrs

    from mideast_model.dataset import Dataset

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "READ_VERSIONS",
    "VERSION",
    "configure_converter",
    "converter",
    "dump",
    "dumps",
    "from_dict",
    "iter_unstructured",
    "load",
    "loads",
    "make_converter",
    "size_limit",
    "structure_object",
    "to_dict",
]

#: Every version this library reads (version 1 wrote external ids as a ``{scheme: id}`` object).
READ_VERSIONS = (1, 2)
#: The largest canonical JSON document read by default: 256 MiB (about 800,000 objects).
#: Set ``MIDEAST_MODEL_MAX_JSON_BYTES`` (bytes) or pass ``max_bytes=`` to change it
#: (see :func:`size_limit`).
MAX_BYTES = 256 * 1024 * 1024

_VALUE_CLASSES = (Place, CountRange, Participant, Casualties, ClaimValue, Metrics)


def size_limit() -> int:
    """The size limit in force: ``MIDEAST_MODEL_MAX_JSON_BYTES`` when set, else :data:`MAX_BYTES`."""
    raw = os.environ.get("MIDEAST_MODEL_MAX_JSON_BYTES", "").strip()
    if raw.isascii() and raw.isdigit():
        return int(raw)
    return MAX_BYTES


# -- the precise path: a cattrs converter ----------------------------------------------


def configure_converter(conv: cattrs.Converter) -> None:
    """Teach ``conv`` the model's types: strict scalars and lists, EDTF strings, omitted empty fields."""
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    for scalar in (str, int, float, bool):
        conv.register_structure_hook(scalar, _strict_scalar)
    conv.register_structure_hook(TimeSpan, _structure_span)
    conv.register_unstructure_hook(TimeSpan, lambda span: span.edtf)
    # First, so that the more specific hooks below (registered later) win over it.
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _list_hook_factory(conv))
    ext_ids = tuple[ExternalId, ...]
    offsets = tuple[int, int] | None
    conv.register_structure_hook_func(lambda t: t == ext_ids, _structure_external_ids)
    conv.register_unstructure_hook_func(lambda t: t == ext_ids, _unstructure_external_ids)
    conv.register_structure_hook(Credibility, _structure_credibility)
    conv.register_structure_hook_func(lambda t: t == offsets, _structure_offsets)
    for cls in (*_VALUE_CLASSES, *KINDS.values()):
        overrides = {f.name: override(omit_if_default=True) for f in attrs.fields(cls) if codec.omittable(f)}
        conv.register_unstructure_hook(
            cls,
            make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=False, **overrides),  # type: ignore[arg-type]
        )
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True))


_SCALAR_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _strict_scalar(value: Any, type_: Any) -> Any:
    """JSON scalars as they are: no silent ``"no"`` -> ``True`` or ``1.7`` -> ``1``."""
    ok = (
        isinstance(value, type_) and not (type_ is int and isinstance(value, bool))
        if type_ is not float
        else isinstance(value, int | float) and not isinstance(value, bool)
    )
    if not ok:
        raise ValueError(f"expected {_SCALAR_NAMES[type_]}, got {_show(value)}")
    return float(value) if type_ is float else value


def _show(value: Any) -> str:
    """A short repr of a JSON value for an error line."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _is_homogeneous_tuple(type_: Any) -> bool:
    import typing

    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _list_hook_factory(conv: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """``tuple[X, ...]`` from a JSON array only: never a string's characters or an object's keys."""

    def factory(type_: Any) -> Callable[[Any, Any], Any]:
        structure_tuple = conv._structure_tuple  # cattrs' own, which names the failing index

        def hook(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise ValueError(f"expected a list, got {_show(value)}")
            result: tuple[Any, ...] = structure_tuple(value, type_)
            return result

        return hook

    return factory


def _structure_span(value: Any, _: Any) -> TimeSpan:
    if isinstance(value, TimeSpan):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an EDTF string, got {_show(value)}")
    return TimeSpan(value)


def _structure_credibility(value: Any, _: Any) -> Credibility:
    if type(value) is not int:
        raise ValueError(f"credibility must be an integer 1-6, got {_show(value)}")
    return Credibility(value)


def _structure_offsets(value: Any, _: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)
    ):
        raise ValueError(f"offsets must be [start, end] integers, got {_show(value)}")
    return (value[0], value[1])


def _structure_external_ids(value: Any, _: Any) -> tuple[ExternalId, ...]:
    if not isinstance(value, list):
        raise ValueError(f"external_ids must be a list of {{scheme, value}} objects, got {_show(value)}")
    out = []
    for item in value:
        if not isinstance(item, Mapping) or set(item) != {"scheme", "value"}:
            raise ValueError(f"an external id must be an object with exactly scheme and value, got {_show(item)}")
        scheme, ext = item["scheme"], item["value"]
        if not isinstance(scheme, str) or not isinstance(ext, str):
            raise ValueError(f"an external id's scheme and value must be strings, got {_show(item)}")
        out.append(ExternalId(scheme, ext))
    return tuple(out)


def _unstructure_external_ids(value: tuple[ExternalId, ...]) -> list[dict[str, str]]:
    return [{"scheme": e.scheme, "value": e.value} for e in value]


def make_converter() -> cattrs.Converter:
    """A new converter configured for the model, and nothing else (no plugin is consulted).

    :mod:`mideast_model.plugins` extends one with the plugins' ``prepare_converter`` hooks.
    """
    import cattrs  # imported here: loading a dataset that needs no error message never needs it

    conv = cattrs.Converter(detailed_validation=True)
    configure_converter(conv)
    return conv


@functools.cache
def converter() -> cattrs.Converter:
    """The core's converter (:func:`make_converter`), made once. Plugins never change it."""
    return make_converter()


_core_converter = converter  # the functions below take a ``converter=`` argument


def _fast(conv: cattrs.Converter | None) -> bool:
    """True when the bulk path may stand in for ``conv`` (the core's own converter)."""
    return conv is None or (converter.cache_info().currsize > 0 and conv is _core_converter())


# -- errors ----------------------------------------------------------------------------


def _error_line(exc: BaseException, prefix: str) -> str:
    """One line for a cattrs error group: ``$.events[3].when: not an EDTF date: ...``."""
    import cattrs

    if isinstance(exc, cattrs.BaseValidationError):
        messages = cattrs.transform_error(exc, path=prefix, format_exception=_format_leaf)
        return messages[0] if messages else f"{prefix}: invalid"
    return f"{prefix}: {exc}"


def _format_leaf(exc: BaseException, type_: Any) -> str:
    import cattrs

    if isinstance(exc, KeyError):
        return f"required field missing: {exc.args[0]}"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, ValueError | TypeError):
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return text
    return f"{type(exc).__name__}: {exc}"


def _reformat(message: str) -> str:
    # cattrs writes "reason @ $.path"; we want "$.path: reason".
    reason, sep, path = message.rpartition(" @ ")
    return f"{path}: {reason}" if sep else message


def structure_object(
    kind: str,
    data: Any,
    *,
    path: str = "<input>",
    index: int = 0,
    converter: cattrs.Converter | None = None,
) -> Any:
    """Build one object of ``kind`` ("events"…) from its JSON form, or raise a one-line error.

    :param kind: the plural kind name.
    :param data: the object's JSON form.
    :param path: the file, for the error line.
    :param index: the object's position in its list, for the JSON path.
    :param converter: a converter extended by plugins (default: the core's).
    """
    cls = KINDS[kind]
    prefix = f"$.{kind}[{index}]"
    conv = converter if converter is not None else _core_converter()
    try:
        return conv.structure(data, cls)
    except Exception as exc:
        object_id = data.get("id") if isinstance(data, Mapping) else None
        line = _reformat(_error_line(exc, prefix))
        if isinstance(object_id, str):
            line = line.replace(prefix, f"{prefix} ({object_id})", 1)
        raise InvalidInputError(escape_controls(line), path=path) from None


# -- reading ---------------------------------------------------------------------------


def _upgrade_v1_external_ids(items: list[Any], kind: str, path: str) -> list[Any]:
    """Version 1's ``{scheme: id}`` objects as version 2's lists (sorted by scheme, as v1 read them)."""
    out = []
    for i, item in enumerate(items):
        if isinstance(item, Mapping) and "external_ids" in item:
            ext = item["external_ids"]
            where = f"$.{kind}[{i}]" + (f" ({item['id']})" if isinstance(item.get("id"), str) else "")
            if not isinstance(ext, Mapping):
                raise InvalidInputError(
                    escape_controls(f"{where}.external_ids: expected an object of scheme: id, got {_show(ext)}"),
                    path=path,
                )
            for k, v in ext.items():
                if not isinstance(v, str):
                    raise InvalidInputError(
                        escape_controls(f"{where}.external_ids.{k}: expected a string, got {_show(v)}"), path=path
                    )
            item = {**item, "external_ids": [{"scheme": k, "value": v} for k, v in sorted(ext.items())]}
        out.append(item)
    return out


def _check_header(data: Any, path: str) -> int:
    if not isinstance(data, Mapping):
        raise InvalidInputError("not a mideast-model document (expected a JSON object)", path=path)
    if data.get("format") != FORMAT:
        raise FormatVersionError(
            escape_controls(f"format is {_show(data.get('format'))}, expected {FORMAT!r}"), path=path, field="$.format"
        )
    version = data.get("version")
    if type(version) is not int or version not in READ_VERSIONS:
        raise FormatVersionError(
            escape_controls(f"version {_show(version)} is not supported (this library reads versions 1 and {VERSION})"),
            path=path,
            field="$.version",
        )
    extra = set(data) - {"format", "version", *KINDS}
    if extra:
        names = ", ".join(sorted(escape_controls(str(k)) for k in extra))
        raise InvalidInputError(f"unknown top-level key(s): {names}", path=path)
    return version


def _structure_all(
    data: Mapping[str, Any], path: str, conv: cattrs.Converter | None, ctx: codec.LoadContext
) -> dict[str, list[Any]]:
    """Every object of the document by kind; the fast path first, cattrs for what it declines."""
    version = _check_header(data, path)
    fast = _fast(conv)
    out: dict[str, list[Any]] = {}
    for kind, cls in KINDS.items():
        items = data.get(kind, [])
        if not isinstance(items, list):
            raise InvalidInputError(f"$.{kind}: expected a list, got {type(items).__name__}", path=path)
        if version == 1 and kind in ("actors", "events"):
            items = _upgrade_v1_external_ids(items, kind, path)
        objects: list[Any] = []
        if fast:
            structure = codec.structurer(cls)
            try:
                objects = [structure(item, ctx) for item in items]
            except Exception:
                objects = []
                ctx.exact = False
                for i, item in enumerate(items):
                    try:
                        objects.append(structure(item, ctx))
                    except Exception:
                        objects.append(structure_object(kind, item, path=path, index=i))
        else:
            ctx.exact = False
            objects = [structure_object(kind, item, path=path, index=i, converter=conv) for i, item in enumerate(items)]
        out[kind] = objects
    return out


def from_dict(
    data: Any,
    *,
    path: str = "<input>",
    validate: bool = True,
    converter: cattrs.Converter | None = None,
) -> Dataset:
    """A :class:`~mideast_model.Dataset` from a parsed canonical JSON document.

    :param data: the parsed document.
    :param path: the file, for error lines.
    :param validate: check references (ids are always checked for uniqueness).
    :param converter: a converter extended by plugins (default: the core's, with the fast path).
    """
    return _from_dict(data, path, validate, converter, codec.LoadContext())


def _from_dict(data: Any, path: str, validate: bool, conv: cattrs.Converter | None, ctx: codec.LoadContext) -> Dataset:
    from mideast_model.dataset import Dataset

    with paused_gc():
        by_kind = _structure_all(data, path, conv, ctx)
        return Dataset.from_kinds(by_kind, where=path, validate=validate)


# The characters that may stand before the colon after an object key are its closing
# quote and JSON whitespace: mapping the whitespace to quotes lets one count find them all.
_WHITESPACE_TO_QUOTE = bytes.maketrans(b" \t\n\r", b'""""')


def _no_duplicate_keys_proved(raw: bytes, doc: Mapping[str, Any], ctx: codec.LoadContext) -> bool:
    """True when counting proves that no JSON object in ``raw`` repeats a key.

    Every key of the text is followed by a colon after its quote or after whitespace,
    so those colons bound the number of keys in the text from above; the structuring
    counted the keys orjson kept. orjson keeps one of two equal keys, so when both
    counts agree no key was repeated. (Colons inside strings only make the bound loose,
    and then :func:`_find_duplicate_key` decides.)
    """
    if not ctx.exact:
        return False
    bound = raw.translate(_WHITESPACE_TO_QUOTE).count(b'":')
    return bound == ctx.pairs + len(doc)


class _Pairs(dict[str, Any]):
    """A JSON object that remembers the first key it held twice."""

    duplicate: str | None = None


def _pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = _Pairs(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                obj.duplicate = key
                break
            seen.add(key)
    return obj


def _find_duplicate_key(raw: bytes) -> str | None:
    """The JSON path and object id of the first object that repeats a key, or ``None``."""
    doc = json.loads(raw, object_pairs_hook=_pairs_hook)
    todo: list[tuple[str, Any]] = [("$", doc)]
    while todo:
        where, value = todo.pop()
        if isinstance(value, _Pairs):
            if value.duplicate is not None:
                object_id = value.get("id")
                shown = f"{where} ({object_id})" if isinstance(object_id, str) else where
                return f"{shown}: key {value.duplicate!r} appears twice in one object"
            todo.extend((f"{where}.{k}", v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            todo.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(value))))
    return None


def _parse(data: bytes | str, path: str) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        line = None
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        if getattr(exc, "pos", None) is not None:
            line = text.count("\n", 0, exc.pos) + 1
        reason = str(exc).split(":", 1)[0]
        raise InvalidInputError(f"not valid JSON: {escape_controls(reason)}", path=path, line=line) from None


def _too_big(size: int, limit: int, path: str) -> InvalidInputError:
    return InvalidInputError(
        f"the document is {size:,} bytes, above the limit of {limit:,} for canonical JSON "
        "(set MIDEAST_MODEL_MAX_JSON_BYTES to raise it; bulk event data belongs in a store)",
        path=path,
    )


def loads(
    data: bytes | str,
    *,
    path: str = "<input>",
    converter: cattrs.Converter | None = None,
    max_bytes: int | None = None,
) -> Dataset:
    """Parse canonical JSON bytes into a validated Dataset.

    :param data: the document.
    :param path: the file it came from, for error lines.
    :param converter: a converter extended by plugins (default: the core's, with the fast path).
    :param max_bytes: refuse larger documents (default :func:`max_bytes`).
    """
    limit = max_bytes if max_bytes is not None else size_limit()
    if len(data) > limit:
        raise _too_big(len(data), limit, path)
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    ctx = codec.LoadContext()
    with paused_gc():  # parsing makes as many objects as structuring does
        doc = _parse(raw, path)
        try:
            dataset = _from_dict(doc, path, True, converter, ctx)
        except Exception:
            # A repeated key may be what broke the document (a second "format"): say so first.
            _raise_if_duplicate_key(raw, doc, path)
            raise
    if not (isinstance(doc, Mapping) and _no_duplicate_keys_proved(raw, doc, ctx)):
        _raise_if_duplicate_key(raw, doc, path)
    return dataset


def _raise_if_duplicate_key(raw: bytes, doc: Any, path: str) -> None:
    try:
        found = _find_duplicate_key(raw)
    except (ValueError, RecursionError):  # orjson accepted it; stdlib json may differ on odd text
        return
    if found is not None:
        raise InvalidInputError(escape_controls(found), path=path)


def load(
    path: str | os.PathLike[str],
    *,
    converter: cattrs.Converter | None = None,
    max_bytes: int | None = None,
) -> Dataset:
    """Read a canonical JSON file (refused before reading when above the size limit).

    :param path: the file.
    :param converter: a converter extended by plugins (default: the core's, with the fast path).
    :param max_bytes: refuse larger files (default :func:`max_bytes`).
    """
    p = Path(path)
    limit = max_bytes if max_bytes is not None else size_limit()
    try:
        with p.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise _too_big(size, limit, str(p))
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise InvalidInputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    if len(raw) > limit:  # a pipe or a file that grew
        raise _too_big(len(raw), limit, str(p))
    return loads(raw, path=str(p), converter=converter, max_bytes=limit)


# -- writing ---------------------------------------------------------------------------


def to_dict(dataset: Dataset, *, converter: cattrs.Converter | None = None) -> dict[str, Any]:
    """The canonical JSON document of ``dataset`` as Python data.

    :param dataset: the dataset.
    :param converter: a converter extended by plugins (default: the core's).
    """
    conv = converter if converter is not None else _core_converter()
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for kind in KINDS:
        doc[kind] = [conv.unstructure(obj) for obj in dataset.objects(kind)]
    return doc


def dumps(dataset: Dataset, *, converter: cattrs.Converter | None = None) -> bytes:
    """Canonical JSON bytes: sorted, two-space indented, newline-terminated.

    :param dataset: the dataset.
    :param converter: a converter extended by plugins (default: the core's, with the fast path).
    """
    if not _fast(converter):
        return orjson.dumps(to_dict(dataset, converter=converter), option=orjson.OPT_INDENT_2) + b"\n"
    return codec.document_bytes({kind: dataset.objects(kind) for kind in KINDS})


def dump(dataset: Dataset, path: str | os.PathLike[str], *, converter: cattrs.Converter | None = None) -> None:
    """Write canonical JSON to ``path`` atomically.

    :param dataset: the dataset.
    :param path: the file to write.
    :param converter: a converter extended by plugins (default: the core's).
    """
    from mideast_model.io.atomic import atomic_write

    data = dumps(dataset, converter=converter)
    with atomic_write(path) as fh:
        fh.write(data)


def iter_unstructured(objects: Iterable[Any], *, converter: cattrs.Converter | None = None) -> Iterable[Any]:
    """The JSON form of each object, in order.

    :param objects: model objects.
    :param converter: a converter extended by plugins (default: the core's).
    """
    conv = converter if converter is not None else _core_converter()
    unstructure: Callable[[Any], Any] = conv.unstructure
    return (unstructure(o) for o in objects)
