"""The web app's database is read-only, and refuses a database it cannot serve with one clear error."""
from __future__ import annotations

import sqlite3

import pytest

from tests.web.fixtures import build_db
from veille.errors import VeilleError
from veille.web.db import ReadOnlyDatabase


def test_database_is_opened_read_only(tmp_path):
    db = ReadOnlyDatabase(build_db(tmp_path / "n.db"))
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        db.connect().execute("DELETE FROM documents")


def test_full_text_index_follows_updates_and_deletes(tmp_path):
    path = build_db(tmp_path / "n.db")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE documents SET title = 'Zanzibar' WHERE id = 1")
    conn.execute("DELETE FROM documents WHERE id = 3")
    conn.commit()
    match = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
    assert conn.execute(match, ("zanzibar",)).fetchall() == [(1,)]
    assert conn.execute(match, ("protesters",)).fetchall() == []


@pytest.mark.parametrize("make, code", [("missing", "V300"), ("not-sqlite", "V300"), ("old-schema", "V300")])
def test_unservable_database_is_one_error(tmp_path, make, code):
    path = tmp_path / "x.db"
    if make == "not-sqlite":
        path.write_text("hello")
    elif make == "old-schema":
        build_db(path)
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM _migrations WHERE version = (SELECT MAX(version) FROM _migrations)")
    with pytest.raises(VeilleError) as e:
        ReadOnlyDatabase(path)
    assert e.value.code == code
