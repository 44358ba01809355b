"""Names of event participants: the document's entity names, short English country and group names.

Country names in any supported language map to one short English name
(« les États-Unis » -> "United States"), so that actors meet across languages.
"""
from __future__ import annotations

import gettext
import unicodedata
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Token

from ...lang import available_languages
from ...lang.events import Lexicon, load_lexicon
from ...model import DateMention, Entity, Place
from ...data import load_data
from ..coref import Clusters
from ..syntax import doc_text
from .grammar import in_class, phrase_text


def name_key(text: str, articles: tuple[str, ...]) -> str:
    """A country-name lookup key: apostrophes straightened, ascii, case folded, one leading article dropped.

    Unlike :func:`veille.nlp.syntax.fold` it keeps punctuation and drops the first of ``articles``
    (each with its trailing space or apostrophe) the key starts with.
    """
    key = unicodedata.normalize("NFKD", text.replace("’", "'").strip()).encode("ascii", "ignore").decode()
    key = " ".join(key.casefold().split())
    for art in articles:
        if key.startswith(art):
            return key[len(art):].strip()
    return key


@lru_cache(maxsize=1)
def _articles() -> tuple[str, ...]:
    """The articles of every language with a pack (a country is named in any of them)."""
    return tuple(a for lang in available_languages() for a in load_lexicon(lang).syntax.articles)


#: the language of the names events give their participants, whatever the document's language
_NAMES_LANG = "en"


def _short(country) -> str:
    name = getattr(country, "common_name", None) or country.name
    return name.split(",")[0].strip()  # "Korea, Republic of" style inversions keep their head


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country name (English or French, ISO or common form) -> short English name; built once."""
    raw = load_data(_NAMES_LANG, "events.json")
    arts = _articles()
    short = {c.alpha_2: raw.get("country_short", {}).get(c.alpha_2) or _short(c) for c in pycountry.countries}
    local = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
             for lang in available_languages() if lang != _NAMES_LANG]
    seen: dict[str, set[str]] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
                 *[t.gettext(c.name) for t in local]}
        for n in [n for n in names if n]:
            for form in (n, n.split(",")[0]):  # « Russie, Fédération de » is also « Russie »
                seen.setdefault(name_key(form, arts), set()).add(c.alpha_2)
    out = {k: short[next(iter(v))] for k, v in seen.items() if len(v) == 1 and k}  # ambiguous forms dropped
    for lang in available_languages():
        data = load_data(lang, "events.json")
        for alias, code in data.get("country_aliases", {}).items():
            out[name_key(alias, arts)] = short[code]
    return out


def country_name(text: str) -> str | None:
    """The short English name of the country ``text`` names (« les États-Unis » -> "United States"), if any."""
    return _countries().get(name_key(text, _articles()))


def lookup_key(text: str) -> str:
    """A name's lookup key: case and apostrophe variants folded (the parse text has straight quotes)."""
    return text.replace("’", "'").casefold()


#: links from a title or role noun to the name given beside it (« le général X », "the spokesman, X")
_NAME_LINKS = frozenset({"flat:name", "flat", "appos"})


