"""Places: toponyms found in the text and resolved against the gazetteer.

Mentions come from three sources, in order of trust: head-noun patterns
(« aéroport de X », "X Valley"), the NER (LOC/GPE), and a scan of capitalized
token runs the gazetteer knows. Each mention is then resolved twice: once on
its own, then with the document's context (countries named, nearby places,
an explicit container « X, dans la province de Y »).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..lang.places import Head, PlaceLexicon, load_lexicon
from ..geo.gazetteer import Candidate, Gazetteer, distance_km
from ..geo.normalize import normalize
from ..model import Document, Evidence, Place, Precision

_MAX_RUN = 6
# A name found only by scanning capitalized words must be a notable place, or the noise of
# ordinary capitalized words (and surnames) that are also hamlet names floods the output.
_SCAN_MIN_POPULATION = 15_000
_SCAN_MIN_POPULATION_IN_CONTEXT = 1_000
_NEAR_KM = 400.0
_MAJOR_CITY_POPULATION = 100_000
_FACILITY_KM = 60.0
_FOREIGN_MIN_POPULATION = 50_000
_FOREIGN_ALT_MIN_POPULATION = 1_000_000
_FACILITY_LABELS = frozenset({"FAC"})
_ALT_MIN_POPULATION = 10_000
_SCAN_ALT_MIN_POPULATION = 1_000_000


@dataclass(slots=True)
class _Mention:
    start: int  # token indices
    end: int
    source: str  # pattern, inner, ner, org, scan
    label: str = ""  # the NER label, when the NER found it
    gives_country: str | None = None  # the country this mention added to the context
    head: Head | None = None
    inner: tuple[int, int] | None = None  # the toponym inside a head phrase
    container: "_Mention | None" = None
    cands: tuple[Candidate, ...] = ()
    best: Candidate | None = None
    norm: str = ""  # the normalized surface text


def _lower(tok: Token) -> str:
    return tok.text.lower().replace("’", "'")


_CLOSED_POS = frozenset({"DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "NUM", "SYM"})


def _name_like(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() and t[-1:] != "'" and tok.pos_ not in _CLOSED_POS and any(c.isalpha() for c in t)


def _runs(parsed: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalized tokens (hyphen-joined particles kept inside)."""
    runs, i, n = [], 0, len(parsed)
    while i < n:
        if not _name_like(parsed[i]):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < _MAX_RUN:
            tok, prev = parsed[j], parsed[j - 1]
            if _name_like(tok) and not prev.is_sent_end and prev.text not in ",;:":
                j += 1
            elif (not prev.whitespace_ and not tok.whitespace_ and j + 1 < n
                  and (tok.text == "-" or (tok.is_lower and len(tok.text) <= 3)) and _name_like(parsed[j + 1])):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _prepositional_object(span: Span) -> bool:
    """The span is governed by a preposition (« dans le X », "with X")."""
    root = span.root
    return root.dep_ == "pobj" or any(ch.dep_ == "case" for ch in root.children)


def _unblock_listed_places(parsed: Doc, lex: PlaceLexicon, blocked: list[bool],
                           lookup: Callable[[str], tuple[Candidate, ...]]) -> None:
    """"indoors: Rogaland, Vestfold, Akershus, Oslo": a one-word item the NER calls a person, listed beside a
    place and itself the name of a region or sizeable town, is a place."""
    n = len(parsed)
    place_ent = {k for ent in parsed.ents if ent.label_ in lex.ner_labels for k in range(ent.start, ent.end)}

    def known(text: str) -> bool:
        return any(c.fcode == "ADM1" or (c.kind == "name" and c.fclass == "P" and c.population >= _SCAN_MIN_POPULATION)
                   for c in lookup(text))

    def place_word(k: int) -> bool:
        if not 0 <= k < n:
            return False
        if k in place_ent:
            return True
        return not blocked[k] and _name_like(parsed[k]) and known(parsed[k].text)

    for ent in parsed.ents:
        # "in central Mali", "the border with Burkina Faso" tagged as a person: a country's name governed by
        # a preposition is the country (whether it stands for a party is decided later, as for any place)
        if ent.label_ in ("PER", "PERSON") and _prepositional_object(ent) \
                and any((c.fcode or "").startswith("PCL") for c in lookup(ent.text)):
            for k in range(ent.start, ent.end):
                blocked[k] = False
    pending = [ent.start for ent in parsed.ents
               if ent.label_ in ("PER", "PERSON") and len(ent) == 1 and known(ent.text)]
    changed = True
    while changed:  # an item freed makes its neighbour a listed place too
        changed = False
        for k in pending:
            sides = [j for j, sep in ((k - 2, k - 1), (k + 2, k + 1))
                     if 0 <= sep < n and (parsed[sep].text == "," or parsed[sep].pos_ == "CCONJ")]
            if blocked[k] and any(place_word(j) for j in sides):
                blocked[k] = False
                changed = True


