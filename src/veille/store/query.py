"""Filtered reads for the web app and its JSON API: full-text search, event filters, timeline, claims.

Like ``store.read``, every list is paged by keyset on the row id (``after`` =
the last id of the previous page), so a page never repeats or skips a row
while an ingest adds documents. Filters are typed dataclasses; every value
reaches SQLite as a parameter, never through string building.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..model import Event
from .read import MAX_PAGE, Page, StoredDocument, _event, _rows, _stored_document


@dataclass
class DocumentFilter:
    """Which documents: words of the text or title (FTS5), language, outlet, story, published day range."""

    q: str | None = None
    lang: str | None = None
    source: str | None = None
    story: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None


@dataclass
class EventFilter:
    """Which events: PLOVER type, modality, country, place name, day range, actor, story, document, box."""

    type: str | None = None
    modality: str | None = None
    country: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    actor: str | None = None
    story: str | None = None
    document_id: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat


@dataclass
class EventRow:
    """A stored event with its row ids and its document's title and day."""

    id: int
    document_id: int
    document_title: str | None
    published: str | None
    event: Event


@dataclass
class ClaimRow:
    """One source's claim about an incident, with the row ids to link to its event and document."""

    event_id: int
    document_id: int
    title: str | None
    outlet: str | None
    published: str | None
    according_to: str | None
    modality: str
    killed: int | None
    killed_high: int | None
    injured: int | None
    injured_high: int | None
    date: str | None
    place: str | None
    sentence: str


def fts_query(q: str) -> str | None:
    """User words as an FTS5 query: every word must appear (quoted, so no word is read as syntax)."""
    words = [w.replace('"', '""') for w in q.split()]
    return " ".join(f'"{w}"' for w in words if w) or None


def _keyset(conn: sqlite3.Connection, select: str, where: list[tuple[str, tuple]], after: int, limit: int,
            alias: str) -> tuple[list[sqlite3.Row], int | None]:
    """Rows of ``select`` with every condition of ``where`` (SQL, its parameters), id > after, by id."""
    limit = max(1, min(limit, MAX_PAGE))
    sql = " AND ".join([f"{alias}.id > ?", *(c for c, _ in where)])
    args = [after, *(a for _, params in where for a in params), limit + 1]
    rows = _rows(conn, f"{select} WHERE {sql} ORDER BY {alias}.id LIMIT ?", tuple(args))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1]["id"] if more else None)


def _document_conditions(f: DocumentFilter) -> list[tuple[str, tuple]]:
    out: list[tuple[str, tuple]] = []
    match = fts_query(f.q) if f.q else None
    if match:
        out.append(("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", (match,)))
    for sql, value in (("d.lang = ?", f.lang), ("d.source = ?", f.source), ("s.label = ?", f.story),
                       ("d.published >= ?", f.since), ("d.published <= ?", f.until)):
        if value is not None:
            out.append((sql, (value,)))
    return out


_DOCUMENTS = "SELECT d.*, s.label AS story_label FROM documents d LEFT JOIN stories s ON s.id = d.story_id"


def search_documents(conn: sqlite3.Connection, f: DocumentFilter, *, after: int = 0,
                     limit: int = 50) -> Page[StoredDocument]:
    """Documents matching the filter (failed ones apart), by id."""
    where = [("d.status != 'failed'", ()), *_document_conditions(f)]
    rows, nxt = _keyset(conn, _DOCUMENTS, where, after, limit, "d")
    return Page([_stored_document(r) for r in rows], nxt)


def _event_conditions(f: EventFilter) -> list[tuple[str, tuple]]:
    out: list[tuple[str, tuple]] = []
    for sql, value in (("e.type = ?", f.type), ("e.modality = ?", f.modality), ("e.country = ?", f.country),
                       ("e.place = ?", f.place), ("s.label = ?", f.story), ("e.document_id = ?", f.document_id),
                       ("COALESCE(e.date, d.published) >= ?", f.since),
                       ("COALESCE(e.date, d.published) <= ?", f.until)):
        if value is not None:
            out.append((sql, (value,)))
    if f.actor is not None:
        out.append(("e.id IN (SELECT event_id FROM event_participants WHERE role = 'actor' AND name = ?)",
                    (f.actor,)))
    if f.bbox is not None:
        w, s, e, n = f.bbox
        out.append(("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?", (w, e, s, n)))
    return out


