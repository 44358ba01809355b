"""Cue words around a quotation: who can speak, source phrases (« selon X »), light verbs, quoted subjects."""
from __future__ import annotations

from spacy.tokens import Token

from ...lang.quotes import QuoteLexicon
from ..syntax import lemma_reports, sentence_bounds
from .spans import PAIRS, QUOTE_MARKS, unglued


def can_speak(t: Token, lex: QuoteLexicon) -> bool:
    """« selon le ministre », « selon lui », "according to AFP" -- not « selon l'accord »."""
    if t.lower_ in lex.stop_words_np or "Rel" in t.morph.get("PronType"):
        return False  # « les rumeurs selon lesquelles … »
    if t.ent_type_ or t.pos_ in ("PROPN", "PRON"):
        return True
    nouns = lex.speaker_nouns | lex.document_nouns  # « selon le rapport »: the document stands for its issuer
    return t.lower_ in nouns or t.lemma_.lower() in nouns or unglued(t.text, lex.definite).lower() in nouns


def source_at(toks: list[Token], n: int, lex: QuoteLexicon) -> Token | None:
    """The head noun of the source when ``toks[n]`` starts « selon X », « d'après X », "according to X"."""
    first = toks[n].lower_
    if not any(phrase.startswith(first) for phrase in lex.source_words):
        return None
    for phrase in lex.source_words:
        words = phrase.replace("'", "' ").split()
        seq = toks[n:n + len(words)]
        if len(seq) < len(words) or [t.lower_.rstrip() for t in seq] != [w.strip() for w in words]:
            continue
        end = n + len(words)
        last = seq[-1]
        for t in toks[end:end + 8]:
            if t.head.i == last.i or last.head.i == t.i or t.head.i == seq[0].i:
                if t.pos_ in ("NOUN", "PROPN", "PRON"):
                    return t if can_speak(t, lex) else _named_beside(t, lex)
        for t in toks[end:end + 6]:
            if t.pos_ in ("NOUN", "PROPN", "PRON"):
                return t
            if t.is_punct:
                break
    return None


def _named_beside(t: Token, lex: QuoteLexicon) -> Token:
    """« selon le major Paul Ebanga »: the person named beside a title no lexicon lists, else the noun itself."""
    # the tagger may leave the name after a rank untagged or call it MISC: a proper noun that is no place will do
    return next((c for c in t.children if c.i > t.i and c.dep_ in lex.labels.name_parts
                 and (c.ent_type_ in lex.labels.person_entities
                      or (c.pos_ == "PROPN" and c.ent_type_ not in lex.labels.non_org_entities))), t)


def quoted_subject(subj: Token, verb: Token) -> bool:
    """The subject found for ``verb`` stands inside a quotation closed before the verb."""
    doc = subj.doc
    mark = next((u for u in doc[subj.i + 1:verb.i] if u.text in QUOTE_MARKS), None)
    if mark is None:
        return False
    if mark.text == '"':  # straight marks: inside when an odd number of them opened before the subject
        lo = sentence_bounds(subj)[0]
        return sum(1 for u in doc[lo:subj.i] if u.text == '"') % 2 == 1
    return mark.text not in PAIRS  # the first mark after the subject closes a quotation


def subjectless_conjunct(t: Token, close: Token, lex: QuoteLexicon) -> bool:
    """« X qualifie … de « A » et exprime son « B » », "X called it “A” and voiced his “B”": a verb joined to the
    verb before the last quotation, with no subject of its own, has the same speaker."""
    return t.pos_ == "VERB" and t.dep_ in lex.labels.conjunct and t.head.i < close.i \
        and not any(c.dep_ in lex.labels.subject for c in t.children)


def light_verb_complement(t: Token, lex: QuoteLexicon) -> tuple[Token, bool]:
    """The verb that reports when ``t`` is the light verb of a reporting phrase (« faire » of « a fait valoir »,
    however the parser linked the two), and whether ``t`` reports at all."""
    if lemma_reports(t, lex.reporting_verbs):
        return t, True
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is not None and nxt.pos_ == "VERB" and f"{t.lemma_.lower()} {nxt.lemma_.lower()}" in lex.reporting_verbs:
        return nxt, True
    return t, False