def _find_mentions(parsed: Doc, lex: PlaceLexicon, lookup: Callable[[str], tuple[Candidate, ...]] | None = None
                   ) -> list[_Mention]:
    """Every candidate toponym mention, nested ones included, without overlaps between sources."""
    n = len(parsed)
    title_word = [False] * n  # blocked only as a title or organisation word: « Prince », "University"
    runs = _runs(parsed)
    run_at = {s: e for s, e in runs}
    for s, e in runs:  # « Place Beauvau »: a capitalized head starts the run, the name follows inside it
        for k in range(s + 1, e):
            run_at.setdefault(k, e)
    blocked = [False] * n
    for ent in parsed.ents:
        if ent.label_ in lex.block_labels:
            for k in range(ent.start, ent.end):
                blocked[k] = True
    if lookup is not None:
        _unblock_listed_places(parsed, lex, blocked, lookup)
    lowered = [_lower(t) for t in parsed]
    # A word that names a person somewhere in the text (« Anne Durand ») is that person elsewhere too.
    person_words = {t.text for ent in parsed.ents if ent.label_ in ("PER", "PERSON") and len(ent) > 1
                    for t in ent if _name_like(t)}
    for k, tok in enumerate(parsed):
        if tok.text in person_words and not blocked[k]:
            left_ok = k == 0 or not _name_like(parsed[k - 1])
            right_ok = k + 1 >= n or not _name_like(parsed[k + 1])
            blocked[k] = left_ok and right_ok
    for k, low in enumerate(lowered):
        if low in lex.org_heads:
            blocked[k] = True  # "University", "Ministry": never a place by itself
            title_word[k] = True
    for s, e in runs:
        k = s - 1
        # « ministère de la Défense », « département américain de la Justice », "Bank of England"
        while k >= 0 and (lowered[k] in lex.genitive_prepositions or parsed[k].pos_ in ("DET", "ADJ")):
            k -= 1
        if 0 <= k < s - 1 and lowered[k] in lex.org_heads:
            for t in range(s, e):
                blocked[t] = True
    claimed = [False] * n
    out: list[_Mention] = []

    def known_despite_block(s: int, e: int, facility: bool = False) -> bool:
        # "Prince Edward Island", « aéroport international Hamid Karzai »: a whole name the gazetteer knows
        # outweighs a title word or a person's name inside it.
        if lookup is None or e - s < 2 or not all(_name_like(t) for t in parsed[s:e]):
            return False
        if not facility and not all(title_word[k] or not blocked[k] for k in range(s, e)):
            return False
        cands = lookup(parsed[s:e].text)
        if facility:
            return any(c.fclass == "S" for c in cands)
        return any(c.kind == "name" and c.fclass in ("A", "P") for c in cands)

    def claim(m: _Mention) -> None:
        out.append(m)
        for k in range(m.start, m.end):
            claimed[k] = True

    def free(s: int, e: int) -> bool:
        return not any(claimed[s:e])

    # 1. Head-noun patterns.

    def match(i: int, words: tuple[str, ...]) -> bool:
        return tuple(lowered[i:i + len(words)]) == words

    by_first: dict[str, list[tuple[tuple[str, ...], Head]]] = {}
    for words, head in sorted(lex.heads_before.items(), key=lambda kv: -len(kv[0])):
        by_first.setdefault(words[0], []).append((words, head))
    connectors = sorted(lex.connectors, key=len, reverse=True)
    for i in range(n):
        if claimed[i] or lowered[i] not in by_first:
            continue
        for words, head in by_first[lowered[i]]:
            if not match(i, words):
                continue
            j = i + len(words)
            for conn in connectors:
                if match(j, conn):
                    j += len(conn)
                    break
            if j in run_at and (not blocked[j] or known_despite_block(j, run_at[j], head.airport)) \
                    and any(t.pos_ != "ADJ" for t in parsed[j:run_at[j]]):
                e = run_at[j]
                if head.emit and free(i, e):
                    claim(_Mention(i, e, "pattern", head=head, inner=(j, e)))
                    if head.kind != "urban":
                        out.append(_Mention(j, e, "inner", head=head))
                elif free(j, e):
                    claim(_Mention(j, e, "inner", head=head))
            break
    # "Baron Hotel" inside a capitalized name in any language; "Kabul airport" only in English.
    heads = sorted(({**lex.name_heads, **lex.heads_after}).items(), key=lambda kv: -len(kv[0]))
    for s, e in runs:
        if not free(s, e) or any(blocked[s:e]):
            continue
        for words, head in heads:
            k = len(words)
            inside = e - s > k and tuple(lowered[e - k:e]) == words
            after = words in lex.heads_after and match(e, words)
            if not (inside or after):
                continue
            inner_end = e - k if inside else e
            outer_end = e if inside else e + k
            if head.emit:
                claim(_Mention(s, outer_end, "pattern", head=head, inner=(s, inner_end)))
                if head.kind != "urban":
                    out.append(_Mention(s, inner_end, "inner", head=head))
            else:
                claim(_Mention(s, inner_end, "inner", head=head))
            break

    # 2. Named entities.
    for ent in parsed.ents:
        if ent.label_ not in lex.ner_labels and ent.label_ not in lex.org_labels:
            continue
        source = "org" if ent.label_ in lex.org_labels else "ner"
        # "Lyon, Pau, Toulouse and Lille" tagged as one entity: one mention per item.
        # A title-case entity « Opérations D'évacuation En Afghanistan » holds a place after its preposition.
        cuts = [ent.start] + [t.i + 1 for t in ent if t.is_punct and t.text == "," or t.pos_ == "CCONJ" or (
            source == "org" and t.i > ent.start and _lower(t) in lex.locative_prepositions
            and _lower(t) not in lex.genitive_prepositions)] + [ent.end]
        for s, e in zip(cuts, cuts[1:]):
            while s < e and (parsed[s].pos_ in ("DET", "ADP", "CCONJ") or parsed[s].is_punct
                             or not _name_like(parsed[s])):
                s += 1
            while e > s and (parsed[e - 1].is_punct or parsed[e - 1].pos_ in ("DET", "ADP", "CCONJ")):
                e -= 1
            if s < e and free(s, e) and (not any(blocked[s:e]) or known_despite_block(s, e)):
                claim(_Mention(s, e, source, label=ent.label_))

    # 3. Capitalized runs the gazetteer may know (filtered at resolution time).
    for s, e in runs:
        for length in range(e - s, 0, -1):
            for a in range(s, e - length + 1):
                b = a + length
                if free(a, b) and not any(blocked[a:b]):
                    claim(_Mention(a, b, "scan"))
    return out


