"""Detection: every candidate toponym mention of a parse, nested ones included, without overlaps.

Mentions come from three sources, in order of trust: head-noun patterns
(« aéroport de X », "X Valley"), the NER, and a scan of capitalized token runs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...config import PlacesSettings
from ...geo.gazetteer import Candidate
from ...lang.places import Head, PlaceLexicon
from ..syntax import entities, pos_tags, texts
from .joins import Lookup, glued, join_particles, known_complement


@dataclass(slots=True)
class Mention:
    start: int  # token indices
    end: int
    source: str  # pattern, inner, ner, org, scan
    label: str = ""  # the NER label, when the NER found it
    gives_country: str | None = None  # the country this mention added to the context
    head: Head | None = None
    inner: tuple[int, int] | None = None  # the toponym inside a head phrase
    container: "Mention | None" = None
    cands: tuple[Candidate, ...] = ()
    best: Candidate | None = None
    norm: str = ""  # the normalized surface text
    surface: str = ""  # the text as written


def lower(tok: Token) -> str:
    return tok.text.lower().replace("’", "'")


def name_like(tok: Token, lex: PlaceLexicon) -> bool:
    t = tok.text
    return t[:1].isupper() and t[-1:] != "'" and tok.pos_ not in lex.closed_pos and any(c.isalpha() for c in t)


def runs(parsed: Doc, lex: PlaceLexicon, conf: PlacesSettings) -> list[tuple[int, int]]:
    """Maximal runs of capitalized tokens (hyphen-joined particles kept inside)."""
    out, i, n = [], 0, len(parsed)
    words, tags = texts(parsed), pos_tags(parsed)
    while i < n:
        w = words[i]  # name_like on the per-document tables: most tokens stop here
        if not (w[:1].isupper() and w[-1:] != "'" and tags[i] not in lex.closed_pos and any(c.isalpha() for c in w)):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < conf.max_run:
            tok, prev = parsed[j], parsed[j - 1]
            if name_like(tok, lex) and not prev.is_sent_end and prev.text not in ",;:":
                j += 1
            elif glued(parsed, j):
                j += 2  # « Port-au-Prince », "Ras al-Ain": hyphen-joined lowercase particles stay inside
            elif (not prev.whitespace_ and not tok.whitespace_ and j + 1 < n
                  and (tok.text == "-" or (tok.is_lower and len(tok.text) <= 3)) and name_like(parsed[j + 1], lex)):
                j += 2
            else:
                break
        out.append((i, j))
        i = j
    return out


def _locative_object(span: Span, lex: PlaceLexicon) -> bool:
    """The span is governed by a preposition of place (« à X », "in X", "near X")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "across Kordofan and the Sahel": the preposition governs the first item
    if root.dep_ == "pobj":
        return lower(root.head) in lex.locative_prepositions
    return any(ch.dep_ == "case" and lower(ch) in lex.locative_prepositions for ch in root.children)


def prepositional_object(span: Span) -> bool:
    """The span is governed by a preposition (« dans le X », "with X")."""
    root = span.root
    return root.dep_ == "pobj" or any(ch.dep_ == "case" for ch in root.children)


@dataclass
class _Scan:
    """The state of one detection: per-token flags and the mentions claimed so far."""

    parsed: Doc
    lex: PlaceLexicon
    conf: PlacesSettings
    lookup: Lookup | None
    runs: list[tuple[int, int]]
    lowered: list[str]
    blocked: list[bool]
    title_word: list[bool]  # blocked only as a title or organisation word: « Prince », "University"
    claimed: list[bool]
    run_at: dict[int, int] = field(default_factory=dict)
    out: list[Mention] = field(default_factory=list)

    def claim(self, m: Mention) -> None:
        self.out.append(m)
        for k in range(m.start, m.end):
            self.claimed[k] = True

    def free(self, s: int, e: int) -> bool:
        return not any(self.claimed[s:e])

    def match(self, i: int, words: tuple[str, ...]) -> bool:
        return tuple(self.lowered[i:i + len(words)]) == words

    def known_town(self, s: int, e: int) -> bool:
        """The gazetteer knows these words by main name as a region or a sizeable town (not a hamlet that
        shares a person's name)."""
        floor = self.conf.scan_min_population
        if self.lookup is None:
            return False
        return any(c.kind == "name" and (c.fcode == "ADM1" or c.fclass == "P" and c.population >= floor)
                   for c in self.lookup(self.parsed[s:e].text))

    def known_despite_block(self, s: int, e: int, facility: bool = False) -> bool:
        """"Prince Edward Island", « aéroport international Hamid Karzai »: a whole name the gazetteer knows
        outweighs a title word or a person's name inside it."""
        if self.lookup is None or e - s < 2 or not all(
                name_like(t, self.lex) or (0 < t.i - s < e - s - 1 and not t.whitespace_ and not t.nbor(-1).whitespace_)
                for t in self.parsed[s:e]):
            return False
        if not facility and not all(self.title_word[k] or not self.blocked[k] for k in range(s, e)):
            return False
        cands = self.lookup(self.parsed[s:e].text)
        if facility:
            return any(c.fclass == "S" for c in cands)
        return any(c.kind == "name" and c.fclass in ("A", "P") for c in cands)


