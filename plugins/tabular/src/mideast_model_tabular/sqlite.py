"""SQLite for Datasette: a table per kind, join tables, full-text search, metadata.json.

Tables (see ``docs/sqlite.md``): ``objects`` (every id and its kind, the target of
polymorphic foreign keys), ``actors``, ``sources``, ``source_derivations``, ``events``,
``event_participants``, ``claims``, ``claim_targets``, ``relations`` and
``mideast_model_meta``; FTS5 tables over claim quotes and evidence, event titles and
summaries, source titles and descriptions. Nested values are JSON text. The importer
rebuilds the exact dataset from these tables.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from mideast_model.errors import InvalidInputError
from mideast_model.extensions import ExportContext, ImportContext
from mideast_model.io.canonical import FORMAT, VERSION
from mideast_model_tabular._records import build, flag, records

FORMAT_NAME = "mideast-model-sqlite"
SCHEMA_VERSION = 2
"""2: events.metrics and events.external_ids, event_participants.side and .associated,
claims.cites (the model's format 2); databases of schema 1 are still read."""
_JSON_ARGS: dict[str, Any] = {"ensure_ascii": False, "separators": (",", ":")}

# Column name -> SQLite type, per table, in table order.
TABLES: dict[str, dict[str, type]] = {
    "mideast_model_meta": {"key": str, "value": str},
    "objects": {"id": str, "kind": str},
    "actors": {
        "id": str,
        "name": str,
        "kind": str,
        "aliases": str,
        "country": str,
        "external_ids": str,
        "description": str,
        "resolved": int,
    },
    "sources": {
        "id": str,
        "title": str,
        "kind": str,
        "publisher": str,
        "authors": str,
        "published": str,
        "published_start": str,
        "published_end": str,
        "url": str,
        "reliability": str,
        "language": str,
        "description": str,
    },
    "source_derivations": {"source": str, "position": int, "derived_from": str},
    "events": {
        "id": str,
        "kind": str,
        "cameo": str,
        "when": str,
        "start_date": str,
        "end_date": str,
        "title": str,
        "summary": str,
        "place_name": str,
        "place_country": str,
        "place_admin1": str,
        "latitude": float,
        "longitude": float,
        "place_precision": str,
        "casualties": str,
        "metrics": str,
        "external_ids": str,
    },
    "event_participants": {"event": str, "position": int, "actor": str, "role": str, "side": int, "associated": int},
    "claims": {
        "id": str,
        "source": str,
        "subject": str,
        "predicate": str,
        "object": str,
        "attribute": str,
        "value": str,
        "stance": str,
        "confidence": float,
        "kind": str,
        "speaker": str,
        "quote": str,
        "evidence": str,
        "said": str,
        "credibility": int,
        "offsets": str,
        "machine": int,
        "cites": str,
    },
    "claim_targets": {"claim": str, "field": str, "position": int, "target": str},
    "relations": {
        "id": str,
        "subject": str,
        "predicate": str,
        "object": str,
        "valid": str,
        "start_date": str,
        "end_date": str,
        "role": str,
        "description": str,
    },
}

PKS: dict[str, str | tuple[str, ...]] = {
    "mideast_model_meta": "key",
    "objects": "id",
    "actors": "id",
    "sources": "id",
    "source_derivations": ("source", "position"),
    "events": "id",
    "event_participants": ("event", "position"),
    "claims": "id",
    "claim_targets": ("claim", "field", "position"),
    "relations": "id",
}

FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "actors": [("id", "objects", "id")],
    "sources": [("id", "objects", "id")],
    "source_derivations": [("source", "sources", "id"), ("derived_from", "sources", "id")],
    "events": [("id", "objects", "id")],
    "event_participants": [("event", "events", "id"), ("actor", "actors", "id")],
    "claims": [
        ("id", "objects", "id"),
        ("source", "sources", "id"),
        ("subject", "objects", "id"),
        ("object", "objects", "id"),
        ("speaker", "actors", "id"),
    ],
    "claim_targets": [("claim", "claims", "id"), ("target", "objects", "id")],
    "relations": [("id", "objects", "id"), ("subject", "actors", "id"), ("object", "actors", "id")],
}

FTS: dict[str, list[str]] = {
    "claims": ["quote", "evidence"],
    "events": ["title", "summary"],
    "sources": ["title", "description"],
}

