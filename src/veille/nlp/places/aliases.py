"""Acronyms a text defines for a place: "New South Wales (NSW)", « République démocratique du Congo (RDC) ».

Once defined, the acronym names that place wherever the document uses it; each use is then a mention like
any other (an actor or an organisation's modifier stays out).
"""
from __future__ import annotations

from spacy.tokens import Doc

from .joins import Lookup
from .mentions import Mention


def acronym_mentions(mentions: list[Mention], parsed: Doc, lookup: Lookup) -> list[Mention]:
    """Mentions of the acronyms defined in brackets right after a place name, at every free use."""
    claimed = {k for m in mentions for k in range(m.start, m.end)}
    defined: dict[str, Mention] = {}
    for m in mentions:
        k = m.end
        if k + 2 < len(parsed) and parsed[k].text == "(" and parsed[k + 2].text == ")" and m.end - m.start > 1:
            acronym = parsed[k + 1].text
            if acronym.isupper() and len(acronym) >= 2 and acronym.isalpha():
                defined.setdefault(acronym, m)
    if not defined:
        return []
    for m in mentions:  # a use already found (as a word, an organisation) that the gazetteer does not know
        text = parsed[m.start:m.end].text
        full = defined.get(text) if m.end - m.start == 1 else None
        if full is not None and m.source != "pattern" and not lookup(text):
            m.cands, m.source, m.label = lookup(parsed[full.start:full.end].text), "ner", full.label
    out = []
    for tok in parsed:
        full = defined.get(tok.text)
        if full is None or tok.i in claimed:
            continue
        cands = lookup(parsed[full.start:full.end].text)
        if cands:
            out.append(Mention(tok.i, tok.i + 1, "ner", label=full.label, cands=cands))
    return out
