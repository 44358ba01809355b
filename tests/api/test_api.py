"""The JSON API through HTTP: filters, full-text search, keyset cursors, records and their evidence."""
from __future__ import annotations

import pytest

from tests.web.fixtures import EN_TEXT, FR_TEXT


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item.get("doc_id") or item.get("id") for item in response.json()["items"]]


@pytest.mark.parametrize("query, expected", [
    ("q=frappe", ["fr-1"]), ("q=FRAPPE kharkiv", ["fr-1"]), ("q=kharkiv", ["fr-1", "en-1"]),
    ("q=reconstruirons", ["fr-1"]), ("q=script", ["x-1"]), ('q="unbalanced', []), ("q=AND OR NOT", []),
    ("lang=en", ["en-1", "x-1"]), ("source=Le Veilleur", ["fr-1"]), ("since=2024-03-04", ["en-1", "x-1"]),
    ("until=2024-03-03", ["fr-1"]), ("story=s-1", ["fr-1", "en-1"]),
])
def test_documents_filters_and_full_text_search(client, query, expected):
    assert ids(client.get(f"/api/documents?{query}")) == expected


@pytest.mark.parametrize("query, n", [
    ("type=ASSAULT", 2), ("modality=denied", 1), ("country=ua", 2), ("place=Lyon", 1), ("actor=Russie", 1),
    ("since=2024-03-05", 1), ("until=2024-03-03", 2), ("bbox=30,45,40,55", 2), ("bbox=0,40,10,50", 1),
    ("story=s-1&type=PROTEST", 0), ("document=1", 1),
])
def test_events_filters(client, query, n):
    assert len(client.get(f"/api/events?{query}").json()["items"]) == n


def test_events_keyset_cursor_pages_every_event_once(client):
    seen, url = [], "/api/events?limit=1"
    while url:
        body = client.get(url).json()
        seen += [e["id"] for e in body["items"]]
        url = body["next"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 3


def test_document_record_carries_every_span_with_its_id(client):
    body = client.get("/api/documents/1").json()
    assert body["text"] == FR_TEXT and body["story"] == "s-1"
    for kind in ("dates", "places", "quotes", "events"):
        for rec in body[kind]:
            e = rec["evidence"]
            assert FR_TEXT[e["start"]:e["end"]] == e["text"] and rec["id"] > 0
    assert body["quotes"][0]["speaker"] == "Ihor Terekhov"


def test_event_and_quotes_and_places(client):
    event = client.get("/api/events/2").json()
    assert event["modality"] == "denied" and event["evidence"]["text"] == EN_TEXT
    assert [q["speaker"] for q in client.get("/api/quotes?speaker=Ihor Terekhov").json()["items"]] == ["Ihor Terekhov"]
    assert len(client.get("/api/places?country=UA").json()["items"]) == 2


def test_incident_lists_claims_side_by_side_with_figures(client):
    inc = client.get("/api/incidents/1").json()
    assert inc["contested"] and inc["killed"] == {"low": 0, "best": 12, "high": 12}
    assert [(c["outlet"], c["modality"], c["killed"]) for c in inc["claims"]] == [
        ("Le Veilleur", "reported", 12), ("Daily Wire Test", "denied", 0)]
    assert len(client.get("/api/incidents?contested=true").json()["items"]) == 1
    story = client.get("/api/stories/1").json()
    assert story["label"] == "s-1" and story["n_documents"] == 2 and story["incidents"] == [1]


def test_timeline_counts_events_by_day_and_type(client):
    items = client.get("/api/timeline").json()["items"]
    assert {"day": "2024-03-03", "type": "ASSAULT", "n": 2} in items
    assert {"day": "2024-03-05", "type": "PROTEST", "n": 1} in items


def test_openapi_lists_every_route_and_the_docs_page_is_offline(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/events" in spec["paths"]
    assert {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]} >= {"bbox", "cursor", "actor"}
    page = client.get("/api/docs").text
    assert "/api/incidents/{id}" in page and "http" not in page.replace("http://", "").split("<body>")[0]
    assert "cdn" not in page.lower()
