"""Helpers on text and parses shared by every stage: folding, sentence mending, definiteness, reporting.

Language words never appear here: they come from the caller's LanguagePack.
"""
from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Span, Token

#: the dashes that open and close an aside or a dialogue line
DASHES = ("—", "–")


def fold(s: str) -> str:
    """Lower case, no accents, letters and digits only: 'Kaboul' stays 'kaboul', 'États-Unis' is 'etats unis'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


# ---------------------------------------------------------------- used by quotes


# ---------------------------------------------------------------- used by events


def definite(tok: Token, words: frozenset[str] = frozenset()) -> bool:
    """A noun with a definite or demonstrative determiner (« l'information », « ces informations », "the report").

    A ``det`` child whose morphology says Definite=Def or PronType=Dem, or whose lower-case form is one of
    ``words`` (the language's definite determiners the tagger leaves unmarked: "the", "this", ...).
    """
    return any(c.dep_ == "det" and ({"Def", "Dem"} & set(c.morph.get("Definite") + c.morph.get("PronType"))
                                    or c.lower_ in words)
               for c in tok.children)


def rejoin_sentences(parsed: Doc, openers: frozenset[str], ends: frozenset[str]) -> list[Span]:
    """The parser's sentences, rejoined where it cut with no end punctuation and no line break.

    A sentence is glued to the one before when its first token is not a space and not one of ``openers``
    (a quotation mark, a bullet), the one before does not end with one of ``ends`` (. ! ? … : ; and
    closing quotes), and no line break lies between them (« les troupes du Joint Special | Command ont
    aidé »: a run of names ends no sentence).
    """
    out: list[Span] = []
    for sent in parsed.sents:
        first = sent[0]
        if (out and not first.is_space and first.text not in openers
                and out[-1][-1].text not in ends
                and "\n" not in parsed.text[out[-1].end_char - 1:sent.start_char + 1]):
            out[-1] = parsed[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


def is_reporting(verb: Token, verbs: frozenset[str], light_deps: frozenset[str]) -> bool:
    """A reporting verb, or a light verb with its noun (« faire état de », "make clear").

    True when the token's lower-case lemma is one of ``verbs`` and it is tagged VERB (an AUX or a noun
    with that lemma is not), or when ``"<lemma> <child lemma>"`` is one of ``verbs`` for a child attached
    by one of ``light_deps`` (the language's object/complement relations).
    """
    lemma = verb.lemma_.lower()
    if lemma in verbs:
        return verb.pos_ == "VERB"
    return any(f"{lemma} {c.lemma_.lower()}" in verbs for c in verb.children if c.dep_ in light_deps)
