"""Ids and paths read from input never become file paths: exports write only where --out says."""
from __future__ import annotations

import json
import os

import pytest

from .conftest import GOOD_EN, GOOD_FR, assert_clean_exit, cli, write_jsonl

IDS = ["../../etc/x", "/tmp/veille-evil", "..", "a/../../b", "C:\\Windows\\x", "~/x", "x\x00y", "con",
       "$(touch pwned)", "`touch pwned`", "x;rm -rf .", "%2e%2e%2fx"]


def _files(root) -> set[str]:
    return {os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs}


@pytest.mark.parametrize("fmt,out", [("jsonl", "out/export.jsonl"), ("csv", "out/csv"), ("csv", "out/events.csv")])
def test_export_of_hostile_ids_writes_only_under_out(tmp_path, monkeypatch, fmt, out):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    records = [{"id": i, "title": i, "source": i, "url": i, "published": "2024-03-06",
                "text": (GOOD_EN if n % 2 else GOOD_FR) + f" ({n})"} for n, i in enumerate(IDS)]
    db = tmp_path / "v.db"
    assert_clean_exit(cli("ingest", "--db", db, "--quiet", write_jsonl(tmp_path / "in.jsonl", records)))
    (work / "out").mkdir()  # an --out file needs its folder (export does not create it)
    before = _files(tmp_path)
    assert_clean_exit(cli("export", "--db", db, "--format", fmt, "--out", out))
    new = _files(tmp_path) - before
    assert new and all(p.startswith(os.path.join("work", "out") + os.sep) for p in new), sorted(new)
    assert not os.path.exists("/tmp/veille-evil") and not (work / "pwned").exists()
    if fmt == "jsonl":
        ids = {json.loads(line)["id"] for line in (work / out).read_text(encoding="utf-8").splitlines()}
        assert ids == set(IDS)