NOT_NULL: dict[str, set[str]] = {
    "actors": {"name", "kind"},
    "sources": {"title", "kind", "reliability"},
    "events": {"kind", "when", "title"},
    "claims": {"source", "subject", "predicate", "stance", "confidence", "kind"},
    "relations": {"subject", "predicate", "object"},
}


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, **_JSON_ARGS)


def _iso(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())


def _rows(dataset: Any) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for ``dataset``."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["mideast_model_meta"] = [
        {"key": "format", "value": FORMAT_NAME},
        {"key": "schema_version", "value": str(SCHEMA_VERSION)},
        {"key": "canonical_format", "value": f"{FORMAT} {VERSION}"},
    ]
    for kind in ("actors", "sources", "events", "claims", "relations"):
        for obj in dataset.objects(kind):
            rows["objects"].append({"id": obj.id, "kind": kind[:-1]})
    for _, d in records(dataset, "actors"):
        rows["actors"].append(
            {
                "id": d["id"],
                "name": d["name"],
                "kind": d["kind"],
                "aliases": _json(d.get("aliases")),
                "country": d.get("country"),
                "external_ids": _json(d.get("external_ids")),
                "description": d.get("description"),
                "resolved": 1 if d["resolved"] else 0,
            }
        )
    for src, d in records(dataset, "sources"):
        span = src.published
        rows["sources"].append(
            {
                "id": d["id"],
                "title": d["title"],
                "kind": d["kind"],
                "publisher": d.get("publisher"),
                "authors": _json(d.get("authors")),
                "published": d.get("published"),
                "published_start": _iso(span.earliest) if span else None,
                "published_end": _iso(span.latest) if span else None,
                "url": d.get("url"),
                "reliability": d["reliability"],
                "language": d.get("language"),
                "description": d.get("description"),
            }
        )
        for i, origin in enumerate(d.get("derived_from", ())):
            rows["source_derivations"].append({"source": d["id"], "position": i, "derived_from": origin})
    for ev, d in records(dataset, "events"):
        place = d.get("place") or {}
        rows["events"].append(
            {
                "id": d["id"],
                "kind": d["kind"],
                "cameo": d.get("cameo"),
                "when": d["when"],
                "start_date": _iso(ev.when.earliest),
                "end_date": _iso(ev.when.latest),
                "title": d["title"],
                "summary": d.get("summary"),
                "place_name": place.get("name"),
                "place_country": place.get("country"),
                "place_admin1": place.get("admin1"),
                "latitude": place.get("lat"),
                "longitude": place.get("lon"),
                "place_precision": place.get("precision"),
                "casualties": _json(d.get("casualties")),
                "metrics": _json(d.get("metrics")),
                "external_ids": _json(d.get("external_ids")),
            }
        )
        for i, p in enumerate(d.get("participants", ())):
            rows["event_participants"].append(
                {
                    "event": d["id"],
                    "position": i,
                    "actor": p["actor"],
                    "role": p["role"],
                    "side": p.get("side"),
                    "associated": 1 if p.get("associated") else 0,
                }
            )
    for _, d in records(dataset, "claims"):
        rows["claims"].append(
            {
                "id": d["id"],
                "source": d["source"],
                "subject": d["subject"],
                "predicate": d["predicate"],
                "object": d.get("object"),
                "attribute": d.get("attribute"),
                "value": _json(d.get("value")),
                "stance": d["stance"],
                "confidence": d["confidence"],
                "kind": d["kind"],
                "speaker": d.get("speaker"),
                "quote": d.get("quote"),
                "evidence": d.get("evidence"),
                "said": d.get("said"),
                "credibility": d.get("credibility"),
                "offsets": _json(d.get("offsets")),
                "machine": 1 if d["machine"] else 0,
                "cites": _json(d.get("cites")),
            }
        )
        targets = rows["claim_targets"]
        targets.append({"claim": d["id"], "field": "subject", "position": 0, "target": d["subject"]})
        if d.get("object") is not None:
            targets.append({"claim": d["id"], "field": "object", "position": 0, "target": d["object"]})
        for i, about in enumerate(d.get("about", ())):
            targets.append({"claim": d["id"], "field": "about", "position": i, "target": about})
    for rel, d in records(dataset, "relations"):
        span = rel.valid
        rows["relations"].append(
            {
                "id": d["id"],
                "subject": d["subject"],
                "predicate": d["predicate"],
                "object": d["object"],
                "valid": d.get("valid"),
                "start_date": _iso(span.earliest) if span else None,
                "end_date": _iso(span.latest) if span else None,
                "role": d.get("role"),
                "description": d.get("description"),
            }
        )
    return rows


