"""Incidents: one real-world act reported many times, each source's claim kept side by side.

Events from the articles of one story are merged into an incident when they
are compatible: the same PLOVER type, places within ``INCIDENT_KM`` (or one
side unplaced), dates within a day (or one side undated), and overlapping
participants — with at least one positive anchor (a shared place or a shared
participant), so two unrelated attacks in one story stay apart. veille never
decides who is right: the incident carries the low / best / high figures
across claims, the number of independent sources (syndicated copies count
once), and a ``contested`` flag with the reason when claims disagree.

Syndication: an article whose word 5-shingles nearly match an earlier one of
the same story (MinHash), or whose language-independent clues match one in
another language, is a copy or a translation and points to it through
``documents.syndicated_of``.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import sqlite3
import zlib
from dataclasses import dataclass

import numpy as np

from .stories import fold

INCIDENT_KM = 100.0
DATE_SLACK_DAYS = 1
_COARSE = {"country", "admin1", "region"}
MINHASH_SIZE = 64
SHINGLE = 5
NEAR_DUPLICATE = 0.6        # estimated Jaccard of shingles for a copy of the same text
TRANSLATION_KEYS = 0.75     # Jaccard of clues for a translation (different languages)
MIN_KEYS_FOR_TRANSLATION = 6
MAX_PEERS = 200             # earlier documents of a story compared for syndication
NEIGHBOUR_STORIES = 5       # other stories whose incidents an article may join (it shares places with them)
SAME_SPOT_KM = 10.0         # two resolved places this close are one spot
NEIGHBOUR_DAYS = 3          # ... when they were active within these days of the article

_P = (1 << 61) - 1
_rng = np.random.default_rng(20240521)  # fixed seed: signatures must be stable across runs and machines
_A = _rng.integers(1, _P - 1, size=MINHASH_SIZE, dtype=np.uint64)
_B = _rng.integers(0, _P - 1, size=MINHASH_SIZE, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def minhash(text: str) -> list[int]:
    """MinHash signature of the text's word 5-shingles (stable across processes)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        words = words + [""] * (SHINGLE - len(words))
    hashes = np.fromiter((zlib.crc32(" ".join(words[i:i + SHINGLE]).encode("utf-8"))
                          for i in range(len(words) - SHINGLE + 1)), dtype=np.uint64)
    # (a*x + b) mod 2^32 in wrapping uint64 arithmetic: cheap, and good enough for near-duplicates
    mixed = (hashes[None, :] * _A[:, None] + _B[:, None]) >> np.uint64(32)
    return [int(v) for v in mixed.min(axis=1)]


def _similarity(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b)) / max(1, len(a))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def record_signature(conn: sqlite3.Connection, doc_pk: int, text: str, keys: list[str],
                     vector: bytes | None = None) -> None:
    """Store the document's MinHash, clues and lede embedding, for story and syndication checks of later articles."""
    conn.execute("INSERT OR REPLACE INTO doc_signatures (document_id, minhash, keys, vector) VALUES (?, ?, ?, ?)",
                 (doc_pk, " ".join(map(str, minhash(text))), json.dumps(keys), vector))


def find_original(conn: sqlite3.Connection, doc_pk: int, story_id: int | None) -> int | None:
    """The earliest document of the same story this one copies or translates, if any."""
    if story_id is None:
        return None
    me = conn.execute("SELECT d.lang, s.minhash, s.keys FROM documents d JOIN doc_signatures s "
                      "ON s.document_id = d.id WHERE d.id = ?", (doc_pk,)).fetchone()
    if me is None:
        return None
    sig, keys = [int(x) for x in me[1].split()], set(json.loads(me[2]))
    peers = conn.execute(
        "SELECT d.id, d.lang, d.syndicated_of, s.minhash, s.keys FROM documents d JOIN doc_signatures s "
        "ON s.document_id = d.id WHERE d.story_id = ? AND d.id != ? ORDER BY d.id DESC LIMIT ?",
        (story_id, doc_pk, MAX_PEERS)).fetchall()
    best = None
    for pid, lang, root, psig, pkeys in peers:
        if pid > doc_pk:
            continue
        if lang == me[0]:
            same = _similarity(sig, [int(x) for x in psig.split()]) >= NEAR_DUPLICATE
        else:
            pk = set(json.loads(pkeys))
            same = (min(len(keys), len(pk)) >= MIN_KEYS_FOR_TRANSLATION
                    and _jaccard(keys, pk) >= TRANSLATION_KEYS)
        if same:
            cand = root or pid
            best = cand if best is None else min(best, cand)
    return best


