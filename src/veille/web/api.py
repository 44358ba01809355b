"""The JSON API: documents, events, quotes, places, stories, incidents; keyset-paged lists.

Each route validates its parameters (``params``), reads through the store
(``store.read`` and ``store.query``) and answers records as JSON. Lists answer
``{"items": [...], "next_cursor": ..., "next": ...}``; errors, one shape
(``params.ApiError``).
"""
from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..model import EVENT_TYPES
from ..store import query, read
from . import params as P
from .db import conn_of
from .openapi import openapi


def _json(value) -> dict:
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


def _listing(request: Request, items: list, next_after: int | None) -> JSONResponse:
    nxt = P.encode_cursor(next_after)
    link = None
    if nxt:
        kept = {k: v for k, v in request.query_params.items() if k != "cursor"}
        link = f"{request.url.path}?{urlencode({**kept, 'cursor': nxt})}"
    return JSONResponse({"items": items, "next_cursor": nxt, "next": link})


def _accept(request: Request, allowed: set[str]) -> dict[str, str]:
    q = dict(request.query_params)
    P.check_known(q, allowed | P.PAGE)
    return q


def document_json(d: read.StoredDocument) -> dict:
    """A stored document without its text (lists) ."""
    doc = d.document
    return {"id": d.id, "doc_id": doc.id, "title": doc.title, "url": doc.url, "source": doc.source,
            "published": doc.published.isoformat() if doc.published else None, "lang": doc.lang,
            "status": d.status, "skipped_reason": d.skipped_reason, "story_id": d.story_id, "story": d.story,
            "syndicated_of": d.syndicated_of}


def event_json(e: query.EventRow) -> dict:
    """An event with its row ids and its document's title."""
    return {"id": e.id, "document_id": e.document_id, "document_title": e.document_title,
            "published": e.published, **_json(e.event)}


def documents(request: Request) -> JSONResponse:
    q = _accept(request, P.DOCUMENT_PARAMS)
    f = P.document_filter(q)
    after, limit = P.page_params(q)
    page = query.search_documents(conn_of(request), f, after=after, limit=limit)
    return _listing(request, [document_json(d) for d in page.items], page.next_after)


def document(request: Request) -> JSONResponse:
    _accept(request, set())
    conn, pk = conn_of(request), request.path_params["id"]
    stored, ex = read.get_document(conn, pk), read.get_extraction(conn, pk)
    if stored is None or ex is None:
        raise P.not_found(f"document {pk}")
    ids = query.record_ids(conn, pk)
    body = {**document_json(stored), "text": ex.document.text,
            "dates": [{"id": i, **_json(x)} for i, x in zip(ids["dates"], ex.dates)],
            "places": [{"id": i, **_json(x)} for i, x in zip(ids["places"], ex.places)],
            "quotes": [{"id": i, **_json(x)} for i, x in zip(ids["quotes"], ex.quotes)],
            "events": [{"id": i, **_json(x)} for i, x in zip(ids["events"], ex.events)],
            "entities": [_json(x) for x in ex.entities]}
    return JSONResponse(body)


def events(request: Request) -> JSONResponse:
    q = _accept(request, P.EVENT_PARAMS)
    f = P.event_filter(q)
    after, limit = P.page_params(q)
    page = query.find_events(conn_of(request), f, after=after, limit=limit)
    return _listing(request, [event_json(e) for e in page.items], page.next_after)


def event(request: Request) -> JSONResponse:
    _accept(request, set())
    e = query.get_event(conn_of(request), request.path_params["id"])
    if e is None:
        raise P.not_found(f"event {request.path_params['id']}")
    return JSONResponse(event_json(e))


def timeline(request: Request) -> JSONResponse:
    q = dict(request.query_params)
    P.check_known(q, P.EVENT_PARAMS)
    rows = query.timeline(conn_of(request), P.event_filter(q))
    return JSONResponse({"items": [{"day": d, "type": t, "n": n} for d, t, n in rows]})


def quotes(request: Request) -> JSONResponse:
    q = _accept(request, {"speaker", "document"})
    after, limit = P.page_params(q)
    page = read.list_quotes(conn_of(request), document_id=P.integer(q, "document", 1, 2**62),
                            speaker=P.text(q, "speaker"), after=after, limit=limit)
    return _listing(request, [{"id": s.id, "document_id": s.document_id, **_json(s.value)} for s in page.items],
                    page.next_after)


def places(request: Request) -> JSONResponse:
    q = _accept(request, {"country", "document", "geonameid"})
    after, limit = P.page_params(q)
    country = P.text(q, "country", 2)
    page = read.list_places(conn_of(request), document_id=P.integer(q, "document", 1, 2**62),
                            country=country.upper() if country else None,
                            geonameid=P.integer(q, "geonameid", 0, 2**62), after=after, limit=limit)
    return _listing(request, [{"id": s.id, "document_id": s.document_id, **_json(s.value)} for s in page.items],
                    page.next_after)


def stories(request: Request) -> JSONResponse:
    q = _accept(request, {"active_since"})
    after, limit = P.page_params(q)
    page = read.list_stories(conn_of(request), active_since=P.day(q, "active_since"), after=after, limit=limit)
    return _listing(request, [_json(s) for s in page.items], page.next_after)


def story(request: Request) -> JSONResponse:
    _accept(request, set())
    conn, sid = conn_of(request), request.path_params["id"]
    s = read.get_story(conn, sid)
    if s is None:
        raise P.not_found(f"story {sid}")
    return JSONResponse({**_json(s), "incidents": query.story_incident_ids(conn, sid)})


def incident_json(conn, view: read.IncidentView) -> dict:
    """An incident, its figures (low/best/high) and every claim with its event and document row ids."""
    body = _json(view)
    body["claims"] = [_json(c) for c in query.incident_claims(conn, view.id)]
    return body


def incidents(request: Request) -> JSONResponse:
    q = _accept(request, {"contested", "story", "type"})
    after, limit = P.page_params(q)
    conn = conn_of(request)
    page = read.list_incidents(conn, contested=P.boolean(q, "contested"), story=P.text(q, "story"),
                               type=P.choice(q, "type", EVENT_TYPES), after=after, limit=limit)
    return _listing(request, [incident_json(conn, v) for v in page.items], page.next_after)


def incident(request: Request) -> JSONResponse:
    _accept(request, set())
    conn, iid = conn_of(request), request.path_params["id"]
    view = read.get_incident(conn, iid)
    if view is None:
        raise P.not_found(f"incident {iid}")
    return JSONResponse(incident_json(conn, view))


def openapi_json(request: Request) -> JSONResponse:
    return JSONResponse(openapi())


ROUTES = [
    Route("/api/documents", documents), Route("/api/documents/{id:int}", document),
    Route("/api/events", events), Route("/api/events/{id:int}", event), Route("/api/timeline", timeline),
    Route("/api/quotes", quotes), Route("/api/places", places),
    Route("/api/stories", stories), Route("/api/stories/{id:int}", story),
    Route("/api/incidents", incidents), Route("/api/incidents/{id:int}", incident),
    Route("/api/openapi.json", openapi_json),
]
