"""Events: PLOVER-typed acts with actors, place, date, casualties, source and modality.

Triggers are lemmas (and multiword phrases) from the packaged lexicon of the
document's language, each with syntactic conditions checked on the parse
(passive, object, reflexive, preposition, subject class...). Arguments come
from the dependency tree; place, date and source from the other stages'
records; casualty numbers from :mod:`events_numbers`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..model import DateMention, Document, Entity, Event, Evidence, Place, Quote
from ..lang.events import Lexicon, Phrase, Trigger, load_lexicon
from .events_modality import (
    attribution,
    background,
    continues_report,
    definite,
    phrase_text,
    phrases_in,
    source_marker,
)
from .events_names import country_name
from .events_numbers import casualties

_OBJ = ("obj", "dobj")
_PASS_DEPS = ("aux:pass", "auxpass", "nsubj:pass", "nsubjpass")
_AGENT_PREPS = ("par", "by")
_BETWEEN = ("entre", "between", "avec", "with")
_AGAINST = ("contre", "against", "sur", "on")
_INCIDENT_TYPES = ("ASSAULT", "COERCE", "PROTEST")  # acts that make up "the incident" a document dates
_MEMBER_NOUNS = ("membre", "élément", "partisan", "member", "element", "supporter", "rang", "ranks")


@dataclass(slots=True)
class _Cand:
    """A trigger found in a sentence, before merging."""

    anchor: Token
    start: int  # token span of the trigger
    end: int
    type: str
    mode: str | None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


def _pos(tok: Token) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "ADJ" and "Part" in tok.morph.get("VerbForm")):
        return "VERB"
    if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper()):
        return "NOUN"  # a capitalized common noun (headline, sentence start) tagged as a name
    if tok.pos_ == "ADJ":
        return "ADJ"  # a predicate adjective (« sont responsables de », "ready to strike")
    return None


def _predicate(tok: Token) -> bool:
    """A verb or a predicate adjective: its arguments are subject and complements, not noun modifiers."""
    return _pos(tok) in ("VERB", "ADJ") or _copular(tok)


def _copular(tok: Token) -> bool:
    """A predicate after « être », "be" (« la milice est responsable », "was responsible")."""
    return tok.dep_ == "acomp" or any(c.dep_ == "cop" for c in tok.children)


def _lookup(tok: Token, pos: str, lex: Lexicon) -> list[Trigger]:
    """Trigger entries for a token: by lemma, by form, then by fallbacks for what the lemmatizer missed."""
    lemma = tok.lemma_.lower()
    found = lex.triggers.get((lemma, pos)) or lex.triggers.get((tok.lower_, pos))
    if found:
        return found
    if pos == "NOUN" and "-" in lemma:
        # « double-attentat », "counter-offensive": a prefixed compound names the act of its last part
        first, _, last = lemma.rpartition("-")
        if first.split("-")[0] in lex.compound_prefixes:
            return lex.triggers.get((last, pos)) or []
    if pos == "VERB" and lex.lang == "fr" and lemma == tok.lower_ and not lemma.endswith("r"):
        # an unknown form left as its own lemma (« tire », « tirent »): the first-group infinitive
        stem = lemma[:-3] if lemma.endswith("ent") else lemma[:-1] if lemma.endswith(("e", "s")) else None
        if stem:
            return lex.triggers.get((stem + "er", pos)) or []
    return []


def _is_passive(tok: Token) -> bool:
    # a participle modifying a noun (« les otages libérés », "people killed") is passive too
    return any(c.dep_ in _PASS_DEPS for c in tok.children) or (
        tok.dep_ in ("acl", "amod") and "Part" in tok.morph.get("VerbForm")
        and tok.lower_.endswith(("é", "és", "ée", "ées", "ed", "en")))


_CONTRACTED = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de"}


def _preps(tok: Token) -> set[str]:
    """Prepositions introducing the token's dependents (fr: case marks, « au » as « à »; en: prep children)."""
    out = set()
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "prt"):
            out.add(c.lower_)
        for g in c.children:
            if g.dep_ in ("case", "mark"):
                out.add(_CONTRACTED.get(g.lower_, g.lower_))
    return out


