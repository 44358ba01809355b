"""Exported CSV cells that a spreadsheet would run as a formula are neutralised (prefixed with ')."""
from __future__ import annotations

import csv

import pytest

from .conftest import GOOD_EN, assert_clean_exit, cli, write_jsonl

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = ["=HYPERLINK(\"http://x.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
            "\t=1+1", "\r=1+1"]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _cells(out) -> list[tuple[str, str]]:
    cells = []
    for path in sorted(out.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            cells += [(path.name, c) for row in csv.reader(f) for c in row]
    return cells


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    d = tmp_path_factory.mktemp("csv")
    records = [{"id": p, "title": p, "source": p, "url": p, "published": "2024-03-06", "text": GOOD_EN}
               for p in PAYLOADS]
    records.append({"id": "plain", "title": "Leeds", "source": "-", "text": GOOD_EN.replace("Tuesday", "Monday")})
    db = d / "v.db"
    assert_clean_exit(cli("ingest", "--db", db, "--quiet", write_jsonl(d / "in.jsonl", records)))
    out = d / "out"
    assert_clean_exit(cli("export", "--db", db, "--format", "csv", "--out", out))
    return _cells(out)


def test_csv_export_has_the_payload_documents(exported):
    assert len({c for _, c in exported if "calc" in c}) >= 1


def test_csv_cells_never_start_like_a_formula(exported):
    bad = [(name, c) for name, c in exported if c and c[0] in DANGEROUS and not _is_number(c)]
    assert not bad, bad[:10]
    for p in PAYLOADS:
        assert any(c == "'" + p for _, c in exported), f"{p!r} not kept behind a quote"
