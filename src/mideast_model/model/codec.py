"""The JSON form of model objects, in bulk: canonical JSON's structuring and writing at orjson's pace.

This is the model's own knowledge of its JSON form (field names, omitted defaults, key
order); :mod:`mideast_model.io.canonical` adds documents, files, versions and error
messages on top, and :meth:`mideast_model.Dataset.to_json` writes with it directly.

cattrs builds each object through its ``__init__`` (every validator, every converter,
one ``object.__setattr__`` per field) and reports errors precisely; that costs about
ten microseconds per event. This module generates, once per class, a function that
turns one JSON object into a model object directly:

- each field's JSON value is checked for its exact JSON type (a string where a list is
  expected, ``null`` for a list, ``1.0`` for an integer, an unknown key: all refused);
- the object is made with ``object.__new__`` and its slots are set through their
  descriptors;
- the class's own validators then run, minus the ``instance_of`` checks that the
  structuring itself guarantees, and so does ``__attrs_post_init__`` — so an object
  is accepted here exactly when ``cls(**fields)`` would accept it.

Any failure raises; the caller (:mod:`mideast_model.io.canonical`) then runs the slow,
precise cattrs path on that one object to produce the error line (or the object, if
this path was merely more cautious). Equal time spans are shared through a per-load
cache.

For writing, :func:`unstructure_default` is an ``orjson`` ``default=`` callback:
orjson serialises tuples, strings, numbers and enums itself and calls back only for
model objects, which become dicts of their set fields in field order.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import orjson

from mideast_model.model import objects as _objects
from mideast_model.model import values as _values
from mideast_model.model.objects import KINDS
from mideast_model.model.time import TimeSpan

__all__ = [
    "FORMAT",
    "VERSION",
    "Bail",
    "LoadContext",
    "document_bytes",
    "plain",
    "structurer",
    "unstructure_default",
    "unstructurer",
]

#: The ``format`` of a canonical JSON document.
FORMAT = "mideast-model"
#: The version of canonical JSON written.
VERSION = 2


class Bail(Exception):
    """The fast path declines an input; the precise path decides."""


# Converters whose result equals their input for the values the structurer produces
# (tuples, floats, TimeSpans): skipped. Any other converter is applied.
_IDENTITY_CONVERTERS = frozenset(
    {_values.strs, _objects._tuple, _objects._span, _objects._opt_span, _objects._offsets, _values._opt_number}
)
# Fields whose default (False) the writer leaves out, as the cattrs path does.
OMIT_FALSE = frozenset({"associated"})


def omittable(field: attrs.Attribute[Any]) -> bool:
    """True when the writer leaves ``field`` out at its default (``None``, ``()``, or listed False)."""
    return field.default is None or field.default == () or (field.name in OMIT_FALSE and field.default is False)


def _residual(validator: Any) -> Any:
    """``validator`` without the type checks that structuring guarantees, or ``None``."""
    if validator is None:
        return None
    name = type(validator).__name__
    if name == "_InstanceOfValidator":
        return None
    if name == "_DeepIterable":
        member = validator.member_validator
        members = member if isinstance(member, list | tuple) else [member]
        if all(type(m).__name__ == "_InstanceOfValidator" for m in members) and (
            validator.iterable_validator is None
            or type(validator.iterable_validator).__name__ == "_InstanceOfValidator"
        ):
            return None
        return validator
    if name == "_OptionalValidator":
        inner = _residual(validator.validator)
        return None if inner is None else attrs.validators.optional(inner)
    if name == "_AndValidator":
        kept = [r for r in (_residual(v) for v in validator._validators) if r is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else attrs.validators.and_(*kept)
    return validator


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _optional_inner(tp: Any) -> Any | None:
    """``X`` for ``X | None``; ``None`` otherwise."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0]
    return None


