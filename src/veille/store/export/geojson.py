"""GeoJSON export (RFC 7946): events and place mentions as Point features of one FeatureCollection.

Every feature has the same properties (null where they do not apply), so
QGIS reads one attribute table; ``kind`` tells an event (``event``) from a
place mention (``place``). Coordinates are ``[lon, lat]`` in WGS 84, rounded
to 6 decimals (about 10 cm). A row without coordinates, or with coordinates
outside [-180, 180] x [-90, 90], is skipped and counted.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from ..db import Store
from .filters import NO_FILTER, ExportFilter, where
from .sink import text_out

PROPERTIES = ("kind", "type", "mode", "date", "modality", "according_to", "source", "published", "country",
              "place", "admin1", "precision", "geonameid", "killed", "killed_high", "injured", "injured_high",
              "actors", "targets", "document", "story", "text", "start", "end")

_EVENTS = (
    "SELECT 'event' AS kind, e.id, e.type, e.mode, e.date, e.modality, e.according_to, d.source, d.published, "
    "e.country, e.place, pl.admin1, pl.precision, e.geonameid, e.killed, e.killed_high, e.injured, "
    "e.injured_high, "
    "(SELECT group_concat(name, '; ') FROM event_participants x WHERE x.event_id = e.id AND x.role = 'actor') "
    "AS actors, "
    "(SELECT group_concat(name, '; ') FROM event_participants x WHERE x.event_id = e.id AND x.role = 'target') "
    'AS targets, d.doc_id AS document, s.label AS story, e.text, e."start", e."end", e.lat, e.lon '
    "FROM events e JOIN documents d ON d.id = e.document_id LEFT JOIN stories s ON s.id = d.story_id "
    'LEFT JOIN places pl ON pl.id = (SELECT MIN(x.id) FROM places x WHERE x.document_id = e.document_id '
    'AND x."start" = e.place_start)')
_PLACES = (
    "SELECT 'place' AS kind, p.id, NULL AS type, NULL AS mode, NULL AS date, NULL AS modality, "
    "NULL AS according_to, d.source, d.published, p.country, p.name AS place, p.admin1, p.precision, p.geonameid, "
    "NULL AS killed, NULL AS killed_high, NULL AS injured, NULL AS injured_high, NULL AS actors, NULL AS targets, "
    'd.doc_id AS document, s.label AS story, p.text, p."start", p."end", p.lat, p.lon '
    "FROM places p JOIN documents d ON d.id = p.document_id LEFT JOIN stories s ON s.id = d.story_id")


@dataclass
class GeoCounts:
    """Features written per kind, and rows skipped for want of (valid) coordinates."""

    events: int = 0
    places: int = 0
    skipped: int = 0

    def line(self) -> str:
        """The summary line."""
        return (f"exported {self.events + self.places} features ({self.events} events, {self.places} places); "
                f"skipped {self.skipped} without coordinates")


def point(lon: float | None, lat: float | None) -> dict | None:
    """An RFC 7946 Point geometry ([lon, lat]), or None when a coordinate is missing or out of range."""
    if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def feature(row: sqlite3.Row) -> dict | None:
    """One row of ``_EVENTS`` or ``_PLACES`` as a Feature (None when it has no valid point)."""
    geometry = point(row["lon"], row["lat"])
    if geometry is None:
        return None
    return {"type": "Feature", "id": f"{row['kind']}-{row['id']}", "geometry": geometry,
            "properties": {k: row[k] for k in PROPERTIES}}


def _rows(store: Store, filters: ExportFilter) -> Iterator[sqlite3.Row]:
    for select, scope, order in ((_EVENTS, "event", "e.id"), (_PLACES, "place", "p.id")):
        cond, params = where(filters, scope)
        yield from store.conn.execute(f"{select} WHERE {cond} ORDER BY {order}", params)


def export_geojson(store: Store, out: TextIO, filters: ExportFilter = NO_FILTER) -> GeoCounts:
    """Write one FeatureCollection, a feature a line; returns the counts."""
    counts = GeoCounts()
    out.write('{"type": "FeatureCollection", "features": [\n')
    first = True
    for row in _rows(store, filters):
        f = feature(row)
        if f is None:
            counts.skipped += 1
            continue
        out.write(("" if first else ",\n") + json.dumps(f, ensure_ascii=False))
        first = False
        if row["kind"] == "event":
            counts.events += 1
        else:
            counts.places += 1
    out.write("\n]}\n")
    return counts


def write(store: Store, out: str | None, filters: ExportFilter = NO_FILTER) -> str:
    """Export to the file ``out`` (default stdout); returns the summary line."""
    with text_out(out) as f:
        return export_geojson(store, f, filters).line()
