"""Names the tagger cut in two: « Atlantique Marine » read as a place then an army, one name in the parse."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...lang.quotes import QuoteLexicon
from ...model import Evidence
from ..entities import EntityIndex


def rejoin_split_names(index: EntityIndex, parsed: Doc, text: str, qlex: QuoteLexicon) -> set[int]:
    """Join a body's name to the proper nouns the tagger labelled apart, right before it and linked to it as parts of
    one name (flat name, compound); returns the ids of the bodies so named, whose words no longer tell their kind."""
    labels, rejoined = qlex.labels, set()
    ents = list(parsed.ents)
    for a, b in zip(ents, ents[1:]):
        if a.end != b.start or a.label_ in labels.person_entities or b.label_ in labels.person_entities \
                or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in (*a, *b)) or not _linked(a, b, qlex):
            continue
        held = {id(e): e for t in (*a, *b) if (e := index.at(t)) is not None}
        if len(held) != 1:
            continue  # none to extend, or two clusters: the tagger's cut may be right
        ent = next(iter(held.values()))
        part = next(s for s in (a, b) if index.at(s[0]) is ent)
        if ent.kind != "org" or ent.name != part.text:
            continue
        ent.name = text[a.start_char:b.end_char]
        _widen(index, ent, part, a.start_char, b.end_char, text)
        for t in (*a, *b):
            index.by_token[t.i] = ent
        rejoined.add(id(ent))
    return rejoined


def _linked(a: Span, b: Span, qlex: QuoteLexicon) -> bool:
    """Whether two adjacent names are tied as parts of one name by the parse."""
    parts = qlex.labels.name_parts
    return any(t.dep_ in parts and a.start <= t.head.i < a.end for t in b) \
        or any(t.dep_ in parts and b.start <= t.head.i < b.end for t in a)


def _widen(index: EntityIndex, ent, part: Span, start: int, end: int, text: str) -> None:
    """The mention of the part becomes the mention of the whole name."""
    whole = Evidence.of(text, start, end)
    ent.mentions = sorted([whole if (m.start, m.end) == (part.start_char, part.end_char) else m
                           for m in ent.mentions], key=lambda m: m.start)
    index.mentions = sorted([(start, end, e) if e is ent and (s, t) == (part.start_char, part.end_char) else (s, t, e)
                             for s, t, e in index.mentions], key=lambda m: m[0])
