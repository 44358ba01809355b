"""Parse helpers of the events stage: part of speech, voice, objects, subjects, prepositions, classes.

Every function word and dependency-label profile comes from the language's
``grammar`` section (:class:`veille.lang.events.EventSyntax`).
"""
from __future__ import annotations

from spacy.tokens import Token

from ...lang.events import Lexicon
from ..syntax import doc_text


def pos_of(tok: Token) -> str | None:
    """The trigger part of speech of a token: VERB (participles too), NOUN or ADJ, None otherwise."""
    if tok.pos_ == "VERB" or (tok.pos_ == "ADJ" and "Part" in tok.morph.get("VerbForm")) or (
            tok.pos_ in ("ADJ", "NOUN") and any(c.dep_.startswith("aux") for c in tok.children)):
        return "VERB"  # a word with a tense auxiliary is a participle (« a intimidé les électeurs »)
    if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper()):
        return "NOUN"  # a capitalized common noun (headline, sentence start) tagged as a name
    if tok.pos_ == "ADJ":
        return "ADJ"  # a predicate adjective (« sont responsables de », "ready to strike")
    return None


def is_predicate(tok: Token) -> bool:
    """A verb or a predicate adjective: its arguments are subject and complements, not noun modifiers."""
    return pos_of(tok) in ("VERB", "ADJ") or is_copular(tok)


def is_copular(tok: Token) -> bool:
    """A predicate after « être », "be" (« la milice est responsable », "was responsible")."""
    return tok.dep_ == "acomp" or any(c.dep_ == "cop" for c in tok.children)


def is_passive(tok: Token, lex: Lexicon) -> bool:
    """A passive verb, or a participle modifying a noun."""
    # a participle modifying a noun (« les otages libérés », "people killed") is passive too
    syn = lex.syntax
    return any(c.dep_ in syn.passive_deps for c in tok.children) or (
        tok.dep_ in ("acl", "amod") and "Part" in tok.morph.get("VerbForm")
        and tok.lower_.endswith(syn.participle_endings))


def base_prep(word: str, lex: Lexicon) -> str:
    """A preposition with its article contraction undone (« au » is « à », « du » is « de »)."""
    return lex.syntax.contractions.get(word, word)


def preps_of(tok: Token, lex: Lexicon) -> set[str]:
    """Prepositions introducing the token's dependents (fr: case marks, « au » as « à »; en: prep children)."""
    out = set()
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "prt"):
            out.add(c.lower_)
        for g in c.children:
            if g.dep_ in ("case", "mark"):
                out.add(base_prep(g.lower_, lex))
    return out


def complements(tok: Token, preps: list[str], lex: Lexicon) -> list[Token]:
    """Nouns attached to the token by one of ``preps`` (fr: case mark; en: prep + pobj)."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ == "pobj"]
        elif any(g.dep_ == "case" and base_prep(g.lower_, lex) in preps for g in c.children):
            out.append(c)
    return out


def objects_of(tok: Token, lex: Lexicon) -> list[Token]:
    """Direct objects, and the subject of a passive (or the noun a participle modifies)."""
    syn = lex.syntax
    out = [c for c in tok.children if c.dep_ in syn.object_deps]
    if is_passive(tok, lex):
        out += [c for c in tok.children if c.dep_ in syn.passive_deps and c.dep_.startswith("nsubj")]
        if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            out.append(tok.head)
    return out


def subjects_of(tok: Token) -> list[Token]:
    """Subjects of a predicate, or of the verb controlling it."""
    subs = [c for c in tok.children if c.dep_ in ("nsubj",)]
    if not subs and tok.dep_ in ("xcomp", "conj", "advcl", "acomp") and tok.head is not tok:
        # « ont nié avoir attaqué », "vowed to fight": the controller's subject
        subs = [c for c in tok.head.children if c.dep_ in ("nsubj",)]
    return subs


def has_reflexive(tok: Token, lex: Lexicon) -> bool:
    """A reflexive pronoun on the verb (« se rendre »)."""
    return any(c.dep_ in ("expl:comp", "expl:pv", "expl", "obj", "iobj") and "Yes" in c.morph.get("Reflex")
               for c in tok.children) or any(c.lower_ in lex.syntax.reflexive_pronouns for c in tok.children)


def in_class(tok: Token, words: frozenset[str]) -> bool:
    """The token's lemma or form is one of ``words``."""
    return tok.lemma_.lower() in words or tok.lower_ in words


