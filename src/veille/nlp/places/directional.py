"""Compass-named divisions: « le centre-nord du Burkina Faso », « dans le Nord-Ouest du Cameroun ».

A compass word alone is never a place (« l'Est », "the south"). Followed by a genitive and a country, it
is that country's part; when the country has a first-level division of exactly that name, the text names
the division, and it resolves to it.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...geo.gazetteer import Candidate, Gazetteer
from ...lang.places import PlaceLexicon
from .mentions import Mention
from .tokens import lower


def directional_divisions(mentions: list[Mention], parsed: Doc, lex: PlaceLexicon,
                          gazetteer: Gazetteer) -> list[tuple[int, int, Candidate]]:
    """(start token, end token, division) of each compass phrase before « du/de la/of » + a country mention."""
    out = []
    for m in mentions:
        country = m.best
        if country is None or not (country.fcode or "").startswith("PCL"):
            continue
        g = _genitive_start(parsed, lex, m.start)
        if g is None:
            continue
        a = g
        while a > 0 and _compass(parsed[a - 1], lex):
            a -= 1
        if a == g:
            continue
        text = parsed[a:g].text
        division = [c for c in gazetteer.lookup(text) if c.fcode == "ADM1" and c.country == country.country]
        if division:
            out.append((a, g, division[0]))
    return out


def _genitive_start(parsed: Doc, lex: PlaceLexicon, k: int) -> int | None:
    """The first token of the genitive (« du », « de la », « de l' », "of the") that ends right before k."""
    j = k
    while j > 0 and parsed[j - 1].pos_ == "DET":
        j -= 1
    if j > 0 and lower(parsed[j - 1]) in lex.genitive_prepositions:
        return j - 1
    return None


def _compass(tok: Token, lex: PlaceLexicon) -> bool:
    """« centre-nord », "North-West", « - »: a compass noun, a hyphen, or compass words joined by hyphens
    (not an article, nor the verb « est »)."""
    if tok.text == "-":
        return True
    parts = [p for p in lower(tok).split("-") if p]
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") and bool(parts) and all(p in lex.directional_words for p in parts)
