"""The OpenAPI 3.1 document of the JSON API, built from one table of routes and parameters."""
from __future__ import annotations

from functools import lru_cache

from .. import __version__
from ..model import EVENT_TYPES, MODALITIES
from .params import ERROR_CODES

_DAY = {"type": "string", "format": "date"}
_STR = {"type": "string"}
_INT = {"type": "integer"}
_PAGE = [("cursor", _STR, "opaque cursor from the previous page's next_cursor"),
         ("limit", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 50}, "rows per page")]
_DOCS = [("q", _STR, "words of the title or text (full-text, every word must appear)"),
         ("lang", _STR, "language code, e.g. fr"), ("source", _STR, "outlet"), ("story", _STR, "story label"),
         ("since", _DAY, "published on or after"), ("until", _DAY, "published on or before")]
_EVENTS = [("type", {"type": "string", "enum": list(EVENT_TYPES)}, "PLOVER type"),
           ("modality", {"type": "string", "enum": list(MODALITIES)}, "asserted, reported, denied, uncertain"),
           ("country", _STR, "ISO 3166-1 alpha-2"), ("place", _STR, "place name"),
           ("since", _DAY, "event day (else the document's) on or after"), ("until", _DAY, "... on or before"),
           ("actor", _STR, "an actor's name"), ("story", _STR, "story label"), ("document", _INT, "document id"),
           ("bbox", _STR, "min_lon,min_lat,max_lon,max_lat")]

# path, summary, query parameters, paged, has an {id}
_ROUTES = [
    ("/api/documents", "Documents (full-text search and filters)", _DOCS, True),
    ("/api/documents/{id}", "One document: its text and every date, place, quote and event with its evidence",
     [], False),
    ("/api/events", "Events (filters, bounding box)", _EVENTS, True),
    ("/api/events/{id}", "One event", [], False),
    ("/api/timeline", "Number of events by day and type", _EVENTS, False),
    ("/api/quotes", "Quotes", [("speaker", _STR, "speaker's name"), ("document", _INT, "document id")], True),
    ("/api/places", "Places", [("country", _STR, "ISO 3166-1 alpha-2"), ("document", _INT, "document id"),
                               ("geonameid", _INT, "GeoNames id")], True),
    ("/api/stories", "Stories", [("active_since", _DAY, "with an article on or after")], True),
    ("/api/stories/{id}", "One story and its incidents' ids", [], False),
    ("/api/incidents", "Incidents with their claims", [("contested", {"type": "boolean"}, "only contested ones"),
                                                       ("story", _STR, "story label"),
                                                       ("type", _STR, "PLOVER type")], True),
    ("/api/incidents/{id}", "One incident: figures low/best/high and every claim", [], False),
]

_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["code", "status", "message"],
    "properties": {"code": {"type": "string", "enum": list(ERROR_CODES)}, "status": {"type": "integer"},
                   "message": {"type": "string"}, "parameter": {"type": ["string", "null"]}}}}}
_LIST = {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}},
                                          "next_cursor": {"type": ["string", "null"]},
                                          "next": {"type": ["string", "null"]}}}


def _operation(path: str, summary: str, query: list, paged: bool) -> dict:
    parameters = [{"name": n, "in": "query", "required": False, "schema": s, "description": d}
                  for n, s, d in query + (_PAGE if paged else [])]
    if "{id}" in path:
        parameters.insert(0, {"name": "id", "in": "path", "required": True, "schema": _INT})
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    responses = {"200": {"description": "OK", "content": {"application/json": {
                     "schema": {"$ref": "#/components/schemas/List"} if paged else {"type": "object"}}}},
                 "400": {"description": "bad parameter (named in error.parameter)", **error}}
    if "{id}" in path:
        responses["404"] = {"description": "no such record", **error}
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


@lru_cache(maxsize=1)
def openapi() -> dict:
    """The OpenAPI document (read-only API: GET only)."""
    return {"openapi": "3.1.0",
            "info": {"title": "veille", "version": __version__,
                     "description": "Read-only JSON API over a veille database. Lists are paged by stable "
                                    "keyset cursors; every error has one shape with a stable code."},
            "paths": {p: _operation(p, s, q, paged) for p, s, q, paged in _ROUTES},
            "components": {"schemas": {"Error": _ERROR, "List": _LIST}}}
