"""Export the store, one module per format; ``FORMATS`` maps a format's name to its writer.

A writer takes the open store and the ``--out`` path (None: its default) and
returns the summary line the CLI prints. The incidents views have their own
registry, ``INCIDENT_WRITERS`` (text, jsonl, csv), used by ``veille incidents``.
"""
from __future__ import annotations

from collections.abc import Callable

from ...errors import VeilleError
from ..db import Store
from . import csv, jsonl
from .incidents import INCIDENT_WRITERS

Writer = Callable[[Store, "str | None"], str]

FORMATS: dict[str, Writer] = {"jsonl": jsonl.write, "csv": csv.write}

__all__ = ["FORMATS", "INCIDENT_WRITERS", "check_format", "writer"]


def check_format(fmt: str) -> str:
    """The format, or a V302 error naming the known ones."""
    if fmt not in FORMATS:
        raise VeilleError("V302", f"unknown export format {fmt!r} (expected {' or '.join(FORMATS)})")
    return fmt


def writer(fmt: str) -> Writer:
    """The writer of a known format (V302 for an unknown one)."""
    return FORMATS[check_format(fmt)]
