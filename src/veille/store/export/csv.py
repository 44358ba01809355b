"""CSV export: plain tables an analyst opens in a spreadsheet."""
from __future__ import annotations

import csv
from pathlib import Path

from ..db import Store

# Events are flattened with their actors and targets joined, and the document's identifiers beside them.
_CSV_QUERIES = {
    "documents": "SELECT d.id, d.doc_id, d.url, d.source, d.title, d.published, d.lang, d.status, "
                 "d.skipped_reason, s.label AS story FROM documents d LEFT JOIN stories s ON s.id = d.story_id "
                 "ORDER BY d.id",
    "dates": 'SELECT d.doc_id, x."start", x."end", x.text, x.value, x.granularity, x.anchor FROM dates x '
             "JOIN documents d ON d.id = x.document_id ORDER BY x.id",
    "places": 'SELECT d.doc_id, x."start", x."end", x.text, x.name, x.country, x.admin1, x.lat, x.lon, '
              "x.geonameid, x.precision FROM places x JOIN documents d ON d.id = x.document_id ORDER BY x.id",
    "quotes": 'SELECT d.doc_id, x."start", x."end", x.text, x.speaker, x.kind, x.role FROM quotes x '
              "JOIN documents d ON d.id = x.document_id ORDER BY x.id",
    "events": "SELECT d.doc_id, d.source, d.published, s.label AS story, e.type, e.mode, e.trigger_text AS trigger, "
              "(SELECT group_concat(name, '; ') FROM event_participants p WHERE p.event_id = e.id "
              "AND p.role = 'actor') AS actors, "
              "(SELECT group_concat(name, '; ') FROM event_participants p WHERE p.event_id = e.id "
              "AND p.role = 'target') AS targets, "
              "e.place, e.country, e.lat, e.lon, e.date, e.killed, e.killed_high, e.injured, e.injured_high, "
              'e.according_to, e.modality, e."start", e."end", e.text AS sentence FROM events e '
              "JOIN documents d ON d.id = e.document_id LEFT JOIN stories s ON s.id = d.story_id ORDER BY e.id",
}


def _write_csv(store: Store, query: str, path: Path) -> int:
    cur = store.conn.execute(query)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([c[0] for c in cur.description])
        n = 0
        for row in cur:
            w.writerow(list(row))
            n += 1
    return n


def export_csv(store: Store, out: Path) -> dict[str, int]:
    """CSV export: a ``.csv`` path gets the flat events table; a directory gets one file per table."""
    if out.suffix.lower() == ".csv":
        return {"events": _write_csv(store, _CSV_QUERIES["events"], out)}
    out.mkdir(parents=True, exist_ok=True)
    return {name: _write_csv(store, q, out / f"{name}.csv") for name, q in _CSV_QUERIES.items()}


def write(store: Store, out: str | None) -> str:
    """Export to ``out`` (a .csv file or a directory; default ``veille-csv/``); returns the summary line."""
    counts = export_csv(store, Path(out or "veille-csv"))
    return "exported " + ", ".join(f"{k}: {v}" for k, v in counts.items())
