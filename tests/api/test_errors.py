"""Every error answers one JSON shape with a stable code: pinned here."""
from __future__ import annotations

import pytest

SHAPE = {"code", "status", "message", "parameter"}


@pytest.mark.parametrize("url, parameter", [
    ("/api/events?limit=0", "limit"), ("/api/events?limit=abc", "limit"), ("/api/events?type=EXPLODE", "type"),
    ("/api/events?since=03/03/2024", "since"), ("/api/events?bbox=1,2,3", "bbox"), ("/api/events?bbox=10,0,0,5", "bbox"),
    ("/api/events?cursor=!!!", "cursor"), ("/api/events?colour=red", "colour"), ("/api/documents?until=2024-13-01", "until"),
    ("/api/incidents?contested=maybe", "contested"), ("/api/events?modality=rumoured", "modality"),
    ("/api/documents/1?x=1", "x"), ("/api/quotes?document=-1", "document"), ("/api/stories?active_since=x", "active_since"),
])
def test_bad_parameter_is_400_naming_it(client, url, parameter):
    r = client.get(url)
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    assert set(err) == SHAPE and err["code"] == "V400" and err["status"] == 400 and err["parameter"] == parameter
    assert parameter in err["message"]


@pytest.mark.parametrize("url", ["/api/documents/999", "/api/events/999", "/api/stories/999",
                                 "/api/incidents/999", "/api/nothing", "/api/documents/abc"])
def test_unknown_record_or_route_is_404(client, url):
    r = client.get(url)
    assert r.status_code == 404
    err = r.json()["error"]
    assert set(err) == SHAPE and err["code"] == "V404" and err["parameter"] is None


def test_write_method_is_405_in_the_same_shape(client):
    r = client.post("/api/events")
    assert r.status_code == 405 and r.json()["error"]["code"] == "V405"


def test_html_pages_answer_errors_as_pages(client):
    r = client.get("/documents/999")
    assert r.status_code == 404 and "V404" in r.text and r.headers["content-type"].startswith("text/html")
