"""Shared helpers of the reliability suite: run the CLI in-process, look into the database, keep a tally.

The CLI is driven through click's runner in this process, so the spaCy models
load once for the whole suite; subprocess tests (kill, concurrency) start
their own processes.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from veille.cli import main

SRC = Path(__file__).resolve().parents[2] / "src"
TALLY = pytest.StashKey[dict]()

# Invented sentences, long enough for language detection and the stages to have work to do.
GOOD_FR = ("Des manifestants se sont rassemblés mardi 5 mars 2024 devant la mairie de Lyon, "
           "a indiqué la préfecture. « Nous resterons ici », a déclaré une porte-parole du collectif.")
GOOD_EN = ("Protesters gathered outside the town hall in Leeds on Tuesday, police said. "
           "\"We will stay here\", a spokeswoman for the group told reporters.")


def good_record(doc_id: str = "good", text: str = GOOD_FR) -> dict:
    """One valid input record."""
    return {"id": doc_id, "published": "2024-03-06", "text": text}


def cli(*args: str) -> Result:
    """Run ``veille ARGS`` in this process; the result keeps any exception that escaped."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def assert_clean_exit(r: Result) -> None:
    """Exit code 0 and no traceback: an exception escaping the CLI is a bug."""
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        import traceback
        tb = "".join(traceback.format_exception(r.exception))
        raise AssertionError(f"exception escaped the CLI:\n{tb}")
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output


def connect(db: Path) -> sqlite3.Connection:
    """A read connection on a veille database."""
    conn = sqlite3.connect(str(db))
    conn.row_factory = sqlite3.Row
    return conn


@dataclass
class Snapshot:
    """What a database holds, in the terms the tests check."""

    documents: list[sqlite3.Row]
    failures: list[sqlite3.Row]

    def doc(self, doc_id: str) -> sqlite3.Row | None:
        """The document row with this id, if any."""
        return next((d for d in self.documents if d["doc_id"] == doc_id), None)


def snapshot(db: Path) -> Snapshot:
    """Documents and failures of ``db``."""
    with connect(db) as c:
        docs = c.execute("SELECT id, doc_id, status, text, title, origin, content_hash FROM documents "
                         "ORDER BY id").fetchall()
        fails = c.execute("SELECT origin, code, reason, document_id FROM failures ORDER BY id").fetchall()
    return Snapshot(docs, fails)


def export_sorted(db: Path) -> list[str]:
    """``veille export --format jsonl`` of ``db``, lines sorted."""
    r = cli("export", "--db", db, "--format", "jsonl")
    assert_clean_exit(r)
    return sorted(line for line in r.stdout.splitlines() if line.startswith("{"))


def subprocess_env() -> dict[str, str]:
    """Environment for a child ``veille``: this tree's sources first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def veille_cmd(*args: str) -> list[str]:
    """The argv of ``veille ARGS`` run as a child process of this interpreter."""
    return [sys.executable, "-c", "import sys; from veille.cli import main; sys.argv[0] = 'veille'; main()",
            *[str(a) for a in args]]


def write_jsonl(path: Path, records: list[dict | str | bytes]) -> Path:
    """A JSONL file: dicts are dumped, strings and bytes written as they are, one a line."""
    with path.open("wb") as f:
        for r in records:
            if isinstance(r, dict):
                r = json.dumps(r, ensure_ascii=True)
            f.write((r.encode("utf-8", "surrogatepass") if isinstance(r, str) else r) + b"\n")
    return path


@pytest.fixture
def tally(request) -> dict:
    """Counts of bad-input kinds tried and handled, printed at the end of the session."""
    return request.config.stash.setdefault(TALLY, {"tried": 0, "handled": 0, "not_handled": []})


def pytest_terminal_summary(terminalreporter, config) -> None:
    t = config.stash.get(TALLY, None)
    if t:
        terminalreporter.write_line(f"reliability: {t['tried']} kinds of bad input tried, {t['handled']} handled"
                                    + (f"; not handled: {', '.join(t['not_handled'])}" if t["not_handled"] else ""))
