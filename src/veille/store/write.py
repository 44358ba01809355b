"""Every write to the store: documents, extractions, failures, stories, signatures, incidents and claims.

Each function takes the open connection and writes within the caller's
transaction (the caller commits, batch by batch). Parameterised SQL only.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

from ..link.incidents import IncidentSummary
from ..model import Document, Event, Extraction, Failure, Quote

_EXTRACTED = ("dates", "places", "entities", "quotes", "events")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _day(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


# ------------------------------------------------------------------ documents
def upsert_document(conn: sqlite3.Connection, doc: Document, status: str, skipped: str | None = None) -> int:
    """Insert a document, or update the one of the same content (its extracted rows dropped); returns its id."""
    h = doc.content_hash
    row = conn.execute("SELECT id FROM documents WHERE content_hash = ?", (h,)).fetchone()
    values = (doc.id, doc.url, doc.source, doc.title, _day(doc.published), doc.lang, doc.text,
              doc.origin, status, skipped)
    if row:
        doc_pk = row[0]
        for table in _EXTRACTED:
            conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_pk,))
        conn.execute("UPDATE documents SET doc_id=?, url=?, source=?, title=?, published=?, lang=?, "
                     "text=?, origin=?, status=?, skipped_reason=?, ingested_at=? WHERE id=?",
                     (*values, _now(), doc_pk))
        return doc_pk
    cur = conn.execute(
        "INSERT INTO documents (doc_id, url, source, title, published, lang, text, origin, status, "
        "skipped_reason, content_hash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (*values, h, _now()))
    return cur.lastrowid


def write_extraction(conn: sqlite3.Connection, ex: Extraction, story_id: int | None = None) -> int:
    """Insert (or replace) one document and everything extracted from it; returns its row id."""
    pk = upsert_document(conn, ex.document, "skipped" if ex.skipped else "done", ex.skipped)
    conn.execute("UPDATE documents SET story_id = ? WHERE id = ?", (story_id, pk))
    conn.executemany('INSERT INTO dates (document_id, "start", "end", text, value, granularity, anchor, relative) '
                     "VALUES (?,?,?,?,?,?,?,?)",
                     [(pk, d.evidence.start, d.evidence.end, d.evidence.text, d.value, d.granularity,
                       d.anchor, int(d.relative)) for d in ex.dates])
    conn.executemany('INSERT INTO places (document_id, "start", "end", text, name, country, admin1, lat, lon, '
                     "geonameid, feature_class, feature_code, precision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     [(pk, p.evidence.start, p.evidence.end, p.evidence.text, p.name, p.country, p.admin1,
                       p.lat, p.lon, p.geonameid, p.feature_class, p.feature_code, p.precision)
                      for p in ex.places])
    conn.executemany("INSERT INTO entities (document_id, name, kind, role, aliases, cluster_id, mentions) "
                     "VALUES (?,?,?,?,?,?,?)",
                     [(pk, e.name, e.kind, e.role, json.dumps(e.aliases, ensure_ascii=False), e.id or None,
                       json.dumps([{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
                                  ensure_ascii=False))
                      for e in ex.entities])
    conn.executemany('INSERT INTO quotes (document_id, "start", "end", text, speaker, speaker_id, kind, role, '
                     "speaker_start, speaker_end, speaker_text, cue_start, cue_end, cue_text) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [_quote_row(pk, q) for q in ex.quotes])
    participants: list[tuple[int, str, str]] = []
    for e in ex.events:
        _write_event(conn, pk, e, participants)
    conn.executemany("INSERT INTO event_participants (event_id, role, name) VALUES (?,?,?)", participants)
    conn.execute("DELETE FROM failures WHERE document_id = ?", (pk,))
    return pk


def _quote_row(pk: int, q: Quote) -> tuple:
    se, cue = q.speaker_evidence, q.cue
    return (pk, q.evidence.start, q.evidence.end, q.evidence.text, q.speaker, q.speaker_id, q.kind, q.role,
            se.start if se else None, se.end if se else None, se.text if se else None,
            cue.start if cue else None, cue.end if cue else None, cue.text if cue else None)


def _write_event(conn: sqlite3.Connection, pk: int, e: Event, participants: list[tuple[int, str, str]]) -> None:
    """Insert one event; its participants are added to ``participants``, written in one batch by the caller."""
    p, de = e.place, e.date_evidence
    cur = conn.execute(
        'INSERT INTO events (document_id, type, mode, "start", "end", text, trigger_start, trigger_end, '
        "trigger_text, place, country, lat, lon, geonameid, place_start, place_end, place_text, date, "
        "date_start, date_end, date_text, killed, killed_high, injured, injured_high, according_to, "
        "modality) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (pk, e.type, e.mode, e.evidence.start, e.evidence.end, e.evidence.text, e.trigger.start,
         e.trigger.end, e.trigger.text, p.name if p else None, p.country if p else None,
         p.lat if p else None, p.lon if p else None, p.geonameid if p else None,
         p.evidence.start if p else None, p.evidence.end if p else None, p.evidence.text if p else None,
         e.date, de.start if de else None, de.end if de else None, de.text if de else None,
         e.killed, e.killed_high, e.injured, e.injured_high, e.according_to, e.modality))
    participants += [(cur.lastrowid, "actor", a) for a in e.actors]
    participants += [(cur.lastrowid, "target", t) for t in e.targets]


def write_failure(conn: sqlite3.Connection, f: Failure) -> None:
    """Record a failure once per (origin, code, reason); the document's text is kept when it was read."""
    doc_pk = upsert_document(conn, f.document, "failed") if f.document else None
    conn.execute(
        "INSERT INTO failures (origin, code, reason, document_id, first_seen, last_seen) VALUES (?,?,?,?,?,?) "
        "ON CONFLICT (origin, code, reason) DO UPDATE SET last_seen = excluded.last_seen, "
        "times = times + 1, document_id = excluded.document_id",
        (f.origin, f.code, f.reason, doc_pk, _now(), _now()))