def _complements(tok: Token, preps: list[str]) -> list[Token]:
    """Nouns attached to the token by one of ``preps`` (fr: case mark; en: prep + pobj)."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ == "pobj"]
        elif any(g.dep_ == "case" and _CONTRACTED.get(g.lower_, g.lower_) in preps for g in c.children):
            out.append(c)
    return out


def _objects(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ in _OBJ]
    if _is_passive(tok):
        out += [c for c in tok.children if c.dep_ in ("nsubj:pass", "nsubjpass")]
        if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            out.append(tok.head)
    return out


def _subjects(tok: Token) -> list[Token]:
    subs = [c for c in tok.children if c.dep_ in ("nsubj",)]
    if not subs and tok.dep_ in ("xcomp", "conj", "advcl", "acomp") and tok.head is not tok:
        # « ont nié avoir attaqué », "vowed to fight": the controller's subject
        subs = [c for c in tok.head.children if c.dep_ in ("nsubj",)]
    return subs


def _has_reflexive(tok: Token) -> bool:
    return any(c.dep_ in ("expl:comp", "expl:pv", "expl", "obj", "iobj") and "Yes" in c.morph.get("Reflex")
               for c in tok.children) or any(c.lower_ in ("se", "s'", "s’") for c in tok.children)


def _lemma_class(tok: Token, words: frozenset[str]) -> bool:
    return tok.lemma_.lower() in words or tok.lower_ in words


def _class_of(toks: list[Token], lex: Lexicon, cls: str) -> bool:
    words = {"armed": lex.armed_nouns, "protester": lex.protester_nouns}.get(cls)
    if cls == "person":
        return any(t.pos_ in ("PROPN", "NOUN", "PRON", "NUM") for t in toks)
    if words is None:
        return bool(toks)
    for t in toks:
        if _lemma_class(t, words):
            return True
        # « des membres du groupe armé »: the group behind the member noun
        if t.lemma_.lower() in _MEMBER_NOUNS and any(_lemma_class(g, words) for g in t.subtree):
            return True
    return False


def _court_sentence(tok: Token, nouns: list[str]) -> bool:
    """A complement « à » + a penalty noun (« à cinq ans de prison », « à la perpétuité »)."""
    near = list(tok.children)
    near += [g for c in near if c.dep_ in ("obj", "dobj") for g in c.children]  # often parsed under the object
    return any(c.pos_ in ("NOUN", "NUM") and any(g.dep_ == "case" and _CONTRACTED.get(g.lower_, g.lower_) == "à"
                                               for g in c.children)
               and any(g.lemma_.lower() in nouns for g in c.subtree) for c in near)


def _check(tok: Token, cond: dict, lex: Lexicon, has_number: bool) -> bool:
    """Whether a trigger's syntactic conditions hold on the parse."""
    passive = _is_passive(tok)
    objs = _objects(tok)
    preps = _preps(tok)
    for key, want in cond.items():
        if key == "passive" and passive != want:
            return False
        if key == "obj" and bool(objs) != want:
            return False
        if key == "obj_or_pass" and not (objs or passive):
            return False
        if key == "reflexive" and _has_reflexive(tok) != want:
            return False
        if key == "prep" and not preps & set(want):
            return False
        if key == "prep_not" and preps & set(want):
            return False
        if key in ("court", "not_court") and _court_sentence(tok, want) != (key == "court"):
            return False  # « condamné à cinq ans de prison » is a court's sentence, « condamne l'attaque » is not
        if key in ("prep_noun", "prep_noun_not"):
            # prepositions before nouns only (« condamné à cinq ans », not « appelant ... à libérer »)
            nominal = {_CONTRACTED.get(g.lower_, g.lower_) for c in tok.children if c.pos_ in ("NOUN", "PROPN", "NUM")
                       for g in c.children if g.dep_ == "case"}
            if (key == "prep_noun") != bool(nominal & set(want)):
                return False
        if key == "prep_or_inf" and not (preps & set(want) or any(c.dep_ == "xcomp" for c in tok.children)):
            return False
        if key == "obj_or_prep" and not (objs or preps & set(want)):
            return False
        if key == "prep_or_intrans" and objs and not preps & set(want):
            return False
        if key == "prep_propn":
            ok = any(c.pos_ == "PROPN" and any(_CONTRACTED.get(g.lower_, g.lower_) in want for g in c.children)
                     for c in tok.children)
            ok = ok or any(c.dep_ == "prep" and c.lower_ in want and any(g.pos_ == "PROPN" for g in c.children)
                           for c in tok.children)
            if not ok:
                return False
        if key == "obj_in" and not any(o.lemma_.lower() in want for o in objs):
            return False
        if key == "obj_not" and any(o.lemma_.lower() in want for o in objs):
            return False
        if key == "mod_in" and not any(c.lemma_.lower() in want or c.lower_ in want for c in tok.children
                                       if c.dep_ in ("amod", "compound", "nmod", "nmod:poss")):
            return False
        if key == "mod_not" and any(c.lemma_.lower() in want for c in tok.children):
            return False
        if key == "not_dep" and tok.dep_ in want:
            return False
        if key == "plural" and ("Plur" in tok.morph.get("Number")) != want:
            return False
        if key == "inf_comp" and not any(c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ == "VERB"
                                         and ("Inf" in c.morph.get("VerbForm") or c.tag_ == "VB")
                                         for c in tok.children):
            return False
        if key == "copula" and _copular(tok) != want and tok.dep_ != "xcomp":
            return False  # « sont responsables de », "were responsible for" (or « tenus pour responsables »)
        if key == "obl_event" and not any(
                (n.lemma_.lower(), "NOUN") in lex.triggers or n.lemma_.lower() in lex.killed_words
                for n in _complements(tok, want)):
            return False  # responsible for an act (« de l'attaque »), not for a field (« de la sécurité »)
        if key == "inf_type" and not any(
                c.dep_ in ("xcomp", "ccomp", "advcl", "acl") and c.pos_ == "VERB"
                and any(t.type in want for t in lex.triggers.get((c.lemma_.lower(), "VERB"), ()))
                for c in tok.children):
            return False  # « prêts à attaquer », "ready to strike": readiness to use force
        if key == "head_in" and not (tok.dep_.startswith("nsubj") and tok.head.lemma_.lower() in want
                                     and _is_future(tok.head)):
            return False  # « le combat continuera », "the fight will go on": a vow to keep fighting
        if key == "needs_number" and not has_number:
            return False
        if key == "needs_verb" and tok.head.lemma_.lower() not in want:
            return False
        subjects = _subjects(tok) if _predicate(tok) else (
            ([tok.head] if tok.dep_ in _OBJ else []) + [c for c in tok.children if c.dep_ in ("nmod", "prep", "poss")])
        if key == "subj_class" and not _class_of(subjects + ([tok] if _pos(tok) == "NOUN" else []), lex, want):
            return False
        if key == "subj_not_class" and subjects and _class_of(subjects, lex, want):
            return False
        if key == "subj_class_not" and want == "none" and not (subjects or passive):
            return False
        if key == "obj_class" and not _class_of(objs, lex, want):
            return False
        if key == "obj_class_not" and objs and _class_of(objs, lex, want):
            return False
    return True