def build_database(dataset: Any, path: str | os.PathLike[str]) -> None:
    """Create the SQLite database for ``dataset`` at ``path`` (which must not hold data)."""
    import sqlite_utils

    db = sqlite_utils.Database(Path(path), recreate=True)
    # a private scratch file: no rollback journal, no fsync per statement (the host
    # fsyncs the finished copy); several times faster on a slow disk
    db.conn.execute("PRAGMA journal_mode = OFF")
    db.conn.execute("PRAGMA synchronous = OFF")
    try:
        for name, columns in TABLES.items():
            db[name].create(  # type: ignore[union-attr]
                columns,
                pk=PKS[name],
                foreign_keys=FOREIGN_KEYS.get(name, []),
                not_null=NOT_NULL.get(name, set()),
            )
        rows = _rows(dataset)
        with db.conn:
            for name in TABLES:
                if rows[name]:
                    db[name].insert_all(rows[name], batch_size=1000)  # type: ignore[union-attr]
        for name, fts_columns in FTS.items():
            db[name].enable_fts(fts_columns, fts_version="FTS5", create_triggers=False)  # type: ignore[union-attr]
        for name in ("events", "claims", "relations", "event_participants", "claim_targets"):
            for column in ("kind", "predicate", "start_date", "source", "subject", "actor", "target"):
                if column in TABLES[name]:
                    db[name].create_index([column], if_not_exists=True)  # type: ignore[union-attr]
        db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.vacuum()
    finally:
        db.close()


def metadata(dataset: Any, database: str) -> dict[str, Any]:
    """Datasette metadata: titles, table and column descriptions, labels, hidden FTS tables."""
    counts = dataset.counts()
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    suffixes = ("", "_config", "_data", "_docsize", "_idx")
    hidden = {f"{t}_fts{suffix}": {"hidden": True} for t in FTS for suffix in suffixes}
    tables: dict[str, Any] = {
        "objects": {"description": "Every id in the dataset and its kind (target of polymorphic foreign keys)."},
        "actors": {
            "description": "States, bodies, armed groups, people. aliases and external_ids are JSON.",
            "label_column": "name",
            "sort": "id",
        },
        "sources": {
            "description": "Documents and datasets that make claims; reliability is the Admiralty grade A-F.",
            "label_column": "title",
            "columns": {"published": "EDTF date", "published_start": "earliest day", "published_end": "latest day"},
        },
        "source_derivations": {"description": "Sources a source cites or derives from, in order."},
        "events": {
            "description": "What happened. when is EDTF; start_date/end_date its earliest and latest day; "
            "casualties is JSON. Full-text search over title and summary.",
            "label_column": "title",
            "sort": "start_date",
        },
        "event_participants": {"description": "Actors in each event, with their role, in order."},
        "claims": {
            "description": "What sources say: (subject, predicate, object) with stance and confidence (0-1). "
            "value and offsets are JSON. Full-text search over quote and evidence.",
            "columns": {
                "quote": "a speaker's exact words",
                "evidence": "the verbatim passage of the source",
                "credibility": "Admiralty information credibility 1-6",
            },
        },
        "claim_targets": {"description": "Every id a claim is about: its subject, object and 'about' list."},
        "relations": {"description": "Time-bounded edges between actors (backs, controls, part_of...)."},
        "mideast_model_meta": {"description": "Format name and schema version of this file.", "hidden": True},
        **hidden,
    }
    return {
        "title": "mideast-model dataset",
        "description": f"Actors, sources, events, claims and relations ({summary}).",
        "source": "mideast-model",
        "source_url": "https://github.com/mideast-model/mideast-model",
        "databases": {database: {"tables": tables}},
    }


def metadata_path(path: str | os.PathLike[str]) -> Path:
    """Where the Datasette metadata goes for a database at ``path``: ``<stem>.metadata.json``."""
    p = Path(path)
    return p.with_name(f"{p.stem}.metadata.json")


def _os_error(exc: sqlite3.OperationalError) -> Exception:
    """SQLite's messages for full disks and read-only files as the OSError they stand for."""
    text = str(exc)
    for needle, code in (("disk is full", errno.ENOSPC), ("readonly", errno.EROFS), ("unable to open", errno.EACCES)):
        if needle in text:
            return OSError(code, os.strerror(code))
    return exc