def _precision(c: Candidate) -> Precision:
    if c.fcode == "PCLI" or (c.fcode or "").startswith("PCL"):
        return "country"
    if c.fcode in ("CONT", "RGN") or c.country is None:
        return "region"
    if c.fcode == "ADM1":
        return "admin1"
    if c.fclass == "A":
        return "admin2"
    if c.fclass == "S":
        return "facility"
    if c.fclass in ("L", "T", "H"):
        return "region"
    return "locality"


def _base_score(c: Candidate, head: Head | None) -> float:
    code = c.fcode or ""
    if code.startswith("PCL"):
        score = 100.0
    elif code in ("CONT", "RGN"):
        score = 90.0
    elif code == "ADM1":
        score = 40.0 + 4 * math.log10(c.population + 10)
    elif c.fclass == "P":
        score = 10 * math.log10(c.population + 10) + (15 if code == "PPLC" else 0)
    elif c.fclass == "A":
        score = 35.0
    elif c.fclass == "S":
        score = 20.0 if c.kind == "name" else 0.0
    else:
        score = 25.0 + 3 * math.log10(c.population + 10)
    if c.kind == "name":
        score += 10
    if head is not None:
        if head.kind == "admin1" and code == "ADM1":
            score += 60
        elif head.kind in ("admin2",) and c.fclass == "A" and not code.startswith("PCL"):
            score += 40
        elif head.kind == "locality" and c.fclass == "P":
            score += 40
        elif head.kind == "region" and (c.fclass in ("A", "L", "T") and not code.startswith("PCL")) \
                and (code == "ADM1" or c.kind == "name"):
            score += 40  # "the Houston region" is the city's area, not a county that merely shares its name
    return score


