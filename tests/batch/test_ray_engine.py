"""The Ray engine gives the same database as the embedded path (skipped where Ray is not installed).

CI installs the ``ray`` extra (``.ci/run``), so there this test runs: a local
Ray cluster with 2 workers ingests a small invented corpus.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from veille.cli import main

from .conftest import assert_same_database, snapshot

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'veille[ray]'")


def _ingest(db, src, *extra):
    r = CliRunner().invoke(main, ["ingest", "--db", str(db), "--quiet", "--batch-size", "3", *extra, str(src)])
    assert r.exit_code == 0, r.output
    return r.output


@pytest.mark.slow
def test_ray_engine_two_workers_gives_the_embedded_database(tmp_path, small_corpus):
    _ingest(tmp_path / "local.db", small_corpus)
    try:
        out = _ingest(tmp_path / "ray.db", small_corpus, "--engine", "ray", "--workers", "2")
    finally:
        ray.shutdown()
    assert "24 extracted" in out and "0 failures" in out
    assert_same_database(snapshot(tmp_path / "local.db", tmp_path), snapshot(tmp_path / "ray.db", tmp_path))
