"""People and organisations of a document under one canonical name each.

Person mentions are grouped by surname, so « Durand » later in the text is
the « Anne Durand » named earlier; the canonical name is the fullest form the
document gives. Roles come from appositions (« le porte-parole du ministère,
Paul Martin, », "Paul Martin, the ministry spokesman,") and from a role noun
right before the name (« le commandant du port Paul Martin »), so that a later
description (« le porte-parole ») can be resolved to the person.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..config import QuotesSettings
from ..lang.quotes import QuoteLexicon
from ..model import Document, Entity, Evidence
from .syntax import entities, fold, texts

_ROLE_STOP_POS = frozenset({"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON", "SPACE"})


@dataclass(slots=True)
class EntityIndex:
    """The entities of one document with fast look-ups by token, position, role and name."""

    entities: list[Entity] = field(default_factory=list)
    by_token: dict[int, Entity] = field(default_factory=dict)
    mentions: list[tuple[int, int, Entity]] = field(default_factory=list)  # char spans, in text order

    def at(self, token: Token) -> Entity | None:
        """The entity a token belongs to, if any."""
        return self.by_token.get(token.i)

    def in_tokens(self, tokens: list[Token] | Span, kind: str | None = None) -> list[tuple[Token, Entity]]:
        """Entities mentioned in ``tokens`` (first token of each mention), in text order."""
        out: list[tuple[Token, Entity]] = []
        seen: set[int] = set()
        for t in tokens:
            ent = self.by_token.get(t.i)
            if ent is not None and (kind is None or ent.kind == kind) and id(ent) not in seen:
                seen.add(id(ent))
                out.append((t, ent))
        return out

    def last_before(self, char: int, kind: str | None = None) -> Entity | None:
        """The entity mentioned last before ``char``."""
        best = None
        for start, _end, ent in self.mentions:
            if start >= char:
                break
            if kind is None or ent.kind == kind:
                best = ent
        return best

    def by_role(self, noun: str, before: int, synonyms: frozenset[str] = frozenset()) -> Entity | None:
        """The person last named before ``before`` whose role contains ``noun`` (or one of its synonyms)."""
        keys = {fold(noun)} | {fold(x) for x in synonyms}
        best = None
        for start, _end, ent in self.mentions:
            if start >= before:
                break
            if ent.kind == "person" and ent.role and any(f" {k} " in f" {fold(ent.role)} " for k in keys):
                best = ent
        return best

    def by_handle(self, handle: str, min_chars: int) -> Entity | None:
        """The person whose surname (``min_chars`` or longer) appears in a social-media handle (« @JeanDupontTV »)."""
        h = fold(handle).replace(" ", "")
        for ent in self.entities:
            if ent.kind == "person" and len(ent.name.split()) > 1:
                last = fold(ent.name.split()[-1])
                if len(last) >= min_chars and last in h:
                    return ent
        return None


def is_acronym(word: str, max_chars: int) -> bool:
    """« FNR », "UN": upper case, two to ``max_chars`` characters."""
    return word.isupper() and 2 <= len(word) <= max_chars


def build_entity_index(doc: Document, parsed: Doc, lex: QuoteLexicon, cfg: QuotesSettings) -> EntityIndex:
    """The entities of the document (one per person or organisation, with aliases, role and mentions) and look-ups."""
    text = doc.text
    index = EntityIndex()
    persons: dict[str, Entity] = {}  # folded surname -> entity
    orgs: dict[str, Entity] = {}  # folded name or acronym -> entity
    for ent in entities(parsed):
        if ent.label_ in lex.labels.person_entities:
            found = _person(ent, lex, cfg, text, persons, index)
            if found is None:
                continue
            entity, span = found
        elif ent.label_ in lex.labels.org_entities:
            span = _strip_determiners(ent, lex)
            if span is None or not span.text[:1].isupper() or span[0].i in index.by_token:
                continue
            span = extend_name(span, lex)
            name = text[span.start_char:span.end_char]
            key = fold(name)
            entity = orgs.get(key)
            if entity is None:
                entity = Entity(name=name, kind="org")
                orgs[key] = entity
                index.entities.append(entity)
            acronym = _acronym_after(span, cfg.acronym_max_chars)
            if acronym and fold(acronym) not in orgs:
                orgs[fold(acronym)] = entity
                entity.aliases.append(acronym)
        else:
            continue
        entity.mentions.append(Evidence.of(text, span.start_char, span.end_char))
        index.mentions.append((span.start_char, span.end_char, entity))
        for t in span:
            index.by_token[t.i] = entity
    _expand_acronyms(parsed, text, orgs, cfg.acronym_max_chars)
    # An acronym or bare name tagged on its own later (« le FNR ») joins its organisation.
    for i, word in enumerate(texts(parsed)):
        if i not in index.by_token and word[:1].isupper() and len(word) > 1:
            t = parsed[i]
            ent = orgs.get(fold(t.text))
            if ent is not None and t.text in ent.aliases:
                index.by_token[t.i] = ent
                ent.mentions.append(Evidence.of(text, t.idx, t.idx + len(t.text)))
                index.mentions.append((t.idx, t.idx + len(t.text), ent))
    index.mentions.sort(key=lambda m: m[0])
    return index


def _person(ent: Span, lex: QuoteLexicon, cfg: QuotesSettings, text: str, persons: dict[str, Entity],
            index: EntityIndex) -> tuple[Entity, Span] | None:
    """The person entity a PER mention names (one per surname; the fullest name wins), or None."""
    span = _clean_person(ent, lex)
    if span is None:
        return None
    name = text[span.start_char:span.end_char]
    words = name.split()
    key = fold(words[-1])
    if not key:
        return None
    entity = persons.get(key)
    if entity is None:
        entity = Entity(name=name, kind="person")
        persons[key] = entity
        index.entities.append(entity)
    elif len(words) > len(entity.name.split()):
        entity.aliases.append(entity.name)
        entity.name = name
    elif name != entity.name and name not in entity.aliases:
        entity.aliases.append(name)
    if entity.role is None:
        entity.role = _role_of(span, lex, text, cfg)
    return entity, span


def _expand_acronyms(parsed: Doc, text: str, orgs: dict[str, Entity], max_chars: int) -> None:
    """« le groupe État islamique (EI) »: the organisation is named by its expansion, the acronym is an alias."""
    written = texts(parsed)
    for i, word in enumerate(written):
        if word != "(" or i == 0 or i + 2 >= len(parsed):
            continue
        acr = parsed[i + 1]
        if parsed[i + 2].text != ")" or not is_acronym(acr.text, max_chars):
            continue
        j = i
        while j > 0 and i - j < 6 and not parsed[j - 1].is_punct and parsed[j - 1].pos_ not in ("DET", "VERB", "AUX"):
            j -= 1
        while j < i and not parsed[j].text[:1].isupper():
            j += 1  # « groupe État islamique » -> « État islamique »
        if j >= i:
            continue
        span = parsed[j:i]
        name = text[span.start_char:span.end_char]
        ent = orgs.get(fold(name)) or orgs.get(fold(acr.text))
        if ent is None or ent.kind != "org":
            continue
        if ent.name == acr.text:
            ent.name = name
        for alias in (acr.text, name):
            if alias != ent.name and alias not in ent.aliases:
                ent.aliases.append(alias)
        orgs.setdefault(fold(acr.text), ent)
        orgs.setdefault(fold(name), ent)


def extend_name(span: Span, lex: QuoteLexicon) -> Span:
    """A name the tagger cut short, mended on the parse: « Union des dockers » + « du Ponant », « Forces armées »
    + « kessariennes »: a linking word and a capitalised word, or an adjective, governed by the name."""
    doc, end = span.doc, span.end
    while end - 1 > span.start and (doc[end - 1].lower_ in lex.name_links or doc[end - 1].lower_ in lex.determiners):
        end -= 1  # « Union des marins du »: a name never ends on its linking word
    span = doc[span.start:end]
    descriptive = any(t.is_lower and t.is_alpha and t.lower_ not in lex.name_links for t in span)
    while end < len(doc):
        t = doc[end]
        if t.pos_ == "ADJ" and t.is_lower and descriptive and span.start <= t.head.i < end:
            end += 1  # « Forces armées kessariennes »: an adjective of a name already in lower-case words
            continue
        k = end
        while k < len(doc) and k - end < 2 and doc[k].lower_ in lex.name_links | lex.determiners:
            k += 1
        if k == end or k >= len(doc) or doc[end].lower_ not in lex.name_links:
            break
        noun = doc[k]
        if not noun.text[:1].isupper() or noun.ent_type_ in lex.labels.person_entities \
                or not span.start <= noun.head.i < end:
            break
        end = k + 1
        while end < len(doc) and doc[end].head.i == noun.i and doc[end].text[:1].isupper() \
                and doc[end].pos_ == "PROPN":
            end += 1
    return doc[span.start:end]


def _clean_person(ent: Span, lex: QuoteLexicon) -> Span | None:
    """The name part of a person mention: titles and a trailing possessive removed."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in lex.titles or doc[start].lower_ in lex.role_nouns):
        start += 1
    if start < end and not doc[start].text[:1].isupper():
        return None  # « le président de la République » is a role, not a name
    while end > start and (doc[end - 1].lower_ in lex.possessive_endings or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    if not any(c.isalpha() for c in span.text) or span.text.startswith("@"):
        return None
    return span


def _strip_determiners(ent: Span, lex: QuoteLexicon) -> Span | None:
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].lower_ in lex.determiners or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end] if start < end else None


