"""The "if" rule language of the events lexicon: one small function per rule key.

Each function takes the trigger's :class:`Site` and the rule's value from the
lexicon and says whether the rule holds. :data:`RULES` maps every key of
:data:`veille.lang.events.RULE_KEYS` (where each key is documented in one line)
to its function; a test checks that the two list the same keys.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from spacy.tokens import Token

from ...lang.events import RULE_KEYS, Lexicon
from .grammar import (
    base_prep,
    class_of,
    complements,
    court_sentence,
    has_reflexive,
    is_copular,
    is_future,
    is_passive,
    is_predicate,
    objects_of,
    pos_of,
    preps_of,
    subjects_of,
)


@dataclass
class Site:
    """A candidate trigger token and what the rules ask about it, computed once when first asked."""

    tok: Token
    lex: Lexicon
    has_number: bool

    @cached_property
    def passive(self) -> bool:
        return is_passive(self.tok, self.lex)

    @cached_property
    def objs(self) -> list[Token]:
        return objects_of(self.tok, self.lex)

    @cached_property
    def preps(self) -> set[str]:
        return preps_of(self.tok, self.lex)

    @cached_property
    def subjects(self) -> list[Token]:
        """A predicate's subjects; a noun's verb (when it is the object) and its noun complements."""
        tok = self.tok
        if is_predicate(tok):
            return subjects_of(tok)
        return ([tok.head] if tok.dep_ in self.lex.syntax.object_deps else []) + [
            c for c in tok.children if c.dep_ in ("nmod", "prep", "poss")]


Rule = Callable[[Site, Any], bool]
RULES: dict[str, Rule] = {}


def rule(key: str) -> Callable[[Rule], Rule]:
    """Register the function implementing one rule key; its docstring is the key's line in RULE_KEYS."""
    def register(fn: Rule) -> Rule:
        RULES[key] = fn
        fn.__doc__ = f"{key}: {RULE_KEYS.get(key, 'undocumented')}"
        return fn
    return register


def check(tok: Token, cond: dict, lex: Lexicon, has_number: bool) -> bool:
    """Whether a trigger's syntactic conditions hold on the parse."""
    site = Site(tok, lex, has_number)
    return all(RULES[key](site, want) for key, want in cond.items())


@rule("passive")
def _passive(s: Site, want: bool) -> bool:
    return s.passive == want


@rule("obj")
def _obj(s: Site, want: bool) -> bool:
    return bool(s.objs) == want


@rule("obj_or_pass")
def _obj_or_pass(s: Site, want: Any) -> bool:
    return bool(s.objs or s.passive)


@rule("reflexive")
def _reflexive(s: Site, want: bool) -> bool:
    return has_reflexive(s.tok, s.lex) == want


@rule("prep")
def _prep(s: Site, want: list[str]) -> bool:
    return bool(s.preps & set(want))


@rule("prep_not")
def _prep_not(s: Site, want: list[str]) -> bool:
    return not s.preps & set(want)


@rule("court")
def _court(s: Site, want: list[str]) -> bool:
    # « condamné à cinq ans de prison » is a court's sentence, « condamne l'attaque » is not
    return court_sentence(s.tok, want, s.lex)


@rule("not_court")
def _not_court(s: Site, want: list[str]) -> bool:
    return not court_sentence(s.tok, want, s.lex)


def _nominal_preps(s: Site) -> set[str]:
    # prepositions before nouns only (« condamné à cinq ans », not « appelant ... à libérer »)
    return {base_prep(g.lower_, s.lex) for c in s.tok.children if c.pos_ in ("NOUN", "PROPN", "NUM")
            for g in c.children if g.dep_ == "case"}


@rule("prep_noun")
def _prep_noun(s: Site, want: list[str]) -> bool:
    return bool(_nominal_preps(s) & set(want))


@rule("prep_noun_not")
def _prep_noun_not(s: Site, want: list[str]) -> bool:
    return not _nominal_preps(s) & set(want)


@rule("prep_or_inf")
def _prep_or_inf(s: Site, want: list[str]) -> bool:
    return bool(s.preps & set(want) or any(c.dep_ == "xcomp" for c in s.tok.children))


@rule("obj_or_prep")
def _obj_or_prep(s: Site, want: list[str]) -> bool:
    return bool(s.objs or s.preps & set(want))


@rule("prep_or_intrans")
def _prep_or_intrans(s: Site, want: list[str]) -> bool:
    return not (s.objs and not s.preps & set(want))


