"""Parquet: one file per table, read back by pyarrow with the store's row counts and typed columns."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq

from veille.store.export import ExportFilter
from veille.store.export.parquet import TABLES, export_parquet


def test_parquet_round_trip_row_counts(store, tmp_path):
    counts = export_parquet(store, tmp_path)
    for table in TABLES:
        stored = store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        assert pq.read_table(tmp_path / f"{table}.parquet").num_rows == stored == counts[table], table


def test_parquet_column_types(store, tmp_path):
    export_parquet(store, tmp_path)
    events = pq.read_table(tmp_path / "events.parquet")
    assert events.schema.field("killed").type == pa.int64() and events.schema.field("lat").type == pa.float64()
    assert events.schema.field("date").type == pa.string()  # may be partial: 2024-05
    assert events.column("killed").null_count > 0  # nullable ints stay ints, not floats
    docs = pq.read_table(tmp_path / "documents.parquet")
    assert docs.schema.field("published").type == pa.date32() and "text" not in docs.schema.names
    assert docs.column("published").to_pylist()[0] == dt.date(2024, 3, 10)
    assert docs.schema.field("ingested_at").type == pa.timestamp("ms", tz="UTC")
    incidents = pq.read_table(tmp_path / "incidents.parquet")
    assert incidents.schema.field("actors").type == pa.list_(pa.string())
    assert incidents.column("targets").to_pylist()[0] == ["passants", "+riverains", "personnes"]


def test_parquet_filters_narrow_every_table(store, tmp_path):
    counts = export_parquet(store, tmp_path, ExportFilter.of(story="s-2"))
    assert counts == {"documents": 1, "stories": 1, "dates": 0, "places": 2, "entities": 0, "quotes": 0,
                      "events": 2, "event_participants": 2, "incidents": 1, "claims": 1}
    assert pq.read_table(tmp_path / "events.parquet").column("type").to_pylist() == ["PROTEST", "CONSULT"]
