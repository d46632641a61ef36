"""Time ``contradictions``, ``corroboration`` and ``titfortat`` on synthetic datasets of growing size.

Prints seconds per analysis at 10^4 and 10^5 objects (and 10^6 with ``--full``) and the
growth ratio between sizes: 10× the objects should cost well under 100× the time (the
design target for contradictions is ≤ 12×). The synthetic data: 60 actors with backing
relations, sources in derivation chains (reprints), events among random dyads, three a day
(a third hostile, some dated only to the month), and claims on shared propositions
(a few claims each, with stances, counts, methods and blame), so that every analysis has
real work to do; the time span grows with the size, so that 10× the objects is 10× more of
the same (equal density per day), not a denser conflict. Building the dataset and its lazy
indexes is not timed; each run is timed with the cyclic GC off (as ``timeit`` does), best
of three below 10^6, in CPU time (``time.process_time``: less sensitive than wall time to
other work on the machine; the load average is printed, since ratios are noisy when busy).

    python benchmarks/bench_analyses.py [--full] [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import os
import random
import sys
import time
from collections.abc import Callable

from mideast_model.analyses import contradictions, corroboration, titfortat
from mideast_model.dataset import Dataset
from mideast_model.model import (
    Actor,
    ActorKind,
    Claim,
    ClaimValue,
    CountRange,
    Event,
    EventKind,
    Object,
    Participant,
    Predicate,
    Relation,
    RelationPredicate,
    Reliability,
    Role,
    Source,
    SourceKind,
    Stance,
)

KINDS = [
    EventKind.ARTILLERY_OR_ROCKET_ATTACK,
    EventKind.AIRSTRIKE,
    EventKind.ASSAULT,
    EventKind.MEETING,
    EventKind.STATEMENT,
    EventKind.AID,
    EventKind.DEMAND,
    EventKind.THREAT,
    EventKind.ARREST,
]
METHODS = ["airstrike", "missile strike", "drone strike", "rocket attack"]


def synthetic(n: int, seed: int = 0) -> Dataset:
    """About ``n`` objects: 60 actors, n/200 sources, 30 % events, the rest claims, 60 relations."""
    rnd = random.Random(seed)
    actors = [
        Actor(id=f"actor:{i:02d}", name=f"Actor {i}", kind=rnd.choice([ActorKind.STATE, ActorKind.ARMED_GROUP]))
        for i in range(60)
    ]
    objs: list[Object] = list(actors)
    for i in range(60):
        a, b = rnd.sample(actors, 2)
        objs.append(
            Relation(
                id=f"rel:{i:02d}",
                subject=a.id,
                predicate=rnd.choice(
                    [RelationPredicate.BACKS, RelationPredicate.CONTROLS, RelationPredicate.ALLIED_WITH]
                ),
                object=b.id,
            )
        )
    n_sources = max(10, n // 200)
    sources = []
    for i in range(n_sources):
        derived = (f"source:{rnd.randrange(i):06d}",) if i and rnd.random() < 0.3 else ()
        sources.append(
            Source(
                id=f"source:{i:06d}",
                title=f"S{i}",
                kind=SourceKind.NEWS_REPORT,
                reliability=rnd.choice(list(Reliability)),
                derived_from=derived,
            )
        )
    objs += sources
    n_events = int(n * 0.3)
    start = dt.date(2010, 1, 1)
    span = max(365, n_events // 3)  # three events a day, whatever the size
    events = []
    for i in range(n_events):
        a, b = rnd.sample(actors, 2)
        day = start + dt.timedelta(days=rnd.randrange(span))
        when = day.isoformat() if rnd.random() < 0.9 else day.isoformat()[:7]
        events.append(
            Event(
                id=f"event:{i:07d}",
                kind=rnd.choice(KINDS),
                when=when,
                title=f"E{i}",
                participants=(Participant(a.id, Role.INITIATOR), Participant(b.id, Role.TARGET)),
            )
        )
    objs += events
    n_claims = n - len(objs)
    n_props = max(1, n_claims // 3)
    for i in range(n_claims):
        p = rnd.randrange(n_props)
        event = events[p % n_events].id
        source = rnd.choice(sources).id
        stance = rnd.choices(list(Stance), weights=[8, 1, 1])[0]
        shape = p % 4
        if shape == 0:
            claim = Claim(
                id=f"claim:{i:07d}",
                source=source,
                subject=event,
                predicate=Predicate.COUNT,
                attribute="killed",
                value=ClaimValue(count=CountRange.exactly(rnd.randrange(3))),
                stance=stance,
            )
        elif shape == 1:
            claim = Claim(
                id=f"claim:{i:07d}",
                source=source,
                subject=event,
                predicate=Predicate.METHOD,
                value=ClaimValue(text=rnd.choice(METHODS)),
                stance=stance,
            )
        elif shape == 2:
            claim = Claim(
                id=f"claim:{i:07d}",
                source=source,
                subject=actors[p % 60].id,
                predicate=rnd.choice([Predicate.RESPONSIBLE_FOR, Predicate.ORDERED]),
                object=event,
                stance=stance,
            )
        else:
            claim = Claim(
                id=f"claim:{i:07d}", source=source, subject=event, predicate=Predicate.OCCURRED, stance=stance
            )
        objs.append(claim)
    return Dataset.from_objects(objs)


def timed(fn: Callable[[Dataset], object], dataset: Dataset, repeat: int) -> float:
    """Best of ``repeat`` runs of ``fn``, in CPU seconds, with the cyclic GC off during each (as ``timeit`` does)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            began = time.process_time()
            fn(dataset)
            best = min(best, time.process_time() - began)
        finally:
            gc.enable()
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--full", action="store_true", help="also run 10^6 objects (minutes, several GB)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = [10_000, 100_000] + ([1_000_000] if args.full else [])
    analyses: dict[str, Callable[[Dataset], object]] = {
        "contradictions": contradictions.run,
        "corroboration": corroboration.run,
        "titfortat": titfortat.run,
    }
    times: dict[str, list[float]] = {name: [] for name in analyses}
    for n in sizes:
        began = time.perf_counter()
        dataset = synthetic(n, args.seed)
        print(
            f"built {len(dataset):>9,} objects in {time.perf_counter() - began:6.1f} s  {dataset.counts()}", flush=True
        )
        dataset.claims_about("")  # build the dataset's lazy indexes outside the timings
        for name, fn in analyses.items():
            times[name].append(timed(fn, dataset, 3 if n <= 100_000 else 1))
            print(f"  {name:<15} {times[name][-1]:8.3f} s", flush=True)
    print()
    header = (
        "analysis        "
        + "".join(f"{n:>12,}" for n in sizes)
        + "".join(f"   ratio {a // 1000}k→{b // 1000}k" for a, b in itertools.pairwise(sizes))
    )
    print(header)
    for name, ts in times.items():
        ratios = [b / a if a else float("inf") for a, b in itertools.pairwise(ts)]
        print(f"{name:<16}" + "".join(f"{t:11.3f}s" for t in ts) + "".join(f"{r:>18.1f}×" for r in ratios))
    print("\n10× the objects: quadratic would be 100×; the target is ≤ 12×.")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
