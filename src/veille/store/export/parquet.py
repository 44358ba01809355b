"""Parquet export: one file per table into a directory, with typed columns (pyarrow).

Column types follow the schema: INTEGER -> int64 (nullable), REAL -> float64,
TEXT -> string. Three exceptions carry more meaning:

- full-day columns (``documents.published``, ``stories.first_published``,
  ``stories.last_published``) are ``date32``; dates taken from the text
  (``events.date``, ``incidents.date``, ``dates.value``) stay ISO strings,
  since they may be partial (``2021-08``, ``2021``) and date32 cannot say so;
- ``documents.ingested_at`` is a UTC ``timestamp[ms]`` (Parquet has no seconds unit);
- JSON array columns (``entities.aliases``, ``incidents.actors``,
  ``incidents.targets``) are ``list<string>``.

The article text (``documents.text``) is not exported, as in the CSV and
JSONL exports. The filters keep, per table, the rows of the kept documents,
events or incidents (see ``filters.py``); with no filter every row is written.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..db import Store
from .filters import NO_FILTER, ExportFilter, where

TABLES = ("documents", "stories", "dates", "places", "entities", "quotes", "events", "event_participants",
          "incidents", "claims")
_SKIP = {("documents", "text")}
_DAYS = {("documents", "published"), ("stories", "first_published"), ("stories", "last_published")}
_TIMESTAMPS = {("documents", "ingested_at")}
_JSON_LISTS = {("entities", "aliases"), ("incidents", "actors"), ("incidents", "targets")}
_BATCH = 5000

_DOCS = "SELECT d.id FROM documents d LEFT JOIN stories s ON s.id = d.story_id WHERE {document}"
_EVENTS = ("SELECT e.id FROM events e JOIN documents d ON d.id = e.document_id "
           "LEFT JOIN stories s ON s.id = d.story_id WHERE {event}")
_INCIDENTS = "SELECT i.id FROM incidents i LEFT JOIN stories s ON s.id = i.story_id WHERE {incident}"
# table -> the condition keeping its rows (``x`` is the table), built from the scopes' kept ids
_KEEP = {
    "documents": f"x.id IN ({_DOCS})",
    "stories": "x.id IN (SELECT d.story_id FROM documents d LEFT JOIN stories s ON s.id = d.story_id "
               "WHERE {document})",
    "dates": f"x.document_id IN ({_DOCS})",
    "places": ("x.id IN (SELECT p.id FROM places p JOIN documents d ON d.id = p.document_id "
               "LEFT JOIN stories s ON s.id = d.story_id WHERE {place})"),
    "entities": f"x.document_id IN ({_DOCS})",
    "quotes": f"x.document_id IN ({_DOCS})",
    "events": f"x.id IN ({_EVENTS})",
    "event_participants": f"x.event_id IN ({_EVENTS})",
    "incidents": f"x.id IN ({_INCIDENTS})",
    "claims": f"x.incident_id IN ({_INCIDENTS})",
}
_SCOPE_OF = {"documents": "document", "stories": "document", "dates": "document", "places": "place",
             "entities": "document", "quotes": "document", "events": "event", "event_participants": "event",
             "incidents": "incident", "claims": "incident"}


def _pa():
    import pyarrow as pa  # imported here: the other exports do not need it

    return pa


def _day(v: str | None) -> dt.date | None:
    return dt.date.fromisoformat(v[:10]) if v else None


def _stamp(v: str | None) -> dt.datetime | None:
    if not v:
        return None
    t = dt.datetime.fromisoformat(v)
    return t.astimezone(dt.timezone.utc) if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)


def _list(v: str | None) -> list[str] | None:
    return json.loads(v) if v else None


def column_type(table: str, column: str, declared: str) -> tuple[Any, Callable[[Any], Any] | None]:
    """The Arrow type of a stored column, and the conversion of its SQLite values (None: as is)."""
    pa = _pa()
    key = (table, column)
    if key in _DAYS:
        return pa.date32(), _day
    if key in _TIMESTAMPS:
        return pa.timestamp("ms", tz="UTC"), _stamp
    if key in _JSON_LISTS:
        return pa.list_(pa.string()), _list
    base = declared.upper()
    if "INT" in base:
        return pa.int64(), None
    if "REAL" in base or "FLOA" in base or "DOUB" in base:
        return pa.float64(), None
    if "BLOB" in base:
        return pa.binary(), None
    return pa.string(), None


def table_schema(store: Store, table: str):
    """The Arrow schema of an exported table, and each column's conversion."""
    pa = _pa()
    fields, converters = [], []
    for info in store.conn.execute(f"PRAGMA table_info({table})"):  # table: one of TABLES, never user input
        name = info["name"]
        if (table, name) in _SKIP:
            continue
        arrow_type, convert = column_type(table, name, info["type"])
        fields.append(pa.field(name, arrow_type, nullable=not info["notnull"]))
        converters.append(convert)
    return pa.schema(fields), converters


def _batches(store: Store, table: str, schema, converters, filters: ExportFilter) -> Iterator[list[list]]:
    cols = ", ".join(f'x."{f.name}"' for f in schema)
    sql, params = f"SELECT {cols} FROM {table} x", []
    if not filters.empty:
        scope = _SCOPE_OF[table]
        cond, params = where(filters, scope)
        sql += " WHERE " + _KEEP[table].format(**{scope: cond})
    cur = store.conn.execute(sql + " ORDER BY x.rowid", params)
    while rows := cur.fetchmany(_BATCH):
        columns = [list(c) for c in zip(*rows)]
        yield [[conv(v) for v in col] if conv else col for col, conv in zip(columns, converters)]


def write_table(store: Store, table: str, path: Path, filters: ExportFilter = NO_FILTER) -> int:
    """Write one table to a Parquet file; returns its number of rows."""
    pa = _pa()
    import pyarrow.parquet as pq

    schema, converters = table_schema(store, table)
    n = 0
    with pq.ParquetWriter(str(path), schema) as w:
        for columns in _batches(store, table, schema, converters, filters):
            batch = pa.record_batch([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)
            w.write_batch(batch)
            n += batch.num_rows
    return n


def export_parquet(store: Store, out: Path, filters: ExportFilter = NO_FILTER) -> dict[str, int]:
    """Write every exported table into the directory ``out`` (``<table>.parquet``); returns rows per table."""
    out.mkdir(parents=True, exist_ok=True)
    return {t: write_table(store, t, out / f"{t}.parquet", filters) for t in TABLES}


def write(store: Store, out: str | None, filters: ExportFilter = NO_FILTER) -> str:
    """Export to the directory ``out`` (default ``veille-parquet/``); returns the summary line."""
    counts = export_parquet(store, Path(out or "veille-parquet"), filters)
    return "exported " + ", ".join(f"{k}: {v}" for k, v in counts.items())