_EVENTS = ("SELECT e.*, d.title AS document_title, d.published AS document_published FROM events e "
           "JOIN documents d ON d.id = e.document_id LEFT JOIN stories s ON s.id = d.story_id")


def find_events(conn: sqlite3.Connection, f: EventFilter, *, after: int = 0, limit: int = 50) -> Page[EventRow]:
    """Events matching the filter, by id."""
    rows, nxt = _keyset(conn, _EVENTS, _event_conditions(f), after, limit, "e")
    return Page([_event_row(conn, r) for r in rows], nxt)


def _event_row(conn: sqlite3.Connection, r: sqlite3.Row) -> EventRow:
    return EventRow(r["id"], r["document_id"], r["document_title"], r["document_published"], _event(conn, r))


def get_event(conn: sqlite3.Connection, event_id: int) -> EventRow | None:
    """One event by row id."""
    rows = _rows(conn, f"{_EVENTS} WHERE e.id = ?", (event_id,))
    return _event_row(conn, rows[0]) if rows else None


def timeline(conn: sqlite3.Connection, f: EventFilter) -> list[tuple[str, str, int]]:
    """(day, type, number of events) for the filter, by day: the event's day, else its document's."""
    where = _event_conditions(f)
    sql = " AND ".join(["1=1", *(c for c, _ in where)])
    day = "COALESCE(CASE WHEN length(e.date) = 10 THEN e.date END, d.published)"
    rows = conn.execute(
        f"SELECT {day} AS day, e.type, COUNT(*) FROM events e JOIN documents d ON d.id = e.document_id "
        f"LEFT JOIN stories s ON s.id = d.story_id WHERE {sql} AND {day} IS NOT NULL "
        "GROUP BY day, e.type ORDER BY day, e.type", tuple(a for _, params in where for a in params))
    return [(r[0], r[1], r[2]) for r in rows]


def incident_claims(conn: sqlite3.Connection, incident_id: int) -> list[ClaimRow]:
    """Every claim of an incident, in event order, with its event and document row ids."""
    rows = conn.execute(
        "SELECT e.id, d.id, d.title, d.source, d.published, e.according_to, e.modality, e.killed, e.killed_high, "
        "e.injured, e.injured_high, e.date, e.place, e.text FROM claims c JOIN events e ON e.id = c.event_id "
        "JOIN documents d ON d.id = c.document_id WHERE c.incident_id = ? ORDER BY e.id", (incident_id,))
    return [ClaimRow(*r) for r in rows]


def story_incident_ids(conn: sqlite3.Connection, story_id: int) -> list[int]:
    """The row ids of a story's incidents, most claimed first."""
    rows = conn.execute("SELECT id FROM incidents WHERE story_id = ? ORDER BY n_claims DESC, id", (story_id,))
    return [r[0] for r in rows]


def record_ids(conn: sqlite3.Connection, doc_pk: int) -> dict[str, list[int]]:
    """The row ids of a document's dates, places, quotes and events, in the order ``get_extraction`` lists them."""
    return {t: [r[0] for r in conn.execute(f"SELECT id FROM {t} WHERE document_id = ? ORDER BY id", (doc_pk,))]
            for t in ("dates", "places", "quotes", "events")}


def distinct_values(conn: sqlite3.Connection, column: str) -> list[str]:
    """The values of one filterable column, for the filter menus (a fixed list of columns, never user input)."""
    sql = {"event_type": "SELECT DISTINCT type FROM events ORDER BY 1",
           "country": "SELECT DISTINCT country FROM events WHERE country IS NOT NULL ORDER BY 1",
           "lang": "SELECT DISTINCT lang FROM documents WHERE lang IS NOT NULL ORDER BY 1",
           "source": "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL AND source != '' ORDER BY 1"}
    return [r[0] for r in conn.execute(sql[column])]
