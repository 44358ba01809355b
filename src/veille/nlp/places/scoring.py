"""Ranking a mention's gazetteer candidates: base score, document context, and the precision of a place.

Every weight and threshold is a setting of ``[places]`` in settings.toml (PlacesSettings).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ...config import PlacesSettings
from ...geo.gazetteer import Candidate, distance_km
from ...geo.normalize import normalize
from ...lang.places import Head, PlaceLexicon
from ...model import Precision
from .joint import JointIndex
from .mentions import Mention, lower


@dataclass(slots=True)
class Context:
    """What the document is about, learnt from its mentions resolved on their own."""

    countries: Counter
    points: list[tuple[int, float, float, str]]  # (mention id, lat, lon, normalized name)
    lang: str
    votes_by_name: Counter = field(default_factory=Counter)  # (normalized name, country) -> votes
    # (mention id, country, admin1, is a first-level division, normalized name) of every resolved mention
    admins: list[tuple[int, str | None, str | None, bool, str]] = field(default_factory=list)
    joint: JointIndex | None = None  # every main-name reading of the text's names (joint resolution)
    members: list = field(default_factory=list)  # the mentions whose choices make this context


def kind_of(c: Candidate) -> str | None:
    """The kind a list's items share: a country, a first-level division, a town."""
    code = c.fcode or ""
    if code.startswith("PCL"):
        return "PCL"
    if code == "ADM1":
        return "ADM1"
    return "P" if c.fclass == "P" else None


def precision(c: Candidate) -> Precision:
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


def _log_pop(c: Candidate) -> float:
    return math.log10(c.population + 10)


def _kind_score(c: Candidate, conf: PlacesSettings) -> float:
    """The score of a candidate by its feature kind and size alone."""
    code = c.fcode or ""
    if code.startswith("PCL"):
        return conf.score_country
    if code in ("CONT", "RGN"):
        return conf.score_region
    if code == "ADM1":
        return conf.score_admin1 + conf.score_admin1_per_log_population * _log_pop(c)
    if c.fclass == "P":
        return conf.score_town_per_log_population * _log_pop(c) + (conf.score_capital if code == "PPLC" else 0)
    if c.fclass == "A":
        return conf.score_admin
    if c.fclass == "S":
        return conf.score_facility_name if c.kind == "name" else 0.0
    return conf.score_other + conf.score_other_per_log_population * _log_pop(c)


def base_score(c: Candidate, head: Head | None, conf: PlacesSettings) -> float:
    """A candidate's score without context: its kind and size, its main name, and the head noun's kind."""
    code = c.fcode or ""
    score = _kind_score(c, conf)
    if c.kind == "name":
        score += conf.score_main_name
    if head is not None:
        if head.kind == "admin1" and code == "ADM1":
            score += conf.score_head_admin1
        elif head.kind in ("admin2",) and c.fclass == "A" and not code.startswith("PCL"):
            score += conf.score_head_match
        elif head.kind == "locality" and c.fclass == "P":
            score += conf.score_head_match
        elif head.kind == "region" and (c.fclass in ("A", "L", "T") and not code.startswith("PCL")) \
                and (code == "ADM1" or c.kind == "name"):
            score += conf.score_head_match  # "the Houston region" is the city's area, not a county sharing its name
    return score


def score(c: Candidate, m: Mention, ctx: Context | None, lang: str, conf: PlacesSettings) -> float:
    """Base score plus what the document says: its countries, nearby places, an explicit container."""
    s = base_score(c, m.head, conf)
    if c.lang and c.lang == lang:
        s += conf.score_same_language
    if c.fclass == "S" and c.kind != "name":
        return s - conf.score_facility_core_penalty  # facility core names only count inside facility patterns
    if ctx is not None:
        # Other names must vouch for the country: "Georgia" alone does not make the text about Georgia.
        s += conf.score_context_country * country_share(c.country, m, ctx)
        # another place near this candidate: another name's (the same name elsewhere vouches for nothing)
        # (a latitude difference alone rules most points out before the great-circle distance is computed)
        band = conf.near_km / 111.0
        if c.lat is not None and any(abs(la - c.lat) < band and mid != id(m) and name != m.norm
                                     and distance_km(c.lat, c.lon, la, lo) < conf.near_km
                                     for mid, la, lo, name in ctx.points) or _contains(c, m, ctx):
            s += conf.score_context_near
        if ctx.joint is not None and (c.kind == "name" or c.fclass == "A") and id(m) in ctx.joint.floors \
                and score(c, m, None, lang, conf) >= ctx.joint.floors[id(m)]:
            s += conf.score_joint * min(ctx.joint.supporters(c, m.norm), conf.joint_max_supporters)
    s += _list_bonus(c, m, conf)
    cont = m.container.best if m.container else None
    if cont is not None and c.lat is not None and cont.lat is not None:
        # in a country: anywhere in it; in a division: its admin1 code; in a smaller area: near it
        inside = (cont.fcode or "").startswith("PCL") or cont.fcode == "ADM1" and c.admin1 == cont.admin1 \
            or distance_km(c.lat, c.lon, cont.lat, cont.lon) < conf.container_km
        if c.country == cont.country and inside:
            s += conf.score_container
    return s


