"""The reads behind linking: story candidates and members, signatures, claims and incidents.

Each query is bounded (a limit per clue, per story, per chunk of 500
parameters: SQLite caps them), so linking one document does not grow with
the corpus. Rows come back as the typed records of ``veille.link``.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3

from ..link.incidents import Claim
from ..link.regroup import Article
from ..link.similarity import Member
from ..link.syndication import Signature
from ..nlp.syntax import fold

_CHUNK = 500  # SQLite caps the number of parameters of one statement
# participant names come back with every claim of every incident read: fold each distinct name once
_fold = functools.lru_cache(maxsize=1 << 16)(fold)


# -------------------------------------------------------------------- stories
def story_of_content(conn: sqlite3.Connection, content_hash: str) -> int | None:
    """The story a stored document of this content already belongs to, if any."""
    row = conn.execute("SELECT story_id FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
    return row[0] if row else None


def corpus_size(conn: sqlite3.Connection) -> int:
    """The number of documents, as MAX(id) rather than COUNT(*): read from the index in constant time."""
    return conn.execute("SELECT COALESCE(MAX(id), 0) FROM documents").fetchone()[0]


def key_df(conn: sqlite3.Connection, keys: list[str]) -> dict[str, int]:
    """Document frequency of each known clue."""
    out: dict[str, int] = {}
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i:i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        out.update(conn.execute(f"SELECT key, df FROM key_df WHERE key IN ({marks})", chunk).fetchall())
    return out


def stories_with_key(conn: sqlite3.Connection, key: str, limit: int) -> list[int]:
    """The most recent stories holding a clue, newest first."""
    return [sid for (sid,) in conn.execute(
        "SELECT story_id FROM story_keys WHERE key = ? ORDER BY story_id DESC LIMIT ?", (key, limit))]


def story_spans(conn: sqlite3.Connection, story_ids: list[int]) -> dict[int, tuple[str | None, str | None]]:
    """First and last publication day of each story, in one query per 500 stories."""
    out: dict[int, tuple[str | None, str | None]] = {}
    for i in range(0, len(story_ids), _CHUNK):
        chunk = story_ids[i:i + _CHUNK]
        out.update((sid, (first, last)) for sid, first, last in conn.execute(
            f"SELECT id, first_published, last_published FROM stories WHERE id IN ({','.join('?' * len(chunk))})",
            chunk))
    return out


def story_members(conn: sqlite3.Connection, story_id: int, limit: int) -> list[Member]:
    """The story's latest articles (newest first) with their clues, embedding and day."""
    rows = conn.execute(
        "SELECT s.keys, s.vector, d.published FROM documents d JOIN doc_signatures s ON s.document_id = d.id "
        "WHERE d.story_id = ? ORDER BY d.id DESC LIMIT ?", (story_id, limit)).fetchall()
    return [Member(json.loads(keys), vector, published) for keys, vector, published in rows]


# ---------------------------------------------------------------- syndication
def signature(conn: sqlite3.Connection, doc_pk: int) -> Signature | None:
    """A stored document's signature (None when it has none)."""
    row = conn.execute("SELECT d.id, d.lang, d.syndicated_of, s.minhash, s.keys FROM documents d "
                       "JOIN doc_signatures s ON s.document_id = d.id WHERE d.id = ?", (doc_pk,)).fetchone()
    return _signature(row) if row else None


def story_peers(conn: sqlite3.Connection, story_id: int, doc_pk: int, limit: int) -> list[Signature]:
    """The signatures of the story's other documents, newest first, bounded."""
    rows = conn.execute(
        "SELECT d.id, d.lang, d.syndicated_of, s.minhash, s.keys FROM documents d JOIN doc_signatures s "
        "ON s.document_id = d.id WHERE d.story_id = ? AND d.id != ? ORDER BY d.id DESC LIMIT ?",
        (story_id, doc_pk, limit)).fetchall()
    return [_signature(r) for r in rows]


def _signature(row: tuple) -> Signature:
    pk, lang, root, minhash, keys = row
    return Signature(pk, lang, root, [int(x) for x in minhash.split()], set(json.loads(keys)))


# ------------------------------------------------------------------ incidents
_CLAIMS = (
    "SELECT e.id, e.document_id, COALESCE(d.syndicated_of, d.id), COALESCE(d.source, ''), e.type, e.place, "
    "e.country, e.lat, e.lon, e.date, e.killed, e.injured, e.according_to, e.modality, "
    "(SELECT precision FROM places pl WHERE pl.document_id = e.document_id AND pl.\"start\" = e.place_start "
    "LIMIT 1), "
    "(SELECT group_concat(name, char(31)) FROM event_participants p WHERE p.event_id = e.id) "
    "FROM events e JOIN documents d ON d.id = e.document_id WHERE {where} ORDER BY e.id")


def _claims(conn: sqlite3.Connection, where: str, args: tuple) -> list[Claim]:
    rows = conn.execute(_CLAIMS.format(where=where), args).fetchall()
    return [Claim(*r[:15], names={_fold(n) for n in (r[15] or "").split("\x1f") if n}) for r in rows]


