"""Places: toponyms found in the text and resolved against the gazetteer.

:mod:`.mentions` finds candidate mentions (head-noun patterns, the NER, a scan
of capitalized runs); :mod:`.resolve` chooses each one's place with the
document's context; :mod:`.scoring` holds the ranking. This module turns the
resolved mentions into :class:`Place` records.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...config import PlacesSettings, Settings
from ...geo.gazetteer import Candidate, Gazetteer, distance_km
from ...geo.normalize import normalize
from ...lang.places import PlaceLexicon, load_lexicon
from ...model import Document, Evidence, Place, Precision
from .aliases import acronym_mentions
from .directional import directional_divisions
from .mentions import Mention, find_mentions, link_containers
from .resolve import city_of, facility, is_actor, line_subject_verb, org_acronym, resolve_in_context
from .scoring import Context, apposed_place, foreign_homonym, org_is_place, precision, scan_ok

# the older private name, kept for callers and tests
_line_subject_verb = line_subject_verb


def extract_places(doc: Document, parsed: Doc, *, settings: Settings, gazetteer: Gazetteer) -> list[Place]:
    """Every toponym of the document, resolved to a gazetteer place.

    Raises VeilleError V203 when the document's language has no places lexicon.
    """
    conf = settings.places
    lang = doc.lang or parsed.lang_ or "en"
    lex = load_lexicon(lang)
    mentions = find_mentions(parsed, lex, conf, gazetteer.lookup)
    mentions += acronym_mentions(mentions, parsed, gazetteer.lookup)
    for m in mentions:
        m.surface = parsed[m.start:m.end].text
        m.norm = normalize(m.surface)
        m.water = m.head is None and (m.end - m.start > 1 and any(
            t.lower_ in lex.water_words for t in parsed[m.start:m.end])
            or m.start > 0 and parsed[m.start - 1].lower_ in lex.water_words)  # « la mer Rouge »
        m.articled = _articled(m, parsed, lex, gazetteer)
        if m.source != "pattern" and not m.cands:
            m.cands = gazetteer.lookup(parsed[m.start:m.end].text)
    link_containers(mentions, parsed, lex, conf)
    ctx = resolve_in_context(mentions, parsed, lex, lang, gazetteer, conf)
    out = _Emitter(doc, parsed, lex, gazetteer, conf, ctx).places(mentions)
    for a, b, division in directional_divisions(mentions, parsed, lex, gazetteer):
        span = parsed[a:b]
        out.append(Place(evidence=Evidence.of(doc.text, span.start_char, span.end_char), name=division.name,
                         country=division.country, lat=division.lat, lon=division.lon,
                         geonameid=division.geonameid, admin1=division.admin1, feature_class=division.fclass,
                         feature_code=division.fcode, precision="admin1"))
    return sorted(out, key=lambda p: (p.evidence.start, p.evidence.end))


def _articled(m: Mention, parsed: Doc, lex: PlaceLexicon, gazetteer: Gazetteer) -> bool:
    """"the Pacific", « l'Atlantique »: a one-word name after an area article names an area (a sea, a
    region, a country), unless a place of that name bears the article ("The Hague")."""
    if m.head is not None or m.end - m.start != 1 or m.start == 0:
        return False
    art = parsed[m.start - 1]
    if art.lower_ not in lex.area_articles or art.head.i != m.start:
        return False  # "the Toowong restaurant": the article is the noun's
    if any(ch.dep_ == "conj" for ch in parsed[m.start].children):
        return False  # "the Etoumbi and Mbomo (districts)": the article of an elided noun
    lead = f"{art.lower_}{art.whitespace_}".replace("’", "'")
    return not any(c.name.casefold().replace("’", "'").startswith(lead)
                   for c in gazetteer.lookup(parsed[m.start].text))


class _Emitter:
    """Resolved mentions to Place records: facilities, plain places, then streets and buildings in their city."""

    def __init__(self, doc: Document, parsed: Doc, lex: PlaceLexicon, gazetteer: Gazetteer, conf: PlacesSettings,
                 ctx: Context) -> None:
        self.doc, self.parsed, self.lex, self.gazetteer, self.conf, self.ctx = doc, parsed, lex, gazetteer, conf, ctx
        self.out: list[Place] = []
        self.cities: list[tuple[int, Candidate]] = []  # emitted towns, for the streets and buildings in them

    def places(self, mentions: list[Mention]) -> list[Place]:
        by_inner = {(m.start, m.end): m for m in mentions if m.source == "inner"}
        self.by_end = {m.end: m for m in mentions if m.source != "pattern"}
        urban: list[Mention] = []
        for m in mentions:
            if m.source == "pattern" and m.head is not None and m.head.kind == "urban":
                urban.append(m)
            elif m.source == "pattern":
                self._pattern(m, by_inner.get(m.inner) if m.inner else None)
            else:
                self._plain(m)
        for m in urban:
            inner = by_inner.get(m.inner) if m.inner else None
            city = inner.best if inner is not None and inner.best is not None else city_of(m, self.cities)
            if city is not None:
                self.out.append(self._place(m, city, name=self.parsed[m.start:m.end].text, keep_id=False,
                                            precision="facility"))
        self.out.sort(key=lambda p: (p.evidence.start, p.evidence.end))
        return self.out

    def _pattern(self, m: Mention, inner: Mention | None) -> None:
        """A head phrase: the facility it names, else the region or facility around its inner toponym."""
        inner_best = inner.best if inner else None
        # « aéroport international Hamid Karzai de Kaboul »: a facility named after a person stands
        # in the town its container names.
        cont = inner.container.best if inner is not None and inner_best is None and inner.container else None
        fac = facility(m, self.gazetteer, self.parsed, inner_best or cont, self.conf)
        if cont is not None and fac is not None:
            inner.container = None  # the person's name is no place of its own
        if fac is not None:
            self.out.append(self._place(m, fac, precision="facility"))
            if inner is not None and inner_best is not None and (
                    distance_km(fac.lat, fac.lon, inner_best.lat, inner_best.lon) > self.conf.facility_km):
                inner.best = None  # a homonym far from the facility it names is not the town meant
                inner.container = None
        elif inner_best is not None:
            self.out.append(self._place(m, inner_best, name=self.parsed[m.start:m.end].text, keep_id=False,
                                        precision="facility" if m.head and m.head.kind == "facility" else "region"))

    def _plain(self, m: Mention) -> None:
        """A mention of a place by its name, kept unless it is no place here (a homonym, an actor, a word)."""
        span = self.parsed[m.start:m.end]
        b = m.best
        if b is not None and foreign_homonym(m, b, self.ctx, self.lex, self.conf, apposed_place(span, self.lex)):
            b = None
        if b is None:
            cont = m.container.best if m.container else None
            root = span.root
            if cont is not None and m.source in ("ner", "inner") and root.pos_ == "PROPN" \
                    and "Plur" not in root.morph.get("Number") and not (cont.fcode or "").startswith("PCL"):
                # Unknown to the gazetteer but its container is given: the container's point, coarser
                # (not a country's centre: a guess hundreds of kilometres off is worse than none).
                self.out.append(self._place(m, cont, name=span.text, keep_id=False))
            return
        if m.source == "scan" and not scan_ok(m, b, self.parsed, self.ctx, self.conf):
            return
        if m.source == "org" and not org_is_place(span, b, self.lex, self.conf):
            return
        if m.source == "inner" and b.fclass == "S":
            return
        if is_actor(span, b, self.lex) and not self._container_of_previous(m, b) or org_acronym(span, self.lex):
            return
        self.out.append(self._place(m, b))
        if b.fclass == "P":
            self.cities.append((m.start, b))

    def _container_of_previous(self, m: Mention, b: Candidate) -> bool:
        """"Toronto, Canada has…", "Krasnodar, Russia officials": a place apposed after a smaller place of its
        own country names where that place lies (the parser makes it the subject; it acts for no one)."""
        prev = self.by_end.get(m.start - 1)
        if m.start < 2 or self.parsed[m.start - 1].text != "," or prev is None or prev.best is None:
            return False
        inner = prev.best
        return inner.country == b.country and not (inner.fcode or "").startswith("PCL") \
            and (b.fcode or "").startswith("PCL")

    def _place(self, m: Mention, c: Candidate, *, name: str | None = None, precision: Precision | None = None,
               keep_id: bool = True) -> Place:
        span = self.parsed[m.start:m.end]
        return Place(evidence=Evidence.of(self.doc.text, span.start_char, span.end_char), name=name or c.name,
                     country=c.country, lat=c.lat, lon=c.lon,
                     geonameid=c.geonameid if keep_id else None, admin1=c.admin1,
                     feature_class=c.fclass if keep_id else None, feature_code=c.fcode if keep_id else None,
                     precision=precision or _precision_of(c))


_precision_of = precision

__all__ = ["extract_places"]
