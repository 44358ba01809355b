"""Helpers on text and parses shared by every stage: folding, sentence mending, definiteness, reporting.

Language words never appear here: they come from the caller's LanguagePack.
"""
from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Token

#: the dashes that open and close an aside or a dialogue line
DASHES = ("—", "–")


def fold(s: str) -> str:
    """Lower case, no accents, letters and digits only: 'Kaboul' stays 'kaboul', 'États-Unis' is 'etats unis'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


# ---------------------------------------------------------------- used by quotes
def sentence_bounds(t: Token) -> tuple[int, int]:
    """Token range [lo, hi) of the parser's sentence of ``t``, cut at line breaks (the parser runs sentences over paragraphs)."""
    doc = t.doc
    lo, hi, n = t.i, t.i + 1, len(doc)
    while lo > 0 and not doc[lo].is_sent_start and "\n" not in doc[lo - 1].text:
        lo -= 1
    while hi < n and not doc[hi].is_sent_start and "\n" not in doc[hi].text:
        hi += 1
    return lo, hi


def sentence_end(t: Token, stops: tuple[str, ...]) -> int:
    """End of the sentence of ``t``, mended where the parser cut inside it (« attentats-suicides »).

    The parser's sentence (:func:`sentence_bounds`) is extended by the next ones while it does not end
    on one of ``stops``, no line break intervenes and the next one starts lower-case.
    """
    doc = t.doc
    hi = sentence_bounds(t)[1]
    while hi < len(doc) and doc[hi - 1].text not in stops \
            and "\n" not in doc[hi - 1].text and "\n" not in doc[hi].text and not doc[hi].text[:1].isupper():
        hi = sentence_bounds(doc[hi])[1]
    return hi


def is_reporting(t: Token, verbs: frozenset[str]) -> bool:
    """``t``'s lemma is one of ``verbs``, or is listed with its head as a light verb (« faire savoir »).

    Lemmas are lower-cased; the part of speech is not checked (callers do).
    """
    lemma = t.lemma_.lower()
    if lemma in verbs:
        return True
    return t.head.i != t.i and f"{t.head.lemma_.lower()} {lemma}" in verbs


def has_definite(t: Token, definite: frozenset[str]) -> bool:
    """A child of ``t`` before it is one of the ``definite`` determiners (« le porte-parole », "the agency")."""
    return any(c.lower_ in definite for c in t.children if c.i < t.i)



# ---------------------------------------------------------------- used by events