@dataclass(slots=True)
class _Context:
    countries: Counter
    points: list[tuple[int, float, float]]  # (mention id, lat, lon)
    lang: str
    votes_by_name: Counter = field(default_factory=Counter)  # (normalized name, country) -> votes


def _score(c: Candidate, m: _Mention, ctx: _Context | None, lang: str) -> float:
    s = _base_score(c, m.head)
    if c.lang and c.lang == lang:
        s += 5
    if c.fclass == "S" and c.kind != "name":
        return s - 100  # facility core names only count inside facility patterns
    if ctx is not None:
        # Other names must vouch for the country: "Georgia" alone does not make the text about Georgia.
        if c.country and ctx.countries.get(c.country, 0) > ctx.votes_by_name.get((m.norm, c.country), 0):
            s += 30
        if c.lat is not None and any(mid != id(m) and distance_km(c.lat, c.lon, la, lo) < _NEAR_KM
                                     for mid, la, lo in ctx.points):
            s += 15
    cont = m.container.best if m.container else None
    if cont is not None and c.lat is not None and cont.lat is not None:
        if c.country == cont.country and (cont.fcode != "ADM1" or c.admin1 == cont.admin1
                                          or distance_km(c.lat, c.lon, cont.lat, cont.lon) < 200):
            s += 60
    return s


def _best(m: _Mention, ctx: _Context | None, lang: str) -> Candidate | None:
    usable = [c for c in m.cands if c.lat is not None and not (c.fclass == "S" and c.kind != "name")]
    if not usable:
        return None
    return max(usable, key=lambda c: (_score(c, m, ctx, lang), c.population, -abs(c.id)))


def _scan_ok(m: _Mention, c: Candidate, parsed: Doc, ctx: _Context) -> bool:
    """Whether a name found only by scanning capitalized words is a place, not an ordinary word."""
    span = parsed[m.start:m.end]
    text = span.text
    if len(normalize(text)) < 4 and not (c.fcode or "").startswith("PCL"):
        return False
    if len(span) == 1:
        tok = span[0]
        if tok.pos_ not in ("PROPN",) and not (tok.is_upper and len(tok) > 3):
            return False
        if tok.is_stop:
            return False
    code = c.fcode or ""
    if code.startswith("PCL") or code in ("ADM1", "CONT", "RGN"):
        return True
    if len(span) == 1 and c.kind == "alt" and c.population < _SCAN_ALT_MIN_POPULATION:
        return False  # old or foreign alternates of towns collide with ordinary capitalized words
    if c.fclass == "S":
        return c.kind == "name" and len(span) > 1
    floor = _SCAN_MIN_POPULATION_IN_CONTEXT if ctx.countries.get(c.country) else _SCAN_MIN_POPULATION
    return c.fclass == "P" and c.population >= floor


