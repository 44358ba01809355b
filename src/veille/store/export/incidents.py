"""The incidents views: incidents with their claims side by side, as text, JSONL or CSV."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import TextIO

from ..db import Store
from ..read import IncidentView, incident_view, incidents_by_claims
from .cells import csv_writer
from .filters import NO_FILTER, ExportFilter, where


def incidents(store: Store, *, contested: bool = False, story: str | None = None) -> list[IncidentView]:
    """Incidents (optionally only contested ones, or one story's), most claimed first."""
    return incidents_by_claims(store.conn, contested=contested, story=story)


def filtered_incidents(store: Store, filters: ExportFilter = NO_FILTER) -> list[IncidentView]:
    """The incidents the filters keep (act date, type, country, story), with their claims, by id."""
    cond, params = where(filters, "incident")
    rows = store.conn.execute("SELECT i.*, s.label FROM incidents i LEFT JOIN stories s ON s.id = i.story_id "
                              f"WHERE {cond} ORDER BY i.id", params).fetchall()
    return [incident_view(store.conn, r) for r in rows]


def write_text(views: list[IncidentView], out: TextIO) -> None:
    """Human-readable: one block per incident, one line per claim."""
    for v in views:
        flag = f"  CONTESTED: {v.contested_reason}" if v.contested else ""
        figures = _fig("killed", v.killed) + _fig("injured", v.injured)
        out.write(f"incident {v.id} [{v.story}] {v.type} at {v.place or '?'} ({v.country or '?'}) on {v.date or '?'}"
                  f"{figures}; {v.n_claims} claims, {v.n_sources} independent sources{flag}\n")
        if v.actors or v.targets:
            out.write(f"  actors: {', '.join(v.actors) or '-'}; targets: {', '.join(v.targets) or '-'}\n")
        for c in v.claims:
            nums = "".join(f" {k} {n}" for k, n in (("killed", c.killed), ("injured", c.injured)) if n is not None)
            who = f" according to {c.according_to}" if c.according_to else ""
            sentence = c.sentence if len(c.sentence) <= 110 else c.sentence[:107] + "..."
            out.write(f"  - {c.document} ({c.outlet or '?'}, {c.published or '?'}): {c.modality}{who}{nums}\n"
                      f"      {sentence!r} [{c.start}:{c.end}]\n")


def _fig(label: str, f: dict) -> str:
    if f["best"] is None:
        return ""
    if f["low"] == f["high"]:
        return f"; {label} {f['best']}"
    return f"; {label} {f['low']}-{f['high']} (best {f['best']})"


def write_jsonl(views: list[IncidentView], out: TextIO) -> None:
    """One incident a line, its claims nested."""
    for v in views:
        out.write(json.dumps(asdict(v), ensure_ascii=False) + "\n")


def write_csv(views: list[IncidentView], out: TextIO) -> None:
    """One row per claim, the incident's columns repeated: what a spreadsheet wants."""
    w = csv_writer(out)
    w.writerow(["incident", "story", "type", "place", "country", "date", "killed_low", "killed_best",
                "killed_high", "injured_low", "injured_best", "injured_high", "n_claims", "n_sources", "contested",
                "contested_reason", "document", "outlet", "published", "according_to", "modality", "claim_killed",
                "claim_injured", "sentence"])
    for v in views:
        for c in v.claims:
            w.writerow([v.id, v.story, v.type, v.place, v.country, v.date, v.killed["low"], v.killed["best"],
                        v.killed["high"], v.injured["low"], v.injured["best"], v.injured["high"], v.n_claims,
                        v.n_sources, int(v.contested), v.contested_reason, c.document, c.outlet, c.published,
                        c.according_to, c.modality, c.killed, c.injured, c.sentence])


INCIDENT_WRITERS: dict[str, Callable[[list[IncidentView], TextIO], None]] = {
    "text": write_text, "jsonl": write_jsonl, "csv": write_csv}