class _Gen:
    """Source code and namespace of one generated structure function."""

    def __init__(self) -> None:
        self.ns: dict[str, Any] = {"Bail": Bail, "TimeSpan": TimeSpan, "new": object.__new__}
        self.n = 0

    def name(self, value: Any, hint: str) -> str:
        self.n += 1
        key = f"_{hint}{self.n}"
        self.ns[key] = value
        return key


def _convert(gen: _Gen, tp: Any, src: str, dst: str, indent: str) -> list[str]:
    """Lines that check the JSON value ``src`` against ``tp`` and store the model value in ``dst``."""
    inner = _optional_inner(tp)
    if inner is not None:
        body = _convert(gen, inner, src, dst, indent + "    ")
        return [f"{indent}if {src} is None:", f"{indent}    {dst} = None", f"{indent}else:", *body]
    if tp is str or tp is bool or tp is int:
        return [f"{indent}if type({src}) is not {tp.__name__}:", f"{indent}    raise Bail", f"{indent}{dst} = {src}"]
    if tp is float:
        return [
            f"{indent}if type({src}) is float:",
            f"{indent}    {dst} = {src}",
            f"{indent}elif type({src}) is int:",
            f"{indent}    {dst} = float({src})",
            f"{indent}else:",
            f"{indent}    raise Bail",
        ]
    if tp is TimeSpan:
        return [
            f"{indent}{dst} = spans.get({src})",
            f"{indent}if {dst} is None:",
            f"{indent}    if type({src}) is not str:",
            f"{indent}        raise Bail",
            f"{indent}    {dst} = spans[{src}] = TimeSpan({src})",
        ]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        members = {m.value: m for m in tp}
        value_types = {type(v) for v in members}
        if len(value_types) != 1:  # pragma: no cover - every vocabulary has one value type
            raise TypeError(f"{tp.__name__}: mixed value types")
        table = gen.name(members, "enum")
        vtype = value_types.pop()
        if vtype is str:  # only a str equals a str key: the lookup is the check
            return [f"{indent}{dst} = {table}[{src}]"]
        name = gen.name(vtype, "vtype")
        return [f"{indent}if type({src}) is not {name}:", f"{indent}    raise Bail", f"{indent}{dst} = {table}[{src}]"]
    if isinstance(tp, type) and attrs.has(tp):
        fn = gen.name(structurer(tp), "s")
        return [f"{indent}{dst} = {fn}({src}, ctx)"]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = args[0]
        if item is str:
            return [
                f"{indent}if type({src}) is not list:",
                f"{indent}    raise Bail",
                f"{indent}for _x in {src}:",
                f"{indent}    if type(_x) is not str:",
                f"{indent}        raise Bail",
                f"{indent}{dst} = tuple({src})",
            ]
        if isinstance(item, type) and attrs.has(item):
            fn = gen.name(structurer(item), "s")
            return [
                f"{indent}if type({src}) is not list:",
                f"{indent}    raise Bail",
                f"{indent}{dst} = tuple([{fn}(_x, ctx) for _x in {src}])",
            ]
    if origin is tuple and args == (int, int):
        return [
            f"{indent}if type({src}) is not list or len({src}) != 2:",
            f"{indent}    raise Bail",
            f"{indent}if type({src}[0]) is not int or type({src}[1]) is not int:",
            f"{indent}    raise Bail",
            f"{indent}{dst} = ({src}[0], {src}[1])",
        ]
    raise TypeError(f"no fast structuring for {tp!r}")  # pragma: no cover - a new field type


_MISSING = object()


def _plain_scalar(tp: Any) -> str | None:
    """``"str"``, ``"int"`` or ``"bool"`` for ``X | None`` of those (taken from JSON as they are)."""
    inner = _optional_inner(tp)
    if inner in (str, int, bool):
        return str(inner.__name__)
    return None


class LoadContext:
    """State shared by one load: equal time spans made once, and the number of keys seen.

    ``pairs`` counts every key of every JSON object structured, so that the caller can
    prove the document held no duplicate key (see :mod:`mideast_model.io.canonical`);
    ``exact`` turns false when some object went another way and was not counted.
    """

    __slots__ = ("exact", "pairs", "spans")

    def __init__(self) -> None:
        self.spans: dict[str, TimeSpan] = {}
        self.pairs = 0
        self.exact = True


