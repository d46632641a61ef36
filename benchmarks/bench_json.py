"""Canonical JSON dump + load next to orjson's own dump + load of the same document.

For the embedded seed and for synthetic curated datasets (10^5 objects by default: half
events with two participants, half ``occurred`` claims, a few count claims), prints, per
dataset, the best of ``--repeat`` runs of:

- ours:   ``canonical.dumps(dataset)`` and ``canonical.loads(bytes)`` — the full reader:
          parsing, the duplicate-key proof, structuring into validated model objects and
          the Dataset's integrity check;
- orjson: ``orjson.dumps(document, OPT_INDENT_2)`` and ``orjson.loads(bytes)`` of the very
          same bytes — plain dicts and lists, no model, no checks: the floor;
- cattrs: the precise path alone (``to_dict`` + cattrs structuring through
          ``structure_object``), the way every object was read before the fast path.

Times are CPU seconds of this process (``time.process_time``): on a shared machine wall
time mostly measures the neighbours. The ratio ours/orjson is the number issue 18 asks to
keep within 1.5; it is printed, never asserted.

Usage: ``python benchmarks/bench_json.py [--sizes 100000] [--repeat 3] [--no-cattrs]``
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from typing import Any

import orjson

from mideast_model.data import seed
from mideast_model.dataset import Dataset
from mideast_model.io import canonical
from mideast_model.model import KINDS
from mideast_model.testing.synthetic import synthetic_dataset


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The smallest CPU time of ``repeat`` runs of ``fn`` (a collection before each), and its last result."""
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return min(times), result


def cattrs_load(data: bytes) -> Dataset:
    """Canonical JSON read object by object through cattrs (the precise path)."""
    doc = orjson.loads(data)
    objects: dict[str, list[Any]] = {
        kind: [canonical.structure_object(kind, item, index=i) for i, item in enumerate(doc[kind])] for kind in KINDS
    }
    return Dataset.from_kinds(objects)


def bench(name: str, dataset: Dataset, repeat: int, with_cattrs: bool) -> dict[str, float]:
    """Measure one dataset and print its lines."""
    n = len(dataset)
    dump_s, data = best(lambda: canonical.dumps(dataset), repeat)
    load_s, back = best(lambda: canonical.loads(data), repeat)
    assert back == dataset, "round trip changed the dataset"
    oload_s, doc = best(lambda: orjson.loads(data), repeat)
    odump_s, again = best(lambda: orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n", repeat)
    assert again == data, "orjson's re-dump is not the same document"
    ours, floor = dump_s + load_s, odump_s + oload_s
    print(f"{name}: {n:,} objects, {len(data) / 1e6:.1f} MB")
    print(f"  ours    dump {dump_s:7.3f} s  load {load_s:7.3f} s  = {n / ours:10,.0f} objects/s")
    print(f"  orjson  dump {odump_s:7.3f} s  load {oload_s:7.3f} s  = {n / floor:10,.0f} objects/s")
    result = {"objects": n, "ours": ours, "orjson": floor, "ratio": ours / floor}
    if with_cattrs:
        cdump_s, _ = best(lambda: orjson.dumps(canonical.to_dict(dataset), option=orjson.OPT_INDENT_2), 1)
        cload_s, _ = best(lambda: cattrs_load(data), 1)
        slow = cdump_s + cload_s
        print(f"  cattrs  dump {cdump_s:7.3f} s  load {cload_s:7.3f} s  = {n / slow:10,.0f} objects/s")
        result["cattrs"] = slow
    print(f"  ours / orjson = {ours / floor:.2f}x  (target: within 1.5x)")
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000", help="comma-separated object counts (about half events)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the best counts")
    parser.add_argument("--no-cattrs", action="store_true", help="skip the (slow) cattrs-only path")
    args = parser.parse_args(argv)
    bench("seed", seed(), args.repeat, not args.no_cattrs)
    for size in (int(s) for s in args.sizes.split(",") if s):
        dataset = synthetic_dataset(max(1, size // 2 - 18))  # 36 actors/sources, ~1 claim per event
        bench(f"synthetic {size:,}", dataset, args.repeat, not args.no_cattrs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