def class_of(toks: list[Token], lex: Lexicon, cls: str) -> bool:
    """One of the tokens is of a class: armed (group), protester, person (any nominal)."""
    words = {"armed": lex.armed_nouns, "protester": lex.protester_nouns}.get(cls)
    if cls == "person":
        return any(t.pos_ in ("PROPN", "NOUN", "PRON", "NUM") for t in toks)
    if words is None:
        return bool(toks)
    for t in toks:
        if in_class(t, words):
            return True
        # « des membres du groupe armé »: the group behind the member noun
        if t.lemma_.lower() in lex.syntax.member_nouns and any(in_class(g, words) for g in t.subtree):
            return True
    return False


def court_sentence(tok: Token, nouns: list[str], lex: Lexicon) -> bool:
    """A complement « à » + a penalty noun (« à cinq ans de prison », « à la perpétuité »)."""
    near = list(tok.children)
    near += [g for c in near if c.dep_ in lex.syntax.object_deps for g in c.children]  # often under the object
    penalty = lex.syntax.penalty_preps
    return any(c.pos_ in ("NOUN", "NUM") and any(g.dep_ == "case" and base_prep(g.lower_, lex) in penalty
                                               for g in c.children)
               and any(g.lemma_.lower() in nouns for g in c.subtree) for c in near)


def is_future(tok: Token, lex: Lexicon) -> bool:
    """A future tense, a future auxiliary, or the complement of a promise or a decision."""
    syn = lex.syntax
    if "Fut" in tok.morph.get("Tense"):
        return True
    for c in tok.children:
        if c.dep_.startswith("aux") and (c.lower_ in syn.future_auxiliaries or "Fut" in c.morph.get("Tense")):
            return True
    head = tok.head
    # « va libérer », « promet de libérer », "agreed to withdraw", "will begin to withdraw"
    return tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in syn.future_heads


def local_ancestors(tok: Token) -> list[Token]:
    """A token's ancestors on the line it stands on.

    The parser may hang a line on the headline or caption above it (« X menace Y » and the next
    paragraph parsed as one sentence), but a line break ends every clause: the chain stops there and
    goes on to the verb heading the token's own line, when the line has one.
    """
    text = doc_text(tok.doc)
    lo = text.rfind("\n", 0, tok.idx) + 1
    hi = text.find("\n", tok.idx)
    hi = len(text) if hi < 0 else hi
    out = []
    for a in tok.ancestors:
        if not lo <= a.idx < hi:
            line_root = next((t for t in _line_roots(tok.doc, lo, hi) if t not in out and t != tok), None)
            return out + [line_root] if line_root is not None else out
        out.append(a)
    return out


def _line_roots(doc, lo: int, hi: int) -> list[Token]:
    """Verbs of a line whose head is off the line or themselves (the line's own clause heads), once per line."""
    memo = doc.user_data.setdefault("veille.line_roots", {})
    found = memo.get((lo, hi))
    if found is None:
        span = doc.char_span(lo, hi, alignment_mode="contract")
        found = memo[(lo, hi)] = [] if span is None else [
            t for t in span if t.pos_ in ("VERB", "AUX") and (t.head == t or not lo <= t.head.idx < hi)]
    return found


def clause_verb(tok: Token) -> Token | None:
    """The nearest verb at or above a token: the clause it belongs to."""
    for t in [tok, *local_ancestors(tok)]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def is_negated(tok: Token, lex: Lexicon) -> bool:
    """A negation adverb on the token."""
    return any(c.dep_ in ("advmod", "neg") and c.lower_ in lex.negations for c in tok.children)


