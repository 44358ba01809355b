"""Helpers for the scale tests: a small invented corpus and a comparable snapshot of a database."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from veille.batch.synthetic import read_jsonl, write_corpus
from veille.store.db import Store
from veille.store.export import writer


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory, examples_dir) -> Path:
    """The example articles and 20 invented variants of them, as one JSONL file."""
    base = read_jsonl(examples_dir / "articles.jsonl")
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(base, 20, out / "variants.jsonl")
    (out / "all.jsonl").write_text((examples_dir / "articles.jsonl").read_text(encoding="utf-8").rstrip("\n")
                                   + "\n" + (out / "variants.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    return out / "all.jsonl"


def snapshot(db: Path, tmp: Path) -> dict:
    """What must not depend on how the extraction ran: the sorted JSONL export, the stories, the incidents."""
    out = tmp / f"{db.stem}.jsonl"
    with Store(db) as store:
        writer("jsonl")(store, str(out))
    conn = sqlite3.connect(db)
    try:
        return {
            "export": sorted(out.read_text(encoding="utf-8").splitlines()),
            "stories": conn.execute("SELECT label, title, first_published, last_published, n_documents "
                                    "FROM stories ORDER BY id").fetchall(),
            "membership": conn.execute("SELECT d.doc_id, s.label, o.doc_id FROM documents d "
                                       "LEFT JOIN stories s ON s.id = d.story_id "
                                       "LEFT JOIN documents o ON o.id = d.syndicated_of ORDER BY d.id").fetchall(),
            "incidents": conn.execute("SELECT * FROM incidents ORDER BY id").fetchall(),
            "claims": conn.execute("SELECT * FROM claims ORDER BY id").fetchall(),
        }
    finally:
        conn.close()


def assert_same_database(a: dict, b: dict) -> None:
    """Compare two snapshots part by part, so a failure names what differs."""
    for part in a:
        assert a[part] == b[part], f"{part} differs"
    assert a["export"] and json.loads(a["export"][0])
