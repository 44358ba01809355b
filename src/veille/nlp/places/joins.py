"""Joining tokens into one place name: particles (« Rio de Janeiro »), glued hyphens (« Port-au-Prince ») and
genitive complements the NER cut off (« l'Europe de l'Est »), each only when the gazetteer knows the whole."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ...geo.gazetteer import Candidate
from ...lang.places import PlaceLexicon

Lookup = Callable[[str], tuple[Candidate, ...]]


def join_particles(parsed: Doc, found: list[tuple[int, int]], lookup: Lookup) -> list[tuple[int, int]]:
    """"Dar es Salaam", "Rio de Janeiro": two runs split by one short lowercase word are one run when the
    gazetteer knows the whole as a town or a division."""
    out: list[tuple[int, int]] = []
    for s, e in found:
        if out and s == out[-1][1] + 1 and parsed[s - 1].is_alpha and parsed[s - 1].is_lower \
                and len(parsed[s - 1]) <= 3 \
                and any(c.fclass in ("P", "A") for c in lookup(parsed[out[-1][0]:e].text)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def glued(parsed: Doc, j: int) -> bool:
    """Token ``j`` is a hyphen glued to the word before and to a word after it, itself followed by more of the name."""
    n = len(parsed)
    if not (j + 1 < n and parsed[j].text == "-" and not parsed[j - 1].whitespace_ and not parsed[j].whitespace_
            and parsed[j + 1].is_alpha):
        return False
    nxt = parsed[j + 1]
    # a lowercase particle must be followed by another glued hyphen (« au » in « Port-au-Prince »)
    return nxt.text[:1].isupper() or (not nxt.whitespace_ and j + 2 < n and parsed[j + 2].text == "-")


def known_complement(parsed: Doc, lex: PlaceLexicon, lookup: Lookup | None, s: int, e: int) -> int:
    """« l'Europe de l'Est », "Mashonaland West" cut by the NER after « Europe », "Mashonaland": a genitive
    complement ending in a capitalized word, or a capitalized word right after, joins the entity when the
    gazetteer knows the whole as a region or division."""
    n = len(parsed)
    if lookup is None or e >= n:
        return e
    if parsed[e].text[:1].isupper() and parsed[e].is_alpha:
        return e + 1 if any(c.fclass in ("A", "L") for c in lookup(parsed[s:e + 1].text)) else e
    if parsed[e].lower_ not in lex.genitive_prepositions:
        return e
    for k in range(e + 1, min(e + 3, n)):
        if parsed[k].text[:1].isupper():
            if any(c.fclass in ("A", "L") for c in lookup(parsed[s:k + 1].text)):
                return k + 1
            return e
        if parsed[k].pos_ != "DET":
            return e
    return e