def _inline_check(gen: _Gen, validator: Any, attribute: attrs.Attribute[Any], dst: str, indent: str) -> list[str]:
    """The lines that run ``validator`` on ``dst``: inlined for the common ones, else a call."""
    if validator is _objects._check_id:
        match = gen.name(_objects._ID.fullmatch, "idmatch")
        return [f"{indent}if {match}({dst}) is None:", f"{indent}    raise Bail"]
    if validator is _values._nonempty:  # the value is a str here: ``not v.strip()`` without a copy
        return [f"{indent}if not {dst} or {dst}.isspace():", f"{indent}    raise Bail"]
    return [f"{indent}{gen.name(validator, 'val')}(o, {gen.name(attribute, 'attr')}, {dst})"]


def structurer(cls: type) -> Callable[[Any, LoadContext], Any]:
    """The generated ``structure(json_object, context) -> cls`` of an attrs class of the model.

    :param cls: a model class (a kind or a value class).
    :return: a function that raises (any exception) where the precise path might differ.
    """
    made = _STRUCTURERS.get(cls)
    if made is None:
        made = _STRUCTURERS[cls] = _make_structurer(cls)
    return made


_STRUCTURERS: dict[type, Callable[[Any, LoadContext], Any]] = {}


def _make_structurer(cls: type) -> Callable[[Any, LoadContext], Any]:
    gen = _Gen()
    hints = _hints(cls)
    fields = attrs.fields(cls)
    cname = gen.name(cls, "cls")
    missing = gen.name(_MISSING, "missing")
    keys = gen.name(frozenset(f.name for f in fields), "keys")
    lines = [
        "def structure(d, ctx):",
        f"    if type(d) is not dict or not {keys}.issuperset(d):",
        "        raise Bail",
        "    ctx.pairs += len(d)",
        "    spans = ctx.spans",
        "    get = d.get",
        f"    o = new({cname})",
    ]
    for field in fields:
        setter = gen.name(getattr(cls, field.name).__set__, "set")
        if field.default is attrs.NOTHING:
            lines.append(f"    r = d[{field.name!r}]")
            body_indent = "    "
        elif field.default is None and _plain_scalar(hints[field.name]) and _residual(field.validator) is None:
            # The common case, kept short: an optional str/int/bool taken as it is.
            scalar = _plain_scalar(hints[field.name])
            lines.append(f"    r = get({field.name!r})")
            lines.append(f"    if r is not None and type(r) is not {scalar}:")
            lines.append("        raise Bail")
            lines.append(f"    {setter}(o, r)")
            continue
        elif field.default is None:
            # Absent and null both mean None (the precise path tolerates an explicit null).
            lines.append(f"    r = get({field.name!r})")
            lines.append("    if r is None:")
            lines.append("        v = None")
            lines.append("    else:")
            body_indent = "        "
        else:
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]  # pragma: no cover
                raise TypeError(f"{cls.__name__}.{field.name}: factories are not supported")
            lines.append(f"    r = get({field.name!r}, {missing})")
            lines.append(f"    if r is {missing}:")
            lines.append(f"        v = {gen.name(field.default, 'default')}")
            lines.append("    else:")
            body_indent = "        "
        tp = hints[field.name]
        if field.default is None:
            inner = _optional_inner(tp)
            tp = inner if inner is not None else tp
        lines.extend(_convert(gen, tp, "r", "v", body_indent))
        if field.converter is not None and field.converter not in _IDENTITY_CONVERTERS:
            lines.append(f"{body_indent}v = {gen.name(field.converter, 'conv')}(v)")
        residual = _residual(field.validator)
        if residual is not None:
            if type(residual).__name__ == "_OptionalValidator" and field.default is None:
                residual = residual.validator  # None was handled above
            lines.extend(_inline_check(gen, residual, field, "v", body_indent))
        lines.append(f"    {setter}(o, v)")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    o.__attrs_post_init__()")
    lines.append("    return o")
    code = "\n".join(lines) + "\n"
    exec(compile(code, f"<structure {cls.__name__}>", "exec"), gen.ns)
    fn: Callable[[Any, LoadContext], Any] = gen.ns["structure"]
    return fn


