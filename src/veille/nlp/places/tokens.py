"""Token tests shared by detection and resolution: a name-like word, a preposition's object."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...lang.places import PlaceLexicon


def lower(tok: Token) -> str:
    return tok.text.lower().replace("’", "'")


def name_like(tok: Token, lex: PlaceLexicon) -> bool:
    t = tok.text
    return t[:1].isupper() and t[-1:] != "'" and tok.pos_ not in lex.closed_pos and any(c.isalpha() for c in t)


def locative_object(span: Span, lex: PlaceLexicon) -> bool:
    """The span is governed by a preposition of place (« à X », "in X", "near X")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "across Kordofan and the Sahel": the preposition governs the first item
    if root.dep_ == "pobj":
        return lower(root.head) in lex.locative_prepositions
    return any(ch.dep_ == "case" and lower(ch) in lex.locative_prepositions for ch in root.children)


def prepositional_object(span: Span) -> bool:
    """The span is governed by a preposition (« dans le X », "with X")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "in Zambia, Malawi and Mozambique": the preposition governs the first item
    return root.dep_ == "pobj" or any(ch.dep_ == "case" for ch in root.children)
