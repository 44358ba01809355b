"""Typed reads of the store: records by id, filtered lists paged by id, whole extractions, counts.

Every list is paged by keyset on the row id (``after`` = the last id of the
previous page), so pages are stable while documents are being added: a page
never repeats or skips a row. Parameterised SQL only; every record is a
dataclass of ``veille.model`` wrapped with its row ids (``Stored``).
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..model import DateMention, Document, Entity, Event, Evidence, Extraction, Place, Quote

T = TypeVar("T")
MAX_PAGE = 1000


@dataclass
class Stored(Generic[T]):
    """A stored record with its row id and its document's row id."""

    id: int
    document_id: int
    value: T


@dataclass
class Page(Generic[T]):
    """One page of a list; ``next_after`` is the ``after`` of the next page (None on the last one)."""

    items: list[T]
    next_after: int | None


@dataclass
class StoredDocument:
    """A stored document, its status and its story."""

    id: int
    document: Document
    status: str
    skipped_reason: str | None
    story_id: int | None
    story: str | None
    syndicated_of: int | None


@dataclass
class StoryRecord:
    """A story: its label, title, date span and size."""

    id: int
    label: str
    title: str | None
    first_published: str | None
    last_published: str | None
    n_documents: int


@dataclass
class ClaimView:
    """One source's claim about an incident."""

    document: str
    outlet: str | None
    published: str | None
    according_to: str | None
    modality: str
    killed: int | None
    injured: int | None
    date: str | None
    place: str | None
    sentence: str
    start: int
    end: int


@dataclass
class IncidentView:
    """An incident and every claim made about it."""

    id: int
    story: str | None
    type: str
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date: str | None
    killed: dict
    injured: dict
    actors: list[str]
    targets: list[str]
    n_claims: int
    n_sources: int
    contested: bool
    contested_reason: str | None
    claims: list[ClaimView] = field(default_factory=list)


# ----------------------------------------------------------- rows to records
def _ev(row: sqlite3.Row, prefix: str = "") -> Evidence | None:
    s, e, t = row[f"{prefix}start"], row[f"{prefix}end"], row[f"{prefix}text"]
    return None if s is None else Evidence(s, e, t)


def _document(d: sqlite3.Row) -> Document:
    return Document(text=d["text"], id=d["doc_id"], title=d["title"] or "", url=d["url"] or "",
                    source=d["source"] or "", lang=d["lang"], origin=d["origin"] or "",
                    published=dt.date.fromisoformat(d["published"]) if d["published"] else None)


def _place(r: sqlite3.Row) -> Place:
    return Place(_ev(r), r["name"], r["country"], r["lat"], r["lon"], r["geonameid"], r["admin1"],
                 r["feature_class"], r["feature_code"], r["precision"])


def _date(r: sqlite3.Row) -> DateMention:
    return DateMention(_ev(r), r["value"], r["granularity"], r["anchor"], bool(r["relative"]))


def _quote(r: sqlite3.Row) -> Quote:
    return Quote(_ev(r), r["speaker"], r["kind"], _ev(r, "speaker_"), _ev(r, "cue_"), r["role"], r["speaker_id"])


def _entity(r: sqlite3.Row) -> Entity:
    mentions = [Evidence(m["start"], m["end"], m["text"]) for m in json.loads(r["mentions"] or "[]")]
    return Entity(r["name"], r["kind"], json.loads(r["aliases"] or "[]"), r["role"], mentions, r["cluster_id"] or "")


def _event(conn: sqlite3.Connection, r: sqlite3.Row) -> Event:
    parts = conn.execute("SELECT role, name FROM event_participants WHERE event_id=? ORDER BY id",
                         (r["id"],)).fetchall()
    place = None
    if r["place_start"] is not None:
        place = Place(Evidence(r["place_start"], r["place_end"], r["place_text"]), r["place"],
                      r["country"], r["lat"], r["lon"], r["geonameid"])
    return Event(
        evidence=_ev(r), trigger=_ev(r, "trigger_"), type=r["type"], mode=r["mode"],
        actors=[p["name"] for p in parts if p["role"] == "actor"],
        targets=[p["name"] for p in parts if p["role"] == "target"],
        place=place, date=r["date"], date_evidence=_ev(r, "date_"),
        killed=r["killed"], killed_high=r["killed_high"], injured=r["injured"],
        injured_high=r["injured_high"], according_to=r["according_to"], modality=r["modality"])


def _rows(conn: sqlite3.Connection, sql: str, args: tuple) -> list[sqlite3.Row]:
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, args).fetchall()


# -------------------------------------------------------------- extractions
def extractions(conn: sqlite3.Connection) -> Iterator[Extraction]:
    """Every stored document (failed ones apart) with its extractions, in ingest order."""
    for d in _rows(conn, "SELECT documents.*, stories.label AS story_label FROM documents "
                         "LEFT JOIN stories ON stories.id = documents.story_id "
                         "WHERE status != 'failed' ORDER BY documents.id", ()):
        yield extraction(conn, d)


