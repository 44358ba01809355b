"""A short human-readable account of one extraction (what ``veille show`` prints)."""
from __future__ import annotations

from ..model import Extraction


def describe(ex: Extraction) -> str:
    """A few lines: the document, then its dates, places, quotes and events."""
    d = ex.document
    head = f"== {d.id or d.origin} [{d.lang}] published {d.published or '?'} story {ex.story or '-'}"
    if d.title:
        head += f"\n   {d.title}"
    if ex.skipped:
        return head + f"\n   skipped: {ex.skipped}\n"
    lines = [head]
    if ex.dates:
        lines.append("   dates:  " + "; ".join(f"{x.evidence.text!r} -> {x.value}" for x in ex.dates))
    if ex.places:
        lines.append("   places: " + "; ".join(
            f"{x.evidence.text!r} -> {x.name} ({x.country}) {_coord(x.lat, x.lon)}" for x in ex.places))
    for q in ex.quotes:
        text = q.evidence.text if len(q.evidence.text) < 90 else q.evidence.text[:87] + "..."
        who = f"{q.speaker} <{q.speaker_id}>" if q.speaker and q.speaker_id else (q.speaker or "?")
        lines.append(f"   quote:  {who}: {text!r} [{q.kind}]")
    for e in ex.events:
        bits = [f"{e.type}", f"trigger {e.trigger.text!r}"]
        if e.actors:
            bits.append("actors " + ", ".join(e.actors))
        if e.targets:
            bits.append("targets " + ", ".join(e.targets))
        if e.place:
            bits.append(f"at {e.place.name} ({e.place.country})")
        if e.date:
            bits.append(f"on {e.date}")
        if e.killed is not None:
            bits.append(f"killed {e.killed}")
        if e.injured is not None:
            bits.append(f"injured {e.injured}")
        bits.append(e.modality + (f" by {e.according_to}" if e.according_to else ""))
        lines.append("   event:  " + "; ".join(bits))
    return "\n".join(lines) + "\n"


def _coord(lat: float | None, lon: float | None) -> str:
    return f"{lat:.2f},{lon:.2f}" if lat is not None and lon is not None else ""
