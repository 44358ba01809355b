"""Detection, step 0: the tokens that cannot start or hold a place (entities of other kinds, people's names,
organisations), and the exceptions a preposition of place, a list of places or the gazetteer make."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ...config import PlacesSettings
from ...errors import VeilleError
from ...lang.dates import load_grammar, norm as date_norm
from ...lang.places import PlaceLexicon
from .joins import Lookup
from ..syntax import entities, texts
from .tokens import locative_object, name_like, prepositional_object

if TYPE_CHECKING:
    from .mentions import _Scan


def block(st: _Scan) -> None:
    """Tokens that cannot start or hold a place: entities of other kinds, people's names, organisations."""
    parsed, lex, blocked, n = st.parsed, st.lex, st.blocked, len(st.parsed)
    for ent in entities(parsed):
        if ent.label_ in lex.block_labels:
            for k in range(_date_name_end(st, ent), ent.end):
                blocked[k] = True
    if st.lookup is not None:
        _unblock_listed_places(parsed, lex, st.conf, blocked, st.lookup)
    # A word that names a person somewhere in the text (« Anne Durand ») is that person elsewhere too.
    person_words = {t.text for ent in entities(parsed) if ent.label_ in lex.person_labels and len(ent) > 1
                    for t in ent if name_like(t, lex)}
    for k, word in enumerate(texts(parsed)):
        if word in person_words and not blocked[k]:
            left_ok = k == 0 or not name_like(parsed[k - 1], lex)
            right_ok = k + 1 >= n or not name_like(parsed[k + 1], lex)
            blocked[k] = left_ok and right_ok
    for k, low in enumerate(st.lowered):
        if low in lex.org_heads:
            blocked[k] = True  # "University", "Ministry": never a place by itself
            st.title_word[k] = True
    if st.lookup is not None:
        _block_organisation_names(st)
    named = _named_by_head(st)
    for s, e in st.runs:
        k = s - 1
        if s in named:
            continue  # « zone de gouvernement local d'Igabi »: a place head, not an organisation's
        # « ministère de la Défense », « département américain de la Justice », "Bank of England"
        while k >= 0 and (st.lowered[k] in lex.genitive_prepositions or parsed[k].pos_ in lex.org_name_pos):
            k -= 1
        # « le cortège est parti de X »: the verb, not the noun « parti »
        if 0 <= k < s - 1 and st.lowered[k] in lex.org_heads and parsed[k].pos_ not in ("VERB", "AUX"):
            for t in range(s, e):
                blocked[t] = True


def _block_organisation_names(st: _Scan) -> None:
    """"the Justice Department", "the Energy Secretary": capitalized words before an organisation's head inside
    one name are that organisation's, unless they name a country, a division or a major city ("Kabul
    University" is in Kabul)."""
    floor = st.conf.major_city_population
    heads = set(st.lex.heads_after) | set(st.lex.name_heads)
    for s, e in st.runs:
        h = next((k for k in range(s + 1, e) if st.title_word[k]), None)
        if h is None or any(st.blocked[s:h]) or any(c.fclass in ("A", "P") for c in st.lookup(st.parsed[s:e].text)):
            continue  # "Port-au-Prince", "Prince Edward Island": the whole name is a place
        if any(tuple(st.lowered[k:e]) in heads for k in range(s + 1, e)):
            continue  # "Igabi Local Government Area": a place's head, not an organisation's
        cands = st.lookup(st.parsed[s:h].text)
        if not any((c.fcode or "").startswith("PCL") or c.fcode in ("ADM1", "RGN", "CONT")
                   or c.fclass == "P" and c.population >= floor for c in cands):
            for k in range(s, h):
                st.blocked[k] = True


def _named_by_head(st: _Scan) -> set[int]:
    """Token indices right after a place head and its connector (« zone de gouvernement local d' »)."""
    out, firsts = set(), {w[0] for w in st.lex.heads_before}
    for i, low in enumerate(st.lowered):
        if low not in firsts:
            continue
        for words in st.lex.heads_before:
            if st.match(i, words):
                j = i + len(words)
                conn = next((c for c in sorted(st.lex.connectors, key=len, reverse=True) if st.match(j, c)), ())
                out.add(j + len(conn))
    return out