def _negated(tok: Token, lex: Lexicon) -> bool:
    return any(c.dep_ in ("advmod", "neg") and c.lower_ in lex.negations for c in tok.children)


def _after_marker(tok: Token, lex: Lexicon) -> bool:
    """A trigger noun after « selon », "according to": a reference frame (« selon l'accord »), not a new act."""
    if _pos(tok) != "NOUN":
        return False
    doc = tok.doc
    lo = max(0, tok.left_edge.i - 3)
    return any(all(t.pos_ in ("DET", "ADJ", "NUM") for t in doc[lo + i + len(m):tok.i])
               for i, m in phrases_in([t.lower_ for t in doc[lo:tok.i]], lex.source_markers))


def _irrealis(tok: Token, lex: Lexicon) -> bool:
    """A purpose infinitive (« pour évacuer », "to help") or a feared/expected act ("fear of attacks")."""
    first = tok
    while first.dep_ == "conj" and first.head is not first:
        first = first.head  # « de combattre X et d'équiper Y »: the first infinitive's head governs both
    if first is not tok and _pos(first) != "VERB":
        first = _clause_verb(first) or tok  # the infinitive the parser coordinated with its object instead
    head = first.head
    if _pos(tok) == "VERB" and first.dep_ != "ROOT" and ("Inf" in tok.morph.get("VerbForm") or (
            tok.tag_ == "VB" and any(c.lower_ == "to" for c in tok.children))):
        if head.lemma_.lower() not in _frame_heads(lex.lang) and not _is_future(first) and not _implied(head, lex):
            return True
    for a in list(tok.ancestors)[:3]:
        if a.lemma_.lower() in lex.irrealis_heads:
            return True
    # "a possible strike", « une cible probable d'attaques », "a likely target of attacks" (but « l'auteur
    # probable de l'attaque », "the likely toll of the attack": the attack is real)
    exposed = [tok, *[a for a in list(tok.ancestors)[:2] if a.lemma_.lower() in lex.exposure_nouns]]
    return _pos(tok) == "NOUN" and any(c.dep_ == "amod" and c.lemma_.lower() in lex.irrealis_modifiers
                                       for a in exposed for c in a.children)


def _implied(head: Token, lex: Lexicon) -> bool:
    """A negated hesitation implies the act (« n'ont eu aucun scrupule à libérer », "did not hesitate to fire")."""
    negs = lex.negations  # « aucun », « sans », "no", "without"
    if head.lemma_.lower() not in lex.implicative_heads:
        # « n'avaient aucun scrupule à libérer »: the light verb's object is the hesitation
        return any(c.dep_ in ("obj", "dobj") and c.lemma_.lower() in lex.implicative_heads and (
            any(g.lower_ in negs for g in c.children) or any(g.lower_ in negs for g in head.children))
            for c in head.children)
    return any(c.lower_ in negs for c in head.children) or any(c.lower_ in negs for c in head.head.children)


@lru_cache(maxsize=None)
def _frame_heads(lang: str) -> frozenset[str]:
    """Heads under which an infinitive is a real act: reporting, denial and control verbs (built once)."""
    lex = load_lexicon(lang)
    return lex.denial_verbs | lex.reporting_verbs | lex.exempt_heads


def _is_future(tok: Token) -> bool:
    if "Fut" in tok.morph.get("Tense"):
        return True
    for c in tok.children:
        if c.dep_.startswith("aux") and (c.lower_ in ("will", "'ll", "shall") or "Fut" in c.morph.get("Tense")):
            return True
    head = tok.head
    # « va libérer », « promet de libérer », "agreed to withdraw", "will begin to withdraw"
    return tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in (
        "aller", "promettre", "engager", "décider", "annoncer", "devoir", "prévoir", "accepter",
        "promise", "pledge", "agree", "decide", "announce", "plan", "vow", "begin", "will")


def _triggers(sent: Span, lex: Lexicon, has_number: bool) -> list[_Cand]:
    """Every trigger (single lemma or phrase) whose conditions hold in the sentence."""
    out: list[_Cand] = []
    doc = sent.doc
    used: set[int] = set()
    phrases = lex.phrases
    for tok in sent:
        lemma, form = tok.lemma_.lower(), tok.lower_
        if lemma not in phrases and form not in phrases:
            continue  # most tokens start no phrase: skip the per-token set and loops
        for key in {lemma, form}:
            for ph in phrases.get(key, ()):
                end = _match_phrase(doc, tok.i, sent.end, ph)
                if end is None:
                    continue
                span = doc[tok.i:end]
                # the phrase's syntactic head carries its arguments (« tomber », "bomber", "toll")
                anchor = span.root if _pos(span.root) in ("VERB", "NOUN") else next(
                    (t for t in span if _pos(t) in ("VERB", "NOUN")), span[0])
                if not _check(anchor, ph.cond, lex, has_number):
                    continue
                out.append(_Cand(anchor, tok.i, end, ph.type, ph.mode))
                used.update(range(tok.i, end))
                break
    for tok in sent:
        if tok.i in used:
            continue
        pos = _pos(tok)
        if pos is None:
            continue
        entries = _lookup(tok, pos, lex)
        for t in entries:
            if _check(tok, t.cond, lex, has_number):
                etype = t.type
                if t.cond.get("future_type") and _is_future(tok):
                    etype = t.cond["future_type"]
                out.append(_Cand(tok, tok.i, tok.i + 1, etype, t.mode))
                break
    return out


