"""Migrations: each one in its own transaction, all of it or none of it."""
from __future__ import annotations

import sqlite3

import pytest

from veille.errors import VeilleError
from veille.store import schema
from veille.store.db import Store
from veille.store.schema import MIGRATIONS, run_script, schema_version, statements


def test_statements_split_a_script_keeping_comments_inside():
    script = """
    CREATE TABLE a (x TEXT NOT NULL,   -- a comment; with a semicolon
                    y INTEGER);
    CREATE INDEX a_x ON a(x);
    """
    out = statements(script)
    assert len(out) == 2 and out[0].startswith("CREATE TABLE a") and out[1] == "CREATE INDEX a_x ON a(x);"


def test_migration_failing_halfway_leaves_previous_version_and_no_partial_table(tmp_path, monkeypatch):
    path = tmp_path / "v.db"
    with Store(path) as s:
        latest = s.version

    def broken(conn: sqlite3.Connection) -> None:
        run_script(conn, "CREATE TABLE partial (x INTEGER); ALTER TABLE documents ADD COLUMN half TEXT;\n"
                         "CREATE TABLE documents (x INTEGER);")

    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS, (latest + 1, "broken", broken)])
    with pytest.raises(VeilleError, match="V300"):
        Store(path)
    conn = sqlite3.connect(path)
    assert schema_version(conn) == latest
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'partial'").fetchone() is None
    assert "half" not in [c[1] for c in conn.execute("PRAGMA table_info(documents)")]


def test_migration_records_its_version_with_its_tables(tmp_path, monkeypatch):
    path = tmp_path / "v.db"
    with Store(path) as s:
        latest = s.version
    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS, (latest + 1, "extra", lambda c: run_script(
        c, "CREATE TABLE extra (x INTEGER);"))])
    with Store(path) as s:
        assert s.version == schema_version(s.conn) == latest + 1
        assert s.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'extra'").fetchone()
