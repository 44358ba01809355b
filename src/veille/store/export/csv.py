"""CSV export: plain tables an analyst opens in a spreadsheet (formula-like cells neutralised)."""
from __future__ import annotations

from pathlib import Path

from ..db import Store
from .cells import csv_writer
from .filters import NO_FILTER, ExportFilter, where

_DOC = "JOIN documents d ON d.id = x.document_id LEFT JOIN stories s ON s.id = d.story_id"

# table -> (SELECT ... FROM ..., filter scope, ORDER BY); events are flattened with their actors and targets
# joined, and the document's identifiers beside them.
_CSV_QUERIES: dict[str, tuple[str, str, str]] = {
    "documents": ("SELECT d.id, d.doc_id, d.url, d.source, d.title, d.published, d.lang, d.status, "
                  "d.skipped_reason, s.label AS story FROM documents d LEFT JOIN stories s ON s.id = d.story_id",
                  "document", "d.id"),
    "dates": ('SELECT d.doc_id, x."start", x."end", x.text, x.value, x.granularity, x.anchor FROM dates x ' + _DOC,
              "document", "x.id"),
    "places": ('SELECT d.doc_id, p."start", p."end", p.text, p.name, p.country, p.admin1, p.lat, p.lon, '
               "p.geonameid, p.precision FROM places p JOIN documents d ON d.id = p.document_id "
               "LEFT JOIN stories s ON s.id = d.story_id", "place", "p.id"),
    "quotes": ('SELECT d.doc_id, x."start", x."end", x.text, x.speaker, x.kind, x.role FROM quotes x ' + _DOC,
               "document", "x.id"),
    "events": ("SELECT d.doc_id, d.source, d.published, s.label AS story, e.type, e.mode, e.trigger_text AS trigger, "
               "(SELECT group_concat(name, '; ') FROM event_participants p WHERE p.event_id = e.id "
               "AND p.role = 'actor') AS actors, "
               "(SELECT group_concat(name, '; ') FROM event_participants p WHERE p.event_id = e.id "
               "AND p.role = 'target') AS targets, "
               "e.place, e.country, e.lat, e.lon, e.date, e.killed, e.killed_high, e.injured, e.injured_high, "
               'e.according_to, e.modality, e."start", e."end", e.text AS sentence FROM events e '
               "JOIN documents d ON d.id = e.document_id LEFT JOIN stories s ON s.id = d.story_id",
               "event", "e.id"),
}


def _write_csv(store: Store, table: str, path: Path, filters: ExportFilter) -> int:
    select, scope, order = _CSV_QUERIES[table]
    cond, params = where(filters, scope)
    cur = store.conn.execute(f"{select} WHERE {cond} ORDER BY {order}", params)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv_writer(f)
        w.writerow([c[0] for c in cur.description])
        n = 0
        for row in cur:
            w.writerow(list(row))
            n += 1
    return n


def export_csv(store: Store, out: Path, filters: ExportFilter = NO_FILTER) -> dict[str, int]:
    """CSV export: a ``.csv`` path gets the flat events table; a directory gets one file per table."""
    if out.suffix.lower() == ".csv":
        out.parent.mkdir(parents=True, exist_ok=True)
        return {"events": _write_csv(store, "events", out, filters)}
    out.mkdir(parents=True, exist_ok=True)
    return {name: _write_csv(store, name, out / f"{name}.csv", filters) for name in _CSV_QUERIES}


def write(store: Store, out: str | None, filters: ExportFilter = NO_FILTER) -> str:
    """Export to ``out`` (a .csv file or a directory; default ``veille-csv/``); returns the summary line."""
    counts = export_csv(store, Path(out or "veille-csv"), filters)
    return "exported " + ", ".join(f"{k}: {v}" for k, v in counts.items())