def _match_phrase(doc: Doc, i: int, limit: int, ph: Phrase) -> int | None:
    """End token index when ``ph`` matches from token ``i`` ("*" skips at most one token)."""
    j = i
    words = ph.words
    k = 0
    while k < len(words):
        w = words[k]
        if w == "*":
            k += 1
            if k < len(words) and j < limit and not _word_eq(doc[j], words[k]):
                j += 1  # skip one token
            continue
        if j >= limit or not _word_eq(doc[j], w):
            return None
        j += 1
        k += 1
    return j


def _word_eq(tok: Token, w: str) -> bool:
    return tok.lower_ == w or tok.lemma_.lower() == w or tok.lower_.replace("’", "'") == w


def _key(text: str) -> str:
    """A name's lookup key: case and apostrophe variants folded (the parse text has straight quotes)."""
    return text.replace("’", "'").casefold()


class _Names:
    """Normalizes actor phrases to the document's entity names and the lexicon's short English names."""

    def __init__(self, entities: list[Entity], lex: Lexicon, parsed: Doc,
                 places: list[Place] = (), dates: list[DateMention] = ()) -> None:
        self.lex = lex
        # characters of places below country level and of dates: settings of an act, never its participants
        self.settings_chars = [(m.evidence.start, m.evidence.end) for m in [*places, *dates]
                               if not isinstance(m, Place) or m.precision != "country"]
        self.by_alias: dict[str, str] = {}
        for e in entities:
            for a in [e.name, *e.aliases]:
                if a:
                    self.by_alias[_key(a)] = e.name
        # a source named by its role (« le ministre de l'Intérieur ») is the entity holding it
        self.by_role = {_key(e.role): e.name for e in entities if e.role}
        self.persons = [_key(a) for e in entities if e.kind == "person" for a in [e.name, *e.aliases]
                        if len(a.split()) >= 2]
        self.ents = {t.i: ent for ent in parsed.ents for t in ent}
        # « des milliers de prisonniers », "thousands of people": the counted noun is the participant
        self.quantity_nouns = frozenset([*lex.approx, *lex.vague, *lex.multipliers, "thousand", "hundred", "dozen"])

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
        key = _key(text)
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
        return text

    def participant(self, tok: Token, lexical_only: bool = False) -> bool:
        """Whether a noun can be a participant: not an act (« l'attaque »), an abstraction, a place or a time.

        A named place stays possible as an actor (« Washington menace »: the capital stands for the state).
        """
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and ((lemma, "NOUN") in self.lex.triggers or lemma in self.lex.non_participants
                                   or lemma in self.lex.non_source_nouns):
            return False
        return lexical_only or not any(a <= tok.idx < b for a, b in self.settings_chars)

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
        if tok.pos_ in ("PRON", "NUM", "DET", "ADV") or tok.like_num:
            return None
        if tok.lemma_.lower() in _MEMBER_NOUNS or tok.lemma_.lower() in self.quantity_nouns:
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
            key = text.casefold()
            if key in self.by_alias:
                return self.by_alias[key]
            for alias, name in self.by_alias.items():
                if len(key) > 3 and (key in alias or alias in key):
                    return name
            return lex.group_names.get(key) or lex.group_names.get(key.rstrip("s")) or text
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
            if not (_lemma_class(tok, lex.armed_nouns) or _lemma_class(tok, lex.protester_nouns)):
                text = phrase_text(tok)
                return text if len(text.split()) <= 5 else tok.text
            base = tok.text
        return f"{dem} {base}" if dem else base


def _ent_text(tok: Token, ents: dict) -> str:
    ent = ents.get(tok.i)
    return ent.text if ent is not None else tok.text


