"""Canonical JSON, version 1: one cattrs converter over orjson.

The document is ``{"format": "mideast-model", "version": 1, "actors": [...],
"sources": [...], "events": [...], "claims": [...], "relations": [...]}`` with every
list sorted by id and every object's keys in the order of its class's fields. Optional
fields that are unset (``None`` or empty) are left out; everything else is written, so
the bytes are identical for equal datasets.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import cattrs
import orjson
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from mideast_model.errors import FormatVersionError, InvalidInputError
from mideast_model.model import KINDS, Credibility, ExternalId, TimeSpan
from mideast_model.model.values import Casualties, ClaimValue, CountRange, Metrics, Participant, Place

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset

__all__ = [
    "FORMAT",
    "VERSION",
    "converter",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "make_converter",
    "structure_object",
    "to_dict",
]

FORMAT = "mideast-model"
VERSION = 2
#: Every version this library reads (version 1 wrote external ids as a ``{scheme: id}`` object).
READ_VERSIONS = (1, 2)

_VALUE_CLASSES = (Place, CountRange, Participant, Casualties, ClaimValue, Metrics)
# Fields added in version 2 whose default (False) is left out, so version 1 data dumps as before.
_OMIT_FALSE = frozenset({"associated"})


def _omittable(field: attrs.Attribute[Any]) -> bool:
    return field.default is None or field.default == () or (field.name in _OMIT_FALSE and field.default is False)


def configure_converter(conv: cattrs.Converter) -> None:
    """Teach ``conv`` the model's types: EDTF strings, id maps, omitted empty fields."""
    for scalar in (str, int, float, bool):
        conv.register_structure_hook(scalar, _strict_scalar)
    conv.register_structure_hook(TimeSpan, _structure_span)
    conv.register_unstructure_hook(TimeSpan, lambda span: span.edtf)
    ext_ids = tuple[ExternalId, ...]
    offsets = tuple[int, int] | None
    conv.register_structure_hook_func(lambda t: t == ext_ids, _structure_external_ids)
    conv.register_unstructure_hook_func(lambda t: t == ext_ids, _unstructure_external_ids)
    conv.register_structure_hook(Credibility, lambda v, _: Credibility(v))
    conv.register_structure_hook_func(lambda t: t == offsets, _structure_offsets)
    for cls in (*_VALUE_CLASSES, *KINDS.values()):
        overrides = {f.name: override(omit_if_default=True) for f in attrs.fields(cls) if _omittable(f)}
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
        raise ValueError(f"expected {_SCALAR_NAMES[type_]}, got {value!r}")
    return float(value) if type_ is float else value


def _structure_span(value: Any, _: Any) -> TimeSpan:
    if isinstance(value, TimeSpan):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an EDTF string, got {value!r}")
    return TimeSpan(value)


def _structure_offsets(value: Any, _: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)
    ):
        raise ValueError(f"offsets must be [start, end] integers, got {value!r}")
    return (value[0], value[1])


def _structure_external_ids(value: Any, _: Any) -> tuple[ExternalId, ...]:
    if not isinstance(value, list):
        raise ValueError(f"external_ids must be a list of {{scheme, value}} objects, got {value!r}")
    out = []
    for item in value:
        if not isinstance(item, Mapping) or set(item) != {"scheme", "value"}:
            raise ValueError(f"an external id must be an object with exactly scheme and value, got {item!r}")
        scheme, ext = item["scheme"], item["value"]
        if not isinstance(scheme, str) or not isinstance(ext, str):
            raise ValueError(f"an external id's scheme and value must be strings, got {item!r}")
        out.append(ExternalId(scheme, ext))
    return tuple(out)


def _unstructure_external_ids(value: tuple[ExternalId, ...]) -> list[dict[str, str]]:
    return [{"scheme": e.scheme, "value": e.value} for e in value]


def _upgrade_v1_external_ids(items: Any) -> Any:
    """Version 1's ``{scheme: id}`` objects as version 2's lists (sorted by scheme, as v1 read them)."""
    if not isinstance(items, list):
        return items
    out = []
    for item in items:
        if isinstance(item, Mapping) and "external_ids" in item:
            ext = item["external_ids"]
            if not isinstance(ext, Mapping):
                raise ValueError(f"external_ids must be an object of scheme: id in version 1, got {ext!r}")
            bad = [k for k, v in ext.items() if not isinstance(v, str)]
            if bad:
                raise ValueError(f"external_ids.{bad[0]} must be a string, got {ext[bad[0]]!r}")
            item = {**item, "external_ids": [{"scheme": k, "value": v} for k, v in sorted(ext.items())]}
        out.append(item)
    return out