def extraction(conn: sqlite3.Connection, d: sqlite3.Row) -> Extraction:
    """One document row (with its ``story_label``) and everything extracted from it."""
    pk = d["id"]

    def of(table: str) -> list[sqlite3.Row]:
        return _rows(conn, f"SELECT * FROM {table} WHERE document_id=? ORDER BY id", (pk,))

    entities = [_entity(r) for r in of("entities")]
    return Extraction(document=_document(d), dates=[_date(r) for r in of("dates")],
                      places=[_place(r) for r in of("places")], quotes=[_quote(r) for r in of("quotes")],
                      events=[_event(conn, r) for r in of("events")], entities=entities,
                      story=d["story_label"], skipped=d["skipped_reason"])


def document_status(conn: sqlite3.Connection, content_hash: str) -> str | None:
    """'done', 'skipped' or 'failed' for a known content hash, else None."""
    row = conn.execute("SELECT status FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
    return row[0] if row else None


def failures(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every recorded failure, oldest first."""
    return _rows(conn, "SELECT origin, code, reason, times, last_seen FROM failures ORDER BY id", ())


def stats(conn: sqlite3.Connection) -> dict:
    """Counts per table, documents per language and status, and the publication date range."""
    tables = ("documents", "dates", "places", "quotes", "events", "entities", "stories", "failures")
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    langs = dict(conn.execute("SELECT COALESCE(lang, '?'), COUNT(*) FROM documents GROUP BY 1 "
                              "ORDER BY 2 DESC").fetchall())
    status = dict(conn.execute("SELECT status, COUNT(*) FROM documents GROUP BY 1").fetchall())
    lo, hi = conn.execute("SELECT MIN(published), MAX(published) FROM documents").fetchone()
    return {"counts": counts, "languages": langs, "status": status, "published": [lo, hi]}


# ------------------------------------------------------------ paged lists
def _page(conn: sqlite3.Connection, select: str, filters: list[tuple[str, object]], after: int, limit: int,
          alias: str) -> tuple[list[sqlite3.Row], int | None]:
    """Rows of ``select`` (``SELECT ... FROM ... alias ...``) matching the set filters, id > after, by id."""
    limit = max(1, min(limit, MAX_PAGE))
    used = [(sql, value) for sql, value in filters if value is not None]
    where = " AND ".join([f"{alias}.id > ?", *(sql for sql, _ in used)])
    rows = _rows(conn, f"{select} WHERE {where} ORDER BY {alias}.id LIMIT ?",
                 (after, *(value for _, value in used), limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1]["id"] if more else None)


_DOCUMENTS = ("SELECT d.*, s.label AS story_label FROM documents d LEFT JOIN stories s ON s.id = d.story_id")


def _stored_document(r: sqlite3.Row) -> StoredDocument:
    return StoredDocument(r["id"], _document(r), r["status"], r["skipped_reason"], r["story_id"],
                          r["story_label"], r["syndicated_of"])


def get_document(conn: sqlite3.Connection, doc_pk: int) -> StoredDocument | None:
    """One stored document by row id."""
    rows = _rows(conn, f"{_DOCUMENTS} WHERE d.id = ?", (doc_pk,))
    return _stored_document(rows[0]) if rows else None


def get_extraction(conn: sqlite3.Connection, doc_pk: int) -> Extraction | None:
    """One stored document by row id with everything extracted from it."""
    rows = _rows(conn, "SELECT documents.*, stories.label AS story_label FROM documents "
                       "LEFT JOIN stories ON stories.id = documents.story_id WHERE documents.id = ?", (doc_pk,))
    return extraction(conn, rows[0]) if rows else None


def list_documents(conn: sqlite3.Connection, *, lang: str | None = None, status: str | None = None,
                   story: str | None = None, after: int = 0, limit: int = 50) -> Page[StoredDocument]:
    """Documents, optionally of one language, status or story (its label), by id."""
    rows, nxt = _page(conn, _DOCUMENTS, [("d.lang = ?", lang), ("d.status = ?", status), ("s.label = ?", story)],
                      after, limit, "d")
    return Page([_stored_document(r) for r in rows], nxt)


def list_events(conn: sqlite3.Connection, *, document_id: int | None = None, type: str | None = None,
                country: str | None = None, story: str | None = None, after: int = 0,
                limit: int = 50) -> Page[Stored[Event]]:
    """Events, optionally of one document, PLOVER type, country or story (its label), by id."""
    select = ("SELECT e.* FROM events e JOIN documents d ON d.id = e.document_id "
              "LEFT JOIN stories s ON s.id = d.story_id")
    rows, nxt = _page(conn, select, [("e.document_id = ?", document_id), ("e.type = ?", type),
                                     ("e.country = ?", country), ("s.label = ?", story)], after, limit, "e")
    return Page([Stored(r["id"], r["document_id"], _event(conn, r)) for r in rows], nxt)


def list_quotes(conn: sqlite3.Connection, *, document_id: int | None = None, speaker: str | None = None,
                after: int = 0, limit: int = 50) -> Page[Stored[Quote]]:
    """Quotes, optionally of one document or one speaker, by id."""
    rows, nxt = _page(conn, "SELECT q.* FROM quotes q", [("q.document_id = ?", document_id),
                                                         ("q.speaker = ?", speaker)], after, limit, "q")
    return Page([Stored(r["id"], r["document_id"], _quote(r)) for r in rows], nxt)


def list_places(conn: sqlite3.Connection, *, document_id: int | None = None, country: str | None = None,
                geonameid: int | None = None, after: int = 0, limit: int = 50) -> Page[Stored[Place]]:
    """Places, optionally of one document, country or GeoNames id, by id."""
    rows, nxt = _page(conn, "SELECT p.* FROM places p", [("p.document_id = ?", document_id),
                                                         ("p.country = ?", country),
                                                         ("p.geonameid = ?", geonameid)], after, limit, "p")
    return Page([Stored(r["id"], r["document_id"], _place(r)) for r in rows], nxt)


def _story(r: sqlite3.Row) -> StoryRecord:
    return StoryRecord(r["id"], r["label"], r["title"], r["first_published"], r["last_published"],
                       r["n_documents"])


def get_story(conn: sqlite3.Connection, story_id: int) -> StoryRecord | None:
    """One story by row id."""
    rows = _rows(conn, "SELECT * FROM stories WHERE id = ?", (story_id,))
    return _story(rows[0]) if rows else None


def list_stories(conn: sqlite3.Connection, *, active_since: str | None = None, after: int = 0,
                 limit: int = 50) -> Page[StoryRecord]:
    """Stories, optionally only those with an article on or after a day (YYYY-MM-DD), by id."""
    rows, nxt = _page(conn, "SELECT st.* FROM stories st", [("st.last_published >= ?", active_since)],
                      after, limit, "st")
    return Page([_story(r) for r in rows], nxt)


_INCIDENTS = "SELECT i.*, s.label FROM incidents i LEFT JOIN stories s ON s.id = i.story_id"


def incident_view(conn: sqlite3.Connection, r: sqlite3.Row) -> IncidentView:
    """An incident row (with its story ``label``) and its claims, in event order."""
    view = IncidentView(
        r["id"], r["label"], r["type"], r["place"], r["country"], r["lat"], r["lon"], r["date"],
        {"low": r["killed_low"], "best": r["killed_best"], "high": r["killed_high"]},
        {"low": r["injured_low"], "best": r["injured_best"], "high": r["injured_high"]},
        json.loads(r["actors"] or "[]"), json.loads(r["targets"] or "[]"), r["n_claims"], r["n_sources"],
        bool(r["contested"]), r["contested_reason"])
    for c in conn.execute(
            'SELECT d.doc_id, d.source, d.published, e.according_to, e.modality, e.killed, e.injured, e.date, '
            'e.place, e.text, e."start", e."end" FROM claims c JOIN events e ON e.id = c.event_id '
            "JOIN documents d ON d.id = c.document_id WHERE c.incident_id = ? ORDER BY e.id", (r["id"],)):
        view.claims.append(ClaimView(*c))
    return view


def get_incident(conn: sqlite3.Connection, incident_id: int) -> IncidentView | None:
    """One incident by row id, with its claims."""
    rows = _rows(conn, f"{_INCIDENTS} WHERE i.id = ?", (incident_id,))
    return incident_view(conn, rows[0]) if rows else None


def list_incidents(conn: sqlite3.Connection, *, contested: bool | None = None, story: str | None = None,
                   type: str | None = None, after: int = 0, limit: int = 50) -> Page[IncidentView]:
    """Incidents with their claims, optionally only contested ones, one story's (label) or one type, by id."""
    rows, nxt = _page(conn, _INCIDENTS, [("i.contested = ?", None if contested is None else int(contested)),
                                         ("s.label = ?", story), ("i.type = ?", type)], after, limit, "i")
    return Page([incident_view(conn, r) for r in rows], nxt)


def incidents_by_claims(conn: sqlite3.Connection, *, contested: bool = False,
                        story: str | None = None) -> list[IncidentView]:
    """Every incident (optionally only contested ones, or one story's), most claimed first."""
    where, args = ["1=1"], []
    if contested:
        where.append("i.contested = 1")
    if story:
        where.append("s.label = ?")
        args.append(story)
    rows = _rows(conn, f"{_INCIDENTS} WHERE {' AND '.join(where)} ORDER BY i.n_claims DESC, i.id", tuple(args))
    return [incident_view(conn, r) for r in rows]