def find_mentions(parsed: Doc, lex: PlaceLexicon, conf: PlacesSettings, lookup: Lookup | None = None
                  ) -> list[Mention]:
    """Every candidate toponym mention, nested ones included, without overlaps between sources."""
    n = len(parsed)
    found = runs(parsed, lex, conf)
    if lookup is not None:
        found = join_particles(parsed, found, lookup)
    st = _Scan(parsed, lex, conf, lookup, found, [w.lower().replace("’", "'") for w in texts(parsed)],
               [False] * n, [False] * n, [False] * n)
    st.run_at = {s: e for s, e in st.runs}
    for s, e in st.runs:  # « Place Beauvau »: a capitalized head starts the run, the name follows inside it
        for k in range(s + 1, e):
            st.run_at.setdefault(k, e)
    _block(st)
    _heads_before(st)
    _heads_after(st)
    _entities(st)
    _scan_runs(st)
    # « l'Est », « le Sud », "the East": a compass word alone is never a place, a name must follow it
    return [m for m in st.out if not all(low in lex.directional_words or st.parsed[k].is_punct
                                         for k, low in enumerate(st.lowered[m.start:m.end], m.start))]


def _block(st: _Scan) -> None:
    """Tokens that cannot start or hold a place: entities of other kinds, people's names, organisations."""
    parsed, lex, blocked, n = st.parsed, st.lex, st.blocked, len(st.parsed)
    for ent in entities(parsed):
        if ent.label_ in lex.block_labels:
            for k in range(ent.start, ent.end):
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
    for s, e in st.runs:
        k = s - 1
        # « ministère de la Défense », « département américain de la Justice », "Bank of England"
        while k >= 0 and (st.lowered[k] in lex.genitive_prepositions or parsed[k].pos_ in lex.org_name_pos):
            k -= 1
        # « le cortège est parti de X »: the verb, not the noun « parti »
        if 0 <= k < s - 1 and st.lowered[k] in lex.org_heads and parsed[k].pos_ not in ("VERB", "AUX"):
            for t in range(s, e):
                blocked[t] = True


def _unblock_listed_places(parsed: Doc, lex: PlaceLexicon, conf: PlacesSettings, blocked: list[bool],
                           lookup: Lookup) -> None:
    """"indoors: Rogaland, Vestfold, Akershus, Oslo": a one-word item the NER calls a person (or a
    nationality, a product), listed beside or coordinated with a place and itself the name of a region or
    sizeable town, is a place."""
    n = len(parsed)
    place_ent = {k for ent in entities(parsed) if ent.label_ in lex.ner_labels for k in range(ent.start, ent.end)}

    def known(text: str) -> bool:
        # a region or division, a sizeable town by its main name, a major city by any of its names ("Kiev")
        return any(c.fcode in ("ADM1", "RGN") or c.fclass == "P" and (
            c.kind == "name" and c.population >= conf.scan_min_population
            or c.population >= conf.major_city_population) for c in lookup(text))

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
                or ent.label_ in lex.person_labels and _locative_object(ent, lex) and known(ent.text):
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
                and (tok.dep_ in lex.object_deps or _locative_object(ent, lex)) and known(tok.text):
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


def _heads_before(st: _Scan) -> None:
    """1. Head nouns before a capitalized run: « aéroport de X », « province de X »."""
    lex, n = st.lex, len(st.parsed)
    by_first: dict[str, list[tuple[tuple[str, ...], Head]]] = {}
    for words, head in sorted(lex.heads_before.items(), key=lambda kv: -len(kv[0])):
        by_first.setdefault(words[0], []).append((words, head))
    connectors = sorted(lex.connectors, key=len, reverse=True)
    for i in range(n):
        if st.claimed[i] or st.lowered[i] not in by_first:
            continue
        for words, head in by_first[st.lowered[i]]:
            if not st.match(i, words):
                continue
            j = i + len(words)
            for conn in connectors:
                if st.match(j, conn):
                    j += len(conn)
                    break
            if j in st.run_at and (not st.blocked[j] or st.known_despite_block(j, st.run_at[j], head.airport)) \
                    and any(t.pos_ != "ADJ" for t in st.parsed[j:st.run_at[j]]):
                _claim_head(st, head, i, st.run_at[j], (j, st.run_at[j]))
            break


def _claim_head(st: _Scan, head: Head, s: int, e: int, inner: tuple[int, int]) -> None:
    """A head phrase and the toponym inside it; an emitting head's phrase is a place of its own."""
    a, b = inner
    if head.emit and st.free(s, e):
        st.claim(Mention(s, e, "pattern", head=head, inner=inner))
        if head.kind != "urban":
            st.out.append(Mention(a, b, "inner", head=head))
    elif st.free(a, b):
        st.claim(Mention(a, b, "inner", head=head))


