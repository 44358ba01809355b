"""The database as the web app sees it: read-only (SQLite URI ``mode=ro``), one connection per thread."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from starlette.requests import Request

from ..errors import VeilleError
from ..store.schema import MIGRATIONS, schema_version


class ReadOnlyDatabase:
    """A veille database opened read-only; each worker thread gets its own connection."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        if not self.path.is_file():
            raise VeilleError("V300", f"{path}: no such database (run `veille ingest --db {path} ...` first)")
        self.uri = f"{self.path.as_uri()}?mode=ro"
        self._local = threading.local()
        version, latest = schema_version(self.connect()), MIGRATIONS[-1][0]
        if version != latest:
            raise VeilleError("V301" if version > latest else "V300",
                              f"{path}: schema version {version}, this veille serves version {latest}"
                              + ("" if version > latest else " (run `veille stats --db FILE` once to upgrade it)"))

    def connect(self) -> sqlite3.Connection:
        """This thread's read-only connection."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.uri, uri=True)
                conn.row_factory = sqlite3.Row
                conn.execute("PRAGMA query_only = ON")
                conn.execute("SELECT 1 FROM documents LIMIT 1").fetchall()
            except sqlite3.DatabaseError as e:
                raise VeilleError("V300", f"{self.path}: cannot open as a veille database ({e})") from e
            self._local.conn = conn
        return conn


def conn_of(request: Request) -> sqlite3.Connection:
    """The read-only connection of the thread serving this request."""
    return request.app.state.db.connect()
