"""PLOVER JSON lines: one record per event, the manual's field names, parsed back."""
from __future__ import annotations

import io
import json

from veille.store.export import ExportFilter
from veille.store.export.plover import QUAD_CODES, export_plover

MANUAL_FIELDS = {"id", "has_event", "date", "actor", "recipient", "event", "event_loc", "event_text", "quad_code",
                 "mode", "context", "link", "text_info", "cite_info", "coder", "coded_date"}


def _records(store, filters=ExportFilter()) -> list[dict]:
    out = io.StringIO()
    n = export_plover(store, out, filters)
    lines = out.getvalue().splitlines()
    assert len(lines) == n
    return [json.loads(line) for line in lines]


def test_plover_records_carry_the_manual_fields(store):
    recs = _records(store)
    assert len(recs) == 4 and all(MANUAL_FIELDS <= set(r) for r in recs)
    assert len({r["id"] for r in recs}) == 4


def test_plover_assault_record(store):
    r = next(r for r in _records(store) if r["id"] == "a-1")
    assert r["event"] == ["ASSAULT"] and r["mode"] == ["firearms"] and r["quad_code"] == 4
    assert [a["entity_text"] for a in r["recipient"]] == ["passants", "+riverains"]
    assert r["event_loc"]["country_code"] == "FRA" and r["event_loc"]["lon"] == 4.835659
    assert r["size"]["dead"] == 3 and r["link"] == "incident-1" and r["date_basis"] == "act"
    assert r["cite_info"]["publication"] == "Le Courrier" and r["text_info"] == {"start": 0, "end": 71}


def test_plover_partial_act_date_falls_back_to_publication(store):
    r = next(r for r in _records(store) if r["event"] == ["PROTEST"])
    assert (r["date"], r["act_date"], r["date_basis"]) == ("2024-05-20", "2024-05", "published")


def test_plover_filters_narrow_and_keep_ids(store):
    recs = _records(store, ExportFilter.of(type="CONSULT"))
    assert [r["id"] for r in recs] == ["b-2"] and recs[0]["event_loc"]["lat"] is None


def test_plover_quad_codes_cover_every_type():
    from veille.model import EVENT_TYPES

    assert set(QUAD_CODES) == set(EVENT_TYPES)
