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

With ``--store STORE`` it instead times the bulk analyses of a store (``import … -o STORE/``;
``bench_ingest.py --store-out`` keeps the 10^6-row one): escalation per dyad-month, the
timeline's counts per month and kind, and tit-for-tat's answers, as DuckDB SQL
(:mod:`mideast_model.events.sql`, the store's own path) next to a vectorised pandas
baseline doing the same computation on the same Parquet files (pyarrow reads them and
flattens the participants; pandas merges and groups). Both include reading the Parquet;
wall time, best of ``--repeat``; the results are checked to be equal.

    python benchmarks/bench_analyses.py --store STORE [--repeat 3]
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
from pathlib import Path

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


# -- bulk analyses on a store: DuckDB SQL against a vectorised pandas baseline -------------------


def _pandas_frames(events_dir: str) -> tuple[object, object]:
    """The events (one row each) and their participants (one row each), from the store's Parquet."""
    import pyarrow.compute as pc
    import pyarrow.dataset as pads

    table = pads.dataset(events_dir, format="parquet", partitioning="hive").to_table(
        columns=[
            "id",
            "day",
            "fuzzy_earliest",
            "fuzzy_latest",
            "kind",
            "cameo",
            "goldstein",
            "fatalities_best",
            "fatalities_low",
            "participants",
        ]
    )
    parts = table.column("participants").combine_chunks()
    flat = parts.flatten()
    import pandas as pd

    people = pd.DataFrame(
        {
            "row": pc.list_parent_indices(parts).to_numpy(),
            "actor": flat.field("actor").to_pandas(),
            "role": flat.field("role").to_pandas(),
        }
    )
    events = table.drop_columns(["participants"]).to_pandas()
    return events, people


def _pandas_scored(events: object) -> object:
    from mideast_model.events.sql import lookup_rows

    codes, kinds = lookup_rows()
    table = dict(codes)
    kind_score = {k: s for k, _, s in kinds}
    kind_code = {k: c for k, c, _ in kinds}
    e = events  # pandas DataFrame
    cameo = e["cameo"]  # type: ignore[index]
    score = cameo.map(table).fillna(cameo.str[:3].map(table)).fillna(cameo.str[:2].map(table))
    score = score.fillna(e["kind"].map(kind_score))  # type: ignore[index]
    code = cameo.fillna(e["kind"].map(kind_code))  # type: ignore[index]
    return score, code


def _pandas_dyads(events: object, people: object) -> object:
    import pandas as pd

    p = people  # type: ignore[assignment]
    ini = p[p["role"] == "initiator"]  # type: ignore[index]
    tgt = p[p["role"].isin(["target", "victim"])]  # type: ignore[index]
    d = ini.merge(tgt, on="row", suffixes=("", "_t"))
    d = d[d["actor"] != d["actor_t"]].drop_duplicates(["row", "actor", "actor_t"])
    day = pd.to_datetime(events["day"])  # type: ignore[index]
    d = d.assign(day=day.to_numpy()[d["row"].to_numpy()])
    return d[d["day"].notna()]


def pandas_escalation(events: object, people: object, unknown: list[str] | None = None) -> list[tuple[object, ...]]:
    """The escalation rows of :func:`mideast_model.events.sql.escalation_sql` in pandas.

    The baseline handles events within one month (every GDELT row; it raises otherwise)
    and fatalities from the metric columns (GDELT codes none): with no casualty records to
    place them, an event's deaths are its dyad's own when it has one dyad, else shared.
    """
    import numpy as np
    import pandas as pd

    e = events  # pandas DataFrame
    first, last = pd.to_datetime(e["fuzzy_earliest"]), pd.to_datetime(e["fuzzy_latest"])  # type: ignore[index]
    if bool(((first.dt.year != last.dt.year) | (first.dt.month != last.dt.month)).any()):
        raise SystemExit("the pandas baseline handles events within one month only")
    score, _ = _pandas_scored(e)
    g = e["goldstein"].fillna(score).to_numpy(dtype=float)  # type: ignore[index]
    deaths = e["fatalities_best"].fillna(e["fatalities_low"]).to_numpy(dtype=float)  # type: ignore[index]
    f = np.where(
        np.isnan(deaths) | (deaths == 0), 0.0, np.minimum(1.0, np.log10(1 + np.nan_to_num(deaths)) / np.log10(101.0))
    )
    sev = np.round(np.maximum(0.0, -np.nan_to_num(g)) / 10.0 * (0.5 + 0.5 * f), 6)
    p = people
    if unknown:
        p = p[~((p["role"] == "initiator") & p["actor"].isin(unknown))]  # type: ignore[index]
    d = _pandas_dyads(e, p)
    rows = d["row"].to_numpy()  # type: ignore[index]
    gv = np.nan_to_num(g[rows])
    single = d.groupby("row")["row"].transform("size").to_numpy() == 1  # type: ignore[attr-defined]
    dead = np.nan_to_num(deaths[rows])
    d = d.assign(  # type: ignore[attr-defined]
        year=d["day"].dt.year, month=d["day"].dt.month, neg=np.maximum(0.0, -gv), pos=np.maximum(0.0, gv),  # type: ignore[index]
        sev=sev[rows], deaths=np.where(single, dead, 0.0), shared=np.where(single, 0.0, dead),
    )  # fmt: skip
    agg = (
        d.groupby(["actor", "actor_t", "year", "month"], sort=True)
        .agg(events=("row", "size"), conflict=("neg", "sum"), cooperation=("pos", "sum"), sev=("sev", "sum"),
             fatalities=("deaths", "sum"), shared=("shared", "sum"))
        .reset_index()
    )  # fmt: skip
    volume = agg["events"].astype(float)
    agg["severity"] = agg["sev"] / volume
    agg["idx"] = 10.0 * agg["severity"] * (0.5 + 0.5 * np.minimum(1.0, np.log1p(volume) / np.log(31.0)))
    agg["percentile"] = agg["idx"].round(9).rank(method="max") / len(agg)
    key = agg["year"] * 12 + agg["month"]
    grp = agg.groupby(["actor", "actor_t"], sort=False)
    prev_key, prev_idx = grp["year"].shift(1) * 12 + grp["month"].shift(1), grp["idx"].shift(1)
    agg["trend"] = agg["idx"] - np.where(prev_key == key - 1, prev_idx, 0.0)
    return [
        (r.actor, r.actor_t, int(r.year), int(r.month), int(r.events), round(float(r.events), 6), round(r.conflict, 6),
         round(r.cooperation, 6), round(r.cooperation - r.conflict, 6), round(r.severity, 6), float(r.fatalities),
         float(r.shared), round(r.idx, 6), round(r.percentile, 6), round(r.trend, 6))
        for r in agg.itertuples(index=False)
    ]  # fmt: skip


def pandas_timeline(events: object) -> list[tuple[object, ...]]:
    """Events per (year, month, kind) in pandas."""
    import pandas as pd

    day = pd.to_datetime(events["day"])  # type: ignore[index]
    frame = pd.DataFrame({"year": day.dt.year, "month": day.dt.month, "kind": events["kind"]})  # type: ignore[index]
    counts = frame.groupby(["year", "month", "kind"], dropna=False, sort=True).size().reset_index(name="n")
    return [
        (None if pd.isna(r.year) else int(r.year), None if pd.isna(r.month) else int(r.month), r.kind, int(r.n))
        for r in counts.itertuples(index=False)
    ]


def pandas_titfortat(events: object, people: object, window: int = 7) -> list[tuple[object, ...]]:
    """Per dyad: hostile actions and how many have an answer 1..window days later, in pandas."""
    _, code = _pandas_scored(events)
    d = _pandas_dyads(events, people)
    hostile = code.str[:2].isin(["17", "18", "19", "20"]).to_numpy()  # type: ignore[attr-defined]
    acts = d[hostile[d["row"].to_numpy()]][["row", "actor", "actor_t", "day"]]  # type: ignore[index]
    answers = acts.merge(acts, left_on=["actor", "actor_t"], right_on=["actor_t", "actor"], suffixes=("", "_b"))
    delay = (answers["day_b"] - answers["day"]).dt.days
    answered = answers[(delay >= 1) & (delay <= window)].drop_duplicates(["row", "actor", "actor_t"])
    stats = acts.groupby(["actor", "actor_t"]).size().rename("actions").to_frame()
    stats["answered"] = answered.groupby(["actor", "actor_t"]).size()
    stats = stats.fillna(0).reset_index().sort_values(["actor", "actor_t"])
    return [(r.actor, r.actor_t, int(r.actions), int(r.answered)) for r in stats.itertuples(index=False)]


def _rows(table: object) -> list[tuple[object, ...]]:
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in row.values()) for row in table.to_pylist()]  # type: ignore[attr-defined]


