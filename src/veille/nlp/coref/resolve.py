"""Resolution of one mention to a cluster: pronouns by gender and salience, descriptions by type, documents by issuer."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...config import CorefSettings
from ...lang.coref import CorefLexicon, fold_title
from ...lang.quotes import QuoteLexicon
from ...model import Entity
from ..entities import EntityIndex
from ..syntax import doc_text

_NP_MODIFIERS = ("compound", "amod", "nmod", "flat", "fixed")


@dataclass(slots=True)
class Resolver:
    """What resolving a mention reads: the parse, the named clusters, their types and the lexicons."""

    parsed: Doc
    index: EntityIndex
    types: dict[int, frozenset[str]]  # id(entity) -> types of body
    lex: CorefLexicon
    qlex: QuoteLexicon
    cfg: CorefSettings

    def resolve(self, head: Token, before: int | None = None) -> Entity | None:
        """The cluster a pronoun, a description or a document noun stands for; None when it stands for none.

        ``before``: a pronoun's antecedent is named before that character (the start of the quotation its incise
        attributes: a name inside the quotation is not the speaker's).
        """
        low = head.lower_
        if low in self.lex.neuter_pronouns or low in self.lex.masculine_pronouns \
                or low in self.lex.feminine_pronouns:
            return self.pronoun(head, before)
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        document = low in self.lex.document_nouns or head.lemma_.lower() in self.lex.document_nouns
        if not _definite(head, self.qlex):
            # "a statement from the ministry": an indefinite document names its issuer, or stands for none
            return self._named_issuer(head) if document else None
        if document:
            return self.issuer(head)
        return self.titled(head) or self.described(head)

    def titled(self, head: Token) -> Entity | None:
        """« le chef de l'État », "the head of state": the one person the document names in that office."""
        words = f" {fold_title(self.parsed[head.i:min(head.i + 5, head.sent.end)].text)} "
        roles = next((r for t, r in self.lex.role_titles.items() if words.startswith(f" {t} ")), None)
        if not roles:
            return None
        holders = {id(e): e for e in self.index.entities if e.kind == "person" and e.role
                   and any(f" {r} " in f" {fold_title(e.role)} " for r in roles)}
        return next(iter(holders.values())) if len(holders) == 1 else None

    def extent(self, head: Token) -> tuple[int, int]:
        """The characters of the mention headed by ``head`` (the noun and the modifiers before it)."""
        lo = head.i
        while lo > 0 and self.parsed[lo - 1].head.i == head.i and self.parsed[lo - 1].dep_ in _NP_MODIFIERS:
            lo -= 1
        return self.parsed[lo].idx, head.idx + len(head.text)

    def pronoun(self, tok: Token, before: int | None = None) -> Entity | None:
        """The most salient compatible cluster before a pronoun: the latest subject, else the latest mention."""
        low = tok.lower_
        kinds = ("org",) if low in self.lex.neuter_pronouns else ("person", "org")
        if self.qlex.lang == "en" and kinds != ("org",):
            kinds = ("person",)  # "he", "she": a person; a body is "it"
        gender = "Masc" if low in self.lex.masculine_pronouns else "Fem" if low in self.lex.feminine_pronouns else ""
        limit = tok.idx if before is None else min(before, tok.idx)
        found = [(start, ent, subj) for start, ent, subj in self._before(limit, self.cfg.pronoun_chars)
                 if ent.kind in kinds and (ent.kind == "person" or not gender or self._gender(start) in ("", gender))]
        reporter = self._reporter(tok, {id(f[1]) for f in found})
        if reporter is not None:
            return reporter
        subjects = [f for f in found if f[2]]
        best = (subjects or found or [None])[-1]
        return best[1] if best else None

    def _reporter(self, tok: Token, compatible: set[int]) -> Entity | None:
        """"X said it was …", « X a affirmé qu'il … »: the subject of the clause's reporting verb, when it names
        a compatible cluster (the subject of the verb above outranks any later subject)."""
        labels = self.qlex.labels
        if tok.dep_ not in labels.subject or tok.head.dep_ not in labels.clause_complement:
            return None
        above = tok.head.head
        for child in above.children:
            if child.dep_ in labels.subject and child.i < tok.i:
                ents = [e for t in child.subtree if (e := self.index.at(t)) is not None and id(e) in compatible]
                if ents:
                    return ents[-1]
        return None

    def described(self, head: Token) -> Entity | None:
        """« l'ONG », "the ministry", "the aid group": the latest body of that type named before."""
        words = self._np_words(head)
        wanted = self.lex.types_of(words)
        generic = head.lower_ in self.lex.generic_nouns or head.lemma_.lower() in self.lex.generic_nouns
        if not wanted and not generic:
            return None
        before = [(s, e, subj) for s, e, subj in self._before(head.idx, self.cfg.description_chars) if e.kind == "org"]
        typed = [f for f in before if self.types.get(id(f[1]), frozenset()) & wanted]
        if typed:
            return typed[-1][1]
        ahead = self._typed_after(head, wanted)  # "the vessel's owner said … Vesta Shipping Ltd said": named after
        if ahead is not None:
            return ahead
        # a typed description (« l'armée nigériane ») never stands for a body of no known type, unless names of
        # that type seldom say it ("the company": « Lorvane Shipping »)
        untyped = [f for f in before if not self.types.get(id(f[1]))]
        if wanted & self.lex.unmarked_types and untyped:
            return ([f for f in untyped if f[2]] or untyped)[-1][1]
        if not generic:
            return None
        # "the group", « l'organisation » (a generic noun, even one that may also name a type: « le groupe »): the
        # body of no known type last made subject, else the body named last, close before (as near as a pronoun's)
        untyped = [f for f in untyped if f[2]]
        near = [f for f in before if head.idx - f[0] <= self.cfg.pronoun_chars]
        return (untyped or near or [(0, None, False)])[-1][1]

    def issuer(self, head: Token) -> Entity | None:
        """« le communiqué du ministère », "the statement": the body or person who issued the document."""
        ent = self._named_issuer(head)
        if ent is not None:
            return ent
        own = self._clause_subject(head)  # "In a statement, X said …"
        if own is not None:
            return own
        lo = head.idx - self.cfg.document_chars
        for t in reversed(self.parsed[:head.i]):
            if t.idx < lo:
                break
            if t.lower_ in self.lex.document_nouns or t.lemma_.lower() in self.lex.document_nouns:
                ent = self._clause_subject(t)
                if ent is not None:
                    return ent
        return None

    def _named_issuer(self, head: Token) -> Entity | None:
        """The issuer a document noun names: « le communiqué du ministère », "the ministry's statement", "a statement
        from the governor"."""
        for child in head.children:
            if child.i > head.i and child.pos_ == "ADP":  # "from the governor": the noun it governs
                child = next((g for g in child.children if g.pos_ in ("NOUN", "PROPN")), child)
            if (child.i > head.i and child.dep_ in ("nmod", "pobj")) or child.dep_ == "poss":
                ent = self.index.at(child) or self.resolve(child)
                if ent is not None:
                    return ent
        return None

    def _clause_subject(self, tok: Token) -> Entity | None:
        """The named cluster that is the subject of the verb governing ``tok`` (« X a publié un communiqué »)."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for child in verb.children:
            if child.dep_ in self.qlex.labels.subject and child.i != tok.i:
                ent = self.index.at(child) or next((self.index.at(t) for t in child.subtree if self.index.at(t)), None)
                if ent is not None:
                    return ent
        return None

    def _before(self, char: int, window: int) -> list[tuple[int, Entity, bool]]:
        """Mentions of named clusters in ``window`` chars before ``char``: (start, cluster, is a subject)."""
        out = []
        for start, end, ent in self.index.mentions:
            if start >= char:
                break
            if char - start > window:
                continue
            span = self.parsed.char_span(start, end, alignment_mode="expand")
            subj = span is not None and _in_subject(span.root, self.qlex.labels.subject)
            out.append((start, ent, subj))
        return out

    def _typed_after(self, head: Token, wanted: frozenset[str]) -> Entity | None:
        """The first body of a wanted type named after a description that has no antecedent of that type."""
        if not wanted:
            return None
        for start, _end, ent in self.index.mentions:
            if start <= head.idx or start - head.idx > self.cfg.description_chars:
                continue
            if ent.kind == "org" and self.types.get(id(ent), frozenset()) & wanted:
                return ent
        return None

    def _gender(self, start: int) -> str:
        """The grammatical gender of a body's mention: its first word or the determiner before it."""
        span = self.parsed.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return ""
        first = span[0]
        for t in (first, self.parsed[first.i - 1] if first.i > 0 else first):
            g = t.morph.get("Gender")
            if g:
                return g[0]
        return ""

    def _np_words(self, head: Token) -> str:
        """The description's words: the noun, its modifiers before it and a « de ce pays » after it."""
        lo, hi = self.extent(head)
        return doc_text(self.parsed)[lo:hi]


def _definite(head: Token, qlex: QuoteLexicon) -> bool:
    """« le ministère », "the company", "its statement": a definite, demonstrative or possessive description."""
    if any(c.i < head.i and c.dep_ in qlex.labels.possessor for c in head.children):
        return True  # "the vessel's owner", "its owner"
    # « du ministère »: the article merged with the preposition (« de le ») is still an article
    return any(c.i < head.i and (c.pos_ == "DET" or "Art" in c.morph.get("PronType")) and (
        c.lower_ in qlex.definite or "Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType")
        or "Yes" in c.morph.get("Poss")) for c in head.children)


def _in_subject(tok: Token, subject: frozenset[str]) -> bool:
    """Whether a mention is, or sits inside, a subject: "the chapter of X said" makes X salient too."""
    while True:
        if tok.dep_ in subject:
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        tok = tok.head