@rule("prep_propn")
def _prep_propn(s: Site, want: list[str]) -> bool:
    children = list(s.tok.children)
    return any(c.pos_ == "PROPN" and any(base_prep(g.lower_, s.lex) in want for g in c.children)
               for c in children) or any(
        c.dep_ == "prep" and c.lower_ in want and any(g.pos_ == "PROPN" for g in c.children) for c in children)


@rule("obj_in")
def _obj_in(s: Site, want: list[str]) -> bool:
    return any(o.lemma_.lower() in want for o in s.objs)


@rule("obj_not")
def _obj_not(s: Site, want: list[str]) -> bool:
    return not any(o.lemma_.lower() in want for o in s.objs)


@rule("mod_in")
def _mod_in(s: Site, want: list[str]) -> bool:
    return any(c.lemma_.lower() in want or c.lower_ in want for c in s.tok.children
               if c.dep_ in ("amod", "compound", "nmod", "nmod:poss"))


@rule("mod_not")
def _mod_not(s: Site, want: list[str]) -> bool:
    return not any(c.lemma_.lower() in want for c in s.tok.children)


@rule("not_dep")
def _not_dep(s: Site, want: list[str]) -> bool:
    return s.tok.dep_ not in want


@rule("plural")
def _plural(s: Site, want: bool) -> bool:
    return ("Plur" in s.tok.morph.get("Number")) == want


@rule("subj_plural")
def _subj_plural(s: Site, want: bool) -> bool:
    """A plural or coordinated subject (« les ministres se sont réunis », "the two leaders met"): a reciprocal act."""
    subjects = [c for c in s.tok.children if c.dep_ in s.lex.syntax.subject_deps]
    return any("Plur" in c.morph.get("Number") or any(g.dep_ == "conj" for g in c.children)
               for c in subjects) == want


@rule("inf_comp")
def _inf_comp(s: Site, want: Any) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp", "advcl") and c.pos_ == "VERB"
               and ("Inf" in c.morph.get("VerbForm") or c.tag_ == "VB") for c in s.tok.children)


@rule("copula")
def _copula(s: Site, want: bool) -> bool:
    # « sont responsables de », "were responsible for" (or « tenus pour responsables »)
    return is_copular(s.tok) == want or s.tok.dep_ == "xcomp"


@rule("obl_event")
def _obl_event(s: Site, want: list[str]) -> bool:
    # responsible for an act (« de l'attaque »), not for a field (« de la sécurité »)
    lex = s.lex
    return any((n.lemma_.lower(), "NOUN") in lex.triggers or n.lemma_.lower() in lex.killed_words
               for n in complements(s.tok, want, lex))


@rule("inf_type")
def _inf_type(s: Site, want: list[str]) -> bool:
    # « prêts à attaquer », "ready to strike": readiness to use force
    return any(c.dep_ in ("xcomp", "ccomp", "advcl", "acl") and c.pos_ == "VERB"
               and any(t.type in want for t in s.lex.triggers.get((c.lemma_.lower(), "VERB"), ()))
               for c in s.tok.children)


@rule("head_in")
def _head_in(s: Site, want: list[str]) -> bool:
    # « le combat continuera », "the fight will go on": a vow to keep fighting
    tok = s.tok
    return tok.dep_.startswith("nsubj") and tok.head.lemma_.lower() in want and is_future(tok.head, s.lex)


@rule("needs_number")
def _needs_number(s: Site, want: Any) -> bool:
    return s.has_number


@rule("needs_verb")
def _needs_verb(s: Site, want: list[str]) -> bool:
    return s.tok.head.lemma_.lower() in want


@rule("subj_class")
def _subj_class(s: Site, want: str) -> bool:
    return class_of(s.subjects + ([s.tok] if pos_of(s.tok) == "NOUN" else []), s.lex, want)


@rule("subj_not_class")
def _subj_not_class(s: Site, want: str) -> bool:
    return not (s.subjects and class_of(s.subjects, s.lex, want))


@rule("subj_class_not")
def _subj_class_not(s: Site, want: str) -> bool:
    return not (want == "none" and not (s.subjects or s.passive))


@rule("obj_class")
def _obj_class(s: Site, want: str) -> bool:
    return class_of(s.objs, s.lex, want)


@rule("obj_class_not")
def _obj_class_not(s: Site, want: str) -> bool:
    return not (s.objs and class_of(s.objs, s.lex, want))


@rule("future_type")
def _future_type(s: Site, want: str) -> bool:
    return True  # not a condition: the type of an announced act, read by the trigger finder
