"""A stage that raises becomes a failure row naming the stage, the exception type and message; the batch goes on."""
from __future__ import annotations

import json

import pytest

import veille.nlp.pipeline as pipeline_module
from veille import VeilleError, extract

from .conftest import GOOD_EN, GOOD_FR, assert_clean_exit, cli, good_record, snapshot, write_jsonl

MARK = "Zorglub"  # the document the broken stage trips on


@pytest.fixture
def broken_quotes(monkeypatch):
    """extract_quotes raises on the marked document and works on the others."""
    real = pipeline_module.extract_quotes

    def broken(doc, *args, **kwargs):
        if MARK in doc.text:
            raise RuntimeError(f"stage exploded on {MARK}")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline_module, "extract_quotes", broken)


@pytest.fixture
def ingested(tmp_path, broken_quotes):
    src = write_jsonl(tmp_path / "in.jsonl", [good_record("a"), good_record("bad", f"{MARK} said it. {GOOD_EN}"),
                                              good_record("b", GOOD_EN)])
    db = tmp_path / "v.db"
    assert_clean_exit(cli("ingest", "--db", db, "--quiet", src))
    r = cli("failures", "--db", db, "--json")
    assert_clean_exit(r)
    return db, src, [json.loads(line) for line in r.stdout.splitlines()]


def test_failing_stage_is_a_failure_row_and_the_batch_goes_on(ingested):
    db, src, failures = ingested
    snap = snapshot(db)
    assert snap.doc("a")["status"] == "done" and snap.doc("b")["status"] == "done"
    assert snap.doc("bad")["status"] == "failed"  # its text is kept
    [f] = failures
    assert f["origin"] == f"{src}:2" and f["code"] == "V202"
    assert "RuntimeError" in f["reason"] and f"stage exploded on {MARK}" in f["reason"]


def test_failing_stage_failure_names_the_stage(ingested):
    _, _, [f] = ingested
    assert "quotes" in f["reason"]


def test_failing_stage_is_listed_by_veille_failures(tmp_path, broken_quotes):
    src = write_jsonl(tmp_path / "in.jsonl", [good_record("bad", f"{MARK} a parlé. {GOOD_FR}"), good_record()])
    db = tmp_path / "v.db"
    assert_clean_exit(cli("ingest", "--db", db, "--quiet", src))
    r = cli("failures", "--db", db)
    assert_clean_exit(r)
    assert f"{src}:1: V202" in r.stdout and "RuntimeError" in r.stdout


def test_document_above_spacy_limit_through_the_api_is_a_veille_error():
    with pytest.raises(VeilleError):
        extract("Des manifestants à Lyon. " * 41_000, published="2024-03-06")