def _date_name_end(st: _Scan, ent: Span) -> int:
    """Where a blocked entity starts being blocked: after the name that opens a date entity
    ("Amhara this year", "Kordofan last week") when that name is a known region, country or sizeable town,
    no month or weekday, and only lowercase date words follow it inside the entity."""
    if ent.label_ not in st.lex.date_labels or st.lookup is None:
        return ent.start
    k = ent.start
    while k < ent.end and name_like(st.parsed[k], st.lex):
        k += 1
    if k == ent.start or k == ent.end or not all(t.is_lower for t in st.parsed[k:ent.end]):
        return ent.start
    name = st.parsed[ent.start:k]
    if any(date_norm(t.text) in _calendar_words(st.parsed.lang_) for t in name):
        return ent.start
    floor = st.conf.scan_min_population
    known = any((c.fcode or "").startswith("PCL") or c.fcode in ("ADM1", "RGN")
                or c.fclass == "P" and c.kind == "name" and c.population >= floor for c in st.lookup(name.text))
    return k if known else ent.start


@lru_cache(maxsize=4)
def _calendar_words(lang: str) -> frozenset[str]:
    """Month and weekday names (the dates stage's lexicon): never a place folded into a date."""
    try:
        grammar = load_grammar(lang)
    except VeilleError:
        return frozenset()
    return frozenset(grammar.months) | frozenset(grammar.weekdays)


def _unblock_listed_places(parsed: Doc, lex: PlaceLexicon, conf: PlacesSettings, blocked: list[bool],
                           lookup: Lookup) -> None:
    """"indoors: Rogaland, Vestfold, Akershus, Oslo": a one-word item the NER calls a person (or a
    nationality, a product), listed beside or coordinated with a place and itself the name of a region or
    sizeable town, is a place."""
    n = len(parsed)
    place_ent = {k for ent in entities(parsed) if ent.label_ in lex.ner_labels for k in range(ent.start, ent.end)}

    def known(text: str) -> bool:
        # a region or division, a sizeable town by its main name, a major city by any of its names ("Kiev")
        return any(c.fcode in ("ADM1", "RGN") or (c.fcode or "").startswith("PCL") or c.fclass == "P" and (
            c.kind == "name" and c.population >= conf.scan_min_population
            or c.population >= conf.major_city_population) for c in lookup(text))

    def region(text: str) -> bool:
        # "prices fell in Punjab" tagged a nationality: a division or country after a preposition of place
        return any(c.fcode in ("ADM1", "RGN") or (c.fcode or "").startswith("PCL") for c in lookup(text))

    def place_word(k: int) -> bool:
        if not 0 <= k < n:
            return False
        if k in place_ent:
            return True
        return not blocked[k] and name_like(parsed[k], lex) and known(parsed[k].text)

    for ent in entities(parsed):
        # "in central Mali", "the border with Burkina Faso" tagged as a person: a country's name governed by
        # a preposition is the country (whether it stands for a party is decided later, as for any place)
        # "shelling in Tigray" tagged as a person: so is a region or sizeable town after a locative preposition
        if ent.label_ in lex.person_labels and prepositional_object(ent) \
                and any((c.fcode or "").startswith("PCL") for c in lookup(ent.text)) \
                or ent.label_ in lex.person_labels and locative_object(ent, lex) and known(ent.text) \
                or ent.label_ in lex.list_item_labels and locative_object(ent, lex) and region(ent.text):
            for k in range(ent.start, ent.end):
                blocked[k] = False
    for ent in entities(parsed):
        # "the republic of Tajikistan" tagged a nationality: a country's own name is not a demonym
        if ent.label_ not in lex.person_labels and any((c.fcode or "").startswith("PCL") for c in lookup(ent.text)):
            for k in range(ent.start, ent.end):
                blocked[k] = False
        # "reached Kramatorsk" tagged a product: a known place governed by a verb or a preposition of place
        # ("Hurricane Harvey", two words, stays an event)
        tok = ent.root
        if ent.label_ in lex.weak_labels and len(ent) == 1 and tok.pos_ == "PROPN" and name_like(tok, lex) \
                and (tok.dep_ in lex.object_deps or locative_object(ent, lex)) and known(tok.text):
            blocked[tok.i] = False
    pending = [ent.start for ent in entities(parsed)
               if ent.label_ in lex.list_item_labels and len(ent) == 1 and known(ent.text)]
    changed = True
    while changed:  # an item freed makes its neighbour a listed place too
        changed = False
        for k in pending:
            sides = [j for j, sep in ((k - 2, k - 1), (k + 2, k + 1))
                     if 0 <= sep < n and (parsed[sep].text == "," or parsed[sep].pos_ == "CCONJ")]
            sides += [t.i for t in parsed[k].conjuncts]  # "hit X and later Dnipro": coordinated, not adjacent
            if blocked[k] and any(place_word(j) for j in sides):
                blocked[k] = False
                changed = True