def unstructurer(cls: type) -> Callable[[Any], dict[str, Any]]:
    """The generated ``unstructure(obj) -> dict`` of a model class, for orjson's ``default=``.

    Values are left as they are (tuples, nested model objects, time spans; enums as their
    values): orjson writes tuples itself and calls back for the others.

    :param cls: a model class.
    """
    made = _UNSTRUCTURERS.get(cls)
    if made is None:
        made = _UNSTRUCTURERS[cls] = _make_unstructurer(cls)
    return made


_UNSTRUCTURERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _is_enum(tp: Any) -> bool:
    inner = _optional_inner(tp)
    tp = inner if inner is not None else tp
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _make_unstructurer(cls: type) -> Callable[[Any], dict[str, Any]]:
    ns: dict[str, Any] = {}
    hints = _hints(cls)
    fields = attrs.fields(cls)
    required = [f for f in fields if not omittable(f)]

    def value(field: attrs.Attribute[Any], expr: str) -> str:
        # An enum's value read directly: orjson's own enum support goes through the
        # ``value`` property, a Python-level call per field.
        return f"{expr}._value_" if _is_enum(hints[field.name]) else expr

    lines = ["def unstructure(o):"]
    # The fields always written come first, then the omittable ones, each group in
    # field order: the key order of the cattrs path (and of version 1 files).
    items = ", ".join(f"{f.name!r}: {value(f, 'o.' + f.name)}" for f in required)
    lines.append(f"    d = {{{items}}}")
    for field in fields:
        if field in required:
            continue
        lines.append(f"    x = o.{field.name}")
        lines.append("    if x is not None:" if field.default is None else "    if x:")  # () or False: when truthy
        lines.append(f"        d[{field.name!r}] = {value(field, 'x')}")
    lines.append("    return d")
    exec(compile("\n".join(lines) + "\n", f"<unstructure {cls.__name__}>", "exec"), ns)
    fn: Callable[[Any], dict[str, Any]] = ns["unstructure"]
    return fn


_CLASSES = (
    *KINDS.values(),
    _values.Place,
    _values.CountRange,
    _values.Participant,
    _values.Casualties,
    _values.ClaimValue,
    _values.Metrics,
    _values.ExternalId,
)


@functools.cache
def _unstructurers() -> dict[type, Callable[[Any], Any]]:
    table: dict[type, Callable[[Any], Any]] = {cls: unstructurer(cls) for cls in _CLASSES}
    table[TimeSpan] = _edtf
    return table


def _edtf(span: TimeSpan) -> str:
    return span.edtf


def unstructure_default(obj: Any) -> Any:
    """orjson ``default=``: a model object as a dict of its set fields, a time span as its EDTF text."""
    fn = _unstructurers().get(type(obj))
    if fn is None:
        raise TypeError(f"not a model value: {type(obj).__name__}")
    return fn(obj)


def document_bytes(objects_by_kind: Mapping[str, Iterable[Any]]) -> bytes:
    """Canonical JSON bytes of the objects of each kind (each already in id order).

    :param objects_by_kind: the objects per plural kind name, every kind present.
    """
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for kind in KINDS:
        doc[kind] = list(objects_by_kind[kind])
    return orjson.dumps(doc, default=unstructure_default, option=orjson.OPT_INDENT_2) + b"\n"


def plain(objects: Iterable[Any]) -> list[Any]:
    """The JSON form of each object as plain Python data (dicts, lists, strings, numbers).

    :param objects: model objects.
    """
    data: list[Any] = orjson.loads(orjson.dumps(list(objects), default=unstructure_default))
    return data
