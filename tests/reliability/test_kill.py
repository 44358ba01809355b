"""SIGKILL an ingest at random points: the database stays sound, no document is half-written,
and running the same command again reaches exactly the state of an uninterrupted run.

"Half-written", precisely (src/veille/store/schema.py): a ``documents`` row with status ``done``
is written in the same transaction as its rows in ``dates``, ``places``, ``entities``, ``quotes``,
``events`` (and their ``event_participants``) and ``doc_signatures``. So after any kill, every
``done`` document holds exactly as many rows in each of those tables as the same document
(same ``content_hash``) holds after an uninterrupted run, no row points to a missing document,
and the stored documents are a prefix of the input (at most the batch in flight is lost).

Models load once, in a helper process (kill_driver.py) that forks one child per ingest and
SIGKILLs it after a random delay; a last kill and the completion go through the real
``veille ingest`` command line.
"""
from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import connect, export_sorted, subprocess_env, veille_cmd

SEED = 1919
KILLS = 20
COMMIT_EVERY = 2
BATCH_SIZE = 1  # lede embeddings differ in the last float bit with the batch's make-up: one document a batch
DRIVER = Path(__file__).with_name("kill_driver.py")

_CITIES_FR = ["Lyon", "Marseille", "Toulouse", "Nantes", "Lille"]
_CITIES_EN = ["Leeds", "Bristol", "Glasgow", "Cardiff", "Belfast"]
_FR = [
    "Des centaines de manifestants se sont rassemblés mardi 5 mars 2024 devant la mairie de {c} pour "
    "protester contre la fermeture de l'hôpital, a indiqué la préfecture. « Nous ne partirons pas », a "
    "déclaré Claire Martin, porte-parole du collectif. Dépêche {n}.",
    "La police a interpellé trois personnes mercredi à {c} après des heurts près de la gare, selon le "
    "parquet. Le maire a appelé au calme et promis une enquête. Dépêche {n}.",
    "Le conseil régional a signé jeudi à {c} un accord avec les syndicats du port, a annoncé son "
    "président, qui a salué « un compromis utile ». Dépêche {n}.",
    "Un incendie a détruit un entrepôt dans la nuit de samedi à dimanche à {c}, faisant deux blessés, "
    "selon les pompiers. Dépêche {n}.",
]
_EN = [
    "Hundreds of protesters gathered outside the city hall in {c} on Tuesday to oppose the closure of "
    "the hospital, police said. \"We are not leaving\", said Jane Smith, a spokeswoman for the group. "
    "Report {n}.",
    "Police arrested three people in {c} on Wednesday after clashes near the station, prosecutors said. "
    "The mayor called for calm and promised an inquiry. Report {n}.",
    "The council signed an agreement with the dock unions in {c} on Thursday, its leader announced, "
    "calling it \"a useful compromise\". Report {n}.",
]


def corpus(path: Path, n: int = 40) -> Path:
    """``n`` small invented documents, French and English, several telling the same story."""
    rnd = random.Random(7)
    records = []
    for i in range(n):
        if i % 2:
            text = rnd.choice(_FR).format(c=rnd.choice(_CITIES_FR), n=i)
        else:
            text = rnd.choice(_EN).format(c=rnd.choice(_CITIES_EN), n=i)
        records.append({"id": f"k{i:02d}", "published": f"2024-03-{5 + i % 4:02d}", "text": text})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


