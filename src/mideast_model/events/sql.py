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


def escalation_sql(scale: float = 10.0, own_goldstein: bool = True) -> str:
    """The escalation query: per directed dyad and month, events, conflict, cooperation, index, trend.

    ``conflict`` is the sum of ``max(0, -g)`` and ``cooperation`` of ``max(0, g)`` over the
    dyad's events, ``g`` the event's own Goldstein score (with ``own_goldstein``) else its
    CAMEO code's; ``index = 10·(1 − exp(−conflict/scale))``; ``trend`` is the index minus
    the previous calendar month's (0 when the dyad had no events then).
    """
    own = "e.goldstein" if own_goldstein else "CAST(NULL AS DOUBLE)"
    return f"""
WITH {_PARTS.strip()},
{_SCORED.format(own=own).strip()},
monthly AS (
  SELECT d.actor, d.target,
         CAST(EXTRACT(YEAR FROM d.day) AS INT) AS year,
         CAST(EXTRACT(MONTH FROM d.day) AS INT) AS month,
         COUNT(*) AS events,
         SUM(GREATEST(0.0, -COALESCE(s.score, 0.0))) AS conflict,
         SUM(GREATEST(0.0, COALESCE(s.score, 0.0))) AS cooperation
  FROM dyads AS d JOIN scored AS s ON s.id = d.id
  GROUP BY d.actor, d.target, CAST(EXTRACT(YEAR FROM d.day) AS INT), CAST(EXTRACT(MONTH FROM d.day) AS INT)
),
indexed AS (
  SELECT actor, target, year, month, events, conflict, cooperation,
         10.0 * (1.0 - EXP(-conflict / {float(scale)!r})) AS idx,
         LAG(year * 12 + month) OVER (PARTITION BY actor, target ORDER BY year, month) AS prev_month,
         LAG(10.0 * (1.0 - EXP(-conflict / {float(scale)!r}))) OVER (PARTITION BY actor, target ORDER BY year, month)
           AS prev_idx
  FROM monthly
)
SELECT actor, target, year, month, events,
       ROUND(conflict, 6) AS conflict, ROUND(cooperation, 6) AS cooperation,
       ROUND(cooperation - conflict, 6) AS net, ROUND(idx, 6) AS idx,
       ROUND(idx - CASE WHEN prev_month = year * 12 + month - 1 THEN prev_idx ELSE 0.0 END, 6) AS trend
FROM indexed
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
       SUM(CASE WHEN SUBSTR(COALESCE(cameo, ''), 1, 2) IN ('17', '18', '19', '20') THEN 1 ELSE 0 END) AS hostile,
       SUM(COALESCE(fatalities_best, 0)) AS fatalities
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
    return con


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


def run_spark(spark: Any, events_path: str, name: str, **params: Any) -> pyarrow.Table:
    """Run the bulk query ``name`` on Spark over the event table's Parquet at ``events_path``.

    :param spark: a ``pyspark.sql.SparkSession`` (local or a cluster's).
    :param events_path: the ``events/`` directory of a store (any path or URL Spark reads:
        ``s3a://bucket/store/events``, ``hdfs://…``); hive partitions are discovered.
    :return: the result collected as an Arrow table.
    """
    import pyarrow as pa

    spark.read.parquet(events_path).createOrReplaceTempView("events")
    codes, kinds = lookup_rows()
    spark.createDataFrame(codes, "code string, score double").createOrReplaceTempView("goldstein")
    spark.createDataFrame(kinds, "kind string, code string, score double").createOrReplaceTempView("kinds")
    frame = spark.sql(to_spark(QUERIES[name](**params)))
    rows = [row.asDict() for row in frame.collect()]
    names = frame.columns
    return pa.table({n: [r[n] for r in rows] for n in names}) if rows else pa.table({n: [] for n in names})


# -- the dispatch points ------------------------------------------------------------------------


def escalation_table(store: Store, *, scale: float = 10.0, own_goldstein: bool = True) -> pyarrow.Table:
    """Escalation per directed dyad and month over ``store`` (see :func:`escalation_sql`).

    :param scale: the conflict at which the index reaches 6.3.
    :param own_goldstein: score an event by its own Goldstein metric when it has one.
    """
    if not scale > 0:
        raise InvalidInputError(f"scale must be positive, got {scale!r}")
    return run(store, "escalation", scale=scale, own_goldstein=own_goldstein)


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
