"""Stories: articles about the same real-world story, grouped across outlets and languages.

Grouping uses language-independent clues only — resolved places (GeoNames
ids), the names of people and organisations, event types with their place,
and casualty figures — so a French and an English article meet without
machine translation. A new article is compared with the stories that share at
least one clue (an inverted index, ``story_keys``), within a time window, so
the cost per article does not grow with the corpus.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import sqlite3
import unicodedata

from spacy.tokens import Doc

from .config import Settings
from .model import Document, Entity, Event, Extraction, Place

_NAME_LABELS = {"PER", "PERSON", "ORG", "NORP", "MISC", "GPE", "LOC", "FAC", "EVENT"}
_WEIGHTS = {"geo": 1.0, "name": 1.0, "event": 0.7, "num": 0.5, "country": 0.2}
JOIN_THRESHOLD = 0.30
MAX_CANDIDATES = 50
PER_KEY_CANDIDATES = 20
_RETRIEVE = {"geo", "name", "event"}


def fold(s: str) -> str:
    """Lower case, no accents, letters and digits only: 'Kaboul' stays 'kaboul', 'États-Unis' is 'etats unis'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def _name_key(name: str) -> str | None:
    words = [w for w in fold(name).split() if len(w) > 2 and not w.isdigit()]
    return f"name:{words[-1]}" if words else None


def story_keys(doc: Document, parsed: Doc, *, places: list[Place], entities: list[Entity],
               events: list[Event]) -> list[str]:
    """Language-independent clues of a document, most telling first (sorted, unique)."""
    keys: set[str] = set()
    for p in places:
        if p.precision == "country" or p.feature_code in {"PCLI", "PCL"}:
            if p.country:
                keys.add(f"country:{p.country}")
        elif p.geonameid is not None:
            keys.add(f"geo:{p.geonameid}")
        elif p.name:
            keys.add(f"geo:{fold(p.name)}")
    for e in entities:
        k = _name_key(e.name)
        if k:
            keys.add(k)
    for ent in parsed.ents:
        if ent.label_ in _NAME_LABELS and ent.label_ not in {"GPE", "LOC"}:
            k = _name_key(ent.text)
            if k:
                keys.add(k)
    for ev in events:
        where = ev.place.geonameid if ev.place and ev.place.geonameid else (ev.place.country if ev.place else "")
        keys.add(f"event:{ev.type}:{where}")
        for n in (ev.killed, ev.injured):
            if n and n > 1:
                keys.add(f"num:{n}")
    return sorted(keys)


def _weight(key: str, df: int, n_docs: int) -> float:
    kind = key.split(":", 1)[0]
    idf = math.log((n_docs + 1) / (df + 1)) + 1.0
    return _WEIGHTS.get(kind, 0.5) * idf


def assign_story(conn: sqlite3.Connection, ex: Extraction, settings: Settings) -> int:
    """Join ``ex`` to the most similar recent story, or start a new one; returns the story's row id.

    Similarity is the weighted overlap of clues (each weighted by kind and
    rarity) divided by the smaller clue mass of the two sides. Deterministic:
    the same corpus in the same order gives the same stories.
    """
    keys = ex.story_keys
    # MAX(id) instead of COUNT(*): the corpus size, read from the index in constant time
    n_docs = conn.execute("SELECT COALESCE(MAX(id), 0) FROM documents").fetchone()[0]
    df = {}
    if keys:
        marks = ",".join("?" * len(keys))
        df = dict(conn.execute(f"SELECT key, df FROM key_df WHERE key IN ({marks})", keys).fetchall())
    w = {k: _weight(k, df.get(k, 0), n_docs) for k in keys}
    mass = sum(w.values())
    pub = ex.document.published
    best, best_score = None, 0.0
    if keys and mass > 0:
        # Candidate stories: the most recent ones sharing each telling clue (bounded per clue, so the
        # cost does not grow with the corpus); countries and numbers only add to the score.
        shared: dict[int, list[str]] = {}
        for k in keys:
            if k.split(":", 1)[0] not in _RETRIEVE:
                continue
            for (sid,) in conn.execute("SELECT story_id FROM story_keys WHERE key = ? ORDER BY story_id DESC "
                                       "LIMIT ?", (k, PER_KEY_CANDIDATES)):
                shared.setdefault(sid, [])
        for sid in shared:
            marks = ",".join("?" * len(keys))
            shared[sid] = [r[0] for r in conn.execute(
                f"SELECT key FROM story_keys WHERE story_id = ? AND key IN ({marks})", (sid, *keys))]
        ranked = sorted(shared.items(), key=lambda kv: (-sum(w[k] for k in kv[1]), kv[0]))[:MAX_CANDIDATES]
        for sid, ks in ranked:
            story = conn.execute("SELECT first_published, last_published FROM stories WHERE id=?",
                                 (sid,)).fetchone()
            if pub and story[0] and not _within(pub.isoformat(), story[0], story[1], settings.story_window_days):
                continue
            if not any(k.split(":", 1)[0] in _RETRIEVE for k in ks):
                continue  # countries and numbers alone never make a story
            story_mass = _story_mass(conn, sid, w, n_docs)
            score = sum(w[k] for k in ks) / max(1e-9, min(mass, story_mass))
            if score > best_score:
                best, best_score = sid, score
    if best is None or best_score < JOIN_THRESHOLD:
        cur = conn.execute("INSERT INTO stories (label, title, first_published, last_published, n_documents) "
                           "VALUES ('', ?, ?, ?, 0)", (ex.document.title or None,
                                                       pub.isoformat() if pub else None,
                                                       pub.isoformat() if pub else None))
        best = cur.lastrowid
        conn.execute("UPDATE stories SET label = ? WHERE id = ?", (f"s-{best}", best))
    p = pub.isoformat() if pub else None
    conn.execute("UPDATE stories SET n_documents = n_documents + 1, "
                 "first_published = CASE WHEN ? IS NOT NULL AND (first_published IS NULL OR ? < first_published) "
                 "THEN ? ELSE first_published END, "
                 "last_published = CASE WHEN ? IS NOT NULL AND (last_published IS NULL OR ? > last_published) "
                 "THEN ? ELSE last_published END WHERE id = ?", (p, p, p, p, p, p, best))
    conn.executemany("INSERT INTO story_keys (story_id, key) VALUES (?, ?) "
                     "ON CONFLICT (key, story_id) DO UPDATE SET n = n + 1", [(best, k) for k in keys])
    conn.executemany("INSERT INTO key_df (key, df) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET df = df + 1",
                     [(k,) for k in keys])
    return best


def _within(day: str, first: str, last: str | None, window: int) -> bool:
    d = dt.date.fromisoformat(day)
    lo = dt.date.fromisoformat(first) - dt.timedelta(days=window)
    hi = dt.date.fromisoformat(last or first) + dt.timedelta(days=window)
    return lo <= d <= hi


def _story_mass(conn: sqlite3.Connection, sid: int, w: dict[str, float], n_docs: int) -> float:
    """Clue mass of a story, weighting its clues like the new document's (df read from the store)."""
    rows = conn.execute("SELECT story_keys.key, key_df.df FROM story_keys JOIN key_df USING (key) "
                        "WHERE story_id = ?", (sid,)).fetchall()
    return sum(w.get(k) or _weight(k, df, n_docs) for k, df in rows)
