"""The HTML pages: search, map, timeline, document, stories, incidents, API docs.

Server-rendered with Jinja2, autoescape on: every value from the database is
escaped. Filters are GET parameters, so every view is a shareable URL.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from ..model import EVENT_TYPES, MODALITIES, Extraction
from ..store import query, read
from . import params as P
from .db import conn_of
from .highlight import Span, highlight
from .openapi import openapi
from .timeline_svg import TYPE_COLOURS, timeline_svg

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                        autoescape=select_autoescape(default=True, default_for_string=True))


def render(name: str, status: int = 200, **context) -> HTMLResponse:
    """A template rendered (autoescaped) as an HTML response."""
    return HTMLResponse(TEMPLATES.get_template(name).render(status=status, **context), status_code=status)


def _next_url(request: Request, next_after: int | None) -> str | None:
    if next_after is None:
        return None
    kept = {k: v for k, v in request.query_params.items() if k != "cursor"}
    return f"{request.url.path}?{urlencode({**kept, 'cursor': P.encode_cursor(next_after)})}"


def search(request: Request) -> HTMLResponse:
    q = dict(request.query_params)
    P.check_known(q, P.DOCUMENT_PARAMS | P.PAGE)
    f, (after, limit) = P.document_filter(q), P.page_params(q)
    conn = conn_of(request)
    page = query.search_documents(conn, f, after=after, limit=limit)
    return render("search.html", f=f, page=page, next_url=_next_url(request, page.next_after),
                  langs=query.distinct_values(conn, "lang"), sources=query.distinct_values(conn, "source"))


def _event_page(request: Request, name: str, extra) -> HTMLResponse:
    q = dict(request.query_params)
    P.check_known(q, P.EVENT_PARAMS)
    f = P.event_filter(q)
    return render(name, f=f, types=EVENT_TYPES, modalities=MODALITIES, colours=TYPE_COLOURS, **extra(f))


def map_page(request: Request) -> HTMLResponse:
    return _event_page(request, "map.html", lambda f: {})


def timeline_page(request: Request) -> HTMLResponse:
    conn = conn_of(request)
    return _event_page(request, "timeline.html", lambda f: {"svg": timeline_svg(query.timeline(conn, f))})


def _spans(ex: Extraction, ids: dict[str, list[int]]) -> tuple[list[Span], list[tuple[str, str, list]]]:
    """The highlighted spans of a document and its record lists (key, label, JSON link)."""
    spans: list[Span] = []
    lists: dict[str, list] = {"dates": [], "places": [], "quotes": [], "events": []}
    for i, d in zip(ids["dates"], ex.dates):
        spans.append(Span(d.evidence.start, d.evidence.end, "date", f"date-{i}", f"date: {d.value or '?'}"))
        lists["dates"].append((f"date-{i}", f"{d.evidence.text} → {d.value or '?'} ({d.granularity})", None))
    for i, p in zip(ids["places"], ex.places):
        spans.append(Span(p.evidence.start, p.evidence.end, "place", f"place-{i}", f"place: {p.name}"))
        lists["places"].append((f"place-{i}", f"{p.evidence.text} → {p.name} ({p.country or '?'})", None))
    for i, q in zip(ids["quotes"], ex.quotes):
        spans.append(Span(q.evidence.start, q.evidence.end, "quote", f"quote-{i}", f"quote: {q.speaker or '?'}"))
        lists["quotes"].append((f"quote-{i}", f"{q.speaker or '?'} ({q.kind}): {q.evidence.text[:80]}", None))
    for i, e in zip(ids["events"], ex.events):
        spans.append(Span(e.evidence.start, e.evidence.end, "event", f"event-{i}", f"event: {e.type} {e.modality}"))
        spans.append(Span(e.trigger.start, e.trigger.end, "trigger", f"trigger-{i}", f"trigger of {e.type}"))
        where = f" in {e.place.name}" if e.place else ""
        lists["events"].append((f"event-{i}", f"{e.type} ({e.modality}){where}: {e.trigger.text}",
                                f"/api/events/{i}"))
    titles = (("Dates", "dates"), ("Places", "places"), ("Quotes", "quotes"), ("Events", "events"))
    return spans, [(t, k, lists[k]) for t, k in titles]


def document_page(request: Request) -> HTMLResponse:
    P.check_known(request.query_params, set())
    conn, pk = conn_of(request), request.path_params["id"]
    stored, ex = read.get_document(conn, pk), read.get_extraction(conn, pk)
    if stored is None or ex is None:
        raise P.not_found(f"document {pk}")
    spans, records = _spans(ex, query.record_ids(conn, pk))
    return render("document.html", doc=stored, body=highlight(ex.document.text, spans), records=records)


def stories_page(request: Request) -> HTMLResponse:
    q = dict(request.query_params)
    P.check_known(q, P.PAGE)
    after, limit = P.page_params(q)
    page = read.list_stories(conn_of(request), after=after, limit=limit)
    return render("stories.html", page=page, next_url=_next_url(request, page.next_after))


def story_page(request: Request) -> HTMLResponse:
    P.check_known(request.query_params, set())
    conn, sid = conn_of(request), request.path_params["id"]
    story = read.get_story(conn, sid)
    if story is None:
        raise P.not_found(f"story {sid}")
    docs = query.search_documents(conn, query.DocumentFilter(story=story.label), limit=200).items
    incidents = [(v, query.incident_claims(conn, v.id)) for v in
                 (read.get_incident(conn, i) for i in query.story_incident_ids(conn, sid)[:50]) if v]
    return render("story.html", story=story, documents=docs, incidents=incidents)


def incidents_page(request: Request) -> HTMLResponse:
    q = dict(request.query_params)
    P.check_known(q, {"contested"} | P.PAGE)
    contested, (after, limit) = P.boolean(q, "contested"), P.page_params(q)
    page = read.list_incidents(conn_of(request), contested=contested or None, after=after, limit=limit)
    return render("incidents.html", page=page, contested=contested,
                  next_url=_next_url(request, page.next_after))


def incident_page(request: Request) -> HTMLResponse:
    P.check_known(request.query_params, set())
    conn, iid = conn_of(request), request.path_params["id"]
    inc = read.get_incident(conn, iid)
    if inc is None:
        raise P.not_found(f"incident {iid}")
    return render("incident.html", inc=inc, claims=query.incident_claims(conn, iid))


def api_docs(request: Request) -> HTMLResponse:
    return render("apidocs.html", spec=openapi(), codes=list(P.ERROR_CODES))


ROUTES = [
    Route("/", search), Route("/map", map_page), Route("/timeline", timeline_page),
    Route("/documents/{id:int}", document_page), Route("/stories", stories_page),
    Route("/stories/{id:int}", story_page), Route("/incidents", incidents_page),
    Route("/incidents/{id:int}", incident_page), Route("/api/docs", api_docs),
]
