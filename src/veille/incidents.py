"""Incidents and syndication of a newly stored document: fetch from the store, decide in ``veille.link``, file.

One real-world act reported many times becomes one incident, each source's
claim kept side by side (the decisions are in :mod:`veille.link.incidents`).
An article that copies or translates an earlier one of its story points to it
through ``documents.syndicated_of`` (decided by :mod:`veille.link.syndication`).
"""
from __future__ import annotations

import sqlite3

from .config import IncidentsSettings
from .link.incidents import Claim, choose_incident, summarize
from .link.syndication import minhash, original_of
from .store import link_queries as q
from .store import write


def record_signature(conn: sqlite3.Connection, doc_pk: int, text: str, keys: list[str], vector: bytes | None,
                     settings: IncidentsSettings) -> None:
    """Store the document's MinHash, clues and lede embedding, for story and syndication checks of later articles."""
    write.write_signature(conn, doc_pk, minhash(text, settings), keys, vector)


def find_original(conn: sqlite3.Connection, doc_pk: int, story_id: int | None,
                  settings: IncidentsSettings) -> int | None:
    """The earliest document of the same story this one copies or translates, if any."""
    if story_id is None:
        return None
    me = q.signature(conn, doc_pk)
    if me is None:
        return None
    return original_of(me, q.story_peers(conn, story_id, doc_pk, settings.max_peers), settings)


def update_incidents(conn: sqlite3.Connection, doc_pk: int, story_id: int | None,
                     settings: IncidentsSettings) -> list[int]:
    """Attach each event of a newly stored document to a compatible incident of its story (or of a story it
    shares places with), or start one; returns the incidents touched."""
    touched: set[tuple[str, int]] = set()  # (type, incident id)
    # the stories' incidents with their claims, read once per type and kept current in memory as this
    # document's claims join them (one query per type instead of one per claim and incident)
    by_type: dict[str, dict[int, list[Claim]]] = {}
    stories = [story_id, *q.neighbour_stories(conn, doc_pk, story_id, days=settings.neighbour_days,
                                              limit=settings.neighbour_stories)]
    own: set[int] = set()  # incidents of the document's own story
    for claim in q.document_claims(conn, doc_pk):
        if claim.type not in by_type:
            by_type[claim.type] = _incidents_of(conn, stories, story_id, claim.type, own)
        incidents = by_type[claim.type]
        target = choose_incident(claim, incidents, own, settings)
        if target is None:
            target = write.new_incident(conn, story_id, claim.type)
            incidents[target] = []  # a new row id is above every existing one: id order is kept
        write.file_claim(conn, target, claim.event_id, claim.document_id)
        for members in incidents.values():  # the REPLACE above moves a claim already filed (a document re-run)
            members[:] = [o for o in members if o.event_id != claim.event_id]
        incidents[target].append(claim)
        touched.add((claim.type, target))
    # incidents whose claims vanished (a document extracted again) are dropped
    for sid in stories:
        write.drop_empty_incidents(conn, sid)
    for claim_type, iid in sorted(touched, key=lambda t: t[1]):
        summarize_incident(conn, iid, by_type[claim_type][iid])
    return sorted(iid for _, iid in touched)


def _incidents_of(conn: sqlite3.Connection, stories: list[int | None], story_id: int | None, type_: str,
                  own: set[int]) -> dict[int, list[Claim]]:
    """The incidents of one type of the stories, in id order; those of ``story_id`` are added to ``own``."""
    found_all: dict[int, list[Claim]] = {}
    for sid in stories:
        found = q.story_incidents(conn, sid, type_)
        if sid == story_id:
            own.update(found)
        found_all.update(found)
    return dict(sorted(found_all.items()))


def summarize_incident(conn: sqlite3.Connection, iid: int, claims: list[Claim] | None = None) -> None:
    """Recompute an incident's place, date, figures, sources and contested flag from its claims.

    ``claims``: the incident's claims when the caller already holds them (any order), else they are read.
    """
    if claims is None:
        claims = q.incident_claims(conn, iid)
    summary = summarize(claims, q.participants(conn, sorted(c.event_id for c in claims)))
    if summary is not None:
        write.write_incident_summary(conn, iid, summary)


def rebuild_incidents(conn: sqlite3.Connection, settings: IncidentsSettings) -> int:
    """File every stored event into incidents again, documents by day then content hash; returns their number.

    Run after :func:`veille.stories.rebuild_stories` (which clears incidents
    with the stories): the order is the documents', not their ingest's, so
    the same documents give the same incidents.
    """
    write.clear_incidents(conn)
    rebuild_syndication(conn, settings)
    for pk, story_id in q.documents_in_order(conn):
        update_incidents(conn, pk, story_id, settings)
    return q.incident_count(conn)


def rebuild_syndication(conn: sqlite3.Connection, settings: IncidentsSettings) -> None:
    """Decide again which document copies or translates which, within the stories as they now are.

    Stories may have changed (``veille stories --rebuild``): a copy is looked
    for among its story's documents that come before it by day then content
    hash, so that the ingest order decides nothing here either.
    """
    write.clear_syndication(conn)
    done: set[int] = set()
    for pk, story_id in q.all_documents_in_order(conn):
        me = q.signature(conn, pk)
        if me is not None and story_id is not None:
            peers = q.story_peers(conn, story_id, pk, settings.max_peers)
            write.set_syndicated_of(conn, pk, original_of(me, peers, settings, earlier=lambda p: p.id in done))
        done.add(pk)
