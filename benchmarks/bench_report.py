"""Benchmark the briefing report (plugin mideast-model-report) on synthetic datasets.

Builds datasets of 10^4 and 10^5 events (24 actors, ten years, one ``occurred`` claim per
event from one of 12 sources, a count claim on 2% of the events) and prints, for each
size, the time to render the HTML report and the Markdown report, the size of the output,
and the time each section takes (the analyses run inside their sections and are cached
between them). Each analysis the report uses is first timed on its own (twice: the first
run also builds the dataset's indexes), so that the report's own work (aggregation,
templates, charts) shows as the difference between the report and the warm analyses.

The report aggregates past ``Limits.events`` events: a heat map of events per dyad and
month instead of one bar per event, the top dyads, the top contradictions, and the
statements other sections cite plus the first ``Limits.claims``.

Times are wall clock, and for the analyses also CPU time (``time.process_time``), which
other work on a shared machine disturbs less; the load average is printed with them. The
analyses run and serialise with the cyclic garbage collector paused (see
:func:`mideast_model.analyses.common.gc_paused`); each grows about linearly with the events
(``--sizes 10000,100000,300000``: warm analyses 0.4, 4.3 and 13.5 CPU seconds on a two-core machine
shared by four jobs, load 3-4, December 2026; 16.5 s at 10^5 on it before titfortat's chain
merging was made linear and the collector paused).

Usage: ``python benchmarks/bench_report.py [--sizes 10000,100000] [--json out.json]``
"""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any


def synthetic(n_events: int, seed: int = 1) -> Any:
    """``n_events`` events among 24 actors over ten years, each reported by one of 12 sources."""
    from mideast_model.testing.synthetic import synthetic_dataset

    return synthetic_dataset(n_events, seed=seed)


#: The analyses the built-in sections run, with the parameters they use.
REPORT_ANALYSES = {
    "timeline": {},
    "escalation": {"window": "month"},
    "titfortat": {},
    "contradictions": {},
    "corroboration": {},
    "perspectives": {},
    "network": {},
}


def time_analyses(dataset: Any, cpu: dict[str, float] | None = None) -> dict[str, float]:
    """Seconds each analysis the report uses takes on its own (those installed); CPU seconds into ``cpu``."""
    from mideast_model.plugins import analyses

    installed = analyses()
    times = {}
    for name, params in REPORT_ANALYSES.items():
        if name in installed:
            started, started_cpu = time.perf_counter(), time.process_time()
            installed[name].run(dataset, **params).to_json()
            times[name] = round(time.perf_counter() - started, 2)
            if cpu is not None:
                cpu[name] = round(time.process_time() - started_cpu, 2)
    return times


def timed_sections() -> tuple[list[Any], dict[str, float]]:
    """The registered sections, each wrapped to record its time."""
    import attrs
    from mideast_model_report import report_sections

    times: dict[str, float] = {}
    wrapped = []
    for section in report_sections():

        def render(dataset: Any, context: Any, _inner: Any = section.render, _name: str = section.name) -> Any:
            started = time.perf_counter()
            try:
                return _inner(dataset, context)
            finally:
                times[_name] = times.get(_name, 0.0) + time.perf_counter() - started

        wrapped.append(attrs.evolve(section, render=render))
    return wrapped, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated numbers of events")
    parser.add_argument("--json", dest="json_out", help="also write the results as JSON to this file")
    args = parser.parse_args()
    from mideast_model_report.builder import render_report

    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        dataset = synthetic(size)
        build = time.perf_counter() - started
        row: dict[str, Any] = {"events": size, "objects": len(dataset), "build_s": round(build, 2)}
        # The first run also builds the dataset's indexes and warms caches; the second is what a report pays.
        row["load"] = os.getloadavg()[0]
        row["analyses_first_s"] = time_analyses(dataset)
        row["analyses_cpu_s"] = {}
        row["analyses_s"] = time_analyses(dataset, row["analyses_cpu_s"])
        analyses_total = sum(row["analyses_s"].values())
        for fmt in ("html", "markdown"):
            sections, times = timed_sections()
            started = time.perf_counter()
            text = render_report(dataset, fmt, sections=sections)
            row[f"{fmt}_s"] = round(time.perf_counter() - started, 2)
            row[f"{fmt}_bytes"] = len(text.encode("utf-8"))
            row[f"{fmt}_sections_s"] = {k: round(v, 2) for k, v in times.items()}
        results.append(row)
        print(f"{size:>9,} events ({row['objects']:,} objects; built in {build:.1f} s; load {row['load']:.2f})")
        print(f"    analyses, first run (builds the dataset's indexes): {sum(row['analyses_first_s'].values()):.2f} s")
        print(
            f"    analyses the report runs, warm: {analyses_total:.2f} s ("
            + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(row["analyses_s"].items(), key=lambda kv: -kv[1]))
            + ")"
        )
        print(f"    the same in CPU time: {sum(row['analyses_cpu_s'].values()):.2f} s")
        for fmt in ("html", "markdown"):
            slowest = sorted(row[f"{fmt}_sections_s"].items(), key=lambda kv: -kv[1])[:4]
            print(
                f"    {fmt:<8} report: {row[f'{fmt}_s']:7.2f} s, {row[f'{fmt}_bytes'] / 1e6:5.2f} MB;  "
                + "slowest sections: "
                + ", ".join(f"{k} {v:.2f} s" for k, v in slowest)
            )
            print(
                f"             the report's own work (total minus analyses): {row[f'{fmt}_s'] - analyses_total:.2f} s"
            )
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = last["events"] / first["events"]
        print(
            f"growth for {growth:g}x events: html {last['html_s'] / max(first['html_s'], 1e-9):.1f}x time, "
            f"{last['html_bytes'] / first['html_bytes']:.2f}x size (the report aggregates: its size stays bounded)"
        )
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2)


if __name__ == "__main__":
    main()
