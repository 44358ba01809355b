"""Schema as numbered migrations, each recorded in the ``_migrations`` table.

A migration runs in one explicit transaction, its version recorded in the
same transaction: a migration that fails halfway leaves the database as it
was, at the previous version (``executescript`` is not used: it commits).

Plain tables, foreign keys, TEXT/INTEGER/REAL only: the database opens as is
in sqlite3 or Datasette. Every extracted row keeps ``start``, ``end`` and the
exact ``text`` of its evidence.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from ..errors import VeilleError

MIGRATIONS: list[tuple[int, str, Callable[[sqlite3.Connection], None]]] = []


def migration(version: int, name: str):
    """Register a migration; they run in version order, once each."""
    def register(fn: Callable[[sqlite3.Connection], None]):
        MIGRATIONS.append((version, name, fn))
        MIGRATIONS.sort(key=lambda m: m[0])
        return fn
    return register


@migration(1, "initial schema")
def _v1(conn: sqlite3.Connection) -> None:
    run_script(conn, """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL UNIQUE,
        title TEXT,
        first_published TEXT,
        last_published TEXT,
        n_documents INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        url TEXT, source TEXT, title TEXT,
        published TEXT,
        lang TEXT,
        text TEXT NOT NULL,
        origin TEXT,
        status TEXT NOT NULL,           -- done | skipped | failed
        skipped_reason TEXT,
        story_id INTEGER REFERENCES stories(id),
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_doc_id ON documents(doc_id);
    CREATE INDEX documents_story ON documents(story_id);
    CREATE TABLE dates (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        value TEXT, granularity TEXT, anchor TEXT, relative INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX dates_document ON dates(document_id);
    CREATE TABLE places (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        name TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL, geonameid INTEGER,
        feature_class TEXT, feature_code TEXT, precision TEXT
    );
    CREATE INDEX places_document ON places(document_id);
    CREATE INDEX places_geonameid ON places(geonameid);
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL, kind TEXT, role TEXT,
        aliases TEXT                      -- JSON array
    );
    CREATE INDEX entities_document ON entities(document_id);
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        speaker TEXT, kind TEXT, role TEXT,
        speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT,
        cue_start INTEGER, cue_end INTEGER, cue_text TEXT
    );
    CREATE INDEX quotes_document ON quotes(document_id);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type TEXT NOT NULL, mode TEXT,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
        place TEXT, country TEXT, lat REAL, lon REAL, geonameid INTEGER,
        place_start INTEGER, place_end INTEGER, place_text TEXT,
        date TEXT, date_start INTEGER, date_end INTEGER, date_text TEXT,
        killed INTEGER, killed_high INTEGER, injured INTEGER, injured_high INTEGER,
        according_to TEXT, modality TEXT NOT NULL
    );
    CREATE INDEX events_document ON events(document_id);
    CREATE INDEX events_type ON events(type);
    CREATE TABLE event_participants (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        role TEXT NOT NULL,              -- actor | target
        name TEXT NOT NULL
    );
    CREATE INDEX event_participants_event ON event_participants(event_id);
    CREATE TABLE story_keys (
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        n INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (key, story_id)
    );
    CREATE TABLE key_df (
        key TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    );
    CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        times INTEGER NOT NULL DEFAULT 1,
        UNIQUE (origin, code, reason)
    );
    """)


def statements(script: str) -> list[str]:
    """The SQL statements of a script, one by one (comments kept with their statement)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
        raise VeilleError("V300", f"unterminated SQL statement in a migration: {buf.strip()[:60]!r}")
    return out


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run a script's statements one by one, inside the caller's transaction."""
    for statement in statements(script):
        conn.execute(statement)


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied (0 for a new database)."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'").fetchone()
    if not has:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM _migrations").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending migration, each in its own transaction; return the version.

    Each transaction takes the write lock first (``BEGIN IMMEDIATE``, waiting up to
    the busy timeout) and reads the version again inside it, so two processes
    opening a new database at once never both run a migration, and a process
    killed mid-migration leaves the database at the previous version.
    """
    latest = MIGRATIONS[-1][0]
    current = schema_version(conn)
    if current > latest:
        raise VeilleError("V301", f"database schema is version {current}, this veille knows up to {latest}: "
                          "upgrade veille")
    for version, name, fn in MIGRATIONS:
        if version > current:
            _apply(conn, version, name, fn)
    return latest


def _apply(conn: sqlite3.Connection, version: int, name: str, fn: Callable[[sqlite3.Connection], None]) -> None:
    """One migration and its record, in one transaction: all of it, or none of it (and only once)."""
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                     "applied_at TEXT NOT NULL)")
        if schema_version(conn) < version:  # another process may have applied it while we waited
            fn(conn)
            conn.execute("INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                         (version, name, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


@migration(2, "incidents, claims and syndication")
def _v2(conn: sqlite3.Connection) -> None:
    run_script(conn, """
    ALTER TABLE documents ADD COLUMN syndicated_of INTEGER REFERENCES documents(id);
    CREATE TABLE doc_signatures (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        minhash TEXT NOT NULL,            -- space-separated integers: MinHash of word 5-shingles
        keys TEXT NOT NULL,               -- JSON array of the document's story keys
        vector BLOB                       -- float32 lede embedding (512 values), or NULL
    );
    CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        story_id INTEGER REFERENCES stories(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        place TEXT, country TEXT, lat REAL, lon REAL, geonameid INTEGER,
        date TEXT,
        killed_low INTEGER, killed_best INTEGER, killed_high INTEGER,
        injured_low INTEGER, injured_best INTEGER, injured_high INTEGER,
        actors TEXT, targets TEXT,        -- JSON arrays, union over claims
        n_claims INTEGER NOT NULL DEFAULT 0,
        n_sources INTEGER NOT NULL DEFAULT 0,
        contested INTEGER NOT NULL DEFAULT 0,
        contested_reason TEXT
    );
    CREATE INDEX incidents_story ON incidents(story_id);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        event_id INTEGER NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
    );
    CREATE INDEX claims_incident ON claims(incident_id);
    CREATE INDEX claims_document ON claims(document_id);
    CREATE INDEX story_keys_story ON story_keys(story_id);
    """)


@migration(3, "full-text index of documents, indexes for the web app's filters")
def _v3(conn: sqlite3.Connection) -> None:
    """An FTS5 index over documents' title and text, kept in sync by triggers (so ingest fills it)."""
    run_script(conn, """
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id',
                                                  tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END;
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END;
    INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
    CREATE INDEX events_country ON events(country);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE INDEX documents_published ON documents(published);
    """)


@migration(4, "entity clusters: cluster id and mention spans; the speaker's cluster on quotes")
def _v4(conn: sqlite3.Connection) -> None:
    """Coreference clusters (nlp/coref): each entity row is a cluster; a quote names its speaker's cluster."""
    run_script(conn, """
    ALTER TABLE entities ADD COLUMN cluster_id TEXT;
    ALTER TABLE entities ADD COLUMN mentions TEXT;    -- JSON array of {start, end, text}
    ALTER TABLE quotes ADD COLUMN speaker_id TEXT;
    CREATE INDEX entities_name ON entities(name);
    """)
