"""Trigger finding: lexicon lookup by lemma, multiword phrases, and the candidates a sentence holds.

Also the filters that drop a trigger that names no real act (a purpose
infinitive, a feared attack, a noun after « selon »).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...lang.events import Lexicon, Phrase, Trigger, load_lexicon
from ..syntax import lemmas as doc_lemmas
from ..syntax import lowers, pos_tags
from .conditions import check
from .grammar import clause_verb, is_copular, is_future, local_ancestors, phrases_in, pos_of


@dataclass(slots=True)
class Candidate:
    """A trigger found in a sentence, before merging."""

    anchor: Token
    start: int  # token span of the trigger
    end: int
    type: str
    mode: str | None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


def lookup(tok: Token, pos: str, lex: Lexicon) -> list[Trigger]:
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
    regular = lex.syntax.regular_infinitive
    if pos == "VERB" and regular and lemma == tok.lower_ and not lemma.endswith(regular[-1]):
        # an unknown form left as its own lemma (« tire », « tirent »): the regular infinitive
        ending = next((e for e in lex.syntax.verb_form_endings if lemma.endswith(e)), None)
        if ending:
            return lex.triggers.get((lemma[:-len(ending)] + regular, pos)) or []
    if pos == "VERB":
        return _from_inflection(tok.lower_, lex)
    return []


def _from_inflection(form: str, lex: Lexicon) -> list[Trigger]:
    """A verb form the lemmatizer cut wrong ("teargassed" -> "teargasse"): its stem, without a doubled last
    consonant, or with a mute "e" back."""
    for ending in lex.syntax.inflection_endings:
        stem = form[:-len(ending)]
        if not form.endswith(ending) or len(stem) < 3:
            continue
        stems = [stem, stem + "e"] + ([stem[:-1]] if stem[-1] == stem[-2] else [])
        found = next((lex.triggers[(s, "VERB")] for s in stems if (s, "VERB") in lex.triggers), None)
        if found:
            return found
    return []


def find_triggers(sent: Span, lex: Lexicon, has_number: bool) -> list[Candidate]:
    """Every trigger (single lemma or phrase) whose conditions hold in the sentence."""
    out: list[Candidate] = []
    used: set[int] = set()
    _phrase_triggers(sent, lex, has_number, out, used)
    _lemma_triggers(sent, lex, has_number, out, used)
    return out


def _phrase_triggers(sent: Span, lex: Lexicon, has_number: bool, out: list[Candidate], used: set[int]) -> None:
    """Multiword triggers, longest first at each token; their tokens are ``used``."""
    doc = sent.doc
    phrases = lex.phrases
    lemmas, forms = doc_lemmas(doc), lowers(doc)
    for i in range(sent.start, sent.end):
        lemma, form = lemmas[i], forms[i]
        if lemma not in phrases and form not in phrases:
            continue  # most tokens start no phrase: skip the per-token set and loops
        tok = doc[i]
        # the phrases keyed by the lemma and by the form, longest first (a stable order: never a set's)
        listed = [*phrases.get(lemma, ()), *(phrases.get(form, ()) if form != lemma else ())]
        for ph in sorted(listed, key=lambda p: -len(p.words)):
            end = _match_phrase(doc, tok.i, sent.end, ph)
            if end is None:
                continue
            span = doc[tok.i:end]
            # the phrase's syntactic head carries its arguments (« tomber », "bomber", "toll")
            anchor = span.root if pos_of(span.root) in ("VERB", "NOUN") else next(
                (t for t in span if pos_of(t) in ("VERB", "NOUN")), span[0])
            if not check(anchor, ph.cond, lex, has_number):
                continue
            out.append(Candidate(anchor, tok.i, end, ph.type, ph.mode))
            used.update(range(tok.i, end))
            break


def _lemma_triggers(sent: Span, lex: Lexicon, has_number: bool, out: list[Candidate], used: set[int]) -> None:
    """Single-token triggers, the first lexicon entry whose conditions hold."""
    doc = sent.doc
    tags, lemmas, forms = pos_tags(doc), doc_lemmas(doc), lowers(doc)
    for i in range(sent.start, sent.end):
        if i in used or tags[i] not in _TRIGGER_POS or not _may_trigger(lemmas[i], forms[i], lex):
            continue  # pos_of is None for every other part of speech; lookup would find nothing
        tok = doc[i]
        pos = pos_of(tok)
        if pos is None:
            continue
        entries = lookup(tok, pos, lex)
        for t in entries:
            if check(tok, t.cond, lex, has_number):
                etype = t.type
                if t.cond.get("future_type") and is_future(tok, lex):
                    etype = t.cond["future_type"]
                out.append(Candidate(tok, tok.i, tok.i + 1, etype, t.mode))
                break


def _may_trigger(lemma: str, form: str, lex: Lexicon) -> bool:
    """Whether :func:`lookup` may find an entry for a token of this lemma and form, whatever its part of
    speech: the same tests on the strings alone, a superset (False means lookup returns nothing)."""
    words = _trigger_words(lex)
    if lemma in words or form in words or "-" in lemma:
        return True
    regular = lex.syntax.regular_infinitive
    if regular and lemma == form and not lemma.endswith(regular[-1]):
        ending = next((e for e in lex.syntax.verb_form_endings if lemma.endswith(e)), None)
        return bool(ending) and lemma[:-len(ending)] + regular in words
    return False


_TRIGGER_WORDS: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _trigger_words(lex: Lexicon) -> frozenset[str]:
    """Every lemma or form the lexicon lists a single-token trigger for (once per lexicon)."""
    got = _TRIGGER_WORDS.get(id(lex))
    if got is None or got[0] is not lex:
        got = _TRIGGER_WORDS[id(lex)] = (lex, frozenset(word for word, _pos in lex.triggers))
    return got[1]


#: the parts of speech :func:`pos_of` may give a trigger part of speech
_TRIGGER_POS = frozenset({"VERB", "ADJ", "NOUN", "PROPN"})


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
        if k > 0 and j < limit and not _word_eq(doc[j], w):
            # auxiliaries and adverbs inside the phrase (« s'est également rendue sur », "was later taken into")
            while j < limit - 1 and doc[j].pos_ in ("AUX", "ADV") and doc[j].head.i > j:
                j += 1
        if j >= limit or not _word_eq(doc[j], w):
            return None
        j += 1
        k += 1
    return j


def _word_eq(tok: Token, w: str) -> bool:
    return tok.lower_ == w or tok.lemma_.lower() == w or tok.lower_.replace("’", "'") == w


def irrealis(tok: Token, lex: Lexicon, depth: int) -> bool:
    """A purpose infinitive (« pour évacuer », "to help") or a feared/expected act ("fear of attacks")."""
    first = tok
    while first.dep_ == "conj" and first.head is not first:
        first = first.head  # « de combattre X et d'équiper Y »: the first infinitive's head governs both
    if first is not tok and pos_of(first) != "VERB":
        first = clause_verb(first) or tok  # the infinitive the parser coordinated with its object instead
    up = local_ancestors(first)
    head = up[0] if up else first
    if pos_of(tok) == "VERB" and up and ("Inf" in tok.morph.get("VerbForm") or (
            tok.tag_ == "VB" and any(c.lower_ in lex.syntax.infinitive_markers for c in tok.children))):
        if not (head.lemma_.lower() in _frame_heads(lex.lang) or is_future(first, lex) or _implied(head, lex)):
            return True
    for a in local_ancestors(tok)[:depth]:
        if a.lemma_.lower() in lex.irrealis_heads:
            return True
    # "a possible strike", « une cible probable d'attaques », "a likely target of attacks" (but « l'auteur
    # probable de l'attaque », "the likely toll of the attack": the attack is real)
    exposed = [tok, *[a for a in local_ancestors(tok)[:2] if a.lemma_.lower() in lex.exposure_nouns]]
    return pos_of(tok) == "NOUN" and any(c.dep_ == "amod" and c.lemma_.lower() in lex.irrealis_modifiers
                                       for a in exposed for c in a.children)


def _implied(head: Token, lex: Lexicon) -> bool:
    """A negated hesitation implies the act (« n'ont eu aucun scrupule à libérer », "did not hesitate to fire")."""
    negs = lex.negations  # « aucun », « sans », "no", "without"
    if head.lemma_.lower() not in lex.implicative_heads:
        # « n'avaient aucun scrupule à libérer »: the light verb's object is the hesitation
        return any(c.dep_ in lex.syntax.object_deps and c.lemma_.lower() in lex.implicative_heads and (
            any(g.lower_ in negs for g in c.children) or any(g.lower_ in negs for g in head.children))
            for c in head.children)
    return any(c.lower_ in negs for c in head.children) or any(c.lower_ in negs for c in head.head.children)


@lru_cache(maxsize=None)
def _frame_heads(lang: str) -> frozenset[str]:
    """Heads under which an infinitive is a real act: reporting, denial and control verbs (built once)."""
    lex = load_lexicon(lang)
    return lex.denial_verbs | lex.reporting_verbs | lex.exempt_heads


def in_name(tok: Token) -> bool:
    """A lower-case act noun complementing a capitalised word inside a sentence: part of a name (« le Groupe de
    soutien à l'Islam », « les Forces de soutien rapide », "the Front for the liberation of ..."), not an act."""
    if pos_of(tok) != "NOUN" or not tok.is_lower or tok.dep_ not in ("nmod", "pobj"):
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head == tok or not head.is_title or head.i == 0:
        return False
    before = tok.doc[head.i - 1]
    # the capital of a sentence's or line's first word, or of a quote's, is no name's
    return not (before.is_sent_end or before.is_space or before.is_punct and before.text not in (",", "(", "’", "'"))


def on_media(tok: Token, lex: Lexicon) -> bool:
    """A verb whose patient is a video, a photo or a statement (« la vidéo a été tournée », "a photo released
    on Monday", "the video was shot through head cameras"): filming or publishing, not the act."""
    if pos_of(tok) != "VERB":
        return False
    patients = [c for c in tok.children if c.dep_ in lex.syntax.subject_deps | lex.syntax.object_deps
                or c.dep_.startswith("nsubj")]
    if tok.dep_ in ("acl", "amod"):
        patients.append(tok.head)  # "a photo released", « la vidéo diffusée »
    elif tok.dep_ == "xcomp":
        patients += [c for c in tok.head.children if c.dep_.startswith("nsubj")]  # "the video appears to be shot"
    # "most of the video": the part's whole
    patients += [g for p in patients for c in p.children if c.dep_ in ("prep", "nmod")
                 for g in ([c] if c.dep_ == "nmod" else [x for x in c.children if x.dep_ == "pobj"])]
    return any(p.lemma_.lower() in lex.media_nouns for p in patients)


def after_marker(tok: Token, lex: Lexicon, lookback: int) -> bool:
    """A trigger noun after « selon », "according to": a reference frame (« selon l'accord »), not a new act."""
    if pos_of(tok) != "NOUN":
        return False
    doc = tok.doc
    lo = max(0, tok.left_edge.i - lookback)
    return any(all(t.pos_ in ("DET", "ADJ", "NUM") for t in doc[lo + i + len(m):tok.i])
               for i, m in phrases_in(lowers(doc)[lo:tok.i], lex.source_markers))


#: acts that, promised, are a threat (CONVENTIONS: a conflictual future act announced is THREATEN)
HOSTILE = ("ASSAULT", "COERCE", "SANCTION")


def hostile_promises(cands: list[Candidate]) -> list[Candidate]:
    """A promise of a hostile act is a threat (« promet de réprimer », "vowed to crush"): the promise becomes
    THREATEN and the promised act, not done, is not coded apart."""
    drop: set[int] = set()
    for c in cands:
        if c.type != "AGREE" or pos_of(c.anchor) != "VERB":
            continue
        promised = [o for o in cands if o.type in HOSTILE and o is not c and pos_of(o.anchor) == "VERB"
                    and o.anchor.head == c.anchor and o.anchor.dep_ in ("xcomp", "ccomp", "advcl", "obl", "obj")]
        if promised:
            c.type, c.mode = "THREATEN", None
            c.targets += [t for o in promised for t in o.targets if t not in c.targets]
            drop.update(id(o) for o in promised)
    return [c for c in cands if id(c) not in drop]


def deal_acts(sent: Span, lex: Lexicon, found: list[Candidate]) -> list[Candidate]:
    """Handing people over under a deal (« les talibans ont rassemblé puis escorté les civils ») is cooperation."""
    taken = {i for c in found for i in range(c.start, c.end)}
    return [Candidate(t, t.i, t.i + 1, "COOPERATE", None) for t in sent
            if t.i not in taken and pos_of(t) == "VERB" and t.lemma_.lower() in lex.handover_verbs
            and any(c.dep_ in lex.syntax.object_deps for c in t.children)]


def under_agreement(sent: Span, lex: Lexicon) -> bool:
    """The sentence tells acts done under an agreement (« selon l'accord », "under the deal")."""
    return any(phrases_in(lowers(sent.doc)[sent.start:sent.end], lex.agreement_frames))


def stance(tok: Token, lex: Lexicon) -> bool:
    """A judgement or a vow with no act verb: a predicate adjective (« responsables de ») or a fight noun
    subject of a future « continuer »."""
    return (is_copular(tok) and tok.lemma_.lower() not in lex.syntax.readiness_words) or (
        pos_of(tok) == "NOUN" and tok.dep_.startswith("nsubj") and is_future(tok.head, lex))


def ongoing(tok: Token, lex: Lexicon) -> bool:
    """Fighting that lasts, goes on or resumes (« les combats se poursuivent », "clashes raged on", "ongoing")."""
    head = tok.head
    if tok.dep_.startswith("nsubj") and head.lemma_.lower() in lex.ongoing_verbs:
        return True
    # « en cours », "ongoing": a modifier saying so
    return any(c.lemma_.lower() in lex.ongoing_verbs for c in tok.children if c.dep_ in ("amod", "nmod", "acl"))