def _heads_after(st: _Scan) -> None:
    """"Baron Hotel" inside a capitalized name in any language; "Kabul airport" only in English."""
    lex = st.lex
    heads = sorted(({**lex.name_heads, **lex.heads_after}).items(), key=lambda kv: -len(kv[0]))
    n = len(st.lowered)
    for s, e in st.runs:
        if not st.free(s, e):
            continue
        last, nxt = st.lowered[e - 1], (st.lowered[e] if e < n else None)
        for words, head in heads:
            if words and words[-1] != last and words[0] != nxt:
                continue  # neither ends the run nor follows it: the tests below would fail
            if any(st.blocked[s:e]) and not (words in lex.heads_after and st.match(e, words) and st.known_town(s, e)):
                continue  # "the Kramatorsk train station" tagged a product: the head and the gazetteer outweigh
            k = len(words)
            inside = e - s > k and tuple(st.lowered[e - k:e]) == words
            after = words in lex.heads_after and st.match(e, words)
            if not (inside or after):
                continue
            inner_end = e - k if inside else e
            outer_end = e if inside else e + k
            if head.emit:
                st.claim(Mention(s, outer_end, "pattern", head=head, inner=(s, inner_end)))
                if head.kind != "urban":
                    st.out.append(Mention(s, inner_end, "inner", head=head))
            else:
                st.claim(Mention(s, inner_end, "inner", head=head))
            break


def _entities(st: _Scan) -> None:
    """2. Named entities of a place label, and organisations that may be places."""
    parsed, lex = st.parsed, st.lex
    for ent in entities(parsed):
        if ent.label_ not in lex.ner_labels and ent.label_ not in lex.org_labels:
            continue
        source = "org" if ent.label_ in lex.org_labels else "ner"
        # "Lyon, Pau, Toulouse and Lille" tagged as one entity: one mention per item.
        # A title-case entity « Opérations D'évacuation En Afghanistan » holds a place after its preposition.
        cuts = [ent.start] + [t.i + 1 for t in ent if t.is_punct and t.text == "," or t.pos_ == "CCONJ" or (
            source == "org" and t.i > ent.start and lower(t) in lex.locative_prepositions
            and lower(t) not in lex.genitive_prepositions)] + [ent.end]
        for s, e in zip(cuts, cuts[1:]):
            while s < e and (parsed[s].pos_ in lex.edge_pos or parsed[s].is_punct
                             or not name_like(parsed[s], lex)):
                s += 1
            while e > s and (parsed[e - 1].is_punct or parsed[e - 1].pos_ in lex.edge_pos):
                e -= 1
            for a, b in _pieces(st, s, e):
                b = known_complement(parsed, lex, st.lookup, a, b)
                if st.free(a, b) and (not any(st.blocked[a:b]) or st.known_despite_block(a, b)):
                    st.claim(Mention(a, b, source, label=ent.label_))


def _pieces(st: _Scan, s: int, e: int) -> list[tuple[int, int]]:
    """An entity as the gazetteer reads it: cut at « Port » but glued on to « -au-Prince », and an entity the
    gazetteer does not know (« El Geneina for Chad ») split into the capitalized runs inside it."""
    if s >= e:
        return []
    run_end = st.run_at.get(s, e)
    if run_end > e and not st.parsed[e - 1].whitespace_ and st.parsed[e].text == "-" \
            and st.lookup is not None and st.lookup(st.parsed[s:run_end].text):
        e = run_end  # not "India-Pakistan": only a whole the gazetteer knows
    if st.lookup is None or e - s < 2 or st.lookup(st.parsed[s:e].text):
        return [(s, e)]
    inside = [(max(a, s), min(b, e)) for a, b in st.runs if a < e and b > s]
    # « Communauté des États de l'Afrique de l'Ouest » is one name: a genitive joins, it does not list
    joined = any(low in st.lex.genitive_prepositions for low in st.lowered[s:e])
    return inside if len(inside) > 1 and not joined else [(s, e)]


def _scan_runs(st: _Scan) -> None:
    """3. Capitalized runs the gazetteer may know (filtered at resolution time), longest first."""
    for s, e in st.runs:
        for length in range(e - s, 0, -1):
            for a in range(s, e - length + 1):
                b = a + length
                if st.parsed[a].is_punct or st.parsed[b - 1].is_punct:
                    continue  # « Port-au- »: a cut inside a hyphenated name
                if st.free(a, b) and (not any(st.blocked[a:b]) or st.known_despite_block(a, b)):
                    st.claim(Mention(a, b, "scan"))


def link_containers(mentions: list[Mention], parsed: Doc, lex: PlaceLexicon, conf: PlacesSettings) -> None:
    """« X, dans la province de Y » / "X in Y province": Y contains X."""
    ordered = sorted((m for m in mentions if m.source != "pattern"), key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        gap = parsed[a.end:b.start]
        if not 0 < len(gap) <= conf.container_gap_tokens:
            continue
        words = [lower(t) for t in gap]
        if not any(w in lex.container_cues for w in words):
            continue
        heads = {w for k in list(lex.heads_before) + list(lex.heads_after) for w in k}
        if all(w in lex.container_cues or w in heads or w == "," or parsed[a.end + k].pos_ in lex.gap_pos
               for k, w in enumerate(words)):
            a.container = b
