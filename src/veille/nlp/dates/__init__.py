"""Dates: calendar expressions normalized against the publication date.

A regex grammar per language (``data/<lang>/dates.toml``) finds candidate
expressions (:mod:`.find`); overlapping candidates keep the longest; each is
then resolved against ``doc.published`` (:mod:`.resolve`). The parsed doc is
only an aid: the tense of the governing verb tells whether a bare weekday or
month looks ahead.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ...config import DatesSettings, Settings
from ...lang.dates import load_grammar
from ...model import DateMention, Document, Evidence
from .context import Context
from .find import find_matches
from .resolve import resolve


def extract_dates(doc: Document, parsed: Doc, *, settings: Settings) -> list[DateMention]:
    """Every calendar expression of the document, with its normalized value."""
    lang = doc.lang or (parsed.lang_ if parsed is not None else None) or "fr"
    return find_dates(doc.text, doc.published, lang, parsed, settings=settings.dates)


def find_dates(text: str, published: dt.date | None, lang: str, parsed: Doc | None = None, *,
               settings: DatesSettings | None = None) -> list[DateMention]:
    """Date mentions of ``text`` in ``lang``, resolved against ``published`` (the parse is optional).

    Raises VeilleError V203 when ``lang`` has no date grammar.
    """
    g = load_grammar(lang)
    if not text:
        return []
    conf = settings if settings is not None else Settings.defaults().dates
    if isinstance(published, dt.datetime):  # a timestamp would leak its time into the ISO values
        published = published.date()
    cx = Context(text, published, g, parsed, conf)
    out: list[DateMention] = []
    for s, e, kind, m in find_matches(text, g, conf):
        for f in resolve(cx, kind, m, s, e):
            if f.end <= f.start:
                continue
            anchor = f.anchor or (published.isoformat() if (f.relative and published) else None)
            out.append(DateMention(evidence=Evidence.of(text, f.start, f.end), value=f.value,
                                   granularity=f.granularity, anchor=anchor, relative=f.relative))
            if f.granularity == "day" and f.value:
                cx.last_day = (f.end, dt.date.fromisoformat(f.value))
    return out


__all__ = ["extract_dates", "find_dates"]
