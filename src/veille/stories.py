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
import json
import math
import re
import sqlite3
import unicodedata

import numpy as np
from spacy.tokens import Doc

from .config import Settings
from .model import Document, Entity, Event, Extraction, Place

_PERSON_LABELS = {"PER", "PERSON"}
_ORG_LABELS = {"ORG"}
_WEIGHTS = {"geo": 1.0, "name": 1.0, "event": 0.7, "num": 0.5, "country": 0.2}
JOIN_THRESHOLD = 0.30      # mean similarity to a story's latest articles needed to join it
EMBEDDING_SHARE = 0.3      # weight of the lede embeddings' cosine in an article-article similarity
KEYS_ONLY_SCALE = 1.5      # clues alone (no embeddings) are sparser: scaled to the same threshold
STORY_MEMBERS = 20
MAX_CANDIDATES = 50
PER_KEY_CANDIDATES = 20
_RETRIEVE = {"geo", "name", "event"}


def fold(s: str) -> str:
    """Lower case, no accents, letters and digits only: 'Kaboul' stays 'kaboul', 'États-Unis' is 'etats unis'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def _name_key(name: str, person: bool) -> str | None:
    """A person by surname (« Durand » and "Anne Durand" meet), an organisation by its whole folded name."""
    words = [w for w in fold(name).split() if not w.isdigit()]
    if not words or len(" ".join(words)) < 3:
        return None
    return f"name:{words[-1]}" if person else f"name:{' '.join(words)}"


def story_keys(doc: Document, parsed: Doc, *, places: list[Place], entities: list[Entity],
               events: list[Event]) -> list[str]:
    """Language-independent clues of a document (sorted, unique).

    Places by GeoNames id (countries apart: they only add a little), people
    and organisations by name — demonyms and other descriptive labels are left
    out, every story of a region shares them —, event types with their place,
    and casualty figures.
    """
    keys: set[str] = set()
    for p in places:
        if p.precision == "country" or p.feature_code in {"PCLI", "PCL"}:
            if p.country:
                keys.add(f"country:{p.country}")
        elif p.geonameid is not None:
            keys.add(f"geo:{p.geonameid}")
        elif p.name:
            keys.add(f"geo:{fold(p.name)}")
    names = [(e.name, True) for e in entities if e.kind == "person"]
    names += [(ent.text, ent.label_ in _PERSON_LABELS) for ent in parsed.ents
              if ent.label_ in _PERSON_LABELS or ent.label_ in _ORG_LABELS]
    for name, person in names:
        k = _name_key(name, person)
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

    Candidate stories are the most recent ones sharing a telling clue (a
    place, a name, an event at a place), looked up in the ``story_keys``
    index with a bound per clue, so the cost does not grow with the corpus.
    A candidate's score is the mean similarity of the article to the story's
    latest ``STORY_MEMBERS`` articles (average link: a story does not drift
    by chaining), where two articles' similarity mixes the rarity-weighted
    overlap of their clues with the cosine of their lede embeddings.
    Deterministic: the same corpus in the same order gives the same stories.
    """
    keys = ex.story_keys
    vec = np.frombuffer(ex.story_vector, dtype=np.float32) if ex.story_vector else None
    # MAX(id) instead of COUNT(*): the corpus size, read from the index in constant time
    n_docs = conn.execute("SELECT COALESCE(MAX(id), 0) FROM documents").fetchone()[0]
    pub = ex.document.published
    shared: dict[int, float] = {}
    df = _df(conn, keys)
    # a key's weight is fixed for this call: df only gains keys not looked up yet, key_df is written at the end
    weights: dict[str, float] = {}
    for k in keys:
        if k.split(":", 1)[0] not in _RETRIEVE:
            continue
        for (sid,) in conn.execute("SELECT story_id FROM story_keys WHERE key = ? ORDER BY story_id DESC LIMIT ?",
                                   (k, PER_KEY_CANDIDATES)):
            shared[sid] = shared.get(sid, 0.0) + _weight(k, df.get(k, 0), n_docs)
    ranked = sorted(shared, key=lambda sid: (-shared[sid], sid))[:MAX_CANDIDATES]
    best, best_score = None, 0.0
    for sid in ranked:
        first, last = conn.execute("SELECT first_published, last_published FROM stories WHERE id = ?",
                                   (sid,)).fetchone()
        if pub and first and not _within(pub.isoformat(), first, last, settings.story_window_days):
            continue
        members = conn.execute(
            "SELECT s.keys, s.vector FROM documents d JOIN doc_signatures s ON s.document_id = d.id "
            "WHERE d.story_id = ? ORDER BY d.id DESC LIMIT ?", (sid, STORY_MEMBERS)).fetchall()
        if not members:
            continue
        sims = []
        for mkeys_json, mvec in members:
            mkeys = json.loads(mkeys_json)
            df.update(_df(conn, [k for k in mkeys if k not in df]))
            ks = _key_similarity(keys, mkeys, df, n_docs, weights)
            if vec is not None and mvec is not None:
                sims.append(EMBEDDING_SHARE * float(vec @ np.frombuffer(mvec, dtype=np.float32))
                            + (1 - EMBEDDING_SHARE) * ks)
            else:
                sims.append(ks * KEYS_ONLY_SCALE)
        score = sum(sims) / len(sims)
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


def _df(conn: sqlite3.Connection, keys: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(keys), 500):  # SQLite caps the number of parameters
        chunk = keys[i:i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(conn.execute(f"SELECT key, df FROM key_df WHERE key IN ({marks})", chunk).fetchall())
    return out


def _key_similarity(a: list[str], b: list[str], df: dict[str, int], n_docs: int,
                    weights: dict[str, float] | None = None) -> float:
    """Rarity-weighted overlap of two clue sets, normalized like a cosine.

    ``weights`` memoizes key weights across calls that share ``df`` and ``n_docs``.
    """
    if not a or not b:
        return 0.0
    w = {} if weights is None else weights
    sa, sb = set(a), set(b)
    for k in sa | sb:
        if k not in w:
            w[k] = _weight(k, df.get(k, 0), n_docs)
    shared = sum(w[k] for k in sa & sb)
    return shared / math.sqrt(sum(w[k] for k in sa) * sum(w[k] for k in sb))


def _within(day: str, first: str, last: str | None, window: int) -> bool:
    d = dt.date.fromisoformat(day)
    lo = dt.date.fromisoformat(first) - dt.timedelta(days=window)
    hi = dt.date.fromisoformat(last or first) + dt.timedelta(days=window)
    return lo <= d <= hi