def write(dataset: Any, target: BinaryIO, context: ExportContext) -> None:
    """Build the database in a private scratch file, then stream its bytes to ``target``.

    Under the host's atomic write (:func:`mideast_model.io.atomic.active`), the scratch
    file is one of the output's own temp names (removed at the end, and by the next run
    if this one is killed) and ``<stem>.metadata.json`` (unless ``--option
    metadata=false``) is a companion that switches together with the database through
    the commit journal. A device or FIFO target gets the database only. Called outside
    the host (a stream of one's own), the scratch file is a system temp file and the
    metadata, if the path is a real file, is written atomically on its own.
    """
    from mideast_model.io import atomic

    txn = atomic.active()
    want_metadata = flag(context.options, "metadata", True)
    if txn is not None:
        scratch = str(txn.scratch_path())
    else:
        fd, scratch = tempfile.mkstemp(prefix="mideast-model-sqlite.", suffix=".db")
        os.close(fd)
    try:
        try:
            build_database(dataset, scratch)
        except sqlite3.OperationalError as exc:  # the file system's errors, as OSError for the host
            raise _os_error(exc) from exc
        with open(scratch, "rb") as fh:
            shutil.copyfileobj(fh, target, 1 << 20)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(scratch + suffix)
    if not want_metadata:
        return
    where = metadata_path(txn.target if txn is not None else context.path)
    if len(os.fsencode(where.name)) > 255:  # NAME_MAX: a legal database name, too long a companion
        logging.getLogger(__name__).warning(
            "mideast-model: warning: no Datasette metadata written: %s would be too long a file name", where.name
        )
        return
    data = json.dumps(metadata(dataset, where.name[: -len(".metadata.json")]), indent=2, ensure_ascii=False) + "\n"
    if txn is not None:
        companion = txn.companion(where)
        if companion is not None:
            companion.write(data.encode())
        return
    if context.path not in ("-", "<output>", "") and Path(context.path).parent.is_dir():
        with atomic.atomic_write(where) as out:
            out.write(data.encode())


# -- reading -----------------------------------------------------------------------------


def _loads(text: Any, *, where: str, table: str, column: str, row: Any) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        where_field = f"{table}.{column}"
        raise InvalidInputError(f"{where_field} of {row!r}: not JSON", path=where, field=where_field) from None


def _read_db(path: str, where: str) -> Iterator[Any]:
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise InvalidInputError(f"cannot open SQLite database: {exc}", path=where) from None
    conn.row_factory = sqlite3.Row
    try:
        yield from _read_conn(conn, where)
    except sqlite3.DatabaseError as exc:
        raise InvalidInputError(f"not a mideast-model SQLite database: {exc}", path=where) from None
    finally:
        conn.close()


def _present(**values: Any) -> dict[str, Any]:
    """The keyword arguments that are not None (absent fields keep the model's defaults)."""
    return {k: v for k, v in values.items() if v is not None}


def _grouped(conn: sqlite3.Connection, sql: str) -> dict[str, list[sqlite3.Row]]:
    out: dict[str, list[sqlite3.Row]] = {}
    for row in conn.execute(sql):
        out.setdefault(row[0], []).append(row)
    return out


