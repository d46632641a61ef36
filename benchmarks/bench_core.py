"""Benchmark the core object store against pandas on GDELT-shaped event rows.

Builds 10^4 and 10^5 (and, with ``--full``, 10^6) events as 61-column GDELT 2.0 rows
(FIPS place codes, zero-padded CAMEO codes, blank actors in about a fifth of the rows,
US/Iran/Iraq actor codes mixed with the real rows of ``../shared/data`` when present)
and prints, for each size, the time and added peak memory of each step next to pandas
doing the same rows, as ratios:

- ingest    read the 61-column TSV into a queryable store: stdlib ``csv`` + model objects
            + ``Dataset.from_objects`` vs ``pandas.read_csv`` (default dtypes) and
            ``polars.read_csv`` (all strings), the reference work of DESIGN §8;
- construct rows (already in memory) -> Actor/Event objects vs ``pandas.DataFrame``
            (+ date and number parsing);
- validate  ``Dataset.from_objects`` (unique ids, every reference resolves) vs pandas
            ``is_unique`` + ``isin`` checks;
- index     the first query (which builds the indexes) — pandas has none to build;
- query     ``events_involving(actor, month)`` vs a pandas boolean mask (median of runs);
- json      canonical JSON ``dumps`` + ``loads`` vs ``to_json``/``read_json`` (objects/s).

Then ``mideast-model --help`` and ``import mideast_model`` start-up time next to
``python -c pass`` (median of 5 runs each). Every step runs in its own subprocess;
peak memory is the step's rise of the resident set high-water mark (VmHWM, reset
before the step through ``/proc/self/clear_refs``; ``ru_maxrss`` elsewhere).

The DESIGN §8 targets are printed next to the measurements, never asserted.

Usage: ``python benchmarks/bench_core.py [--full] [--sizes 10000,100000] [--json out.json]``
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("MIDEAST_MODEL_SHARED_DATA", HERE.parent.parent / "shared" / "data"))
GDELT_EXPORTS = sorted((DATA / "gdelt2-raw-spark-gdelt").glob("*export*.tsv")) if DATA.is_dir() else []

# GDELT 2.0 event columns (61), by position.
ID, SQLDATE = 0, 1
A1CODE, A1NAME, A1COUNTRY = 5, 6, 7
A2CODE, A2NAME, A2COUNTRY = 15, 16, 17
EVENTCODE, BASECODE, ROOTCODE, QUAD, GOLDSTEIN = 26, 27, 28, 29, 30
GEO_TYPE, GEO_NAME, GEO_FIPS, GEO_ADM1, GEO_LAT, GEO_LON = 51, 52, 53, 54, 56, 57
NCOLS = 61
#: The columns pandas keeps for the in-memory steps: exactly those the model maps.
KEPT = {
    "id": ID,
    "date": SQLDATE,
    "actor1": A1CODE,
    "actor1_name": A1NAME,
    "actor2": A2CODE,
    "actor2_name": A2NAME,
    "event_code": EVENTCODE,
    "geo_type": GEO_TYPE,
    "place": GEO_NAME,
    "fips": GEO_FIPS,
    "lat": GEO_LAT,
    "lon": GEO_LON,
}

# Actor codes as GDELT writes them (CAMEO country + type), with names; weights favour the dyads.
ACTORS = [
    ("USA", "UNITED STATES", 8),
    ("USAGOV", "UNITED STATES", 6),
    ("USAMIL", "PENTAGON", 5),
    ("IRN", "IRAN", 7),
    ("IRNGOV", "TEHRAN", 5),
    ("IRNMIL", "IRANIAN", 4),
    ("IRNSPY", "QUDS FORCE", 1),
    ("IRQ", "IRAQ", 7),
    ("IRQGOV", "BAGHDAD", 5),
    ("IRQMIL", "IRAQI", 3),
    ("IRQREB", "MILITIA", 3),
    ("IRQSHI", "SHIITE", 1),
    ("SYR", "SYRIA", 2),
    ("ISR", "ISRAEL", 2),
    ("SAU", "SAUDI ARABIA", 2),
    ("GBR", "UNITED KINGDOM", 1),
    ("RUS", "RUSSIA", 1),
    ("IGOUNO", "UNITED NATIONS", 1),
    ("LBN", "LEBANON", 1),
    ("TUR", "TURKEY", 1),
    ("REB", "REBEL", 1),
    ("GOV", "GOVERNMENT", 2),
    ("MIL", "SOLDIER", 2),
    ("CVL", "CIVILIAN", 1),
]
EVENT_CODES = [
    ("010", 6),
    ("0111", 1),
    ("012", 2),
    ("020", 2),
    ("036", 2),
    ("040", 4),
    ("042", 3),
    ("043", 4),
    ("046", 2),
    ("051", 2),
    ("057", 1),
    ("061", 1),
    ("071", 1),
    ("090", 1),
    ("112", 3),
    ("120", 1),
    ("130", 2),
    ("138", 1),
    ("141", 1),
    ("154", 1),
    ("163", 1),
    ("173", 2),
    ("180", 1),
    ("183", 1),
    ("190", 3),
    ("193", 2),
    ("194", 2),
    ("195", 2),
    ("186", 1),
    ("200", 1),
]
# (full name, FIPS, ADM1, lat, lon, GDELT geo type)
PLACES = [
    ("Baghdad, Baghdad, Iraq", "IZ", "IZ07", 33.3386, 44.3939, 4),
    ("Camp Taji, Baghdad, Iraq", "IZ", "IZ07", 33.5256, 44.2561, 4),
    ("Basra, Al Basrah, Iraq", "IZ", "IZ02", 30.5081, 47.7835, 4),
    ("Erbil, Arbil, Iraq", "IZ", "IZ11", 36.19, 44.0089, 4),
    ("Iraq", "IZ", "IZ", 33.0, 44.0, 1),
    ("Tehran, Tehran, Iran", "IR", "IR26", 35.6944, 51.4215, 4),
    ("Iran", "IR", "IR", 32.0, 53.0, 1),
    ("Washington, District of Columbia, United States", "US", "USDC", 38.8951, -77.0364, 3),
    ("United States", "US", "US", 39.828175, -98.5795, 1),
    ("Damascus, Dimashq, Syria", "SY", "SY13", 33.5102, 36.2913, 4),
    ("Beirut, Beyrouth, Lebanon", "LE", "LE04", 33.8719, 35.5097, 4),
    ("Riyadh, Ar Riyad, Saudi Arabia", "SA", "SA10", 24.6408, 46.7728, 4),
    ("Strait of Hormuz, Iran (general), Iran", "IR", "IR00", 26.5667, 56.25, 4),
]
#: FIPS 10-4 -> ISO 3166-1 alpha-3 for the places above (GDELT writes FIPS, the model ISO).
FIPS_TO_ISO3 = {
    "IZ": "IRQ",
    "IR": "IRN",
    "US": "USA",
    "SY": "SYR",
    "LE": "LBN",
    "SA": "SAU",
    "IS": "ISR",
    "TU": "TUR",
    "UK": "GBR",
    "RS": "RUS",
    "YM": "YEM",
    "DJ": "DJI",
    "LY": "LBY",
    "UV": "BFA",
    "LI": "LBR",
    "CH": "CHN",
    "SF": "ZAF",
    "IN": "IND",
    "NZ": "NZL",
    "AS": "AUS",
    "UP": "UKR",
    "AR": "ARG",
    "ZI": "ZWE",
    "ZA": "ZMB",
    "VM": "VNM",
    "VE": "VEN",
    "JO": "JOR",
    "SP": "ESP",
    "FR": "FRA",
    "GM": "DEU",
    "EG": "EGY",
    "AF": "AFG",
    "PK": "PAK",
    "JA": "JPN",
    "CA": "CAN",
    "MX": "MEX",
    "BR": "BRA",
    "NI": "NGA",
    "KE": "KEN",
}
QUERY_ACTOR = "IRN"
QUERY_MONTHS = ["2020-03", "2020-01", "2019-06", "2017-11", "2016-02", "2018-09", "2015-05", "2020-12"]

TARGETS = {
    "ingest": "ingest <= pandas read_csv (ratio <= 1.0), <= 2x polars; peak memory <= 0.5x pandas",
    "query": "one actor, one month: >= 100x faster than a pandas boolean scan",
    "json": "canonical JSON dump + load >= 300,000 objects/s",
    "help": "`mideast-model --help` <= 0.3 s",
    "import": "`import mideast_model` <= 0.15 s",
}


# --------------------------------------------------------------------------------- rows


def _real_pools() -> tuple[list[tuple[str, str]], list[str], list[tuple[Any, ...]]]:
    """Actor codes, event codes and places seen in the real GDELT rows (if present)."""
    actors: list[tuple[str, str]] = []
    codes: list[str] = []
    places: list[tuple[Any, ...]] = []
    for path in GDELT_EXPORTS:
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) != NCOLS:
                    continue
                for code, name in ((row[A1CODE], row[A1NAME]), (row[A2CODE], row[A2NAME])):
                    if code and name and code.isalpha() and code.isupper():
                        actors.append((code, name))
                codes.append(row[EVENTCODE])
                if row[GEO_TYPE] != "0" and row[GEO_LAT] and row[GEO_FIPS]:
                    places.append(
                        (
                            row[GEO_NAME],
                            row[GEO_FIPS],
                            row[GEO_ADM1],
                            float(row[GEO_LAT]),
                            float(row[GEO_LON]),
                            int(row[GEO_TYPE]),
                        )
                    )
    return actors, codes, places


def generate_rows(n: int, seed: int = 20200311) -> Iterator[list[str]]:
    """``n`` GDELT 2.0 event rows (61 string columns), deterministic for a seed."""
    rng = random.Random(seed)
    real_actors, real_codes, real_places = _real_pools()
    actor_pool = [(c, nm) for c, nm, _ in ACTORS] + real_actors
    actor_w = [w * 3 for *_, w in ACTORS] + [1] * len(real_actors)
    code_pool = [c for c, _ in EVENT_CODES] + real_codes
    code_w = [w * 3 for _, w in EVENT_CODES] + [1] * len(real_codes)
    place_pool = PLACES + real_places
    place_w = [6] * len(PLACES) + [1] * len(real_places)
    import datetime as dt

    start = dt.date(2015, 2, 19).toordinal()
    days = dt.date(2020, 12, 31).toordinal() - start
    chunk = 4096
    made = 0
    while made < n:
        k = min(chunk, n - made)
        a1s = rng.choices(actor_pool, actor_w, k=k)
        a2s = rng.choices(actor_pool, actor_w, k=k)
        evs = rng.choices(code_pool, code_w, k=k)
        pls = rng.choices(place_pool, place_w, k=k)
        for j in range(k):
            row = [""] * NCOLS
            day = dt.date.fromordinal(start + rng.randrange(days))
            row[ID] = str(900_000_000 + made + j)
            row[SQLDATE] = day.strftime("%Y%m%d")
            row[2], row[3] = row[SQLDATE][:6], row[SQLDATE][:4]
            row[4] = f"{day.year}.{(day.month * 30 + day.day) * 10000 // 365:04d}"
            r = rng.random()
            if r > 0.18:  # GDELT leaves about a fifth of the actors blank
                row[A1CODE], row[A1NAME] = a1s[j]
                row[A1COUNTRY] = a1s[j][0][:3] if a1s[j][0][:3] in FIPS_COUNTRY_CODES else ""
            if r < 0.85:
                row[A2CODE], row[A2NAME] = a2s[j]
                row[A2COUNTRY] = a2s[j][0][:3] if a2s[j][0][:3] in FIPS_COUNTRY_CODES else ""
            code = evs[j]
            row[25] = "1" if rng.random() < 0.5 else "0"
            row[EVENTCODE], row[BASECODE], row[ROOTCODE] = code, code[:3], code[:2]
            root = int(code[:2])
            row[QUAD] = "1" if root <= 5 else "2" if root <= 9 else "3" if root <= 14 else "4"
            row[GOLDSTEIN] = f"{rng.uniform(-10, 10):.1f}"
            row[31], row[32], row[33] = "4", "1", "4"
            row[34] = f"{rng.uniform(-10, 5):.6f}"
            name, fips, adm1, lat, lon, gtype = pls[j]
            row[GEO_TYPE], row[GEO_NAME], row[GEO_FIPS], row[GEO_ADM1] = str(gtype), name, fips, adm1
            row[GEO_LAT], row[GEO_LON] = f"{lat:.4f}", f"{lon:.4f}"
            row[58] = f"{day.strftime('%Y%m%d')}{rng.randrange(24):02d}{rng.choice(('00', '15', '30', '45'))}00"
            row[60] = f"https://news.example.org/{day.year}/{row[ID]}.html"
            yield row
        made += k


FIPS_COUNTRY_CODES = {"USA", "IRN", "IRQ", "SYR", "ISR", "SAU", "GBR", "RUS", "LBN", "TUR", "YEM", "ZWE", "ZAF", "IND"}


def write_tsv(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        writer.writerows(generate_rows(n))


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


# ------------------------------------------------------------------ the two implementations


def rows_to_objects(rows: Any) -> list[Any]:
    """Model objects for GDELT rows: one Actor per distinct code, one Event per row."""
    from mideast_model.model import (
        Actor,
        ActorKind,
        Event,
        EventKind,
        ExternalId,
        GeoPrecision,
        Participant,
        Place,
        Role,
        TimeSpan,
    )

    precision = {
        "1": GeoPrecision.COUNTRY,
        "2": GeoPrecision.REGION,
        "3": GeoPrecision.LOCALITY,
        "4": GeoPrecision.LOCALITY,
        "5": GeoPrecision.REGION,
    }
    actors: dict[str, Actor] = {}
    kinds: dict[str, EventKind] = {}
    spans: dict[str, TimeSpan] = {}
    places: dict[tuple[str, str, str, str], Place] = {}
    events: list[Any] = []

    def actor(code: str, name: str) -> str:
        found = actors.get(code)
        if found is None:
            kind = (
                ActorKind.GOVERNMENT_BODY
                if code.endswith("GOV")
                else ActorKind.MILITARY
                if code.endswith("MIL")
                else ActorKind.STATE
                if len(code) == 3 and code in FIPS_COUNTRY_CODES
                else ActorKind.GROUP
            )
            country = code[:3] if code[:3] in FIPS_COUNTRY_CODES else None
            found = Actor(
                id=f"actor:gdelt-{code.lower()}",
                name=name or code,
                kind=kind,
                country=country,
                external_ids=(ExternalId("cameo", code),),
            )
            actors[code] = found
        return found.id

    for row in rows:
        code = row[EVENTCODE]
        kind = kinds.get(code)
        if kind is None:
            kind = kinds[code] = EventKind.from_cameo(code)
        d = row[SQLDATE]
        span = spans.get(d)
        if span is None:
            span = spans[d] = TimeSpan(f"{d[:4]}-{d[4:6]}-{d[6:]}")
        parts = []
        if row[A1CODE]:
            parts.append(Participant(actor(row[A1CODE], row[A1NAME]), Role.INITIATOR))
        if row[A2CODE]:
            parts.append(Participant(actor(row[A2CODE], row[A2NAME]), Role.TARGET))
        place = None
        if row[GEO_TYPE] != "0" and row[GEO_NAME]:
            key = (row[GEO_NAME], row[GEO_FIPS], row[GEO_LAT], row[GEO_LON])
            place = places.get(key)
            if place is None:
                place = places[key] = Place(
                    name=row[GEO_NAME],
                    country=FIPS_TO_ISO3.get(row[GEO_FIPS]),
                    admin1=row[GEO_ADM1] or None,
                    lat=float(row[GEO_LAT]),
                    lon=float(row[GEO_LON]),
                    precision=precision.get(row[GEO_TYPE]),
                )
        title = f"{row[A1NAME] or 'unknown'} / CAMEO {code} / {row[A2NAME] or 'unknown'}"
        events.append(
            Event(
                id=f"event:gdelt-{row[ID]}",
                kind=kind,
                when=span,
                title=title,
                place=place,
                participants=tuple(parts),
                cameo=code,
            )
        )
    return [*actors.values(), *events]


def rows_to_frame(rows: Any) -> Any:
    """A pandas DataFrame of the same rows and columns the model keeps, with typed dates and numbers."""
    import pandas as pd

    df = pd.DataFrame([[r[i] for i in KEPT.values()] for r in rows], columns=list(KEPT))
    df["date"] = pd.to_datetime(df["date"], format="%Y%m%d")
    df["lat"] = pd.to_numeric(df["lat"], errors="coerce")
    df["lon"] = pd.to_numeric(df["lon"], errors="coerce")
    return df


# ------------------------------------------------------------------------------ measuring


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class Meter:
    """Time and added peak resident memory of one step."""

    def __enter__(self) -> Meter:
        gc.collect()
        self.reset = _reset_peak()
        self.rss0 = _status_kb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0
        peak = _status_kb("VmHWM") if self.reset else None
        peak = peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.peak_mb = peak / 1024
        self.added_mb = max(0, peak - self.rss0) / 1024


def worker(step: str, impl: str, tsv: Path) -> dict[str, Any]:
    """Run one step of one implementation; return its measurements."""
    out: dict[str, Any] = {"step": step, "impl": impl}
    # Import the libraries before measuring: start-up time is measured on its own.
    if impl == "ours":
        import mideast_model.dataset
        import mideast_model.io.canonical
        import mideast_model.model  # noqa: F401
    elif impl == "pandas":
        import pandas as pd

        pd.DataFrame({"warm": ["up"]}).to_json()
    else:
        import polars as pl

        pl.DataFrame({"warm": ["up"]})
    if step == "ingest":
        with Meter() as m:
            if impl == "ours":
                from mideast_model import Dataset

                with open(tsv, encoding="utf-8", newline="") as fh:
                    ds = Dataset.from_objects(rows_to_objects(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)))
                n = len(ds.events)
            elif impl == "pandas":
                import pandas as pd

                n = len(pd.read_csv(tsv, sep="\t", header=None, quoting=csv.QUOTE_NONE))
            else:
                import polars as pl

                n = pl.read_csv(tsv, separator="\t", has_header=False, infer_schema=False, quote_char=None).height
        out.update(seconds=m.seconds, added_mb=m.added_mb, peak_mb=m.peak_mb, n=n)
        return out

    rows = read_tsv(tsv)
    n = len(rows)
    if step == "construct":
        with Meter() as m:
            built = rows_to_objects(rows) if impl == "ours" else rows_to_frame(rows)
        out.update(seconds=m.seconds, added_mb=m.added_mb, n=len(built))
        return out

    if impl == "ours":
        from mideast_model import Dataset
        from mideast_model.io import canonical

        objects = rows_to_objects(rows)
        del rows
        if step == "validate":
            with Meter() as m:
                ds = Dataset.from_objects(objects)
            out.update(seconds=m.seconds, added_mb=m.added_mb, n=len(ds))
            return out
        ds = Dataset.from_objects(objects)
        del objects
        if step == "query":
            actor = f"actor:gdelt-{QUERY_ACTOR.lower()}"
            with Meter() as m:
                first = ds.events_involving(actor, QUERY_MONTHS[0], QUERY_MONTHS[0])
            out.update(index_seconds=m.seconds, index_added_mb=m.added_mb, hits=len(first))
            times = []
            for month in QUERY_MONTHS * 3:
                t0 = time.perf_counter()
                ds.events_involving(actor, month, month)
                times.append(time.perf_counter() - t0)
            out.update(seconds=statistics.median(times), n=n)
            return out
        if step == "json":
            with Meter() as m:
                data = canonical.dumps(ds)
            dump_s, dump_mb = m.seconds, m.added_mb
            with Meter() as m:
                back = canonical.loads(data)
            assert back == ds
            out.update(
                seconds=dump_s + m.seconds,
                dump_seconds=dump_s,
                load_seconds=m.seconds,
                n=len(ds),
                added_mb=max(dump_mb, m.added_mb),
                bytes=len(data),
            )
            return out
    else:
        import io

        import pandas as pd

        df = rows_to_frame(rows)
        actor_codes = pd.Series(sorted({r[A1CODE] for r in rows} | {r[A2CODE] for r in rows} - {""}))
        del rows
        if step == "validate":
            with Meter() as m:
                ok = bool(df["id"].is_unique)
                for col in ("actor1", "actor2"):
                    present = df[col] != ""
                    ok = ok and bool(df.loc[present, col].isin(actor_codes).all())
            assert ok
            out.update(seconds=m.seconds, added_mb=m.added_mb, n=len(df))
            return out
        if step == "query":
            times = []
            hits = 0
            for month in QUERY_MONTHS * 3:
                lo = pd.Timestamp(f"{month}-01")
                hi = lo + pd.offsets.MonthEnd(0)
                t0 = time.perf_counter()
                sel = df[
                    ((df["actor1"] == QUERY_ACTOR) | (df["actor2"] == QUERY_ACTOR))
                    & (df["date"] >= lo)
                    & (df["date"] <= hi)
                ]
                times.append(time.perf_counter() - t0)
                if month == QUERY_MONTHS[0]:
                    hits = len(sel)
            out.update(seconds=statistics.median(times), hits=hits, n=len(df))
            return out
        if step == "json":
            with Meter() as m:
                text = df.to_json(orient="records", date_format="iso")
            dump_s, dump_mb = m.seconds, m.added_mb
            with Meter() as m:
                back = pd.read_json(io.StringIO(text), orient="records", dtype=False)
            assert len(back) == len(df)
            out.update(
                seconds=dump_s + m.seconds,
                dump_seconds=dump_s,
                load_seconds=m.seconds,
                n=len(df),
                added_mb=max(dump_mb, m.added_mb),
                bytes=len(text),
            )
            return out
    raise SystemExit(f"unknown step {step!r}")


def run_worker(step: str, impl: str, tsv: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", step, impl, str(tsv)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"step": step, "impl": impl, "error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def median_runtime(cmd: list[str], runs: int = 5) -> float:
    times = []
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    subprocess.run(cmd, capture_output=True, check=False, env=env)  # warm the file cache and .pyc files
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# ---------------------------------------------------------------------------- reporting


def _fmt_s(s: float | None) -> str:
    if s is None:
        return "-"
    return f"{s * 1000:.2f} ms" if s < 1 else f"{s:.2f} s"


def _fmt_mb(mb: float | None) -> str:
    return "-" if mb is None else f"{mb:.0f} MB"


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if not a or not b else f"{a / b:.2f}x"


def bench_size(n: int, workdir: Path) -> dict[str, Any]:
    tsv = workdir / f"gdelt2_{n}.tsv"
    t0 = time.perf_counter()
    write_tsv(tsv, n)
    print(
        f"\n== {n:,} GDELT 2.0 rows ({tsv.stat().st_size / 1e6:.1f} MB TSV, written in "
        f"{time.perf_counter() - t0:.1f} s) ==",
        flush=True,
    )
    res: dict[str, Any] = {}
    for step, impls in (
        ("ingest", ("ours", "pandas", "polars")),
        ("construct", ("ours", "pandas")),
        ("validate", ("ours", "pandas")),
        ("query", ("ours", "pandas")),
        ("json", ("ours", "pandas")),
    ):
        for impl in impls:
            res[f"{step}/{impl}"] = run_worker(step, impl, tsv)
    tsv.unlink()
    print_size(n, res)
    return res


def print_size(n: int, res: dict[str, Any]) -> None:
    def g(key: str, field: str = "seconds") -> Any:
        return res.get(key, {}).get(field)

    errors = [f"{k}: {v['error']}" for k, v in res.items() if "error" in v]
    header = (
        f"{'step':<10} {'mideast-model':>14} {'pandas':>12} {'time ours/pandas':>17} "
        f"{'+peak ours':>11} {'+peak pandas':>13} {'mem ours/pandas':>16}"
    )
    print(header)
    print("-" * len(header))
    for step in ("ingest", "construct", "validate", "query", "json"):
        ours, pd_ = f"{step}/ours", f"{step}/pandas"
        print(
            f"{step:<10} {_fmt_s(g(ours)):>14} {_fmt_s(g(pd_)):>12} {_ratio(g(ours), g(pd_)):>17} "
            f"{_fmt_mb(g(ours, 'added_mb')):>11} {_fmt_mb(g(pd_, 'added_mb')):>13} "
            f"{_ratio(g(ours, 'added_mb'), g(pd_, 'added_mb')):>16}"
        )
    print(
        f"{'index':<10} {_fmt_s(g('query/ours', 'index_seconds')):>14} {'(none)':>12} "
        f"{'':>17} {_fmt_mb(g('query/ours', 'index_added_mb')):>11}"
    )
    print()
    ingest_o, ingest_pl = g("ingest/ours"), g("ingest/polars")
    print(
        f"ingest: polars read_csv (all strings) {_fmt_s(ingest_pl)}, +{_fmt_mb(g('ingest/polars', 'added_mb'))}; "
        f"ours/polars {_ratio(ingest_o, ingest_pl)}; absolute peaks: ours {_fmt_mb(g('ingest/ours', 'peak_mb'))}, "
        f"pandas {_fmt_mb(g('ingest/pandas', 'peak_mb'))}, polars {_fmt_mb(g('ingest/polars', 'peak_mb'))}"
    )
    print(f"  target: {TARGETS['ingest']}")
    q_o, q_p = g("query/ours"), g("query/pandas")
    print(
        f"query {QUERY_ACTOR} x one month ({res.get('query/ours', {}).get('hits')} events; pandas found "
        f"{res.get('query/pandas', {}).get('hits')} rows): ours {_fmt_s(q_o)}, pandas {_fmt_s(q_p)} -> "
        f"speed-up {_ratio(q_p, q_o)}"
    )
    print(f"  target: {TARGETS['query']}")
    for impl in ("ours", "pandas"):
        r = res.get(f"json/{impl}", {})
        if "seconds" in r:
            print(
                f"json {impl}: dump {_fmt_s(r['dump_seconds'])} + load {_fmt_s(r['load_seconds'])} of "
                f"{r['n']:,} objects ({r['bytes'] / 1e6:.1f} MB) = {r['n'] / r['seconds']:,.0f} objects/s"
            )
    print(f"  target: {TARGETS['json']}")
    for e in errors:
        print(f"  ERROR {e}")


def bench_startup() -> dict[str, float]:
    exe = shutil.which("mideast-model")
    help_cmd = [exe, "--help"] if exe else [sys.executable, "-m", "mideast_model.cli", "--help"]
    res = {
        "python -c pass": median_runtime([sys.executable, "-c", "pass"]),
        "import mideast_model": median_runtime([sys.executable, "-c", "import mideast_model"]),
        "mideast-model --help": median_runtime(help_cmd),
    }
    base = res["python -c pass"]
    print("\n== start-up (median of 5 runs) ==")
    for name, s in res.items():
        extra = "" if name == "python -c pass" else f"  (+{_fmt_s(s - base)} over python -c pass)"
        print(f"{name:<24} {_fmt_s(s):>10}{extra}")
    print(f"  targets: {TARGETS['help']}; {TARGETS['import']}")
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also run 10^6 events")
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated event counts")
    parser.add_argument("--json", dest="json_out", help="write all measurements to this file")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurements")
    parser.add_argument("--worker", nargs=3, metavar=("STEP", "IMPL", "TSV"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        step, impl, tsv = args.worker
        print(json.dumps(worker(step, impl, Path(tsv))))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.full and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    import platform

    print(
        f"mideast-model core benchmark: Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"real GDELT rows mixed in: {'yes' if GDELT_EXPORTS else 'no (../shared/data absent)'}"
    )
    print("DESIGN §8 targets (printed, not asserted):")
    for t in TARGETS.values():
        print(f"  - {t}")
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="mm-bench-") as tmp:
        for n in sizes:
            results[str(n)] = bench_size(n, Path(tmp))
    if not args.no_startup:
        results["startup"] = bench_startup()
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
