"""The SQLite store: open (WAL, migrated), write extractions and failures, read them back."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..errors import VeilleError
from ..model import (DateMention, Document, Entity, Event, Evidence, Extraction, Failure, Place,
                     Quote)
from .schema import migrate


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _ev(row: sqlite3.Row, prefix: str = "") -> Evidence | None:
    s, e, t = row[f"{prefix}start"], row[f"{prefix}end"], row[f"{prefix}text"]
    return None if s is None else Evidence(s, e, t)


class Store:
    """One SQLite database file holding documents, extractions, stories and failures."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path))
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if str(path) != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.version = migrate(self.conn)
        except sqlite3.DatabaseError as e:
            raise VeilleError("V300", f"{path}: cannot open as a veille database ({e})") from e

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ write
    def document_status(self, content_hash: str) -> str | None:
        """'done', 'skipped' or 'failed' for a known content hash, else None."""
        row = self.conn.execute("SELECT status FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
        return row["status"] if row else None

    def _upsert_document(self, doc: Document, status: str, skipped: str | None = None) -> int:
        h = doc.content_hash
        row = self.conn.execute("SELECT id FROM documents WHERE content_hash = ?", (h,)).fetchone()
        values = (doc.id, doc.url, doc.source, doc.title,
                  doc.published.isoformat() if doc.published else None, doc.lang, doc.text,
                  doc.origin, status, skipped)
        if row:
            doc_pk = row["id"]
            for table in ("dates", "places", "entities", "quotes", "events"):
                self.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_pk,))
            self.conn.execute("UPDATE documents SET doc_id=?, url=?, source=?, title=?, published=?, lang=?, "
                              "text=?, origin=?, status=?, skipped_reason=?, ingested_at=? WHERE id=?",
                              (*values, _now(), doc_pk))
            return doc_pk
        cur = self.conn.execute(
            "INSERT INTO documents (doc_id, url, source, title, published, lang, text, origin, status, "
            "skipped_reason, content_hash, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (*values, h, _now()))
        return cur.lastrowid

    def write_extraction(self, ex: Extraction, story_id: int | None = None) -> int:
        """Insert (or replace) one document and everything extracted from it; returns its row id."""
        status = "skipped" if ex.skipped else "done"
        pk = self._upsert_document(ex.document, status, ex.skipped)
        self.conn.execute("UPDATE documents SET story_id = ? WHERE id = ?", (story_id, pk))
        c = self.conn
        c.executemany('INSERT INTO dates (document_id, "start", "end", text, value, granularity, anchor, relative) '
                      "VALUES (?,?,?,?,?,?,?,?)",
                      [(pk, d.evidence.start, d.evidence.end, d.evidence.text, d.value, d.granularity,
                        d.anchor, int(d.relative)) for d in ex.dates])
        c.executemany('INSERT INTO places (document_id, "start", "end", text, name, country, admin1, lat, lon, '
                      "geonameid, feature_class, feature_code, precision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      [(pk, p.evidence.start, p.evidence.end, p.evidence.text, p.name, p.country, p.admin1,
                        p.lat, p.lon, p.geonameid, p.feature_class, p.feature_code, p.precision)
                       for p in ex.places])
        c.executemany("INSERT INTO entities (document_id, name, kind, role, aliases) VALUES (?,?,?,?,?)",
                      [(pk, e.name, e.kind, e.role, json.dumps(e.aliases, ensure_ascii=False))
                       for e in ex.entities])
        for q in ex.quotes:
            se, cue = q.speaker_evidence, q.cue
            c.execute('INSERT INTO quotes (document_id, "start", "end", text, speaker, kind, role, speaker_start, '
                      "speaker_end, speaker_text, cue_start, cue_end, cue_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      (pk, q.evidence.start, q.evidence.end, q.evidence.text, q.speaker, q.kind, q.role,
                       se.start if se else None, se.end if se else None, se.text if se else None,
                       cue.start if cue else None, cue.end if cue else None, cue.text if cue else None))
        for e in ex.events:
            p, de = e.place, e.date_evidence
            cur = c.execute(
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
            c.executemany("INSERT INTO event_participants (event_id, role, name) VALUES (?,?,?)",
                          [(cur.lastrowid, "actor", a) for a in e.actors]
                          + [(cur.lastrowid, "target", t) for t in e.targets])
        c.execute("DELETE FROM failures WHERE document_id = ?", (pk,))
        return pk

    def write_failure(self, f: Failure) -> None:
        """Record a failure once per (origin, code, reason); the document's text is kept when it was read."""
        doc_pk = self._upsert_document(f.document, "failed") if f.document else None
        self.conn.execute(
            "INSERT INTO failures (origin, code, reason, document_id, first_seen, last_seen) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (origin, code, reason) DO UPDATE SET last_seen = excluded.last_seen, "
            "times = times + 1, document_id = excluded.document_id",
            (f.origin, f.code, f.reason, doc_pk, _now(), _now()))

    def commit(self) -> None:
        """Make everything written so far durable."""
        self.conn.commit()

    # ------------------------------------------------------------------- read
    def failures(self) -> list[sqlite3.Row]:
        """Every recorded failure, oldest first."""
        return self.conn.execute("SELECT origin, code, reason, times, last_seen FROM failures "
                                 "ORDER BY id").fetchall()

    def stats(self) -> dict:
        """Counts per table, documents per language and status, and the publication date range."""
        tables = ("documents", "dates", "places", "quotes", "events", "entities", "stories", "failures")
        counts = {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
        langs = dict(self.conn.execute("SELECT COALESCE(lang, '?'), COUNT(*) FROM documents GROUP BY 1 "
                                       "ORDER BY 2 DESC").fetchall())
        status = dict(self.conn.execute("SELECT status, COUNT(*) FROM documents GROUP BY 1").fetchall())
        lo, hi = self.conn.execute("SELECT MIN(published), MAX(published) FROM documents").fetchone()
        return {"counts": counts, "languages": langs, "status": status, "published": [lo, hi],
                "schema_version": self.version}

    def extractions(self) -> Iterator[Extraction]:
        """Every stored document with its extractions, in ingest order."""
        c = self.conn
        for d in c.execute("SELECT documents.*, stories.label AS story_label FROM documents "
                           "LEFT JOIN stories ON stories.id = documents.story_id "
                           "WHERE status != 'failed' ORDER BY documents.id").fetchall():
            pk = d["id"]
            doc = Document(text=d["text"], id=d["doc_id"], title=d["title"] or "", url=d["url"] or "",
                           source=d["source"] or "", lang=d["lang"], origin=d["origin"] or "",
                           published=dt.date.fromisoformat(d["published"]) if d["published"] else None)
            dates = [DateMention(_ev(r), r["value"], r["granularity"], r["anchor"], bool(r["relative"]))
                     for r in c.execute("SELECT * FROM dates WHERE document_id=? ORDER BY id", (pk,))]
            places = [_place(r) for r in c.execute("SELECT * FROM places WHERE document_id=? ORDER BY id", (pk,))]
            quotes = [Quote(_ev(r), r["speaker"], r["kind"], _ev(r, "speaker_"), _ev(r, "cue_"), r["role"])
                      for r in c.execute("SELECT * FROM quotes WHERE document_id=? ORDER BY id", (pk,))]
            entities = [Entity(r["name"], r["kind"], json.loads(r["aliases"] or "[]"), r["role"])
                        for r in c.execute("SELECT * FROM entities WHERE document_id=? ORDER BY id", (pk,))]
            events = []
            for r in c.execute("SELECT * FROM events WHERE document_id=? ORDER BY id", (pk,)).fetchall():
                parts = c.execute("SELECT role, name FROM event_participants WHERE event_id=? ORDER BY id",
                                  (r["id"],)).fetchall()
                place = None
                if r["place_start"] is not None:
                    place = Place(Evidence(r["place_start"], r["place_end"], r["place_text"]), r["place"],
                                  r["country"], r["lat"], r["lon"], r["geonameid"])
                events.append(Event(
                    evidence=_ev(r), trigger=_ev(r, "trigger_"), type=r["type"], mode=r["mode"],
                    actors=[p["name"] for p in parts if p["role"] == "actor"],
                    targets=[p["name"] for p in parts if p["role"] == "target"],
                    place=place, date=r["date"], date_evidence=_ev(r, "date_"),
                    killed=r["killed"], killed_high=r["killed_high"], injured=r["injured"],
                    injured_high=r["injured_high"], according_to=r["according_to"], modality=r["modality"]))
            yield Extraction(document=doc, dates=dates, places=places, quotes=quotes, events=events,
                             entities=entities, story=d["story_label"], skipped=d["skipped_reason"])


def _place(r: sqlite3.Row) -> Place:
    return Place(_ev(r), r["name"], r["country"], r["lat"], r["lon"], r["geonameid"], r["admin1"],
                 r["feature_class"], r["feature_code"], r["precision"])
