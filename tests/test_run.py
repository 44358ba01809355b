"""veille.run: step timing for benchmarks, the choice of pipeline, and the --processes option."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from veille.cli import main
from veille.config import Settings
from veille.model import Extraction
from veille.nlp.pipeline import STAGES, STEP_NAMES, StageTimer, stage_name, timing
from veille.run import IngestSummary, ingest


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
