"""JSONL export: one document a line, the benchmark's output record."""
from __future__ import annotations

import json
import sys
from typing import TextIO

from ..db import Store
from .records import extraction_record


def export_jsonl(store: Store, out: TextIO) -> int:
    """Write one JSON line per document; returns the number of documents."""
    n = 0
    for ex in store.extractions():
        out.write(json.dumps(extraction_record(ex), ensure_ascii=False) + "\n")
        n += 1
    return n


def write(store: Store, out: str | None) -> str:
    """Export to the file ``out`` (default stdout); returns the summary line."""
    if out:
        with open(out, "w", encoding="utf-8") as f:
            n = export_jsonl(store, f)
    else:
        n = export_jsonl(store, sys.stdout)
    return f"exported {n} documents"