def _arguments(c: _Cand, names: _Names) -> None:
    """Fill actors and targets of a candidate from the dependency parse."""
    tok = c.anchor
    actors: list[Token] = []
    targets: list[Token] = []
    if _predicate(tok):
        passive = _is_passive(tok)
        for ch in tok.children:
            preps = {g.lower_ for g in ch.children if g.dep_ == "case"}
            if ch.dep_ in ("obl:agent", "agent") or (passive and preps & set(_AGENT_PREPS)):
                actors += [g for g in ch.children if g.dep_ == "pobj"] or [ch]
            elif ch.dep_ == "prep" and ch.lower_ in _BETWEEN and c.type in ("ASSAULT", "CONSULT", "COOPERATE", "AGREE"):
                actors += [g for g in ch.children if g.dep_ == "pobj"]
            elif preps & set(_BETWEEN) and c.type in ("ASSAULT", "CONSULT", "COOPERATE", "AGREE"):
                actors.append(ch)
        if not passive:
            actors = _subjects(tok) + actors
        targets = _objects(tok)
    else:
        for ch in tok.children:
            preps = {g.lower_ for g in ch.children if g.dep_ == "case"} | ({ch.lower_} if ch.dep_ == "prep" else set())
            inner = [g for g in ch.children if g.dep_ == "pobj"] if ch.dep_ == "prep" else [ch]
            if preps & set(_AGENT_PREPS):
                actors += inner
            elif preps & set(_BETWEEN):
                actors += inner
            elif preps & set(_AGAINST):
                targets += inner
            elif ch.dep_ in ("poss", "nmod:poss") or (ch.dep_ == "compound" and ch.pos_ == "PROPN"):
                actors.append(ch)
            elif preps & {"de", "du", "des", "of"} and _class_of([ch] + inner, names.lex, "armed"):
                actors += inner
        if not actors and tok.dep_ in _OBJ and tok.head.pos_ == "VERB":
            actors = _subjects(tok.head)  # « ont lancé une offensive », "carried out an attack"
        elif not actors and _responds(tok, names.lex):
            actors = _subjects(_response_verb(tok))  # « ont riposté à l'attaque »: the riposte's authors
    c.actors = [n for a in actors if names.participant(a, lexical_only=True) for n in names.of(a)]
    c.targets = [n for t in targets if names.participant(t) for n in names.of(t) if n not in c.actors]
    if c.type == "ASSAULT" and actors and _class_of(actors, names.lex, "protester") \
            and not _class_of(actors, names.lex, "armed"):
        c.type = "PROTEST"


def _segments(parsed: Doc) -> list[Span]:
    """Sentences, also cut at line breaks (headlines and captions stand alone)."""
    out = []
    for sent in _sentences(parsed):
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text and tok.i > start:
                out.append(parsed[start:tok.i])
                start = tok.i + 1
        if start < sent.end:
            out.append(parsed[start:sent.end])
    return [s for s in out if s.text.strip()]