def clear_syndication(conn: sqlite3.Connection) -> None:
    """Forget which document copies which (a rebuild decides it again)."""
    conn.execute("UPDATE documents SET syndicated_of = NULL WHERE syndicated_of IS NOT NULL")


def set_syndicated_of(conn: sqlite3.Connection, doc_pk: int, original: int | None) -> None:
    """Point a document to the earlier one it copies or translates (None: it is an original)."""
    conn.execute("UPDATE documents SET syndicated_of = ? WHERE id = ?", (original, doc_pk))


def write_signature(conn: sqlite3.Connection, doc_pk: int, minhash: list[int], keys: list[str],
                    vector: bytes | None = None) -> None:
    """Store a document's MinHash, clues and lede embedding, for the story and syndication checks of later ones."""
    conn.execute("INSERT OR REPLACE INTO doc_signatures (document_id, minhash, keys, vector) VALUES (?, ?, ?, ?)",
                 (doc_pk, " ".join(map(str, minhash)), json.dumps(keys), vector))


# -------------------------------------------------------------------- stories
def new_story(conn: sqlite3.Connection, title: str | None, published: dt.date | None) -> int:
    """Start an empty story (labelled ``s-<id>``); returns its id."""
    cur = conn.execute("INSERT INTO stories (label, title, first_published, last_published, n_documents) "
                       "VALUES ('', ?, ?, ?, 0)", (title, _day(published), _day(published)))
    sid = cur.lastrowid
    conn.execute("UPDATE stories SET label = ? WHERE id = ?", (f"s-{sid}", sid))
    return sid


def add_to_story(conn: sqlite3.Connection, story_id: int, published: dt.date | None, keys: list[str]) -> None:
    """Count one more document in the story: its date span, its clue index and the corpus' clue frequencies."""
    p = _day(published)
    conn.execute("UPDATE stories SET n_documents = n_documents + 1, "
                 "first_published = CASE WHEN ? IS NOT NULL AND (first_published IS NULL OR ? < first_published) "
                 "THEN ? ELSE first_published END, "
                 "last_published = CASE WHEN ? IS NOT NULL AND (last_published IS NULL OR ? > last_published) "
                 "THEN ? ELSE last_published END WHERE id = ?", (p, p, p, p, p, p, story_id))
    conn.executemany("INSERT INTO story_keys (story_id, key) VALUES (?, ?) "
                     "ON CONFLICT (key, story_id) DO UPDATE SET n = n + 1", [(story_id, k) for k in keys])
    conn.executemany("INSERT INTO key_df (key, df) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET df = df + 1",
                     [(k,) for k in keys])


def clear_stories(conn: sqlite3.Connection) -> None:
    """Forget every story, its clue index and incidents (``veille stories --rebuild`` files them again).

    Story and incident ids start again from 1 (no AUTOINCREMENT), so a rebuilt store numbers them the same
    whatever order its documents came in.
    """
    clear_incidents(conn)
    conn.execute("UPDATE documents SET story_id = NULL")
    conn.execute("DELETE FROM story_keys")
    conn.execute("DELETE FROM key_df")
    conn.execute("DELETE FROM stories")


def set_story(conn: sqlite3.Connection, doc_pk: int, story_id: int | None) -> None:
    """File a stored document under a story."""
    conn.execute("UPDATE documents SET story_id = ? WHERE id = ?", (story_id, doc_pk))


# ------------------------------------------------------------------ incidents
def clear_incidents(conn: sqlite3.Connection) -> None:
    """Forget every incident and claim (ids start again from 1)."""
    conn.execute("DELETE FROM claims")
    conn.execute("DELETE FROM incidents")


def new_incident(conn: sqlite3.Connection, story_id: int | None, type_: str) -> int:
    """Start an incident of one type in a story; returns its id (above every existing one)."""
    return conn.execute("INSERT INTO incidents (story_id, type) VALUES (?, ?)", (story_id, type_)).lastrowid


def file_claim(conn: sqlite3.Connection, incident_id: int, event_id: int, document_id: int) -> None:
    """File an event as a claim of an incident (moving it there if it was filed elsewhere)."""
    conn.execute("INSERT OR REPLACE INTO claims (incident_id, event_id, document_id) VALUES (?, ?, ?)",
                 (incident_id, event_id, document_id))


def drop_empty_incidents(conn: sqlite3.Connection, story_id: int | None) -> None:
    """Delete the story's incidents left without claims (their document was extracted again)."""
    conn.execute("DELETE FROM incidents WHERE story_id IS ? AND NOT EXISTS "
                 "(SELECT 1 FROM claims WHERE claims.incident_id = incidents.id)", (story_id,))


def write_incident_summary(conn: sqlite3.Connection, incident_id: int, s: IncidentSummary) -> None:
    """Store an incident's place, date, figures, parties, sources and contested flag."""
    conn.execute(
        "UPDATE incidents SET place=?, country=?, lat=?, lon=?, date=?, killed_low=?, killed_best=?, killed_high=?, "
        "injured_low=?, injured_best=?, injured_high=?, actors=?, targets=?, n_claims=?, n_sources=?, "
        "contested=?, contested_reason=? WHERE id=?",
        (s.place, s.country, s.lat, s.lon, s.date, *s.killed, *s.injured,
         json.dumps(s.actors, ensure_ascii=False), json.dumps(s.targets, ensure_ascii=False), s.n_claims,
         s.n_sources, int(bool(s.contested_reason)), s.contested_reason, incident_id))
