"""Helpers on text and parses shared by every stage: folding, sentence mending, definiteness, reporting.

Language words never appear here: they come from the caller's LanguagePack.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata

from spacy.tokens import Doc, Span, Token

#: the dashes that open and close an aside or a dialogue line
DASHES = ("—", "–")


def doc_text(doc: Doc) -> str:
    """The parsed text, built once per document (spaCy's ``Doc.text`` joins every token at each call)."""
    text = doc.user_data.get("veille.text")
    if text is None:
        text = doc.user_data["veille.text"] = doc.text
    return text


def entities(doc: Doc) -> tuple[Span, ...]:
    """The named entities (``Doc.ents``, which builds its spans anew at each access), once per document."""
    found = doc.user_data.get("veille.ents")
    if found is None:
        found = doc.user_data["veille.ents"] = doc.ents
    return found


def texts(doc: Doc) -> list[str]:
    """Every token's text (``Token.text``), by token index, built once per document."""
    return _strings(doc, "ORTH")


def lowers(doc: Doc) -> list[str]:
    """Every token's lower-case form (``Token.lower_``), by token index, built once per document."""
    return _strings(doc, "LOWER")


def lemmas(doc: Doc) -> list[str]:
    """Every token's lemma, lower-cased (``Token.lemma_.lower()``), by token index, built once per document."""
    out = doc.user_data.get("veille.lemmas")
    if out is None:
        out = doc.user_data["veille.lemmas"] = [s.lower() for s in _strings(doc, "LEMMA")]
    return out


def pos_tags(doc: Doc) -> list[str]:
    """Every token's coarse part of speech (``Token.pos_``), by token index, built once per document."""
    return _strings(doc, "POS")


def _strings(doc: Doc, attr: str) -> list[str]:
    """One string attribute of every token, read from the token array at once (a Token per access costs more)."""
    key = "veille." + attr
    out = doc.user_data.get(key)
    if out is None:
        strings = doc.vocab.strings
        out = doc.user_data[key] = [strings[h] for h in doc.to_array(attr).tolist()] if len(doc) else []
    return out


@functools.lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Lower case, no accents, letters and digits only: 'Kaboul' stays 'kaboul', 'États-Unis' is 'etats unis'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


# ---------------------------------------------------------------- used by quotes
def sentence_bounds(t: Token) -> tuple[int, int]:
    """Token range [lo, hi) of the parser's sentence of ``t``, cut at line breaks (the parser runs sentences over paragraphs).

    Read from per-document arrays built once (:func:`_bounds`): quotes ask for them thousands of times per document.
    """
    lo, hi = _bounds(t.doc)
    return lo[t.i], hi[t.i]


def _bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """For every token, the start and the end of its sentence as :func:`sentence_bounds` defines them.

    A token's range starts at the nearest token at or before it that starts a sentence or follows a token
    holding a line break (or at 0); it ends at the first token after it that starts a sentence or holds a
    line break (or at the end).
    """
    cached = doc.user_data.get("veille.bounds")
    if cached is not None:
        return cached
    n = len(doc)
    starts, idx = (doc.to_array(["SENT_START", "IDX"]).T.tolist() if n else ([], []))
    breaks = [False] * n
    text = doc_text(doc)
    p = text.find("\n")
    while p >= 0:  # a token's trailing whitespace is at most one space: a line break lies in a token's text
        breaks[bisect.bisect_right(idx, p) - 1] = True
        p = text.find("\n", p + 1)
    lo = [0] * n
    for i in range(1, n):
        lo[i] = i if starts[i] == 1 or breaks[i - 1] else lo[i - 1]
    ends = [n] * (n + 1)  # ends[j]: the first k >= j that starts a sentence or holds a line break, else n
    for j in range(n - 1, 0, -1):
        ends[j] = j if starts[j] == 1 or breaks[j] else ends[j + 1]
    hi = [ends[i + 1] for i in range(n)]
    doc.user_data["veille.bounds"] = (lo, hi)
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


def lemma_reports(t: Token, verbs: frozenset[str]) -> bool:
    """``t``'s lemma is one of ``verbs``, or is listed with its head as a light verb (« faire savoir »).

    Seen from the complement: ``t`` is « savoir », its head « faire ». Lemmas are lower-cased; the part of
    speech is not checked (callers do). :func:`is_reporting_verb` is the same test seen from the light verb.
    """
    lemma = t.lemma_.lower()
    if lemma in verbs:
        return True
    return t.head.i != t.i and f"{t.head.lemma_.lower()} {lemma}" in verbs


def has_definite(t: Token, definite: frozenset[str]) -> bool:
    """A child of ``t`` before it is one of the ``definite`` determiners (« le porte-parole », "the agency")."""
    return any(c.lower_ in definite for c in t.children if c.i < t.i)


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
                and "\n" not in doc_text(parsed)[out[-1].end_char - 1:sent.start_char + 1]):
            out[-1] = parsed[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


def is_reporting_verb(verb: Token, verbs: frozenset[str], light_deps: frozenset[str]) -> bool:
    """A reporting verb, or a light verb with its noun (« faire état de », "make clear").

    Seen from the light verb (``verb`` is « faire »), and stricter than :func:`lemma_reports`: a listed
    lemma must be tagged VERB and the noun must hang on one of ``light_deps``.

    True when the token's lower-case lemma is one of ``verbs`` and it is tagged VERB (an AUX or a noun
    with that lemma is not), or when ``"<lemma> <child lemma>"`` is one of ``verbs`` for a child attached
    by one of ``light_deps`` (the language's object/complement relations).
    """
    lemma = verb.lemma_.lower()
    if lemma in verbs:
        return verb.pos_ == "VERB"
    return any(f"{lemma} {c.lemma_.lower()}" in verbs for c in verb.children if c.dep_ in light_deps)
