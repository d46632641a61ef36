"""The bulk analyses as SQL over the event table, written once for DuckDB and Spark.

Each query is DuckDB SQL kept to the subset that sqlglot transpiles to Spark SQL (no
lambdas, no DuckDB-only functions): ``UNNEST`` becomes ``LATERAL VIEW EXPLODE``,
``date_diff`` becomes ``DATEDIFF``. They read the view ``events`` (the event table) and
two small lookup tables, ``goldstein`` (CAMEO code → score, the shipped GDELT table) and
``kinds`` (event kind → its representative code's score). Functions take any
:class:`~mideast_model.store.Store`: a :class:`~mideast_model.events.store.ParquetStore`
is queried where it lies; an in-memory Dataset's events go through the one row
conversion into an Arrow table first. Results are Arrow tables.

Dispatch points for the analyses and the report:

- :func:`escalation_table` — events, conflict, cooperation, index and trend per directed
  dyad and month;
- :func:`timeline_counts` — events per month and kind;
- :func:`titfortat_pairs` and :func:`titfortat_dyads` — each hostile action's earliest
  answer, and the answer rate per dyad;
- :func:`hawkes_series` — hostile events per dyad and day;
- :func:`link_candidates` — cross-source event pairs blocked by day and country;
- :func:`monthly_counts` and :func:`top_dyads` — the report's aggregates.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mideast_model.errors import InvalidInputError

if TYPE_CHECKING:
    import duckdb
    import pyarrow

    from mideast_model.store import Store

__all__ = [
    "QUERIES",
    "duckdb_connection",
    "escalation_sql",
    "escalation_table",
    "hawkes_series",
    "link_candidates",
    "monthly_counts",
    "run",
    "run_spark",
    "timeline_counts",
    "titfortat_dyads",
    "titfortat_pairs",
    "to_spark",
    "top_dyads",
]

# -- the queries (DuckDB dialect; transpiled for Spark) --------------------------------------

_PARTS = """
parts AS (
  SELECT e.id, e.day, p.actor AS actor, p.role AS role
  FROM events AS e CROSS JOIN UNNEST(e.participants) AS u(p)
),
dyads AS (
  SELECT DISTINCT a.id, a.day, a.actor AS actor, b.actor AS target
  FROM parts AS a JOIN parts AS b ON a.id = b.id
  WHERE a.role = 'initiator' AND b.role IN ('target', 'victim') AND a.actor <> b.actor AND a.day IS NOT NULL
)"""

_SCORED = """
scored AS (
  SELECT e.id,
         COALESCE({own}, g1.score, g2.score, g3.score, k.score) AS score,
         COALESCE(e.cameo, k.code) AS code
  FROM events AS e
  LEFT JOIN goldstein AS g1 ON g1.code = e.cameo
  LEFT JOIN goldstein AS g2 ON g2.code = SUBSTR(e.cameo, 1, 3)
  LEFT JOIN goldstein AS g3 ON g3.code = SUBSTR(e.cameo, 1, 2)
  LEFT JOIN kinds AS k ON k.kind = e.kind
)"""


def escalation_sql(fatality_ref: float = 100.0, max_span: int = 400, own_goldstein: bool = True) -> str:
    """The escalation query per directed dyad and month (the ``escalation`` analysis' index).

    Per event, severity ``s = c·(½ + ½·f)`` with ``c = max(0, −g)/10`` from the Goldstein
    score ``g`` (the event's own metric with ``own_goldstein``, else its CAMEO code's, else
    its kind's) and ``f = min(1, log10(1 + deaths)/log10(1 + fatality_ref))`` from
    ``fatalities_best``, else ``fatalities_low``, else the casualties' killed. An event
    counts for each *named initiator → target/victim* pair (actors in ``unknown_actors``
    do not act); one spanning several months is spread over them by its days (fuzzy
    bounds), one longer than ``max_span`` days is left out. Per dyad and month, with
    ``volume`` the weighted number of events and ``severity`` their mean:
    ``idx = 10·severity·(½ + ½·min(1, ln(1 + volume)/ln(31)))``; ``percentile`` is the
    share of rows with an index at most this one; ``trend`` the change from the previous
    month's index (0 when the dyad had none). Ties are ranked on the index rounded to 9 digits
    (engines sum in different orders).

    ``fatalities`` and ``shared_fatalities`` split the deaths as the analysis does: a casualty
    record whose ``group`` is a target of the event gives its killed to that target's dyads —
    the dyad's own with one initiator for it, shared with several; the deaths no record
    places are the dyad's own when the event has one dyad, else shared by all its dyads
    (none is placed when the records name more than the toll). The severity keeps the
    event's whole toll.
    """
    own = "e.goldstein" if own_goldstein else "CAST(NULL AS DOUBLE)"
    ref = float(fatality_ref)
    if not ref > 0:
        raise InvalidInputError(f"fatality_ref must be positive, got {fatality_ref!r}")
    span = int(max_span)
    return f"""
WITH parts AS (
  SELECT e.id, p.actor AS actor, p.role AS role
  FROM events AS e CROSS JOIN UNNEST(e.participants) AS u(p)
),
acting AS (
  SELECT DISTINCT id, actor FROM parts
  WHERE role = 'initiator' AND actor NOT IN (SELECT id FROM unknown_actors)
),
acted AS (SELECT DISTINCT id, actor FROM parts WHERE role IN ('target', 'victim')),
dyads AS (
  SELECT a.id, a.actor, b.actor AS target FROM acting AS a JOIN acted AS b ON a.id = b.id WHERE a.actor <> b.actor
),
killed AS (
  SELECT e.id, SUM(c.killed_low) AS killed
  FROM events AS e CROSS JOIN UNNEST(e.casualties) AS u(c)
  WHERE c.killed_low IS NOT NULL GROUP BY e.id
),
victims AS (
  SELECT e.id, c."group" AS target, SUM(c.killed_low) AS k
  FROM events AS e CROSS JOIN UNNEST(e.casualties) AS u(c)
  WHERE c.killed_low > 0 AND c."group" IS NOT NULL GROUP BY e.id, c."group"
),
per_target AS (
  SELECT t.id, t.target, t.p, COALESCE(v.k, 0) AS k
  FROM (SELECT id, target, COUNT(*) AS p FROM dyads GROUP BY id, target) AS t
  LEFT JOIN victims AS v ON v.id = t.id AND v.target = t.target
),
per_event AS (SELECT id, SUM(p) AS n, SUM(k) AS placed FROM per_target GROUP BY id),
scored AS (
  SELECT e.id, e.fuzzy_earliest AS first, e.fuzzy_latest AS last,
         COALESCE({own}, g1.score, g2.score, g3.score, k.score) AS g,
         COALESCE(e.fatalities_best, e.fatalities_low, kl.killed) AS deaths
  FROM events AS e
  LEFT JOIN goldstein AS g1 ON g1.code = e.cameo
  LEFT JOIN goldstein AS g2 ON g2.code = SUBSTR(e.cameo, 1, 3)
  LEFT JOIN goldstein AS g3 ON g3.code = SUBSTR(e.cameo, 1, 2)
  LEFT JOIN kinds AS k ON k.kind = e.kind
  LEFT JOIN killed AS kl ON kl.id = e.id
  WHERE e.day IS NOT NULL AND e.fuzzy_earliest IS NOT NULL AND e.fuzzy_latest IS NOT NULL
    AND DATE_DIFF('day', e.fuzzy_earliest, e.fuzzy_latest) + 1 <= {span}
),
severity AS (
  SELECT id, first, last, g, deaths,
         ROUND(GREATEST(0.0, -COALESCE(g, 0.0)) / 10.0 * (0.5 + 0.5 * CASE WHEN deaths IS NULL OR deaths = 0 THEN 0.0
               ELSE LEAST(1.0, LOG10(1.0 + deaths) / LOG10(1.0 + {ref!r})) END), 6) AS s
  FROM scored
),
split AS (
  SELECT d.id, d.actor, d.target,
         CASE WHEN t.p = 1 AND e.fits THEN t.k ELSE 0 END
           + CASE WHEN e.n = 1 THEN e.deaths - CASE WHEN e.fits THEN e.placed ELSE 0 END ELSE 0 END AS own,
         CASE WHEN t.p > 1 AND e.fits THEN t.k ELSE 0 END
           + CASE WHEN e.n > 1 THEN e.deaths - CASE WHEN e.fits THEN e.placed ELSE 0 END ELSE 0 END AS shared
  FROM dyads AS d
  JOIN per_target AS t ON t.id = d.id AND t.target = d.target
  JOIN (SELECT pe.id, pe.n, pe.placed, COALESCE(v.deaths, 0) AS deaths, pe.placed <= COALESCE(v.deaths, 0) AS fits
        FROM per_event AS pe JOIN severity AS v ON v.id = pe.id) AS e ON e.id = d.id
),
months AS (
  SELECT v.id, CAST(DATE_TRUNC('month', v.first) AS DATE) AS start, CAST(1 AS DOUBLE) AS w, v.g, v.s, v.deaths
  FROM severity AS v
  WHERE DATE_TRUNC('month', v.first) = DATE_TRUNC('month', v.last)
  UNION ALL
  SELECT v.id, CAST(u.start AS DATE) AS start,
         CAST(DATE_DIFF('day', GREATEST(CAST(u.start AS DATE), v.first), LEAST(LAST_DAY(CAST(u.start AS DATE)), v.last))
              + 1 AS DOUBLE) / CAST(DATE_DIFF('day', v.first, v.last) + 1 AS DOUBLE) AS w, v.g, v.s, v.deaths
  FROM severity AS v CROSS JOIN UNNEST(GENERATE_SERIES(CAST(DATE_TRUNC('month', v.first) AS DATE),
       CAST(DATE_TRUNC('month', v.last) AS DATE), INTERVAL 1 MONTH)) AS u(start)
  WHERE DATE_TRUNC('month', v.first) <> DATE_TRUNC('month', v.last)
),
monthly AS (
  SELECT d.actor, d.target, m.start, COUNT(*) AS events, SUM(m.w) AS volume,
         SUM(m.w * GREATEST(0.0, -COALESCE(m.g, 0.0))) AS conflict,
         SUM(m.w * GREATEST(0.0, COALESCE(m.g, 0.0))) AS cooperation,
         SUM(m.w * m.s) AS sev, SUM(m.w * CAST(d.own AS DOUBLE)) AS deaths,
         SUM(m.w * CAST(d.shared AS DOUBLE)) AS shared
  FROM split AS d JOIN months AS m ON m.id = d.id
  GROUP BY d.actor, d.target, m.start
),
indexed AS (
  SELECT actor, target, start, events, volume, conflict, cooperation, deaths, shared,
         CASE WHEN volume > 0 THEN sev / volume ELSE 0.0 END AS severity,
         10.0 * (CASE WHEN volume > 0 THEN sev / volume ELSE 0.0 END)
           * (0.5 + 0.5 * LEAST(1.0, LN(1.0 + volume) / LN(31.0))) AS idx
  FROM monthly
),
ranked AS (
  SELECT *, CUME_DIST() OVER (ORDER BY ROUND(idx, 9)) AS percentile,
         LAG(start) OVER (PARTITION BY actor, target ORDER BY start) AS prev_start,
         LAG(idx) OVER (PARTITION BY actor, target ORDER BY start) AS prev_idx
  FROM indexed
)
SELECT actor, target,
       CAST(EXTRACT(YEAR FROM start) AS INT) AS year, CAST(EXTRACT(MONTH FROM start) AS INT) AS month,
       events, ROUND(volume, 6) AS volume, ROUND(conflict, 6) AS conflict, ROUND(cooperation, 6) AS cooperation,
       ROUND(cooperation - conflict, 6) AS net, ROUND(severity, 6) AS severity, deaths AS fatalities,
       shared AS shared_fatalities,
       ROUND(idx, 6) AS idx, ROUND(percentile, 6) AS percentile,
       ROUND(idx - CASE WHEN DATE_DIFF('month', prev_start, start) = 1 THEN prev_idx ELSE 0.0 END, 6) AS trend
FROM ranked
ORDER BY actor, target, year, month
"""


def timeline_sql() -> str:
    """Events per month (of the event's day; null for undated events) and kind."""
    return """
SELECT CAST(EXTRACT(YEAR FROM day) AS INT) AS year, CAST(EXTRACT(MONTH FROM day) AS INT) AS month,
       kind, COUNT(*) AS events
FROM events
GROUP BY CAST(EXTRACT(YEAR FROM day) AS INT), CAST(EXTRACT(MONTH FROM day) AS INT), kind
ORDER BY year NULLS FIRST, month NULLS FIRST, kind
"""


def _actions_sql(threats: bool) -> str:
    roots = "'17', '18', '19', '20'" + (", '13'" if threats else "")
    return f"""
WITH {_PARTS.strip()},
{_SCORED.format(own="CAST(NULL AS DOUBLE)").strip()},
actions AS (
  SELECT d.id, d.actor, d.target, d.day
  FROM dyads AS d JOIN scored AS s ON s.id = d.id
  WHERE SUBSTR(s.code, 1, 2) IN ({roots})
)"""


def titfortat_sql(window: int = 7, threats: bool = False) -> str:
    """Each hostile action A → B with its earliest answer B → A within ``window`` days (strictly later)."""
    return f"""
{_actions_sql(threats).strip()},
answers AS (
  SELECT a.id AS event, a.actor, a.target, a.day,
         b.id AS answer, b.day AS answer_day, DATE_DIFF('day', a.day, b.day) AS delay,
         ROW_NUMBER() OVER (PARTITION BY a.id, a.actor, a.target ORDER BY b.day, b.id) AS rank
  FROM actions AS a JOIN actions AS b
    ON b.actor = a.target AND b.target = a.actor
   AND DATE_DIFF('day', a.day, b.day) >= 1 AND DATE_DIFF('day', a.day, b.day) <= {int(window)}
)
SELECT a.id AS event, a.actor, a.target, a.day, w.answer, w.answer_day, w.delay
FROM actions AS a LEFT JOIN answers AS w
  ON w.event = a.id AND w.actor = a.actor AND w.target = a.target AND w.rank = 1
ORDER BY a.day, a.id, a.actor, a.target
"""


def titfortat_dyads_sql(window: int = 7, threats: bool = False) -> str:
    """Per directed dyad: hostile actions, how many were answered within ``window`` days."""
    return f"""
WITH pairs AS ({titfortat_sql(window, threats).strip().removesuffix("ORDER BY a.day, a.id, a.actor, a.target")})
SELECT actor, target, COUNT(*) AS actions, COUNT(answer) AS answered
FROM pairs GROUP BY actor, target ORDER BY actor, target
"""


def hawkes_sql(threats: bool = False) -> str:
    """Hostile events per directed dyad and day: the event series a Hawkes process is fitted to."""
    return f"""
{_actions_sql(threats).strip()}
SELECT actor, target, day, COUNT(*) AS events
FROM actions GROUP BY actor, target, day ORDER BY actor, target, day
"""


def links_sql(days: int = 1) -> str:
    """Candidate pairs for linking events across sources: same country, days at most ``days`` apart."""
    return f"""
SELECT a.id AS left_id, b.id AS right_id, a.source AS left_source, b.source AS right_source,
       a.place_country AS country, ABS(DATE_DIFF('day', a.day, b.day)) AS days_apart
FROM events AS a JOIN events AS b
  ON a.place_country = b.place_country AND a.source < b.source
 AND ABS(DATE_DIFF('day', a.day, b.day)) <= {int(days)}
WHERE a.day IS NOT NULL AND b.day IS NOT NULL
ORDER BY a.id, b.id
"""


def monthly_sql() -> str:
    """The report's monthly counts: events, material-conflict events and fatalities per month."""
    return """
SELECT CAST(EXTRACT(YEAR FROM day) AS INT) AS year, CAST(EXTRACT(MONTH FROM day) AS INT) AS month,
       COUNT(*) AS events,
       CAST(SUM(CASE WHEN SUBSTR(COALESCE(cameo, ''), 1, 2) IN ('17', '18', '19', '20') THEN 1 ELSE 0 END) AS BIGINT)
         AS hostile,
       CAST(SUM(COALESCE(fatalities_best, 0)) AS BIGINT) AS fatalities
FROM events WHERE day IS NOT NULL
GROUP BY CAST(EXTRACT(YEAR FROM day) AS INT), CAST(EXTRACT(MONTH FROM day) AS INT)
ORDER BY year, month
"""


def top_dyads_sql(limit: int = 20) -> str:
    """The report's top directed dyads by number of events."""
    return f"""
WITH {_PARTS.strip()}
SELECT actor, target, COUNT(*) AS events, MIN(day) AS first_day, MAX(day) AS last_day
FROM dyads GROUP BY actor, target ORDER BY events DESC, actor, target LIMIT {int(limit)}
"""


#: The bulk queries by name, each a function of its parameters returning DuckDB SQL.
QUERIES: dict[str, Callable[..., str]] = {
    "escalation": escalation_sql,
    "timeline": timeline_sql,
    "titfortat": titfortat_sql,
    "titfortat_dyads": titfortat_dyads_sql,
    "hawkes": hawkes_sql,
    "links": links_sql,
    "monthly": monthly_sql,
    "top_dyads": top_dyads_sql,
}

# -- lookup tables -----------------------------------------------------------------------------


@functools.cache
def lookup_rows() -> tuple[list[tuple[str, float]], list[tuple[str, str | None, float | None]]]:
    """(goldstein rows ``(code, score)``, kind rows ``(kind, code, score)``) for the lookup tables."""
    from mideast_model.analyses.goldstein import goldstein, goldstein_table
    from mideast_model.model import EventKind

    codes = sorted(goldstein_table().items())
    kinds = [(k.value, k.cameo, goldstein(k.cameo) if k.cameo else None) for k in EventKind]
    return codes, kinds


def lookup_tables() -> dict[str, pyarrow.Table]:
    """The ``goldstein`` and ``kinds`` tables as Arrow tables."""
    import pyarrow as pa

    codes, kinds = lookup_rows()
    return {
        "goldstein": pa.table({"code": [c for c, _ in codes], "score": [s for _, s in codes]}),
        "kinds": pa.table(
            {
                "kind": [k for k, _, _ in kinds],
                "code": pa.array([c for _, c, _ in kinds], pa.string()),
                "score": pa.array([s for _, _, s in kinds], pa.float64()),
            }
        ),
    }


# -- engines -------------------------------------------------------------------------------------


def duckdb_connection(store: Store) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the view ``events`` of ``store`` and the lookup tables."""
    from mideast_model.events.store import ParquetStore

    if isinstance(store, ParquetStore):
        con = store.connection
    else:
        import duckdb

        from mideast_model.events.convert import events_to_table

        con = duckdb.connect(":memory:")
        con.register("events", events_to_table(store.events.values()))
    tables = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    if ("goldstein",) not in tables:
        for name, table in lookup_tables().items():
            con.register(name, table)
        con.register("unknown_actors", _unknown_table(store))
    return con


def unknown_actors(store: Store) -> list[str]:
    """Ids of the store's actors that code an unknown perpetrator ("Unidentified Armed Group")."""
    from mideast_model.analyses.common import Sides

    sides = Sides(store)  # type: ignore[arg-type]
    return sorted(a for a in store.actors if sides.unknown(a))


def _unknown_table(store: Store) -> pyarrow.Table:
    import pyarrow as pa

    return pa.table({"id": pa.array(unknown_actors(store), pa.string())})


def run(store: Store, name: str, **params: Any) -> pyarrow.Table:
    """Run the bulk query ``name`` (a key of :data:`QUERIES`) on ``store`` with DuckDB."""
    try:
        make = QUERIES[name]
    except KeyError:
        raise InvalidInputError(f"no bulk query {name!r} (one of {', '.join(QUERIES)})") from None
    con = duckdb_connection(store)
    return con.sql(make(**params)).to_arrow_table()


def to_spark(query: str) -> str:
    """A query of :data:`QUERIES` transpiled from DuckDB SQL to Spark SQL by sqlglot."""
    import sqlglot

    return str(sqlglot.transpile(query, read="duckdb", write="spark")[0])


def run_spark(
    spark: Any, events_path: str, name: str, *, unknown: list[str] | None = None, **params: Any
) -> pyarrow.Table:
    """Run the bulk query ``name`` on Spark over the event table's Parquet at ``events_path``.

    :param spark: a ``pyspark.sql.SparkSession`` (local or a cluster's).
    :param events_path: the ``events/`` directory of a store (any path or URL Spark reads:
        ``s3a://bucket/store/events``, ``hdfs://…``); hive partitions are discovered.
    :param unknown: actor ids that code an unknown perpetrator (:func:`unknown_actors` of the store).
    :return: the result collected as an Arrow table.
    """
    import pyarrow as pa

    spark.read.parquet(events_path).createOrReplaceTempView("events")
    codes, kinds = lookup_rows()
    spark.createDataFrame(codes, "code string, score double").createOrReplaceTempView("goldstein")
    spark.createDataFrame(kinds, "kind string, code string, score double").createOrReplaceTempView("kinds")
    spark.createDataFrame([(a,) for a in unknown or []], "id string").createOrReplaceTempView("unknown_actors")
    frame = spark.sql(to_spark(QUERIES[name](**params)))
    rows = [row.asDict() for row in frame.collect()]
    names = frame.columns
    return pa.table({n: [r[n] for r in rows] for n in names}) if rows else pa.table({n: [] for n in names})


# -- the dispatch points ------------------------------------------------------------------------


def escalation_table(
    store: Store, *, fatality_ref: float = 100.0, max_span: int = 400, own_goldstein: bool = True
) -> pyarrow.Table:
    """Escalation per directed dyad and month over ``store`` (see :func:`escalation_sql`).

    The same index as ``analyses.escalation.run(store, window="month", merge_units=False,
    attributed=False)``, without ``rollup``.

    :param fatality_ref: deaths at which an event's fatality weight is full.
    :param max_span: events spanning more days are left out.
    :param own_goldstein: score an event by its own Goldstein metric when it has one.
    """
    if max_span < 1:
        raise InvalidInputError(f"max_span must be at least 1 day, got {max_span!r}")
    return run(store, "escalation", fatality_ref=fatality_ref, max_span=max_span, own_goldstein=own_goldstein)


def timeline_counts(store: Store) -> pyarrow.Table:
    """Events per month and kind over ``store``."""
    return run(store, "timeline")


def titfortat_pairs(store: Store, *, window: int = 7, threats: bool = False) -> pyarrow.Table:
    """Each hostile action with its earliest answer within ``window`` days (null when unanswered)."""
    if window < 1:
        raise InvalidInputError(f"window must be at least 1 day, got {window!r}")
    return run(store, "titfortat", window=window, threats=threats)


def titfortat_dyads(store: Store, *, window: int = 7, threats: bool = False) -> pyarrow.Table:
    """Per directed dyad: hostile actions and how many were answered within ``window`` days."""
    if window < 1:
        raise InvalidInputError(f"window must be at least 1 day, got {window!r}")
    return run(store, "titfortat_dyads", window=window, threats=threats)


def hawkes_series(store: Store, *, threats: bool = False) -> pyarrow.Table:
    """Hostile events per directed dyad and day."""
    return run(store, "hawkes", threats=threats)


def link_candidates(store: Store, *, days: int = 1) -> pyarrow.Table:
    """Event pairs from two sources in one country at most ``days`` apart (the links' blocking)."""
    return run(store, "links", days=days)


def monthly_counts(store: Store) -> pyarrow.Table:
    """Events, material-conflict events and best fatality estimates per month."""
    return run(store, "monthly")


def top_dyads(store: Store, *, limit: int = 20) -> pyarrow.Table:
    """The ``limit`` directed dyads with the most events."""
    return run(store, "top_dyads", limit=limit)


# -- other engines ------------------------------------------------------------------------------


def to_dialect(query: str, dialect: str) -> str:
    """A query of :data:`QUERIES` transpiled from DuckDB SQL to another sqlglot dialect (``bigquery``…)."""
    import sqlglot

    return str(sqlglot.transpile(query, read="duckdb", write=dialect)[0])


def gdelt_bigquery_view(table: str = "gdelt-bq.gdeltv2.events") -> str:
    """BigQuery SQL selecting GDELT's public events table as the event table's columns.

    The columns the bulk queries read (``id``, ``kind``, ``day``, ``earliest``, ``latest``,
    ``cameo``, ``participants``, ``goldstein``, ``place_country``, ``source``,
    ``fatalities_best``) are made from GDELT's own: actors become ``actor:cameo:CODE``
    (no resolution to curated actors), the kind comes from the CAMEO code by the same
    table :meth:`~mideast_model.model.EventKind.from_cameo` uses, and ``place_country``
    stays GDELT's FIPS code. Create it as a view (``CREATE VIEW dataset.events AS …``)
    and run :func:`to_dialect` ``(query, "bigquery")`` over it.

    :param table: the GDELT 2.0 events table (``gdelt-bq.gdeltv2.events``; the 1.0
        table ``gdelt-bq.full.events`` has the same columns).
    """
    from mideast_model.model import EventKind

    codes, _ = lookup_rows()
    whens = []
    for code, _score in codes:
        try:
            whens.append(f"WHEN '{code}' THEN '{EventKind.from_cameo(code).value}'")
        except ValueError:
            continue
    kind = "CASE EventCode " + " ".join(whens) + " ELSE 'other' END"
    return f"""
SELECT
  CONCAT('event:gdelt:', CAST(GLOBALEVENTID AS STRING)) AS id,
  {kind} AS kind,
  PARSE_DATE('%Y%m%d', CAST(SQLDATE AS STRING)) AS day,
  PARSE_DATE('%Y%m%d', CAST(SQLDATE AS STRING)) AS earliest,
  PARSE_DATE('%Y%m%d', CAST(SQLDATE AS STRING)) AS latest,
  EventCode AS cameo,
  ARRAY_CONCAT(
    IF(Actor1Code IS NULL OR Actor1Code = '', [],
       [STRUCT(CONCAT('actor:cameo:', Actor1Code) AS actor, 'initiator' AS role, 1 AS side, FALSE AS associated)]),
    IF(Actor2Code IS NULL OR Actor2Code = '' OR Actor2Code = Actor1Code, [],
       [STRUCT(CONCAT('actor:cameo:', Actor2Code) AS actor, 'target' AS role, 2 AS side, FALSE AS associated)])
  ) AS participants,
  GoldsteinScale AS goldstein,
  ActionGeo_CountryCode AS place_country,
  'source:gdelt-2' AS source,
  CAST(NULL AS INT64) AS fatalities_best
FROM `{table}`
"""
