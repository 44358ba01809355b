"""An Extraction as the benchmark's output line (one JSON object per document)."""
from __future__ import annotations

from ...model import DateMention, Event, Extraction, Place, Quote


def _span(ev) -> dict:
    return {"text": ev.text, "start": ev.start, "end": ev.end}


def date_record(d: DateMention) -> dict:
    """A date mention as exported."""
    return {**_span(d.evidence), "value": d.value, "granularity": d.granularity,
            "anchor": d.anchor, "relative": d.relative}


def place_record(p: Place) -> dict:
    """A place as exported."""
    return {**_span(p.evidence), "name": p.name, "country": p.country, "admin1": p.admin1,
            "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid, "feature_class": p.feature_class,
            "feature_code": p.feature_code, "precision": p.precision}


def quote_record(q: Quote) -> dict:
    """A quote as exported."""
    return {**_span(q.evidence), "speaker": q.speaker, "speaker_id": q.speaker_id, "kind": q.kind, "role": q.role,
            "speaker_span": _span(q.speaker_evidence) if q.speaker_evidence else None}


def event_record(e: Event) -> dict:
    """An event as exported: the evidence is the sentence, the trigger its own span."""
    p = e.place
    return {"type": e.type, "mode": e.mode, **_span(e.evidence),
            "trigger": e.trigger.text, "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
            "actors": list(e.actors), "targets": list(e.targets),
            "place": p.name if p else None, "country": p.country if p else None,
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "geonameid": p.geonameid if p else None,
            "date": e.date, "killed": e.killed, "killed_high": e.killed_high,
            "injured": e.injured, "injured_high": e.injured_high,
            "according_to": e.according_to, "modality": e.modality}


def extraction_record(ex: Extraction) -> dict:
    """The output line of one document (bench README contract, plus extra fields)."""
    d = ex.document
    return {
        "id": d.id, "lang": d.lang, "published": d.published.isoformat() if d.published else None,
        "title": d.title, "url": d.url, "source": d.source, "story": ex.story,
        "skipped": ex.skipped,
        "dates": [date_record(x) for x in ex.dates],
        "places": [place_record(x) for x in ex.places],
        "quotes": [quote_record(x) for x in ex.quotes],
        "events": [event_record(x) for x in ex.events],
        "entities": [{"id": e.id or None, "name": e.name, "kind": e.kind, "aliases": e.aliases, "role": e.role,
                      "mentions": [_span(m) for m in e.mentions]}
                     for e in ex.entities],
    }
