"""Formula-like CSV cells get a leading apostrophe, in every CSV writer."""
from __future__ import annotations

import csv
import io

import pytest

from veille.store.export.cells import neutralise
from veille.store.export.csv import export_csv
from veille.store.export.incidents import filtered_incidents, write_csv


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+33 1 23", "'+33 1 23"), ("-Tuerie", "'-Tuerie"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Lyon", "Lyon"), ("a=b", "a=b"), ("", ""),
    (-17.5, -17.5), (3, 3), (None, None),
])
def test_cells_neutralise(value, expected):
    assert neutralise(value) == expected


def test_cells_csv_tables_are_neutralised(store, tmp_path):
    export_csv(store, tmp_path)
    with (tmp_path / "quotes.csv").open(encoding="utf-8", newline="") as f:
        assert next(csv.DictReader(f))["text"] == "'=SOMME(A1)"
    with (tmp_path / "documents.csv").open(encoding="utf-8", newline="") as f:
        titles = [r["title"] for r in csv.DictReader(f)]
    assert titles[0] == "'-Tuerie à Lyon"
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as f:
        assert next(csv.DictReader(f))["actors"] == "'=HYPERLINK(\"x\")"


def test_cells_incidents_csv_is_neutralised(store):
    out = io.StringIO(newline="")
    write_csv(filtered_incidents(store), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert {r["outlet"] for r in rows} == {"Le Courrier", "Agence Sud", "'@Wire"}