def _read_conn(conn: sqlite3.Connection, where: str) -> Iterator[Any]:
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    if "mideast_model_meta" not in tables:
        raise InvalidInputError("not a mideast-model SQLite database (no mideast_model_meta table)", path=where)
    meta = dict(conn.execute("select key, value from mideast_model_meta").fetchall())
    if meta.get("format") != FORMAT_NAME or meta.get("schema_version") not in ("1", str(SCHEMA_VERSION)):
        raise InvalidInputError(
            f"unsupported SQLite schema {meta.get('format')!r} version {meta.get('schema_version')!r}",
            path=where,
            field="mideast_model_meta",
        )
    missing = set(TABLES) - tables
    if missing:
        raise InvalidInputError(f"missing table(s): {', '.join(sorted(missing))}", path=where)

    def j(table: str, row: sqlite3.Row, column: str) -> Any:
        return _loads(row[column], where=where, table=table, column=column, row=row["id"])

    for i, r in enumerate(conn.execute("select * from actors order by id")):
        yield build(
            "actors",
            {
                "id": r["id"],
                "name": r["name"],
                "kind": r["kind"],
                "aliases": j("actors", r, "aliases"),
                "country": r["country"],
                "external_ids": j("actors", r, "external_ids"),
                "description": r["description"],
                "resolved": bool(r["resolved"]),
            },
            path=where,
            index=i,
        )
    derivations = _grouped(conn, "select source, derived_from from source_derivations order by source, position")
    for i, r in enumerate(conn.execute("select * from sources order by id")):
        yield build(
            "sources",
            {
                "id": r["id"],
                "title": r["title"],
                "kind": r["kind"],
                "publisher": r["publisher"],
                "authors": j("sources", r, "authors"),
                "published": r["published"],
                "url": r["url"],
                "reliability": r["reliability"],
                "derived_from": [d[1] for d in derivations.get(r["id"], [])],
                "language": r["language"],
                "description": r["description"],
            },
            path=where,
            index=i,
        )
    columns = {
        t: {c[1] for c in conn.execute(f"pragma table_info({t})")} for t in ("events", "event_participants", "claims")
    }
    v2 = "side" in columns["event_participants"]  # schema 2: the model's format 2 fields (schema 1 lacks them)
    side_sql = ", side, associated" if v2 else ""
    participants = _grouped(
        conn, f"select event, actor, role{side_sql} from event_participants order by event, position"
    )

    def participant(p: sqlite3.Row) -> dict[str, Any]:
        out: dict[str, Any] = {"actor": p[1], "role": p[2]}
        if v2:
            if p[3] is not None:
                out["side"] = p[3]
            if p[4]:
                out["associated"] = True
        return out

    def opt(table: str, row: sqlite3.Row, column: str) -> Any:
        return j(table, row, column) if column in columns[table] else None

    for i, r in enumerate(conn.execute("select * from events order by id")):
        place: Mapping[str, Any] | None = None
        if r["place_name"] is not None:
            place = {
                "name": r["place_name"],
                "country": r["place_country"],
                "admin1": r["place_admin1"],
                "lat": r["latitude"],
                "lon": r["longitude"],
                "precision": r["place_precision"],
            }
        yield build(
            "events",
            {
                "id": r["id"],
                "kind": r["kind"],
                "when": r["when"],
                "title": r["title"],
                "summary": r["summary"],
                "place": place,
                "participants": [participant(p) for p in participants.get(r["id"], [])],
                "casualties": j("events", r, "casualties"),
                "cameo": r["cameo"],
                **_present(metrics=opt("events", r, "metrics"), external_ids=opt("events", r, "external_ids")),
            },
            path=where,
            index=i,
        )
    about = _grouped(conn, "select claim, target from claim_targets where field = 'about' order by claim, position")
    for i, r in enumerate(conn.execute("select * from claims order by id")):
        yield build(
            "claims",
            {
                "id": r["id"],
                "source": r["source"],
                "subject": r["subject"],
                "predicate": r["predicate"],
                "object": r["object"],
                "value": j("claims", r, "value"),
                "attribute": r["attribute"],
                "stance": r["stance"],
                "confidence": r["confidence"],
                "kind": r["kind"],
                "speaker": r["speaker"],
                "quote": r["quote"],
                "evidence": r["evidence"],
                "said": r["said"],
                "about": [a[1] for a in about.get(r["id"], [])],
                "credibility": r["credibility"],
                "offsets": j("claims", r, "offsets"),
                "machine": bool(r["machine"]),
                **_present(cites=opt("claims", r, "cites")),
            },
            path=where,
            index=i,
        )
    for i, r in enumerate(conn.execute("select * from relations order by id")):
        yield build(
            "relations",
            {
                "id": r["id"],
                "subject": r["subject"],
                "predicate": r["predicate"],
                "object": r["object"],
                "valid": r["valid"],
                "role": r["role"],
                "description": r["description"],
            },
            path=where,
            index=i,
        )


def read(source: Path | BinaryIO, context: ImportContext) -> Iterator[Any]:
    """Read a database written by :func:`write` (a path, or a stream copied to a temp file)."""
    if isinstance(source, Path | str):
        yield from _read_db(str(source), context.path)
        return
    name = getattr(source, "name", None)
    if isinstance(name, str) and os.path.isfile(name):
        yield from _read_db(name, context.path)
        return
    fd, tmp = tempfile.mkstemp(prefix=".mideast-model-read.", suffix=".db")
    try:
        with os.fdopen(fd, "wb") as fh:
            shutil.copyfileobj(source, fh, 1 << 20)
        yield from _read_db(tmp, context.path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
