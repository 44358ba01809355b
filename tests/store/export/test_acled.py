"""ACLED-style CSV: one row per incident, read back with the csv module, formula-like cells neutralised."""
from __future__ import annotations

import csv
import io

from veille.store.export import ExportFilter
from veille.store.export.acled import COLUMNS, export_acled


def _rows(store, filters=ExportFilter()) -> list[dict]:
    out = io.StringIO(newline="")
    n = export_acled(store, out, filters)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert len(rows) == n
    return rows


def test_acled_one_row_per_incident(store):
    rows = _rows(store)
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 2
    lyon = rows[0]
    assert (lyon["event_date"], lyon["event_type"], lyon["country"], lyon["location"]) == \
        ("2024-03-09", "ASSAULT", "FR", "Lyon")
    assert (lyon["fatalities"], lyon["fatalities_low"], lyon["fatalities_high"]) == ("3", "3", "4")
    assert lyon["source"] == "Le Courrier; Agence Sud" and lyon["n_claims"] == "2" and lyon["contested"] == "1"
    assert "Selon la police" in lyon["notes"] and (lyon["latitude"], lyon["longitude"]) == ("45.764043", "4.835659")


def test_acled_neutralises_formula_cells(store):
    rows = _rows(store)
    assert rows[0]["actor1"] == "'=HYPERLINK(\"x\")"
    assert rows[0]["assoc_actor_2"] == "'+riverains; personnes"
    assert rows[1]["source"] == "'@Wire"
    assert rows[1]["longitude"] == "-17.44406"  # a number is not a formula


def test_acled_filters_narrow(store):
    assert [r["event_type"] for r in _rows(store, ExportFilter.of(since="2024-04-01"))] == ["PROTEST"]
    assert [r["event_type"] for r in _rows(store, ExportFilter.of(until="2024-03-31"))] == ["ASSAULT"]
