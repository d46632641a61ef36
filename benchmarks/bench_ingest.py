"""Ingest benchmark: GDELT 2.0 export rows into mideast-model, next to pandas and polars.

The real GDELT 2.0 rows of ``../shared/data/gdelt2-raw-spark-gdelt`` (200 rows, English and
translingual) are replicated to ``--rows`` rows (default 100,000; ``--rows 1000000`` for the
DESIGN §8 reference run) with shifted GLOBALEVENTIDs and dates, into a temporary file. Each
reader then runs in its own subprocess, which reports its wall time and its peak resident
memory at the end of the ingest (``resource.getrusage``, so the interpreter and library imports
are included for every reader alike; the query timings run after that measurement):

- ``pandas``: ``pandas.read_csv(sep="\\t", header=None, quoting=QUOTE_NONE)``, default dtypes;
- ``polars``: ``polars.read_csv(separator="\\t", has_header=False, quote_char=None)``;
- ``ours: columnar``: :func:`mideast_model_gdelt.read_table` (pyarrow.csv, explicit schema,
  codes as text) plus :class:`~mideast_model_gdelt.GdeltEventStore` (sorted by date, queryable);
- ``pandas+parquet``: the same ``read_csv`` followed by ``DataFrame.to_parquet`` (pyarrow):
  the reference for writing a store (issue 18: ``import gdelt … -o STORE/`` ≤ 1.0× its time,
  ≤ 0.5× its peak memory);
- ``ours: store``: ``mideast-model import gdelt FILE -o STORE/`` in process
  (:func:`mideast_model.events.bulk.import_store`): the columnar reader streams blocks of the
  shared event table into a hive-partitioned Parquet store, written atomically;
- ``ours: objects``: the ``gdelt`` importer into a validated :class:`~mideast_model.Dataset`
  (one attrs Event and one Claim per row, plus actors and URL sources), measured on at most
  ``--object-rows`` rows (default 100,000) and scaled linearly when ``--rows`` is larger.

It also times a selective query (one actor, one month): the store's index against a pandas
boolean scan. Ratios are printed against pandas and polars, and each DESIGN §8 target is
reported as met or not met.

Usage: ``python benchmarks/bench_ingest.py [--rows N] [--object-rows M] [--keep FILE] [--readers a,b,…]
[--store-out DIR]`` (``--readers pandas,pandas+parquet,ours: store`` for the store comparison alone).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("MIDEAST_MODEL_SHARED_DATA", HERE.parents[1] / "shared" / "data"))
REAL = [
    SHARED / "gdelt2-raw-spark-gdelt" / "export_20150218230000+20200318104500_100rows.tsv",
    SHARED / "gdelt2-raw-spark-gdelt" / "translation.export_20150218224500+20200318103000_100rows.tsv",
]
FALLBACK = HERE.parent / "plugins" / "gdelt" / "tests" / "fixtures" / "20200311190000.export.CSV"


def base_rows() -> tuple[list[list[str]], str]:
    """The real GDELT 2.0 rows (or the plugin's own fixture when the data folder is absent)."""
    files = [p for p in REAL if p.exists()] or [FALLBACK]
    rows = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(line.split("\t"))
    return rows, ", ".join(p.name for p in files)


def replicate(rows: list[list[str]], n: int, path: Path) -> int:
    """Write ``n`` rows: copy ``k`` of the base rows gets ids + k*10^9/len and dates + k days."""
    base_ids = [int(r[0]) for r in rows]
    base_days = [dt.date(int(r[1][:4]), int(r[1][4:6]), int(r[1][6:8])) for r in rows]
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        k = 0
        while written < n:
            shift = dt.timedelta(days=k % 3650)
            for row, gid, day in zip(rows, base_ids, base_days, strict=True):
                if written >= n:
                    break
                d = day + shift
                out = list(row)
                out[0] = str(gid + (k + 1) * 10_000_000_000)
                out[1] = d.strftime("%Y%m%d")
                out[2] = d.strftime("%Y%m")
                out[3] = str(d.year)
                out[4] = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
                out[59] = d.strftime("%Y%m%d") + out[59][8:]
                fh.write("\t".join(out) + "\n")
                written += 1
            k += 1
    return path.stat().st_size


_PRELUDE = """
import json, resource, sys, time
path = sys.argv[1]
def peak_now():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def report(seconds, peak=None, **extra):
    print(json.dumps({"seconds": seconds, "peak_mb": peak or peak_now(), **extra}))
"""

_READERS = {
    "pandas": """
import csv
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(path, sep="\\t", header=None, quoting=csv.QUOTE_NONE)
seconds = time.perf_counter() - t
peak = peak_now()
code, start, end = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
q = time.perf_counter()
for _ in range(5):
    hits = df[((df[5] == code) | (df[15] == code)) & (df[1] >= start) & (df[1] <= end)]
query = (time.perf_counter() - q) / 5
report(seconds, peak, rows=len(df), query_seconds=query, query_rows=len(hits))
""",
    "pandas+parquet": """
import csv, os, tempfile
import pandas as pd
import pyarrow
t = time.perf_counter()
df = pd.read_csv(path, sep="\\t", header=None, quoting=csv.QUOTE_NONE)
df.columns = [str(c) for c in df.columns]
out = os.path.join(tempfile.mkdtemp(), "gdelt.parquet")
df.to_parquet(out)
report(time.perf_counter() - t, rows=len(df), bytes=os.path.getsize(out))
""",
    "ours: store": """
import os, shutil, tempfile
import duckdb, numpy, pyarrow, pyarrow.csv, pyarrow.dataset  # imported before timing, as pandas is
import mideast_model_gdelt.columnar
from mideast_model.events.bulk import import_store
out = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else os.path.join(tempfile.mkdtemp(), "store")
t = time.perf_counter()
manifest = import_store("gdelt", [path], out + "/", options={"mentions": "none"})
seconds = time.perf_counter() - t
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
report(seconds, rows=manifest["counts"]["events"], bytes=size)
""",
    "polars": """
import polars as pl
t = time.perf_counter()
df = pl.read_csv(path, separator="\\t", has_header=False, quote_char=None)
report(time.perf_counter() - t, rows=df.height)
""",
    "ours: columnar": """
import numpy, pyarrow, pyarrow.csv  # imported before timing, as pandas and polars are
from mideast_model_gdelt import GdeltEventStore, read_table
t = time.perf_counter()
store = GdeltEventStore(read_table(path))
seconds = time.perf_counter() - t
peak = peak_now()
code, start, end = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store.rows_involving(code, start, end)  # builds the actor index once
index = time.perf_counter() - t - seconds
q = time.perf_counter()
for _ in range(50):
    hits = store.rows_involving(code, start, end)
query = (time.perf_counter() - q) / 50
events = store.events_involving(code, start, end)
report(seconds, peak, rows=len(store), query_seconds=query, query_rows=len(hits), index_seconds=index,
       objects_made=len(events))
""",
    "ours: objects": """
from mideast_model.cli import read_input
from mideast_model.plugins import get_importer
t = time.perf_counter()
dataset, skipped = read_input(get_importer("gdelt"), path)
report(time.perf_counter() - t, rows=len(dataset.events), objects=len(dataset), skipped=len(skipped))
""",
}


# Readers run as installed packages do, with byte-code caches (warm() writes ours first).
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def warm() -> None:
    """Import every reader's modules once, untimed, so that their byte-code caches exist."""
    code = (
        "import mideast_model.cli, mideast_model.events.bulk, mideast_model.events.store, mideast_model_gdelt.columnar"
    )
    subprocess.run([sys.executable, "-c", code], check=False, env=_ENV, capture_output=True)


def run(name: str, path: Path, *args: str) -> dict[str, float]:
    code = _PRELUDE + textwrap.dedent(_READERS[name])
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), *args], capture_output=True, text=True, check=False, env=_ENV
    )
    if out.returncode != 0:
        raise SystemExit(f"{name} failed:\n{out.stderr[-2000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--object-rows", type=int, default=100_000, help="cap for the object path")
    parser.add_argument("--keep", type=Path, help="write the replicated file here and keep it")
    parser.add_argument("--readers", default=",".join(_READERS), help="comma-separated readers to run")
    parser.add_argument("--store-out", default="", help="write the store of 'ours: store' here and keep it")
    args = parser.parse_args()
    chosen = [r.strip() for r in args.readers.split(",") if r.strip()]
    unknown = [r for r in chosen if r not in _READERS]
    if unknown:
        raise SystemExit(f"unknown readers: {', '.join(unknown)} (choose from {', '.join(_READERS)})")

    rows, origin = base_rows()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "gdelt_export.tsv"
        size = replicate(rows, args.rows, path)
        print(f"{args.rows:,} GDELT 2.0 rows ({size / 1e6:.0f} MB) replicated from {len(rows)} real rows ({origin})")
        # the selective query: the commonest actor code of the base rows, one month
        codes = [r[5] for r in rows if r[5]] + [r[15] for r in rows if r[15]]
        code = max(sorted(set(codes)), key=codes.count)
        start, end = "20200301", "20200331"
        results = {}
        warm()
        print(f"load average before: {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cores")
        for name in ("pandas", "pandas+parquet", "polars", "ours: columnar", "ours: store"):
            if name in chosen:
                results[name] = run(name, path, code, start, end, args.store_out)
        object_rows = min(args.rows, args.object_rows)
        if "ours: objects" not in chosen:
            pass
        elif object_rows < args.rows:
            small = Path(tmp) / "gdelt_objects.tsv"
            replicate(rows, object_rows, small)
            measured = run("ours: objects", small)
            scale = args.rows / object_rows
            measured["seconds"] *= scale
            measured["note"] = f"measured on {object_rows:,} rows, time scaled x{scale:g}; memory as measured"  # type: ignore[assignment]
            results["ours: objects"] = measured
        else:
            results["ours: objects"] = run("ours: objects", path)

    print(f"load average after: {os.getloadavg()[0]:.1f} (1 min)")
    if "pandas" not in results:
        raise SystemExit("the pandas reader is the reference: include it in --readers")
    pandas = results["pandas"]
    polars = results.get("polars", {"seconds": float("nan"), "peak_mb": float("nan")})
    print()
    print(f"{'reader':<16} {'time s':>8} {'peak MB':>8} {'t/pandas':>9} {'t/polars':>9} {'mem/pandas':>11}  note")
    for name, r in results.items():
        print(
            f"{name:<16} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f} {r['seconds'] / pandas['seconds']:>9.2f} "
            f"{r['seconds'] / polars['seconds']:>9.2f} {r['peak_mb'] / pandas['peak_mb']:>11.2f}  {r.get('note', '')}"
        )
    if "ours: store" in results and "pandas+parquet" in results:
        store, ref = results["ours: store"], results["pandas+parquet"]
        t_ratio, m_ratio = store["seconds"] / ref["seconds"], store["peak_mb"] / ref["peak_mb"]
        print()
        print(
            f"import gdelt -o STORE/: {store['seconds']:.2f} s, {store['peak_mb']:.0f} MB peak, "
            f"{store['bytes'] / 1e6:.0f} MB on disk; pandas read_csv + to_parquet: {ref['seconds']:.2f} s, "
            f"{ref['peak_mb']:.0f} MB, {ref['bytes'] / 1e6:.0f} MB"
        )
        print(
            f"  time ratio {t_ratio:.2f} (target <= 1.0: {'met' if t_ratio <= 1.0 else 'NOT met'}), "
            f"memory ratio {m_ratio:.2f} (target <= 0.5: {'met' if m_ratio <= 0.5 else 'NOT met'})"
        )
    if "ours: columnar" not in results or "ours: objects" not in results:
        return
    ours = results["ours: columnar"]
    print()
    print(
        f"selective query (actor {code}, {start}-{end}): store index {ours['query_seconds'] * 1e3:.3f} ms "
        f"({ours['query_rows']} rows; index built once in {ours['index_seconds']:.2f} s), pandas boolean scan "
        f"{pandas['query_seconds'] * 1e3:.1f} ms ({pandas['query_rows']} rows): "
        f"{pandas['query_seconds'] / ours['query_seconds']:.0f}x faster"
    )
    print()
    print("DESIGN section 8 targets (columnar path / object path):")
    for label, test in (
        ("ingest no slower than pandas read_csv", lambda r: r["seconds"] <= pandas["seconds"]),
        ("ingest within 2x of polars read_csv", lambda r: r["seconds"] <= 2 * polars["seconds"]),
        ("peak memory at most half of pandas'", lambda r: r["peak_mb"] <= 0.5 * pandas["peak_mb"]),
    ):
        col = "met" if test(ours) else "NOT met"
        obj = "met" if test(results["ours: objects"]) else "NOT met"
        if "note" in results["ours: objects"] and "memory" in label:
            obj = "n/a (measured on fewer rows)"
        print(f"  {label:<40} columnar: {col:<8} objects: {obj}")
    query = "met" if pandas["query_seconds"] >= 100 * ours["query_seconds"] else "NOT met"
    print(f"  {'selective query >= 100x a pandas scan':<40} columnar: {query}")


if __name__ == "__main__":
    main()
