"""The store: migrations, round-trips, idempotency, failures, Datasette-friendly schema."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.errors import VeilleError
from veille.model import (DateMention, Document, Entity, Event, Evidence, Extraction, Failure, Place,
                          Quote)
from veille.store.db import Store
from veille.store.export.records import extraction_record
from veille.store.schema import MIGRATIONS, schema_version

TEXT = "Hier, des tirs ont visé Kaboul, a déclaré Jeanne Roux, porte-parole de l'ONU."


def _extraction(text: str = TEXT, doc_id: str = "d1") -> Extraction:
    ev = lambda a, b: Evidence.of(text, a, b)  # noqa: E731
    place = Place(ev(24, 30), "Kabul", "AF", 34.53, 69.17, 1138958, "13", "P", "PPLC", "locality")
    return Extraction(
        document=Document(text=text, id=doc_id, published=dt.date(2021, 8, 27), lang="fr", source="ex.net"),
        dates=[DateMention(ev(0, 4), "2021-08-26", "day", "2021-08-27", True)],
        places=[place],
        quotes=[Quote(ev(0, 30), "Jeanne Roux", "indirect", ev(42, 53), ev(32, 41), "porte-parole de l'ONU",
                      speaker_id="e1")],
        events=[Event(ev(0, len(text)), ev(10, 14), "ASSAULT", actors=["A"], targets=["B", "C"], place=place,
                      date="2021-08-26", date_evidence=ev(0, 4), killed=3, killed_high=5,
                      according_to="Jeanne Roux", modality="reported")],
        entities=[Entity("Jeanne Roux", "person", ["Roux"], "porte-parole de l'ONU", [ev(42, 53)], "e1")],
    )


def test_store_migrates_new_database_to_latest(tmp_path):
    with Store(tmp_path / "v.db") as s:
        assert s.version == MIGRATIONS[-1][0] == schema_version(s.conn)
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_refuses_newer_schema(tmp_path):
    with Store(tmp_path / "v.db") as s:
        s.conn.execute("INSERT INTO _migrations VALUES (999, 'future', 'x')")
        s.commit()
    with pytest.raises(VeilleError) as e:
        Store(tmp_path / "v.db")
    assert e.value.code == "V301"


def test_store_rejects_non_database_file(tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("not sqlite at all " * 50)
    with pytest.raises(VeilleError) as e:
        Store(p)
    assert e.value.code == "V300"


def test_store_round_trip_keeps_every_field(tmp_path):
    ex = _extraction()
    with Store(tmp_path / "v.db") as s:
        s.write_extraction(ex)
        s.commit()
        (back,) = list(s.extractions())
    assert extraction_record(back) == extraction_record(ex)


def test_store_write_twice_no_duplicate_rows(tmp_path):
    with Store(tmp_path / "v.db") as s:
        s.write_extraction(_extraction())
        s.write_extraction(_extraction())
        s.commit()
        counts = s.stats()["counts"]
    assert counts["documents"] == counts["places"] == counts["events"] == 1


def test_store_failure_recorded_once_with_count_and_document_kept(tmp_path):
    doc = Document(text="Texte qui a fait échouer une étape.", id="bad", origin="in.jsonl:7")
    with Store(tmp_path / "v.db") as s:
        for _ in range(2):
            s.write_failure(Failure("in.jsonl:7", "extraction failed: boom", "V202", document=doc))
        s.commit()
        (row,) = s.failures()
        assert (row["origin"], row["times"]) == ("in.jsonl:7", 2)
        assert s.document_status(doc.content_hash) == "failed"
        # a later success clears the failure
        s.write_extraction(Extraction(document=doc))
        assert s.failures() == []


def test_store_schema_is_plain_for_datasette(tmp_path):
    with Store(tmp_path / "v.db") as s:
        tables = [r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
                  if not r[0].startswith("documents_fts")]  # the FTS5 index and its shadow tables
        for t in tables:
            for col in s.conn.execute(f"PRAGMA table_info({t})"):
                assert col[2] in {"INTEGER", "TEXT", "REAL", "BLOB"}, (t, col[1], col[2])
        fks = {t: s.conn.execute(f"PRAGMA foreign_key_list({t})").fetchall() for t in tables}
    assert fks["dates"] and fks["events"] and fks["event_participants"]
    sqlite3.connect(tmp_path / "v.db").execute("SELECT * FROM documents").fetchall()


span_text = st.text(min_size=1, max_size=40)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=200), st.lists(st.tuples(st.integers(0, 199), st.integers(1, 200)),
                                                    max_size=5),
       st.one_of(st.none(), st.integers(-10**6, 10**6)))
def test_store_round_trip_arbitrary_unicode(tmp_path_factory, text, spans, killed):
    spans = [(a, b) for a, b in spans if a < b <= len(text)]
    evs = [Evidence.of(text, a, b) for a, b in spans]
    ex = Extraction(document=Document(text=text, id="u"),
                    dates=[DateMention(e, None, "day") for e in evs],
                    quotes=[Quote(e, e.text, "direct") for e in evs],
                    events=[Event(e, e, "PROTEST", killed=killed) for e in evs])
    with Store(tmp_path_factory.mktemp("db") / "v.db") as s:
        s.write_extraction(ex)
        s.commit()
        (back,) = list(s.extractions())
    assert back.document.text == text
    assert extraction_record(back) == extraction_record(ex)
    assert all(e.check(text) for e in back.evidences())


def test_store_keeps_clusters_and_the_speakers_cluster(tmp_path):
    with Store(tmp_path / "v.db") as s:
        s.write_extraction(_extraction())
        s.commit()
        (back,) = list(s.extractions())
    assert back.quotes[0].speaker_id == "e1"
    (ent,) = back.entities
    assert (ent.id, [m.text for m in ent.mentions]) == ("e1", ["Jeanne Roux"])
    assert extraction_record(back)["quotes"][0]["speaker_id"] == "e1"