def _sentences(parsed: Doc) -> list[Span]:
    """The parser's sentences, rejoined where it cut with no end punctuation and no line break
    (« les troupes du Joint Special | Command ont aidé »: a run of names ends no sentence)."""
    out: list[Span] = []
    for sent in parsed.sents:
        first = sent[0]
        if (out and not first.is_space and first.text not in ("«", "\"", "“", "•")
                and out[-1][-1].text not in (".", "!", "?", "…", ":", ";", "»", "\"", "”")
                and "\n" not in parsed.text[out[-1].end_char - 1:sent.start_char + 1]):
            out[-1] = parsed[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


def _evidence(text: str, span: Span) -> Evidence | None:
    start, end = span.start_char, span.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence.of(text, start, end) if end > start else None


def _choose_place(places: list[Place], sent: Span, trigger: Token) -> Place | None:
    """The place named in the sentence nearest the trigger, unless it stands for an actor (« Washington menace »)."""
    doc = sent.doc
    inside = []
    for p in places:
        if sent.start_char <= p.evidence.start and p.evidence.end <= sent.end_char:
            span = doc.char_span(p.evidence.start, p.evidence.end, alignment_mode="expand")
            if span is not None and span.root.dep_ == "nsubj":
                continue
            inside.append(p)
    if not inside:
        return None
    return min(inside, key=lambda p: abs(p.evidence.start - trigger.idx))


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb at or above a token: the clause it belongs to."""
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _reaches(tok: Token, trigger: Token) -> bool:
    """Whether ``trigger`` governs ``tok`` with no other clause in between.

    A date inside a relative or adverbial clause with its own subject dates that clause
    (« là où X a été tué mardi, des jeunes ont incendié... », "four times the numbers
    mobilised on Wednesday"), not the main verb above it.
    """
    for a in tok.ancestors:
        if a == trigger:
            return True
        if a.pos_ in ("VERB", "AUX") and (a.dep_ in ("relcl", "acl:relcl") or any(
                c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") for c in a.children)
                or (a.dep_ == "acl" and "Inf" in a.morph.get("VerbForm"))):
            # an infinitive completing a noun dates its planned act (« l'objectif de terminer avant le 31 »)
            return False
    return False


def _choose_date(dates: list[DateMention], sent: Span, trigger: Token,
                 event_nouns: frozenset[str] = frozenset(), scene: bool = False) -> DateMention | None:
    """The date governing the trigger's clause: on the trigger, or on the same clause's verb.

    A ``scene`` noun (ongoing fighting in a time adjunct of a statement) takes only a date of its own: the
    clause's date is the statement's.
    """
    inside = [d for d in dates if d.value and sent.start_char <= d.evidence.start and d.evidence.end <= sent.end_char]
    if not inside:
        return None
    doc = sent.doc
    clause = _clause_verb(trigger)
    governed = []
    for d in inside:
        span = doc.char_span(d.evidence.start, d.evidence.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        other = root.head
        if root.dep_ == "pobj" and other.dep_ == "prep":
            other = other.head
        if (root.dep_ in ("nmod", "pobj") and other.pos_ == "NOUN" and other != trigger
                and not (other.head == trigger and other.dep_.startswith("nsubj"))
                and other.lemma_.lower() in event_nouns):
            # « les attaques d'hier »: a date complementing another event noun dates that event only (but
            # « l'attaque de jeudi a tué 13 personnes »: the subject's date is the clause's)
            continue
        if trigger in span or _reaches(root, trigger) or (
                not scene and clause is not None and _clause_verb(root) == clause):
            governed.append(d)
    if not governed:
        return None
    return min(governed, key=lambda d: abs(d.evidence.start - trigger.idx))


def _incident_place(places: list[Place]) -> Place | None:
    """The document's main country, standing for undated, unplaced statements about the same incident."""
    countries = Counter(p.country for p in places if p.country)
    if not countries:
        return None
    country = countries.most_common(1)[0][0]
    same = [p for p in places if p.country == country]
    return next((p for p in same if p.precision == "country"), same[0])


_SPEECH_ACTS = ("SUPPORT", "ACCUSE", "REQUEST", "THREATEN")


def _in_quote(tok: Token, quotes: list[Quote]) -> bool:
    return any(q.evidence.start <= tok.idx < q.evidence.end for q in quotes)


def _close(a: Token, b: Token) -> bool:
    """Two triggers of one act: one governs the other directly (« menacé ... de représailles »)."""
    if a.head == b or b.head == a:
        return True
    return a.head == b.head and a.head != a and {a.dep_, b.dep_} <= {"obj", "dobj", "obl", "obl:arg", "nmod"}


def _response_verb(tok: Token) -> Token:
    head = tok.head
    return head.head if head.dep_ == "prep" else head


def _responds(tok: Token, lex: Lexicon) -> bool:
    """An act noun answered by a response verb (« ont répondu à l'attaque », "retaliated for the attack")."""
    return (_pos(tok) == "NOUN" and not tok.dep_.startswith("nsubj")
            and _response_verb(tok).lemma_.lower() in lex.response_verbs)


def _own_author(tok: Token) -> bool:
    """An act noun naming its author (« l'attaque de l'armée », "the army's attack"): not a mere anaphor."""
    return any(c.dep_ in ("nmod", "nmod:poss", "poss", "prep", "compound") for c in tok.children)


def _merge(cands: list[_Cand], lex: Lexicon) -> list[_Cand]:
    """One entry per (type, actor list) in a sentence: same-type triggers with compatible actors merge.

    An act noun answered by a response verb (« X a attaqué, Y n'a fait que répondre à l'attaque ») is the
    same clash as the other act of its type in the sentence: one event.
    """
    out: list[_Cand] = []
    for c in sorted(cands, key=lambda c: _responds(c.anchor, lex)):
        # two acts of one type with different modes and no actor (a release, a withdrawal) stay apart
        twin = next((o for o in out if o.type == c.type and (
            (set(o.actors) == set(c.actors) and (o.actors or o.mode == c.mode or None in (o.mode, c.mode)))
            or _close(o.anchor, c.anchor) or (_responds(c.anchor, lex) and not _own_author(c.anchor)))), None)
        if twin is None:
            out.append(c)
            continue
        for a in c.actors:
            if a not in twin.actors:
                twin.actors.append(a)
        for t in c.targets:
            if t not in twin.targets and t not in twin.actors:
                twin.targets.append(t)
    return out


def extract_events(doc: Document, parsed: Doc, *, dates: list[DateMention], places: list[Place],
                   quotes: list[Quote], entities: list[Entity], settings: Settings) -> list[Event]:
    """Every PLOVER event stated in the document."""
    lang = (doc.lang or "fr")[:2]
    if lang not in ("fr", "en"):
        return []
    lex = load_lexicon(lang)
    names = _Names(entities, lex, parsed, places, dates)
    text = doc.text
    events: list[Event] = []
    armed_events: set[int] = set()
    restated: set[int] = set()  # events that may restate the document's incident (a toll, « l'attaque »)
    not_sources = {_key(m.evidence.text) for m in [*dates, *places]}
    prev: Span | None = None
    ongoing = False  # fighting told as lasting or resuming: a campaign, not one datable attack
    in_deal = False  # the sentence tells how an agreement was carried out
    for sent in _segments(parsed):
        carried = _segment_source(prev, quotes, events, names) if prev is not None and continues_report(
            sent, lex) else None
        prev = sent
        cas = casualties(sent, lex)
        has_number = cas.killed is not None or cas.injured is not None
        cands = [c for c in _triggers(sent, lex, has_number)
                 if not _irrealis(c.anchor, lex) and not _after_marker(c.anchor, lex)]
        if has_number and cas.at is not None and not any(c.type == "ASSAULT" for c in cands):
            tok = parsed[cas.at]
            cands.append(_Cand(tok, tok.i, tok.i + 1, "ASSAULT", None))
        in_deal = _under_agreement(sent, lex) or (in_deal and (carried is not None or _anaphoric_source(sent, lex)))
        if in_deal:
            cands += _deal_acts(sent, lex, cands)
        if not cands:
            continue
        for c in cands:
            _arguments(c, names)
        evidence = _evidence(text, sent)
        if evidence is None:
            continue
        killed_done = False
        for c in _merge(cands, lex):
            att = attribution(c.anchor, sent, quotes, lex, names.speaker, _trigger_nouns(lang), carried)
            if (c.type in _SPEECH_ACTS and att.modality == "reported"
                    and (att.according_to in c.actors or (not c.actors and _clause_verb(c.anchor) is None))
                    and _in_quote(c.anchor, quotes)):
                # a speaker's own accusation, demand, threat or praise: the speech is the act
                c.actors = c.actors or [att.according_to]
                att.modality, att.according_to = "asserted", None
            if (c.type in ("ACCUSE", "THREATEN") and att.modality == "reported" and att.according_to
                    and _stance(c.anchor)):
                # « X a dit que les forces étaient responsables », "X said the fight will go on": saying it
                # is the accusation or the threat; the predicate's subject is the accused
                c.targets = [t for t in c.actors + c.targets if t != att.according_to] if c.type == "ACCUSE" \
                    else c.targets
                c.actors = [att.according_to]
                att.modality, att.according_to = "asserted", None
            if att.according_to is not None and _key(att.according_to) in not_sources:
                # a weekday or a place taken for a speaker upstream (« Jeudi, ... a déclaré »): the noun it
                # complements speaks (« la présidence du Niger »), else nobody named does
                att.according_to = _governing_noun(att.according_to, quotes, parsed, text)
                if att.according_to is None and att.modality == "reported":
                    att.modality = "asserted"
            if _negated(c.anchor, lex):
                if att.according_to is None or c.anchor.dep_ in ("acl:relcl", "relcl"):
                    continue  # a plain negation is no event
                att.modality = "denied"  # a source saying it did not happen
            # fighting still going on, named to set the scene of a statement (« au milieu des combats en
            # cours, X a déclaré mercredi »): the day is the statement's, the fighting has none
            date = _choose_date(dates, sent, c.anchor, _trigger_nouns(lang),
                                background(c.anchor, lex) and _ongoing(c.anchor, lex))
            trig = parsed[c.start:c.end]
            ev = Event(evidence=evidence, trigger=Evidence.of(text, trig.start_char, trig.end_char),
                       type=c.type, mode=c.mode, actors=c.actors, targets=c.targets,
                       place=_choose_place(places, sent, c.anchor),
                       date=date.value if date else None, date_evidence=date.evidence if date else None,
                       according_to=att.according_to, modality=att.modality)
            if _armed_near(c.anchor, lex):
                armed_events.add(id(ev))
            if has_number or _definite_noun(c.anchor):
                restated.add(id(ev))
            if c.type == "ASSAULT" and _ongoing(c.anchor, lex):
                ongoing = True
            if c.type == "ASSAULT" and has_number and not killed_done:
                ev.killed, ev.killed_high, ev.injured, ev.injured_high = (
                    cas.killed, cas.killed_high, cas.injured, cas.injured_high)
                killed_done = True
            events.append(ev)
    _document_defaults(events, places, dates, doc.published.isoformat() if doc.published else None,
                       restated, undatable={id(e) for e in events if e.type == "ASSAULT"} if ongoing else set())
    _riot_context(events, armed_events)
    _statements_abroad(events, places, lex)
    return events


def _segment_source(sent: Span, quotes: list[Quote], events: list[Event], names: _Names) -> str | None:
    """Who a sentence is attributed to: the speaker quoted in it, else its events' source, else its
    « selon ... » (the sentence may state no event: « ..., selon la même source. »)."""
    inside = [q for q in quotes if q.speaker and q.evidence.start < sent.end_char and q.evidence.end > sent.start_char]
    if inside:
        return names.speaker(max(inside, key=lambda q: q.evidence.start).speaker)
    told = next((e.according_to for e in reversed(events) if e.modality == "reported"
                 and e.evidence.start >= sent.start_char and e.according_to), None)
    if told is None:
        att = attribution(sent.root, sent, quotes, names.lex, names.speaker)
        told = att.according_to if att.modality == "reported" else None
    return told


def _under_agreement(sent: Span, lex: Lexicon) -> bool:
    """The sentence tells acts done under an agreement (« selon l'accord », "under the deal")."""
    return any(phrases_in([t.lower_ for t in sent], lex.agreement_frames))


def _anaphoric_source(sent: Span, lex: Lexicon) -> bool:
    """« ..., selon l'information. », "according to the report": the sentence goes on with the report before."""
    src = source_marker(sent, sent.root, lex)
    return src is not None and src.lemma_.lower() in lex.claim_nouns and definite(src)


def _deal_acts(sent: Span, lex: Lexicon, found: list[_Cand]) -> list[_Cand]:
    """Handing people over under a deal (« les talibans ont rassemblé puis escorté les civils ») is cooperation."""
    taken = {i for c in found for i in range(c.start, c.end)}
    return [_Cand(t, t.i, t.i + 1, "COOPERATE", None) for t in sent
            if t.i not in taken and _pos(t) == "VERB" and t.lemma_.lower() in lex.handover_verbs
            and any(c.dep_ in ("obj", "dobj") for c in t.children)]


def _ongoing(tok: Token, lex: Lexicon) -> bool:
    """Fighting that lasts, goes on or resumes (« les combats se poursuivent », "clashes raged on", "ongoing")."""
    head = tok.head
    if tok.dep_.startswith("nsubj") and head.lemma_.lower() in lex.ongoing_verbs:
        return True
    # « en cours », "ongoing": a modifier saying so
    return any(c.lemma_.lower() in lex.ongoing_verbs for c in tok.children if c.dep_ in ("amod", "nmod", "acl"))


def _stance(tok: Token) -> bool:
    """A judgement or a vow with no act verb: a predicate adjective (« responsables de ») or a fight noun
    subject of a future « continuer »."""
    return (_copular(tok) and tok.lemma_.lower() not in ("prêt", "ready", "prepared")) or (
        _pos(tok) == "NOUN" and tok.dep_.startswith("nsubj") and _is_future(tok.head))


def _statements_abroad(events: list[Event], places: list[Place], lex: Lexicon) -> None:
    """A condemnation, appeal, threat or praise voiced by an international body or a foreign state: no place.

    The act is a statement made from elsewhere about the country (« l'Union africaine a
    condamné le coup d'État au Niger »): the country it concerns is not where it happened.
    """
    home = _incident_place(places)
    if home is None:
        return
    foreign = {_key(p.evidence.text) for p in places if p.country and p.country != home.country
               and p.precision == "country"}
    for ev in events:
        if ev.type not in _SPEECH_ACTS or not ev.actors:
            continue
        for actor in ev.actors:
            key = _key(actor)
            bare = key.removeprefix("la ").removeprefix("les ").removeprefix("le ")  # « la France »
            if set(key.split()) & lex.international_nouns or key in foreign or bare in foreign:
                ev.place = None
                if ev.date_evidence is None:
                    ev.date = None  # nor the incident's date: the statement's own day is not known
                break


def _governing_noun(name: str, quotes: list[Quote], parsed: Doc, text: str) -> str | None:
    """The institution a place-name speaker complements (« la présidence du Niger » for « Niger »)."""
    for q in quotes:
        ev = q.speaker_evidence
        if q.speaker != name or ev is None:
            continue
        span = parsed.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root.head
        if span.root.dep_ in ("nmod", "pobj") and head.pos_ == "PROPN" and head.dep_ == "prep":
            head = head.head
        if head is not span.root and head.pos_ == "NOUN" and head.i < span.root.i:
            return text[head.idx:span.end_char]
    return None


def _armed_near(tok: Token, lex: Lexicon) -> bool:
    """An armed group or the police acting at the trigger (subject, agent, compound: "police shooting")."""
    near = [c for c in tok.children if c.dep_ in ("nsubj", "compound", "obl:agent", "agent", "amod", "nmod", "poss")]
    near += [g for c in near for g in c.children if g.dep_ == "pobj"]
    near += _subjects(tok)
    return any(_lemma_class(t, lex.armed_nouns) for t in near)


def _riot_context(events: list[Event], armed_events: set[int]) -> None:
    """In a riot story, violence with no armed actor and no dead is the rioters' (PROTEST, not ASSAULT)."""
    if sum(ev.type == "PROTEST" for ev in events) < 3:
        return
    for ev in events:
        if ev.type == "ASSAULT" and ev.killed is None and id(ev) not in armed_events:
            ev.type, ev.mode = "PROTEST", "riot"


@lru_cache(maxsize=None)
def _trigger_nouns(lang: str) -> frozenset[str]:
    """Nouns that name events, never a source (« selon l'accord » is not a source)."""
    return frozenset(lemma for lemma, pos in load_lexicon(lang).triggers if pos == "NOUN")


def _definite_noun(tok: Token) -> bool:
    """A trigger noun with a definite or demonstrative determiner: an anaphor (« l'attaque », "the blast")."""
    return _pos(tok) == "NOUN" and any(
        c.dep_ == "det" and ("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType")
                             or c.lower_ in ("the", "this", "that", "these", "those"))
        for c in tok.children)


def _document_defaults(events: list[Event], places: list[Place], dates: list[DateMention],
                       published: str | None, restated: set[int] = frozenset(),
                       undatable: set[int] = frozenset()) -> None:
    """Undated or unplaced events take the document's single incident date and main country.

    ``undatable`` events keep no date: fighting told as lasting or resuming (a campaign has no single day).
    """
    fallback = _incident_place(places)
    by_type: dict[str, set[str]] = {}  # incident dates stated per type
    days = {d.value for d in dates if d.value and d.granularity == "day"}
    acts_dated = {ev.date for ev in events if ev.date}
    for ev in events:
        if ev.date and ev.type in _INCIDENT_TYPES:
            by_type.setdefault(ev.type, set()).add(ev.date)
    deadly = any(ev.date and ev.type == "ASSAULT" and ev.killed for ev in events)
    # a protest story's lede dates its night of unrest; arrests, deployments and riot acts told after
    # it without a date of their own belong to that night
    lede = events[0].evidence.start if events else 0
    unrest = next((ev.date for ev in events if ev.evidence.start == lede and ev.type == "PROTEST" and ev.date),
                  None)
    for ev in events:
        if ev.place is None and fallback is not None:
            ev.place = fallback
        if id(ev) in undatable:
            continue
        if ev.date is None and len(days) == 1 and (ev.type in _INCIDENT_TYPES and (
                not by_type or days & by_type.get(ev.type, set())) or (
                days == {published} and days & acts_dated)):
            # the document names one single day: its incident's, for acts of the kind it dates (the day of
            # a bombing does not date the takeover told beside it); in a same-day report where that day
            # dates an act (not only a report: « X reported on Wednesday »), every act's
            ev.date = next(iter(days))
        elif (ev.date is None and ev.type == "ASSAULT" and len(by_type.get(ev.type, ())) == 1
              and (id(ev) in restated or deadly)):
            # the same single attack, dated unmistakably elsewhere in the document: restated by a toll or
            # an anaphor, or any mention when that attack is a deadly one (a bombing story, not a campaign)
            ev.date = next(iter(by_type[ev.type]))
        elif ev.date is None and unrest and ev.type in ("PROTEST", "COERCE", "MOBILIZE"):
            ev.date = unrest