def _acronym_after(span: Span, max_chars: int) -> str | None:
    """« Front national de résistance (FNR) » -> FNR."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        cand = doc[span.end + 1].text
        if is_acronym(cand, max_chars):
            return cand
    return None


def _role_of(span: Span, lex: QuoteLexicon, text: str, cfg: QuotesSettings) -> str | None:
    """The role given to a person in an apposition or right before the name."""
    doc = span.doc
    sent = span.sent
    # « le porte-parole du ministère, Paul Martin » / « le porte-parole Paul Martin »
    i = span.start - 1
    if i >= sent.start and doc[i].text == ",":
        i -= 1
    window: list[Token] = []
    while i >= sent.start and len(window) < cfg.role_before_tokens and doc[i].pos_ not in _ROLE_STOP_POS:
        window.append(doc[i])
        i -= 1
    window.reverse()
    role = _role_from(window, lex, text)
    if role:
        return role
    # "Paul Martin, the ministry spokesman," / « Paul Martin, porte-parole du ministère, »
    j = span.end
    if j < sent.end and doc[j].text == ",":
        window = []
        j += 1
        while j < sent.end and len(window) < cfg.role_after_tokens and doc[j].pos_ not in _ROLE_STOP_POS:
            window.append(doc[j])
            j += 1
        if window and any(t.lower_ in lex.role_nouns or t.lemma_.lower() in lex.role_nouns for t in window[:4]):
            return _role_from(window, lex, text)
    return None


def _role_from(window: list[Token], lex: QuoteLexicon, text: str) -> str | None:
    """The role phrase in ``window``, from its first content word, if it holds a role noun."""
    if not any(t.lower_ in lex.role_nouns or t.lemma_.lower() in lex.role_nouns for t in window):
        return None
    k = 0
    while k < len(window) and (window[k].lower_ in lex.determiners or window[k].pos_ == "ADP"):
        k += 1
    if k >= len(window):
        return None
    first, last = window[k], window[-1]
    return text[first.idx:last.idx + len(last.text)] or None
