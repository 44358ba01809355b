"""Quality gate: the benchmark's dev set, scored by its own scorer, must stay above pinned floors.

The floors live in quality_floors.json. Raise a floor when you improve a
task; lowering one is a decision to state in the commit, never a silent edit.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from veille.cli import main

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_scores(shared_dir, tmp_path_factory):
    """Ingest the dev set through the CLI, export, and score with the benchmark's scorer."""
    bench = shared_dir / "bench"
    work = tmp_path_factory.mktemp("gate")
    inputs = subprocess.run([sys.executable, str(bench / "score.py"), "--gold", str(bench / "dev"),
                             "--emit-inputs"], check=True, capture_output=True, text=True).stdout
    (work / "in.jsonl").write_text(inputs, encoding="utf-8")
    db, pred = work / "v.db", work / "pred.jsonl"
    r = CliRunner().invoke(main, ["ingest", "--db", str(db), "--quiet", str(work / "in.jsonl")])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(pred)])
    assert r.exit_code == 0, r.output
    out = subprocess.run([sys.executable, str(bench / "score.py"), "--gold", str(bench / "dev"), "--pred",
                          str(pred), "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


@pytest.mark.slow
@pytest.mark.parametrize("task", sorted(FLOORS["dev"]))
def test_quality_gate_dev_task_above_floor(dev_scores, task):
    f1 = dev_scores["tasks"][task]["f1"]
    assert f1 >= FLOORS["dev"][task], f"{task}: F1 {f1:.3f} fell below the pinned floor {FLOORS['dev'][task]}"


@pytest.mark.slow
def test_quality_gate_every_document_answered(dev_scores):
    assert dev_scores["answered"] == dev_scores["docs"]
