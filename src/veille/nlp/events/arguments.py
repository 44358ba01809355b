"""Arguments of an event: actors and targets from the dependency tree, and merging triggers of one act."""
from __future__ import annotations

from spacy.tokens import Token

from ...lang.events import Lexicon
from .grammar import class_of, in_class, is_passive, is_predicate, objects_of, pos_of, subjects_of
from .names import Names
from .triggers import Candidate


_PARTIES = ("ASSAULT", "CONSULT", "COOPERATE", "AGREE")  # acts whose « entre X et Y » names both sides


def arguments(c: Candidate, names: Names) -> None:
    """Fill actors and targets of a candidate from the dependency parse."""
    tok = c.anchor
    lex = names.lex
    if is_predicate(tok):
        actors, targets = _predicate_arguments(c, lex)
    else:
        actors, targets = _noun_arguments(c, lex)
    c.actors = [n for a in actors if names.participant(a, lexical_only=True) for n in names.of(a)]
    c.targets = [n for t in targets if names.participant(t) for n in names.of(t) if n not in c.actors]
    if c.type == "ASSAULT" and actors and class_of(actors, lex, "protester") \
            and not class_of(actors, lex, "armed"):
        c.type = "PROTEST"
    elif c.type == "PROTEST" and c.mode == "riot" and actors and class_of(actors, lex, "armed") \
            and not class_of(actors, lex, "protester"):
        c.type, c.mode = "ASSAULT", "destroy"  # an armed group burning or looting: violence, not a riot


def _predicate_arguments(c: Candidate, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """A verb's or predicate's subject and agent (actors) and objects (targets)."""
    tok = c.anchor
    syn = lex.syntax
    actors: list[Token] = []
    passive = is_passive(tok, lex)
    for ch in tok.children:
        preps = {g.lower_ for g in ch.children if g.dep_ == "case"}
        if ch.dep_ in syn.agent_deps or (passive and preps & syn.agent_preps):
            actors += [g for g in ch.children if g.dep_ == "pobj"] or [ch]
        elif ch.dep_ == "prep" and ch.lower_ in syn.between_preps and c.type in _PARTIES:
            actors += [g for g in ch.children if g.dep_ == "pobj"]
        elif preps & syn.between_preps and c.type in _PARTIES:
            actors.append(ch)
    if not passive:
        actors = subjects_of(tok) + actors
    return actors, objects_of(tok, lex)


def _noun_arguments(c: Candidate, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """An act noun's author (agent, « entre », possessive, « de » + armed group) and target (« contre »)."""
    tok = c.anchor
    syn = lex.syntax
    actors: list[Token] = []
    targets: list[Token] = []
    for ch in tok.children:
        preps = {g.lower_ for g in ch.children if g.dep_ == "case"} | ({ch.lower_} if ch.dep_ == "prep" else set())
        inner = [g for g in ch.children if g.dep_ == "pobj"] if ch.dep_ == "prep" else [ch]
        if preps & syn.agent_preps:
            actors += inner
        elif preps & syn.between_preps:
            actors += inner
        elif preps & syn.against_preps:
            targets += inner
        elif ch.dep_ in ("poss", "nmod:poss") or (ch.dep_ == "compound" and ch.pos_ == "PROPN"):
            actors.append(ch)
        elif preps & syn.of_preps and class_of([ch] + inner, lex, "armed"):
            actors += inner
    if not actors and tok.dep_ in syn.object_deps and tok.head.pos_ == "VERB":
        actors = subjects_of(tok.head)  # « ont lancé une offensive », "carried out an attack"
    elif not actors and responds(tok, lex):
        actors = subjects_of(_response_verb(tok))  # « ont riposté à l'attaque »: the riposte's authors
    return actors, targets


def _close(a: Token, b: Token, lex: Lexicon) -> bool:
    """Two triggers of one act: one governs the other directly (« menacé ... de représailles »)."""
    if a.head == b or b.head == a:
        return True
    return a.head == b.head and a.head != a and {a.dep_, b.dep_} <= lex.syntax.object_deps | {"obl", "obl:arg", "nmod"}


def _response_verb(tok: Token) -> Token:
    head = tok.head
    return head.head if head.dep_ == "prep" else head


def responds(tok: Token, lex: Lexicon) -> bool:
    """An act noun answered by a response verb (« ont répondu à l'attaque », "retaliated for the attack")."""
    return (pos_of(tok) == "NOUN" and not tok.dep_.startswith("nsubj")
            and _response_verb(tok).lemma_.lower() in lex.response_verbs)


def _own_author(tok: Token) -> bool:
    """An act noun naming its author (« l'attaque de l'armée », "the army's attack"): not a mere anaphor."""
    return any(c.dep_ in ("nmod", "nmod:poss", "poss", "prep", "compound") for c in tok.children)


def restated(c: Candidate) -> bool:
    """A definite or demonstrative act noun with no author of its own (« l'assaut a fait cinq morts », "the
    attack left five dead"): the act already told earlier in the sentence, named again."""
    tok = c.anchor
    if pos_of(tok) != "NOUN" or c.actors or _own_author(tok):
        return False
    return any(d.dep_ == "det" and ("Def" in d.morph.get("Definite") or "Dem" in d.morph.get("PronType"))
               for d in tok.children)


def merge(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """One entry per (type, actor list) in a sentence: same-type triggers with compatible actors merge.

    An act noun answered by a response verb (« X a attaqué, Y n'a fait que répondre à l'attaque ») is the
    same clash as the other act of its type in the sentence: one event.
    """
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (responds(c.anchor, lex), restated(c))):
        # two acts of one type with different modes and no actor (a release, a withdrawal) stay apart
        twin = next((o for o in out if o.type == c.type and (
            (set(o.actors) == set(c.actors) and (o.actors or o.mode == c.mode or None in (o.mode, c.mode)))
            or _close(o.anchor, c.anchor, lex) or (responds(c.anchor, lex) and not _own_author(c.anchor))
            or (restated(c) and o.anchor.i < c.anchor.i))), None)
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


def armed_near(tok: Token, lex: Lexicon) -> bool:
    """An armed group or the police acting at the trigger (subject, agent, compound: "police shooting")."""
    deps = {"nsubj", "compound", "amod", "nmod", "poss"} | lex.syntax.agent_deps
    near = [c for c in tok.children if c.dep_ in deps]
    near += [g for c in near for g in c.children if g.dep_ == "pobj"]
    near += subjects_of(tok)
    return any(in_class(t, lex.armed_nouns) for t in near)


