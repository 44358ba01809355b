"""The same input gives the same database whatever Python's hash seed: no result may rest on a set's order."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


# a phrase keyed both by its lemma and by its form once made the trigger depend on the hash seed
EXTRA = ('{"id": "x1", "published": "2024-03-07", "text": "Riot police detained four men in Leeds on Tuesday. '
         'The governor called for calm and promised an inquiry into the clashes."}\n')


def _export(tmp: Path, seed: str) -> str:
    db, out = tmp / f"v{seed}.db", tmp / f"out{seed}.jsonl"
    extra = tmp / "extra.jsonl"
    extra.write_text(EXTRA, encoding="utf-8")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    run = [sys.executable, "-c", "import sys; from veille.cli import main; sys.argv[0] = 'veille'; main()"]
    subprocess.run([*run, "ingest", "--db", str(db), "--quiet", str(EXAMPLES), str(extra)], env=env, check=True,
                   capture_output=True, text=True)
    subprocess.run([*run, "export", "--db", str(db), "--out", str(out)], env=env, check=True,
                   capture_output=True, text=True)
    return out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_ingest_same_export_under_two_hash_seeds(tmp_path):
    first, second = _export(tmp_path, "1"), _export(tmp_path, "4")
    assert first.splitlines() == second.splitlines()