def _org_is_place(span: Span, c: Candidate, lex: PlaceLexicon) -> bool:
    """An entity the NER calls an organisation is a place when it is a major one or is used as a location."""
    code = c.fcode or ""
    generic_end = (span[-1].lower_,) in lex.heads_after
    if c.kind == "alt" and len(span) > 1 and not code.startswith("PCL") and (code != "ADM1" or generic_end):
        # "White House": a translated alternate of a city is not this organisation's name; "Ohio State"
        # (a university) only looks like the state's "X State" alias.
        return False
    if code.startswith("PCL") or code == "ADM1":
        return True
    if code == "PPLC" or (c.fclass == "P" and c.population >= _MAJOR_CITY_POPULATION):
        return True
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "in Marseille, Lyon and Pau": the preposition governs the first item
    if any(ch.dep_ == "case" and _lower(ch) in lex.locative_prepositions for ch in root.children):
        return True
    return root.dep_ == "pobj" and _lower(root.head) in lex.locative_prepositions


def _foreign_homonym(m: _Mention, c: Candidate, ctx: _Context) -> bool:
    """A small namesake abroad, in a country the text never mentions, is a guess not worth making."""
    if c.fclass != "P":
        return False
    cont = m.container.best if m.container else None
    if cont is not None:
        return cont.country is not None and c.country != cont.country
    # The mention's own vote does not count: a homonym must not vouch for itself.
    if ctx.countries.get(c.country, 0) - (m.gives_country == c.country) > 0:
        return False
    if m.label in _FACILITY_LABELS and c.kind == "alt":
        return True  # "White House" is not a translated city name
    countries = sum(ctx.countries.values()) - (m.gives_country is not None)
    if c.kind == "alt":
        return c.population < (_FOREIGN_ALT_MIN_POPULATION if countries else _ALT_MIN_POPULATION)
    return countries > 0 and c.population < _FOREIGN_MIN_POPULATION


def _line_subject_verb(span: Span) -> Token | None:
    """The verb a name opening a line is the subject of, when the parser tied it to the line before.

    Headlines and paragraphs often lack a final full stop: « …de représailles\n\nLes États-Unis ont menacé »
    then parses « États-Unis » as a complement of the previous line.
    """
    doc, root = span.doc, span.root
    k = span.start - 1
    while k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    if k < 0 or "\n" not in doc[k].text or not (root.head.i < span.start and "\n" in doc[root.head.i:span.start].text):
        return None
    for tok in doc[span.end:span.end + 8]:
        if "\n" in tok.text or tok.text in (".", ";", ":", "!", "?"):
            return None
        if tok.pos_ == "VERB":
            return tok
    return None


def _is_actor(span: Span, c: Candidate, lex: PlaceLexicon) -> bool:
    """A country or city standing for its government or people: « Washington a démenti », "U.S. troops"."""
    code = c.fcode or ""
    if not (code.startswith("PCL") or c.fclass == "P"):
        return False
    verb = _line_subject_verb(span)
    if verb is not None:
        return verb.lemma_.lower() in lex.metonymy_verbs or verb.lemma_.lower() not in lex.location_verbs
    root = span.root
    if root.dep_ == "conj" and root.head.dep_ in lex.subject_deps:
        root = root.head  # « les États-Unis et les talibans se sont mis d'accord »
    if root.dep_ in lex.subject_deps:
        verb = root.head
        return verb.lemma_.lower() in lex.metonymy_verbs or verb.lemma_.lower() not in lex.location_verbs
    # « …, a rapporté l'Élysée. »: a speaker after its reporting verb, often parsed as an object.
    if root.dep_ in ("obj", "dobj") and root.i > root.head.i and root.head.lemma_.lower() in lex.metonymy_verbs \
            and any(t.text == "," for t in root.doc[max(root.head.i - 3, 0):root.head.i]):
        return True
    for node in (root, root.head) if root.dep_ == "conj" else (root,):
        prep = next((ch for ch in node.children if ch.dep_ == "case" and ch.lower_ in lex.actor_prepositions), None)
        if prep is not None:
            return not _after_boundary(prep, node.head, lex)
    if root.dep_ == "pobj" and root.head.lower_ in lex.actor_prepositions:
        return not _after_boundary(root.head, root.head.head, lex)
    # "U.S. forces", "US officials": a country name used as a modifier is a demonym.
    return code.startswith("PCL") and root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN" \
        and root.head.i >= span.end


