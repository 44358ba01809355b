"""The Ray engine gives the same database as the embedded path (skipped where Ray is not installed)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from veille.cli import main

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'veille[ray]'")


def _export(db, out):
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_ray_engine_matches_local_ingest(tmp_path, examples_dir):
    src = examples_dir / "articles.jsonl"
    local = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "local.db"), "--quiet", str(src)])
    assert local.exit_code == 0, local.output
    on_ray = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "ray.db"), "--quiet", "--engine", "ray",
                                       "--workers", "1", str(src)])
    assert on_ray.exit_code == 0, on_ray.output
    ray.shutdown()
    assert _export(tmp_path / "ray.db", tmp_path / "r.jsonl") == _export(tmp_path / "local.db", tmp_path / "l.jsonl")