def phrase_text(tok: Token, lex: Lexicon) -> str:
    """A noun phrase's text without leading determiners or counts, relative clauses or trailing punctuation."""
    cut = lex.syntax.relative_deps | {"appos", "punct", "cc", "conj"}
    keep = [t for t in tok.subtree if (t.dep_ not in cut and not (t.pos_ == "VERB" and t.head == tok))
            or t == tok]  # nor a participle clause on the noun (« le convoi, blessant trois soldats »)
    # drop dependents of dropped clauses
    dropped = {t.i for t in tok.subtree} - {t.i for t in keep}
    for t in tok.subtree:
        if t.head.i in dropped:
            dropped.add(t.i)
    for c in tok.children:
        if c.i > tok.i and _setting(c, lex):
            dropped.update(t.i for t in c.subtree)  # "a bus near Lorsk on Monday": the bus, not where or when
        elif c.i > tok.i and c.dep_ == "advmod" and c.lower_ in lex.syntax.setting_preps:
            dropped.add(c.i)
    counts = [c for c in tok.children if c.dep_ == "nummod" or (c.pos_ == "NUM" and c.dep_ in ("det", "advmod"))]
    if counts:
        # counted people (« au moins 115 personnes dans le village », "at least a hundred people"): the noun and
        # its adjectives name them, not the count, its « au moins », nor where they were
        keep = [t for c in tok.children if c.dep_ in ("amod", "compound") for t in c.subtree]
        dropped.update(t.i for t in tok.subtree if t != tok and t not in keep)
    toks = [t for t in tok.subtree if t.i not in dropped]
    comma = next((t.i for t in tok.subtree if t.i > tok.i and t.text == ","), None)
    if comma is not None:
        toks = [t for t in toks if t.i < comma]  # a name does not go on past a comma after its head
    while toks and toks[0].pos_ in ("DET", "ADP", "PUNCT", "CCONJ", "NUM", "ADV") and toks[0] != tok:
        toks = toks[1:]
    while toks and toks[-1].pos_ in ("PUNCT", "ADP", "CCONJ") and toks[-1] is not tok:
        toks = toks[:-1]
    if not toks:
        return tok.text
    doc = tok.doc
    return doc_text(doc)[toks[0].idx: toks[-1].idx + len(toks[-1])].strip()


def _setting(mod: Token, lex: Lexicon) -> bool:
    """A place or time modifier of a noun: introduced by « près de », « dans », "near", "on" ..."""
    preps = lex.syntax.setting_preps
    if mod.dep_ == "prep":
        return mod.lower_ in preps
    if not mod.dep_.startswith(("nmod", "obl")):
        return False
    case = [g for g in mod.children if g.dep_ == "case" and g.i < mod.i]
    if not case:
        return False
    before = mod.doc[case[0].i - 1] if case[0].i > 0 else None
    # « près de X », the adverb taken for a modifier of the noun: « un bus près de Tarsel »
    adverb = before is not None and before.head == mod.head and before.dep_ == "advmod" and before.lower_ in preps
    return adverb or case[0].lower_ in preps or " ".join(g.lower_ for g in case[:2]) in preps


def phrases_in(words: list[str], phrases: tuple[tuple[str, ...], ...], *, start_only: bool = False):
    """Each (position, phrase) where one of the lexicon's multiword cues (« selon », « d' après »,
    « selon l' accord », "according to") occurs in a list of lower-case tokens."""
    for phrase in phrases:
        n = len(phrase)
        last = min(0, len(words) - n) if start_only else len(words) - n
        if n == 0 or last < 0:
            yield from ((i, phrase) for i in range(last + 1))
            continue
        first, i = phrase[0], -1
        while True:  # only where the first word is (list.index scans at C speed)
            try:
                i = words.index(first, i + 1, last + 1)
            except ValueError:
                break
            if n == 1 or tuple(words[i:i + n]) == phrase:
                yield i, phrase
