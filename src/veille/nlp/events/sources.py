"""Who an event's source is: the subject of a reporting verb (inverted or in an incise), the agent of a claim,
a « de source ... » phrase, named by its entity or cut to a short phrase; a pronoun by its cluster."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...lang.events import Lexicon
from ...model import Quote
from ..syntax import is_reporting_verb
from .grammar import phrase_text


def _subject(verb: Token, lex: Lexicon) -> Token | None:
    syn = lex.syntax
    passive = any(x.dep_ in syn.passive_deps and x.dep_.startswith("aux") for x in verb.children)
    for c in verb.children:
        # a passive report names its source as agent: « revendiquée par l'EI », "confirmed by police"
        if c.dep_ in syn.agent_deps or (c.dep_.startswith("obl") and any(
                g.lower_ in syn.agent_preps and g.dep_ == "case" for g in c.children)):
            if passive:
                return next((g for g in c.children if g.dep_ == "pobj"), c)
    if passive:
        return None  # "could not be reported": a passive report without agent names no source
    for c in verb.children:
        if c.dep_ in syn.subject_deps:
            return c
    inverted = _inverted_subject(verb, lex)
    if inverted is not None:
        return inverted
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # a headline parsed as a noun phrase: « L'EI revendique l'attaque »
    # a coordinated verb or a participle (« ..., affirmant que ») shares its head's subject
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head is not verb:
        return _subject(verb.head, lex)
    return None


def _inverted_subject(verb: Token, lex: Lexicon) -> Token | None:
    """The subject of a reporting incise put after its verb and taken for its object (« ..., a annoncé le
    ministre », « ..., rapporte le porte-parole, Jean Vidal »): a name before a description."""
    if not _is_reporting(verb, lex) or not _incise(verb):
        return None
    objs = [c for c in verb.children if (c.dep_ in lex.syntax.object_deps or c.dep_ in ("xcomp", "appos"))
            and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")]  # "reported news agency Lorsk-Press" (xcomp)
    return next((c for c in objs if c.pos_ == "PROPN"), objs[0] if objs else None)


def _incise(verb: Token) -> bool:
    """A verb opening an incise: right after a comma (its auxiliaries aside)."""
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].head == verb and doc[i].dep_.startswith("aux"):
        i -= 1
    return i >= 0 and doc[i].text == ","


def _claimed_by(trigger: Token, lex: Lexicon) -> list[Token]:
    """A reporting verb in the passive with an agent whose subject is the act noun (« l'attaque a été
    revendiquée par X », "the raid was claimed by X"), or a participle on it (« l'attaque revendiquée par X »)."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return []
    verbs = []
    if trigger.dep_ in lex.syntax.passive_deps:
        head = trigger.head
        verbs = [head, *[c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"]]
    if trigger.dep_ not in lex.syntax.subject_deps:
        # (an act noun subject of its own predicate, « l'attentat revendiqué par X a tué 13 personnes », is the
        # narrator's statement: the claim only names who did it)
        mods = [trigger, *[c for c in trigger.children if c.dep_ == "amod"]]  # « la plus meurtrière revendiquée »
        verbs += [c for m in mods for c in m.children if c.dep_ == "acl" and "Part" in c.morph.get("VerbForm")]
    return [v for v in verbs if _is_reporting(v, lex) and _agent(v, lex) is not None][:1]


def _agent(verb: Token, lex: Lexicon) -> Token | None:
    """The agent of a passive verb or participle (« par X », "by X")."""
    syn = lex.syntax
    for c in verb.children:
        if c.dep_ in syn.agent_deps or (c.dep_.startswith("obl") and any(
                g.lower_ in syn.agent_preps and g.dep_ == "case" for g in c.children)):
            return next((g for g in c.children if g.dep_ == "pobj"), c)
    return None


def _entity_at(tok: Token) -> Span | None:
    """The named entity covering a token, found from its IOB tags (no scan of every entity of the document)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _short(tok: Token, lex: Lexicon, max_words: int) -> str:
    """A source's name: the named entity, or the noun phrase cut before long modifiers."""
    ent = _entity_at(tok)
    if tok.pos_ == "NOUN":  # a description, even one the tagger took for a name (« ministre de l'Intérieur »)
        # « le porte-parole, Anne Durand », "news agency AFP": the name beside the description
        # the name in apposition first: « le haut-commissaire en Lorsk, Jean Vidal » is Jean Vidal, not the
        # place complementing the title
        beside = sorted(tok.children, key=lambda c: c.dep_ not in ("appos", "flat", "flat:name"))
        for c in beside:
            if c.dep_ in ("appos", "flat", "flat:name", "compound", "nmod") and c.pos_ == "PROPN" and c.i > tok.i:
                if c.ent_type_ in ("LOC", "GPE") and c.dep_ not in ("appos", "flat", "flat:name"):
                    continue  # « le gouverneur de Lorsk »: the place is no name of the speaker
                named = _entity_at(c)
                if named is not None and "\n" not in named.text:
                    return named.text
                if c.dep_ in ("appos", "flat", "flat:name"):
                    return tok.doc[c.left_edge.i:c.right_edge.i + 1].text  # a name the tagger left unlabelled
    if ent is not None and tok.pos_ == "PROPN" and "\n" not in ent.text:
        return ent.text
    text = phrase_text(tok, lex)
    if "," in text and text.index(",") > 0:
        text = text[:text.index(",")].strip()  # « Durand, le porte-parole du ... »
    if len(text.split()) > max_words or "\n" in text:
        # a long description: the head noun with its adjacent modifiers (« les habitants des lignes de front ... »)
        doc = tok.doc
        mods = ("amod", "compound", "flat", "flat:name")
        start = end = tok.i
        while start - 1 >= 0 and doc[start - 1].head == tok and doc[start - 1].dep_ in mods:
            start -= 1
        while end + 1 < len(doc) and doc[end + 1].head == tok and doc[end + 1].dep_ in mods:
            end += 1
        text = doc[start:end + 1].text
    return text


def _source_name(subj: Token, quotes: list[Quote], speaker_name, lex: Lexicon, max_words: int) -> str | None:
    """The name of a source token; a pronoun stands for the last speaker quoted before it."""
    if (subj.lemma_.lower() in lex.non_source_nouns or subj.lower_ in lex.non_source_nouns):
        return None  # a day or a medium (« jeudi », « un message ») is no source
    if subj.pos_ == "PRON" and "Rel" in subj.morph.get("PronType"):
        clause = subj.head
        if (clause.dep_ in lex.syntax.relative_deps or clause.dep_ == "acl") and clause.head.pos_ in ("NOUN", "PROPN"):
            return speaker_name(_short(clause.head, lex, max_words))  # « le front, lequel a démenti »
        return None
    if subj.pos_ == "PRON":
        # the pronoun's cluster (when the speaker names are the document's, :meth:`Names.speaker`), else the
        # last speaker quoted before it
        names = getattr(speaker_name, "__self__", None)
        resolved = names.pronoun_source(subj) if hasattr(names, "pronoun_source") else None
        if resolved:
            return speaker_name(resolved)
        before = [q for q in quotes if q.speaker and q.evidence.start < subj.idx]
        return speaker_name(max(before, key=lambda q: q.evidence.start).speaker) if before else None
    return speaker_name(_resolved(subj, quotes) or _short(subj, lex, max_words))


def _resolved(tok: Token, quotes: list[Quote]) -> str | None:
    """The speaker the quotes stage resolved this mention to (« la chaîne » for the outlet named before)."""
    for q in quotes:
        ev = q.speaker_evidence
        if q.speaker and ev is not None and ev.start <= tok.idx < ev.end:
            return q.speaker
    return None


def _from_source(verb: Token, lex: Lexicon) -> Token | None:
    """A source noun introduced by « de » / "from" on a reporting verb (« a appris de source proche »)."""
    near = list(verb.children)
    near += [g for c in near if c.dep_ in lex.syntax.object_deps for g in c.children]  # often under the object
    for c in near:
        if c.lemma_.lower() in lex.source_nouns and (
                any(g.dep_ == "case" and g.lower_ in lex.syntax.source_preps for g in c.children)):
            return c
        if c.dep_ == "prep" and c.lower_ in lex.syntax.source_preps:
            inner = next((g for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in lex.source_nouns), None)
            if inner is not None:
                return inner
    return None

def _is_reporting(v: Token, lex: Lexicon) -> bool:
    """A reporting verb, or a light verb with its noun: « faire état de », "make clear"."""
    return is_reporting_verb(v, lex.reporting_verbs, lex.syntax.light_object_deps)