def _contains(c: Candidate, m: Mention, ctx: Context) -> bool:
    """A division holding another place the text names, or a place in a division the text names: "Crawford
    County" of a text naming Pennsylvania is Pennsylvania's, "Ontario" of a text naming Toronto is Canada's."""
    if not c.admin1 or (c.fcode or "").startswith("PCL"):
        return False
    adm1 = c.fcode == "ADM1"
    return any(mid != id(m) and name != m.norm and cc == c.country and a1 == c.admin1 and (adm1 or is_adm1)
               for mid, cc, a1, is_adm1, name in ctx.admins)


def _list_bonus(c: Candidate, m: Mention, conf: PlacesSettings) -> float:
    """"Alberta, Manitoba and Ontario": a list's items are of one kind, in one country mostly (a list of
    countries: of one kind only)."""
    if m.list_kind is None or kind_of(c) != m.list_kind:
        return 0.0
    if c.country == m.list_country:
        return conf.score_list_kind + conf.score_list_country
    return conf.score_list_kind if m.list_kind == "PCL" else 0.0


def _acronym_of_other(m: Mention, c: Candidate, conf: PlacesSettings) -> bool:
    """"FAO", "DOH", "UGA": a word in capitals is an acronym, not the town or division that shares its letters
    as an alternate or small town's name (countries' codes, "UK", "DRC", and major cities stay)."""
    code = c.fcode or ""
    return len(m.surface) > 1 and m.surface.isupper() and not code.startswith("PCL") \
        and (c.kind not in ("name", "served") or c.fclass == "P" and c.population < conf.major_city_population)


def country_share(country: str | None, m: Mention, ctx: Context) -> float:
    """How much the text's other names vouch for a country, relative to the country they vouch for most (0..1):
    a text naming Britain twice and the United States once is about Britain first. The mention's own
    votes do not count: "Georgia" alone does not make the text about Georgia."""
    if not country:
        return 0.0
    def others(cc: str | None) -> int:
        return ctx.countries.get(cc, 0) - ctx.votes_by_name.get((m.norm, cc), 0)
    top = max((others(cc) for cc in ctx.countries if cc), default=0)
    return others(country) / top if top > 0 and others(country) > 0 else 0.0


def best(m: Mention, ctx: Context | None, lang: str, conf: PlacesSettings) -> Candidate | None:
    """The highest-scoring usable candidate of a mention (how many of the text's other places lie near it or
    in it, then population, then id, break ties: "Crawford County" of a text naming two towns of one state)."""
    usable = [c for c in m.cands if c.lat is not None and not (c.fclass == "S" and c.kind != "name")
              and (c.fclass == "H" or not m.water) and not _acronym_of_other(m, c, conf)
              and not (m.articled and _small_namesake(c, conf))]
    if not usable:
        return None
    return max(usable, key=lambda c: (score(c, m, ctx, lang, conf), _support(c, m, ctx, conf), c.population,
                                      -abs(c.id)))


def _support(c: Candidate, m: Mention, ctx: Context | None, conf: PlacesSettings) -> int:
    """How many other names of the text lie within ``near_km`` of a candidate or share its division."""
    if ctx is None or c.lat is None:
        return 0
    names = {name for mid, la, lo, name in ctx.points
             if mid != id(m) and name != m.norm and distance_km(c.lat, c.lon, la, lo) < conf.near_km}
    if c.admin1:
        names |= {name for mid, cc, a1, _, name in ctx.admins
                  if mid != id(m) and name != m.norm and cc == c.country and a1 == c.admin1}
    return len(names)


def _small_namesake(c: Candidate, conf: PlacesSettings) -> bool:
    """A town below a major city's size or a county: what "the Pacific" never names."""
    return c.fclass == "P" and c.population < conf.major_city_population or c.fcode == "ADM2"


def scan_ok(m: Mention, c: Candidate, parsed: Doc, ctx: Context, conf: PlacesSettings,
            lex: PlaceLexicon | None = None) -> bool:
    """Whether a name found only by scanning capitalized words is a place, not an ordinary word."""
    span = parsed[m.start:m.end]
    if len(normalize(span.text)) < conf.scan_min_name_chars and not (c.fcode or "").startswith("PCL"):
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
    # old or foreign alternates of towns collide with ordinary capitalized words; a major city's other
    # spelling ("Zaporizhzhya" as "Zaporizhzhia") counts when another name vouches for its country
    vouched = ctx.countries.get(c.country, 0) - (m.gives_country == c.country) > 0
    alt_floor = conf.major_city_population if vouched else conf.scan_alt_min_population
    if len(span) == 1 and c.kind == "alt" and c.population < alt_floor:
        return False
    if c.fclass == "S":
        return c.kind == "name" and len(span) > 1
    if lex is not None and c.fclass == "P" and c.kind == "name" and apposed_place(span, lex):
        return True
    floor = conf.scan_min_population_in_context if ctx.countries.get(c.country) else conf.scan_min_population
    return c.fclass == "P" and c.population >= floor