def _after_boundary(prep: Token, governor: Token, lex: PlaceLexicon) -> bool:
    """« la frontière avec le X », "the border with X": a boundary, not a party (the parser may attach the
    preposition to the verb, so the word just before it counts too)."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else prep
    return any(_lower(t) in lex.boundary_nouns or t.lemma_.lower() in lex.boundary_nouns for t in (governor, before))


def _link_containers(mentions: list[_Mention], parsed: Doc, lex: PlaceLexicon) -> None:
    """« X, dans la province de Y » / "X in Y province": Y contains X."""
    ordered = sorted((m for m in mentions if m.source != "pattern"), key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        gap = parsed[a.end:b.start]
        if not 0 < len(gap) <= 6:
            continue
        words = [_lower(t) for t in gap]
        if not any(w in lex.container_cues for w in words):
            continue
        heads = {w for k in list(lex.heads_before) + list(lex.heads_after) for w in k}
        if all(w in lex.container_cues or w in heads or w == "," or parsed[a.end + k].pos_ in ("DET", "ADP", "ADJ")
               for k, w in enumerate(words)):
            a.container = b


def _place(doc: Document, parsed: Doc, m: _Mention, c: Candidate, *, name: str | None = None,
           precision: Precision | None = None, keep_id: bool = True) -> Place:
    span = parsed[m.start:m.end]
    return Place(evidence=Evidence.of(doc.text, span.start_char, span.end_char), name=name or c.name,
                 country=None if c.fcode in ("CONT", "RGN") else c.country, lat=c.lat, lon=c.lon,
                 geonameid=c.geonameid if keep_id else None, admin1=c.admin1,
                 feature_class=c.fclass if keep_id else None, feature_code=c.fcode if keep_id else None,
                 precision=precision or _precision(c))


def _city_of(m: _Mention, cities: list[tuple[int, Candidate]]) -> Candidate | None:
    """The city a street or building stands in: the last one named before it, else the first after."""
    ordered = sorted(cities, key=lambda x: x[0])
    before = [c for start, c in ordered if start < m.start]
    if before:
        return before[-1]
    return ordered[0][1] if ordered else None


def _facility(m: _Mention, gazetteer: Gazetteer, parsed: Doc, inner_best: Candidate | None) -> Candidate | None:
    """The airport or facility a head phrase names: by full name, core name, or the nearest one to its town."""
    full = [c for c in gazetteer.lookup(parsed[m.start:m.end].text) if c.fclass == "S"]
    if full:
        return max(full, key=lambda c: c.kind == "name")
    if m.inner is None or m.head is None or not m.head.airport:
        return None
    inner_text = parsed[m.inner[0]:m.inner[1]].text
    core = [c for c in gazetteer.lookup(inner_text) if c.fclass == "S"]
    if core:
        return core[0]
    if inner_best is not None and inner_best.lat is not None:
        near = gazetteer.places_near(round(inner_best.lat, 3), round(inner_best.lon, 3), "S", 40.0)
        near = [c for c in near if c.country == inner_best.country]
        if near:
            return near[0]
    return None


def extract_places(doc: Document, parsed: Doc, *, settings: Settings, gazetteer: Gazetteer) -> list[Place]:
    """Every toponym of the document, resolved to a gazetteer place."""
    lang = doc.lang or parsed.lang_ or "en"
    lex = load_lexicon(lang)
    mentions = _find_mentions(parsed, lex, gazetteer.lookup)
    for m in mentions:
        m.norm = normalize(parsed[m.start:m.end].text)
        if m.source != "pattern":
            m.cands = gazetteer.lookup(parsed[m.start:m.end].text)
    _link_containers(mentions, parsed, lex)

    # First pass: each mention on its own, to learn which countries and areas the text is about.
    for m in mentions:
        m.best = _best(m, None, lang)
    ctx = _Context(Counter(), [], lang)
    for m in mentions:
        b = m.best
        if b is None or m.source == "scan" and not _scan_ok(m, b, parsed, ctx):
            continue
        if m.source == "org" and not _org_is_place(parsed[m.start:m.end], b, lex):
            continue
        if (b.fcode or "").startswith("PCL") or b.fcode == "ADM1" or b.population >= _MAJOR_CITY_POPULATION:
            ctx.countries[b.country] += 1
            ctx.votes_by_name[(normalize(parsed[m.start:m.end].text), b.country)] += 1
            m.gives_country = b.country
        ctx.points.append((id(m), b.lat, b.lon))

    # A name the gazetteer lacks may be another romanization of a notable place of a country the text is
    # about (« Panchir » for Panjshir): only names the NER or a head noun marks as places are tried.
    countries = tuple(sorted(c for c in ctx.countries if c))
    for m in mentions:
        if not m.cands and m.source in ("ner", "inner") and countries and m.label not in _FACILITY_LABELS:
            m.cands = gazetteer.lookup_variant(parsed[m.start:m.end].text, countries)

    # Second pass: with context; containers first so their contents can use them.
    for m in sorted(mentions, key=lambda m: m.container is not None):
        m.best = _best(m, ctx, lang)

    by_inner = {(m.start, m.end): m for m in mentions if m.source == "inner"}
    places: list[Place] = []
    urban: list[_Mention] = []
    cities: list[tuple[int, Candidate]] = []  # emitted towns, for the streets and buildings in them
    for m in mentions:
        span = parsed[m.start:m.end]
        if m.source == "pattern" and m.head is not None and m.head.kind == "urban":
            urban.append(m)
            continue
        if m.source == "pattern":
            inner = by_inner.get(m.inner) if m.inner else None
            inner_best = inner.best if inner else None
            # « aéroport international Hamid Karzai de Kaboul »: a facility named after a person stands
            # in the town its container names.
            cont = inner.container.best if inner is not None and inner_best is None and inner.container else None
            fac = _facility(m, gazetteer, parsed, inner_best or cont)
            if cont is not None and fac is not None:
                inner.container = None  # the person's name is no place of its own
            if fac is not None:
                places.append(_place(doc, parsed, m, fac, precision="facility"))
                if inner is not None and inner_best is not None and (
                        distance_km(fac.lat, fac.lon, inner_best.lat, inner_best.lon) > _FACILITY_KM):
                    inner.best = None  # a homonym far from the facility it names is not the town meant
                    inner.container = None
            elif inner_best is not None:
                places.append(_place(doc, parsed, m, inner_best, name=span.text, keep_id=False,
                                     precision="facility" if m.head and m.head.kind == "facility" else "region"))
            continue
        b = m.best
        if b is not None and _foreign_homonym(m, b, ctx):
            b = None
        if b is None:
            cont = m.container.best if m.container else None
            root = span.root
            if cont is not None and m.source in ("ner", "inner") and root.pos_ == "PROPN" \
                    and "Plur" not in root.morph.get("Number"):
                # Unknown to the gazetteer but its container is given: the container's point, coarser.
                places.append(_place(doc, parsed, m, cont, name=span.text, keep_id=False))
            continue
        if m.source == "scan" and not _scan_ok(m, b, parsed, ctx):
            continue
        if m.source == "org" and not _org_is_place(span, b, lex):
            continue
        if m.source == "inner" and b.fclass == "S":
            continue
        if _is_actor(span, b, lex):
            continue
        places.append(_place(doc, parsed, m, b))
        if b.fclass == "P":
            cities.append((m.start, b))
    for m in urban:
        city = _city_of(m, cities)
        if city is not None:
            places.append(_place(doc, parsed, m, city, name=parsed[m.start:m.end].text, keep_id=False,
                                 precision="facility"))
    places.sort(key=lambda p: (p.evidence.start, p.evidence.end))
    return places
