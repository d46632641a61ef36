"""Hypothesis strategies for every model type, for the core's tests and plugin authors'.

Every strategy here builds valid objects; :func:`datasets` builds valid, referentially
consistent datasets. Text is hostile on purpose some of the time — markup
(``<script>``), CDATA ends (``]]>``), spreadsheet formulas (``=HYPERLINK(..)``),
quotes, newlines, tabs, control characters and non-Latin scripts — so that an exporter
that forgets to escape fails its tests::

    from hypothesis import given
    from mideast_model.testing.strategies import datasets

    @given(datasets(max_objects=20))
    def test_my_exporter_round_trips(dataset):
        ...

Object strategies take pools of ids to refer to (``events(actor_ids=[...])``); with no
pool they refer to freshly drawn ids, which is what a test of one object wants, and
with an empty pool they refer to nothing (or, when a reference is required, draw
nothing at all).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs
from hypothesis import strategies as st

from mideast_model.model import (
    Actor,
    ActorKind,
    Casualties,
    Claim,
    ClaimKind,
    ClaimValue,
    CountRange,
    Credibility,
    Event,
    EventKind,
    ExternalId,
    GeoPrecision,
    Metrics,
    Participant,
    Place,
    Predicate,
    Relation,
    RelationPredicate,
    Reliability,
    Role,
    Source,
    SourceKind,
    Stance,
    TimeSpan,
)
from mideast_model.model.countries import ISO3
from mideast_model.model.objects import is_valid_id

if TYPE_CHECKING:
    from mideast_model.dataset import Dataset
    from mideast_model.model import Object

__all__ = [
    "HOSTILE_STRINGS",
    "actors",
    "altered",
    "casualties",
    "claim_values",
    "claims",
    "closed_subsets",
    "count_ranges",
    "datasets",
    "edtf_strings",
    "events",
    "ids",
    "metrics",
    "participants",
    "places",
    "relations",
    "sources",
    "texts",
    "time_spans",
]

T = TypeVar("T")
SearchStrategy = st.SearchStrategy

#: Strings that break careless exporters: markup, CDATA ends, formulas, quotes,
#: line breaks, control characters, bidi overrides and non-Latin scripts.
HOSTILE_STRINGS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "]]>",
    "<![CDATA[x]]>",
    '=HYPERLINK("http://x")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    '"',
    "'",
    "\"quoted\" and 'single'",
    "a & b; &amp; &lt;",
    "line one\nline two",
    "tab\tseparated",
    "carriage\r\nreturn",
    "vertical\x0btab",
    "form\x0cfeed",
    "bell\x07 escape\x1b[31m",
    "del\x7f",
    "\u202eevil",
    "zero\u200bwidth",
    "\ufeffbom",
    "| pipe | table |",
    "*bold* _em_ `code` [link](javascript:alert(1))",
    "{{ jinja }} {% raw %}",
    "${jndi:ldap://x}",
    "\\backslash\\",
    "كتائب حزب الله",
    "سپاه پاسداران انقلاب اسلامی",
    "العراق",
    "Сулеймани",
    "伊朗",
    "😀🚀",
    "e\u0301",  # combining accent
)

# Letters of several scripts, digits, punctuation, symbols, spaces and control
# characters other than NUL; never surrogates, private-use or unassigned code points.
_ALPHABET = st.characters(exclude_categories=("Cs", "Co", "Cn"), exclude_characters="\x00")
_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'.,"
_ISO3 = ("USA", "IRN", "IRQ", "SYR", "ISR", "SAU", "GBR", "LBN", "YEM", "KWT", "QAT", "TUR", "JOR", "ARE")


def _nonblank(text: str) -> bool:
    return bool(text.strip())


@functools.cache
def texts(*, min_size: int = 1, max_size: int = 40, hostile: bool = True) -> SearchStrategy[str]:
    """Text that is not blank: plain words, arbitrary Unicode and, when ``hostile``, attacks.

    :param min_size: at least this many characters.
    :param hostile: mix in :data:`HOSTILE_STRINGS` and text built around them.
    """
    plain = st.text(_PLAIN, min_size=max(min_size, 1), max_size=max_size)
    parts: list[SearchStrategy[str]] = [plain, plain, st.text(_ALPHABET, min_size=max(min_size, 1), max_size=max_size)]
    if hostile:
        evil = st.sampled_from(HOSTILE_STRINGS)
        parts.append(evil)
        parts.append(st.tuples(plain, evil, plain).map("".join))
    return st.one_of(*parts).filter(lambda s: _nonblank(s) and len(s) >= min_size)


def _optional(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    return st.none() | strategy


_SLUG = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=1, max_size=12)
_ODD_ID_CHARS = st.text(
    st.characters(exclude_categories=("Cs", "Co", "Cn", "Z", "Cc"), exclude_characters="\x85"),
    min_size=1,
    max_size=8,
)
_ODD_ID = st.sampled_from(("<b>", "&amp;", '"q"', "'", "]]>", "=1+1", "العراق", "ایران", "😀", "a/b", "%20", "#x"))


@functools.cache
def ids(prefix: str, *, hostile: bool = True) -> SearchStrategy[str]:
    """Object ids ``prefix:slug``; when ``hostile``, the slug sometimes holds markup or other scripts.

    Ids never contain whitespace, controls or bidi marks (the model forbids them) and
    always start with ``prefix:``.
    """
    slugs: SearchStrategy[str] = _SLUG
    if hostile:
        slugs = st.one_of(_SLUG, _SLUG, _SLUG, st.tuples(_SLUG, _ODD_ID).map("".join), _ODD_ID_CHARS)
    return slugs.map(lambda slug: f"{prefix}:{slug}").filter(is_valid_id)


# -- time ----------------------------------------------------------------------------

# Most dates come from a pool of days that matter to the conflict or sit on a boundary
# (month ends, a leap day, year ends), so that spans often touch or overlap; the rest
# are drawn from two centuries. (Seasons and decades go through the edtf library's slow
# parser, which TimeSpan caches: a pool keeps those parses few.)
_POOL_DAYS = tuple(
    dt.date.fromisoformat(d)
    for d in (
        "1980-09-22", "1988-08-20", "2003-03-20", "2011-12-18", "2014-06-10", "2017-12-09",
        "2019-01-01", "2019-06-30", "2019-12-27", "2019-12-29", "2019-12-31", "2020-01-03",
        "2020-01-08", "2020-02-29", "2020-03-11", "2020-03-12", "2020-03-14", "2020-03-17",
        "2020-03-26", "2020-03-31", "2020-12-31", "2021-06-15", "2023-10-07", "2024-04-13",
    )
)  # fmt: skip
_POOL = st.sampled_from(_POOL_DAYS)
_DAYS = st.one_of(*[_POOL] * 3, st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
_QUALIFIER = st.sampled_from(("", "", "", "", "~", "?", "%"))
_FORMS = st.sampled_from(("day", "day", "month", "month", "year", "season", "decade"))


@st.composite
def _single_edtf(
    draw: st.DrawFn, *, qualified: bool = True, decades: bool = True, days: SearchStrategy[dt.date] = _DAYS
) -> str:
    day = draw(days)
    form = draw(_FORMS)
    if form == "day":
        text = day.isoformat()
    elif form == "month":
        text = f"{day.year:04d}-{day.month:02d}"
    elif form == "season":
        return f"{day.year:04d}-{draw(st.integers(21, 24))}"  # the edtf library rejects qualified seasons
    elif form == "decade" and decades:
        return f"{day.year // 10:03d}X"
    else:
        text = f"{day.year:04d}"
    return text + (draw(_QUALIFIER) if qualified else "")


_SINGLE = _single_edtf()
_ENDPOINT = st.one_of(_single_edtf(qualified=False, decades=False, days=_POOL), _single_edtf(decades=False))


def _interval(start: str, end: str) -> str:
    a, b = TimeSpan(start), TimeSpan(end)
    if a.earliest > b.latest:
        start, end = end, start
    return f"{start}/{end}"


@st.composite
def _edtf(draw: st.DrawFn) -> str:
    form = draw(st.sampled_from(("single", "single", "single", "interval", "interval", "open")))
    if form == "single":
        return draw(_SINGLE)
    first = draw(_ENDPOINT)
    if form == "interval":
        return _interval(first, draw(_ENDPOINT))
    return draw(st.sampled_from((f"{first}/..", f"../{first}", f"{first}/", f"/{first}")))


_EDTF = _edtf()
_SPANS = _EDTF.map(TimeSpan)


def edtf_strings() -> SearchStrategy[str]:
    """EDTF strings the model accepts: days, months, years, seasons, decades, qualified
    (``~`` approximate, ``?`` uncertain, ``%`` both), intervals and open-ended intervals."""
    return _EDTF


def time_spans() -> SearchStrategy[TimeSpan]:
    """:class:`TimeSpan` values over :func:`edtf_strings`."""
    return _SPANS


# -- values --------------------------------------------------------------------------
# Strategies are built once and reused: hypothesis validates every new strategy object,
# which costs more than drawing from it.

_TEXT = texts()
_SHORT = texts(max_size=20)
_LONG = texts(max_size=80)
_OPT_TEXT = _optional(_TEXT)
_OPT_SHORT = _optional(_SHORT)
_OPT_LONG = _optional(_LONG)
_OPT_SPAN = _optional(_SPANS)
_BOOL = st.booleans()


@st.composite
def _count_ranges(draw: st.DrawFn, max_value: int) -> CountRange:
    low = draw(st.one_of(st.integers(0, 20), st.integers(0, max_value)))
    high = draw(st.one_of(st.none(), st.just(low), st.integers(low, max(low, max_value))))
    return CountRange(low, high, approximate=draw(_BOOL), text=draw(_OPT_SHORT))


_COUNTS = _count_ranges(1_000_000)
_OPT_COUNT = _optional(_COUNTS)


def count_ranges(*, max_value: int = 1_000_000) -> SearchStrategy[CountRange]:
    """Count ranges with ``0 <= low <= high`` (``high`` may be open)."""
    return _COUNTS if max_value == 1_000_000 else _count_ranges(max_value)


_COORDS = _optional(
    st.tuples(
        st.floats(-90, 90, allow_nan=False, allow_infinity=False),
        st.floats(-180, 180, allow_nan=False, allow_infinity=False),
    )
)
_OPT_COUNTRY = _optional(st.sampled_from(_ISO3) | st.sampled_from(sorted(ISO3)))
_OPT_GEO = _optional(st.sampled_from(GeoPrecision))


@st.composite
def _places(draw: st.DrawFn) -> Place:
    coords = draw(_COORDS)
    lat, lon = coords if coords is not None else (None, None)
    return Place(
        name=draw(_TEXT),
        country=draw(_OPT_COUNTRY),
        admin1=draw(_OPT_SHORT),
        lat=lat,
        lon=lon,
        precision=draw(_OPT_GEO),
    )


_PLACES = _places()
_OPT_PLACE = _optional(_PLACES)


def places() -> SearchStrategy[Place]:
    """Places, with and without country, admin region and coordinates."""
    return _PLACES


@functools.lru_cache(maxsize=1024)
def _sampled(pool: tuple[str, ...]) -> SearchStrategy[str]:
    return st.sampled_from(pool)


def _pick(pool: Sequence[str] | None, prefix: str) -> SearchStrategy[str]:
    if pool is None:
        return ids(prefix)
    if not pool:
        return st.nothing()
    return _sampled(tuple(pool))


@functools.lru_cache(maxsize=1024)
def _lists(element: SearchStrategy[T], max_size: int, unique: bool = False) -> SearchStrategy[list[T]]:
    return st.lists(element, max_size=max_size, unique=unique)


@functools.lru_cache(maxsize=1024)
def _opt(element: SearchStrategy[T]) -> SearchStrategy[T | None]:
    return _optional(element)


_ROLES = st.sampled_from(Role)


@functools.lru_cache(maxsize=1024)
def _participants(actors: SearchStrategy[str]) -> SearchStrategy[Participant]:
    return st.builds(Participant, actor=actors, role=_ROLES, side=_optional(st.sampled_from((1, 2))), associated=_BOOL)


def participants(actor_ids: Sequence[str] | None = None) -> SearchStrategy[Participant]:
    """A participant: an actor id (from ``actor_ids`` if given) and a role."""
    return _participants(_pick(actor_ids, "actor"))


@st.composite
def _casualties(draw: st.DrawFn, groups: SearchStrategy[str | None]) -> Casualties:
    return Casualties(label=draw(_SHORT), group=draw(groups), killed=draw(_OPT_COUNT), wounded=draw(_OPT_COUNT))


@functools.lru_cache(maxsize=1024)
def _casualties_of(groups: SearchStrategy[str | None]) -> SearchStrategy[Casualties]:
    return _casualties(groups)


def casualties(actor_ids: Sequence[str] | None = None) -> SearchStrategy[Casualties]:
    """Casualties of one group, which is an actor from ``actor_ids`` or just a label."""
    groups: SearchStrategy[str | None] = st.none()
    if actor_ids is None or actor_ids:
        groups = _opt(_pick(actor_ids, "actor"))
    return _casualties_of(groups)


_COURSES = st.sampled_from(("escalation", "restraint", "diplomacy", "withdrawal", "pressure"))


@st.composite
def _claim_values(draw: st.DrawFn) -> ClaimValue:
    count = draw(_OPT_COUNT)
    when = draw(_OPT_SPAN)
    text = draw(_OPT_TEXT)
    if count is None and when is None and text is None:
        text = draw(_COURSES)
    return ClaimValue(count=count, when=when, text=text)


_CLAIM_VALUES = _claim_values()
_OPT_CLAIM_VALUE = _optional(_CLAIM_VALUES)


def claim_values() -> SearchStrategy[ClaimValue]:
    """Claim values: a count, a time span, a text, or several of them."""
    return _CLAIM_VALUES


# -- the five kinds ------------------------------------------------------------------

_SCHEMES = st.sampled_from(("wikidata", "cameo", "acled", "ucdp", "gdelt", "icews"))
# Several ids per scheme on purpose: a list, not a mapping (format version 2).
_EXT_IDS = st.lists(st.builds(ExternalId, _SCHEMES, texts(max_size=12, hostile=False)), max_size=4).map(tuple)
_ALIASES = st.lists(_SHORT, max_size=3)
_ACTOR_KINDS = st.sampled_from(ActorKind)
_OPT_ACTOR_COUNTRY = _optional(st.sampled_from(_ISO3))


@st.composite
def actors(draw: st.DrawFn, *, id: SearchStrategy[str] | None = None) -> Actor:
    """Actors of every kind, with aliases, country, external ids and descriptions."""
    return Actor(
        id=draw(id if id is not None else ids("actor")),
        name=draw(_TEXT),
        kind=draw(_ACTOR_KINDS),
        aliases=tuple(draw(_ALIASES)),
        country=draw(_OPT_ACTOR_COUNTRY),
        external_ids=draw(_EXT_IDS),
        description=draw(_OPT_TEXT),
        resolved=draw(_BOOL),
    )


_SOURCE_KINDS = st.sampled_from(SourceKind)
_RELIABILITY = st.sampled_from(Reliability)
_OPT_URL = _optional(st.sampled_from(("https://example.org/a?b=1&c=<2>", "http://x", "javascript:alert(1)")))
_OPT_LANGUAGE = _optional(st.sampled_from(("en", "ar", "fa", "ku")))
_AUTHORS = st.lists(_SHORT, max_size=3)


@st.composite
def sources(
    draw: st.DrawFn,
    source_ids: Sequence[str] | None = None,
    *,
    id: SearchStrategy[str] | None = None,
) -> Source:
    """Sources; ``derived_from`` draws from ``source_ids`` (fresh ids when ``None``)."""
    own = draw(id if id is not None else ids("source"))
    derived: list[str] = []
    if source_ids is None or source_ids:
        derived = [s for s in draw(_lists(_pick(source_ids, "source"), 2, True)) if s != own]
    return Source(
        id=own,
        title=draw(_TEXT),
        kind=draw(_SOURCE_KINDS),
        publisher=draw(_OPT_SHORT),
        authors=tuple(draw(_AUTHORS)),
        published=draw(_OPT_SPAN),
        url=draw(_OPT_URL),
        reliability=draw(_RELIABILITY),
        derived_from=tuple(derived),
        language=draw(_OPT_LANGUAGE),
        description=draw(_OPT_TEXT),
    )


_EVENT_KINDS = st.sampled_from(EventKind)


@st.composite
def _metrics(draw: st.DrawFn) -> Metrics:
    def opt(strategy: SearchStrategy[Any]) -> Any:
        return draw(_optional(strategy))

    counts = st.integers(0, 10**6)
    fatalities = sorted(x for x in (opt(counts), opt(counts), opt(counts)) if x is not None)
    slots: list[int | None] = [None, None, None]
    chosen = sorted(draw(st.lists(st.integers(0, 2), min_size=len(fatalities), max_size=len(fatalities), unique=True)))
    for slot, value in zip(chosen, fatalities, strict=True):
        slots[slot] = value
    return Metrics(
        goldstein=opt(st.sampled_from((-10.0, -2.5, 0.0, 7.0)) | st.floats(-10, 10, allow_nan=False)),
        quad_class=opt(st.integers(1, 4)),
        tone=opt(st.floats(-100, 100, allow_nan=False)),
        mentions=opt(counts),
        sources=opt(counts),
        articles=opt(counts),
        fatalities_low=slots[0],
        fatalities_best=slots[1],
        fatalities_high=slots[2],
        interaction=opt(st.integers(10, 88)),
        time_precision=opt(st.integers(1, 3)),
        geo_precision=opt(st.integers(1, 5)),
    )


def metrics() -> SearchStrategy[Metrics]:
    """Event metrics: Goldstein, quad class, tone, counts, fatality ranges, precisions."""
    return _metrics()


@st.composite
def events(
    draw: st.DrawFn,
    actor_ids: Sequence[str] | None = None,
    *,
    id: SearchStrategy[str] | None = None,
) -> Event:
    """Events; participants and casualty groups draw from ``actor_ids``."""
    kind = draw(_EVENT_KINDS)
    parts: list[Participant] = []
    if actor_ids is None or actor_ids:
        parts = draw(_lists(participants(actor_ids), 4))
    return Event(
        id=draw(id if id is not None else ids("event")),
        kind=kind,
        when=draw(_SPANS),
        title=draw(_TEXT),
        summary=draw(_OPT_LONG),
        place=draw(_OPT_PLACE),
        participants=tuple(parts),
        casualties=tuple(draw(_lists(casualties(actor_ids), 2))),
        cameo=kind.cameo if kind.cameo and draw(_BOOL) else None,
        metrics=draw(_optional(metrics())),
        external_ids=draw(_EXT_IDS),
    )


_ATTRIBUTES = ("killed", "killed:american", "wounded", "course", "aircraft carriers deployed")
_OPT_ATTRIBUTE = _optional(st.sampled_from(_ATTRIBUTES) | texts(max_size=12))
_OFFSETS = _optional(st.tuples(st.integers(0, 5000), st.integers(0, 5000)).map(lambda t: (min(t), max(t))))
_PREDICATES = st.sampled_from(Predicate)
_STANCES = st.sampled_from(Stance)
_CONFIDENCE = st.sampled_from((0.0, 0.3, 0.8, 1.0)) | st.floats(0, 1, allow_nan=False)
_CLAIM_KINDS = st.sampled_from(ClaimKind)
_OPT_CREDIBILITY = _optional(st.sampled_from(Credibility))


@st.composite
def claims(
    draw: st.DrawFn,
    source_ids: Sequence[str] | None = None,
    target_ids: Sequence[str] | None = None,
    speaker_ids: Sequence[str] | None = None,
    *,
    id: SearchStrategy[str] | None = None,
) -> Claim:
    """Claims made by a source in ``source_ids`` about ids in ``target_ids``, quoting ``speaker_ids``.

    Subjects, objects and attributes come from small pools so that several claims
    often state the same proposition (with different stances), as real sources do.
    """
    source = draw(_pick(source_ids, "source"))
    subject = draw(_pick(target_ids, "event"))
    obj = draw(_opt(_pick(target_ids, "actor")))
    speaker = None
    if speaker_ids is None or speaker_ids:
        speaker = draw(_opt(_pick(speaker_ids, "actor")))
    about: list[str] = []
    if target_ids is None or target_ids:
        about = draw(_lists(_pick(target_ids, "event"), 2, True))
    cites = draw(_lists(_pick(source_ids, "source"), 2, True)) if source_ids is None or source_ids else []
    return Claim(
        id=draw(id if id is not None else ids("claim")),
        source=source,
        subject=subject,
        predicate=draw(_PREDICATES),
        object=obj,
        value=draw(_OPT_CLAIM_VALUE),
        attribute=draw(_OPT_ATTRIBUTE),
        stance=draw(_STANCES),
        confidence=draw(_CONFIDENCE),
        kind=draw(_CLAIM_KINDS),
        speaker=speaker,
        quote=draw(_OPT_LONG),
        evidence=draw(_OPT_LONG),
        said=draw(_OPT_SPAN),
        about=tuple(about),
        credibility=draw(_OPT_CREDIBILITY),
        offsets=draw(_OFFSETS),
        machine=draw(_BOOL),
        cites=tuple(cites),
    )


_RELATION_PREDICATES = st.sampled_from(RelationPredicate)


@st.composite
def relations(
    draw: st.DrawFn,
    actor_ids: Sequence[str] | None = None,
    *,
    id: SearchStrategy[str] | None = None,
) -> Relation:
    """Relations between two actors of ``actor_ids``, bounded in time or not."""
    ends = _pick(actor_ids, "actor")
    return Relation(
        id=draw(id if id is not None else ids("relation")),
        subject=draw(ends),
        predicate=draw(_RELATION_PREDICATES),
        object=draw(ends),
        valid=draw(_OPT_SPAN),
        role=draw(_OPT_SHORT),
        description=draw(_OPT_TEXT),
    )


_PLACEHOLDER = st.just("placeholder:0")

# -- datasets ------------------------------------------------------------------------


@st.composite
def datasets(draw: st.DrawFn, max_objects: int = 30) -> Dataset:
    """Valid, referentially consistent datasets of at most ``max_objects`` objects.

    Ids are drawn first (unique across kinds: each kind has its own prefix), then
    objects that refer only to drawn ids of the right kinds. Claims may be about any
    object, including other claims and relations.
    """
    from mideast_model.dataset import Dataset

    budget = max(0, max_objects)
    sizes = []
    for cap in (8, 5, 10, 15, 6):  # actors, sources, events, claims, relations
        n = draw(st.integers(0, min(cap, budget)))
        budget -= n
        sizes.append(n)
    n_actors, n_sources, n_events, n_claims, n_relations = sizes
    if n_sources == 0:
        n_claims = 0
    if n_actors == 0:
        n_relations = 0

    def id_list(prefix: str, n: int) -> list[str]:
        return draw(st.lists(ids(prefix), min_size=n, max_size=n, unique=True))

    def drawn(strategy: SearchStrategy[T], object_ids: list[str]) -> list[tuple[T, str]]:
        values = draw(st.lists(strategy, min_size=len(object_ids), max_size=len(object_ids)))
        return list(zip(values, object_ids, strict=True))

    actor_ids = id_list("actor", n_actors)
    source_ids = id_list("source", n_sources)
    event_ids = id_list("event", n_events)
    claim_ids = id_list("claim", n_claims)
    relation_ids = id_list("relation", n_relations)
    targets = actor_ids + source_ids + event_ids + claim_ids + relation_ids
    # Objects are drawn with a placeholder id and then given their own.
    objects: list[Object] = [attrs.evolve(o, id=i) for o, i in drawn(actors(id=_PLACEHOLDER), actor_ids)]
    objects += [
        attrs.evolve(o, id=i, derived_from=tuple(d for d in o.derived_from if d != i))
        for o, i in drawn(sources(source_ids, id=_PLACEHOLDER), source_ids)
    ]
    objects += [attrs.evolve(o, id=i) for o, i in drawn(events(actor_ids, id=_PLACEHOLDER), event_ids)]
    objects += [
        attrs.evolve(o, id=i) for o, i in drawn(claims(source_ids, targets, actor_ids, id=_PLACEHOLDER), claim_ids)
    ]
    objects += [attrs.evolve(o, id=i) for o, i in drawn(relations(actor_ids, id=_PLACEHOLDER), relation_ids)]
    return Dataset.from_objects(objects)


def _closure(dataset: Dataset, seeds: set[str]) -> set[str]:
    keep: set[str] = set()
    todo = list(seeds)
    while todo:
        object_id = todo.pop()
        if object_id in keep:
            continue
        keep.add(object_id)
        todo.extend(ref.target for ref in dataset[object_id].refs())
    return keep


@st.composite
def closed_subsets(draw: st.DrawFn, dataset: Dataset) -> Dataset:
    """A valid part of ``dataset``: some of its objects plus everything they refer to.

    Parts of one dataset never conflict, so they are the consistent inputs on which
    :meth:`~mideast_model.Dataset.merge` must be commutative, associative and idempotent.
    """
    from mideast_model.dataset import Dataset

    all_ids = [o.id for o in dataset]
    seeds = set(draw(st.lists(st.sampled_from(all_ids), unique=True))) if all_ids else set()
    keep = _closure(dataset, seeds)
    return Dataset.from_objects(o for o in dataset if o.id in keep)


def altered(obj: T) -> T:
    """A different object with the same id (its description, summary or quote changed).

    Merging it with the original under the ``error`` policy is a real conflict.
    """
    cls: Any = type(obj)
    for name in ("description", "summary", "quote"):
        if name in attrs.fields_dict(cls):
            old = getattr(obj, name)
            new: T = attrs.evolve(cast(Any, obj), **{name: f"{old or ''} (altered)"})
            return new
    raise TypeError(f"no free-text field on {type(obj).__name__}")