def store_main(store_path: str, repeat: int) -> int:
    """Time the store's SQL analyses against the pandas baseline on the same Parquet."""
    from mideast_model.events import ParquetStore, sql

    events_dir = str(Path(store_path) / "events")
    unknown = sql.unknown_actors(ParquetStore(store_path))

    def ours(name: str) -> object:
        store = ParquetStore(store_path)  # a fresh connection: nothing cached between runs
        try:
            if name == "escalation":
                return _rows(sql.escalation_table(store))
            if name == "timeline":
                return _rows(sql.timeline_counts(store))
            return _rows(sql.titfortat_dyads(store, window=7))
        finally:
            store.close()

    def theirs(name: str) -> object:
        events, people = _pandas_frames(events_dir)
        if name == "escalation":
            return pandas_escalation(events, people, unknown)
        if name == "timeline":
            return pandas_timeline(events)
        return pandas_titfortat(events, people)

    sql.lookup_rows()  # the lookup tables are read once per process, for both sides
    import pandas  # noqa: F401 - imported before timing, as duckdb is

    print(f"store {store_path}: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'analysis':<12} {'ours s':>8} {'pandas s':>9} {'ratio':>6}  rows  equal  target (<= 2x pandas)")
    for name in ("escalation", "timeline", "titfortat"):
        t_ours, t_pandas, got, want = float("inf"), float("inf"), None, None
        for _ in range(repeat):
            began = time.perf_counter()
            got = ours(name)
            t_ours = min(t_ours, time.perf_counter() - began)
            began = time.perf_counter()
            want = theirs(name)
            t_pandas = min(t_pandas, time.perf_counter() - began)
        ratio = t_ours / t_pandas
        equal = got == want
        print(
            f"{name:<12} {t_ours:8.2f} {t_pandas:9.2f} {ratio:6.2f}  {len(got):>4}  {equal!s:<5}  "  # type: ignore[arg-type]
            f"{'met' if ratio <= 2 and equal else 'NOT met'}",
            flush=True,
        )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--full", action="store_true", help="also run 10^6 objects (minutes, several GB)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--store", help="time the bulk SQL analyses of this store against pandas instead")
    parser.add_argument("--repeat", type=int, default=3, help="runs per analysis with --store (best is kept)")
    args = parser.parse_args(argv)
    if args.store:
        return store_main(args.store, args.repeat)
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
