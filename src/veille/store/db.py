"""The SQLite store: open (WAL, migrated), then write and read through ``store.write`` and ``store.read``."""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import VeilleError
from ..model import Extraction, Failure
from . import read, write
from .schema import migrate

#: seconds a writer waits for another one's commit (two ingests on one database) before giving up
BUSY_TIMEOUT_S = 60.0


class Store:
    """One SQLite database file holding documents, extractions, stories, incidents and failures."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # another ingest may hold the write lock for one commit batch: wait for it, do not fail
            self.conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.version = self._setup(wal=str(path) != ":memory:")
        except sqlite3.DatabaseError as e:
            raise VeilleError("V300", f"{path}: cannot open as a veille database ({e})") from e

    def _setup(self, wal: bool) -> int:
        """WAL mode and migrations, retried while another process sets up the same new file.

        SQLite answers "database is locked" at once, without waiting, while another
        connection switches the file to WAL: the busy timeout alone does not cover it.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                if wal:
                    self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                return migrate(self.conn)
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def commit(self) -> None:
        """Make everything written so far durable."""
        self.conn.commit()

    def document_status(self, content_hash: str) -> str | None:
        """'done', 'skipped' or 'failed' for a known content hash, else None."""
        return read.document_status(self.conn, content_hash)

    def write_extraction(self, ex: Extraction, story_id: int | None = None) -> int:
        """Insert (or replace) one document and everything extracted from it; returns its row id."""
        return write.write_extraction(self.conn, ex, story_id)

    def write_failure(self, f: Failure) -> None:
        """Record a failure once per (origin, code, reason)."""
        write.write_failure(self.conn, f)

    def failures(self) -> list[sqlite3.Row]:
        """Every recorded failure, oldest first."""
        return read.failures(self.conn)

    def stats(self) -> dict:
        """Counts per table, documents per language and status, the publication date range, the schema version."""
        return {**read.stats(self.conn), "schema_version": self.version}

    def extractions(self) -> Iterator[Extraction]:
        """Every stored document with its extractions, in ingest order."""
        return read.extractions(self.conn)
