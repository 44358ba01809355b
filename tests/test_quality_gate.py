"""Quality gate: the benchmark's sets, scored by their own scorer, must stay above pinned floors.

The floors live in quality_floors.json, per set and task. Raise a floor when
you improve a task; lowering one is a decision to state in the commit, never
a silent edit. Skipped, with the reason, where ../shared is absent.
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
_scores: dict[str, dict] = {}


def _score_set(bench: Path, name: str, work: Path) -> dict:
    """Ingest one gold set through the CLI, export, and score with the benchmark's scorer."""
    gold = bench / name
    inputs = subprocess.run([sys.executable, str(bench / "score.py"), "--gold", str(gold), "--emit-inputs"],
                            check=True, capture_output=True, text=True).stdout
    (work / "in.jsonl").write_text(inputs, encoding="utf-8")
    db, pred = work / "v.db", work / "pred.jsonl"
    r = CliRunner().invoke(main, ["ingest", "--db", str(db), "--quiet", str(work / "in.jsonl")])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(pred)])
    assert r.exit_code == 0, r.output
    out = subprocess.run([sys.executable, str(bench / "score.py"), "--gold", str(gold), "--pred", str(pred),
                          "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


@pytest.fixture(scope="module")
def scores(shared_dir, tmp_path_factory):
    """Scores per set, computed once per test run."""
    def get(name: str) -> dict:
        if name not in _scores:
            _scores[name] = _score_set(shared_dir / "bench", name, tmp_path_factory.mktemp(name))
        return _scores[name]
    return get


CASES = [(s, t) for s, tasks in FLOORS.items() for t in sorted(tasks)]


@pytest.mark.slow
@pytest.mark.parametrize("gold_set,task", CASES, ids=[f"{s}:{t}" for s, t in CASES])
def test_quality_gate_task_above_floor(scores, gold_set, task):
    res = scores(gold_set)
    assert res["answered"] == res["docs"], f"{gold_set}: {res['docs'] - res['answered']} documents missing"
    f1 = res["tasks"][task]["f1"]
    floor = FLOORS[gold_set][task]
    assert f1 >= floor, f"{gold_set} {task}: F1 {f1:.3f} fell below the pinned floor {floor}"
