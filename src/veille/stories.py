"""Stories: articles about the same real-world story, grouped across outlets and languages.

Grouping uses language-independent clues only — resolved places (GeoNames
ids), the names of people and organisations, event types with their place,
and casualty figures — so a French and an English article meet without
machine translation. A new article is compared with the stories that share at
least one clue (an inverted index, ``story_keys``), within a time window, so
the cost per article does not grow with the corpus. Names are keyed so that
their French and English spellings meet (organisation names by word stems,
acronyms by their sorted letters, transliterated names by a phonetic code);
the general words this needs are in ``data/stories.json``.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import sqlite3
import unicodedata

import numpy as np
from spacy.tokens import Doc

from .config import Settings
from .data import load_data
from .model import Document, Entity, Event, Extraction, Place

_PERSON_LABELS = {"PER", "PERSON"}
_ORG_LABELS = {"ORG"}
# "acro" and "sound" are second spellings of a name: an acronym's letters, a phonetic code (see _name_keys)
_WEIGHTS = {"geo": 1.0, "name": 1.0, "acro": 0.5, "event": 0.7, "num": 0.5, "sound": 0.5, "country": 0.2}
JOIN_THRESHOLD = 0.30      # mean similarity to a story's latest articles needed to join it
EMBEDDING_SHARE = 0.3      # weight of the lede embeddings' cosine in an article-article similarity
KEYS_ONLY_SCALE = 1.5      # clues alone (no embeddings) are sparser: scaled to the same threshold
STORY_MEMBERS = 20
TIME_DECAY = 0.3           # share of a story's score lost when its nearest article is a whole window away
MAX_CANDIDATES = 50
PER_KEY_CANDIDATES = 20
_RETRIEVE = {"geo", "name", "acro", "event"}
ACRONYM_WORDS = 3          # initials of shorter names are too ambiguous to be an acronym clue
STEM = 5                   # letters kept of each word of an organisation name: French and English cognates meet


def fold(s: str) -> str:
    """Lower case, no accents, letters and digits only: 'Kaboul' stays 'kaboul', 'États-Unis' is 'etats unis'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


@functools.cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    data = load_data("stories.json") or {}
    return (frozenset(data.get("function_words", ())), frozenset(data.get("place_nouns", ())),
            dict(data.get("place_words", {})))


# a phonetic class per consonant (Soundex-like): transliterations of one name differ mostly in
# vowels, doubled letters and digraphs (Kazimov / Qasimov / Gasimov, Tachkourgan / Tashkurgan)
_SOUND = {**dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"), **dict.fromkeys("dt", "3"),
          "l": "4", "m": "5", "n": "5", "r": "6"}


def sound(word: str) -> str:
    """Phonetic code of a folded word: consonant classes, vowels dropped, repeats merged ('kazimov' is '2251')."""
    out: list[str] = []
    prev = ""
    for c in word:
        code = _SOUND.get(c, "")
        if code and code != prev:
            out.append(code)
        if c not in "hw":  # as in Soundex, h and w do not separate two consonants of one class
            prev = code
    return "".join(out)


def _sound_key(words: list[str]) -> set[str]:
    code = sound("".join(words))
    # a code of two consonants or fewer says too little to be a clue
    return {f"sound:{code}"} if len(code) >= 3 else set()


def _name_keys(name: str, person: bool) -> set[str]:
    """Keys of a person or organisation name, the same in French and English wherever possible.

    A person by surname (« Durand » and "Anne Durand" meet) plus its phonetic
    code (transliterations meet). An organisation by the sorted stems of its
    words without function words ("Popular Liberation Front" and « Front
    populaire de libération » meet), plus, from three words on, its initials as
    a sorted acronym key, which is also the key of an acronym written in
    capitals (PLF and FPL, NATO and OTAN meet: French and English acronyms
    reorder the same initials). The acronym and sound keys are second spellings of a name: they
    weigh less, so a name does not count twice.
    """
    function_words = _lexicon()[0]
    words = [w for w in fold(name).split() if not w.isdigit()]
    if not words or len(" ".join(words)) < 3:
        return set()
    if person:
        return {f"name:{words[-1]}"} | _sound_key(words[-1:])
    compact = name.replace(".", "").replace("-", "").strip()
    if " " not in compact and 2 <= len(compact) <= 6 and compact.isalpha() and compact.isupper():
        return {f"acro:{''.join(sorted(fold(compact)))}"}
    content = [w for w in words if w not in function_words] or words
    keys = {f"name:{' '.join(sorted({w[:STEM] for w in content}))}"}
    if len(content) >= ACRONYM_WORDS:
        keys.add(f"acro:{''.join(sorted(w[0] for w in content))}")
    return keys


def _place_keys(name: str) -> set[str]:
    """Keys of a place the gazetteer did not resolve: its proper words ('vallée de la Zerava' is 'zerava'), sound."""
    function_words, place_nouns, place_words = _lexicon()
    words = [place_words.get(w, w) for w in fold(name).split()]
    proper = [w for w in words if w not in function_words and w not in place_nouns] or words
    if not proper:
        return set()
    proper = sorted(set(proper))
    return {f"geo:{' '.join(proper)}"} | _sound_key(proper)


