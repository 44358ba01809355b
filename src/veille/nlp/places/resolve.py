"""Candidate choice with the document's context, then the places a document's mentions make.

Each mention is resolved twice: once on its own, to learn which countries and
areas the text is about, then with that context (countries named, nearby
places, an explicit container « X, dans la province de Y »).
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from ...config import PlacesSettings
from ...geo.gazetteer import Candidate, Gazetteer, distance_km
from ...geo.normalize import normalize
from ...lang.places import PlaceLexicon
from .joint import JointIndex
from .mentions import Mention, lower
from .scoring import Context, best, kind_of, org_is_place, precision, scan_ok, score


def resolve_in_context(mentions: list[Mention], parsed: Doc, lex: PlaceLexicon, lang: str,
                       gazetteer: Gazetteer, conf: PlacesSettings) -> Context:
    """Every mention's best candidate, chosen with the context the others give; returns that context."""
    for m in mentions:  # first pass: each mention on its own
        m.best = best(m, None, lang, conf)
    ctx = _context(mentions, parsed, lex, lang, conf)
    _comma_containers(mentions, parsed)
    _list_hints(mentions, parsed)
    # A name the gazetteer lacks may be another romanization of a notable place of a country the text is
    # about (« Panchir » for Panjshir): only names the NER or a head noun marks as places are tried.
    countries = tuple(sorted(c for c in ctx.countries if c))
    for m in mentions:
        if not m.cands and m.source in ("ner", "inner") and countries and m.label not in lex.facility_labels:
            m.cands = gazetteer.lookup_variant(parsed[m.start:m.end].text, countries)
        if m.source in ("ner", "inner", "scan") and m.label not in lex.facility_labels:
            m.cands = m.cands + served_town(m.cands, gazetteer, conf)
    # Then with context, containers first so their contents can use them; each further pass moves a name's
    # "near" anchor to its new choice as soon as it is made ("Lismore and Ballina": both first read alone
    # abroad, one at a time, would keep pulling each other back and forth).
    members = {id(m) for m in ctx.members}
    for k in range(conf.context_passes):
        for m in sorted(mentions, key=lambda m: m.container is not None):
            m.best = best(m, ctx, lang, conf)
            if k and id(m) in members:
                _move_anchor(ctx, m)
    return ctx


def _move_anchor(ctx: Context, m: Mention) -> None:
    """The point and division a name vouches for, from its current choice."""
    ctx.points[:] = [p for p in ctx.points if p[0] != id(m)]
    ctx.admins[:] = [a for a in ctx.admins if a[0] != id(m)]
    _add_anchor(ctx, m)


def _add_anchor(ctx: Context, m: Mention) -> None:
    b = m.best
    if b is None:
        return
    if precision(b) != "country" and b.country is not None:
        # a country's or a continent's point is near nothing in particular: "the United States" does not
        # make a Kansas county nearer than a Pennsylvania one
        ctx.points.append((id(m), b.lat, b.lon, m.norm))
    ctx.admins.append((id(m), b.country, b.admin1, b.fcode == "ADM1", m.norm))


def _comma_containers(mentions: list[Mention], parsed: Doc) -> None:
    """"Austin, Texas", "Scott County, Indiana", « Goma, Nord-Kivu »: a place followed by a comma and a first-level
    division or a country (as resolved on its own) lies in it, unless that is the next item of a list of
    divisions or countries."""
    ordered = sorted((m for m in mentions if m.source != "pattern"), key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:]):
        if a.container is not None or b.best is None or b.start != a.end + 1 or parsed[a.end].text != ",":
            continue
        big = (b.best.fcode or "").startswith("PCL") or b.best.fcode == "ADM1"
        if big and a.best is not None and (a.best.fcode == b.best.fcode or (a.best.fcode or "").startswith("PCL")):
            continue  # "Ohio, Indiana", "Mali, Niger": a list
        if big:
            a.container = b


