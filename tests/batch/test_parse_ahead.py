"""Parsing the next batch on a second thread changes nothing in what is extracted, nor its order."""
from __future__ import annotations

import json

import pytest

from veille.config import Settings
from veille.model import Document, Extraction, Failure
from veille.nlp.pipeline import Pipeline
from veille.run import ingest

from .conftest import assert_same_database, snapshot


def _docs() -> list[Document]:
    """Small batches mixing both languages, a language veille does not process and a text over the limit."""
    texts = [
        ("fr", "Le conseil municipal de Lorvane a voté mardi un budget de crise, a déclaré sa maire, Inès Varol."),
        ("en", "Troops shelled the outskirts of Tessaly on Monday, killing three people, officials said."),
        ("de", "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen."),
        ("fr", "x " * 400),
        ("en", "The ministry said on Friday that talks with the union would resume next week."),
        ("fr", "Des manifestants ont bloqué la route nationale jeudi, selon la préfecture."),
        ("en", "Rebels attacked a convoy near the border on Sunday, the army said in a statement."),
    ]
    return [Document(id=f"d{i}", text=t, lang=lang) for i, (lang, t) in enumerate(texts * 2)]


def _run(ahead: bool) -> list[tuple[str, str]]:
    settings = Settings.from_env(batch_size=3, parse_ahead=ahead, max_chars=500)
    pipeline = Pipeline(settings)
    try:
        out = list(pipeline.process(_docs()))
    finally:
        pipeline.close()
    rows = []
    for r in out:
        if isinstance(r, Failure):
            rows.append((r.document.id, f"failure {r.code}"))
        else:
            assert isinstance(r, Extraction)
            rows.append((r.document.id, r.skipped or json.dumps(
                [len(r.dates), len(r.places), len(r.quotes), [e.type for e in r.events]])))
    return rows


def test_parse_ahead_keeps_every_document_in_order_with_the_same_extractions():
    ahead, in_turn = _run(True), _run(False)
    assert [d for d, _ in ahead] == [f"d{i}" for i in range(14)]  # input order, failures and skips included
    assert ahead == in_turn
    assert dict(ahead)["d3"] == "failure V105" and "not processed" in dict(ahead)["d2"]
    assert any("ASSAULT" in v for _, v in ahead)  # the extraction ran: not two empty results compared


@pytest.mark.slow
def test_parse_ahead_gives_the_same_database_as_parsing_in_turn(tmp_path, small_corpus):
    on = ingest([small_corpus], tmp_path / "on.db", settings=Settings.from_env(batch_size=3, parse_ahead=True))
    off = ingest([small_corpus], tmp_path / "off.db", settings=Settings.from_env(batch_size=3, parse_ahead=False))
    assert (on.read, on.stored, on.failures) == (off.read, off.stored, off.failures) == (24, 24, 0)
    assert_same_database(snapshot(tmp_path / "on.db", tmp_path), snapshot(tmp_path / "off.db", tmp_path))
