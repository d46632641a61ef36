"""Start-up and first-query figures of issue 13, for any checkout (before/after a refactor).

Prints, for the interpreter given (default: this one), each measured in fresh
subprocesses, medians of ``--runs`` runs:

- ``import mideast_model``: the cumulative time of the package in ``python -X importtime``,
  and the wall time of ``python -c "import mideast_model"`` (``python -c pass`` beside it);
- ``seed()``: the embedded seed dataset loaded, after the import (the import is not counted);
- ``mideast-model --help`` and ``mideast-model info`` wall time (the console script beside
  the interpreter);
- 10^5 events + 10^5 claims (``mideast_model.testing.synthetic``; medians of at most 3 runs): the validated
  construction ``Dataset.from_objects``, the first ``events_involving`` (it builds the
  indexes it needs), a second one, and every index (one query of each kind);
- lines in the four importer readers (acled, gdelt, ucdp, icews) of that checkout.

Usage::

    python benchmarks/bench_startup.py [--python /tmp/before/.venv/bin/python] [--runs 5] [--events 100000]

Figures are printed, never asserted; note the load (printed first) next to them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

READERS = ("acled", "gdelt", "ucdp", "icews")

_SEED = """
import time
import mideast_model
from mideast_model.data import seed
t = time.perf_counter()
seed()
print(time.perf_counter() - t)
"""

_SCALE = """
import gc, json, sys, time
from mideast_model.dataset import Dataset
from mideast_model.testing.synthetic import synthetic_dataset
objects = list(synthetic_dataset(int(sys.argv[1]), claims_per_event=1))
gc.collect()
out = {"objects": len(objects)}
t = time.perf_counter()
ds = Dataset.from_objects(objects)
out["construct"] = time.perf_counter() - t
t = time.perf_counter()
ds.events_involving("actor:a00", "2015-01-01", "2015-12-31")
out["first_query"] = time.perf_counter() - t
t = time.perf_counter()
ds.events_involving("actor:a01", "2015-01-01", "2015-12-31")
out["second_query"] = time.perf_counter() - t
t = time.perf_counter()
ds.events_between("2015-01-01", "2015-01-31")
ds.claims_about("event:e0000000")
ds.claims_by_source("source:s00")
ds.claims_by_speaker("actor:a00")
ds.claims_for("event:e0000000", "occurred")
ds.relations_on("2015-01-01", actor="actor:a00")
ds.actor_by_name("Actor 00")
ds.date_range()
out["other_indexes"] = time.perf_counter() - t
print(json.dumps(out))
"""


def _wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _importtime(python: str, runs: int) -> float:
    """The cumulative microseconds of the top-level ``mideast_model`` in ``-X importtime``, as seconds."""
    found = []
    for _ in range(runs):
        done = subprocess.run(
            [python, "-X", "importtime", "-c", "import mideast_model"], capture_output=True, text=True, check=True
        )
        for line in done.stderr.splitlines():
            match = re.match(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s?(\S.*)$", line)
            if match and match.group(2).strip() == "mideast_model":
                found.append(int(match.group(1)) / 1e6)
    return statistics.median(found)


def _lines(root: Path) -> dict[str, int]:
    counts = {}
    for name in READERS:
        (path,) = (root / "plugins" / name / "src").glob("*/reader.py")
        counts[name] = len(path.read_text(encoding="utf-8").splitlines())
    return counts


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:  # pragma: no cover - not Linux
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable, help="the interpreter of the checkout to measure")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    python = args.python
    cli = str(Path(python).parent / "mideast-model")
    where = subprocess.run(
        [python, "-c", "import mideast_model; print(mideast_model.__file__)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    root = Path(where).resolve().parents[2]
    figures: dict[str, object] = {"checkout": str(root), "load_before": _load()}
    figures["python_pass_s"] = _wall([python, "-c", "pass"], args.runs)
    figures["import_wall_s"] = _wall([python, "-c", "import mideast_model"], args.runs)
    figures["importtime_s"] = _importtime(python, args.runs)
    seeds = [float(subprocess.run([python, "-c", _SEED], capture_output=True, text=True, check=True).stdout)
             for _ in range(args.runs)]  # fmt: skip
    figures["seed_s"] = statistics.median(seeds)
    figures["help_s"] = _wall([cli, "--help"], args.runs)
    figures["info_s"] = _wall([cli, "info"], args.runs)
    scales = [
        json.loads(
            subprocess.run(
                [python, "-c", _SCALE, str(args.events)], capture_output=True, text=True, check=True, env=os.environ
            ).stdout
        )
        for _ in range(min(args.runs, 3))
    ]
    figures["scale"] = {k: statistics.median(run[k] for run in scales) for k in scales[0]}
    figures["reader_lines"] = _lines(root)
    figures["load_after"] = _load()
    s = figures["scale"]
    assert isinstance(s, dict)
    lines = figures["reader_lines"]
    assert isinstance(lines, dict)
    print(f"checkout {root}  (load {figures['load_before']} -> {figures['load_after']}; medians of {args.runs})")
    print(f"  python -c pass               {figures['python_pass_s']:.3f} s")
    print(f"  import mideast_model (wall)  {figures['import_wall_s']:.3f} s")
    print(f"  -X importtime mideast_model  {figures['importtime_s']:.3f} s")
    print(f"  seed() after the import      {figures['seed_s']:.3f} s")
    print(f"  mideast-model --help         {figures['help_s']:.3f} s")
    print(f"  mideast-model info           {figures['info_s']:.3f} s")
    print(f"  {s['objects']:.0f} objects: from_objects (validated) {s['construct']:.2f} s, "
          f"first events_involving {s['first_query']:.2f} s, second {s['second_query'] * 1000:.1f} ms, "
          f"every other index {s['other_indexes']:.2f} s")  # fmt: skip
    print(f"  reader lines {lines} total {sum(lines.values())}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
