"""PLOVER JSON lines: one event record a line, with the field names of the PLOVER manual's event table.

Manual fields filled: ``id``, ``has_event``, ``date``, ``actor``, ``recipient``
(entity objects with ``entity_text``), ``event``, ``mode``, ``context``
(always empty: veille does not code contexts), ``event_loc`` (location
object), ``event_text``, ``quad_code``, ``link`` (the incident the event is a
claim of), ``text_info`` (offsets), ``cite_info``, ``coder``, ``coded_date``.
The source text itself (``text``) is not exported. The manual names a size
object (``dead``, ``injured``) without naming its field: it goes in ``size``.

veille's own fields beside them: ``act_date`` (the date as the text gives it,
possibly ``YYYY-MM`` or ``YYYY``), ``date_basis`` (``act`` when ``date`` is
the day of the act, ``published`` when it is the publication day),
``modality``, ``according_to``, ``trigger`` and ``story``.

``quad_code`` follows each category's own section of the manual (SANCTION is
material conflict there; the summary table lists it as verbal conflict).
"""
from __future__ import annotations

import functools
import json
import sqlite3
from importlib.metadata import PackageNotFoundError, version
from typing import TextIO

from ..db import Store
from .filters import NO_FILTER, ExportFilter, where
from .sink import text_out

QUAD_CODES = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# the manual's location resolution: 5 sub-city, 4 city, 3 district, 2 province, 1 country
RESOLUTION = {"facility": 5, "locality": 4, "admin2": 3, "admin1": 2, "country": 1}
CODEBOOK = "plover-base"

_EVENTS = (
    "SELECT e.*, d.doc_id, d.id AS doc_pk, d.url, d.title, d.lang, d.source, d.published, d.ingested_at, "
    "s.label AS story, c.incident_id, "
    "ROW_NUMBER() OVER (PARTITION BY e.document_id ORDER BY e.id) AS seq, "
    "pl.admin1, pl.feature_class, pl.feature_code, pl.precision "
    "FROM events e JOIN documents d ON d.id = e.document_id LEFT JOIN stories s ON s.id = d.story_id "
    "LEFT JOIN claims c ON c.event_id = e.id "
    'LEFT JOIN places pl ON pl.id = (SELECT MIN(x.id) FROM places x WHERE x.document_id = e.document_id '
    'AND x."start" = e.place_start)')


@functools.cache
def coder() -> str:
    """``veille <version>``, the coder named in every record."""
    try:
        return f"veille {version('veille')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "veille"


@functools.cache
def _country(code: str) -> tuple[str | None, str | None]:
    """(alpha-3 code, name) of an ISO alpha-2 country code; (None, None) when unknown."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    return (c.alpha_3, c.name) if c else (None, None)


def location(r: sqlite3.Row) -> dict | None:
    """The manual's location object of an event row, or None when the event has no place."""
    if r["place"] is None and r["lat"] is None:
        return None
    alpha3, name = _country(r["country"]) if r["country"] else (None, None)
    return {"extracted_place": r["place_text"], "resolved_place": r["place"], "geonameid": r["geonameid"],
            "lat": r["lat"], "lon": r["lon"], "province": r["admin1"], "country": name, "country_code": alpha3,
            "feature_class": r["feature_class"], "feature_code": r["feature_code"],
            "resolution": RESOLUTION.get(r["precision"])}


def _date(r: sqlite3.Row) -> tuple[str | None, str | None]:
    act = r["date"]
    if act and len(act) == 10:
        return act, "act"
    return (r["published"], "published") if r["published"] else (None, None)


def record(r: sqlite3.Row, actors: list[str], targets: list[str]) -> dict:
    """One event row (of ``_EVENTS``) as a PLOVER event record."""
    date, basis = _date(r)
    doc_key = r["doc_id"] or f"doc{r['doc_pk']}"
    return {
        "id": f"{doc_key}-{r['seq']}", "has_event": True, "date": date,
        "actor": [{"entity_text": a} for a in actors], "recipient": [{"entity_text": t} for t in targets],
        "event": [r["type"]], "mode": [r["mode"]] if r["mode"] else [], "context": [],
        "event_loc": location(r), "event_text": [r["text"]], "quad_code": QUAD_CODES.get(r["type"]),
        "link": f"incident-{r['incident_id']}" if r["incident_id"] is not None else None,
        "text_info": {"start": r["start"], "end": r["end"]},
        "cite_info": {"citation": r["doc_id"], "url": r["url"] or None, "title": r["title"] or None,
                      "language": r["lang"], "publication": r["source"] or None, "coder": coder(),
                      "codebook": CODEBOOK},
        "coder": coder(), "coded_date": (r["ingested_at"] or "")[:10] or None,
        "size": {"dead": r["killed"], "dead_high": r["killed_high"], "injured": r["injured"],
                 "injured_high": r["injured_high"]},
        "act_date": r["date"], "date_basis": basis, "modality": r["modality"], "according_to": r["according_to"],
        "trigger": {"text": r["trigger_text"], "start": r["trigger_start"], "end": r["trigger_end"]},
        "story": r["story"],
    }


def _participants(store: Store, event_id: int) -> tuple[list[str], list[str]]:
    rows = store.conn.execute("SELECT role, name FROM event_participants WHERE event_id = ? ORDER BY id",
                              (event_id,)).fetchall()
    return [n for role, n in rows if role == "actor"], [n for role, n in rows if role == "target"]


def export_plover(store: Store, out: TextIO, filters: ExportFilter = NO_FILTER) -> int:
    """Write one PLOVER record a line; returns the number of events."""
    cond, params = where(filters, "event")
    # the sequence number counts every event of the document, so an id does not depend on the filters
    sql = f"SELECT * FROM ({_EVENTS}) e WHERE e.id IN (SELECT e.id FROM events e JOIN documents d " \
          f"ON d.id = e.document_id LEFT JOIN stories s ON s.id = d.story_id WHERE {cond}) ORDER BY e.id"
    n = 0
    for r in store.conn.execute(sql, params):
        out.write(json.dumps(record(r, *_participants(store, r["id"])), ensure_ascii=False) + "\n")
        n += 1
    return n


def write(store: Store, out: str | None, filters: ExportFilter = NO_FILTER) -> str:
    """Export to the file ``out`` (default stdout); returns the summary line."""
    with text_out(out) as f:
        n = export_plover(store, f, filters)
    return f"exported {n} PLOVER events"
