"""Invariants 1, 5 and 6: integrity, merge, diff, and every query against brute force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mideast_model.dataset import ConflictPolicy, Dataset
from mideast_model.errors import ConflictError, DanglingReferenceError, DuplicateIdError
from mideast_model.model import (
    KINDS,
    Actor,
    ActorKind,
    Claim,
    Event,
    EventKind,
    Participant,
    Predicate,
    Relation,
    RelationPredicate,
    Role,
    Source,
    SourceKind,
    TimeSpan,
)
from mideast_model.testing.strategies import altered, closed_subsets, datasets, edtf_strings

_KIND_OF_CLASS = {cls: kind for kind, cls in KINDS.items()}


def assert_integrity(dataset: Dataset) -> None:
    """Brute force invariant 1: ids unique, every reference resolves to an allowed kind."""
    objects = list(dataset)
    by_id = {o.id: o for o in objects}
    assert len(by_id) == len(objects) == len(dataset)
    for obj in objects:
        assert dataset[obj.id] is obj or dataset[obj.id] == obj
        for ref in obj.refs():
            assert ref.target in by_id, (obj.id, ref)
            assert _KIND_OF_CLASS[type(by_id[ref.target])][:-1] in ref.kinds, (obj.id, ref)


# -- invariant 1 --------------------------------------------------------------------------


@given(datasets())
def test_generated_datasets_are_consistent(dataset: Dataset) -> None:
    assert_integrity(dataset)
    assert sum(dataset.counts().values()) == len(dataset)
    for kind in KINDS:
        ids = [o.id for o in dataset.objects(kind)]
        assert ids == sorted(ids)


@given(datasets(), st.data())
def test_a_duplicate_id_raises_and_changes_nothing(dataset: Dataset, data: st.DataObject) -> None:
    if not len(dataset):
        return
    taken = data.draw(st.sampled_from([o.id for o in dataset]))
    before = dataset.to_json()
    twin = Actor(id=taken, name="twin", kind=ActorKind.OTHER)
    with pytest.raises(DuplicateIdError) as caught:
        dataset.with_objects([twin])
    assert caught.value.object_id == taken and repr(taken) in str(caught.value)
    with pytest.raises(DuplicateIdError):
        Dataset.from_objects([*dataset, dataset[taken]])
    assert dataset.to_json() == before


@given(datasets(), st.sampled_from(["missing", "wrong-kind"]))
def test_a_dangling_reference_raises(dataset: Dataset, how: str) -> None:
    source = Source(id="source:zz-new", title="t", kind=SourceKind.OTHER)
    target = "nowhere:0" if how == "missing" else "source:zz-new"
    relation = Relation(id="relation:zz-new", subject="actor:zz-new", predicate=RelationPredicate.BACKS, object=target)
    actor = Actor(id="actor:zz-new", name="a", kind=ActorKind.STATE)
    with pytest.raises(DanglingReferenceError) as caught:
        dataset.with_objects([source, actor, relation])
    assert caught.value.object_id == "relation:zz-new" and caught.value.field == "object"
    assert caught.value.target == target
    claim = Claim(id="claim:zz-new", source=target, subject="actor:zz-new", predicate=Predicate.STATES)
    if how == "wrong-kind":  # the source exists, but a claim's source may not be an actor
        claim = attrs.evolve(claim, source="actor:zz-new")
    with pytest.raises(DanglingReferenceError):
        dataset.with_objects([source, actor, claim])


@settings(max_examples=20)
@given(datasets(), st.data())
def test_removing_respects_references(dataset: Dataset, data: st.DataObject) -> None:
    if not len(dataset):
        return
    victim = data.draw(st.sampled_from([o.id for o in dataset]))
    referrers = {o.id for o in dataset if o.id != victim and any(r.target == victim for r in o.refs())}
    if referrers:
        with pytest.raises(DanglingReferenceError) as caught:
            dataset.without([victim])
        assert caught.value.target == victim
    else:
        smaller = dataset.without([victim])
        assert victim not in smaller and len(smaller) == len(dataset) - 1
        assert_integrity(smaller)


# -- invariant 5: merge -------------------------------------------------------------------


@settings(max_examples=20)
@given(datasets(), st.data())
def test_merge_is_commutative_associative_idempotent(dataset: Dataset, data: st.DataObject) -> None:
    a, b, c = (data.draw(closed_subsets(dataset)) for _ in range(3))
    assert a.merge(b) == b.merge(a)
    assert a.merge(b).merge(c) == a.merge(b.merge(c))
    assert a.merge(a) == a
    assert a.merge(dataset) == dataset == dataset.merge(a)
    merged = a.merge(b)
    assert_integrity(merged)
    assert {o.id for o in merged} == {o.id for o in a} | {o.id for o in b}
    for policy in ConflictPolicy:
        assert a.merge(b, policy) == merged


@settings(max_examples=20)
@given(datasets(), st.data())
def test_merge_of_a_real_conflict(dataset: Dataset, data: st.DataObject) -> None:
    if not len(dataset):
        return
    victim = data.draw(st.sampled_from([o.id for o in dataset]))
    changed = altered(dataset[victim])
    other = Dataset.from_objects(changed if o.id == victim else o for o in dataset)
    assert other != dataset
    with pytest.raises(ConflictError) as caught:
        dataset.merge(other)
    assert caught.value.object_id == victim
    with pytest.raises(ConflictError):
        other.merge(dataset, "error")
    assert dataset.merge(other, ConflictPolicy.KEEP_LEFT) == dataset
    assert dataset.merge(other, ConflictPolicy.KEEP_RIGHT) == other
    assert dataset.merge(other, "keep-left")[victim] == dataset[victim]
    assert dataset.merge(other, "keep-right")[victim] == changed


# -- diff ---------------------------------------------------------------------------------


@settings(max_examples=20)
@given(datasets(), st.data())
def test_diff_is_empty_on_itself_and_agrees_with_merge(dataset: Dataset, data: st.DataObject) -> None:
    assert not dataset.diff(dataset)
    a, b = data.draw(closed_subsets(dataset)), data.draw(closed_subsets(dataset))
    ids_a, ids_b = {o.id for o in a}, {o.id for o in b}
    diff = a.diff(b)
    assert set(diff.added) == ids_b - ids_a and set(diff.removed) == ids_a - ids_b and not diff.changed
    grown = a.diff(a.merge(b))
    assert set(grown.added) == ids_b - ids_a and not grown.removed and not grown.changed
    back = b.diff(a)
    assert (back.added, back.removed) == (diff.removed, diff.added)
    if len(a):
        victim = data.draw(st.sampled_from(sorted(ids_a)))
        other = Dataset.from_objects(altered(o) if o.id == victim else o for o in a)
        assert a.diff(other).changed == (victim,)
        assert a.diff(a.merge(other, "keep-right")).changed == (victim,)
        assert not a.diff(a.merge(other, "keep-left"))


# -- invariant 6: queries against brute force ---------------------------------------------

WINDOW_ENDS = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.sampled_from(["2020-03-11", "2020-03", "2019", "2020-01-03"]),
    edtf_strings().filter(lambda s: "/" not in s),
)


def _bounds(start: dt.date | str | None, end: dt.date | str | None) -> tuple[dt.date, dt.date]:
    lo = dt.date.min if start is None else start if isinstance(start, dt.date) else TimeSpan(start).earliest
    hi = dt.date.max if end is None else end if isinstance(end, dt.date) else TimeSpan(end).latest
    return lo, hi


def _by_time(events: Iterable[Event]) -> list[str]:
    return [e.id for e in sorted(events, key=lambda e: (e.when.earliest, e.id))]


def _ids(objects: Iterable[object]) -> list[str]:
    return [o.id for o in objects]  # type: ignore[attr-defined]


def brute_events_between(dataset: Dataset, start: dt.date | str | None, end: dt.date | str | None) -> list[str]:
    lo, hi = _bounds(start, end)
    return _by_time(e for e in dataset.events.values() if e.when.earliest <= hi and e.when.latest >= lo)


def brute_events_involving(
    dataset: Dataset, actor: str, start: dt.date | str | None, end: dt.date | str | None, roles: set[Role] | None
) -> list[str]:
    lo, hi = _bounds(start, end)
    return _by_time(
        e
        for e in dataset.events.values()
        if e.when.earliest <= hi
        and e.when.latest >= lo
        and any(p.actor == actor and (roles is None or p.role in roles) for p in e.participants)
    )


def window_ends(dataset: Dataset) -> st.SearchStrategy[dt.date | str | None]:
    """Window ends: anywhere, or exactly on the first or last day of an event (the edge cases)."""
    edges = sorted(
        {d for e in dataset.events.values() for d in (e.when.earliest, e.when.latest)} - {dt.date.min, dt.date.max}
    )
    return WINDOW_ENDS | st.sampled_from(edges) if edges else WINDOW_ENDS


@given(datasets(), st.data())
def test_events_between_equals_brute_force(dataset: Dataset, data: st.DataObject) -> None:
    start, end = data.draw(window_ends(dataset)), data.draw(window_ends(dataset))
    assert _ids(dataset.events_between(start, end)) == brute_events_between(dataset, start, end)
    if isinstance(start, dt.date):
        assert _ids(dataset.events_between(start, start)) == brute_events_between(dataset, start, start)


@given(datasets(), st.data())
def test_events_involving_equals_brute_force(dataset: Dataset, data: st.DataObject) -> None:
    candidates = [*dataset.actors, "actor:nobody"]
    actor = data.draw(st.sampled_from(candidates))
    start, end = data.draw(window_ends(dataset)), data.draw(window_ends(dataset))
    roles = data.draw(st.none() | st.sets(st.sampled_from(Role), max_size=3))
    got = dataset.events_involving(actor, start, end, roles=roles)
    assert _ids(got) == brute_events_involving(dataset, actor, start, end, roles)
    assert _ids(dataset.events_involving(actor)) == brute_events_involving(dataset, actor, None, None, None)


@given(datasets())
def test_claim_queries_equal_brute_force(dataset: Dataset) -> None:
    claims = list(dataset.claims.values())
    for object_id in [*(o.id for o in dataset), "nothing:0"]:
        assert _ids(dataset.claims_about(object_id)) == [
            c.id for c in claims if object_id in (c.subject, c.object, *c.about)
        ]
        assert _ids(dataset.claims_by_source(object_id)) == [c.id for c in claims if c.source == object_id]
        assert _ids(dataset.claims_by_speaker(object_id)) == [c.id for c in claims if c.speaker == object_id]


@given(datasets(), st.data())
def test_claims_for_equals_brute_force(dataset: Dataset, data: st.DataObject) -> None:
    claims = list(dataset.claims.values())
    propositions = {c.proposition for c in claims} | {("event:x", "occurred", None, None)}
    # the same proposition without its attribute or object: claims with one must not answer
    propositions |= {(s, p, o, None) for s, p, o, _ in propositions} | {(s, p, None, a) for s, p, _, a in propositions}
    for subject, predicate, obj, attribute in propositions:
        expected = [
            c.id
            for c in claims
            if (c.subject, c.predicate.value, c.object, c.attribute) == (subject, predicate, obj, attribute)
        ]
        assert _ids(dataset.claims_for(subject, predicate, obj, attribute)) == expected
    for relation in dataset.relations.values():
        assert _ids(dataset.claims_supporting(relation)) == [
            c.id for c in claims if (c.subject, c.predicate.value, c.object) == relation.triple and c.attribute is None
        ]


@given(datasets(), st.data())
def test_relations_on_equals_brute_force(dataset: Dataset, data: st.DataObject) -> None:
    edges = sorted(
        {
            d + dt.timedelta(days=shift)
            for r in dataset.relations.values()
            if r.valid is not None
            for d in (r.valid.earliest, r.valid.latest)
            if dt.date(1, 1, 2) <= d <= dt.date(9999, 12, 30)
            for shift in (-1, 0, 1)
        }
    )
    days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
    day = data.draw(st.none() | (days | st.sampled_from(edges) if edges else days))
    actor = data.draw(st.none() | st.sampled_from([*dataset.actors, "actor:nobody"]))
    predicate = data.draw(st.none() | st.sampled_from([p.value for p in RelationPredicate]))
    expected = [
        r.id
        for r in dataset.relations.values()
        if (day is None or r.valid is None or r.valid.earliest <= day <= r.valid.latest)
        and (actor is None or actor in (r.subject, r.object))
        and (predicate is None or r.predicate.value == predicate)
    ]
    assert _ids(dataset.relations_on(day, actor=actor, predicate=predicate)) == expected
    if day is not None:
        assert _ids(dataset.relations_on(day.isoformat(), actor=actor, predicate=predicate)) == expected


@given(datasets())
def test_actor_by_name_finds_every_name(dataset: Dataset) -> None:
    for actor in dataset.actors.values():
        for name in actor.names():
            found = dataset.actor_by_name(name)
            assert found is not None and name.casefold() in (n.casefold() for n in found.names())
    assert dataset.actor_by_name("\x00 no such actor") is None


def test_queries_on_a_small_hand_made_dataset() -> None:
    from mideast_model.model import EventKind, Participant

    a = Actor(id="actor:kh", name="Kataib Hezbollah", kind=ActorKind.ARMED_GROUP, aliases=("Khatib Hezbollah",))
    b = Actor(id="actor:usa", name="United States", kind=ActorKind.STATE)
    e1 = Event(
        id="event:taji",
        kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        when="2020-03-11",
        title="Camp Taji",
        participants=(Participant("actor:kh", Role.INITIATOR), Participant("actor:usa", Role.TARGET)),
    )
    e2 = Event(
        id="event:strikes",
        kind=EventKind.AIRSTRIKE,
        when="2020-03-12",
        title="US strikes",
        participants=(Participant("actor:usa", Role.INITIATOR), Participant("actor:kh", Role.TARGET)),
    )
    r = Relation(
        id="relation:1", subject="actor:usa", predicate=RelationPredicate.HOSTILE_TO, object="actor:kh", valid="2019/.."
    )
    d = Dataset.from_objects([e2, r, a, e1, b])
    assert _ids(d.events_between("2020-03-11", "2020-03-11")) == ["event:taji"]
    assert _ids(d.events_between("2020-03")) == ["event:taji", "event:strikes"]
    assert _ids(d.events_involving("actor:kh", roles={Role.TARGET})) == ["event:strikes"]
    assert _ids(d.relations_on("2018-06-01")) == [] and _ids(d.relations_on("2020-03-11")) == ["relation:1"]
    assert d.actor_by_name("khatib hezbollah") == a


# -- immutability, bulk construction, lazy indexes (issue 13, point 2) -----------------


def _small() -> Dataset:
    a = Actor(id="actor:a", name="A", kind=ActorKind.STATE)
    b = Actor(id="actor:b", name="B", kind=ActorKind.ARMED_GROUP)
    s = Source(id="source:s", title="S", kind=SourceKind.NEWS_REPORT)
    e = Event(
        id="event:e",
        kind=EventKind.ARTILLERY_OR_ROCKET_ATTACK,
        when="2020-03-11",
        title="E",
        participants=(Participant("actor:b", Role.INITIATOR), Participant("actor:a", Role.TARGET)),
    )
    c = Claim(id="claim:c", source="source:s", subject="event:e", predicate=Predicate.OCCURRED)
    return Dataset.from_objects([a, b, s, e, c])


def test_the_kind_mappings_are_read_only_views() -> None:
    dataset = _small()
    intruder = Actor(id="actor:x", name="X", kind=ActorKind.STATE)
    for kind in KINDS:
        view = getattr(dataset, kind)
        with pytest.raises(TypeError):
            view["actor:x"] = intruder
        with pytest.raises((TypeError, AttributeError)):
            del view[next(iter(view), "actor:a")]
        with pytest.raises(AttributeError):
            view.clear()
    assert "actor:x" not in dataset and len(dataset) == 5


def test_the_builder_checks_ids_as_it_goes_and_references_once() -> None:
    objects = list(_small())
    builder = Dataset.builder(where="built")
    builder.extend(objects[:2])
    with pytest.raises(DuplicateIdError):
        builder.add(objects[0])
    builder.extend(objects[2:])
    assert len(builder) == 5
    assert builder.build() == _small()
    broken = Dataset.builder(where="built")
    broken.add(Claim(id="claim:c", source="source:missing", subject="claim:c", predicate=Predicate.OCCURRED))
    with pytest.raises(DanglingReferenceError, match="source:missing"):
        broken.build()


def test_from_kinds_refuses_duplicates_and_objects_of_another_kind() -> None:
    dataset = _small()
    by_kind = {kind: list(dataset.objects(kind)) for kind in KINDS}
    assert Dataset.from_kinds(by_kind) == dataset
    twice = {**by_kind, "sources": [*by_kind["sources"], Source(id="actor:a", title="T", kind=SourceKind.OTHER)]}
    with pytest.raises(DuplicateIdError, match="actor:a"):
        Dataset.from_kinds(twice)
    with pytest.raises(TypeError):
        Dataset.from_kinds({"actors": by_kind["sources"]})


def test_indexes_are_built_one_by_one_on_first_use() -> None:
    dataset = _small()
    assert dataset._index == {}
    dataset.events_involving("actor:a")
    assert set(dataset._index) == {"time_order", "by_actor"}
    dataset.claims_about("event:e")
    assert set(dataset._index) == {"time_order", "by_actor", "claims_about"}
    assert dataset.date_range() == (dt.date(2020, 3, 11), dt.date(2020, 3, 11))
    assert "date_range" in dataset._index


@given(datasets(), st.data())
def test_the_fast_integrity_check_agrees_with_refs(dataset: Dataset, data: st.DataObject) -> None:
    """Breaking any one reference is seen by the one-pass check exactly as by ``refs()``."""
    from mideast_model.dataset import _references_resolve

    assert _references_resolve(dataset._by_kind, dataset._kind_of)
    refs = [(obj, ref) for obj in dataset for ref in obj.refs()]
    if not refs:
        return
    _, ref = data.draw(st.sampled_from(refs))
    wrong_kinds = [k for k in KINDS if k[:-1] not in ref.kinds]
    # The referenced id vanishes, or becomes an object of a kind the reference may not name.
    change = data.draw(st.sampled_from([None, *wrong_kinds]))
    kind_of = {k: v for k, v in dataset._kind_of.items() if k != ref.target}
    if change is not None:
        kind_of[ref.target] = change
    expected = all(
        kind_of.get(r.target) is not None and kind_of[r.target][:-1] in r.kinds for o in dataset for r in o.refs()
    )
    assert not expected
    assert _references_resolve(dataset._by_kind, kind_of) == expected


# -- immutability, one integrity check for bulk construction, one index at a time ----------------------


def test_no_mapping_method_changes_a_view_and_a_change_leaves_the_old_dataset_alone() -> None:
    dataset = _small()
    intruder = Actor(id="actor:x", name="X", kind=ActorKind.STATE)
    for kind in KINDS:
        view = getattr(dataset, kind)
        for method, args in [("pop", ("actor:a",)), ("popitem", ()), ("update", ({"actor:x": intruder},)),
                             ("setdefault", ("actor:x", intruder))]:  # fmt: skip
            with pytest.raises(AttributeError):
                getattr(view, method)(*args)
        with pytest.raises(AttributeError):
            setattr(dataset, kind, {})
    bigger = dataset.with_objects([intruder])
    assert "actor:x" in bigger.actors and "actor:x" not in dataset.actors and len(dataset) == 5
    answer = dataset.claims_about("event:e")
    answer.clear()  # a query's answer is the caller's own list
    assert [c.id for c in dataset.claims_about("event:e")] == ["claim:c"]
    answer = dataset.events_involving("actor:a")
    answer.clear()
    assert [e.id for e in dataset.events_involving("actor:a")] == ["event:e"]


def _bulk(n: int) -> list[Actor | Source | Event | Claim]:
    small = list(_small())
    events = [
        Event(id=f"event:n{i}", kind=EventKind.AIRSTRIKE, when="2020-03-12", title=f"N{i}",
              participants=(Participant("actor:a", Role.INITIATOR),))
        for i in range(n)
    ]  # fmt: skip
    return [*small, *events]


def test_bulk_construction_checks_integrity_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import mideast_model.dataset as module

    calls: list[int] = []
    real = module._references_resolve

    def counting(by_kind: object, kind_of: object) -> bool:
        calls.append(1)
        return real(by_kind, kind_of)  # type: ignore[arg-type]

    objects = _bulk(200)
    monkeypatch.setattr(module, "_references_resolve", counting)
    builder = Dataset.builder()
    for obj in objects:
        builder.add(obj)
    built = builder.build()
    assert len(calls) == 1
    assert Dataset.from_objects(objects) == built and len(calls) == 2


def test_adding_objects_checks_only_the_added_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = Dataset.from_objects(_bulk(300))
    walked: list[str] = []
    real = Event.refs

    def counting(self: Event) -> object:
        walked.append(self.id)
        return real(self)

    monkeypatch.setattr(Event, "refs", counting)
    extra = Event(id="event:extra", kind=EventKind.AIRSTRIKE, when="2020-03-13", title="X",
                  participants=(Participant("actor:b", Role.INITIATOR),))  # fmt: skip
    bigger = dataset.with_objects([extra])
    assert walked == ["event:extra"]  # the 301 events already in were checked when they came in
    assert len(bigger) == len(dataset) + 1
    with pytest.raises(DanglingReferenceError, match="actor:nobody"):
        dataset.with_objects(
            [attrs.evolve(extra, id="event:bad", participants=(Participant("actor:nobody", Role.TARGET),))]
        )


def test_each_query_builds_only_its_own_index() -> None:
    expected = {
        "claims_about": ("event:e",),
        "claims_by_source": ("source:s",),
        "claims_by_speaker": ("actor:a",),
        "actor_by_name": ("A",),
        "claims_for": ("event:e", "occurred"),
    }
    built_by: dict[str, set[str]] = {}
    for query, args in expected.items():
        dataset = _small()
        getattr(dataset, query)(*args)
        built_by[query] = set(dataset._index)
    assert built_by == {
        "claims_about": {"claims_about"},
        "claims_by_source": {"by_source"},
        "claims_by_speaker": {"by_speaker"},
        "actor_by_name": {"names"},
        "claims_for": {"by_prop"},
    }
    dataset = _small()
    dataset.events_between("2020-01-01", "2020-12-31")
    assert set(dataset._index) == {"time_order", "by_time"}
    dataset.relations_on("2020-03-11", actor="actor:a")
    assert set(dataset._index) == {"time_order", "by_time", "rel_by_actor"}
