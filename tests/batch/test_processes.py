"""Two worker processes give the database one process gives."""
from __future__ import annotations

import pytest

from veille.batch.processes import ProcessPipeline
from veille.config import Settings
from veille.run import default_pipeline, ingest
from veille.nlp.pipeline import Pipeline

from .conftest import assert_same_database, snapshot


def test_default_pipeline_is_in_process_for_one_and_workers_for_more():
    assert isinstance(default_pipeline(Settings.from_env(n_process=1)), Pipeline)
    p = default_pipeline(Settings.from_env(n_process=2))
    assert isinstance(p, ProcessPipeline) and p.processes == 2 and not p._workers  # started lazily


@pytest.mark.slow
def test_processes_two_give_the_same_database_as_one(tmp_path, small_corpus):
    # small batches, so that several are in flight and come back out of order
    one = ingest([small_corpus], tmp_path / "one.db", settings=Settings.from_env(batch_size=3, n_process=1))
    two = ingest([small_corpus], tmp_path / "two.db", settings=Settings.from_env(batch_size=3, n_process=2))
    assert (one.read, one.stored, one.failures) == (two.read, two.stored, two.failures) == (24, 24, 0)
    assert_same_database(snapshot(tmp_path / "one.db", tmp_path), snapshot(tmp_path / "two.db", tmp_path))