def make_converter() -> cattrs.Converter:
    """A new converter configured for the model (and by plugins' ``prepare_converter``)."""
    conv = cattrs.Converter(detailed_validation=True)
    configure_converter(conv)
    try:
        from mideast_model.plugins import get_plugin_manager
    except ImportError:  # pragma: no cover - during partial installs
        return conv
    get_plugin_manager().hook.prepare_converter(converter=conv)
    return conv


@functools.cache
def converter() -> cattrs.Converter:
    """The shared converter, made once."""
    return make_converter()


def _error_line(exc: BaseException, prefix: str) -> str:
    """One line for a cattrs error group: ``$.events[3].when: not an EDTF date: ...``."""
    if isinstance(exc, cattrs.BaseValidationError):
        messages = cattrs.transform_error(exc, path=prefix, format_exception=_format_leaf)
        return messages[0] if messages else f"{prefix}: invalid"
    return f"{prefix}: {exc}"


def _format_leaf(exc: BaseException, type_: Any) -> str:
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


def structure_object(kind: str, data: Any, *, path: str = "<input>", index: int = 0) -> Any:
    """Build one object of ``kind`` ("events"…) from its JSON form, or raise a one-line error."""
    cls = KINDS[kind]
    prefix = f"$.{kind}[{index}]"
    try:
        return converter().structure(data, cls)
    except Exception as exc:
        object_id = data.get("id") if isinstance(data, Mapping) else None
        line = _reformat(_error_line(exc, prefix))
        if isinstance(object_id, str):
            line = line.replace(prefix, f"{prefix} ({object_id})", 1)
        raise InvalidInputError(line, path=path) from None


def from_dict(data: Any, *, path: str = "<input>", validate: bool = True) -> Dataset:
    """A :class:`~mideast_model.Dataset` from a parsed canonical JSON document."""
    from mideast_model.dataset import Dataset

    if not isinstance(data, Mapping):
        raise InvalidInputError("not a mideast-model document (expected a JSON object)", path=path)
    if data.get("format") != FORMAT:
        raise FormatVersionError(f"format is {data.get('format')!r}, expected {FORMAT!r}", path=path, field="$.format")
    version = data.get("version")
    if type(version) is not int or version not in READ_VERSIONS:
        raise FormatVersionError(
            f"version {version!r} is not supported (this library reads versions 1 and {VERSION})",
            path=path,
            field="$.version",
        )
    extra = set(data) - {"format", "version", *KINDS}
    if extra:
        raise InvalidInputError(f"unknown top-level key(s): {', '.join(sorted(extra))}", path=path)
    objects: list[Any] = []
    for kind in KINDS:
        items = data.get(kind, [])
        if not isinstance(items, list):
            raise InvalidInputError(f"$.{kind}: expected a list", path=path)
        if version == 1 and kind in ("actors", "events"):
            try:
                items = _upgrade_v1_external_ids(items)
            except ValueError as exc:
                raise InvalidInputError(f"$.{kind}: {exc}", path=path) from None
        objects.extend(structure_object(kind, item, path=path, index=i) for i, item in enumerate(items))
    return Dataset.from_objects(objects, where=path, validate=validate)


def to_dict(dataset: Dataset) -> dict[str, Any]:
    """The canonical JSON document of ``dataset`` as Python data."""
    conv = converter()
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for kind in KINDS:
        doc[kind] = [conv.unstructure(obj) for obj in dataset.objects(kind)]
    return doc


def dumps(dataset: Dataset) -> bytes:
    """Canonical JSON bytes: sorted, two-space indented, newline-terminated."""
    return orjson.dumps(to_dict(dataset), option=orjson.OPT_INDENT_2) + b"\n"


def loads(data: bytes | str, *, path: str = "<input>") -> Dataset:
    """Parse canonical JSON bytes into a validated Dataset."""
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        line = None
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        if getattr(exc, "pos", None) is not None:
            line = text.count("\n", 0, exc.pos) + 1
        reason = str(exc).split(":", 1)[0]
        raise InvalidInputError(f"not valid JSON: {reason}", path=path, line=line) from None
    return from_dict(doc, path=path)


def load(path: str | os.PathLike[str]) -> Dataset:
    """Read a canonical JSON file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"cannot read: {exc.strerror}", path=str(p)) from None
    return loads(raw, path=str(p))


def dump(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write canonical JSON to ``path`` atomically."""
    from mideast_model.io.atomic import atomic_write

    data = dumps(dataset)
    with atomic_write(path) as fh:
        fh.write(data)


def iter_unstructured(objects: Iterable[Any]) -> Iterable[Any]:
    """The JSON form of each object, in order."""
    unstructure: Callable[[Any], Any] = converter().unstructure
    return (unstructure(o) for o in objects)