class Names:
    """Normalizes actor phrases to the document's entity names and the lexicon's short English names."""

    def __init__(self, entities: list[Entity], lex: Lexicon, parsed: Doc,
                 places: list[Place] = (), dates: list[DateMention] = (), max_words: int = 5,
                 clusters: Clusters | None = None) -> None:
        self.lex = lex
        self.parsed = parsed
        # the document's coreference clusters: a surname, an acronym, « il », "the ministry" or « le communiqué »
        # heading a participant stands for its cluster, named by its canonical (fullest) name
        self.clusters = clusters
        self._described: dict[str, str | None] = {}  # a source written as a description -> its cluster's name
        self.max_words = max_words  # a longer description is cut to its head noun
        # characters of places below country level and of dates: settings of an act, never its participants
        self.settings_chars = [(m.evidence.start, m.evidence.end) for m in [*places, *dates]
                               if not isinstance(m, Place) or m.precision != "country"]
        self.by_alias: dict[str, str] = {}
        for e in entities:
            for a in [e.name, *e.aliases]:
                if a:
                    self.by_alias[lookup_key(a)] = e.name
        # a source named by its role (« le ministre de l'Intérieur ») is the entity holding it
        self.by_role = {lookup_key(e.role): e.name for e in entities if e.role}
        self.persons = [lookup_key(a) for e in entities if e.kind == "person" for a in [e.name, *e.aliases]
                        if len(a.split()) >= 2]
        self.ents = {t.i: ent for ent in parsed.ents for t in ent}
        # « des milliers de prisonniers », "thousands of people": the counted noun is the participant
        self.quantity_nouns = frozenset([*lex.approx, *lex.vague, *lex.multipliers, *lex.syntax.quantity_nouns])

    def speaker(self, text: str) -> str:
        """A source as written, mapped to an entity's canonical name when it is one."""
        name = self._speaker(text)
        if "\n" in name:
            # a speaker never spans a paragraph break: an upstream span that ran over a headline keeps its last line
            name = name.rsplit("\n", 1)[-1].strip() or name.strip()
        return name

    def _speaker(self, text: str) -> str:
        if "\n" in text:
            text = text.rsplit("\n", 1)[-1].strip() or text.strip()
        key = lookup_key(text)
        if key in self.by_alias:
            return self.by_alias[key]
        if key in self.by_role:
            return self.by_role[key]
        words = set(key.split())
        for alias, name in self.by_alias.items():
            # « Durand » for "Anne Durand": a part of a person's name
            if len(key) > 3 and words and words <= set(alias.split()):
                return name
        # « le ministre de l'Intérieur Gérald Darmanin »: the person named inside the description
        inside = [a for a in self.persons if f" {a} " in f" {key} "]
        if inside and key not in inside:
            return self.by_alias[max(inside, key=len)]
        return self._described_source(text) or text

    def _described_source(self, text: str) -> str | None:
        """The canonical name of the cluster a source written as a description stands for (« l'armée », "the
        ministry", « le communiqué »): resolved at each place the words occur, kept when all agree on one cluster."""
        if self.clusters is None or not text.strip():
            return None
        key = lookup_key(text)
        if key not in self._described:
            self._described[key] = self._resolve_everywhere(text)
        return self._described[key]

    def _resolve_everywhere(self, text: str) -> str | None:
        body, found = doc_text(self.parsed), set()
        start = body.find(text)
        while start >= 0:
            span = self.parsed.char_span(start, start + len(text), alignment_mode="expand")
            if span is None or any(t.pos_ == "PROPN" or t.i in self.ents for t in span):
                return None  # a source written as a name keeps its words (« Front X (FX) »)
            ent = self._cluster_of(span.root)
            found.add(self.clusters.canonical(ent) if ent is not None else None)
            start = body.find(text, start + 1)
        return next(iter(found)) if len(found) == 1 else None

    def _cluster_of(self, tok: Token) -> Entity | None:
        """The cluster a participant's head is a mention of: a name or acronym, a singular pronoun, a definite
        description or a document noun; None when it is none.

        A description stands for a cluster only when that cluster has a proper name: one named by a description
        itself (« la garde présidentielle ») says no more than the lexicon's short name. Never a fragment: clusters
        are named in full.
        """
        if self.clusters is None:
            return None
        if tok.pos_ == "PROPN" or tok.i in self.ents:
            return self.clusters.index.at(tok)
        if tok.pos_ not in ("NOUN", "PRON") or "Plur" in tok.morph.get("Number") or tok.tag_ in ("NNS", "NNPS"):
            return None
        # « le général Hugo Maranne », "the spokesman, Ivo Brandt": the name set right after the title
        named = next((e for c in tok.children if c.i > tok.i and c.dep_ in _NAME_LINKS
                      and (e := self.clusters.index.at(c)) is not None), None)
        ent = named or self.clusters.resolve(tok)
        return ent if ent is not None and any(w[:1].isupper() for w in ent.name.split()) else None

    def participant(self, tok: Token, lexical_only: bool = False) -> bool:
        """Whether a noun can be a participant: not an act (« l'attaque »), an abstraction, a weapon (« coups de
        feu », "rubber bullets"), a place or a time, nor a word that is no noun.

        A named place stays possible as an actor (« Washington menace »: the capital stands for the state).
        """
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("NOUN", "PROPN", "PRON") and tok.i not in self.ents:
            return False  # a participle, adjective or particle the parser left as an argument ("blessant", "alight")
        if tok.pos_ == "NOUN" and ((lemma, "NOUN") in self.lex.triggers or lemma in self.lex.non_participants
                                   or lemma in self.lex.non_source_nouns or _instrument(tok, self.lex)):
            return False
        return lexical_only or not any(a <= tok.idx < b for a, b in self.settings_chars)

    def pronoun_source(self, tok: Token) -> str | None:
        """The cluster a pronoun source stands for (« il a affirmé », "it said"), named by its canonical name;
        None without clusters or when it stands for nobody named."""
        if self.clusters is None or tok.pos_ != "PRON":
            return None
        ent = self._cluster_of(tok)
        return self.clusters.canonical(ent) if ent is not None else None

    def of(self, tok: Token) -> list[str]:
        """Names for a noun phrase head and the heads coordinated with it."""
        out = []
        for t in [tok, *[c for c in tok.children if c.dep_ == "conj"]]:
            name = self._one(t)
            if name and any(ch.isalnum() for ch in name) and name not in out:
                out.append(name)
        return out

    def _one(self, tok: Token) -> str | None:
        lex = self.lex
        if tok.pos_ == "PRON":
            ent = self._cluster_of(tok)  # "it", « il »: the body or person named before
            return self.clusters.canonical(ent) if ent is not None else None
        if tok.pos_ in ("NUM", "DET", "ADV") or tok.like_num:
            return None
        if tok.lemma_.lower() in lex.syntax.member_nouns or tok.lemma_.lower() in self.quantity_nouns:
            for c in tok.children:
                if c.dep_ in ("nmod", "prep", "pobj"):
                    inner = c if c.dep_ == "nmod" else next((g for g in c.children if g.dep_ == "pobj"), None)
                    if inner is not None:
                        return self._one(inner)
            if tok.lemma_.lower() in self.quantity_nouns:
                return None  # « des milliers », "thousands": a count, not a name
        if tok.pos_ == "PROPN" or tok.i in self.ents:
            ent = self.ents.get(tok.i)
            text = ent.text if ent is not None else tok.text
            country = country_name(text)
            if country is not None:
                return country  # « les États-Unis » -> "United States": one name across languages
            named = self._cluster_of(tok)
            if named is not None:
                return self.clusters.canonical(named)  # a surname, an acronym: the cluster's fullest name
            key = text.casefold()
            if key in self.by_alias:
                return self.by_alias[key]
            for alias, name in self.by_alias.items():
                if len(key) > 3 and (key in alias or alias in key):
                    return name
            return lex.group_names.get(key) or lex.group_names.get(key.rstrip("s")) or text
        described = self._cluster_of(tok)
        if described is not None:
            return self.clusters.canonical(described)  # « l'armée », "the ministry", « le communiqué »: the body named elsewhere
        lemma = tok.lemma_.lower()
        base = lex.group_names.get(lemma) or lex.group_names.get(tok.lower_)
        dem = next((lex.demonyms[c.lemma_.lower()] for c in tok.children
                    if c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in lex.demonyms), None)
        if base is not None:
            # « la garde présidentielle » -> "presidential guard": general qualifiers translate too
            qual = next((lex.qualifiers[c.lemma_.lower()] for c in tok.children
                         if c.dep_ == "amod" and c.lemma_.lower() in lex.qualifiers), None)
            if qual is not None:
                base = f"{qual} {base}"
        if dem is None and base is not None:
            # « l'armée du Niger », "the army of Mali": the country qualifies the group
            dem = next((country_name(_ent_text(g, self.ents)) for c in tok.children if c.dep_ in ("nmod", "prep")
                        for g in ([c] if c.dep_ == "nmod" else [x for x in c.children if x.dep_ == "pobj"])
                        if g.pos_ == "PROPN" and country_name(_ent_text(g, self.ents))), None)
        if base is None:
            if not (in_class(tok, lex.armed_nouns) or in_class(tok, lex.protester_nouns)):
                text = phrase_text(tok, lex)
                return text if len(text.split()) <= self.max_words else tok.text
            base = tok.text
        return f"{dem} {base}" if dem else base


def _instrument(tok: Token, lex: Lexicon) -> bool:
    """A weapon, munition or fire, the noun itself or the one it counts (« coups de feu », "rounds of gunfire")."""
    words = {tok.lemma_.lower(), tok.lower_}
    words |= {g.lemma_.lower() for c in tok.children if c.dep_ in ("nmod", "prep", "compound", "amod")
              for g in ([c] if c.dep_ != "prep" else [x for x in c.children if x.dep_ == "pobj"])}
    return bool(words & lex.instrument_nouns) and tok.lemma_.lower() not in lex.armed_nouns


def _ent_text(tok: Token, ents: dict) -> str:
    ent = ents.get(tok.i)
    return ent.text if ent is not None else tok.text


