"""veille.run: step timing for benchmarks, the choice of pipeline, and the --processes option."""
from __future__ import annotations

import datetime as dt
import json
import time

import numpy as np
import pytest
from click.testing import CliRunner

from veille.cli import main
from veille.config import Settings
from veille.incidents import record_signature
from veille.link.similarity import rank_candidates, retrievable, story_score, weight, within
from veille.model import Document, Extraction
from veille.nlp.pipeline import STAGES, STEP_NAMES, StageTimer, stage_name, timing
from veille.run import IngestSummary, ingest
from veille.store import link_queries as q
from veille.store.db import Store
from veille.stories import assign_story, candidate_scores


class _NoExtraction:
    """A pipeline that extracts nothing: enough to drive the read, stories, incidents and store steps."""

    def process(self, docs):
        for d in docs:
            yield Extraction(document=d)


def _jsonl(path, n):
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Texte numéro {i} pour le test.", "lang": "fr"})
                            + "\n" for i in range(n)), encoding="utf-8")
    return path


def test_run_timer_counts_the_steps_of_an_ingest(tmp_path):
    timer = StageTimer()
    s = ingest([_jsonl(tmp_path / "in.jsonl", 3)], tmp_path / "v.db", settings=Settings.from_env(),
               pipeline=_NoExtraction(), timer=timer)
    assert s.stored == 3
    assert {"read", "stories", "incidents", "store"} <= set(timer.seconds) <= set(STEP_NAMES)
    assert all(v >= 0 for v in timer.seconds.values())


def test_run_timer_off_changes_nothing(tmp_path):
    s = ingest([_jsonl(tmp_path / "in.jsonl", 2)], tmp_path / "v.db", settings=Settings.from_env(),
               pipeline=_NoExtraction())
    assert (s.read, s.stored) == (2, 2)


def test_run_step_names_list_every_stage_in_order():
    names = [stage_name(s) for s in STAGES]
    assert list(STEP_NAMES[3:3 + len(names)]) == names
    assert STEP_NAMES[:3] == ("read", "detect", "parse") and STEP_NAMES[-1] == "store"


def test_run_timer_timed_counts_production_and_keeps_items():
    timer = StageTimer()
    assert list(timer.timed("parse", iter([1, 2, 3]))) == [1, 2, 3]
    with timing(timer, "store"):
        pass
    with timing(None, "store"):  # no timer: nothing recorded, nothing raised
        pass
    assert set(timer.seconds) == {"parse", "store"}


def test_run_timer_counts_cpu_time_apart_from_waiting():
    timer = StageTimer()
    with timer.time("wait"):
        time.sleep(0.05)  # a step waiting (for a core, a lock, a disk) costs wall-clock time, not CPU time
    with timer.time("work"):
        sum(i * i for i in range(200_000))
    assert timer.seconds["wait"] >= 0.05 and timer.cpu["wait"] < 0.02
    assert timer.cpu["work"] > 0 and set(timer.cpu) == set(timer.seconds) == {"wait", "work"}
    timer.clear()
    assert not timer.seconds and not timer.cpu


def _vector(seed: int) -> bytes:
    v = np.random.default_rng(seed).normal(size=512).astype(np.float32)
    return (v / np.linalg.norm(v)).tobytes()


def _article(i: int, keys: list[str], day: str) -> Extraction:
    return Extraction(document=Document(text=f"Dépêche inventée numéro {i}.", id=f"a{i}",
                                        published=dt.date.fromisoformat(day)),
                      story_keys=sorted(keys), story_vector=_vector(i % 3))


def _scores_one_query_each(conn, ex: Extraction, settings: Settings) -> list[tuple[int, float]]:
    """The reference: one query per candidate span and per member's clue frequencies (the pre-batching way)."""
    s, keys, pub = settings.stories, ex.story_keys, ex.document.published
    n_docs, df = q.corpus_size(conn), q.key_df(conn, ex.story_keys)
    shared: dict[int, float] = {}
    for k in retrievable(keys, s):
        for sid in q.stories_with_key(conn, k, s.per_key_candidates):
            shared[sid] = shared.get(sid, 0.0) + weight(k, df.get(k, 0), n_docs, s.weights)
    weights: dict[str, float] = {}
    out = []
    for sid in rank_candidates(shared, s):
        first, last = conn.execute("SELECT first_published, last_published FROM stories WHERE id = ?",
                                   (sid,)).fetchone()
        if pub and first and not within(pub.isoformat(), first, last, s.window_days):
            continue
        members = q.story_members(conn, sid, s.story_members)
        for m in members:
            df.update(q.key_df(conn, [k for k in m.keys if k not in df]))
        if members:
            out.append((sid, story_score(keys, ex.story_vector, members, df, n_docs, pub, s, weights)))
    return out


def test_run_story_candidates_batched_score_as_one_query_each(tmp_path):
    settings = Settings.defaults()
    places, names = ["geo:3000001", "geo:3000002", "geo:3000003"], ["name:okonkwo", "name:varga", "name:lindqvist"]
    stream = [_article(i, [places[i % 3], names[(i // 2) % 3], f"num:{i % 4}", "country:ZZ"],
                       f"2024-0{1 + i % 3}-1{i % 10}") for i in range(24)]
    compared = 0
    with Store(tmp_path / "v.db") as store:
        for ex in stream:
            batched = candidate_scores(store.conn, ex, settings)
            assert batched == _scores_one_query_each(store.conn, ex, settings)
            compared += len(batched)
            sid = assign_story(store.conn, ex, settings)
            pk = store.write_extraction(ex, story_id=sid)
            record_signature(store.conn, pk, ex.document.text, ex.story_keys, ex.story_vector, settings.incidents)
    assert compared > 20  # the stream gives many candidates to compare


@pytest.mark.parametrize("option", ["--processes", "--n-process"])
def test_run_cli_processes_sets_worker_processes(tmp_path, monkeypatch, option):
    import veille.run

    seen = {}

    def fake(sources, db, *, settings, **kw):
        seen["settings"] = settings
        return IngestSummary(read=1, stored=1)

    monkeypatch.setattr(veille.run, "ingest", fake)
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, ["ingest", "--db", "v.db", option, "2", "a.txt"])
    assert r.exit_code == 0, r.output
    assert seen["settings"].n_process == 2
