"""Incidents read back with their claims side by side: text, JSONL and CSV."""
from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, field
from typing import TextIO

from .db import Store


@dataclass
class ClaimView:
    """One source's claim about an incident."""

    document: str
    outlet: str | None
    published: str | None
    according_to: str | None
    modality: str
    killed: int | None
    injured: int | None
    date: str | None
    place: str | None
    sentence: str
    start: int
    end: int


@dataclass
class IncidentView:
    """An incident and every claim made about it."""

    id: int
    story: str | None
    type: str
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    date: str | None
    killed: dict
    injured: dict
    actors: list[str]
    targets: list[str]
    n_claims: int
    n_sources: int
    contested: bool
    contested_reason: str | None
    claims: list[ClaimView] = field(default_factory=list)


def incidents(store: Store, *, contested: bool = False, story: str | None = None) -> list[IncidentView]:
    """Incidents (optionally only contested ones, or one story's), most claimed first."""
    where, args = ["1=1"], []
    if contested:
        where.append("i.contested = 1")
    if story:
        where.append("s.label = ?")
        args.append(story)
    rows = store.conn.execute(
        "SELECT i.*, s.label FROM incidents i LEFT JOIN stories s ON s.id = i.story_id "
        f"WHERE {' AND '.join(where)} ORDER BY i.n_claims DESC, i.id", args).fetchall()
    out = []
    for r in rows:
        view = IncidentView(
            r["id"], r["label"], r["type"], r["place"], r["country"], r["lat"], r["lon"], r["date"],
            {"low": r["killed_low"], "best": r["killed_best"], "high": r["killed_high"]},
            {"low": r["injured_low"], "best": r["injured_best"], "high": r["injured_high"]},
            json.loads(r["actors"] or "[]"), json.loads(r["targets"] or "[]"), r["n_claims"], r["n_sources"],
            bool(r["contested"]), r["contested_reason"])
        for c in store.conn.execute(
                'SELECT d.doc_id, d.source, d.published, e.according_to, e.modality, e.killed, e.injured, e.date, '
                'e.place, e.text, e."start", e."end" FROM claims c JOIN events e ON e.id = c.event_id '
                "JOIN documents d ON d.id = c.document_id WHERE c.incident_id = ? ORDER BY e.id", (r["id"],)):
            view.claims.append(ClaimView(*c))
        out.append(view)
    return out


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
    w = csv.writer(out)
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
