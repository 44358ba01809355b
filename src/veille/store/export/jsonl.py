"""JSONL export: one document a line, the benchmark's output record (whole documents, kept by the filters)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from ...model import Extraction
from ..db import Store
from ..read import extraction
from .filters import NO_FILTER, ExportFilter, where
from .records import extraction_record
from .sink import text_out


def documents(store: Store, filters: ExportFilter = NO_FILTER) -> Iterator[Extraction]:
    """The stored documents (failed ones apart) the filters keep, with their extractions, in ingest order."""
    cond, params = where(filters, "document")
    select = "SELECT d.*, s.label AS story_label FROM documents d LEFT JOIN stories s ON s.id = d.story_id"
    ids = [pk for (pk,) in store.conn.execute(
        f"SELECT d.id FROM documents d LEFT JOIN stories s ON s.id = d.story_id "
        f"WHERE d.status != 'failed' AND {cond} ORDER BY d.id", params)]
    for pk in ids:  # one row at a time: a document's text is not held longer than its line
        yield extraction(store.conn, store.conn.execute(f"{select} WHERE d.id = ?", (pk,)).fetchone())


def export_jsonl(store: Store, out: TextIO, filters: ExportFilter = NO_FILTER) -> int:
    """Write one JSON line per document; returns the number of documents."""
    n = 0
    for ex in documents(store, filters):
        out.write(json.dumps(extraction_record(ex), ensure_ascii=False) + "\n")
        n += 1
    return n


def write(store: Store, out: str | None, filters: ExportFilter = NO_FILTER) -> str:
    """Export to the file ``out`` (default stdout); returns the summary line."""
    with text_out(out) as f:
        n = export_jsonl(store, f, filters)
    return f"exported {n} documents"
