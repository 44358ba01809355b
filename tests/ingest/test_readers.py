"""Readers: every input kind, and bad input that becomes a failure naming file and line."""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from veille.ingest.readers import read_path, read_sources
from veille.model import Document, Failure


def test_read_txt_one_document_with_published(tmp_path):
    p = tmp_path / "article.txt"
    p.write_text("Les pompiers sont intervenus hier à Lyon.\n", encoding="utf-8")
    (doc,) = read_path(p, dt.date(2024, 1, 2))
    assert isinstance(doc, Document)
    assert doc.id == "article" and doc.published == dt.date(2024, 1, 2)
    assert doc.text.startswith("Les pompiers")


def test_read_txt_undecodable_bytes_is_failure(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("Déjà vu à Montréal".encode("latin-1"))
    (f,) = read_path(p)
    assert isinstance(f, Failure) and f.code == "V102" and f.origin == str(p)


def test_read_jsonl_broken_line_names_line_and_keeps_others(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a", "text": "Premier article.", "published": "2024-02-01"}),
             '{"id": "b", "text": "oops',
             "",
             json.dumps({"id": "c", "text": "   "}),
             json.dumps({"id": "d", "text": "Third article.", "published": "not a date"}),
             json.dumps({"text": "No id given."})]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_path(p))
    docs = [i for i in items if isinstance(i, Document)]
    fails = {i.origin: i for i in items if isinstance(i, Failure)}
    assert [d.id for d in docs] == ["a", "batch-6"]
    assert docs[0].published == dt.date(2024, 2, 1)
    assert fails[f"{p}:2"].code == "V103"
    assert fails[f"{p}:4"].code == "V104"
    assert fails[f"{p}:5"].code == "V105" and "not a date" in fails[f"{p}:5"].reason


def test_read_html_takes_text_title_date_and_url(examples_dir):
    (doc,) = read_path(examples_dir / "ukraine-grain.html")
    assert isinstance(doc, Document)
    assert "Odesa" in doc.text and "Home | World" not in doc.text
    assert doc.title.startswith("Grain ship")
    assert doc.published == dt.date(2024, 2, 12)


def test_read_directory_recursive_sorted_known_suffixes(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Texte B.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Texte A.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    ids = [d.id for d in read_path(tmp_path)]
    assert ids == ["a", "b"]


def test_read_missing_and_unsupported_are_failures(tmp_path):
    odd = tmp_path / "data.xlsx"
    odd.write_bytes(b"PK")
    items = list(read_sources([tmp_path / "nope.txt", odd]))
    assert [(i.code, isinstance(i, Failure)) for i in items] == [("V101", True), ("V106", True)]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_read_jsonl_arbitrary_bytes_never_raises(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("fuzz") / "x.jsonl"
    p.write_bytes(data)
    for item in read_path(p):
        assert isinstance(item, (Document, Failure))
        if isinstance(item, Failure):
            assert item.origin.startswith(str(p)) and item.reason


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_read_txt_arbitrary_bytes_never_raises(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("fuzz") / "x.txt"
    p.write_bytes(data)
    (item,) = read_path(p)
    assert isinstance(item, (Document, Failure))
