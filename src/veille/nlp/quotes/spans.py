"""The records the quote stage passes between its steps, and helpers on character spans."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...model import Entity, Evidence, QuoteKind

# Typographic marks (script-level, shared by the languages veille reads; language words live in quotes.json)
PAIRS = {"«": "»", "“": "”", "‹": "›", '"': '"', "„": "“"}
OPEN_MARKS = frozenset(PAIRS) | {"'"}
QUOTE_MARKS = frozenset("«»“”‹›\"„")
TRIM = " \t\n\r\u00a0\u202f\u2009,;:"
SENTENCE_STOPS = (".", "!", "?", "…", ";", ":")
WORD = re.compile(r"\w+")
# Universal parts of speech (the parsers' own dependency and entity labels are in each QuoteLexicon.labels)
NP_STOP_POS = frozenset({"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON"})




@dataclass(slots=True)
class Attr:
    """Who a quote is attributed to, before resolution."""

    cue: Token | None = None
    subject: Token | None = None  # head of the speaker mention
    pronoun: str | None = None  # "sg" or "pl"
    handle: Token | None = None  # « @JeanDupont : “…” »
    previous: bool = False  # continuation of the last speaker
    incise: bool = False  # given by an incise right after the quote


@dataclass(slots=True)
class Cand:
    start: int
    end: int
    kind: QuoteKind
    attr: Attr
    emit: bool = True  # False: only lends its attribution to the direct quotes inside it


@dataclass(slots=True)
class Speaker:
    name: str
    evidence: Evidence | None
    role: str | None
    kind: str  # person, org, group
    entity: Entity | None = None  # the cluster the speaker is, when there is one


def trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """``text[a:b]`` without surrounding blanks and clause punctuation; None when nothing is left."""
    while a < b and text[a] in TRIM:
        a += 1
    while b > a and text[b - 1] in TRIM:
        b -= 1
    return (a, b) if b > a else None


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """``pos`` falls in one of ``spans``."""
    return any(a <= pos < b for a, b in spans)


def quoted_share(a: int, b: int, spans: list[tuple[int, int]]) -> float:
    """Share of ``[a, b)`` covered by ``spans``."""
    covered = sum(max(0, min(b, e) - max(a, s)) for s, e in spans)
    return covered / max(1, b - a)


def unquoted_content(doc: Doc, a: int, b: int, direct: list[tuple[int, int]]) -> int:
    """Content words of ``text[a:b]`` outside direct quotations."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return 0
    return sum(1 for t in span if (t.is_alpha or t.like_num) and not t.is_stop and not inside(t.idx, direct))


def ev(text: str, t: Token | Span) -> Evidence:
    """The evidence of a token or span."""
    if isinstance(t, Token):
        return Evidence.of(text, t.idx, t.idx + len(t.text))
    return Evidence.of(text, t.start_char, t.end_char)


def word_count(text: str, a: int, b: int) -> int:
    """Words of ``text[a:b]``."""
    return len(WORD.findall(text[a:b]))


def unglued(word: str, articles: frozenset[str]) -> str:
    """« leCollectif », "theCouncil": a definite article glued to a name by a bad cleaning is no part of it."""
    for det in sorted(articles, key=len, reverse=True):
        n = len(det)
        if len(word) > n + 1 and word.startswith(det) and word[n].isupper() and word[n + 1].islower():
            return word[n:]
    return word