class Driver:
    """The helper process: models loaded once, ingests forked and killed on demand."""

    def __init__(self, corpus_path: Path):
        self.proc = subprocess.Popen([sys.executable, str(DRIVER), str(corpus_path), str(COMMIT_EVERY),
                                      str(BATCH_SIZE)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, env=subprocess_env())
        assert self._read() == "ready"

    def _read(self) -> str:
        line = self.proc.stdout.readline().strip()
        assert line, f"kill driver died (exit {self.proc.poll()})"
        return line

    def run(self, db: Path, delay: float = 1e9) -> tuple[str, float]:
        """One ingest of the corpus into ``db``, killed after ``delay`` seconds unless it ends first."""
        self.proc.stdin.write(f"run {db} {delay}\n")
        self.proc.stdin.flush()
        what, value = self._read().split()
        return what, float(value)

    def close(self) -> None:
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def row_counts(db: Path) -> dict[str, tuple]:
    """Per content hash: status and the number of rows of each extraction table."""
    q = """SELECT d.content_hash, d.status,
        (SELECT count(*) FROM dates x WHERE x.document_id = d.id),
        (SELECT count(*) FROM places x WHERE x.document_id = d.id),
        (SELECT count(*) FROM entities x WHERE x.document_id = d.id),
        (SELECT count(*) FROM quotes x WHERE x.document_id = d.id),
        (SELECT count(*) FROM events x WHERE x.document_id = d.id),
        (SELECT count(*) FROM event_participants p JOIN events e ON e.id = p.event_id WHERE e.document_id = d.id),
        (SELECT count(*) FROM doc_signatures x WHERE x.document_id = d.id),
        d.story_id IS NOT NULL
        FROM documents d ORDER BY d.id"""
    with connect(db) as c:
        return {r[0]: tuple(r[1:]) for r in c.execute(q)}


def check_sound(db: Path, reference: dict[str, tuple]) -> int:
    """Integrity, no dangling rows, no half-written document, a prefix of the input; returns documents stored."""
    with connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
        assert c.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
    got = row_counts(db)
    for h, counts in got.items():
        assert counts[0] == "done", f"document {h[:12]} is {counts[0]!r} after a kill"
        assert counts == reference[h], f"document {h[:12]} half-written: {counts} != {reference[h]}"
    order = list(reference)
    assert list(got) == order[:len(got)], "stored documents are not a prefix of the input"
    return len(got)


@pytest.mark.slow
def test_kill_at_random_points_then_rerun_completes(tmp_path):
    seed = SEED
    print(f"test_kill: random seed {seed}")
    rnd = random.Random(seed)
    src = corpus(tmp_path / "corpus.jsonl")
    driver = Driver(src)
    try:
        ref_db = tmp_path / "reference.db"
        t0 = time.perf_counter()
        assert driver.run(ref_db) == ("finished", 0)
        full = time.perf_counter() - t0
        reference = row_counts(ref_db)
        assert len(reference) == 40 and all(v[0] == "done" for v in reference.values())
        expected = export_sorted(ref_db)

        kills, finished, attempt, db, stored_at_kill = 0, 0, 0, None, []
        while kills < KILLS:
            if db is None:
                attempt += 1
                db = tmp_path / f"killed-{attempt}.db"
            delay = rnd.uniform(0.02, 1.1 * full)
            what, _ = driver.run(db, delay)
            if what == "killed":
                kills += 1
                stored_at_kill.append(check_sound(db, reference) if db.exists() else 0)
            else:
                finished += 1
                assert check_sound(db, reference) == 40
                assert export_sorted(db) == expected
                db = None  # a fresh database for the next kills
        if db is None:
            db = tmp_path / "killed-last.db"
            driver.run(db, rnd.uniform(0.02, 0.8 * full))
    finally:
        driver.close()

    # one more kill and the completion through the real command line
    cmd = veille_cmd("ingest", "--db", db, "--quiet", "--batch-size", BATCH_SIZE, src)
    p = subprocess.Popen(cmd, env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(rnd.uniform(0.5, 3.0))
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    check_sound(db, reference)
    r = subprocess.run(cmd, env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert check_sound(db, reference) == 40
    assert export_sorted(db) == expected
    print(f"test_kill: {kills} kills (documents stored at each: {stored_at_kill}), {finished} runs ended "
          f"before their kill, uninterrupted run {full:.2f} s")