def document_claims(conn: sqlite3.Connection, doc_pk: int) -> list[Claim]:
    """The claims (events) of one document, in id order."""
    return _claims(conn, "e.document_id = ?", (doc_pk,))


def incident_claims(conn: sqlite3.Connection, incident_id: int) -> list[Claim]:
    """The claims filed under one incident, in id order."""
    return _claims(conn, "e.id IN (SELECT event_id FROM claims WHERE incident_id = ?)", (incident_id,))


def story_incidents(conn: sqlite3.Connection, story_id: int | None, type_: str) -> dict[int, list[Claim]]:
    """The story's incidents of one type, in id order, each with its claims."""
    out: dict[int, list[Claim]] = {iid: [] for (iid,) in conn.execute(
        "SELECT id FROM incidents WHERE story_id IS ? AND type = ? ORDER BY id", (story_id, type_))}
    if not out:
        return out
    of_story = ("SELECT c.event_id, c.incident_id FROM claims c JOIN incidents i ON i.id = c.incident_id "
                "WHERE i.story_id IS ? AND i.type = ?")
    owner = dict(conn.execute(of_story, (story_id, type_)).fetchall())
    for c in _claims(conn, f"e.id IN (SELECT event_id FROM ({of_story}))", (story_id, type_)):
        out[owner[c.event_id]].append(c)
    return out


def neighbour_stories(conn: sqlite3.Connection, doc_pk: int, story_id: int | None, *, days: int,
                      limit: int) -> list[int]:
    """Other current stories sharing a precise place with the document (its original's stories first).

    An article can tell two stories (an evacuation deal, then the fighting in a valley); it joins one, and
    its account of the other story's incidents must still meet that story's claims. Bounded: ``limit``
    stories, by shared places, active within ``days`` of the article.
    """
    row = conn.execute("SELECT s.keys, d.published, d.syndicated_of FROM doc_signatures s "
                       "JOIN documents d ON d.id = s.document_id WHERE s.document_id = ?", (doc_pk,)).fetchone()
    if row is None or story_id is None:
        return []
    # a copy files its claims beside its original's, wherever they went
    original = [sid for (sid,) in conn.execute(
        "SELECT DISTINCT i.story_id FROM claims c JOIN incidents i ON i.id = c.incident_id "
        "WHERE c.document_id = ? AND i.story_id IS NOT NULL AND i.story_id != ?", (row[2], story_id))] \
        if row[2] is not None else []
    geo = [k for k in json.loads(row[0]) if k.startswith("geo:")]
    if not geo or not row[1]:
        return original  # an undated article cannot be placed in time beside other stories
    day = dt.date.fromisoformat(row[1][:10])
    marks = ",".join("?" * len(geo))
    near = [sid for (sid,) in conn.execute(
        f"SELECT k.story_id FROM story_keys k JOIN stories st ON st.id = k.story_id WHERE k.key IN ({marks}) "
        "AND k.story_id != ? AND st.last_published >= ? AND st.first_published <= ? "
        "GROUP BY k.story_id ORDER BY COUNT(*) DESC, k.story_id DESC LIMIT ?",
        (*geo, story_id, (day - dt.timedelta(days=days)).isoformat(),
         (day + dt.timedelta(days=days)).isoformat(), limit))]
    return original + [sid for sid in near if sid not in original]


def participants(conn: sqlite3.Connection, event_ids: list[int]) -> dict[str, set[str]]:
    """Participant names of the events by role, in one query per 500 events."""
    out: dict[str, set[str]] = {}
    for i in range(0, len(event_ids), _CHUNK):
        chunk = event_ids[i:i + _CHUNK]
        for role, name in conn.execute("SELECT role, name FROM event_participants WHERE event_id IN "
                                       f"({','.join('?' * len(chunk))})", chunk):
            out.setdefault(role, set()).add(name)
    return out


# ------------------------------------------------------------------ re-grouping
def all_articles(conn: sqlite3.Connection) -> list[tuple[int, Article, str | None]]:
    """Every stored document with clues: (row id, the article as re-grouping sees it, title)."""
    rows = conn.execute("SELECT d.id, d.content_hash, d.published, s.keys, s.vector, d.title FROM documents d "
                        "JOIN doc_signatures s ON s.document_id = d.id ORDER BY d.id").fetchall()
    return [(pk, Article(h, pub, json.loads(keys), vec), title) for pk, h, pub, keys, vec, title in rows]


def documents_in_order(conn: sqlite3.Connection) -> list[tuple[int, int | None]]:
    """(row id, story) of every stored document with events, by day then content hash (not ingest order)."""
    return conn.execute("SELECT d.id, d.story_id FROM documents d WHERE EXISTS "
                        "(SELECT 1 FROM events e WHERE e.document_id = d.id) "
                        "ORDER BY COALESCE(d.published, ''), d.content_hash").fetchall()


def all_documents_in_order(conn: sqlite3.Connection) -> list[tuple[int, int | None]]:
    """(row id, story) of every stored document, by day then content hash (not ingest order)."""
    return conn.execute("SELECT d.id, d.story_id FROM documents d "
                        "ORDER BY COALESCE(d.published, ''), d.content_hash").fetchall()


def incident_count(conn: sqlite3.Connection) -> int:
    """The number of incidents."""
    return conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
