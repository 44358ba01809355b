"""The export filters, shared by every format: one record, one whitelist of SQL fragments per row scope.

A writer never builds SQL from user values: it asks :func:`where` for the
clause of its scope, made only of the constant fragments below with ``?``
placeholders, and passes the values as parameters.

Dates: ``--since``/``--until`` apply to the *act date* (the day the event
happened, as the text gives it), falling back to the publication date when
the text gives none. A partial act date (``2021-08``, ``2021``) counts as its
first day. Rows that have no act date of their own (documents, quotes,
dates, place mentions) are filtered on their document's publication date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...errors import VeilleError
from ...model import EVENT_TYPES

SCOPES = ("event", "incident", "document", "place")


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """What to export: an act-date range (inclusive), a PLOVER type, a country (ISO alpha-2), a story label."""

    since: str | None = None
    until: str | None = None
    type: str | None = None
    country: str | None = None
    story: str | None = None

    @classmethod
    def of(cls, *, since: str | None = None, until: str | None = None, type: str | None = None,
           country: str | None = None, story: str | None = None) -> "ExportFilter":
        """A checked filter: YYYY-MM-DD days, a known PLOVER type, a two-letter country (V105 otherwise)."""
        for name, day in (("since", since), ("until", until)):
            if day is not None:
                try:
                    dt.date.fromisoformat(day)
                except ValueError:
                    raise VeilleError("V105", f"--{name} {day!r}: expected a day as YYYY-MM-DD") from None
        if since and until and since > until:
            raise VeilleError("V105", f"--since {since} is after --until {until}")
        if type is not None:
            type = type.upper()
            if type not in EVENT_TYPES:
                raise VeilleError("V105", f"--type {type!r}: expected one of {', '.join(EVENT_TYPES)}")
        if country is not None:
            country = country.upper()
            if not re.fullmatch(r"[A-Z]{2}", country):
                raise VeilleError("V105", f"--country {country!r}: expected an ISO 3166-1 alpha-2 code, e.g. FR")
        return cls(since, until, type, country, story)

    @property
    def empty(self) -> bool:
        """True when nothing is filtered."""
        return all(v is None for v in (self.since, self.until, self.type, self.country, self.story))


NO_FILTER = ExportFilter()


def _first_day(col: str) -> str:
    """SQL: a possibly partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD...) as its first day."""
    return (f"(CASE length({col}) WHEN 4 THEN {col} || '-01-01' WHEN 7 THEN {col} || '-01' "
            f"ELSE substr({col}, 1, 10) END)")


# The act date of each scope, in SQL (aliases: e events, i incidents, d documents, p places, s stories).
_EVENT_DAY = f"COALESCE({_first_day('e.date')}, d.published)"
_INCIDENT_DAY = (f"COALESCE({_first_day('i.date')}, (SELECT MIN(cd.published) FROM claims cc "
                 "JOIN documents cd ON cd.id = cc.document_id WHERE cc.incident_id = i.id))")

# The whitelist: scope -> filter field -> SQL fragment (each ``?`` takes the field's value).
_FRAGMENTS: dict[str, dict[str, str]] = {
    "event": {
        "since": f"{_EVENT_DAY} >= ?", "until": f"{_EVENT_DAY} <= ?",
        "type": "e.type = ?", "country": "e.country = ?", "story": "s.label = ?",
    },
    "incident": {
        "since": f"{_INCIDENT_DAY} >= ?", "until": f"{_INCIDENT_DAY} <= ?",
        "type": "i.type = ?", "country": "i.country = ?", "story": "s.label = ?",
    },
    "document": {
        "since": "d.published >= ?", "until": "d.published <= ?",
        "type": "EXISTS (SELECT 1 FROM events fe WHERE fe.document_id = d.id AND fe.type = ?)",
        "country": "(EXISTS (SELECT 1 FROM places fp WHERE fp.document_id = d.id AND fp.country = ?) "
                   "OR EXISTS (SELECT 1 FROM events fe WHERE fe.document_id = d.id AND fe.country = ?))",
        "story": "s.label = ?",
    },
    "place": {
        "since": "d.published >= ?", "until": "d.published <= ?",
        "type": 'EXISTS (SELECT 1 FROM events fe WHERE fe.document_id = p.document_id '
                'AND fe.place_start = p."start" AND fe.type = ?)',
        "country": "p.country = ?", "story": "s.label = ?",
    },
}


def where(f: ExportFilter, scope: str) -> tuple[str, list[object]]:
    """The WHERE condition (``1=1`` when nothing is set) and its parameters, for rows of one scope.

    Scopes and the aliases their query must define: ``event`` (e, d, s), ``incident`` (i, s),
    ``document`` (d, s), ``place`` (p, d, s); ``s`` may be a LEFT JOIN of stories.
    """
    fragments = _FRAGMENTS[scope]
    parts: list[str] = []
    params: list[object] = []
    for field in ("since", "until", "type", "country", "story"):
        value = getattr(f, field)
        if value is None:
            continue
        sql = fragments[field]
        parts.append(sql)
        params.extend([value] * sql.count("?"))
    return (" AND ".join(parts) or "1=1"), params
