"""ACLED-style CSV: one row per incident (an event merged across articles), its claims summed up.

Column names follow ACLED's where the meaning matches (``event_date``,
``event_type``, ``actor1``, ``assoc_actor_1``, ``actor2``, ``location``,
``latitude``, ``fatalities``, ``source``, ``notes``...); the event types are
PLOVER's, the country is an ISO alpha-2 code. ``event_date`` is the act date
as the claims give it (``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY`` when the text
says no more), else the earliest publication day: ``date_basis`` tells which.
Every text cell goes through the formula neutraliser (``cells.py``).
"""
from __future__ import annotations

from typing import TextIO

from ..db import Store
from ..read import IncidentView
from .cells import csv_writer
from .filters import NO_FILTER, ExportFilter
from .incidents import filtered_incidents
from .sink import text_out

COLUMNS = ("event_id", "event_date", "date_basis", "year", "event_type", "actor1", "assoc_actor_1", "actor2",
           "assoc_actor_2", "country", "location", "latitude", "longitude", "fatalities", "fatalities_low",
           "fatalities_high", "injured", "injured_low", "injured_high", "source", "notes", "n_claims",
           "n_sources", "contested", "contested_reason", "story", "documents")


def _first_and_rest(names: list[str]) -> tuple[str, str]:
    return (names[0] if names else ""), "; ".join(names[1:])


def _date(v: IncidentView) -> tuple[str | None, str | None]:
    if v.date:
        return v.date, "act"
    published = sorted(c.published for c in v.claims if c.published)
    return (published[0], "published") if published else (None, None)


def _unique(values) -> list[str]:
    return list(dict.fromkeys(x for x in values if x))


def row(v: IncidentView) -> list:
    """One incident as an ACLED-style row (in ``COLUMNS`` order)."""
    date, basis = _date(v)
    actor1, assoc1 = _first_and_rest(v.actors)
    actor2, assoc2 = _first_and_rest(v.targets)
    notes = " | ".join(f"{c.document} [{c.start}:{c.end}]: {c.sentence}" for c in v.claims)
    return [f"veille-{v.id}", date, basis, int(date[:4]) if date else None, v.type, actor1, assoc1, actor2,
            assoc2, v.country, v.place, v.lat, v.lon, v.killed["best"], v.killed["low"], v.killed["high"],
            v.injured["best"], v.injured["low"], v.injured["high"], "; ".join(_unique(c.outlet for c in v.claims)),
            notes, v.n_claims, v.n_sources, int(v.contested), v.contested_reason, v.story,
            "; ".join(_unique(c.document for c in v.claims))]


def export_acled(store: Store, out: TextIO, filters: ExportFilter = NO_FILTER) -> int:
    """Write the header and one row per incident the filters keep; returns the number of incidents."""
    w = csv_writer(out)
    w.writerow(COLUMNS)
    n = 0
    for v in filtered_incidents(store, filters):
        w.writerow(row(v))
        n += 1
    return n


def write(store: Store, out: str | None, filters: ExportFilter = NO_FILTER) -> str:
    """Export to the file ``out`` (default stdout); returns the summary line."""
    with text_out(out) as f:
        n = export_acled(store, f, filters)
    return f"exported {n} incidents"
