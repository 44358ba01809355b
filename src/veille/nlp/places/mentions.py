"""Detection: every candidate toponym mention of a parse, nested ones included, without overlaps.

Mentions come from three sources, in order of trust: head-noun patterns
(« aéroport de X », "X Valley"), the NER, and a scan of capitalized token runs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...config import PlacesSettings
from ...geo.gazetteer import Candidate
from ...lang.places import Head, PlaceLexicon
from ..syntax import entities, pos_tags, texts
from .blocking import block
from .joins import Lookup, glued, join_particles, known_complement
from .tokens import lower, name_like


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
    water: bool = False  # a body of water's name ("Red Sea"): only a water feature resolves it
    articled: bool = False  # "the Pacific": one word after an area article, never a small town or a county
    list_kind: str | None = None  # the kind ("PCL", "ADM1", "P") most items of its list resolve to
    list_country: str | None = None  # the country most items of its list lie in


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

    def served_or_town(self, s: int, e: int) -> bool:
        """A known town, or a name the gazetteer holds only as an airport's core name (the town it serves)."""
        return self.known_town(s, e) or self.lookup is not None and any(
            c.kind == "core" and c.fclass == "S" for c in self.lookup(self.parsed[s:e].text))

    def in_known_name(self, i: int) -> bool:
        """Token i lies inside an entity the gazetteer knows whole as a country or division ("the Democratic
        Republic of Congo", "Isle of Man"): no head pattern splits it."""
        ent = next((x for x in entities(self.parsed) if x.start <= i < x.end), None)
        if ent is None or self.lookup is None or len(ent) < 2:
            return False
        s = ent.start + (self.parsed[ent.start].pos_ == "DET")
        return any(c.fclass == "A" and c.kind in ("name", "alt") for c in self.lookup(self.parsed[s:ent.end].text))

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
    block(st)
    _heads_before(st)
    _heads_after(st)
    _entities(st)
    _scan_runs(st)
    # « l'Est », « le Sud », "the East": a compass word alone is never a place, a name must follow it
    return [m for m in st.out if not all(low in lex.directional_words or st.parsed[k].is_punct
                                         for k, low in enumerate(st.lowered[m.start:m.end], m.start))]


def _heads_before(st: _Scan) -> None:
    """1. Head nouns before a capitalized run: « aéroport de X », « province de X »."""
    lex, n = st.lex, len(st.parsed)
    by_first: dict[str, list[tuple[tuple[str, ...], Head]]] = {}
    for words, head in sorted(lex.heads_before.items(), key=lambda kv: -len(kv[0])):
        by_first.setdefault(words[0], []).append((words, head))
    connectors = sorted(lex.connectors, key=len, reverse=True)
    for i in range(n):
        if st.claimed[i] or st.lowered[i] not in by_first or st.in_known_name(i):
            continue
        for words, head in by_first[st.lowered[i]]:
            if not st.match(i, words):
                continue
            j = i + len(words)
            for conn in connectors:
                if st.match(j, conn):
                    j += len(conn)
                    break
            # "the town of Toruń" tagged a nationality: the head and the gazetteer's town outweigh the label
            if j in st.run_at and (not st.blocked[j] or st.known_despite_block(j, st.run_at[j], head.airport)
                                   or head.kind == "locality" and st.known_town(j, st.run_at[j])) \
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
            k = len(words)
            inside = head.inside and e - s > k and tuple(st.lowered[e - k:e]) == words
            after = words in lex.heads_after and st.match(e, words)
            if not (inside or after):
                continue
            inner_end = e - k if inside else e
            # the name, not its head ("Local Government Area"), must be free: "the Kramatorsk train station"
            # tagged a product is a place all the same, the head and the gazetteer outweigh
            if any(st.blocked[s:inner_end]) and not (after and st.served_or_town(s, e)):
                continue
            outer_end = e if inside else e + k
            if head.emit:
                st.claim(Mention(s, outer_end, "pattern", head=head, inner=(s, inner_end)))
                # "a Buenos Aires hospital": a lowercase urban head after a known town names that town too
                if head.kind != "urban" or after and not inside and st.known_town(s, inner_end):
                    st.out.append(Mention(s, inner_end, "inner", head=head))
            elif inside and _known_division(st, s, e):
                st.claim(Mention(s, e, "inner", head=head))  # "Scott County": the generic is the name's
            else:
                st.claim(Mention(s, inner_end, "inner", head=head))
            break


def _known_division(st: _Scan, s: int, e: int) -> bool:
    """The gazetteer knows the whole capitalized run, generic word included, as a division."""
    return st.lookup is not None and any(c.fclass == "A" and not (c.fcode or "").startswith("PCL")
                                         for c in st.lookup(st.parsed[s:e].text))


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
    if len(inside) > 1 and joined and all(p in st.lex.directional_words for a, b in inside[:1]
                                          for low in st.lowered[a:b] for p in low.split("-") if p):
        return inside[1:]  # « Nord-Ouest du Cameroun »: a compass part of the country (see directional.py)
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