def _list_hints(mentions: list[Mention], parsed: Doc) -> None:
    """Items of a list ("X, Y and Z": only commas and conjunctions between them) take the kind and the country
    most of the other items resolve to on their own (at least two, and at least half of them). A list ends with a conjunction;
    "Austin, Texas" (a place and its container) is no list, nor part of one."""
    nested = {id(m.container) for m in mentions if m.container is not None}
    ordered = sorted((m for m in mentions if m.source != "pattern" and m.container is None and id(m) not in nested),
                     key=lambda m: m.start)
    groups: list[list[Mention]] = []
    for a, b in zip(ordered, ordered[1:]):
        gap = parsed[a.end:b.start]
        if 0 < len(gap) <= 2 and all(t.text == "," or t.pos_ == "CCONJ" for t in gap):
            if groups and groups[-1][-1] is a:
                groups[-1].append(b)
            else:
                groups.append([a, b])
    for group in groups:
        if not any(t.pos_ == "CCONJ" for t in parsed[group[0].end:group[-1].start]):
            continue
        for m in group:
            others = [o.best for o in group if o is not m and o.norm != m.norm and o.best is not None]
            kinds = Counter(kind_of(o) for o in others if kind_of(o))
            if not kinds:
                continue
            kind, n = kinds.most_common(1)[0]
            if n >= 2 and 2 * n >= len(others):
                m.list_kind = kind
                countries = Counter(o.country for o in others if kind_of(o) == kind and o.country)
                if countries:
                    m.list_country = countries.most_common(1)[0][0]


def served_town(cands: tuple[Candidate, ...], gazetteer: Gazetteer, conf: PlacesSettings) -> tuple[Candidate, ...]:
    """A name the gazetteer knows only as an airport's core name ("Hodeidah" of Hodeidah International Airport)
    is the town the airport serves: the most populous one within ``facility_search_km`` of it."""
    if not cands or any(c.kind != "core" or c.fclass != "S" for c in cands):
        return ()
    out = []
    for airport in cands:
        near = gazetteer.places_near(round(airport.lat, 3), round(airport.lon, 3), "P", conf.facility_search_km)
        near = [c for c in near if c.country == airport.country and c.population >= conf.served_town_min_population]
        if near:
            town = max(near, key=lambda c: c.population)
            out.append(Candidate(town.id, town.name, town.fclass, town.fcode, town.country, town.admin1,
                                 town.population, town.lat, town.lon, "served", None))
    return tuple(out)


def _context(mentions: list[Mention], parsed: Doc, lex: PlaceLexicon, lang: str, conf: PlacesSettings) -> Context:
    """The countries and points the document's mentions, resolved on their own, are about."""
    ctx = Context(Counter(), [], lang, joint=JointIndex(conf.joint_km))
    for m in mentions:
        b = m.best
        if b is None or m.source == "scan" and not scan_ok(m, b, parsed, ctx, conf):
            continue
        if m.source == "org" and not org_is_place(parsed[m.start:m.end], b, lex, conf):
            continue
        if (b.fcode or "").startswith("PCL") or b.fcode == "ADM1" or b.population >= conf.major_city_population:
            ctx.countries[b.country] += 1
            ctx.votes_by_name[(normalize(parsed[m.start:m.end].text), b.country)] += 1
            m.gives_country = b.country
        ctx.members.append(m)
        _add_anchor(ctx, m)
        _add_readings(ctx, m, lang, conf)
    return ctx


def _add_readings(ctx: Context, m: Mention, lang: str, conf: PlacesSettings) -> None:
    """A name's plausible readings, for joint resolution: those scoring on their own within ``joint_margin``
    of its best."""
    if ctx.joint is None or m.best is None:
        return
    floor = score(m.best, m, None, lang, conf) - conf.joint_margin
    ctx.joint.floors[id(m)] = floor
    ctx.joint.add(m.norm, [c for c in m.cands if c.lat is not None and score(c, m, None, lang, conf) >= floor])


