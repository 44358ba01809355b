"""The CLI: help everywhere, one-line user errors, idempotent ingest, failures with line numbers."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from veille.cli import main

COMMANDS = [["ingest"], ["export"], ["failures"], ["stats"], ["show"], ["watch"], ["gazetteer"], ["gazetteer", "import"]]


@pytest.mark.parametrize("cmd", COMMANDS)
def test_cli_every_command_has_help(cmd):
    r = CliRunner().invoke(main, [*cmd, "--help"])
    assert r.exit_code == 0 and "Usage" in r.output
    assert main.get_command(None, cmd[0]).help


@pytest.mark.parametrize("args,code", [
    (["export", "--db", "missing.db"], "V300"),
    (["stats", "--db", "missing.db"], "V300"),
    (["ingest", "--db", "x.db", "--published", "yesterday", "a.txt"], "V105"),
])
def test_cli_user_error_is_one_line(tmp_path, monkeypatch, args, code):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 1
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {code} ")


def test_cli_export_unknown_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.jsonl").write_text("")
    assert CliRunner().invoke(main, ["ingest", "--db", "v.db", "empty.jsonl"]).exit_code == 0
    r = CliRunner().invoke(main, ["export", "--db", "v.db", "--format", "xml"])
    assert r.exit_code == 1 and "V302" in r.output


def _counts(db):
    r = CliRunner().invoke(main, ["stats", "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)["counts"]


@pytest.mark.slow
def test_cli_ingest_twice_same_counts_and_broken_line_listed(tmp_path):
    src = tmp_path / "in.jsonl"
    good = [{"id": f"n{i}", "published": "2024-03-09",
             "text": f"Des manifestants se sont rassemblés hier à Lyon, a indiqué la préfecture. Dépêche {i}."}
            for i in range(3)]
    lines = [json.dumps(good[0]), '{"id": "broken", "text": ', json.dumps(good[1]), json.dumps(good[2])]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "v.db"
    r1 = CliRunner().invoke(main, ["ingest", "--db", str(db), "--quiet", str(src)])
    assert r1.exit_code == 0, r1.output
    assert f"{src}:2: V103" in r1.output
    first = _counts(db)
    assert first["documents"] == 3 and first["failures"] == 1
    r2 = CliRunner().invoke(main, ["ingest", "--db", str(db), "--quiet", str(src)])
    assert r2.exit_code == 0 and "3 already in the store" in r2.output
    assert _counts(db) == first
    r3 = CliRunner().invoke(main, ["failures", "--db", str(db)])
    assert f"{src}:2: V103 not JSON" in r3.output
    out = tmp_path / "pred.jsonl"
    assert CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(out)]).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["n0", "n1", "n2"]
    csv_dir = tmp_path / "csv"
    assert CliRunner().invoke(main, ["export", "--db", str(db), "--format", "csv", "--out", str(csv_dir)]).exit_code == 0
    assert (csv_dir / "events.csv").read_text(encoding="utf-8").startswith("doc_id,")


def _capture_ingest(monkeypatch):
    import veille.run
    from veille.run import IngestSummary

    seen = {}

    def fake(sources, db, *, settings, **kw):
        seen["settings"] = settings
        return IngestSummary(read=1, stored=1)

    monkeypatch.setattr(veille.run, "ingest", fake)
    return seen


def test_cli_ingest_set_changes_a_setting_and_options_default_to_settings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seen = _capture_ingest(monkeypatch)
    r = CliRunner().invoke(main, ["ingest", "--db", "v.db", "--set", "stories.join_threshold=0.42",
                                  "--set", "incidents.incident_km=50", "a.txt"])
    assert r.exit_code == 0, r.output
    s = seen["settings"]
    assert s.stories.join_threshold == 0.42 and s.incidents.incident_km == 50.0
    from veille.config import Settings
    assert (s.batch_size, s.n_process) == (Settings.defaults().batch_size, Settings.defaults().n_process)
    CliRunner().invoke(main, ["ingest", "--db", "v.db", "--batch-size", "7", "a.txt"])
    assert seen["settings"].batch_size == 7


@pytest.mark.parametrize("assignment", ["stories.no_such_key=1", "nosection.x=1", "stories.join_threshold=high",
                                        "no_equals_sign"])
def test_cli_ingest_bad_set_is_one_line_v205(tmp_path, monkeypatch, assignment):
    monkeypatch.chdir(tmp_path)
    _capture_ingest(monkeypatch)
    r = CliRunner().invoke(main, ["ingest", "--db", "v.db", "--set", assignment, "a.txt"])
    assert r.exit_code != 0
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: V205 ")


def test_cli_ingest_exits_2_when_every_document_failed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.jsonl").write_text('{"id": "broken", "text": \n', encoding="utf-8")
    r = CliRunner().invoke(main, ["ingest", "--db", "v.db", "--quiet", "bad.jsonl"])
    assert r.exit_code == 2
    assert "1 documents read: 0 extracted" in r.output.strip().splitlines()[-1]
