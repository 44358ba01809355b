"""Two ingests on one database at once both finish, each document stored once; reads work while an ingest writes."""
from __future__ import annotations

import sqlite3
import subprocess
import threading
import time

import pytest

from .conftest import assert_clean_exit, cli, connect, good_record, subprocess_env, veille_cmd, write_jsonl
from .test_kill import corpus


N = 80
HOLD = 7.0  # seconds another writer keeps its batch open: more than sqlite's default 5 s wait


def _split(src, tmp_path):
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(lines[:60]), encoding="utf-8")  # documents 20..59 are in both
    b.write_text("".join(lines[20:]), encoding="utf-8")
    return a, b


@pytest.mark.slow
def test_two_ingests_on_one_database_both_finish(tmp_path):
    a, b = _split(corpus(tmp_path / "corpus.jsonl", n=N), tmp_path)
    db = tmp_path / "v.db"
    procs = [subprocess.Popen(veille_cmd("ingest", "--db", db, "--quiet", "--batch-size", 4, src),
                              env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for src in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0 and "Traceback" not in err, err
    with connect(db) as c:
        ids = [r[0] for r in c.execute("SELECT doc_id FROM documents WHERE status = 'done'")]
        assert c.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
    assert sorted(ids) == sorted(f"k{i:02d}" for i in range(N))


def test_an_ingest_waits_for_another_writers_batch(tmp_path):
    db = tmp_path / "v.db"
    src = write_jsonl(tmp_path / "in.jsonl", [good_record()])
    # the models load now, so that the timed ingest below writes at once
    warm = write_jsonl(tmp_path / "first.jsonl", [good_record("warm")])
    assert_clean_exit(cli("ingest", "--db", db, "--quiet", warm))
    locked, release = threading.Event(), threading.Event()

    def other_writer() -> None:  # another ingest in the middle of a long commit batch
        conn = sqlite3.connect(str(db), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO key_df (key, df) VALUES ('busy', 1)")
        locked.set()
        release.wait(HOLD)
        conn.execute("COMMIT")
        conn.close()

    t = threading.Thread(target=other_writer)
    t.start()
    locked.wait(10)
    threading.Timer(HOLD, release.set).start()
    try:
        r = cli("ingest", "--db", db, "--quiet", src)
    finally:
        release.set()
        t.join()
    assert_clean_exit(r)
    with connect(db) as c:
        assert c.execute("SELECT count(*) FROM documents WHERE doc_id = 'good'").fetchone()[0] == 1


@pytest.mark.slow
def test_show_and_export_work_while_an_ingest_writes(tmp_path):
    src = corpus(tmp_path / "corpus.jsonl", n=40)
    db = tmp_path / "v.db"
    assert_clean_exit(cli("ingest", "--db", db, "--quiet", "--batch-size", 4, src))  # something to read
    more = tmp_path / "more.jsonl"
    more.write_text(src.read_text(encoding="utf-8").replace('"k', '"m'), encoding="utf-8")
    writer = subprocess.Popen(veille_cmd("ingest", "--db", db, "--quiet", "--batch-size", 1, more),
                              env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reads = 0
    while writer.poll() is None:
        for args in (["show", "--db", db, "--limit", 3], ["export", "--db", db, "--format", "jsonl"],
                     ["stats", "--db", db]):
            assert_clean_exit(cli(*args))
        reads += 1
        time.sleep(0.1)
    _, err = writer.communicate()
    assert writer.returncode == 0, err
    assert reads >= 3
    with connect(db) as c:
        assert c.execute("SELECT count(*) FROM documents WHERE status = 'done'").fetchone()[0] == 80


def _open_store(db: str, barrier) -> str:
    from veille.errors import VeilleError
    from veille.store.db import Store

    barrier.wait()
    try:
        Store(db).close()
    except VeilleError as e:
        return e.message
    return ""


def test_processes_creating_one_database_at_once_all_open_it(tmp_path):
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    errors = []
    for attempt in range(4):
        db = str(tmp_path / f"new-{attempt}.db")
        with ctx.Manager() as m:
            barrier = m.Barrier(6)
            with ctx.Pool(6) as pool:
                errors += [e for e in pool.starmap(_open_store, [(db, barrier)] * 6) if e]
    assert not errors, errors[:3]