def line_subject_verb(span: Span) -> Token | None:
    """The verb a name opening a line is the subject of, when the parser tied it to the line before.

    Headlines and paragraphs often lack a final full stop: « …de représailles\\n\\nLes États-Unis ont menacé »
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


def _acts(verb: Token, lex: PlaceLexicon) -> bool:
    """A subject of this verb acts (« Washington a démenti ») rather than being where something happens."""
    return verb.lemma_.lower() in lex.metonymy_verbs or verb.lemma_.lower() not in lex.location_verbs


def is_actor(span: Span, c: Candidate, lex: PlaceLexicon) -> bool:
    """A country or city standing for its government or people: « Washington a démenti », "U.S. troops"."""
    code = c.fcode or ""
    if not (code.startswith("PCL") or c.fclass == "P") or _locative_suffix(span, lex):
        return False
    verb = line_subject_verb(span)
    if verb is not None:
        return _acts(verb, lex)
    root = span.root
    if root.dep_ == "conj" and root.head.dep_ in lex.subject_deps:
        root = root.head  # « les États-Unis et les talibans se sont mis d'accord »
    if root.dep_ in lex.subject_deps:
        return _acts(root.head, lex)
    # « …, a rapporté l'Élysée. »: a speaker after its reporting verb, often parsed as an object.
    if root.dep_ in lex.object_deps and root.i > root.head.i and root.head.lemma_.lower() in lex.metonymy_verbs \
            and any(t.text == "," for t in root.doc[max(root.head.i - 3, 0):root.head.i]):
        return True
    if c.fclass == "P" and root.dep_ in lex.object_deps and root.head.lemma_.lower() in lex.party_object_verbs:
        return True  # "Kyiv accused Moscow of…": a capital in the object of such a verb stands for its government
    for node in (root, root.head) if root.dep_ == "conj" else (root,):
        prep = next((ch for ch in node.children if ch.dep_ == "case" and ch.lower_ in lex.actor_prepositions), None)
        if prep is not None:
            return not _after_boundary(prep, node.head, lex)
    if root.dep_ == "pobj" and root.head.lower_ in lex.actor_prepositions:
        return not _after_boundary(root.head, root.head.head, lex)
    # "U.S. forces", "US officials": a country name used as a modifier is a demonym.
    # "former U.S. President", "U.S. Reactions" in a headline: the head may be capitalized.
    mod = root.head if root.dep_ == "conj" else root  # "Israeli and U.S. officials"
    return code.startswith("PCL") and mod.dep_ in lex.modifier_deps and mod.head.pos_ in ("NOUN", "PROPN") \
        and mod.head.i >= span.end


def org_acronym(span: Span, lex: PlaceLexicon) -> bool:
    """« l'Agence nationale de gestion des urgences (Nema) »: one word in brackets right after an organisation's
    name is its acronym, whatever town shares it ("New South Wales (NSW)" stays a place: no organisation)."""
    doc, s = span.doc, span.start
    if len(span) != 1 or s < 2 or span.end >= len(doc) or doc[s - 1].text != "(" or doc[span.end].text != ")":
        return False
    before = doc[s - 2]
    return before.ent_type_ in lex.org_labels or any(
        lower(t) in lex.org_heads for t in doc[max(0, s - 9):s - 1])


def _locative_suffix(span: Span, lex: PlaceLexicon) -> bool:
    """"Isle of Man-based", "Panama registered": the word after the name makes it a location."""
    doc, k = span.doc, span.end
    if k < len(doc) and doc[k].text == "-" and not doc[k].whitespace_:
        k += 1
    return k < len(doc) and doc[k].lower_ in lex.locative_suffixes


def _after_boundary(prep: Token, governor: Token, lex: PlaceLexicon) -> bool:
    """« la frontière avec le X », "the border with X": a boundary, not a party (the parser may attach the
    preposition to the verb, so the word just before it counts too)."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else prep
    return any(lower(t) in lex.boundary_nouns or t.lemma_.lower() in lex.boundary_nouns for t in (governor, before))


def city_of(m: Mention, cities: list[tuple[int, Candidate]]) -> Candidate | None:
    """The city a street or building stands in: the last one named before it, else the first after."""
    ordered = sorted(cities, key=lambda x: x[0])
    before = [c for start, c in ordered if start < m.start]
    if before:
        return before[-1]
    return ordered[0][1] if ordered else None


def facility(m: Mention, gazetteer: Gazetteer, parsed: Doc, inner_best: Candidate | None,
             conf: PlacesSettings) -> Candidate | None:
    """The airport or facility a head phrase names: by full name, core name, or the nearest one to its town."""
    def near_town(c: Candidate) -> bool:
        # "Cairo airport" with Cairo resolved: not an airport of another Cairo across the ocean
        return inner_best is None or inner_best.lat is None or \
            distance_km(c.lat, c.lon, inner_best.lat, inner_best.lon) <= conf.facility_km
    full = [c for c in gazetteer.lookup(parsed[m.start:m.end].text) if c.fclass == "S"]
    near = [c for c in full if near_town(c)]
    # a facility's exact full name ("Bagram Air Base") wins even far from a homonym the town resolved to
    full = near or [c for c in full if c.kind == "name"]
    if full:
        return max(full, key=lambda c: c.kind == "name")
    if m.inner is None or m.head is None or not m.head.airport:
        return None
    inner_text = parsed[m.inner[0]:m.inner[1]].text
    core = [c for c in gazetteer.lookup(inner_text) if c.fclass == "S"]
    core = [c for c in core if near_town(c)] or core  # the town's own airport first, else the one so named
    if core:
        return core[0]
    if inner_best is not None and inner_best.lat is not None:
        near = gazetteer.places_near(round(inner_best.lat, 3), round(inner_best.lon, 3), "S",
                                     conf.facility_search_km)
        near = [c for c in near if c.country == inner_best.country]
        if near:
            return near[0]
    return None
