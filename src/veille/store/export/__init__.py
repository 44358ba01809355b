"""Export the store, one module per format; ``FORMATS`` maps a format's name to its writer.

A writer takes the open store, the ``--out`` path (None: its default) and an
:class:`ExportFilter` (the same record for every format, see ``filters.py``)
and returns the summary line the CLI prints. Every CSV cell goes through
``cells.neutralise``. The incidents views have their own registry,
``INCIDENT_WRITERS`` (text, jsonl, csv), used by ``veille incidents``.
"""
from __future__ import annotations

from collections.abc import Callable

from ...errors import VeilleError
from ..db import Store
from . import acled, csv, geojson, jsonl, parquet, plover
from .filters import NO_FILTER, ExportFilter
from .incidents import INCIDENT_WRITERS

Writer = Callable[[Store, "str | None", ExportFilter], str]

FORMATS: dict[str, Writer] = {
    "jsonl": jsonl.write, "csv": csv.write, "geojson": geojson.write, "parquet": parquet.write,
    "plover": plover.write, "acled": acled.write,
}

__all__ = ["FORMATS", "INCIDENT_WRITERS", "NO_FILTER", "ExportFilter", "check_format", "export", "writer"]


def check_format(fmt: str) -> str:
    """The format, or a V302 error naming the known ones."""
    if fmt not in FORMATS:
        raise VeilleError("V302", f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return fmt


def writer(fmt: str) -> Writer:
    """The writer of a known format (V302 for an unknown one)."""
    return FORMATS[check_format(fmt)]


def export(store: Store, fmt: str, out: str | None = None, filters: ExportFilter = NO_FILTER) -> str:
    """Export the store in one format, keeping what the filters keep; returns the summary line."""
    return writer(fmt)(store, out, filters)
