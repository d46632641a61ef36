"""Write every analysis's canonical JSON output on fixed datasets, to compare before/after a change.

Datasets: the embedded seed, synthetic 10^4 events (seeds 1 and 2) and the ACLED fixture of
Iraq 2019-2020 (imported with the acled importer). Each output is ``analysis.run(dataset,
**params).to_json()`` serialised like ``mideast-model analyze NAME --json`` (orjson, indent 2,
non-string keys), plus the Markdown rendering. Usage::

    python scripts/snapshot_analyses.py OUTDIR [--only timeline,escalation] [--sizes 10000]
    diff -r BEFORE AFTER

To snapshot an older commit without touching the working tree, put its sources first on the path:
``git archive COMMIT src plugins/dynamics/src | tar -x -C /tmp/base`` then
``PYTHONPATH=/tmp/base/src:/tmp/base/plugins/dynamics/src python scripts/snapshot_analyses.py BEFORE
--acled-dataset acled.json`` (the ACLED fixture imported by the current code, written by a first run).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
ACLED = ROOT / "plugins" / "acled" / "tests" / "fixtures" / "iraq_2019_2020_acled.csv"

#: Analyses and the parameter sets to run them with (the report's ones first).
RUNS: dict[str, list[dict[str, Any]]] = {
    "timeline": [{}, {"fuzzy": False}],
    "escalation": [{}, {"window": "week"}, {"window": "day"}, {"rollup": True}, {"merge_units": False}],
    "titfortat": [{}, {"threats": True}, {"proxies": False, "window": 30}],
    "contradictions": [{}],
    "corroboration": [{}],
    "perspectives": [{}],
    "network": [{}],
    "hawkes": [{}],
}
#: Too slow or irrelevant at 10^4 (pairwise linking of events across datasets): seed and ACLED only.
SMALL_ONLY = {"links": [{}], "resolution": [{}], "attribution": [{}]}


def datasets(sizes: list[int], acled_dataset: Path | None = None) -> dict[str, Callable[[], Any]]:
    from mideast_model.data import seed
    from mideast_model.testing.synthetic import synthetic_dataset

    def acled() -> Any:
        from mideast_model.api import import_inputs, load_dataset

        if acled_dataset is not None and acled_dataset.exists():
            return load_dataset(str(acled_dataset))
        dataset = import_inputs("acled", [ACLED])[0]
        if acled_dataset is not None:
            acled_dataset.write_bytes(dataset.to_json())
        return dataset

    def mixed(size: int) -> Any:
        """benchmarks/bench_analyses.py's dataset: relations, shared propositions, stances, blame claims."""
        import sys

        sys.path.insert(0, str(ROOT / "benchmarks"))
        from bench_analyses import synthetic

        return synthetic(size)

    out: dict[str, Callable[[], Any]] = {"seed": seed, "acled": acled}
    for size in sizes:
        out[f"mixed{size}"] = lambda size=size: mixed(size)
    for size in sizes:
        for s in (1, 2):
            out[f"synthetic{size}_seed{s}"] = lambda size=size, s=s: synthetic_dataset(size, seed=s)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--only", default="", help="comma-separated analyses (default: all)")
    parser.add_argument("--sizes", default="10000", help="comma-separated synthetic sizes")
    parser.add_argument(
        "--acled-dataset",
        type=Path,
        help="canonical JSON of the imported ACLED fixture: read if it exists, else written (for an older commit "
        "whose core no longer fits the current importer)",
    )
    args = parser.parse_args()
    from mideast_model.plugins import analyses

    installed = analyses()
    only = set(filter(None, args.only.split(",")))
    args.outdir.mkdir(parents=True, exist_ok=True)
    for ds_name, make in datasets([int(s) for s in args.sizes.split(",") if s], args.acled_dataset).items():
        dataset = make()
        runs = dict(RUNS)
        if ds_name in ("seed", "acled"):
            runs.update(SMALL_ONLY)
        for name, param_sets in runs.items():
            if (only and name not in only) or name not in installed:
                continue
            for params in param_sets:
                tag = "-".join(f"{k}={v}" for k, v in sorted(params.items()))
                stem = f"{ds_name}.{name}" + (f".{tag}" if tag else "")
                started = time.perf_counter()
                result = installed[name].run(dataset, **params)
                data = orjson.dumps(result.to_json(), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
                (args.outdir / f"{stem}.json").write_bytes(data)
                (args.outdir / f"{stem}.md").write_text(result.to_markdown(), encoding="utf-8")
                print(f"{stem:60s} {time.perf_counter() - started:6.2f} s  {len(data):>10,} bytes", flush=True)


if __name__ == "__main__":
    main()