def org_is_place(span: Span, c: Candidate, lex: PlaceLexicon, conf: PlacesSettings) -> bool:
    """An entity the NER calls an organisation is a place when it is a major one or is used as a location."""
    code = c.fcode or ""
    generic_end = (span[-1].lower_,) in lex.heads_after
    if c.kind == "alt" and len(span) > 1 and not code.startswith("PCL") and (code != "ADM1" or generic_end) \
            and not (c.fclass == "P" and c.population >= conf.major_city_population and not generic_end):
        # "White House": a translated alternate of a city is not this organisation's name; "Ohio State"
        # (a university) only looks like the state's "X State" alias.
        return False
    if code.startswith("PCL") or code in ("ADM1", "RGN", "CONT"):
        return True  # a country, a division, a region: "reached Kordofan" tagged an organisation
    if code == "PPLC" or (c.fclass == "P" and c.population >= conf.major_city_population):
        return True
    if c.fclass in ("P", "A") and apposed_place(span, lex):
        return True
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "in Marseille, Lyon and Pau": the preposition governs the first item
    if any(ch.dep_ == "case" and lower(ch) in lex.locative_prepositions for ch in root.children):
        return True
    return root.dep_ == "pobj" and lower(root.head) in lex.locative_prepositions


def apposed_place(span: Span, lex: PlaceLexicon) -> bool:
    """"X, the main town of Y", « X, principale ville du Y »: an apposition names what X is."""
    doc, k = span.doc, span.end
    # "the capital, Noumea": the apposition before the name
    if span.start >= 2 and doc[span.start - 1].text == "," and (
            lower(doc[span.start - 2]) in lex.apposition_heads or doc[span.start - 2].lemma_.lower() in lex.apposition_heads):
        return True
    if k >= len(doc) or doc[k].text != ",":
        return False
    for tok in doc[k + 1:k + 5]:
        if lower(tok) in lex.apposition_heads or tok.lemma_.lower() in lex.apposition_heads:
            # "Le Vieux Port, the city's main paper": a possessive makes the noun a modifier, not the apposition
            return tok.i + 1 >= len(doc) or doc[tok.i + 1].tag_ != "POS"
        if tok.pos_ not in ("DET", "ADJ", "NUM"):
            return False
    return False


def foreign_homonym(m: Mention, c: Candidate, ctx: Context, lex: PlaceLexicon, conf: PlacesSettings,
                    apposed: bool = False) -> bool:
    """A small namesake abroad, in a country the text never mentions, is a guess not worth making."""
    if c.fclass != "P":
        return False
    cont = m.container.best if m.container else None
    if cont is not None:
        return cont.country is not None and c.country != cont.country
    # The mention's own vote does not count: a homonym must not vouch for itself.
    if ctx.countries.get(c.country, 0) - (m.gives_country == c.country) > 0:
        return False
    if m.head is not None and m.head.kind in ("admin1", "admin2", "region") and ctx.countries:
        return True  # "in X province" of a text about another country: a town abroad named X is not it
    if m.label in lex.facility_labels and c.kind == "alt":
        return True  # "White House" is not a translated city name
    if apposed or unambiguous(m, c, ctx, conf):
        return False
    countries = sum(ctx.countries.values()) - (m.gives_country is not None)
    if c.kind == "alt":
        return c.population < (conf.foreign_alt_min_population if countries else conf.alt_min_population)
    return countries > 0 and c.population < conf.foreign_min_population


def unambiguous(m: Mention, c: Candidate, ctx: Context, conf: PlacesSettings) -> bool:
    """A name the NER marks as a place and only one place bears: no homonym to guess among. A main name
    counts from a small size when the place lies in the region of the text's other places; an alternate
    (a transliteration: "Sievierodonetsk") only for a sizeable town."""
    if m.source not in ("ner", "org") or m.surface.isupper() or not single_referent(m, c, conf):
        return False  # an acronym ("EU") is no town's name
    if c.kind != "name":
        # a one-word organisation ("The Monster at Our Door") is no transliterated town
        return c.population >= conf.single_referent_alt_min_population and (m.source == "ner" or m.end - m.start > 1)
    if c.population < conf.single_referent_min_population:
        return False
    others = [(la, lo) for mid, la, lo, name in ctx.points if mid != id(m) and name != m.norm]
    return not others or any(distance_km(c.lat, c.lon, la, lo) < conf.single_referent_km for la, lo in others)


def single_referent(m: Mention, c: Candidate, conf: PlacesSettings) -> bool:
    """Every populated or administrative candidate of the mention lies within ``near_km`` of ``c``: the name
    has one referent (GeoNames often holds a town twice), so choosing it is no guess among homonyms."""
    return all(distance_km(c.lat, c.lon, o.lat, o.lon) < conf.near_km for o in m.cands
               if o.fclass in ("P", "A") and o.lat is not None)
