"""A state machine over the Dataset: add, merge and remove objects, valid and invalid.

After every step the dataset must equal a plain dict model of it, keep invariant 1
(unique ids, references resolve) and answer every query like a brute-force filter.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from mideast_model.dataset import ConflictPolicy, Dataset
from mideast_model.errors import ConflictError, DanglingReferenceError, DuplicateIdError
from mideast_model.model import KINDS, Actor, ActorKind, Claim, Object, Predicate, Role, TimeSpan
from mideast_model.testing import strategies as mst

_KIND_OF_CLASS = {cls: kind for kind, cls in KINDS.items()}


def assert_integrity(dataset: Dataset) -> None:
    """Brute force invariant 1: ids unique, every reference resolves to an allowed kind."""
    by_id = {o.id: o for o in dataset}
    assert len(by_id) == len(dataset)
    for obj in by_id.values():
        for ref in obj.refs():
            assert ref.target in by_id, (obj.id, ref)
            assert _KIND_OF_CLASS[type(by_id[ref.target])][:-1] in ref.kinds, (obj.id, ref)


def _bounds(start: dt.date | str | None, end: dt.date | str | None) -> tuple[dt.date, dt.date]:
    lo = dt.date.min if start is None else start if isinstance(start, dt.date) else TimeSpan(start).earliest
    hi = dt.date.max if end is None else end if isinstance(end, dt.date) else TimeSpan(end).latest
    return lo, hi


def brute_events_between(dataset: Dataset, start: dt.date | str | None, end: dt.date | str | None) -> list[str]:
    lo, hi = _bounds(start, end)
    found = [e for e in dataset.events.values() if e.when.earliest <= hi and e.when.latest >= lo]
    return [e.id for e in sorted(found, key=lambda e: (e.when.earliest, e.id))]


def brute_events_involving(
    dataset: Dataset, actor: str, start: dt.date | str | None, end: dt.date | str | None, roles: set[Role] | None
) -> list[str]:
    found = [
        e
        for e in dataset.events.values()
        if e.id in brute_events_between(dataset, start, end)
        and any(p.actor == actor and (roles is None or p.role in roles) for p in e.participants)
    ]
    return [e.id for e in sorted(found, key=lambda e: (e.when.earliest, e.id))]


WINDOWS = [(None, None), ("2020-03", "2020-03"), (dt.date(2019, 12, 27), dt.date(2020, 1, 8)), ("2019", None)]


class DatasetMachine(RuleBasedStateMachine):
    """The Dataset against a dict of id -> object."""

    def __init__(self) -> None:
        super().__init__()
        self.dataset = Dataset.empty()
        self.model: dict[str, Object] = {}

    def _set(self, dataset: Dataset, model: dict[str, Object]) -> None:
        self.dataset, self.model = dataset, model

    def _ids(self, kind: str) -> list[str]:
        return [o.id for o in self.model.values() if type(o).kind_name == kind]

    def _fresh(self, prefix: str) -> st.SearchStrategy[str]:
        return mst.ids(prefix).filter(lambda i: i not in self.model)

    @initialize(start=mst.datasets(max_objects=15))
    def start(self, start: Dataset) -> None:
        self._set(start, {o.id: o for o in start})

    # -- adding -------------------------------------------------------------------------

    @rule(data=st.data(), kind=st.sampled_from(["actor", "source", "event", "claim", "relation"]))
    def add_valid(self, data: st.DataObject, kind: str) -> None:
        actors, sources = self._ids("actor"), self._ids("source")
        if kind == "actor":
            obj: Object = data.draw(mst.actors(id=self._fresh("actor")))
        elif kind == "source":
            obj = data.draw(mst.sources(sources, id=self._fresh("source")))
        elif kind == "event":
            obj = data.draw(mst.events(actors, id=self._fresh("event")))
        elif kind == "claim":
            if not sources:
                return
            obj = data.draw(mst.claims(sources, list(self.model), actors, id=self._fresh("claim")))
        else:
            if not actors:
                return
            obj = data.draw(mst.relations(actors, id=self._fresh("relation")))
        grown = self.dataset.with_objects([obj])
        self._set(grown, {**self.model, obj.id: obj})

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def add_duplicate(self, data: st.DataObject) -> None:
        taken = data.draw(st.sampled_from(sorted(self.model)))
        twin = data.draw(st.sampled_from([self.model[taken], Actor(id=taken, name="twin", kind=ActorKind.OTHER)]))
        with pytest.raises(DuplicateIdError):
            self.dataset.with_objects([twin])

    @rule(data=st.data())
    def add_dangling(self, data: st.DataObject) -> None:
        missing = data.draw(self._fresh("missing"))
        speaker = data.draw(st.sampled_from([None, missing]))
        source = missing if speaker is None or not self._ids("source") else self._ids("source")[0]
        claim = Claim(
            id=data.draw(self._fresh("claim")),
            source=source,
            subject=data.draw(st.sampled_from(sorted(self.model) or [missing])),
            predicate=Predicate.STATES,
            speaker=speaker,
        )
        with pytest.raises(DanglingReferenceError):
            self.dataset.with_objects([claim])

    # -- merging ------------------------------------------------------------------------

    @rule(other=mst.datasets(max_objects=12), policy=st.sampled_from(ConflictPolicy))
    def merge_other(self, other: Dataset, policy: ConflictPolicy) -> None:
        conflicts = {o.id for o in other if o.id in self.model and self.model[o.id] != o}
        if conflicts and policy is ConflictPolicy.ERROR:
            with pytest.raises(ConflictError) as caught:
                self.dataset.merge(other, policy)
            assert caught.value.object_id in conflicts
            return
        expected = dict(self.model)
        for obj in other:
            if obj.id not in expected or policy is ConflictPolicy.KEEP_RIGHT:
                expected[obj.id] = obj
        try:
            merged = self.dataset.merge(other, policy)
        except DanglingReferenceError:
            # keeping one side of a conflict may leave the other side's references to a
            # kind that changed; that is a typed error, and the model must agree
            with pytest.raises(DanglingReferenceError):
                Dataset.from_objects(expected.values())
            return
        self._set(merged, expected)

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def merge_part_of_itself(self, data: st.DataObject) -> None:
        part = data.draw(mst.closed_subsets(self.dataset))
        assert self.dataset.merge(part) == self.dataset == part.merge(self.dataset)
        if len(part):
            victim = data.draw(st.sampled_from([o.id for o in part]))
            changed = Dataset.from_objects(mst.altered(o) if o.id == victim else o for o in part)
            with pytest.raises(ConflictError):
                self.dataset.merge(changed)
            assert self.dataset.merge(changed, "keep-left") == self.dataset

    # -- removing -----------------------------------------------------------------------

    def _referrers(self, object_id: str) -> set[str]:
        return {o.id for o in self.model.values() if o.id != object_id and any(r.target == object_id for r in o.refs())}

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        victim = data.draw(st.sampled_from(sorted(self.model)))
        if self._referrers(victim):
            with pytest.raises(DanglingReferenceError):
                self.dataset.without([victim])
            return
        smaller = self.dataset.without([victim])
        self._set(smaller, {k: v for k, v in self.model.items() if k != victim})

    @precondition(lambda self: bool(self.model))
    @rule(data=st.data())
    def remove_with_everything_that_refers_to_it(self, data: st.DataObject) -> None:
        victim = data.draw(st.sampled_from(sorted(self.model)))
        doomed, todo = set(), [victim]
        while todo:
            current = todo.pop()
            if current not in doomed:
                doomed.add(current)
                todo.extend(self._referrers(current))
        smaller = self.dataset.without(doomed)
        self._set(smaller, {k: v for k, v in self.model.items() if k not in doomed})

    # -- invariants ---------------------------------------------------------------------

    @invariant()
    def equals_the_model(self) -> None:
        assert {o.id: o for o in self.dataset} == self.model
        assert len(self.dataset) == len(self.model)

    @invariant()
    def integrity(self) -> None:
        assert_integrity(self.dataset)
        self.dataset.check()

    @invariant()
    def queries_equal_brute_force(self) -> None:
        d = self.dataset
        claims = [o for o in self.model.values() if isinstance(o, Claim)]
        claims.sort(key=lambda c: c.id)
        for start, end in WINDOWS:
            assert [e.id for e in d.events_between(start, end)] == brute_events_between(d, start, end)
        for actor in [*self._ids("actor"), "actor:nobody"]:
            for start, end in WINDOWS[:2]:
                for roles in (None, {Role.INITIATOR}, {Role.TARGET, Role.VICTIM}):
                    got = [e.id for e in d.events_involving(actor, start, end, roles=roles)]
                    assert got == brute_events_involving(d, actor, start, end, roles)
            assert [r.id for r in d.relations_on("2020-03-11", actor=actor)] == sorted(
                r.id
                for r in d.relations.values()
                if actor in (r.subject, r.object) and (r.valid is None or r.valid.contains(dt.date(2020, 3, 11)))
            )
            assert [c.id for c in d.claims_by_speaker(actor)] == [c.id for c in claims if c.speaker == actor]
        for object_id in self.model:
            assert [c.id for c in d.claims_about(object_id)] == [
                c.id for c in claims if object_id in (c.subject, c.object, *c.about)
            ]
            assert [c.id for c in d.claims_by_source(object_id)] == [c.id for c in claims if c.source == object_id]
        for claim in claims:
            assert [c.id for c in d.claims_for(*claim.proposition)] == [
                c.id for c in claims if c.proposition == claim.proposition
            ]


DatasetMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=15, deadline=None)
TestDatasetMachine = DatasetMachine.TestCase
