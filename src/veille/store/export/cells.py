"""CSV cells a spreadsheet cannot run: every CSV writer of the package writes through :func:`csv_writer`.

News text is attacker-controlled: a quote such as ``=HYPERLINK(...)`` or
``@SUM(...)`` would be a live formula when the CSV is opened in a
spreadsheet. A text cell starting with ``= + - @``, a tab or a carriage
return gets a leading apostrophe, which spreadsheets show as text. Numbers
are left alone (a negative longitude is a number, not a formula).
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value, with a leading apostrophe when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A ``csv.writer`` whose every text cell goes through :func:`neutralise`."""

    def __init__(self, out: TextIO):
        self._w = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row, its cells neutralised."""
        self._w.writerow([neutralise(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write rows, their cells neutralised."""
        for row in rows:
            self.writerow(row)


def csv_writer(out: TextIO) -> SafeWriter:
    """The one CSV writer of the exports."""
    return SafeWriter(out)