def story_keys(doc: Document, parsed: Doc, *, places: list[Place], entities: list[Entity],
               events: list[Event]) -> list[str]:
    """Language-independent clues of a document (sorted, unique).

    Places by GeoNames id (countries apart: they only add a little), people
    and organisations by name — demonyms and other descriptive labels are left
    out, every story of a region shares them —, event types with their place,
    and casualty figures. Names are normalized so that French and English
    spellings of one name meet (see ``_name_keys`` and ``_place_keys``).
    """
    keys: set[str] = set()
    for p in places:
        if p.precision == "country" or p.feature_code in {"PCLI", "PCL"}:
            if p.country:
                keys.add(f"country:{p.country}")
        elif p.geonameid is not None:
            keys.add(f"geo:{p.geonameid}")
        elif p.name:
            keys |= _place_keys(p.name)
    # a town the parser also tags as an organisation (« Vernières », "Dunmore" in a sports page) is a place
    # clue already: as a name too it would count twice and the two languages would not agree on it
    place_words = {fold(p.evidence.text) for p in places} | {fold(p.name) for p in places if p.name}
    names = [(e.name, True) for e in entities if e.kind == "person"]
    names += [(ent.text, ent.label_ in _PERSON_LABELS) for ent in parsed.ents
              if ent.label_ in _PERSON_LABELS or (ent.label_ in _ORG_LABELS and fold(ent.text) not in place_words)]
    for name, person in names:
        keys |= _name_keys(name, person)
    for ev in events:
        where = ev.place.geonameid if ev.place and ev.place.geonameid else (ev.place.country if ev.place else "")
        if where:  # an event type alone, with no place, is shared by every story of the day
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
    overlap of their clues with the cosine of their lede embeddings; a story
    whose nearest article is days away is discounted (``_freshness``).
    Deterministic: the same corpus in the same order gives the same stories.
    """
    scores = candidate_scores(conn, ex, settings)
    best, best_score = None, 0.0
    for sid, score in scores:
        if score > best_score:
            best, best_score = sid, score
    keys = ex.story_keys
    pub = ex.document.published
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


def candidate_scores(conn: sqlite3.Connection, ex: Extraction, settings: Settings) -> list[tuple[int, float]]:
    """Each candidate story of ``ex`` with the article's similarity to it, most promising candidates first."""
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
    out: list[tuple[int, float]] = []
    for sid in ranked:
        first, last = conn.execute("SELECT first_published, last_published FROM stories WHERE id = ?",
                                   (sid,)).fetchone()
        if pub and first and not _within(pub.isoformat(), first, last, settings.stories.window_days):
            continue
        members = conn.execute(
            "SELECT s.keys, s.vector, d.published FROM documents d JOIN doc_signatures s ON s.document_id = d.id "
            "WHERE d.story_id = ? ORDER BY d.id DESC LIMIT ?", (sid, STORY_MEMBERS)).fetchall()
        if not members:
            continue
        sims = []
        for mkeys_json, mvec, _ in members:
            mkeys = json.loads(mkeys_json)
            df.update(_df(conn, [k for k in mkeys if k not in df]))
            ks = _key_similarity(keys, mkeys, df, n_docs, weights)
            if vec is not None and mvec is not None:
                sims.append(EMBEDDING_SHARE * float(vec @ np.frombuffer(mvec, dtype=np.float32))
                            + (1 - EMBEDDING_SHARE) * ks)
            else:
                sims.append(ks * KEYS_ONLY_SCALE)
        score = sum(sims) / len(sims)
        if pub:
            score *= _freshness(pub, [m[2] for m in members], settings.stories.window_days)
        out.append((sid, score))
    return out


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
    fa, fb = _event_shares(sa), _event_shares(sb)
    shared = sum(w[k] * math.sqrt(fa.get(k, 1.0) * fb.get(k, 1.0)) for k in sa & sb)
    return shared / math.sqrt(sum(w[k] * fa.get(k, 1.0) for k in sa) * sum(w[k] * fb.get(k, 1.0) for k in sb))


def _event_shares(keys: set[str]) -> dict[str, float]:
    """Share of weight of each event clue: the events an article places at one place count as one clue.

    Event types are the noisiest clue (one scene is read as an attack, a
    protest and a threat) and all of them repeat the place: without this an
    article with six event types at one town weighs that town six times.
    """
    per_place: dict[str, list[str]] = {}
    for k in keys:
        if k.startswith("event:"):
            per_place.setdefault(k.rsplit(":", 1)[1], []).append(k)
    return {k: 1.0 / len(ks) for ks in per_place.values() for k in ks if len(ks) > 1}


def _freshness(pub: dt.date, member_days: list[str | None], window: int) -> float:
    """Discount of a story whose nearest article is days away: 1 within a day, 1 - TIME_DECAY at the window's edge.

    Articles on one real-world story come in bursts; a story silent for days
    is less likely to be the one an article continues than an active one
    that shares as much. A day apart is the same news cycle (day stamps of
    one evening differ across time zones), so the discount starts after it.
    """
    days = [abs((pub - dt.date.fromisoformat(d[:10])).days) for d in member_days if d]
    if not days or window <= 1:
        return 1.0
    gap = min(max(min(days) - 1, 0), window - 1)
    return 1.0 - TIME_DECAY * gap / (window - 1)


def _within(day: str, first: str, last: str | None, window: int) -> bool:
    d = dt.date.fromisoformat(day)
    lo = dt.date.fromisoformat(first) - dt.timedelta(days=window)
    hi = dt.date.fromisoformat(last or first) + dt.timedelta(days=window)
    return lo <= d <= hi