# ----------------------------------------------------------------- incidents
@dataclass
class _Claim:
    event_id: int
    document_id: int
    root: int             # syndication root of the document: copies count once
    outlet: str
    type: str
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date: str | None
    killed: int | None
    injured: int | None
    according_to: str | None
    modality: str
    precision: str | None
    names: set[str]


def _km(a: _Claim, b: _Claim) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _day(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        return dt.date.fromisoformat(value)
    return None


def compatible(a: _Claim, b: _Claim) -> bool:
    """Nothing rules out that these two claims describe the same act (type, day, place, country)."""
    if a.type != b.type:
        return False
    da, db = _day(a.date), _day(b.date)
    if da and db and abs((da - db).days) > DATE_SLACK_DAYS:
        return False
    if a.date and b.date and not (da and db) and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    km = _km(a, b)
    if km is not None and km > INCIDENT_KM and not _coarse(a, b):
        return False
    if a.names and b.names and not a.names & b.names and not _coarse(a, b):
        return False  # precisely placed acts by disjoint parties are two acts
    return not (a.country and b.country and a.country != b.country)


def _coarse(a: _Claim, b: _Claim) -> bool:
    # a claim placed only at country or province level does not contradict a precise place inside it
    return a.precision in _COARSE or b.precision in _COARSE


def anchored(a: _Claim, b: _Claim) -> bool:
    """Something positively ties the two claims: the same place, a shared participant, or the same article
    telling of the act again without a precise place of its own."""
    km = _km(a, b)
    if a.names & b.names or (km is not None and km <= INCIDENT_KM and a.place == b.place):
        return True
    return _retold(a, b)


def _retold(a: _Claim, b: _Claim) -> bool:
    """One text (an article, or a copy and its original) telling of the act again, one of the two without a
    precise place of its own."""
    return a.root == b.root and (a.lat is None or b.lat is None or _coarse(a, b))


def _same_spot(a: _Claim, b: _Claim) -> bool:
    """The same place below country level, or the same text telling the act again."""
    if _retold(a, b):
        return True
    km = _km(a, b)
    # the same place below country level, however spelled (a province names where fighting is, a country
    # does not)
    return (km is not None and km <= SAME_SPOT_KM
            and "country" not in (a.precision, b.precision))


def _claims_of(conn: sqlite3.Connection, where: str, args: tuple) -> list[_Claim]:
    rows = conn.execute(
        "SELECT e.id, e.document_id, COALESCE(d.syndicated_of, d.id), COALESCE(d.source, ''), e.type, e.place, "
        "e.country, e.lat, e.lon, e.date, e.killed, e.injured, e.according_to, e.modality, "
        "(SELECT precision FROM places pl WHERE pl.document_id = e.document_id AND pl.\"start\" = e.place_start "
        "LIMIT 1), "
        "(SELECT group_concat(name, char(31)) FROM event_participants p WHERE p.event_id = e.id) "
        f"FROM events e JOIN documents d ON d.id = e.document_id WHERE {where} ORDER BY e.id", args).fetchall()
    return [_Claim(*r[:15], names={fold(n) for n in (r[15] or "").split("\x1f") if n}) for r in rows]


def update_incidents(conn: sqlite3.Connection, doc_pk: int, story_id: int | None) -> list[int]:
    """Attach each event of a newly stored document to a compatible incident of its story (or of a story it
    shares places with), or start one."""
    touched: set[tuple[str, int]] = set()  # (type, incident id)
    # the story's incidents with their claims, read once per type and kept current in memory as this
    # document's claims join them (one query per type instead of one per claim and incident)
    by_type: dict[str, dict[int, list[_Claim]]] = {}
    stories = [story_id, *_neighbour_stories(conn, doc_pk, story_id)]
    own: set[int] = set()  # incidents of the document's own story
    for claim in _claims_of(conn, "e.document_id = ?", (doc_pk,)):
        if claim.type not in by_type:
            by_type[claim.type] = {}
            for sid in stories:
                found = _incident_claims(conn, sid, claim.type)
                if sid == story_id:
                    own.update(found)
                by_type[claim.type].update(found)
            by_type[claim.type] = dict(sorted(by_type[claim.type].items()))
        incidents = by_type[claim.type]
        # the incident none of whose claims contradicts this one and that most of them tie to it; another
        # story's incident only through the same precise place or the same original text
        target, ties = None, 0
        for iid, others in incidents.items():
            if not others or not all(compatible(claim, o) for o in others):
                continue
            tie = anchored if iid in own else _same_spot
            n = sum(tie(claim, o) for o in others)
            if n > ties:
                target, ties = iid, n
        if target is None:
            target = conn.execute("INSERT INTO incidents (story_id, type) VALUES (?, ?)",
                                  (story_id, claim.type)).lastrowid
            incidents[target] = []  # a new row id is above every existing one: id order is kept
        conn.execute("INSERT OR REPLACE INTO claims (incident_id, event_id, document_id) VALUES (?, ?, ?)",
                     (target, claim.event_id, claim.document_id))
        for members in incidents.values():  # the REPLACE above moves a claim already filed (a document re-run)
            members[:] = [o for o in members if o.event_id != claim.event_id]
        incidents[target].append(claim)
        touched.add((claim.type, target))
    # incidents whose claims vanished (a document extracted again) are dropped
    for sid in stories:
        conn.execute("DELETE FROM incidents WHERE story_id IS ? AND NOT EXISTS "
                     "(SELECT 1 FROM claims WHERE claims.incident_id = incidents.id)", (sid,))
    for claim_type, iid in sorted(touched, key=lambda t: t[1]):
        summarize_incident(conn, iid, by_type[claim_type][iid])
    return sorted(iid for _, iid in touched)


def _neighbour_stories(conn: sqlite3.Connection, doc_pk: int, story_id: int | None) -> list[int]:
    """Other current stories sharing a precise place with the document.

    An article can tell two stories (an evacuation deal, then the fighting in a valley); it joins one, and
    its account of the other story's incidents must still meet that story's claims. Bounded: a few stories,
    by shared places, active within days of the article.
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
    marks = ",".join("?" * len(geo))
    sql = (f"SELECT k.story_id FROM story_keys k JOIN stories st ON st.id = k.story_id WHERE k.key IN ({marks}) "
           "AND k.story_id != ? ")
    args: list = [*geo, story_id]
    day = dt.date.fromisoformat(row[1][:10])
    sql += "AND st.last_published >= ? AND st.first_published <= ? "
    args += [(day - dt.timedelta(days=NEIGHBOUR_DAYS)).isoformat(), (day + dt.timedelta(days=NEIGHBOUR_DAYS)).isoformat()]
    sql += "GROUP BY k.story_id ORDER BY COUNT(*) DESC, k.story_id DESC LIMIT ?"
    near = [sid for (sid,) in conn.execute(sql, (*args, NEIGHBOUR_STORIES))]
    return original + [sid for sid in near if sid not in original]


def _incident_claims(conn: sqlite3.Connection, story_id: int | None, type_: str) -> dict[int, list[_Claim]]:
    """The story's incidents of one type, in id order, each with its claims."""
    out: dict[int, list[_Claim]] = {iid: [] for (iid,) in conn.execute(
        "SELECT id FROM incidents WHERE story_id IS ? AND type = ? ORDER BY id", (story_id, type_))}
    if not out:
        return out
    of_story = ("SELECT c.event_id, c.incident_id FROM claims c JOIN incidents i ON i.id = c.incident_id "
                "WHERE i.story_id IS ? AND i.type = ?")
    owner = dict(conn.execute(of_story, (story_id, type_)).fetchall())
    for c in _claims_of(conn, f"e.id IN (SELECT event_id FROM ({of_story}))", (story_id, type_)):
        out[owner[c.event_id]].append(c)
    return out


def _spread(values: list[int]) -> tuple[int | None, int | None, int | None]:
    if not values:
        return None, None, None
    v = sorted(values)
    return v[0], v[(len(v) - 1) // 2], v[-1]


def summarize_incident(conn: sqlite3.Connection, iid: int, claims: list[_Claim] | None = None) -> None:
    """Recompute an incident's place, date, figures, sources and contested flag from its claims.

    ``claims``: the incident's claims when the caller already holds them (any order), else they are read.
    """
    if claims is None:
        claims = _claims_of(conn, "e.id IN (SELECT event_id FROM claims WHERE incident_id = ?)", (iid,))
    claims = sorted(claims, key=lambda c: c.event_id)  # ties (place, figures' sources) go to the earliest claim
    if not claims:
        return
    standing = [c for c in claims if c.modality != "denied"]
    killed = [c.killed for c in standing if c.killed is not None]
    injured = [c.injured for c in standing if c.injured is not None]
    placed = [c for c in claims if c.lat is not None]
    # the most precise common place: the one most claims name, ties to the earliest claim
    place = max(placed, key=lambda c: sum(o.place == c.place for o in placed)) if placed else None
    dated = sorted(c.date for c in claims if c.date)
    reasons = []
    deniers = sorted({c.according_to or "a party" for c in claims if c.modality == "denied"})
    if deniers and standing:
        reasons.append("denied by " + ", ".join(deniers))
    for label, vals in (("killed", killed), ("injured", injured)):
        if len(set(vals)) > 1:
            by = {}
            for c in standing:
                n = c.killed if label == "killed" else c.injured
                if n is not None:
                    by.setdefault(n, c.according_to or c.outlet or "narrator")
            reasons.append(f"{label} figures differ: " + ", ".join(f"{n} ({s})" for n, s in sorted(by.items())))
    roles = _participants(conn, [c.event_id for c in claims])
    actors = sorted(roles.get("actor", set()))
    targets = sorted(roles.get("target", set()))
    conn.execute(
        "UPDATE incidents SET place=?, country=?, lat=?, lon=?, date=?, killed_low=?, killed_best=?, killed_high=?, "
        "injured_low=?, injured_best=?, injured_high=?, actors=?, targets=?, n_claims=?, n_sources=?, "
        "contested=?, contested_reason=? WHERE id=?",
        (place.place if place else None, place.country if place else _common_country(claims),
         place.lat if place else None, place.lon if place else None, dated[0] if dated else None,
         *_spread(killed), *_spread(injured), json.dumps(actors, ensure_ascii=False),
         json.dumps(targets, ensure_ascii=False), len(claims), len({c.root for c in claims}),
         int(bool(reasons)), "; ".join(reasons) or None, iid))


def _common_country(claims: list[_Claim]) -> str | None:
    countries = {c.country for c in claims if c.country}
    return countries.pop() if len(countries) == 1 else None


def _participants(conn: sqlite3.Connection, event_ids: list[int]) -> dict[str, set[str]]:
    """Participant names of the events by role, in one query per 500 events (SQLite's parameter cap)."""
    out: dict[str, set[str]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i:i + 500]
        for role, name in conn.execute("SELECT role, name FROM event_participants WHERE event_id IN "
                                       f"({','.join('?' * len(chunk))})", chunk):
            out.setdefault(role, set()).add(name)
    return out
